"""Secrets and the acting person: the one password prompt of the command line.

A secret comes from its environment variable when set (automation: SHOPFLOOR_PASSWORD for the
acting user's password, SHOPFLOOR_NEW_PASSWORD for one being set, SHOPFLOOR_PASSPHRASE), else
from the terminal without echo; with no terminal and no variable the verb stops and says which
variable to set.
"""

from __future__ import annotations

import getpass
import os
import sys
from zoneinfo import ZoneInfo

from config.constants import Role
from utils.auth import LoginFailure, Session
from utils.context import AppContext

from cli.errors import CliError

PASSWORD_ENV = "SHOPFLOOR_PASSWORD"  # the acting user's password
NEW_PASSWORD_ENV = "SHOPFLOOR_NEW_PASSWORD"  # a password being set
PASSPHRASE_ENV = "SHOPFLOOR_PASSPHRASE"  # the site passphrase


def secret(env_name: str, prompt: str, *, confirm: bool = False) -> str:
    """`env_name`'s value, else typed at the terminal (twice when `confirm`)."""
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"{prompt.strip()!r} cannot be asked here (no terminal); nothing was "
                       f"changed: run the command at a terminal, or set {env_name}")
    asked = repr(prompt.strip())
    first = _typed(prompt, env_name, f"at {asked}")
    if confirm and _typed("Repeat: ", env_name, f"when repeating {asked}") != first:
        raise CliError("the two entries differ; nothing was changed")
    return first


def _typed(prompt: str, env_name: str, where: str) -> str:
    """One entry typed at the terminal. Ctrl-D (the input ended) is the person giving up, not
    a crash: one line naming what was asked, logged as a refusal by cli/app.py."""
    try:
        return getpass.getpass(prompt)
    except EOFError:
        what = "site passphrase" if env_name == PASSPHRASE_ENV else "password"
        raise CliError(f"no {what} given (input ended {where}); nothing was changed") from None


def login_as(ctx: AppContext, username: str | None, password: str | None = None) -> Session:
    """The session of the person doing the command (`--as`), their password asked if not given."""
    if not username:
        raise CliError("this command needs --as USERNAME (the person doing it)")
    if not ctx.auth.has_users():  # not "wrong password": there is nobody to be yet
        raise CliError(f"this PC has no accounts yet, so {username} cannot log in; nothing was "
                       f"changed: create the first admin with shopfloor user add NAME --role "
                       f"admin, or join a site (shopfloor site join), whose accounts come "
                       f"with it")
    if password is None:
        password = secret(PASSWORD_ENV, f"Password for {username}: ")
    result = ctx.auth.login(username, password)
    if not result.ok:
        if result.failure == LoginFailure.LOCKED and result.locked_until is not None:
            local = result.locked_until.astimezone(ZoneInfo(ctx.timezone))
            raise CliError(f"{username} is locked until {local:%H:%M} after repeated failures")
        raise CliError("wrong username or password")
    if result.session.must_change_password:
        raise CliError(f"{username} must change the password first: "
                       f"shopfloor user change-password {username}")
    return result.session


def require_admin(session: Session) -> None:
    if session.role != Role.ADMIN:
        raise CliError(f"{session.username} is not an admin")
