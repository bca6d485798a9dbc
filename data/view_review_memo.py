"""What the audit-trail reviews' listing (utils/audit/review.py) remembers of each reviewed
period in the site view: the count and hash of the period's events that matter, and the view's
highest event id when they were read (the mark). A later listing hashes the period again only
when an event dated inside it was stored after the mark.

Why that shortcut is sound: view_events' id is its rowid (INTEGER PRIMARY KEY, no
AUTOINCREMENT), given in arrival order as the highest so far plus one; the view only appends
(INSERT OR IGNORE: an event already stored takes no id) and never updates or deletes an event.
So every event stored after the mark, whatever its date (a station that exported late, a clock
set back), has an id above the mark, and the period's events at or below it are those hashed.

Why in view_meta, the view's own database, rather than in memory: the memo then lives and dies
with the ids it speaks of. A view rebuilt (data/view_db.py drops every table, view_meta too, and
ids start again at 1) or deleted loses its memos with it; no remembered mark can outlive its
view, in this process or another one that opens the same file. Kept, it also spares the first
listing after the program starts. Nothing here is the only copy of anything: a memo lost or
unreadable means one more hashing, never a different verdict.
"""

from __future__ import annotations

import hashlib
import json
import logging
from json.encoder import encode_basestring
from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from data.database import Database, driver_sql
from data.view_db import put_meta
from models.canonical import canonical_bytes

log = logging.getLogger(__name__)

MEMO_PREFIX = "review_period:"
# What a memo's hash means (`period_digest`: which events, what of each is hashed). Part of
# every key: changed with that function, no memo made before is read.
MEMO_FORMAT = 1
# Reading the new events by id reads whole rows (a body of about 600 bytes each, a handful a
# page); reading a period by ix_view_events_ts reads index entries only (ts and id). Measured
# on 400,000 events (2-core VM, cache warm): 100-150 ms for every row, 30-40 ms for every
# index entry; so the ids are read when there are fewer new events than the period's / 4.
ROW_COST = 4


@dataclass(frozen=True)
class PeriodMemo:
    """A period's events that matter as hashed when the view's highest event id was `mark`."""

    mark: int
    events: int
    events_hash: str


def memo_key(start: str, end: str, excluded: Iterable[str]) -> str:
    """The view_meta key of a period's memo (a short, fixed length whatever a signed review's
    period says). The actions left out of the hash are part of it: a memo made when they were
    others is another key, never read as this one."""
    material = canonical_bytes(["audit_review_period", MEMO_FORMAT, start, end,
                                sorted(excluded)])
    return MEMO_PREFIX + hashlib.sha256(material).hexdigest()[:40]


def period_digest(connection: Connection, start: str, end: str,
                  excluded: Iterable[str]) -> tuple[int, str]:
    """How many of the view's events dated in [start, end) (an empty bound: none) have an
    action not `excluded`, and the SHA-256 of their identities, oldest first by (time,
    station, seq): each event's canonical [station, seq, body]. What a signed review binds
    (utils/audit/review.py), so these bytes never change without MEMO_FORMAT. Read on the
    driver in batches, each identity encoded by `_identity_bytes` (a year of a plant is
    millions of events: SQLAlchemy's rows and the general encoder took 3.6 times as long)."""
    names = sorted(excluded)
    bounds = [(clause, value) for clause, value in (("ts >= ?", start), ("ts < ?", end))
              if value]
    sql = ("SELECT station, seq, body FROM view_events WHERE true"
           + "".join(f" AND {clause}" for clause, _value in bounds)
           + (f" AND (action IS NULL OR action NOT IN ({', '.join('?' * len(names))}))"
              if names else "")
           + " ORDER BY ts, station, seq")
    cursor = driver_sql(connection, sql, (*(value for _clause, value in bounds), *names))
    hasher, count = hashlib.sha256(), 0
    while rows := cursor.fetchmany(PERIOD_BATCH):
        for station, seq, body in rows:
            hasher.update(_identity_bytes(station, seq, body))
        count += len(rows)
    return count, hasher.hexdigest()


PERIOD_BATCH = 5000


def _identity_bytes(station: object, seq: object, body: object) -> bytes:
    """canonical_bytes([station, seq, body]), byte for byte: for the columns' own types (text,
    integer, text) the list's canonical form is written here with the JSON encoder's own
    string escaping; anything else goes through canonical_bytes."""
    if type(station) is str and type(seq) is int and type(body) is str:
        return (f"[{encode_basestring(station)},{seq},{encode_basestring(body)}]"
                .encode("utf-8"))
    return canonical_bytes([station, seq, body])


def newest_event(connection: Connection) -> int:
    """The view's highest event id (0 for none): the mark of what this snapshot holds."""
    return driver_sql(connection, "SELECT coalesce(max(id), 0) FROM view_events").fetchone()[0]


def remembered(connection: Connection, key: str) -> PeriodMemo | None:
    """The memo under `key`, or None (none, or not one this module wrote)."""
    row = driver_sql(connection, "SELECT value FROM view_meta WHERE key = ?", (key,)).fetchone()
    try:
        value = json.loads(row[0]) if row is not None else None
    except ValueError:
        return None
    if not isinstance(value, dict):
        return None
    mark, events, events_hash = value.get("mark"), value.get("events"), value.get("hash")
    if type(mark) is not int or type(events) is not int or not isinstance(events_hash, str):
        return None
    return PeriodMemo(mark, events, events_hash)


def arrived_since(connection: Connection, start: str, end: str, excluded: Iterable[str],
                  memo: PeriodMemo, newest: int) -> bool:
    """Whether an event dated in [start, end), of an action not `excluded`, was stored after
    `memo.mark`: read by id when few events arrived since, by the time index otherwise
    (whichever reads less; the view is SQLite, hence the hints). A view whose highest id is
    below the mark is not the one the memo was made on: True, read it again."""
    if newest == memo.mark:
        return False
    if newest < memo.mark:
        return True
    names = sorted(excluded)
    table = ("view_events NOT INDEXED" if (newest - memo.mark) * ROW_COST <= memo.events
             else "view_events INDEXED BY ix_view_events_ts")
    # An empty bound is no bound, as the period's reading takes it (view_repo.filter_events).
    bounds = [(clause, value) for clause, value in (("ts >= ?", start), ("ts < ?", end))
              if value]
    sql = (f"SELECT 1 FROM {table} WHERE id > ?"
           + "".join(f" AND {clause}" for clause, _value in bounds)
           + (f" AND action NOT IN ({', '.join('?' * len(names))})" if names else "")
           + " LIMIT 1")
    parameters = (memo.mark, *(value for _clause, value in bounds), *names)
    return driver_sql(connection, sql, parameters).fetchone() is not None


def remember(database: Database, memos: dict[str, PeriodMemo]) -> bool:
    """Keep `memos` (key -> memo) in one transaction; False when the view could not be written
    now (its writer held it past the busy timeout): the next listing hashes those periods
    again, nothing else."""
    if not memos:
        return True
    try:
        with database.write() as connection:
            for key, memo in memos.items():
                put_meta(connection, key, json.dumps(
                    {"mark": memo.mark, "events": memo.events, "hash": memo.events_hash}))
    except OperationalError as exc:
        log.info("Audit reviews: what was verified of %d period(s) was not kept (%s); the "
                 "next listing reads them again", len(memos), exc.orig)
        return False
    return True
