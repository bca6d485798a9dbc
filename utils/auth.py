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
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from config.constants import Role
from config.settings import Settings
from data import directory_repo, users_repo
from models.canonical import format_utc, parse_utc
from models.user import User
from models.validation import normalize_username
from utils.account_admin import AccountAdmin, row_of, user_view
from utils.audit.chain import Actor
from utils.auth_types import AuthError, LoginFailure, LoginResult, Session
from utils.changes import Changes, Topic
from utils.clock import Clock, SystemClock
from utils.passwords import burn_equivalent_time, check_password, check_policy, hash_password
from utils.settings_holder import SettingsHolder

if TYPE_CHECKING:
    from utils.trust.crypto import SigningKeyPair
    from utils.trust.site_accounts import SiteAccounts

log = logging.getLogger(__name__)

# The values callers take from here with the service (a login gives a Session, refuses with
# an AuthError or a LoginFailure).
__all__ = ["AuthError", "AuthService", "LoginFailure", "LoginResult", "Session"]


class AuthService(AccountAdmin):
    """Accounts: the first admin, login under the lockout, sessions and signatures, the
    person's own password change; administration comes from `AccountAdmin`."""

    def __init__(self, changes: Changes, settings: SettingsHolder, clock: Clock | None = None,
                 *, site: "SiteAccounts | None" = None):
        self.changes = changes
        self.database = changes.database
        self.audit = changes.audit
        self._settings = settings
        self.clock = clock or SystemClock()
        # The site's accounts when this PC is in a site: every change becomes an operation
        # signed by the person who made it, in the site's directory log.
        self.site = site
        # Sessions that have signed with their user name and password (needs_username).
        self._signed_sessions: set[str] = set()

    @property
    def settings(self) -> Settings:
        """The lockout and password rules in force (this PC's settings, as replaced)."""
        return self._settings.current

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
        check_policy(password, username=name, full_name=full)
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
                **row_of(user, password_hash), **keys})
            self._site_check(op)
        with self.changes.begin(Actor.system(), Topic.USERS) as tx:
            if users_repo.count(tx.connection) > 0:
                raise AuthError("not_first", "accounts already exist; an admin must add users")
            users_repo.insert(tx.connection, user, password_hash, self.clock.now(), **keys)
            tx.audit("user.create_first_admin",
                     entity="user", entity_id=name, after=user_view(user))
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
        session = Session(user.username, user.full_name, user.role, self.audit.station,
                          self.clock.now(), user.must_change_password, uuid.uuid4().hex, signer)
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
                directory_repo.add_failure(tx.connection, self.audit.station, username, at)
            row = users_repo.get_with_hash_row(tx.connection, username)
        if locked_until is not None:
            return locked_until
        assert row is not None
        matched = check_password(password, row["password_hash"])
        with self.changes.begin(Actor.system(), Topic.USERS) as tx:
            if matched:
                directory_repo.clear_failures(tx.connection, username, self.audit.station)
                directory_repo.set_success(tx.connection, self.audit.station, username, at)
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
        check_policy(new_password, username=name, full_name=user.full_name,
                     old_password=old_password)
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
