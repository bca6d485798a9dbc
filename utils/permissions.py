"""Permission checks made inside the services.

Hiding a button is a courtesy; this is the rule. A refused attempt is itself audited, in its
own transaction, so it is kept even though the requested change is not.
"""

from __future__ import annotations

from typing import Protocol

from config.constants import Permission, Role, role_allows
from utils.changes import Changes


class HasRole(Protocol):
    username: str
    role: Role

    @property
    def actor(self): ...


class PermissionDenied(PermissionError):
    def __init__(self, username: str, role: Role | str, permission: Permission):
        self.username = username
        self.role = role
        self.permission = permission
        super().__init__(f"{username} ({role}) is not allowed to do {permission}")


def require(session: HasRole, permission: Permission, changes: Changes, *,
            target: str | None = None) -> None:
    """Return when the session's role allows `permission`; otherwise audit and raise.

    Call it before opening a write transaction: the denial is recorded in its own one.
    """
    if role_allows(session.role, permission):
        return
    changes.record(session.actor, "permission.denied", entity="permission",
                   entity_id=str(permission), after={"target": target})
    raise PermissionDenied(session.username, session.role, permission)
