"""Shopfloor Collector: the entry point of `shopfloor` (command line) and `shopfloor-gui`.

Small on purpose: parse the command line (cli/parser.py), make the process-wide settings once
(config/process.py: the home folder, pyqtgraph's binding), start logging, then hand over to the
command line (cli/app.py), which runs the verb or opens the window through `launch_gui`. This
is the one module that knows both presentation layers: cli/ and gui/ never import each other.

How it fits: docs/architecture.md §1 (layers: cli/ and gui/ over the services).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Sequence

from config.exit_codes import ExitCode
from config.paths import resolve_paths
from config.process import set_up_process
from utils.logger import setup_logging

from cli.parser import parse_args


def launch_gui(*, smoke: bool = False, smoke_png: Path | None = None,
               language: str | None = None) -> int:
    """The app's window (gui/app.py) until it closes. Imported here, when a window is wanted,
    so that the command line's verbs never load Qt."""
    from gui.app import run_gui

    return run_gui(smoke=smoke, smoke_png=smoke_png, language=language)


def start_logging() -> None:
    """The log file in this home's log folder; a home where that is impossible still runs."""
    paths = resolve_paths().ensure()
    try:
        setup_logging(paths.log_dir, console=False)
    except OSError as exc:
        print(f"warning: logging to {paths.log_dir} is not possible: {exc}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run `shopfloor ARGV` in this process; returns the exit code."""
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    set_up_process(args.home)
    start_logging()
    # Imported once the arguments are parsed: `--version` and `--help` load no service
    # (the dispatcher brings in the services' context, a second or two on a station PC).
    from cli.app import run

    return run(args, launch_gui)


def _restart() -> None:
    """Start the same command again in this process slot. In a frozen bundle sys.executable is
    the app itself, so sys.argv[0] must not be passed again as the first argument."""
    args = sys.argv[1:] if getattr(sys, "frozen", False) else sys.argv
    os.execv(sys.executable, [sys.executable, *args])


def _exit(code: int) -> None:
    if code == ExitCode.RESTART and os.name == "posix":
        _restart()  # restart_app, on the headless agent or the app
    sys.exit(int(code))


def run_cli() -> None:
    _exit(main())


def run_gui() -> None:
    """The no-console entry (`shopfloor-gui [--home DIR] [gui] [--smoke] [--lang pt_BR|en]`):
    the station window; the word `gui` is optional."""
    args = sys.argv[1:]
    if "gui" not in args:
        at = 2 if args[:1] == ["--home"] else 0  # --home belongs before the command
        args = [*args[:at], "gui", *args[at:]]
    _exit(main(args))


if __name__ == "__main__":
    run_cli()
