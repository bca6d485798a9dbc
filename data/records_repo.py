"""Production records: every version is a new row; the current one is the highest version.

Nothing here updates or deletes a record row (the table's triggers would refuse it anyway).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, select

from data import schema
from models.canonical import format_utc, parse_utc
from models.lot import Lot
from models.record import Origin, ProductionRecord, RecordStatus, Rejection

R = schema.record_versions
L = schema.lots
K = schema.import_keys


@dataclass(frozen=True)
class RecordFilter:
    start: datetime | None = None  # inclusive, UTC
    end: datetime | None = None  # exclusive, UTC
    station_id: str | None = None
    lot: str | None = None
    operator: str | None = None
    defect: str | None = None
    include_voided: bool = True


def _to_row(record: ProductionRecord) -> dict[str, Any]:
    row: dict[str, Any] = {
        "record_id": record.record_id, "version": record.version,
        "station_id": record.station_id, "lot": record.lot, "box": record.box,
        "size": record.size, "unit_weight_kg": record.unit_weight_kg,
        "cam_d": record.cam_d, "cam_w": record.cam_w, "operator": record.operator,
        "recorded_at": format_utc(record.recorded_at),
        "utc_offset_minutes": record.utc_offset_minutes, "origin": str(record.origin),
        "status": str(record.status), "reason": record.reason, "editor": record.editor,
        "edited_at": None if record.edited_at is None else format_utc(record.edited_at),
        "base_version": record.base_version,
    }
    for index in range(1, 4):
        rejection = record.rejections[index - 1] if index <= len(record.rejections) else None
        row[f"rej{index}_defect"] = rejection.defect if rejection else None
        row[f"rej{index}_location"] = rejection.location if rejection else None
    return row


def row_to_dict(record: ProductionRecord) -> dict[str, Any]:
    """A record version as the plain row the read-model and exports use."""
    return _to_row(record)


def row_to_record(row: Any) -> ProductionRecord:
    data = row._mapping if hasattr(row, "_mapping") else row
    rejections = tuple(
        Rejection(data[f"rej{i}_defect"], data[f"rej{i}_location"])
        for i in range(1, 4) if data[f"rej{i}_defect"])
    return ProductionRecord(
        record_id=data["record_id"], station_id=data["station_id"], lot=data["lot"],
        box=data["box"], size=data["size"], unit_weight_kg=data["unit_weight_kg"],
        rejections=rejections, cam_d=data["cam_d"], cam_w=data["cam_w"],
        operator=data["operator"], recorded_at=parse_utc(data["recorded_at"]),
        utc_offset_minutes=data["utc_offset_minutes"], origin=Origin(data["origin"]),
        status=RecordStatus(data["status"]), version=data["version"], reason=data["reason"],
        editor=data["editor"],
        edited_at=None if data["edited_at"] is None else parse_utc(data["edited_at"]),
        base_version=data["base_version"])


def insert_version(connection: Connection, record: ProductionRecord) -> None:
    connection.execute(R.insert().values(**_to_row(record)))


def current(connection: Connection, record_id: str) -> ProductionRecord | None:
    row = connection.execute(
        select(R).where(R.c.record_id == record_id).order_by(R.c.version.desc()).limit(1)).first()
    return None if row is None else row_to_record(row)


def history(connection: Connection, record_id: str) -> list[ProductionRecord]:
    rows = connection.execute(select(R).where(R.c.record_id == record_id).order_by(R.c.version))
    return [row_to_record(row) for row in rows]


def _latest_versions():
    latest = (select(R.c.record_id, func.max(R.c.version).label("version"))
              .group_by(R.c.record_id).subquery())
    return select(R).join(latest, and_(R.c.record_id == latest.c.record_id,
                                       R.c.version == latest.c.version))


def list_current_rows(connection: Connection, record_filter: RecordFilter = RecordFilter(),
                      limit: int | None = None) -> list[dict[str, Any]]:
    """Current version of each record matching the filter, oldest first, as plain dicts."""
    query = _current_matching(record_filter).order_by(R.c.recorded_at, R.c.record_id)
    if limit is not None:
        query = query.limit(limit)
    return [dict(row._mapping) for row in connection.execute(query)]


def count_records(connection: Connection, record_filter: RecordFilter = RecordFilter()) -> int:
    """How many records match the filter (by their current version): what an export or an
    archive that found nothing compares its filters against."""
    matching = _current_matching(record_filter).subquery()
    return connection.execute(select(func.count()).select_from(matching)).scalar_one()


def _current_matching(f: RecordFilter):
    """The current version of each record matching `f`, unordered."""
    query = _latest_versions()
    if f.start is not None:
        query = query.where(R.c.recorded_at >= format_utc(f.start))
    if f.end is not None:
        query = query.where(R.c.recorded_at < format_utc(f.end))
    if f.station_id:
        query = query.where(R.c.station_id == f.station_id)
    if f.lot:
        query = query.where(R.c.lot == f.lot)
    if f.operator:
        query = query.where(R.c.operator == f.operator)
    if f.defect:
        query = query.where((R.c.rej1_defect == f.defect) | (R.c.rej2_defect == f.defect)
                            | (R.c.rej3_defect == f.defect))
    if not f.include_voided:
        query = query.where(R.c.status == str(RecordStatus.ACTIVE))
    return query


def import_key_exists(connection: Connection, source_key: str) -> bool:
    return connection.execute(select(K.c.source_key).where(K.c.source_key == source_key)).first() is not None


def insert_import_key(connection: Connection, source_key: str, record_id: str, when: datetime) -> None:
    connection.execute(K.insert().values(source_key=source_key, record_id=record_id,
                                         imported_at=format_utc(when)))


# Built once: the station's heartbeat reads its lot every second.
_GET_LOT = select(L).where(L.c.station_id == bindparam("station_id"))


def get_lot(connection: Connection, station_id: str) -> Lot | None:
    row = connection.execute(_GET_LOT, {"station_id": station_id}).first()
    if row is None:
        return None
    return Lot(row.code, row.total_boxes, row.current_box, row.registered_count)


def put_lot(connection: Connection, station_id: str, lot: Lot, when: datetime) -> None:
    values = {"code": lot.code, "total_boxes": lot.total_boxes, "current_box": lot.current_box,
              "registered_count": lot.registered_count, "updated_at": format_utc(when)}
    if get_lot(connection, station_id) is None:
        connection.execute(L.insert().values(station_id=station_id, **values))
    else:
        connection.execute(L.update().where(L.c.station_id == station_id).values(**values))
