"""`shopfloor user add|list|reset-password|unlock|deactivate|change-password`: accounts.

The first account of an empty PC is created without `--as` and must be an admin; every later
change is made by a logged-in admin (`--as`) and audited with `--reason`.
"""

from __future__ import annotations

import argparse
import logging
import os

from config.constants import Role
from config.exit_codes import ExitCode
from models.validation import ValidationFailed
from utils.auth import AuthError, Session
from utils.context import AppContext
from utils.passwords import PasswordPolicyError
from utils.permissions import PermissionDenied

from cli.errors import CliError, permission_refusal
from cli.prompts import NEW_PASSWORD_ENV, PASSWORD_ENV, login_as, secret
from cli.verbs import Needs

NEEDS = Needs.CONTEXT
log = logging.getLogger("shopfloor.cli")
# The account is already as asked: nothing was changed (utils/account_admin.py).
NOTHING_TO_DO = ("not_locked", "already_inactive")
DEFAULT_REASON = "changed with the shopfloor command line"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create a user (the first one becomes the admin)")
    add.add_argument("username", help="the new account's login name")
    add.add_argument("--role", required=True, choices=[str(role) for role in Role],
                     help="what the account may do (the first account: admin)")
    add.add_argument("--full-name", help="the person's full name (default: the username)")
    for name, text, whose in (
            ("list", "list users", ""),
            ("reset-password", "reset a password", "the account whose password is reset"),
            ("unlock", "unlock a locked account", "the account to unlock"),
            ("deactivate", "deactivate an account (never deleted)", "the account to deactivate"),
            ("change-password", "change your own password (needed after a reset)",
             "your username (your current password is asked)")):
        sub = actions.add_parser(name, help=text)
        if name != "list":
            sub.add_argument("username", help=whose)
    for name, sub in actions.choices.items():
        if name == "change-password":  # the person's own, proved by their current password
            continue
        sub.add_argument("--as", dest="as_user", metavar="USERNAME", help="the admin doing it")
        if name != "list":  # a list changes nothing: no reason to keep
            sub.add_argument("--reason", default=DEFAULT_REASON,
                             help="why (kept in the audit trail)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    try:
        return _run(ctx, args)
    except PermissionDenied as denied:  # logged once, as the refusal it is, by cli/app.py
        done = "nothing was shown" if args.user_command == "list" else "nothing was changed"
        raise permission_refusal(denied, "manage user accounts", done) from denied
    except (PasswordPolicyError, ValidationFailed) as exc:  # a weak password, a bad name
        fix = ("choose another password" if isinstance(exc, PasswordPolicyError)
               else "correct it")
        raise CliError(f"{exc}; nothing was changed: {fix} and run the command again") from exc


def _run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.user_command == "add":
        return _add(ctx, args)
    if args.user_command == "change-password":
        old = secret(PASSWORD_ENV, f"Current password for {args.username}: ")
        new = secret(NEW_PASSWORD_ENV, f"New password for {args.username}: ", confirm=True)
        ctx.auth.change_password(args.username, old, new)
        print(f"password of {args.username} changed")
        return ExitCode.OK
    actor = login_as(ctx, args.as_user)
    if args.user_command == "list":
        for user in ctx.auth.list_users(actor):
            flags = [name for name, on in (("inactive", not user.active),
                                           ("must-change-password", user.must_change_password),
                                           ("locked", user.locked_until is not None
                                            and user.locked_until > ctx.clock.now())) if on]
            print(f"{user.username:<20} {user.role:<10} {user.full_name:<30} {' '.join(flags)}")
    elif args.user_command == "reset-password":
        password = secret(NEW_PASSWORD_ENV, f"New password for {args.username}: ", confirm=True)
        ctx.auth.reset_password(actor, args.username, password, args.reason)
        print(f"password of {args.username} reset; it must be changed at next login")
    elif args.user_command in ("unlock", "deactivate"):
        return _unlock_or_deactivate(ctx, actor, args)
    return ExitCode.OK


def _unlock_or_deactivate(ctx: AppContext, actor: Session, args: argparse.Namespace) -> int:
    """An account already as asked (not locked, inactive) is left as it is, with no event:
    said on stdout, exit 0 (what was asked for holds; a script run twice does not fail)."""
    unlock = args.user_command == "unlock"
    try:
        if unlock:
            ctx.auth.unlock(actor, args.username, args.reason)
        else:
            ctx.auth.deactivate(actor, args.username, args.reason)
    except AuthError as exc:
        if exc.code not in NOTHING_TO_DO:
            raise
        log.info("user %s %s: nothing to do (%s): %s", args.user_command, args.username,
                 exc.code, exc)
        print(exc)
        return ExitCode.OK
    if not unlock:
        print(f"{args.username} deactivated (the name will never be reused)")
    elif ctx.settings.site_id:
        # In a site this PC cannot tell whether another PC holds a lock (utils/account_admin
        # `unlock`): the signed unlock is made either way, and said as such.
        print(f"{args.username} unlocked on every PC of the site (a signed unlock, audited; "
              f"this PC cannot tell whether another PC had locked the account)")
    else:
        print(f"{args.username} unlocked")
    return ExitCode.OK


def _add(ctx: AppContext, args: argparse.Namespace) -> int:
    role = Role(args.role)
    full_name = args.full_name or args.username
    if not ctx.auth.has_users() and not args.as_user:
        if role != Role.ADMIN:
            raise CliError("the first user must be an admin: use --role admin")
        password = new_password(f"New password for {args.username}: ")
        user = ctx.auth.create_first_admin(args.username, full_name, password)
        print(f"created first admin {user.username}")
        return ExitCode.OK
    actor = login_as(ctx, args.as_user)
    password = secret(NEW_PASSWORD_ENV, f"Initial password for {args.username}: ", confirm=True)
    user = ctx.auth.create_user(actor, args.username, full_name, role, password, args.reason)
    print(f"created {user.role} {user.username} (must change the password at first login)")
    return ExitCode.OK


def new_password(prompt: str) -> str:
    """A password being set (the first admin's here and in `site create`): from
    SHOPFLOOR_NEW_PASSWORD, as the README says, else typed twice; SHOPFLOOR_PASSWORD is still
    read when only it is set, as scripts and tests made before did for the first admin."""
    if os.environ.get(NEW_PASSWORD_ENV) is None and os.environ.get(PASSWORD_ENV) is not None:
        return secret(PASSWORD_ENV, prompt, confirm=True)
    return secret(NEW_PASSWORD_ENV, prompt, confirm=True)
