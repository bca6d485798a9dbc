"""Acknowledging a fleet alarm: the person's note, with who and when, in the audit trail.

Acknowledging is acting on the fleet, as sending a command is: supervisors and admins may,
an analyst (read-only) may not. The service checks it itself, whatever the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from config.constants import Permission, role_allows
from models.canonical import parse_utc
from utils.changes import Changes, Topic
from utils.auth import Session
from utils.permissions import require

ACK_ACTION = "alarm.ack"
ACK_PERMISSION = Permission.COMMAND_SEND
Alarm = tuple[str, str, str]  # (station, what: "state" or a metric, level)


@dataclass(frozen=True)
class Acknowledgement:
    """Who acknowledged an alarm, when, and their note: as the audit event records them."""

    user: str
    at: datetime
    note: str


def may_acknowledge(session: Session) -> bool:
    return role_allows(session.role, ACK_PERMISSION)


def acknowledge(changes: Changes, session: Session, alarm: Alarm, note: str) -> Acknowledgement:
    """Record the acknowledgement (refused, and the refusal audited, for a read-only role)."""
    station, what, level = alarm
    require(session, ACK_PERMISSION, changes, target=f"alarm {station} {what}")
    event = changes.record(session.actor, ACK_ACTION, topic=Topic.FLEET, entity="station",
                           entity_id=station, after={"alarm": what, "level": level, "note": note})
    return Acknowledgement(event.user or "", parse_utc(event.ts), note)
