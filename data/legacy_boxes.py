"""Whether a legacy row is a box already imported, and what differs when it is.

A box is its station, its lot and its box number (REFERENCE.md: each registration on a station
is one box of the lot in progress there, and the box counter advances). The same box number
repeats on another station (one lot code may run on several machines: the sample has box 2 of
lot L2503-001 on 206 and on 213) and in another lot, never within one station's lot.
So a legacy row whose station, lot and box match a record imported earlier is that box again,
whatever else it says: already present when its content is the same, a conflict when it differs
(the record is kept as imported, the row is not imported, and the differing columns are named).

The row is compared with the record as it was imported (its version 1), not with its current
version: a supervisor's later correction does not make the file it corrected a conflict.
`origem` is not kept on a record (only in its import event), so it is not compared. A time
without seconds (a copy re-saved by Excel) is the same time as one within that minute.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION
from data import schema
from data.legacy_import import LegacyRow
from data.records_repo import row_to_record
from models.record import Origin, ProductionRecord, Rejection

R = schema.record_versions

# One box of the plant: (station, lot, box number).
BoxKey = tuple[str, str, int]


@dataclass(frozen=True)
class BoxConflict:
    """A legacy line that is a box already imported with other values; it was not imported."""

    line: int
    station_id: str
    lot: str
    box: int
    differences: tuple[str, ...]  # one per column, e.g. "percent_cam_d: 4.42 imported, ..."
    record_id: str  # the record kept
    earlier_line: int | None = None  # that record's line, when this import made it


def box_of(row: LegacyRow) -> BoxKey:
    return row.station_id, row.draft.lot, row.draft.box


def imported_box(connection: Connection, row: LegacyRow) -> tuple[str, list[str]] | None:
    """The record imported for the row's box and the columns in which the row differs from it
    (empty: the same box, already present), or None when the box was never imported. When an
    older import left several records for the box, one the row matches wins."""
    station, lot, box = box_of(row)
    query = select(R).where(R.c.station_id == station, R.c.lot == lot, R.c.box == box,
                            R.c.version == 1, R.c.origin == str(Origin.IMPORT))
    # Read through the box's index (ix_record_versions_box: a few rows) and put in order here:
    # with an ORDER BY recorded_at SQLite takes the station's time index instead, and reads the
    # station's whole history for every row (a lot of N boxes cost N^2).
    stored_rows = sorted(connection.execute(query),
                         key=lambda stored: (stored.recorded_at, stored.record_id))
    found: tuple[str, list[str]] | None = None
    for stored in stored_rows:
        record = row_to_record(stored)
        differing = differences(row, record)
        if not differing:
            return record.record_id, []
        found = found or (record.record_id, differing)
    return found


def differences(row: LegacyRow, record: ProductionRecord) -> list[str]:
    """Each legacy column whose value in the row is not the record's, with both values."""
    draft = row.draft
    found: list[str] = []

    def differ(column: str, imported: str, here: str) -> None:
        found.append(f"{column}: {imported} imported, {here} in this line")

    if draft.size != record.size:
        differ("size", repr(record.size), repr(draft.size))
    if not _same_number(draft.unit_weight_kg, record.unit_weight_kg):
        differ("peso", _number(record.unit_weight_kg), _number(draft.unit_weight_kg))
    for index in range(3):
        imported, here = _slot(record.rejections, index), _slot(draft.rejections, index)
        if imported != here:
            differ(f"rejection {index + 1}", imported, here)
    for column, imported_value, value in (("percent_cam_d", record.cam_d, draft.cam_d),
                                          ("percent_cam_w", record.cam_w, draft.cam_w)):
        if not _same_number(value, imported_value):
            differ(column, _number(imported_value), _number(value))
    imported_time = _local(record.recorded_at, record.utc_offset_minutes)
    time = _local(row.recorded_at_utc, row.utc_offset_minutes)
    if not _same_time(imported_time, time):
        differ("data_hora", _time(imported_time), _time(time))
    if row.operator != record.operator:
        differ("usuario_reg", repr(record.operator), repr(row.operator))
    if (row.justification or None) != (record.reason or None):
        differ("justificativa", repr(record.reason or ""), repr(row.justification))
    return found


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _number(value: float | None) -> str:
    return "empty" if value is None else format(value, ".10g")


def _slot(rejections: tuple[Rejection, ...], index: int) -> str:
    if index >= len(rejections) or rejections[index].defect.upper() == NO_REJECTION:
        return "no rejection"
    rejection = rejections[index]
    where = "location not recorded" if rejection.location == LOCATION_NOT_RECORDED \
        else rejection.location
    return f"{rejection.defect} at {where}"


def _local(utc: datetime, offset_minutes: int) -> datetime:
    """The wall-clock time the file wrote (what the import key hashes too): comparing it, not
    UTC, keeps a copy imported with another --timezone the same box."""
    return (utc + timedelta(minutes=offset_minutes)).replace(tzinfo=None)


def _same_time(a: datetime, b: datetime) -> bool:
    if a == b:
        return True
    # A copy re-saved by Excel keeps hours and minutes only: the same minute is the same time.
    without_seconds = (a.second == 0 and a.microsecond == 0) or (b.second == 0
                                                                  and b.microsecond == 0)
    return without_seconds and a.replace(second=0, microsecond=0) == b.replace(second=0,
                                                                               microsecond=0)


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")
