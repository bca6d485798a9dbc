"""Accounts, login, lockout and sessions.

Rules kept here, not in the GUI: bcrypt (utils.passwords), lockout after
`settings.lockout_threshold` failures for `settings.lockout_minutes` (stored in the database,
so a restart does not reset it), a forced change after creation or an admin reset, usernames
unique and never reused (accounts are deactivated, never deleted), and at least one active
admin at all times. Every change and its audit event share one transaction.

Messages never say whether a username exists ("wrong username or password"); only a locked
account is named as locked, because the operator must know to call a supervisor.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Callable

from config.constants import Permission, Role
from config.settings import Settings
from data import users_repo
from data.database import Database
from models.user import User
from models.validation import (
    FULL_NAME_MAX, ValidationFailed, normalize_username, validate_reason, validate_text,
    validate_username,
)
from utils.audit.chain import Actor, AuditLog
from utils.clock import Clock, SystemClock
from utils.passwords import burn_equivalent_time, check_password, check_policy, hash_password
from utils.permissions import PermissionDenied, require


class AuthError(RuntimeError):
    """A refused account operation; nothing was changed. `code` is stable for translation."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


class LoginFailure(StrEnum):
    BAD_CREDENTIALS = "bad_credentials"
    LOCKED = "locked"


@dataclass(frozen=True)
class Session:
    username: str
    full_name: str
    role: Role
    station: str
    started_at: datetime
    must_change_password: bool = False
    session_id: str = ""

    @property
    def actor(self) -> Actor:
        return Actor(self.username, str(self.role))


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    session: Session | None = None
    failure: LoginFailure | None = None
    locked_until: datetime | None = None


def _user_view(user: User) -> dict[str, Any]:
    """An account as it appears in audit events (never the hash)."""
    return {"username": user.username, "full_name": user.full_name, "role": str(user.role),
            "active": user.active, "must_change_password": user.must_change_password,
            "badge_id": user.badge_id}


