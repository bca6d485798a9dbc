"""The command ledger (station side) and the sent-command log (admin side)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from data import schema
from models.canonical import canonical_json, format_utc

LEDGER = schema.command_ledger
SENT = schema.sent_commands


def ledger_has(connection: Connection, command_id: str) -> bool:
    return connection.execute(select(LEDGER.c.command_id).where(
        LEDGER.c.command_id == command_id)).first() is not None


def ledger_start(connection: Connection, command_id: str, command_type: str,
                 issued_by: str | None, when: datetime, status: str = "executing",
                 reason: str | None = None) -> None:
    connection.execute(LEDGER.insert().values(
        command_id=command_id, type=command_type, issued_by=issued_by,
        received_at=format_utc(when), status=status, reason=reason, ack_written=False))


def ledger_finish(connection: Connection, command_id: str, status: str, reason: str,
                  result: Any, when: datetime, *, acked: bool = False) -> None:
    connection.execute(LEDGER.update().where(LEDGER.c.command_id == command_id).values(
        status=status, reason=reason, result=canonical_json(result),
        finished_at=format_utc(when), ack_written=acked))


def ledger_mark_acked(connection: Connection, command_id: str) -> None:
    connection.execute(LEDGER.update().where(LEDGER.c.command_id == command_id).values(
        ack_written=True))


def ledger_unacked(connection: Connection) -> list[dict[str, Any]]:
    """Commands whose ack was not written: interrupted by a crash or by a share outage."""
    rows = connection.execute(select(LEDGER).where(LEDGER.c.ack_written.is_(False))
                              .order_by(LEDGER.c.received_at))
    return [dict(row._mapping) for row in rows]


def sent_insert(connection: Connection, document: dict[str, Any], when: datetime) -> None:
    connection.execute(SENT.insert().values(
        command_id=document["id"], target=document["target"], type=document["type"],
        params=canonical_json(document["params"]), issued_by=document["issued_by"],
        issued_at=document["issued_at"], not_after=document["not_after"], state="pending",
        updated_at=format_utc(when)))


def sent_update(connection: Connection, command_id: str, state: str, reason: str | None,
                result: Any, when: datetime) -> None:
    connection.execute(SENT.update().where(SENT.c.command_id == command_id).values(
        state=state, reason=reason, result=None if result is None else canonical_json(result),
        updated_at=format_utc(when)))


def sent_list(connection: Connection, *, pending_only: bool = False,
              limit: int = 1000) -> list[dict[str, Any]]:
    query = select(SENT)
    if pending_only:
        query = query.where(SENT.c.state == "pending")
    rows = connection.execute(query.order_by(SENT.c.issued_at.desc()).limit(limit))
    return [dict(row._mapping) for row in rows]
