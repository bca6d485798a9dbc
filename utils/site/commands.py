"""Remote commands: issuing a signed command, and the station's checks in the architecture's
order (JSON, schema, signature, target, expiry and clock skew, duplicate, issued before this
PC took the station over, issuer's role).

A command is signed by the *person* who sends it, with their own key (opened by their
password at login): no PC, not even the office PC that writes the file, can sign one for them.
The station checks the signature against that person's key in the site directory.

Nothing here has side effects: `check_command` returns a decision; the sync service executes,
acks and audits.

How it fits: docs/architecture.md §5, "A command, from the panel to its ack".
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Callable

from config.command_parameters import check_params
from config.constants import COMMAND_ROLES, CommandType, Role
from models.canonical import format_utc, parse_utc
from models.validation import has_forbidden_characters
from utils.site.protocol import PROTOCOL_VERSION
from utils.site.signed import parse_document, sign_document

COMMAND_MAX_BYTES = 64 * 1024
DEFAULT_TTL = timedelta(minutes=10)
MAX_TTL = timedelta(days=1)
_ID = re.compile(r"[0-9a-f]{32}\Z")
_FIELDS = ("v", "id", "type", "target", "params", "issued_by", "role", "issued_at", "not_after",
           "key_id", "sig")


class Outcome(StrEnum):
    DONE = "done"
    FAILED = "failed"
    REJECTED = "rejected"
    EXPIRED = "expired"
    DUPLICATE = "duplicate"


def valid_command_id(text: str) -> bool:
    return bool(_ID.match(text))


@dataclass(frozen=True)
class Command:
    id: str
    type: CommandType
    target: str
    params: dict[str, Any]
    issued_by: str
    role: Role
    issued_at: datetime
    not_after: datetime
    document: dict[str, Any] = field(compare=False, repr=False)


def issue_command(key: Any, command_type: CommandType | str, target: str,
                  params: dict[str, Any] | None, *, issued_by: str, role: Role | str,
                  now: datetime, ttl: timedelta = DEFAULT_TTL,
                  command_id: str | None = None) -> dict[str, Any]:
    """A command document signed by `key` (the issuing person's key pair), ready to be
    written to the target's inbox."""
    command_type = CommandType(command_type)
    params = dict(params or {})
    problem = check_params(command_type, params)
    if problem:
        raise ValueError(problem)
    return sign_document({
        "v": PROTOCOL_VERSION, "id": command_id or uuid.uuid4().hex, "type": str(command_type),
        "target": target, "params": params, "issued_by": issued_by, "role": str(Role(role)),
        "issued_at": format_utc(now), "not_after": format_utc(now + min(ttl, MAX_TTL)),
    }, key)


@dataclass(frozen=True)
class Decision:
    """`outcome` None means: execute it."""

    outcome: Outcome | None
    reason: str
    command: Command | None = None
    command_id: str | None = None  # known even when the command is refused


def _refuse(outcome: Outcome, reason: str, command_id: str | None,
            command: Command | None = None) -> Decision:
    return Decision(outcome, reason, command, command_id)


def check_command(data: bytes, *, file_stem: str,
                  signature_problem: Callable[[str, dict[str, Any]], str | None],
                  station_id: str, now: datetime, max_skew: timedelta,
                  seen_before: Callable[[str], bool],
                  role_of: Callable[[str], Role | None],
                  taken_over_at: datetime | None = None) -> Decision:
    """Apply every check in order; the first failure decides the outcome.

    `signature_problem(issued_by, document)` is None when the document is signed by that
    person's current key (utils/trust/site_trust.py `check_person`), else why not.
    `taken_over_at`: when this PC became the station's PC in place of another one
    (utils/site/command_ledger.py `CommandLedger.taken_over_at`); None for its first PC."""
    stem_id = file_stem if valid_command_id(file_stem) else None
    # 1. JSON
    try:
        raw = parse_document(data)
    except (UnicodeDecodeError, ValueError) as exc:
        return _refuse(Outcome.REJECTED, f"not valid JSON: {exc}", stem_id)
    # 2. schema
    if not isinstance(raw, dict):
        return _refuse(Outcome.REJECTED, "not a JSON object", stem_id)
    missing = [name for name in _FIELDS if name not in raw]
    if missing:
        return _refuse(Outcome.REJECTED, f"missing field(s): {', '.join(missing)}", stem_id)
    extra = sorted(set(raw) - set(_FIELDS))
    if extra:
        return _refuse(Outcome.REJECTED, f"unexpected field(s): {', '.join(extra)}", stem_id)
    if raw["v"] != PROTOCOL_VERSION:
        return _refuse(Outcome.REJECTED, f"protocol version {raw['v']!r} not supported", stem_id)
    if not isinstance(raw["id"], str) or raw["id"] != file_stem or not valid_command_id(raw["id"]):
        return _refuse(Outcome.REJECTED, "the command id does not match its file name", stem_id)
    try:
        command_type = CommandType(raw["type"])
    except ValueError:
        return _refuse(Outcome.REJECTED, f"unknown command type {raw['type']!r}", stem_id)
    problem = check_params(command_type, raw["params"])
    if problem is None:
        texts = [v for v in raw["params"].values() if isinstance(v, str)]
        texts += [raw[name] for name in ("target", "issued_by") if isinstance(raw[name], str)]
        if any(has_forbidden_characters(text) for text in texts):
            problem = "control or direction characters in the command"
    if problem:
        return _refuse(Outcome.REJECTED, problem, stem_id)
    try:
        role = Role(raw["role"])
        for name in ("issued_at", "not_after", "target", "issued_by"):
            if not isinstance(raw[name], str):
                raise ValueError(f"{name} must be text")
        issued_at, not_after = parse_utc(raw["issued_at"]), parse_utc(raw["not_after"])
    except (ValueError, TypeError) as exc:
        return _refuse(Outcome.REJECTED, f"bad field: {exc}", stem_id)
    command = Command(raw["id"], command_type, raw["target"], raw["params"], raw["issued_by"],
                      role, issued_at, not_after, raw)
    # 3. signature: the issuing person's own key
    problem = signature_problem(command.issued_by, raw)
    if problem is not None:
        return _refuse(Outcome.REJECTED, f"bad signature: {problem}", stem_id, command)
    # 4. target
    if command.target != station_id:
        return _refuse(Outcome.REJECTED, f"addressed to {command.target}, not {station_id}",
                       stem_id, command)
    # 5. expiry and clock skew
    if command.not_after - command.issued_at > MAX_TTL or command.not_after < command.issued_at:
        return _refuse(Outcome.REJECTED, "validity window is not acceptable", stem_id, command)
    if command.issued_at > now + max_skew:
        return _refuse(Outcome.REJECTED, "issued in the future beyond the allowed clock skew",
                       stem_id, command)
    if now > command.not_after:
        return _refuse(Outcome.EXPIRED, f"expired at {raw['not_after']}", stem_id, command)
    # 6. duplicate
    if seen_before(command.id):
        return _refuse(Outcome.DUPLICATE, "already received", stem_id, command)
    # 7. issued before this PC took the station over
    problem = taken_over_problem(command, station_id, taken_over_at, max_skew)
    if problem is not None:
        return _refuse(Outcome.REJECTED, problem, stem_id, command)
    # 8. the issuer's role, as the user directory knows it (not as the file claims)
    known_role = role_of(command.issued_by)
    if known_role is None:
        return _refuse(Outcome.REJECTED, f"{command.issued_by} is not an active user", stem_id,
                       command)
    if known_role != command.role or known_role not in COMMAND_ROLES[command_type]:
        return _refuse(Outcome.REJECTED, f"role {known_role} may not send {command_type}",
                       stem_id, command)
    return Decision(None, "accepted", command, command.id)


def taken_over_problem(command: Command, station_id: str, taken_over_at: datetime | None,
                       max_skew: timedelta) -> str | None:
    """Why a command is refused by a PC that took its station over, or None.

    The ledger that says what already ran is the old PC's, in the old PC's database: this
    PC's is empty, and the old PC's claims and acks on the share are not signed by this
    station's key (and anyone who writes the share can remove them). So a command the old PC
    ran, put back in the inbox within its validity (up to a day), would run again. The old PC
    ran nothing after the takeover (a join refuses a station whose PC runs, and that PC stops
    acting once it reads the takeover), and it took nothing issued later than its clock plus
    the allowed skew: every command issued at or before the takeover plus `max_skew` is
    refused, whatever the share holds. The moment is the one the join recorded in this PC's
    own database, so no share writer can move it: the latest of the joining PC's clock and the
    last times the old PC signed on the share (utils/site/membership.py `takeover_moment`), so
    a clock behind at the join does not move it back before what the old PC ran (sound while
    the old PC's status or death file is there at the join, or else while the joining clock
    was no further behind the old PC's than the skew allows). Reading what the old PC ran
    from its journal would be exact, but anyone can delete that journal from the share, so
    this bound is needed anyway, and alone it is sound: a command the old PC never got to run
    is refused too, and the ack says to send it again."""
    if taken_over_at is None:
        return None
    runs_after = taken_over_at + max_skew
    if command.issued_at > runs_after:
        return None
    return (f"issued before this PC took station {station_id} over at "
            f"{taken_over_at:%Y-%m-%d %H:%M} UTC; send it again if it is still wanted "
            f"(one issued after {runs_after:%H:%M:%S} UTC runs)")


def make_ack(key: Any, *, command_id: str, station_id: str, outcome: Outcome,
             reason: str, result: Any, finished_at: datetime,
             command_type: str | None = None) -> dict[str, Any]:
    return sign_document({"v": PROTOCOL_VERSION, "kind": "ack", "id": command_id,
                          "station": station_id, "type": command_type, "status": str(outcome),
                          "reason": reason, "result": result,
                          "finished_at": format_utc(finished_at)}, key)


def ack_problem(ack: Any, *, command_id: str, station_id: str,
                check_pc: Callable[[str, Any], str | None]) -> str | None:
    """None when `ack` is the station's own answer to this command (signed by the PC
    certified for that station); otherwise why it is not an outcome at all."""
    if not (isinstance(ack, dict) and ack.get("kind") == "ack" and ack.get("v") == PROTOCOL_VERSION
            and ack.get("id") == command_id and ack.get("station") == station_id
            and ack.get("status") in {str(o) for o in Outcome}):
        return "not an ack of this command"
    return check_pc(station_id, ack)
