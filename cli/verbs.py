"""The verbs of `shopfloor`, in the order `--help` lists them: each one's module and one line
of help. A verb module has `NEEDS` (what the dispatcher gives it, cli/app.py), `add_arguments`
(its options) and `run`."""

from __future__ import annotations

import argparse
import os
from enum import Enum
from pathlib import Path
from typing import Protocol

from config.paths import HOME_ENV, AppPaths


class Needs(Enum):
    """What a verb's `run` receives besides its parsed arguments."""

    CONTEXT = "context"  # run(ctx, args): this PC's services, opened and closed around it
    NOTHING = "nothing"  # run(args): it opens what it needs itself, or nothing at all
    GUI = "gui"  # run(args, launch_gui): it may open the app's window


class GuiLauncher(Protocol):
    """Opens the app's window until it closes; returns the exit code. main.py gives the GUI's
    entry function (gui.app.run_gui): the command line never imports gui/ or Qt itself."""

    def __call__(self, *, smoke: bool = False, smoke_png: Path | None = None,
                 language: str | None = None) -> int: ...


VERBS: dict[str, tuple[str, str]] = {
    "user": ("cli.cmd_user", "manage user accounts"),
    "import-legacy": ("cli.cmd_import_legacy", "import the old system's dados_producao.csv"),
    "import-legacy-users": ("cli.cmd_import_legacy_users",
                            "create accounts from the old system's usuarios.csv"),
    "export": ("cli.cmd_export", "export records to CSV or XLSX (this PC's own, or with --site "
                                 "every station's)"),
    "verify-audit": ("cli.cmd_verify_audit", "verify the audit trail; exit 1 if tampered"),
    "backup": ("cli.cmd_backup", "this PC's backups: now, verify, list, settings"),
    "restore": ("cli.cmd_restore", "put a verified backup in the database's place (admins; "
                                   "the app and agent closed)"),
    "archive": ("cli.cmd_archive", "a self-verifying archive of a period (journals, records, "
                                   "keys, manifest)"),
    "verify-archive": ("cli.cmd_verify_archive", "check an archive on any PC (no site needed); "
                                                 "exit 1 if not intact"),
    "gui": ("cli.cmd_gui", "open the station window (the default)"),
    "site": ("cli.cmd_site", "create or join a site (the shared folder)"),
    "agent": ("cli.cmd_agent", "run this station's sync headless until stopped"),
    "status": ("cli.cmd_status", "every station's state, as this PC sees it"),
    "demo": ("cli.cmd_demo", "a demo plant of 14 simulated stations, in a home of its own, "
                             "opened in the app"),
    "send": ("cli.cmd_send", "send a remote command: STATION... TYPE [key=value]"),
}
DEFAULT_VERB = "gui"  # `shopfloor` alone opens the app

# What only reads this PC's installation (verb, or verb and action). On a home with none (a
# mistyped --home) it would make a new one and report on it ("no audit events yet", exit 0),
# so it is refused before anything is made. Verbs that set a PC up (site, user add, restore,
# demo, gui) or need none (verify-archive, backup verify of a file) are not here.
READ_ONLY = frozenset({"status", "verify-audit", "export", "archive", ("backup", "list"),
                       ("user", "list")})


def no_installation(args: argparse.Namespace, paths: AppPaths) -> str | None:
    """Why the command `args` cannot run in the home of `paths`: a read-only one where no
    installation is (neither its database nor its settings); None when it may run."""
    action = getattr(args, f"{args.command.replace('-', '_')}_command", None)
    if args.command not in READ_ONLY and (args.command, action) not in READ_ONLY:
        return None
    try:
        if paths.database_file.exists() or paths.settings_file.exists():
            return None
        nearest = next((p for p in (paths.data_dir, *paths.data_dir.parents) if p.exists()),
                       None)
        if nearest is not None and not nearest.is_dir():
            return None  # a file where the home would be: main.py says that, more precisely
    except OSError:
        return None  # a home this account may not look into: the verb's own opening says so
    home = args.home or os.environ.get(HOME_ENV) or paths.data_dir
    return (f"no installation in {home} (nothing was created): check --home / {HOME_ENV}, or "
            f"set this PC up first (shopfloor site create / join, shopfloor user add NAME "
            f"--role admin, or the app)")
