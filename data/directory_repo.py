"""This PC's copy of the site directory log, its outbox, and the lockout's failure records."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import Connection, delete, func, select

from data import schema
from models.canonical import format_utc

L = schema.directory_log
O = schema.directory_outbox
F = schema.login_failures
S = schema.login_successes


# -- the log -----------------------------------------------------------------------------------

def log_entries(connection: Connection, after_seq: int = 0) -> list[tuple[int, str, str]]:
    """(seq, hash, entry JSON) in order."""
    return [tuple(row) for row in connection.execute(
        select(L.c.seq, L.c.hash, L.c.entry).where(L.c.seq > after_seq).order_by(L.c.seq))]


def log_entry(connection: Connection, seq: int) -> tuple[str, str] | None:
    row = connection.execute(select(L.c.hash, L.c.entry).where(L.c.seq == seq)).first()
    return None if row is None else (row[0], row[1])


def log_append(connection: Connection, seq: int, digest: str, entry: str) -> None:
    connection.execute(L.insert().values(seq=seq, hash=digest, entry=entry))


def log_head(connection: Connection) -> int:
    return connection.execute(select(func.max(L.c.seq))).scalar_one() or 0


def log_clear(connection: Connection) -> None:
    """Only when the site itself changes (an upgrade to new keys starts a new log)."""
    connection.execute(delete(L))


# -- the outbox --------------------------------------------------------------------------------

def outbox_add(connection: Connection, op: str, when: datetime) -> int:
    return connection.execute(O.insert().values(op=op, created_at=format_utc(when))).inserted_primary_key[0]


def outbox_list(connection: Connection) -> list[tuple[int, str]]:
    return [tuple(row) for row in connection.execute(select(O.c.id, O.c.op).order_by(O.c.id))]


def outbox_remove(connection: Connection, item_id: int) -> None:
    connection.execute(delete(O).where(O.c.id == item_id))


# -- lockout -----------------------------------------------------------------------------------

def add_failure(connection: Connection, station: str, username: str, at: str) -> None:
    n = connection.execute(select(func.count()).select_from(F).where(
        (F.c.station == station) & (F.c.username == username) & (F.c.at == at))).scalar_one()
    connection.execute(F.insert().values(station=station, username=username, at=at, n=n))


def remove_failure(connection: Connection, station: str, username: str, at: str) -> None:
    """Undo one reservation (the password was right after all)."""
    row = connection.execute(select(F.c.n).where(
        (F.c.station == station) & (F.c.username == username) & (F.c.at == at))
        .order_by(F.c.n.desc())).first()
    if row is not None:
        connection.execute(delete(F).where(
            (F.c.station == station) & (F.c.username == username) & (F.c.at == at)
            & (F.c.n == row[0])))


def clear_failures(connection: Connection, username: str, station: str | None = None) -> None:
    """A success (this station's failures) or an unlock (every station's) resets the count."""
    condition = F.c.username == username
    if station is not None:
        condition = condition & (F.c.station == station)
    connection.execute(delete(F).where(condition))


def failures_since(connection: Connection, username: str, since: str | None) -> list[str]:
    """Every station's failures of one account from `since` on, oldest first. A failure in
    the very millisecond of a success still counts (safe side: the success's own attempt is
    removed, not masked)."""
    query = select(F.c.at).where(F.c.username == username)
    if since is not None:
        query = query.where(F.c.at >= since)
    return [row[0] for row in connection.execute(query.order_by(F.c.at))]


def merge_station_failures(connection: Connection, station: str, failures: dict[str, list[str]],
                           successes: dict[str, str], window_start: str) -> None:
    """Another PC's published failures and successes, added to what we took from it before:
    a failure taken stays counted (a later record never takes it back) until it is older than
    the record's window (`window_start`: that PC no longer publishes it) or that PC's newer
    success cleared it there (as `clear_failures` did on that PC)."""
    connection.execute(delete(F).where((F.c.station == station) & (F.c.at < window_start)))
    have = {(row[0], row[1]): row[2] for row in connection.execute(
        select(F.c.username, F.c.at, func.count()).where(F.c.station == station)
        .group_by(F.c.username, F.c.at))}
    for username, moments in failures.items():
        for at, count in sorted(Counter(moments).items()):  # several in one ms: n numbers them
            for n in range(have.get((username, at), 0), count):
                connection.execute(F.insert().values(station=station, username=username,
                                                     at=at, n=n))
    known = station_successes(connection, station)
    for username, at in successes.items():
        if username not in known or at > known[username]:
            set_success(connection, station, username, at)
            connection.execute(delete(F).where(
                (F.c.station == station) & (F.c.username == username) & (F.c.at <= at)))


def set_success(connection: Connection, station: str, username: str, at: str) -> None:
    connection.execute(delete(S).where((S.c.station == station) & (S.c.username == username)))
    connection.execute(S.insert().values(station=station, username=username, at=at))


def last_success(connection: Connection, username: str) -> str | None:
    return connection.execute(select(func.max(S.c.at)).where(S.c.username == username)).scalar_one()


def station_failures(connection: Connection, station: str, since: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for username, at in connection.execute(select(F.c.username, F.c.at).where(
            (F.c.station == station) & (F.c.at > since)).order_by(F.c.at)):
        result.setdefault(username, []).append(at)
    return result


def station_successes(connection: Connection, station: str) -> dict[str, str]:
    return {row[0]: row[1] for row in connection.execute(
        select(S.c.username, S.c.at).where(S.c.station == station))}
