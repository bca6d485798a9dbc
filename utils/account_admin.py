"""Account administration: the user list and every change an admin makes to an account.

The last-admin rule, the reason on every change, the permission checked against the stored
account (not only the session), and in a site the change signed by the admin and added to the
site's directory. `AuthService` (utils/auth.py) is built on this; login and the person's own
password change live there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Callable

from config.constants import Permission, Role
from data import directory_repo, users_repo
from data.database import Database
from models.canonical import format_utc
from models.user import User
from models.validation import (
    FULL_NAME_MAX, FieldError, ValidationFailed, normalize_username, validate_reason,
    validate_text, validate_username,
)
from utils.auth_types import AuthError, Session
from utils.changes import Changes, Topic
from utils.clock import Clock
from utils.passwords import check_policy, hash_password
from utils.permissions import PermissionDenied, require
from utils.trust.directory_state import OpRefused
from utils.trust.site_accounts import UNLOCK_STATION, SiteAccounts


def row_of(user: User, password_hash: str) -> dict[str, Any]:
    """A new account as the local table and the site directory describe it."""
    return {"username": user.username, "full_name": user.full_name, "role": str(user.role),
            "active": user.active, "must_change_password": user.must_change_password,
            "badge_id": user.badge_id, "password_hash": password_hash}


def user_view(user: User) -> dict[str, Any]:
    """An account as it appears in audit events (never the hash)."""
    return {"username": user.username, "full_name": user.full_name, "role": str(user.role),
            "active": user.active, "must_change_password": user.must_change_password,
            "badge_id": user.badge_id}


def _checked(found: tuple[Any, list[FieldError]]) -> Any:
    """The value a models.validation check found, or ValidationFailed with its errors (a
    required field's value is never None without an error)."""
    value, errors = found
    if errors:
        raise ValidationFailed(errors)
    return value


class AccountAdmin:
    """The administration half of `AuthService`: needs the attributes below, which
    `AuthService.__init__` sets."""

    changes: Changes
    database: Database
    clock: Clock
    site: SiteAccounts | None
    # (locked until, failures counting) of an account now: AuthService's, as login sees it.
    _lock_state: Callable[[Any, str, datetime], tuple[datetime | None, int]]

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
        check_policy(initial_password, username=name, full_name=full)
        password_hash = hash_password(initial_password)
        user = User(name, full, role, must_change_password=True, badge_id=badge)
        keys: dict[str, Any] = {}
        op = None
        if self.site is not None:
            with self.database.read() as connection:
                taken = users_repo.exists(connection, name)
            if not taken:  # the local check below says it in words; no key wasted first
                keys = dict(zip(("public_key", "sealed_key"),
                                self.site.new_key(name, initial_password)))
                op = self._signed_user_op(actor, {**row_of(user, password_hash), **keys})
        with self.changes.begin(actor.actor, Topic.USERS) as tx:
            if users_repo.exists(tx.connection, name):
                raise AuthError("username_taken",
                                f"the username {name!r} is or was in use; usernames are never reused")
            if badge is not None and users_repo.find_by_badge(tx.connection, badge) is not None:
                raise AuthError("badge_taken", "that badge is already assigned to another account")
            users_repo.insert(tx.connection, user, password_hash, self.clock.now(), **keys)
            tx.audit("user.create", entity="user",
                     entity_id=name, after=user_view(user), reason=reason_text)
        self._publish(op)
        return user

    def reset_password(self, actor: Session, username: str, new_password: str, reason: str) -> User:
        """An admin sets a temporary password; the person must change it at the next login.
        In a site the person gets a new signing key (the old one is sealed under a password
        nobody remembers), certified by the admin."""
        self._require_manager(actor)
        reason_text = validate_reason(reason)
        name = normalize_username(username)
        known = self.get_user(actor, name)  # the person's name is not in their password either
        check_policy(new_password, username=name,
                     full_name=None if known is None else known.full_name)
        new_hash = hash_password(new_password)
        changes: dict[str, Any] = {"password_hash": new_hash, "must_change_password": True}
        if self.site is not None:
            changes.update(zip(("public_key", "sealed_key"), self.site.new_key(name, new_password)))
        return self._change(actor, name, "user.password_reset", reason_text,
                            failed_attempts=0, locked_until=None, **changes)

    def unlock(self, actor: Session, username: str, reason: str) -> User:
        """An admin lifts a lock: failures before now stop counting, on every PC of the site.
        On a PC outside a site, an account that is not locked is refused ("not_locked"):
        nothing changes, no event. In a site this PC cannot tell: the lock may be on another
        PC (its failures not copied here yet, or its threshold lower), and the signed unlock
        is what lifts it there."""
        self._require_manager(actor)
        name = normalize_username(username)
        reason_text = validate_reason(reason)
        now = self.clock.now()
        with self.database.read() as connection:
            user = self._existing(connection, name)
            locked = self._lock_state(connection, name, now)[0] is not None or (
                user.locked_until is not None and user.locked_until > now)
        if not locked and self.site is None:
            raise AuthError("not_locked", f"{name} is not locked; nothing was changed")
        at = format_utc(now)
        op = None
        if self.site is not None:
            if actor.signer is None:
                raise self._no_signer(actor)
            op = self.site.unlock_op(actor.signer, self.site.trust.person_name(actor.username),
                                     name, at)
            self._site_check(op)
        with self.changes.begin(actor.actor, Topic.USERS) as tx:
            if users_repo.get(tx.connection, name) is None:
                raise AuthError("not_found", f"there is no account named {name!r}")
            directory_repo.clear_failures(tx.connection, name)
            directory_repo.set_success(tx.connection, UNLOCK_STATION, name, at)
        user = self._change(actor, name, "user.unlock", reason_text, failed_attempts=0,
                            locked_until=None)
        self._publish(op)
        return user

    def deactivate(self, actor: Session, username: str, reason: str) -> User:
        """An account inactive already is refused ("already_inactive"): nothing changes, no
        event."""
        self._require_manager(actor)
        name = normalize_username(username)
        reason_text = validate_reason(reason)
        with self.database.read() as connection:
            if not self._existing(connection, name).active:
                raise AuthError("already_inactive", f"{name} is already inactive; nothing was "
                                "changed")
        return self._change(actor, name, "user.deactivate", reason_text, active=False)

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
        """Apply column changes to one account with the last-admin rule and an audit event;
        in a site, signed by the admin and added to the site's directory."""
        now = self.clock.now()
        site_columns = {k: v for k, v in changes.items() if k not in users_repo.LOCAL_ONLY_COLUMNS}
        op = None
        if self.site is not None and site_columns:
            with self.database.read() as connection:
                row = users_repo.get_with_hash_row(connection, username)
            if row is not None:
                op = self._signed_user_op(actor, {**row, **site_columns})
        with self.changes.begin(actor.actor, Topic.USERS) as tx:
            found = users_repo.get(tx.connection, username)
            if found is None:
                raise AuthError("not_found", f"there is no account named {username!r}")
            before = found[0]
            after = replace(before, **{k: v for k, v in changes.items()
                                       if k not in ("password_hash", "public_key", "sealed_key")})
            loses_admin = before.role == Role.ADMIN and before.active and (
                after.role != Role.ADMIN or not after.active)
            if loses_admin and users_repo.count_active_admins(tx.connection) <= 1:
                raise AuthError("last_admin", f"{username} is the last active admin; make "
                                "another admin first")
            users_repo.update(tx.connection, username, now, **changes)
            tx.audit(action, entity="user", entity_id=username,
                     before=user_view(before), after=user_view(after), reason=reason)
        self._publish(op)
        bumped = 1 if site_columns else 0
        return replace(after, version=before.version + bumped)

    @staticmethod
    def _existing(connection: Any, username: str) -> User:
        found = users_repo.get(connection, username)
        if found is None:
            raise AuthError("not_found", f"there is no account named {username!r}")
        return found[0]

    # -- the site's directory --------------------------------------------------------------------

    def _signed_user_op(self, actor: Session, row: dict[str, Any]) -> dict[str, Any]:
        assert self.site is not None
        if actor.signer is None:
            raise self._no_signer(actor)
        op = self.site.user_op(actor.signer, self.site.trust.person_name(actor.username), row)
        self._site_check(op)
        return op

    @staticmethod
    def _no_signer(actor: Session) -> AuthError:
        return AuthError("no_signing_key", f"{actor.username} has no signing key open in this "
                         "session (log in again with your password, or ask an admin to certify "
                         "your key); nothing was changed")

    def _site_check(self, op: dict[str, Any]) -> None:
        assert self.site is not None
        try:
            self.site.check(op)
        except OpRefused as exc:
            raise AuthError("site_refused", f"the site's directory refuses this change: {exc}; "
                            "nothing was changed") from exc

    def _publish(self, op: dict[str, Any] | None) -> None:
        if op is not None and self.site is not None:
            self.site.submit(op)

    def _require_manager(self, actor: Session) -> None:
        """The role in the session must allow it, and the stored account must still agree:
        a session opened before a demotion or deactivation does not keep its powers."""
        require(actor, Permission.USER_MANAGE, self.changes, target="users")
        with self.database.read() as connection:
            found = users_repo.get(connection, actor.username)
        if found is None or not found[0].active or found[0].role != actor.role:
            self.changes.record(actor.actor, "permission.denied", entity="permission",
                              entity_id=str(Permission.USER_MANAGE),
                              after={"target": "users", "cause": "stale_session"})
            raise PermissionDenied(actor.username, actor.role, Permission.USER_MANAGE)

    # -- field checks ----------------------------------------------------------------------------

    @staticmethod
    def _valid_username(username: Any) -> str:
        return _checked(validate_username(username))

    @staticmethod
    def _valid_full_name(full_name: Any) -> str:
        return _checked(validate_text("full_name", full_name, required=True,
                                      max_length=FULL_NAME_MAX))

    @staticmethod
    def _valid_role(role: Any) -> Role:
        try:
            return Role(role)
        except ValueError:
            raise ValidationFailed([FieldError("role", "not_in_catalog",
                                               f"role must be one of {', '.join(Role)}")]) from None

    @staticmethod
    def _valid_badge(badge_id: Any) -> str | None:
        return _checked(validate_text("badge_id", badge_id, required=False, max_length=128))

    @staticmethod
    def _loggable_name(typed: str) -> str:
        """What someone typed as a username goes to the audit only if it looks like one:
        a password typed into the wrong field must not end up in the trail."""
        name, errors = validate_username(typed)
        return name if name is not None and not errors else "(not a valid username)"
