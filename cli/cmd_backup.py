"""`shopfloor backup now|verify|list|settings`: this PC's backups (utils/backup). `verify`
restores a backup into a temporary folder and verifies it end to end (exit 1 if not intact);
`now` and `settings` are for admins."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from config.exit_codes import ExitCode
from utils.auth import Session
from utils.backup.files import backup_folder, list_backups, read_sidecar
from utils.backup.proof import BackupUnreadable, verify_backup
from utils.backup.settings_change import BackupSettingsError, change_backup_settings
from utils.backup.snapshot import BackupFailed, backup_now
from utils.context import AppContext
from utils.permissions import PermissionDenied

from cli.errors import CliError, permission_refusal
from cli.prompts import login_as
from cli.verbs import Needs

NEEDS = Needs.CONTEXT


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    now = actions.add_parser("now", help="back up this PC's database now (admins)")
    now.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                     help="the admin doing it (their password is asked)")
    check = actions.add_parser("verify", help="restore a backup into a temporary folder and "
                               "verify it end to end; exit 1 if not intact")
    check.add_argument("file", help="the backup file (shopfloor backup list shows this "
                                    "station's)")
    check.add_argument("--json", action="store_true", help="print the result as JSON, for scripts")
    actions.add_parser("list", help="this station's backups in the backup folder")
    schedule = actions.add_parser("settings", help="where, how often, how many (admins)")
    schedule.add_argument("--folder", metavar="PATH", help="the backup folder (a full path)")
    schedule.add_argument("--every-hours", type=int, metavar="N",
                          help="hours between scheduled backups (0: none by schedule)")
    schedule.add_argument("--keep", type=int, metavar="N", help="how many backups are kept")
    schedule.add_argument("--as", dest="as_user", metavar="USERNAME", required=True,
                          help="the admin doing it (their password is asked)")


def run(ctx: AppContext, args: argparse.Namespace) -> int:
    if args.backup_command == "verify":
        return _verify(ctx, Path(args.file), args.json)
    if args.backup_command == "list":
        return _list(ctx)
    session = login_as(ctx, args.as_user)
    try:
        if args.backup_command == "now":
            return _now(ctx, session)
        return _settings(ctx, session, args)
    except PermissionDenied as denied:  # logged once, as the refusal it is, by cli/app.py
        if args.backup_command == "now":
            raise permission_refusal(denied, "back up this PC's database",
                                     "no backup was made") from denied
        raise permission_refusal(denied, "change the backup settings",
                                 "nothing was changed") from denied


def _list(ctx: AppContext) -> int:
    folder = backup_folder(ctx.settings, ctx.paths)
    backups = list_backups(folder, ctx.station_id)
    print(f"backups of station {ctx.station_id} in {folder}: {len(backups)} (newest last; "
          f"every {ctx.settings.backup_every_hours} h, {ctx.settings.backup_keep} kept)")
    for backup in backups:
        sidecar = read_sidecar(backup.path) or {}
        print(f"{backup.path.name}  {backup.path.stat().st_size:>12,} bytes  "
              f"sha256 {str(sidecar.get('sha256', '?'))[:16]}…")
    return ExitCode.OK


def _now(ctx: AppContext, session: Session) -> int:
    try:
        made = backup_now(ctx, session)
    except BackupFailed as exc:
        raise CliError(str(exc)) from exc
    print(f"backup written: {made.file.path} ({made.bytes:,} bytes, sha256 {made.sha256})")
    if made.removed:
        print(f"older backups removed (keeping {ctx.settings.backup_keep}): "
              f"{', '.join(made.removed)}")
    return ExitCode.OK


def _settings(ctx: AppContext, session: Session, args: argparse.Namespace) -> int:
    wanted = {name: value for name, value in (
        ("backup_folder", args.folder), ("backup_every_hours", args.every_hours),
        ("backup_keep", args.keep)) if value is not None}
    try:
        changed = change_backup_settings(ctx, session, **wanted)
    except BackupSettingsError as exc:
        raise CliError(str(exc)) from exc
    for name, (before, after) in changed.items():
        print(f"{name}: {_setting(before)} -> {_setting(after)}")
    if not changed:
        print("nothing changed")
    print(f"backups go to {backup_folder(ctx.settings, ctx.paths)} every "
          f"{ctx.settings.backup_every_hours} h (0: never by schedule), "
          f"{ctx.settings.backup_keep} kept")
    return ExitCode.OK


def _setting(value: object) -> object:
    """A setting's value as a person reads it: an unset one is the default, never "None"."""
    return "(the default)" if value is None else value


def _verify(ctx: AppContext, file: Path, as_json: bool) -> int:
    try:
        proof = verify_backup(ctx, file)
    except BackupUnreadable as exc:
        if exc.damaged:  # a backup that does not read: the check found that (1), said as such
            return _damaged(file, exc.problem, as_json)
        # No file, another kind of file, another installation's backup: nothing to check
        # here, refused (2), not "not intact" (1).
        raise CliError(exc.telling("nothing was checked")) from exc
    if as_json:
        print(json.dumps({"ok": proof.intact, "file": str(file), "sha256": proof.sha256,
                          "sidecar": proof.sidecar, "seconds": round(proof.seconds, 3),
                          "older_than_witnessed": proof.older_than_witnessed,
                          "behind": {k: list(v) for k, v in proof.behind.items()},
                          "forked": proof.forked,
                          "stations": [r.to_json() for r in proof.results]}, indent=2))
    else:
        print(f"{file}: restored into a temporary folder and verified in {proof.seconds:.1f} s "
              f"(sha256 {proof.sha256}; checksum beside it: {proof.sidecar})")
        for line in proof.summary():
            print(line)
        print("INTACT" if proof.intact else "NOT intact")
    return ExitCode.OK if proof.intact else ExitCode.FAILED


def _damaged(file: Path, problem: str, as_json: bool) -> int:
    """A backup file that starts as a database does but cannot be read: not intact."""
    if as_json:
        print(json.dumps({"ok": False, "file": str(file), "problem": problem}, indent=2))
    else:
        print(f"{file}: {problem}: the backup is damaged")
        print("NOT intact")
    return ExitCode.FAILED
