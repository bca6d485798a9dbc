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

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from config.constants import Permission, Role
from config.settings import Settings
from data import directory_repo, users_repo
from models.canonical import format_utc, parse_utc
from models.refusal import CodedRefusal
from models.user import User
from models.validation import (
    FULL_NAME_MAX, ValidationFailed, normalize_username, validate_reason, validate_text,
    validate_username,
)
from utils.audit.chain import Actor
from utils.changes import Changes, Topic
from utils.clock import Clock, SystemClock
from utils.passwords import burn_equivalent_time, check_password, check_policy, hash_password
from utils.permissions import PermissionDenied, require
from utils.settings_holder import SettingsHolder

if TYPE_CHECKING:
    from utils.trust.crypto import SigningKeyPair
    from utils.trust.site_accounts import SiteAccounts

log = logging.getLogger(__name__)


class AuthError(CodedRefusal):
    """A refused account operation; nothing was changed. `code` is stable for translation."""


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
    # The person's own signing key, opened with the password they typed at login (in a site);
    # it signs their commands, corrections and account changes. Never shown, never stored.
    signer: "SigningKeyPair | None" = field(default=None, repr=False, compare=False)

    @property
    def actor(self) -> Actor:
        return Actor(self.username, str(self.role))


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    session: Session | None = None
    failure: LoginFailure | None = None
    locked_until: datetime | None = None


def _row_of(user: User, password_hash: str) -> dict[str, Any]:
    """A new account as the local table and the site directory describe it."""
    return {"username": user.username, "full_name": user.full_name, "role": str(user.role),
            "active": user.active, "must_change_password": user.must_change_password,
            "badge_id": user.badge_id, "password_hash": password_hash}


def _user_view(user: User) -> dict[str, Any]:
    """An account as it appears in audit events (never the hash)."""
    return {"username": user.username, "full_name": user.full_name, "role": str(user.role),
            "active": user.active, "must_change_password": user.must_change_password,
            "badge_id": user.badge_id}


