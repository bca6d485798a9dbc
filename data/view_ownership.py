"""Which station a record of the site view belongs to, and which of its versions the view takes:
the same answer whatever order a PC reads the journals in.

A record belongs to the station its version 1 names, whichever journal carries that version (a
record an office PC made for station 207 is 207's). Any later version, signed or not, is taken
only if it names that station (a correction copies its record's station): a copy of a
station's key cannot take over another station's records, and a signed version cannot move
one (utils/site/site_ingest.py takes a version of another station's record from a journal only
when a person signed it). When a version is read before its record's version 1 (station 207's
journal read before the office PC's), the owner is not known yet: the version waits in
`view_waiting_versions` and is judged when version 1 arrives, as if read after it. Refused, it
is named in the batch's refusals (the station's anomaly); one whose version 1 never comes stays
waiting, is never shown, and is its station's warning while it waits (`waiting_by_station`).

A version 1 of a record id whose version 1 names another station is a collision: the later one
read is refused. Since record ids are made for their station (models/record_ids.py) a copy is
refused before it gets here, on every PC; for ids of the older, random form which one is
read first can still differ between PCs (docs/architecture.md, "The same view from any PC").
"""

from __future__ import annotations

import logging
import sqlite3
from operator import itemgetter
from typing import Any

from data.view_schema import RECORD_COLUMNS

log = logging.getLogger(__name__)

IN_CHUNK = 500
_values = itemgetter(*RECORD_COLUMNS)
_WAIT = (f"INSERT OR IGNORE INTO view_waiting_versions ({', '.join(RECORD_COLUMNS)}) "
         f"VALUES ({', '.join('?' * len(RECORD_COLUMNS))})")

Refusals = list[tuple[str, str]]  # (the journal's station, why), as Stored.refused holds them


def owned(db: sqlite3.Connection, records: list[dict[str, Any]], stored_ids: set[str],
          refused: Refusals) -> tuple[list[dict[str, Any]], bool]:
    """The batch's versions that may be taken now, in the batch's order, then those that
    waited for a version 1 this batch brings; and whether the waiting versions changed.
    Refusals go to `refused`; versions whose owner is not known yet wait. `stored_ids`: the
    batch's record ids the view holds already (a new id has no version 1 stored)."""
    owners = _owners(db, [record_id for record_id in {r["record_id"] for r in records}
                          if record_id in stored_ids])
    firsts: list[str] = []  # record ids whose version 1 this batch brings
    kept, waiting = [], []
    for record in records:
        record_id, station = record["record_id"], record["station_id"]
        owner = owners.get(record_id)
        if record["version"] == 1 and owner is None:
            owner = owners[record_id] = station
            firsts.append(record_id)
        if owner == station:
            kept.append(record)
        elif owner is None:
            waiting.append(record)  # its version 1 may be later in this batch
        else:
            refused.append((record["source_station"], _problem(record, owner)))
    released = _released(db, firsts)
    changed = bool(released)
    for record in [*waiting, *released]:
        owner = owners.get(record["record_id"])
        if owner is None:
            log.info("Site view: event %s of %s changes record %s, whose first version is "
                     "not in the view yet: kept aside until it is", record["source_seq"],
                     record["source_station"], record["record_id"])
            # A replay inserts nothing (INSERT OR IGNORE): no recount for it.
            changed |= db.execute(_WAIT, _values(record)).rowcount > 0
        elif owner == record["station_id"]:
            kept.append(record)
        else:
            refused.append((record["source_station"], _problem(record, owner)))
    return kept, changed


def waiting_by_station(db: sqlite3.Connection) -> dict[str, str]:
    """Per station whose journal carries them, the changes that wait for their record's
    version 1, said as a warning of the fleet: a change of a record no journal read so far
    has made. While a catch-up reads the journals it may be a record whose journal is not
    read yet, and it clears when that comes; once every journal is read it is a change of a
    record nobody made, the same on every PC. Read when the waiting versions changed (a
    whole-table count: a station's key can make many), never on a poll."""
    rows = db.execute(
        "SELECT source_station, COUNT(*), MIN(source_seq) FROM view_waiting_versions "
        "GROUP BY source_station").fetchall()
    return {station: (f"{count} change(s) of records whose first version no journal read so "
                      f"far holds (the first: event {seq}); not shown until it is read")
            for station, count, seq in rows}


class WaitingCount:
    """`waiting_by_station` as last counted, counted again only when it may have changed: a
    batch of this writer changed what waits (`Stored.waiting_changed`; in a group of batches,
    once at the group's commit: a count reads the whole table, which a station's key can
    fill), a group was rolled back, or another process (the command line catching up the same
    view) committed since (`PRAGMA data_version`: the writer's own commits do not change it).
    Replaced whole, never changed in place: another thread may read `by_station` any time."""

    def __init__(self) -> None:
        self.by_station: dict[str, str] = {}
        self._version: int | None = None
        self._due = False  # changed inside a group not committed yet

    def recount(self, db: sqlite3.Connection) -> None:
        self._version = db.execute("PRAGMA data_version").fetchone()[0]
        self.by_station = waiting_by_station(db)
        self._due = False

    def refresh(self, db: sqlite3.Connection, *, changed: bool = False,
                later: bool = False) -> None:
        """Count again if it may have changed; `later` (inside a group): at the next call
        without it."""
        self._due |= changed
        if not later and (self._due
                          or db.execute("PRAGMA data_version").fetchone()[0] != self._version):
            self.recount(db)


def _problem(record: dict[str, Any], owner: str) -> str:
    seq, record_id, station = record["source_seq"], record["record_id"], record["station_id"]
    if record["version"] == 1:
        return (f"event {seq} writes record {record_id} as station {station}'s "
                f"new record, but station {owner}'s record has that id (a copied id); "
                f"station {owner}'s is kept")
    return (f"event {seq} changes station {owner}'s record {record_id} as station {station}'s "
            f"(every version of a record names the record's station)")


def _owners(db: sqlite3.Connection, record_ids: list[str]) -> dict[str, str]:
    """The station each record's stored version 1 names (record id -> station)."""
    found: dict[str, str] = {}
    for start in range(0, len(record_ids), IN_CHUNK):
        chunk = record_ids[start:start + IN_CHUNK]
        found.update(db.execute(
            f"SELECT record_id, station_id FROM view_record_versions WHERE version = 1 "
            f"AND record_id IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
    return found


def _released(db: sqlite3.Connection, record_ids: list[str]) -> list[dict[str, Any]]:
    """The waiting versions of these records, taken out of the waiting table (none waits
    almost always: one look at the table, then nothing)."""
    if not record_ids or db.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM view_waiting_versions)").fetchone()[0]:
        return []
    found = []
    for start in range(0, len(record_ids), IN_CHUNK):
        chunk = record_ids[start:start + IN_CHUNK]
        marks = ", ".join("?" * len(chunk))
        found += [dict(zip(RECORD_COLUMNS, row)) for row in db.execute(
            f"SELECT {', '.join(RECORD_COLUMNS)} FROM view_waiting_versions "
            f"WHERE record_id IN ({marks}) ORDER BY record_id, version, source_station, "
            f"source_seq", chunk)]
    if found:
        ids = sorted({record["record_id"] for record in found})
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start:start + IN_CHUNK]
            db.execute(f"DELETE FROM view_waiting_versions WHERE record_id IN "
                       f"({', '.join('?' * len(chunk))})", chunk)
    return found
