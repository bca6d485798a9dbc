"""The site read-model on admin PCs: ingested journal events and records, witnessed
checkpoints, and where ingestion of each station stands."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterator

from sqlalchemy import Connection, select

from data import schema
from data.audit_repo import StoredCheckpoint, filter_events, stream_by_time
from models.canonical import format_utc

E = schema.site_audit_events
R = schema.site_record_versions
C = schema.site_checkpoints
S = schema.site_ingest_state


def ingest_state(connection: Connection, station: str) -> dict[str, Any] | None:
    row = connection.execute(select(S).where(S.c.station == station)).first()
    return None if row is None else dict(row._mapping)


def put_ingest_state(connection: Connection, station: str, when: datetime, **values: Any) -> None:
    values["updated_at"] = format_utc(when)
    if ingest_state(connection, station) is None:
        connection.execute(S.insert().values(station=station, **values))
    else:
        connection.execute(S.update().where(S.c.station == station).values(**values))


def insert_event(connection: Connection, row: dict[str, Any]) -> None:
    connection.execute(E.insert().values(**row))


def insert_record_version(connection: Connection, row: dict[str, Any]) -> None:
    connection.execute(R.insert().values(**row))


def witness(connection: Connection, checkpoint: StoredCheckpoint, when: datetime) -> bool:
    """Keep a checkpoint seen on the share; False if already known."""
    exists = connection.execute(select(C.c.seq).where(
        (C.c.station == checkpoint.station) & (C.c.seq == checkpoint.seq))).first()
    if exists is not None:
        return False
    connection.execute(C.insert().values(
        station=checkpoint.station, seq=checkpoint.seq, head_hash=checkpoint.head_hash,
        ts=checkpoint.ts, key_id=checkpoint.key_id, sig=checkpoint.sig, seen_at=format_utc(when)))
    return True


def witnessed(connection: Connection, station: str) -> list[StoredCheckpoint]:
    rows = connection.execute(select(C).where(C.c.station == station).order_by(C.c.seq))
    return [StoredCheckpoint(r.station, r.seq, r.head_hash, r.ts, r.key_id, r.sig) for r in rows]


def stations(connection: Connection) -> list[str]:
    return list(connection.execute(select(S.c.station).order_by(S.c.station)).scalars())


def list_events(connection: Connection, *, station: str | None = None, user: str | None = None,
                action: str | None = None, start: str | None = None, end: str | None = None,
                limit: int = 1000, offset: int = 0, newest_first: bool = False
                ) -> list[dict[str, Any]]:
    """Site events matching the filters, oldest first, or the latest first (a viewer's page)."""
    order = ((E.c.ts.desc(), E.c.station, E.c.seq.desc()) if newest_first
             else (E.c.ts, E.c.station, E.c.seq))
    query = (_events_query(station, user, action, start, end).order_by(*order)
             .limit(limit).offset(offset))
    return [dict(row._mapping) for row in connection.execute(query)]


def iter_events_by_time(connection: Connection, *, station: str | None = None,
                        user: str | None = None, action: str | None = None,
                        start: str | None = None, end: str | None = None,
                        batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every site event matching the filters, oldest first by (time, station, seq), streamed
    in batches (an export of the whole site's trail)."""
    return stream_by_time(connection, _events_query(station, user, action, start, end), E, batch)


def _events_query(station: str | None, user: str | None, action: str | None,
                  start: str | None, end: str | None):
    return filter_events(select(E), E, station, user, action, start, end)


def list_record_versions(connection: Connection, *, station: str | None = None
                         ) -> list[dict[str, Any]]:
    query = select(R)
    if station:
        query = query.where(R.c.station_id == station)
    rows = connection.execute(query.order_by(R.c.recorded_at, R.c.record_id, R.c.version))
    return [dict(row._mapping) for row in rows]


def latest_record_version(connection: Connection, record_id: str) -> dict[str, Any] | None:
    """The highest version of one record in the read-model (any source PC), or None."""
    row = connection.execute(select(R).where(R.c.record_id == record_id)
                             .order_by(R.c.version.desc(), R.c.edited_at.desc()).limit(1)).first()
    return None if row is None else dict(row._mapping)