class AuthService:
    def __init__(self, changes: Changes, settings: SettingsHolder, clock: Clock | None = None):
        self.changes = changes
        self.database = changes.database
        self.audit = changes.audit
        self._settings = settings
        self.clock = clock or SystemClock()
        # The site's accounts when this PC is in a site: every change becomes an operation
        # signed by the person who made it, in the site's directory log.
        self.site: "SiteAccounts | None" = None
        # Sessions that have signed with their user name and password (needs_username).
        self._signed_sessions: set[str] = set()

    @property
    def settings(self) -> Settings:
        """The lockout and password rules in force (this PC's settings, as replaced)."""
        return self._settings.current

    @property
    def station(self) -> str:
        return self.audit.station

    # -- first run -----------------------------------------------------------------------------

    def has_users(self) -> bool:
        with self.database.read() as connection:
            return users_repo.count(connection) > 0

    def create_first_admin(self, username: str, full_name: str, password: str, *,
                           root: "SigningKeyPair | None" = None) -> User:
        """The very first account, on an empty database only. The person chose the password,
        so no forced change follows. In a site the site's root certifies this first admin
        (`root`: the root key, opened with the passphrase the person just typed)."""
        name = self._valid_username(username)
        full = self._valid_full_name(full_name)
        check_policy(password, username=name)
        password_hash = hash_password(password)
        user = User(name, full, Role.ADMIN, must_change_password=False)
        keys: dict[str, Any] = {}
        op = None
        if self.site is not None:
            if root is None:
                raise AuthError("root_required", "the site's first admin is certified with the "
                                "site passphrase; create the site and its first admin together")
            keys = dict(zip(("public_key", "sealed_key"), self.site.new_key(name, password)))
            op = self.site.user_op(root, self.site.root_name(), {
                **_row_of(user, password_hash), **keys})
            self._site_check(op)
        with self.changes.begin(Actor.system(), Topic.USERS) as tx:
            if users_repo.count(tx.connection) > 0:
                raise AuthError("not_first", "accounts already exist; an admin must add users")
            users_repo.insert(tx.connection, user, password_hash, self.clock.now(), **keys)
            tx.audit("user.create_first_admin",
                     entity="user", entity_id=name, after=_user_view(user))
        self._publish(op)
        return user

    # -- login and sessions --------------------------------------------------------------------

    def login(self, username: str, password: str) -> LoginResult:
        """Check a password with the lockout first; return a session on success.

        The attempt is counted *before* the password is checked, in one write transaction,
        so a burst of guesses (threads, processes, PCs) gets no more checks than the
        threshold allows; the count is undone when the password is right."""
        typed = normalize_username(username)
        with self.database.read() as connection:
            found = users_repo.get(connection, typed)
            if found is None and isinstance(username, str) and username.strip():
                badge_user = users_repo.find_by_badge(connection, username.strip())
                found = None if badge_user is None else users_repo.get(connection, badge_user.username)
        if found is None or not found[0].active:
            burn_equivalent_time(password if isinstance(password, str) else "")
            self.changes.record(Actor.system(), "login.failed", entity="user",
                              entity_id=self._loggable_name(typed),
                              after={"cause": "unknown_or_inactive"})
            return LoginResult(False, failure=LoginFailure.BAD_CREDENTIALS)
        user = found[0]
        outcome = self._attempt(user.username, password, failure_action="login.failed")
        if isinstance(outcome, datetime):
            return LoginResult(False, failure=LoginFailure.LOCKED, locked_until=outcome)
        if outcome is None:
            fresh = self._stored(user.username)
            if fresh is not None and fresh[0].locked_until is not None:
                return LoginResult(False, failure=LoginFailure.LOCKED,
                                   locked_until=fresh[0].locked_until)
            return LoginResult(False, failure=LoginFailure.BAD_CREDENTIALS)
        user, row = outcome
        signer = None
        if self.site is not None:
            signer = self.site.open_key(user.username, row.get("sealed_key"), password)
            if signer is None and row.get("sealed_key"):
                log.warning("The signing key of %s does not open with the password that logged "
                            "in; signatures by this person are refused until an admin resets "
                            "the password", user.username)
        session = Session(user.username, user.full_name, user.role, self.station, self.clock.now(),
                          user.must_change_password, uuid.uuid4().hex, signer)
        self.changes.record(session.actor, "login", entity="session", entity_id=session.session_id,
                          after={"must_change_password": user.must_change_password})
        return LoginResult(True, session=session)

    def _stored(self, username: str) -> tuple[User, str] | None:
        with self.database.read() as connection:
            return users_repo.get(connection, username)

    def _lock_state(self, connection, username: str, now: datetime) -> tuple[datetime | None, int]:
        """(locked until, failures counting towards the next lock) from every station's
        failures after the account's last success or unlock anywhere."""
        since = directory_repo.last_success(connection, username)
        threshold = self.settings.lockout_threshold
        span = timedelta(minutes=self.settings.lockout_minutes)
        locked_until: datetime | None = None
        count = 0
        for text in directory_repo.failures_since(connection, username, since):
            moment = parse_utc(text)
            if locked_until is not None:
                if moment < locked_until:
                    continue  # guesses during a lock (from a PC that had not heard yet)
                locked_until = None
            count += 1
            if count >= threshold:
                locked_until, count = moment + span, 0
        if locked_until is not None and locked_until <= now:
            locked_until = None
        return locked_until, count

    def _attempt(self, username: str, password: Any, *, failure_action: str
                 ) -> "tuple[User, dict[str, Any]] | datetime | None":
        """One password check under the lockout: (user, row) when right, the lock's end when
        the account is locked (the password is not even checked), None when wrong."""
        now = self.clock.now()
        at = format_utc(now)
        with self.changes.begin(Actor.system(), Topic.USERS) as tx:
            locked_until, _count = self._lock_state(tx.connection, username, now)
            if locked_until is not None:
                users_repo.update(tx.connection, username, now, locked_until=locked_until)
                tx.audit("login.refused_locked",
                         entity="user", entity_id=username,
                         after={"locked_until": locked_until.isoformat()})
            else:
                directory_repo.add_failure(tx.connection, self.station, username, at)
            row = users_repo.get_with_hash_row(tx.connection, username)
        if locked_until is not None:
            return locked_until
        assert row is not None
        matched = check_password(password, row["password_hash"])
        with self.changes.begin(Actor.system(), Topic.USERS) as tx:
            if matched:
                directory_repo.clear_failures(tx.connection, username, self.station)
                directory_repo.set_success(tx.connection, self.station, username, at)
                users_repo.update(tx.connection, username, now, failed_attempts=0, locked_until=None)
                fresh = users_repo.get(tx.connection, username)
            else:
                locked_until, count = self._lock_state(tx.connection, username, now)
                if locked_until is not None:
                    users_repo.update(tx.connection, username, now, failed_attempts=0,
                                      locked_until=locked_until)
                    tx.audit("user.locked", entity="user",
                             entity_id=username,
                             after={"failed_attempts": self.settings.lockout_threshold,
                             "locked_until": locked_until.isoformat()})
                else:
                    users_repo.update(tx.connection, username, now, failed_attempts=count,
                                      locked_until=None)
                    tx.audit(failure_action, entity="user",
                             entity_id=username, after={"failed_attempts": count})
        if not matched:
            return None
        assert fresh is not None
        return fresh[0], row

    def logout(self, session: Session, reason: str = "user") -> None:
        """`reason`: user, idle, remote, shutdown."""
        self.changes.record(session.actor, "logout", entity="session",
                          entity_id=session.session_id, after={"reason": reason})

    def verify_password(self, session: Session, password: str) -> bool:
        """A signature: the logged-in person re-enters their password to confirm a change.

        A wrong entry counts towards the lockout like a failed login; a locked account is
        refused even with the right password."""
        found = self._stored(session.username)
        if found is None or not found[0].active:
            return False
        outcome = self._attempt(session.username, password, failure_action="signature.failed")
        if not isinstance(outcome, tuple):
            return False
        self.changes.record(session.actor, "signature", entity="session",
                          entity_id=session.session_id)
        return True

    def needs_username(self, session: Session) -> bool:
        """True until the session's first signature made with `verify_signature`: Part 11
        §11.200(a)(1) asks for both components (user name and password) at the first signing
        of a session, and at least one for the later ones. A new login (also after an idle
        logout) is a new session."""
        return session.session_id not in self._signed_sessions

    def verify_signature(self, session: Session, password: str, username: str | None = None
                         ) -> bool:
        """A signature by the logged-in person: the user name too at the session's first.

        A user name that is not the session's is refused and audited (`signature.failed`,
        its password not even checked); a wrong password counts towards the lockout."""
        if self.needs_username(session):
            if username is None or normalize_username(username) != session.username:
                self.changes.record(session.actor, "signature.failed", entity="user",
                                    entity_id=session.username,
                                    after={"cause": "user_name_missing_or_not_yours"})
                return False
        if not self.verify_password(session, password):
            return False
        self._signed_sessions.add(session.session_id)
        return True

    def change_password(self, username: str, old_password: str, new_password: str) -> User:
        """The person changes their own password (forced after creation or a reset). In a
        site their signing key is sealed again under the new password and the change is
        signed by that key."""
        name = normalize_username(username)
        found = self._stored(name)
        if found is None or not found[0].active:
            burn_equivalent_time(old_password if isinstance(old_password, str) else "")
            raise AuthError("bad_credentials", "wrong username or password")
        outcome = self._attempt(name, old_password, failure_action="login.failed")
        if isinstance(outcome, datetime):
            raise AuthError("locked", f"the account is locked until {outcome:%H:%M} UTC")
        if outcome is None:
            raise AuthError("bad_credentials", "wrong username or password")
        user, row = outcome
        check_policy(new_password, username=name, old_password=old_password)
        new_hash = hash_password(new_password)
        now = self.clock.now()
        changes: dict[str, Any] = {"password_hash": new_hash, "must_change_password": False}
        op = None
        if self.site is not None:
            signer = self.site.open_key(name, row.get("sealed_key"), old_password)
            if signer is None:
                raise AuthError("no_key", "your signing key does not open with this password; "
                                "ask an admin to reset your password")
            changes["sealed_key"] = self.site.reseal(signer, name, new_password)
            op = self.site.user_op(signer, self.site.trust.person_name(name),
                                   {**row, **changes})
            self._site_check(op)
        with self.changes.begin(Actor(name, str(user.role)), Topic.USERS) as tx:
            users_repo.update(tx.connection, name, now, failed_attempts=0, locked_until=None,
                              **changes)
            tx.audit("user.password_change",
                     entity="user", entity_id=name)
        self._publish(op)
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
        keys: dict[str, Any] = {}
        op = None
        if self.site is not None:
            with self.database.read() as connection:
                taken = users_repo.exists(connection, name)
            if not taken:  # the local check below says it in words; no key wasted first
                keys = dict(zip(("public_key", "sealed_key"),
                                self.site.new_key(name, initial_password)))
                op = self._signed_user_op(actor, {**_row_of(user, password_hash), **keys})
        with self.changes.begin(actor.actor, Topic.USERS) as tx:
            if users_repo.exists(tx.connection, name):
                raise AuthError("username_taken",
                                f"the username {name!r} is or was in use; usernames are never reused")
            if badge is not None and users_repo.find_by_badge(tx.connection, badge) is not None:
                raise AuthError("badge_taken", "that badge is already assigned to another account")
            users_repo.insert(tx.connection, user, password_hash, self.clock.now(), **keys)
            tx.audit("user.create", entity="user",
                     entity_id=name, after=_user_view(user), reason=reason_text)
        self._publish(op)
        return user

    def reset_password(self, actor: Session, username: str, new_password: str, reason: str) -> User:
        """An admin sets a temporary password; the person must change it at the next login.
        In a site the person gets a new signing key (the old one is sealed under a password
        nobody remembers), certified by the admin."""
        self._require_manager(actor)
        reason_text = validate_reason(reason)
        name = normalize_username(username)
        check_policy(new_password, username=name)
        new_hash = hash_password(new_password)
        changes: dict[str, Any] = {"password_hash": new_hash, "must_change_password": True}
        if self.site is not None:
            changes.update(zip(("public_key", "sealed_key"), self.site.new_key(name, new_password)))
        return self._change(actor, name, "user.password_reset", reason_text,
                            failed_attempts=0, locked_until=None, **changes)

    def unlock(self, actor: Session, username: str, reason: str) -> User:
        """An admin lifts a lock: failures before now stop counting, on every PC of the site."""
        self._require_manager(actor)
        name = normalize_username(username)
        reason_text = validate_reason(reason)
        at = format_utc(self.clock.now())
        op = None
        if self.site is not None:
            if actor.signer is None:
                raise self._no_signer(actor)
            op = self.site.unlock_op(actor.signer, self.site.trust.person_name(actor.username),
                                     name, at)
            self._site_check(op)
        from utils.trust.site_accounts import UNLOCK_STATION

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
                     before=_user_view(before), after=_user_view(after), reason=reason)
        self._publish(op)
        bumped = 1 if site_columns else 0
        return replace(after, version=before.version + bumped)

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
        from utils.trust.directory_state import OpRefused

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
