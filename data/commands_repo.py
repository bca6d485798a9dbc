"""The command ledger (station side) and the sent-command log (admin side)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, select

from data import schema
from data.database import driver_sql
from models.canonical import canonical_json, format_utc

LEDGER = schema.command_ledger
SENT = schema.sent_commands

# Every command crosses these statements on its round trip (admin and station): built once
# here, so a call only binds its values and SQLAlchemy reuses the compiled form. Building
# them on each call (`.values(...)` with keywords) cost about a third of a command's
# unit-of-work CPU in coercions and cache keys. A bind name may not be a column's name in
# an UPDATE's SET clause, hence the `new_` and `key_` names.
_LEDGER_HAS = select(LEDGER.c.command_id).where(LEDGER.c.command_id == bindparam("key_id"))
_LEDGER_INSERT = LEDGER.insert()
_LEDGER_FINISH = LEDGER.update().where(LEDGER.c.command_id == bindparam("key_id")).values(
    status=bindparam("new_status"), reason=bindparam("new_reason"),
    result=bindparam("new_result"), finished_at=bindparam("new_finished_at"),
    ack_written=bindparam("new_ack_written"))
_LEDGER_ACKED = LEDGER.update().where(LEDGER.c.command_id == bindparam("key_id")).values(
    ack_written=True)
_SENT_INSERT = SENT.insert()
_SENT_UPDATE = SENT.update().where(SENT.c.command_id == bindparam("key_id")).values(
    state=bindparam("new_state"), reason=bindparam("new_reason"),
    result=bindparam("new_result"), updated_at=bindparam("new_updated_at"))
_SENT_PENDING = (select(SENT).where(SENT.c.state == "pending")
                 .order_by(SENT.c.issued_at.desc()).limit(bindparam("limit")))
_SENT_ALL = select(SENT).order_by(SENT.c.issued_at.desc()).limit(bindparam("limit"))

# On SQLite the statements of every command's round trip go straight to the driver
# (data/database.py driver_sql: a Core statement's execution costs about five times the
# statement); other dialects use the Core statements above. The SQL is the same.
_SQLITE_LEDGER_HAS = "SELECT 1 FROM command_ledger WHERE command_id = ?"
_SQLITE_LEDGER_INSERT = ("INSERT INTO command_ledger (command_id, type, issued_by, received_at, "
                         "status, reason, ack_written) VALUES (?, ?, ?, ?, ?, ?, ?)")
_SQLITE_LEDGER_FINISH = ("UPDATE command_ledger SET status = ?, reason = ?, result = ?, "
                         "finished_at = ?, ack_written = ? WHERE command_id = ?")
_SQLITE_SENT_INSERT = ("INSERT INTO sent_commands (command_id, target, type, params, issued_by, "
                       "issued_at, not_after, state, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_SQLITE_SENT_UPDATE = ("UPDATE sent_commands SET state = ?, reason = ?, result = ?, "
                       "updated_at = ? WHERE command_id = ?")
_SQLITE_SENT_PENDING = ("SELECT * FROM sent_commands WHERE state = 'pending' "
                        "ORDER BY issued_at DESC LIMIT ?")


def _on_sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def ledger_has(connection: Connection, command_id: str) -> bool:
    if _on_sqlite(connection):
        return driver_sql(connection, _SQLITE_LEDGER_HAS, (command_id,)).fetchone() is not None
    return connection.execute(_LEDGER_HAS, {"key_id": command_id}).first() is not None


def ledger_start(connection: Connection, command_id: str, command_type: str,
                 issued_by: str | None, when: datetime, status: str = "executing",
                 reason: str | None = None) -> None:
    if _on_sqlite(connection):
        driver_sql(connection, _SQLITE_LEDGER_INSERT, (
            command_id, command_type, issued_by, format_utc(when), status, reason, False))
        return
    connection.execute(_LEDGER_INSERT, {
        "command_id": command_id, "type": command_type, "issued_by": issued_by,
        "received_at": format_utc(when), "status": status, "reason": reason,
        "ack_written": False})


def ledger_finish(connection: Connection, command_id: str, status: str, reason: str,
                  result: Any, when: datetime, *, acked: bool = False) -> None:
    if _on_sqlite(connection):
        driver_sql(connection, _SQLITE_LEDGER_FINISH, (
            status, reason, canonical_json(result), format_utc(when), acked, command_id))
        return
    connection.execute(_LEDGER_FINISH, {
        "key_id": command_id, "new_status": status, "new_reason": reason,
        "new_result": canonical_json(result), "new_finished_at": format_utc(when),
        "new_ack_written": acked})


def ledger_mark_acked(connection: Connection, command_id: str) -> None:
    connection.execute(_LEDGER_ACKED, {"key_id": command_id})


def ledger_unacked(connection: Connection) -> list[dict[str, Any]]:
    """Commands whose ack was not written: interrupted by a crash or by a share outage."""
    rows = connection.execute(select(LEDGER).where(LEDGER.c.ack_written.is_(False))
                              .order_by(LEDGER.c.received_at))
    return [dict(row._mapping) for row in rows]


def sent_insert(connection: Connection, document: dict[str, Any], when: datetime) -> None:
    if _on_sqlite(connection):
        driver_sql(connection, _SQLITE_SENT_INSERT, (
            document["id"], document["target"], document["type"],
            canonical_json(document["params"]), document["issued_by"], document["issued_at"],
            document["not_after"], "pending", format_utc(when)))
        return
    connection.execute(_SENT_INSERT, {
        "command_id": document["id"], "target": document["target"], "type": document["type"],
        "params": canonical_json(document["params"]), "issued_by": document["issued_by"],
        "issued_at": document["issued_at"], "not_after": document["not_after"],
        "state": "pending", "updated_at": format_utc(when)})


def sent_update(connection: Connection, command_id: str, state: str, reason: str | None,
                result: Any, when: datetime) -> None:
    if _on_sqlite(connection):
        driver_sql(connection, _SQLITE_SENT_UPDATE, (
            state, reason, None if result is None else canonical_json(result),
            format_utc(when), command_id))
        return
    connection.execute(_SENT_UPDATE, {
        "key_id": command_id, "new_state": state, "new_reason": reason,
        "new_result": None if result is None else canonical_json(result),
        "new_updated_at": format_utc(when)})


def sent_list(connection: Connection, *, pending_only: bool = False,
              limit: int = 1000) -> list[dict[str, Any]]:
    if pending_only and _on_sqlite(connection):  # the admin's track(), every round trip
        cursor = driver_sql(connection, _SQLITE_SENT_PENDING, (limit,))
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    rows = connection.execute(_SENT_PENDING if pending_only else _SENT_ALL, {"limit": limit})
    return [dict(row._mapping) for row in rows]
