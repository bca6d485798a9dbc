"""`shopfloor import-legacy-users FILE --as ADMIN [--sheet PATH]`: the old system's
usuarios.csv, one account each and a one-time password each, shown once (stdout, or a 0600
sheet with --sheet); utils/legacy_users.py has the rules."""

from __future__ import annotations

import argparse
from pathlib import Path
from zoneinfo import ZoneInfo

from config.exit_codes import ExitCode
from data.legacy_csv import LegacyFileError
from data.legacy_users import PASSWORDS_IN_FILE
from utils.context import AppContext
from utils.legacy_users import import_legacy_users, one_time_sheet, write_sheet
from utils.permissions import PermissionDenied

from cli.errors import CliError, input_file, permission_refusal
from cli.legacy_arguments import add_file_and_importer
from cli.prompts import login_as
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_file_and_importer(parser, "usuarios.csv", "the admin doing it (asked for their password)")
    parser.add_argument("--sheet", metavar="PATH",
                        help="write the one-time passwords to this new file (0600) instead of "
                             "printing them")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    # Before the password is asked and before any account exists: a bad path costs nothing.
    source = input_file(args.file, "import", "nothing was imported")
    sheet = Path(args.sheet) if args.sheet else None
    if sheet is not None:
        if sheet.exists():
            raise CliError(f"{sheet} already exists; a sheet of passwords is never overwritten. "
                           "Name a new file; nothing was imported")
        if not sheet.parent.is_dir():
            raise CliError(f"the folder {sheet.parent} does not exist; nothing was imported")
    session = login_as(ctx, args.as_user)
    try:
        report = import_legacy_users(ctx.auth, session, source)
    except PermissionDenied as denied:  # logged once, as the refusal it is, by cli/app.py
        raise permission_refusal(denied, "import user accounts", "nothing was imported") from denied
    except LegacyFileError as exc:
        raise CliError(f"cannot import {args.file}: {exc}") from exc
    for warning in report.warnings + ([PASSWORDS_IN_FILE] if report.had_passwords else []):
        print(f"warning: {warning}")
    for problem in report.problems:
        print(f"not imported, line {problem.line}: {problem.reason}")
    for account in report.existing:
        print(f"exists already, line {account.line}: {account.username} (not changed)")
    for username in report.full_name_from_login:
        print(f"note: {username} had no full name in the file; the login is used until changed")
    if report.created:
        text = one_time_sheet(report, issued_by=session.username,
                              issued_at=ctx.clock.now().astimezone(ZoneInfo(ctx.timezone)))
        if sheet is None:
            print(text)
        else:
            try:
                write_sheet(sheet, text)
            except OSError as exc:
                raise CliError(
                    f"{len(report.created)} accounts were created, but the sheet could not be "
                    f"written ({exc.strerror or exc}), so their one-time passwords are lost. "
                    "Give each a new one: shopfloor user reset-password NAME --as "
                    f"{session.username}") from exc
            print(f"one-time passwords of {len(report.created)} account(s) written to {sheet} "
                  "(readable by you only): hand each person their slip, then destroy the sheet")
    print(f"rows: {report.total_rows}, created: {len(report.created)}, "
          f"existing (not changed): {len(report.existing)}, "
          f"not imported: {len(report.problems)}; every new account must change its password "
          "at first login")
    return ExitCode.OK
