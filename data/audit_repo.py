"""Rows of the audit chain and its checkpoints. Append and read only: never update or delete."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Iterator, Sequence

from sqlalchemy import Connection, String, and_, bindparam, func, literal_column, or_, select, true

from data import schema
from data.database import driver_sql

T = schema.audit_events
C = schema.audit_checkpoints


@dataclass(frozen=True)
class StoredCheckpoint:
    station: str
    seq: int
    head_hash: str
    ts: str
    key_id: str
    sig: str

    def payload(self) -> dict:
        return {"v": 1, "station": self.station, "seq": self.seq, "head_hash": self.head_hash,
                "ts": self.ts, "key_id": self.key_id}


# Built once: appending is on every save's path, and building a statement costs more than
# running it (SQLAlchemy then reuses the compiled form from its cache).
_HEAD = (select(T.c.seq, T.c.hash).where(T.c.station == bindparam("station"))
         .order_by(T.c.seq.desc()).limit(1))
_INSERT = T.insert()


# On SQLite the two statements of every append go straight to the driver (data/database.py
# driver_sql): building, caching and wrapping a Core statement costs more than running it
# (see tests/benchmarks/bench_audit).
# Other dialects use the Core statements above; the SQL is the same.
_SQLITE_HEAD = "SELECT seq, hash FROM audit_events WHERE station = ? ORDER BY seq DESC LIMIT 1"
_SQLITE_INSERT = ("INSERT INTO audit_events (station, seq, ts, username, role, action, entity, "
                  "entity_id, command_id, prev_hash, hash, key_id, mac, body) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def chain_head(connection: Connection, station: str) -> tuple[int, bytes] | None:
    if connection.dialect.name == "sqlite":
        row = driver_sql(connection, _SQLITE_HEAD, (station,)).fetchone()
    else:
        row = connection.execute(_HEAD, {"station": station}).first()
    return None if row is None else (row[0], bytes(row[1]))


def insert_event(connection: Connection, *, station: str, seq: int, ts: str, username: str | None,
                 role: str | None, action: str, entity: str | None, entity_id: str | None,
                 command_id: str | None, prev_hash: bytes, hash_: bytes, key_id: str, mac: bytes,
                 body: str) -> None:
    if connection.dialect.name == "sqlite":
        driver_sql(connection, _SQLITE_INSERT, (
            station, seq, ts, username, role, action, entity, entity_id, command_id, prev_hash,
            hash_, key_id, mac, body))
        return
    connection.execute(_INSERT, {
        "station": station, "seq": seq, "ts": ts, "username": username, "role": role,
        "action": action, "entity": entity, "entity_id": entity_id, "command_id": command_id,
        "prev_hash": prev_hash, "hash": hash_, "key_id": key_id, "mac": mac, "body": body})


def stations(connection: Connection) -> list[str]:
    return list(connection.execute(select(T.c.station).distinct().order_by(T.c.station)).scalars())


def event_count(connection: Connection, station: str) -> int:
    return connection.execute(select(func.count()).select_from(T).where(T.c.station == station)).scalar_one()


def list_events(connection: Connection, *, station: str | None = None, user: str | None = None,
                action: str | None = None, start: str | None = None, end: str | None = None,
                limit: int = 1000, offset: int = 0, newest_first: bool = False) -> list[dict]:
    """Events matching the filters, in chain order; `newest_first` gives the latest by time
    first (a viewer's page: it walks the time index instead of sorting the whole table)."""
    order = ((T.c.ts.desc(), T.c.station, T.c.seq.desc()) if newest_first
             else (T.c.station, T.c.seq))
    query = (_events_query(station, user, action, start, end).order_by(*order)
             .limit(limit).offset(offset))
    return [dict(row._mapping) for row in connection.execute(query)]


def iter_events_by_time(connection: Connection, *, station: str | None = None,
                        user: str | None = None, action: str | None = None,
                        start: str | None = None, end: str | None = None,
                        batch: int = 2000) -> Iterator[dict]:
    """Every event matching the filters, oldest first by (time, station, seq), streamed in
    batches: an export of a whole trail must not hold a million rows in memory."""
    return stream_by_time(connection, _events_query(station, user, action, start, end), T, batch)


FAMILY_MAX = 64  # distinct actions of a family listed one by one; beyond, read as a range


def action_family(connection: Connection, table, action: str) -> list[str] | None:
    """The actions of `action`'s family present in `table`: itself and each distinct
    "action.…", found by one seek of the (action, ts) index each (a handful for a real
    family); None beyond FAMILY_MAX (a station's journal can name any number of them)."""
    found, after = [action], f"{action}."
    seek = (select(table.c.action).where(table.c.action > bindparam("after"),
                                         table.c.action < f"{action}/")
            .order_by(table.c.action).limit(1))
    while len(found) <= FAMILY_MAX:
        after = connection.execute(seek, {"after": after}).scalar()
        if after is None:
            return found
        found.append(after)
    return None


def filter_events(query, table, station: str | None, user: str | None, action: str | None,
                  start: str | None, end: str | None, *, action_by_index: bool = True,
                  family: list[str] | None = None):
    """`query` narrowed by the audit viewer's filters. `table` is this PC's chain or the site
    view's events (data/view_repo.py): both have these columns. `family`: the action's family
    as `action_family` listed it (each action then read with the time range by the (action,
    ts) index; as a range, SQLite reads the whole family's index whatever the time range:
    32 ms for 7 days of "record" on the quick benchmark site, 2.5 ms listed).
    `action_by_index=False` keeps the action's condition off its index (SQLite's unary "+"),
    for a query that must read a short time range by the time's index (data/newest_window.py)."""
    conditions = []
    if station:
        conditions.append(table.c.station == station)
    if user:
        conditions.append(table.c.username == user)
    if action:
        # The action or its family: "record" finds record.edit and record.void too (a person
        # types the word they know). A range, not LIKE: it reads the (action, ts) index, and
        # "/" is the character after "." (so "records.export" is not in "record"'s family).
        column = (table.c.action if action_by_index
                  else literal_column(f"+{table.name}.action", String))
        conditions.append(column.in_(family) if family is not None else
                          or_(column == action, and_(column > f"{action}.", column < f"{action}/")))
    if start:
        conditions.append(table.c.ts >= start)
    if end:
        conditions.append(table.c.ts < end)
    return query.where(true(), *conditions)


def stream_by_time(connection: Connection, query, table, batch: int) -> Iterator[dict]:
    """The rows of an events `query` of `table`, oldest first by (time, station, seq), fetched
    `batch` at a time."""
    ordered = query.order_by(table.c.ts, table.c.station, table.c.seq)
    for row in connection.execution_options(yield_per=batch).execute(ordered):
        yield dict(row._mapping)


def _events_query(station: str | None, user: str | None, action: str | None,
                  start: str | None, end: str | None):
    return filter_events(select(T.c.station, T.c.seq, T.c.ts, T.c.username, T.c.role, T.c.action,
                                T.c.entity, T.c.entity_id, T.c.command_id, T.c.body),
                         T, station, user, action, start, end)


def insert_checkpoint(connection: Connection, checkpoint: StoredCheckpoint) -> None:
    connection.execute(C.insert().values(
        station=checkpoint.station, seq=checkpoint.seq, head_hash=checkpoint.head_hash,
        ts=checkpoint.ts, key_id=checkpoint.key_id, sig=checkpoint.sig))


def checkpoints(connection: Connection, station: str) -> list[StoredCheckpoint]:
    rows = connection.execute(select(C).where(C.c.station == station).order_by(C.c.seq, C.c.id))
    return [StoredCheckpoint(r.station, r.seq, r.head_hash, r.ts, r.key_id, r.sig) for r in rows]


def last_checkpoint_seq(connection: Connection, station: str) -> int:
    return connection.execute(
        select(func.coalesce(func.max(C.c.seq), 0)).where(C.c.station == station)).scalar_one()


# --- Fast paths for the verifier (plain sqlite3: a million rows per second matter here). ---

def iter_chain_sqlite(connection: sqlite3.Connection, station: str, batch: int = 5000
                      ) -> Iterator[Sequence[tuple[int, bytes, bytes, bytes, bytes, bytes]]]:
    """Batches of (seq, prev_hash, hash, key_id, mac, body) in chain order, all as bytes."""
    connection.text_factory = bytes
    cursor = connection.execute(
        "SELECT seq, prev_hash, hash, key_id, mac, body FROM audit_events WHERE station = ? "
        "ORDER BY seq, id", (station,))
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return
        yield rows


def first_inconsistent_row_sqlite(connection: sqlite3.Connection, station: str) -> int | None:
    """Lowest seq whose indexed columns disagree with its hashed body (None when all agree).

    Runs inside SQLite's C code (json_extract), in parallel with the hash pass.
    """
    row = connection.execute(
        "SELECT min(seq) FROM audit_events WHERE station = ? AND "
        "json_extract(body, '$.seq', '$.station', '$.ts', '$.user', '$.role', '$.action', "
        "'$.entity', '$.entity_id', '$.command_id') IS NOT "
        "json_array(seq, station, ts, username, role, action, entity, entity_id, command_id)",
        (station,)).fetchone()
    return None if row is None else row[0]


# Built once, as _HEAD: the journal's export reads this after every change that is
# published, and building it took a quarter of an export's time (py-spy, bench_sync).
_EVENTS_AFTER = (select(T.c.seq, T.c.prev_hash, T.c.hash, T.c.key_id, T.c.mac, T.c.body)
                 .where((T.c.station == bindparam("station"))
                        & (T.c.seq > bindparam("after_seq")))
                 .order_by(T.c.seq).limit(bindparam("limit")))


def command_effects(connection: Connection, station: str, command_id: str) -> list[str]:
    """The actions of `station`'s events that carry `command_id` other than its ledger's own
    ("command.…"): what the command changed (a lot set, the station locked). Read only when a
    restart settles a command a crash cut off (no index on the command id: a rare scan)."""
    return list(connection.execute(
        select(T.c.action).where(T.c.station == station, T.c.command_id == command_id,
                                 ~T.c.action.startswith("command.", autoescape=True))
        .order_by(T.c.seq)).scalars())


def events_after(connection: Connection, station: str, after_seq: int, limit: int
                 ) -> list[tuple[int, bytes, bytes, str, bytes, str]]:
    """(seq, prev_hash, hash, key_id, mac, body) of the events after `after_seq`, in order."""
    rows = connection.execute(_EVENTS_AFTER, {"station": station, "after_seq": after_seq,
                                              "limit": limit})
    return [tuple(row) for row in rows]


def latest_checkpoint(connection: Connection, station: str) -> StoredCheckpoint | None:
    row = connection.execute(select(C).where(C.c.station == station)
                             .order_by(C.c.seq.desc(), C.c.id.desc()).limit(1)).first()
    return None if row is None else StoredCheckpoint(row.station, row.seq, row.head_hash, row.ts,
                                                     row.key_id, row.sig)
