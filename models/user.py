"""A user account as the domain sees it (the password hash stays in storage)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from config.constants import Role


@dataclass(frozen=True)
class User:
    username: str
    full_name: str
    role: Role
    active: bool = True
    must_change_password: bool = True
    badge_id: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    version: int = 1
