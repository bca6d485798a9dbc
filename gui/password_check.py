"""A logged-in person's password checked again before the app acts in their name (the admin
panel on a station, this PC's settings), and what a refusal says there and at login.

A wrong password counts towards the lockout (utils/auth.py), so the refusal says how many tries
are left, and a locked account says until when. Only an account that may manage users unlocks
another (`Permission.USER_MANAGE`, admins): when no other active one exists (a trial's only
admin), the lock message says the lock ends by itself and what to do meanwhile, instead of
sending the person to someone who cannot help.

The lockout's rules stay in the auth service; this module only reads what it stored (the
account's failures and lock, the settings' threshold) to say it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from config.constants import Permission, role_allows
from data import users_repo
from models.user import User
from models.validation import normalize_username
from utils.auth import Session
from utils.context import AppContext

from gui.password_prompt import ask_password
from gui.site_time import site_text, with_zone, zone_note
from gui.station_controller import StationController

# lupdate collects translate("Context", "text") under this short name too.
translate = QCoreApplication.translate


def _accounts(ctx: AppContext, typed: str) -> tuple[User | None, list[User]]:
    """The account `typed` names (a username or a badge, as the login takes it) and every
    account of this PC (in a site, the site's directory as this PC holds it)."""
    with ctx.database.read() as connection:
        everyone = users_repo.list_all(connection)
        named = next((u for u in everyone if u.username == normalize_username(typed)), None)
        if named is None and typed.strip():
            named = users_repo.find_by_badge(connection, typed.strip())
    return named, everyone


def locked_text(ctx: AppContext, typed: str, until: datetime) -> str:
    """The account `typed` names is locked until `until`: when it unlocks by itself, and
    whether another account (an active one that may manage users) can unlock it sooner."""
    named, everyone = _accounts(ctx, typed)
    when = with_zone(site_text(ctx, until, "%H:%M"), zone_note(ctx))
    helpers = [u for u in everyone if u.active and role_allows(u.role, Permission.USER_MANAGE)
               and (named is None or u.username != named.username)]
    if helpers:
        return translate("PasswordCheck",
                         "This account is locked until %1 after repeated wrong passwords; it "
                         "unlocks by itself then. An admin can unlock it sooner.").replace(
                             "%1", when)
    return translate("PasswordCheck",
                     "This account is locked until %1 after repeated wrong passwords; it "
                     "unlocks by itself then. No other account here can unlock it, so wait "
                     "until then. Check Caps Lock and the keyboard layout before the next try; "
                     "once in, add a second admin so that one can unlock the other.").replace(
                         "%1", when)


def refusal_text(ctx: AppContext, username: str, wrong_password: str) -> str:
    """Why the logged-in `username`'s password was refused: the account is locked (until
    when, who can unlock it), or `wrong_password` and the tries left before the lockout."""
    named, _everyone = _accounts(ctx, username)
    if named is None:
        return wrong_password
    if named.locked_until is not None and named.locked_until > ctx.clock.now():
        return locked_text(ctx, username, named.locked_until)
    left = max(ctx.auth.settings.lockout_threshold - named.failed_attempts, 1)
    return wrong_password + " " + translate(
        "PasswordCheck", "Tries left before your account is locked: %1.").replace("%1", str(left))


def verified(controller: StationController, password: str, permission: Permission,
             wrong_password: str) -> tuple[Session | None, str | None]:
    """(the session, None) when its role has `permission` and `password` is its own (a window
    opened with it acts in that person's name); (None, why) for a refused password; (None,
    None) when nobody is logged in or the role may not (nothing to tell the person)."""
    session = controller.session
    if session is None or not role_allows(session.role, permission):
        return None, None
    if not controller.verify_signature(password):
        return None, refusal_text(controller.ctx, session.username, wrong_password)
    return session, None


def ask_confirmed(parent: QWidget, controller: StationController, title: str, label: str,
                  permission: Permission, wrong_password: str,
                  opener: Callable[[Session], object], *, name: str) -> QInputDialog:
    """Ask for the person's own password, then `opener(session)`. A refused password keeps
    the prompt open with the reason under the field; each try is checked once (it counts
    towards the lockout)."""
    confirmed: list[Session] = []

    def check(password: str) -> str | None:
        session, refusal = verified(controller, password, permission, wrong_password)
        confirmed[:] = [] if session is None else [session]
        return refusal

    def then(password: str | None) -> None:
        if password is not None and confirmed:
            opener(confirmed[0])

    return ask_password(parent, title, label, then, name=name, check=check)
