"""User accounts in the local database.

Rows are never deleted: a deactivated account keeps its row, which is what makes a username
impossible to reuse. Every update bumps `version` so the site directory (issue: site sync)
can tell which copy of an account is newer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from config.constants import Role
from data import schema
from models.canonical import format_utc, parse_utc
from models.user import User

U = schema.users


def _to_user(row: Any) -> User:
    data = row._mapping
    return User(username=data["username"], full_name=data["full_name"], role=Role(data["role"]),
                active=bool(data["active"]),
                must_change_password=bool(data["must_change_password"]),
                badge_id=data["badge_id"], failed_attempts=data["failed_attempts"],
                locked_until=None if data["locked_until"] is None else parse_utc(data["locked_until"]),
                version=data["version"])


def get(connection: Connection, username: str) -> tuple[User, str] | None:
    """The user and their bcrypt hash, or None."""
    row = connection.execute(select(U).where(U.c.username == username)).first()
    return None if row is None else (_to_user(row), row.password_hash)


def find_by_badge(connection: Connection, badge_id: str) -> User | None:
    row = connection.execute(select(U).where(U.c.badge_id == badge_id)).first()
    return None if row is None else _to_user(row)


def exists(connection: Connection, username: str) -> bool:
    return connection.execute(select(U.c.username).where(U.c.username == username)).first() is not None


def count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(U)).scalar_one()


def count_active_admins(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(U).where(
        (U.c.role == str(Role.ADMIN)) & U.c.active.is_(True))).scalar_one()


def list_all(connection: Connection) -> list[User]:
    return [_to_user(row) for row in connection.execute(select(U).order_by(U.c.username))]


def insert(connection: Connection, user: User, password_hash: str, when: datetime, *,
           public_key: str | None = None, sealed_key: str | None = None) -> None:
    stamp = format_utc(when)
    connection.execute(U.insert().values(
        username=user.username, full_name=user.full_name, role=str(user.role),
        active=user.active, must_change_password=user.must_change_password,
        badge_id=user.badge_id, password_hash=password_hash,
        failed_attempts=user.failed_attempts,
        locked_until=None if user.locked_until is None else format_utc(user.locked_until),
        created_at=stamp, updated_at=stamp, version=user.version, public_key=public_key,
        sealed_key=sealed_key))


# Lockout counters are this PC's own business; changing only them is not a new version of the
# account (the site directory would otherwise see a "newer" account after every typo).
LOCAL_ONLY_COLUMNS = frozenset({"failed_attempts", "locked_until"})


def update(connection: Connection, username: str, when: datetime, **changes: Any) -> None:
    """Change the given columns and stamp `updated_at`; bump `version` unless only the local
    lockout counters changed."""
    values = dict(changes)
    if not set(values) <= LOCAL_ONLY_COLUMNS:
        values["version"] = U.c.version + 1
    if "role" in values:
        values["role"] = str(values["role"])
    if isinstance(values.get("locked_until"), datetime):
        values["locked_until"] = format_utc(values["locked_until"])
    connection.execute(U.update().where(U.c.username == username).values(
        **values, updated_at=format_utc(when)))


def get_with_hash_row(connection: Connection, username: str) -> dict[str, Any] | None:
    """The whole stored row (for publishing to the site directory)."""
    row = connection.execute(select(U).where(U.c.username == username)).first()
    return None if row is None else dict(row._mapping)


def upsert_from_directory(connection: Connection, entry: dict[str, Any], when: datetime) -> None:
    """Take a newer account from the site directory, keeping this PC's lockout counters."""
    values = {"full_name": entry["full_name"], "role": entry["role"], "active": entry["active"],
              "must_change_password": entry["must_change_password"],
              "badge_id": entry.get("badge_id"), "password_hash": entry["password_hash"],
              "version": entry["version"], "updated_at": format_utc(when),
              "public_key": entry.get("public_key"), "sealed_key": entry.get("sealed_key")}
    if exists(connection, entry["username"]):
        connection.execute(U.update().where(U.c.username == entry["username"]).values(**values))
    else:
        connection.execute(U.insert().values(username=entry["username"], failed_attempts=0,
                                             locked_until=None, created_at=format_utc(when),
                                             **values))
