"""`shopfloor restore FILE --as ADMIN [--override-reason TEXT]`: a verified backup put in the
database's place, with the app and the agent closed. Run without an open context: the database
file itself is replaced (utils/backup/restore.py opens what it needs)."""

from __future__ import annotations

import argparse

from config.exit_codes import ExitCode
from utils.backup.restore import RestoreRefused, restore_backup

from cli.errors import CliError, input_file
from cli.prompts import PASSWORD_ENV, secret
from cli.verbs import Needs

NEEDS = Needs.NOTHING


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the backup file (shopfloor backup list shows this "
                                     "station's); it is verified before anything is replaced")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                        help="the admin doing it (their password is asked)")
    parser.add_argument("--override-reason", metavar="TEXT",
                        help="restore a backup older than what this PC witnessed since, "
                             "losing the events after it: why (signed with your password)")


def run(args: argparse.Namespace) -> int:
    file = input_file(args.file, "restore", "nothing was changed")  # before the password
    password = secret(PASSWORD_ENV, f"Password for {args.as_user}: ")
    try:
        outcome = restore_backup(None, file, username=args.as_user,
                                 password=password, override_reason=args.override_reason)
    # A file that is no readable backup (empty, not a database, another installation's) is
    # refused like any other restore, in the words utils/backup/proof.py gives it; cli/app.py
    # logs it as a refusal, with its class and code.
    except RestoreRefused as exc:
        raise CliError(f"restore refused: {exc}", ExitCode.FAILED) from exc
    for line in outcome.proof.summary():
        print(line)
    print(f"restored {args.file}; the previous database is kept as {outcome.set_aside}")
    if outcome.override is not None:
        print(f"override signed by {outcome.override['signed_by']}: "
              f"{outcome.override['reason']}")
    return ExitCode.OK
