"""Shopfloor Collector: command-line entry point (`shopfloor`) and GUI entry (`shopfloor-gui`).

Thin on purpose: parse arguments, set up logging, build the services (utils.context), run one
command. Secrets come from a prompt, or for automation from SHOPFLOOR_PASSWORD (the acting
user's password), SHOPFLOOR_NEW_PASSWORD (a password being set) and SHOPFLOOR_PASSPHRASE.
Errors are one clear line and a non-zero exit, never a traceback (that goes to the log file).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

__version__ = "0.1.0"

log = logging.getLogger("shopfloor.cli")

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A problem to report in one line; exit code 2 unless given."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


def _secret(env_name: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"{prompt.rstrip(': ')} needed: type it at a terminal or set {env_name}")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat: ") != first:
        raise CliError("the two entries differ; nothing was changed")
    return first


def _parse_time(text: str | None, zone: str) -> datetime | None:
    if text is None:
        return None
    from zoneinfo import ZoneInfo

    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise CliError(f"{text!r} is not an ISO date or time such as 2026-11-22T06:00") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(timezone.utc)


# -- commands -------------------------------------------------------------------------------

def _login_as(ctx, username: str | None):
    from utils.auth import LoginFailure

    if not username:
        raise CliError("this command needs --as USERNAME (the person doing it)")
    password = _secret("SHOPFLOOR_PASSWORD", f"Password for {username}: ")
    result = ctx.auth.login(username, password)
    if not result.ok:
        if result.failure == LoginFailure.LOCKED and result.locked_until is not None:
            local = result.locked_until.astimezone()
            raise CliError(f"{username} is locked until {local:%H:%M} after repeated failures")
        raise CliError("wrong username or password")
    if result.session.must_change_password:
        raise CliError(f"{username} must change the password first: "
                       f"shopfloor user change-password {username}")
    return result.session


def cmd_user(ctx, args) -> int:
    from config.constants import Role

    if args.user_command == "add":
        role = Role(args.role)
        full_name = args.full_name or args.username
        if not ctx.auth.has_users() and not args.as_user:
            if role != Role.ADMIN:
                raise CliError("the first user must be an admin: use --role admin")
            password = _secret("SHOPFLOOR_PASSWORD", f"New password for {args.username}: ",
                               confirm=True)
            user = ctx.auth.create_first_admin(args.username, full_name, password)
            print(f"created first admin {user.username}")
            return EXIT_OK
        actor = _login_as(ctx, args.as_user)
        password = _secret("SHOPFLOOR_NEW_PASSWORD", f"Initial password for {args.username}: ",
                           confirm=True)
        user = ctx.auth.create_user(actor, args.username, full_name, role, password, args.reason)
        print(f"created {user.role} {user.username} (must change the password at first login)")
        return EXIT_OK
    if args.user_command == "change-password":
        old = _secret("SHOPFLOOR_PASSWORD", f"Current password for {args.username}: ")
        new = _secret("SHOPFLOOR_NEW_PASSWORD", f"New password for {args.username}: ", confirm=True)
        ctx.auth.change_password(args.username, old, new)
        print(f"password of {args.username} changed")
        return EXIT_OK
    actor = _login_as(ctx, args.as_user)
    if args.user_command == "list":
        for user in ctx.auth.list_users(actor):
            flags = [name for name, on in (("inactive", not user.active),
                                           ("must-change-password", user.must_change_password),
                                           ("locked", user.locked_until is not None
                                            and user.locked_until > ctx.clock.now())) if on]
            print(f"{user.username:<20} {user.role:<10} {user.full_name:<30} {' '.join(flags)}")
        return EXIT_OK
    if args.user_command == "reset-password":
        password = _secret("SHOPFLOOR_NEW_PASSWORD", f"New password for {args.username}: ",
                           confirm=True)
        ctx.auth.reset_password(actor, args.username, password, args.reason)
        print(f"password of {args.username} reset; it must be changed at next login")
    elif args.user_command == "unlock":
        ctx.auth.unlock(actor, args.username, args.reason)
        print(f"{args.username} unlocked")
    elif args.user_command == "deactivate":
        ctx.auth.deactivate(actor, args.username, args.reason)
        print(f"{args.username} deactivated (the name will never be reused)")
    return EXIT_OK


def cmd_import_legacy(ctx, args) -> int:
    from data.legacy_import import LegacyFileError
    from utils.records_io import import_legacy_file

    session = _login_as(ctx, args.as_user)
    zone = args.timezone or ctx.settings.timezone
    try:
        report = import_legacy_file(ctx.production, session, Path(args.file), zone)
    except LegacyFileError as exc:
        raise CliError(f"cannot import {args.file}: {exc}") from exc
    for warning in report.warnings:
        print(f"warning: {warning}")
    for rejected in report.rejected:
        print(f"rejected line {rejected.line}: {rejected.reason}")
    print(f"rows: {report.total_rows}, imported: {report.imported}, "
          f"already present: {report.already_present}, rejected: {len(report.rejected)}")
    return EXIT_OK


def cmd_export(ctx, args) -> int:
    from data.records_repo import RecordFilter
    from utils.records_io import export_records

    session = _login_as(ctx, args.as_user)
    zone = ctx.settings.timezone
    record_filter = RecordFilter(start=_parse_time(args.start, zone), end=_parse_time(args.end, zone),
                                 station_id=args.station, lot=args.lot, operator=args.operator)
    count = export_records(ctx.production, session, args.format, Path(args.out), record_filter)
    print(f"exported {count} records to {args.out}")
    return EXIT_OK


def cmd_verify_audit(ctx, args) -> int:
    results = ctx.verify_audit()
    intact = all(result.ok for result in results)
    if args.json:
        print(json.dumps({"ok": intact, "stations": [r.to_json() for r in results]}, indent=2))
    else:
        if not results:
            print("no audit events yet: nothing to verify")
        for r in results:
            if r.ok:
                print(f"station {r.station}: intact, {r.events_checked} events checked")
            else:
                print(f"station {r.station}: NOT intact: first bad event {r.first_bad_seq} "
                      f"({r.kind}): {r.detail}; {r.events_checked} events verified before it")
    return EXIT_OK if intact else EXIT_FAILED


# -- parser ---------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopfloor", description="Shopfloor Collector")
    parser.add_argument("--version", action="version", version=f"shopfloor {__version__}")
    parser.add_argument("--home", metavar="DIR",
                        help="keep configuration, data and logs under DIR (portable/test use)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    user = commands.add_parser("user", help="manage user accounts")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    reason = "changed with the shopfloor command line"
    add = user_commands.add_parser("add", help="create a user (the first one becomes the admin)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=["operator", "analyst", "supervisor", "admin"])
    add.add_argument("--full-name")
    for name, text in (("list", "list users"), ("reset-password", "reset a password"),
                       ("unlock", "unlock a locked account"),
                       ("deactivate", "deactivate an account (never deleted)"),
                       ("change-password", "change your own password (needed after a reset)")):
        sub = user_commands.add_parser(name, help=text)
        if name != "list":
            sub.add_argument("username")
    for sub in user_commands.choices.values():
        sub.add_argument("--as", dest="as_user", metavar="USERNAME", help="the admin doing it")
        sub.add_argument("--reason", default=reason, help="why (kept in the audit trail)")

    imp = commands.add_parser("import-legacy", help="import the old system's dados_producao.csv")
    imp.add_argument("file")
    imp.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)
    imp.add_argument("--timezone", metavar="AREA/CITY",
                     help="time zone of the file's local times (default: the station's)")

    exp = commands.add_parser("export", help="export records to CSV or XLSX")
    exp.add_argument("--format", required=True, choices=["csv", "xlsx"])
    exp.add_argument("--out", required=True, metavar="PATH")
    exp.add_argument("--from", dest="start", metavar="ISO")
    exp.add_argument("--to", dest="end", metavar="ISO")
    exp.add_argument("--station", metavar="ID")
    exp.add_argument("--lot")
    exp.add_argument("--operator", metavar="USERNAME")
    exp.add_argument("--as", dest="as_user", metavar="USERNAME", required=True)

    ver = commands.add_parser("verify-audit", help="verify the audit trail; exit 1 if tampered")
    ver.add_argument("--json", action="store_true")
    return parser


COMMANDS: dict[str, Callable] = {
    "user": cmd_user,
    "import-legacy": cmd_import_legacy,
    "export": cmd_export,
    "verify-audit": cmd_verify_audit,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.home:
        os.environ["SHOPFLOOR_HOME"] = str(Path(args.home).expanduser().resolve())
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    from config.paths import resolve_paths

    paths = resolve_paths().ensure()
    try:
        from utils.logger import setup_logging

        setup_logging(paths.log_dir, console=False)
    except OSError as exc:
        print(f"warning: logging to {paths.log_dir} is not possible: {exc}", file=sys.stderr)
    ctx = None
    try:
        from utils.context import AppContext

        ctx = AppContext.open()
        return COMMANDS[args.command](ctx, args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted; nothing more was done", file=sys.stderr)
        return 130
    except Exception as exc:  # one line for the person, the traceback for the log
        log.exception("command %s failed", args.command)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if ctx is not None:
            ctx.close()


def run_cli() -> None:
    sys.exit(main())


def run_gui() -> None:
    # The station window arrives with the station-app issue; until then the GUI entry point
    # runs the same commands as `shopfloor`, so an installed shortcut is never a dead end.
    sys.exit(main())


if __name__ == "__main__":
    run_cli()
