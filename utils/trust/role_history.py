"""When each person held which role: the history the site directory keeps of changes of a
person's role or of their account's being active (utils/trust/directory_state.py
`DirectoryState.role_changes`, read by `roles_at`), and the rules that keep its times honest.

A signed act is judged by the role its signer held when signing, so a PC that reads it after
a demotion judges it as one that read it before (docs/architecture.md, "The same view from any
PC"). The times are the admins' clocks: they only move forward in the history (an admin's
clock behind puts a change at the previous one's time), a change of password or of name is no
change, and a PC whose clock is behind a person's last change does not sign a new one.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from config.constants import Role
from models.canonical import format_utc, parse_utc

# How far apart the clock of the admin who changed a role and the clock of the PC where a
# person signed may be: an act signed within this of a role change counts under either role.
# A constant, not a PC's setting: every PC must judge one act alike.
ROLE_CHANGE_SKEW = timedelta(minutes=5)

RoleChanges = dict[str, tuple[tuple[datetime, "Role | None"], ...]]


def note_role(changes: RoleChanges, username: str, at: datetime, role: Role | None) -> None:
    """Keep a change of `username`'s role (None: deactivated) from `at`, where it is one."""
    held = changes.get(username, ())
    if held and held[-1][1] == role:
        return  # a password change, a new name: the same role
    if held and at < held[-1][0]:
        at = held[-1][0]
    changes[username] = (*held, (at, role))


def role_change_dated_behind(changes: RoleChanges, op: dict[str, Any]) -> str | None:
    """Why the signing PC should not sign `op`, a change of a person's role or of their
    account's being active, now: it is dated more than ROLE_CHANGE_SKEW before that person's
    last change, so this PC's clock is behind, and the change would count from that last
    change's time instead of from now (a promotion or a reactivation dated back). None: the
    op is not such a change, or its date is fine. The PC that would sign asks this; every PC
    replaying the log keeps the rule of `note_role`."""
    if op.get("op") != "user.put" or not isinstance(op.get("data"), dict):
        return None
    data = op["data"]
    held = changes.get(data.get("username"), ())
    role = Role(data["role"]) if data.get("active") else None
    if not held or held[-1][1] == role:
        return None
    last = held[-1][0]
    # Added to this PC's own time, never taken from the last change's: an operation anyone
    # with an admin's key dated 0001-01-01 leaves nothing to subtract from.
    if parse_utc(op["at"]) + ROLE_CHANGE_SKEW >= last:
        return None
    return (f"this PC's clock ({op['at']}) is behind the site's last change of "
            f"{data.get('username')}'s account ({format_utc(last)}): correct this PC's date and "
            f"time, then make the change again")