class AuthService:
    def __init__(self, database: Database, audit: AuditLog, settings: Settings,
                 clock: Clock | None = None):
        self.database = database
        self.audit = audit
        self.settings = settings
        self.clock = clock or SystemClock()
        # Called with a username after its account changed (the site directory publishes it).
        self.on_user_changed: Callable[[str], None] | None = None

    def _changed(self, username: str) -> None:
        if self.on_user_changed is not None:
            self.on_user_changed(username)

    @property
    def station(self) -> str:
        return self.audit.station

    # -- first run -----------------------------------------------------------------------------

    def has_users(self) -> bool:
        with self.database.read() as connection:
            return users_repo.count(connection) > 0

    def create_first_admin(self, username: str, full_name: str, password: str) -> User:
        """The very first account, on an empty database only. The person chose the password,
        so no forced change follows."""
        name = self._valid_username(username)
        full = self._valid_full_name(full_name)
        check_policy(password, username=name)
        password_hash = hash_password(password)
        user = User(name, full, Role.ADMIN, must_change_password=False)
        with self.database.write() as connection:
            if users_repo.count(connection) > 0:
                raise AuthError("not_first", "accounts already exist; an admin must add users")
            users_repo.insert(connection, user, password_hash, self.clock.now())
            self.audit.append(connection, Actor.system(), "user.create_first_admin",
                              entity="user", entity_id=name, after=_user_view(user))
        self.audit.flush_checkpoint_file()
        self._changed(name)
        return user

    # -- login and sessions --------------------------------------------------------------------

    def login(self, username: str, password: str) -> LoginResult:
        """Check a password; count failures and lock; return a session on success.

        The bcrypt check runs outside the write transaction (it takes a quarter of a second
        and must not hold up production writes); the counters are re-read inside it.
        """
        typed = normalize_username(username)
        with self.database.read() as connection:
            found = users_repo.get(connection, typed)
            if found is None and isinstance(username, str) and username.strip():
                badge_user = users_repo.find_by_badge(connection, username.strip())
                found = None if badge_user is None else users_repo.get(connection, badge_user.username)
        now = self.clock.now()
        if found is None or not found[0].active:
            burn_equivalent_time(password if isinstance(password, str) else "")
            self.audit.record(Actor.system(), "login.failed", entity="user",
                              entity_id=self._loggable_name(typed),
                              after={"cause": "unknown_or_inactive"})
            return LoginResult(False, failure=LoginFailure.BAD_CREDENTIALS)
        user, password_hash = found
        if user.locked_until is not None and user.locked_until > now:
            self.audit.record(Actor.system(), "login.refused_locked", entity="user",
                              entity_id=user.username,
                              after={"locked_until": user.locked_until.isoformat()})
            return LoginResult(False, failure=LoginFailure.LOCKED, locked_until=user.locked_until)
        matched = check_password(password, password_hash)
        with self.database.write() as connection:
            fresh = users_repo.get(connection, user.username)
            assert fresh is not None
            user = fresh[0]
            if not matched:
                return self._count_failure(connection, user, now)
            changes: dict[str, Any] = {}
            if user.failed_attempts or user.locked_until is not None:
                changes = {"failed_attempts": 0, "locked_until": None}
                users_repo.update(connection, user.username, now, **changes)
            session = Session(user.username, user.full_name, user.role, self.station, now,
                              user.must_change_password, uuid.uuid4().hex)
            self.audit.append(connection, session.actor, "login", entity="session",
                              entity_id=session.session_id,
                              after={"must_change_password": user.must_change_password})
        self.audit.flush_checkpoint_file()
        return LoginResult(True, session=session)

    def _count_failure(self, connection, user: User, now: datetime) -> LoginResult:
        attempts = user.failed_attempts + 1
        if attempts >= self.settings.lockout_threshold:
            until = now + timedelta(minutes=self.settings.lockout_minutes)
            users_repo.update(connection, user.username, now, failed_attempts=0, locked_until=until)
            self.audit.append(connection, Actor.system(), "user.locked", entity="user",
                              entity_id=user.username,
                              after={"failed_attempts": attempts, "locked_until": until.isoformat()})
            return LoginResult(False, failure=LoginFailure.LOCKED, locked_until=until)
        users_repo.update(connection, user.username, now, failed_attempts=attempts,
                          locked_until=None)
        self.audit.append(connection, Actor.system(), "login.failed", entity="user",
                          entity_id=user.username, after={"failed_attempts": attempts})
        return LoginResult(False, failure=LoginFailure.BAD_CREDENTIALS)

    def logout(self, session: Session, reason: str = "user") -> None:
        """`reason`: user, idle, remote, shutdown."""
        self.audit.record(session.actor, "logout", entity="session",
                          entity_id=session.session_id, after={"reason": reason})

    def verify_password(self, session: Session, password: str) -> bool:
        """A signature: the logged-in person re-enters their password to confirm a change.

        A wrong entry counts towards the lockout like a failed login.
        """
        with self.database.read() as connection:
            found = users_repo.get(connection, session.username)
        if found is None or not found[0].active:
            return False
        user, password_hash = found
        now = self.clock.now()
        if user.locked_until is not None and user.locked_until > now:
            return False
        if check_password(password, password_hash):
            self.audit.record(session.actor, "signature", entity="session",
                              entity_id=session.session_id)
            return True
        with self.database.write() as connection:
            fresh = users_repo.get(connection, user.username)
            assert fresh is not None
            self._count_failure(connection, fresh[0], now)
        self.audit.flush_checkpoint_file()
        return False

    def change_password(self, username: str, old_password: str, new_password: str) -> User:
        """The person changes their own password (forced after creation or a reset)."""
        name = normalize_username(username)
        with self.database.read() as connection:
            found = users_repo.get(connection, name)
        now = self.clock.now()
        if found is None or not found[0].active:
            burn_equivalent_time(old_password if isinstance(old_password, str) else "")
            raise AuthError("bad_credentials", "wrong username or password")
        user, password_hash = found
        if user.locked_until is not None and user.locked_until > now:
            raise AuthError("locked", f"the account is locked until {user.locked_until:%H:%M} UTC")
        if not check_password(old_password, password_hash):
            with self.database.write() as connection:
                fresh = users_repo.get(connection, name)
                assert fresh is not None
                self._count_failure(connection, fresh[0], now)
            self.audit.flush_checkpoint_file()
            raise AuthError("bad_credentials", "wrong username or password")
        check_policy(new_password, username=name, old_password=old_password)
        new_hash = hash_password(new_password)
        with self.database.write() as connection:
            users_repo.update(connection, name, now, password_hash=new_hash,
                              must_change_password=False, failed_attempts=0, locked_until=None)
            self.audit.append(connection, Actor(name, str(user.role)), "user.password_change",
                              entity="user", entity_id=name)
        self.audit.flush_checkpoint_file()
        self._changed(name)
        return replace(user, must_change_password=False, failed_attempts=0, locked_until=None)

    # -- administration ------------------------------------------------------------------------

    def list_users(self, actor: Session) -> list[User]:
        self._require_manager(actor)
        with self.database.read() as connection:
            return users_repo.list_all(connection)

    def get_user(self, actor: Session, username: str) -> User | None:
        self._require_manager(actor)
        with self.database.read() as connection:
            found = users_repo.get(connection, normalize_username(username))
        return None if found is None else found[0]

    def create_user(self, actor: Session, username: str, full_name: str, role: Role | str,
                    initial_password: str, reason: str, *, badge_id: str | None = None) -> User:
        self._require_manager(actor)
        name = self._valid_username(username)
        full = self._valid_full_name(full_name)
        role = self._valid_role(role)
        reason_text = validate_reason(reason)
        badge = self._valid_badge(badge_id)
        check_policy(initial_password, username=name)
        password_hash = hash_password(initial_password)
        user = User(name, full, role, must_change_password=True, badge_id=badge)
        with self.database.write() as connection:
            if users_repo.exists(connection, name):
                raise AuthError("username_taken",
                                f"the username {name!r} is or was in use; usernames are never reused")
            if badge is not None and users_repo.find_by_badge(connection, badge) is not None:
                raise AuthError("badge_taken", "that badge is already assigned to another account")
            users_repo.insert(connection, user, password_hash, self.clock.now())
            self.audit.append(connection, actor.actor, "user.create", entity="user",
                              entity_id=name, after=_user_view(user), reason=reason_text)
        self.audit.flush_checkpoint_file()
        self._changed(name)
        return user

    def reset_password(self, actor: Session, username: str, new_password: str, reason: str) -> User:
        """An admin sets a temporary password; the person must change it at the next login."""
        self._require_manager(actor)
        reason_text = validate_reason(reason)
        name = normalize_username(username)
        check_policy(new_password, username=name)
        new_hash = hash_password(new_password)
        return self._change(actor, name, "user.password_reset", reason_text,
                            password_hash=new_hash, must_change_password=True,
                            failed_attempts=0, locked_until=None)

    def unlock(self, actor: Session, username: str, reason: str) -> User:
        self._require_manager(actor)
        return self._change(actor, normalize_username(username), "user.unlock",
                            validate_reason(reason), failed_attempts=0, locked_until=None)

    def deactivate(self, actor: Session, username: str, reason: str) -> User:
        self._require_manager(actor)
        return self._change(actor, normalize_username(username), "user.deactivate",
                            validate_reason(reason), active=False)

    def reactivate(self, actor: Session, username: str, reason: str) -> User:
        """The same person back (e.g. after leave). The name is theirs; it was never reused."""
        self._require_manager(actor)
        return self._change(actor, normalize_username(username), "user.reactivate",
                            validate_reason(reason), active=True, must_change_password=True)

    def set_role(self, actor: Session, username: str, role: Role | str, reason: str) -> User:
        self._require_manager(actor)
        return self._change(actor, normalize_username(username), "user.role",
                            validate_reason(reason), role=self._valid_role(role))

    def set_full_name(self, actor: Session, username: str, full_name: str, reason: str) -> User:
        self._require_manager(actor)
        return self._change(actor, normalize_username(username), "user.full_name",
                            validate_reason(reason), full_name=self._valid_full_name(full_name))

    def set_badge(self, actor: Session, username: str, badge_id: str | None, reason: str) -> User:
        self._require_manager(actor)
        badge = self._valid_badge(badge_id)
        name = normalize_username(username)
        with self.database.read() as connection:
            holder = None if badge is None else users_repo.find_by_badge(connection, badge)
        if holder is not None and holder.username != name:
            raise AuthError("badge_taken", "that badge is already assigned to another account")
        return self._change(actor, name, "user.badge", validate_reason(reason), badge_id=badge)

    def _change(self, actor: Session, username: str, action: str, reason: str,
                **changes: Any) -> User:
        """Apply column changes to one account with the last-admin rule and an audit event."""
        now = self.clock.now()
        with self.database.write() as connection:
            found = users_repo.get(connection, username)
            if found is None:
                raise AuthError("not_found", f"there is no account named {username!r}")
            before = found[0]
            after = replace(before, **{k: v for k, v in changes.items() if k != "password_hash"})
            loses_admin = before.role == Role.ADMIN and before.active and (
                after.role != Role.ADMIN or not after.active)
            if loses_admin and users_repo.count_active_admins(connection) <= 1:
                raise AuthError("last_admin", f"{username} is the last active admin; make "
                                "another admin first")
            users_repo.update(connection, username, now, **changes)
            self.audit.append(connection, actor.actor, action, entity="user", entity_id=username,
                              before=_user_view(before), after=_user_view(after), reason=reason)
        self.audit.flush_checkpoint_file()
        self._changed(username)
        return replace(after, version=before.version + 1)

    def _require_manager(self, actor: Session) -> None:
        """The role in the session must allow it, and the stored account must still agree:
        a session opened before a demotion or deactivation does not keep its powers."""
        require(actor, Permission.USER_MANAGE, self.audit, target="users")
        with self.database.read() as connection:
            found = users_repo.get(connection, actor.username)
        if found is None or not found[0].active or found[0].role != actor.role:
            self.audit.record(actor.actor, "permission.denied", entity="permission",
                              entity_id=str(Permission.USER_MANAGE),
                              after={"target": "users", "cause": "stale_session"})
            raise PermissionDenied(actor.username, actor.role, Permission.USER_MANAGE)

    # -- field checks ----------------------------------------------------------------------------

    @staticmethod
    def _valid_username(username: Any) -> str:
        name, errors = validate_username(username)
        if errors:
            raise ValidationFailed(errors)
        assert name is not None
        return name

    @staticmethod
    def _valid_full_name(full_name: Any) -> str:
        text, errors = validate_text("full_name", full_name, required=True,
                                     max_length=FULL_NAME_MAX)
        if errors:
            raise ValidationFailed(errors)
        assert text is not None
        return text

    @staticmethod
    def _valid_role(role: Any) -> Role:
        try:
            return Role(role)
        except ValueError:
            from models.validation import FieldError

            raise ValidationFailed([FieldError("role", "not_in_catalog",
                                               f"role must be one of {', '.join(Role)}")]) from None

    @staticmethod
    def _valid_badge(badge_id: Any) -> str | None:
        text, errors = validate_text("badge_id", badge_id, required=False, max_length=128)
        if errors:
            raise ValidationFailed(errors)
        return text

    @staticmethod
    def _loggable_name(typed: str) -> str:
        """What someone typed as a username goes to the audit only if it looks like one:
        a password typed into the wrong field must not end up in the trail."""
        name, errors = validate_username(typed)
        return name if name is not None and not errors else "(not a valid username)"
