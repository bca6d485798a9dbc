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
from config.paths import HOME_ENV, AppPaths, resolve_paths
from config.process import set_up_process
from utils.logger import setup_logging

from cli.parser import parse_args
from cli.verbs import no_installation


def launch_gui(*, smoke: bool = False, smoke_png: Path | None = None,
               language: str | None = None) -> int:
    """The app's window (gui/app.py) until it closes. Imported here, when a window is wanted,
    so that the command line's verbs never load Qt."""
    from gui.app import run_gui

    return run_gui(smoke=smoke, smoke_png=smoke_png, language=language)


def start_logging(paths: AppPaths) -> None:
    """The log file in this home's log folder; a home where that is impossible still runs."""
    try:
        setup_logging(paths.log_dir, console=False)
    except OSError as exc:
        print(f"warning: logging to {paths.log_dir} is not possible: {exc}", file=sys.stderr)


def home_folders() -> AppPaths | None:
    """This home's folders, made if missing; None (after one line saying why) when the home
    cannot hold them: a file named as the home, say. Checked before anything else runs, as
    nothing can be kept or logged in such a home."""
    try:
        return resolve_paths().ensure()
    except OSError as exc:
        print(f"error: {home_problem(exc)}", file=sys.stderr)
        return None


def home_problem(exc: OSError) -> str:
    """What is wrong with the home folder, for the person: the home named as they gave it."""
    home = os.environ.get(HOME_ENV) or str(exc.filename)
    fix = ("give --home (or SHOPFLOOR_HOME) a folder, or a path where one can be made; "
           "nothing was changed")
    if isinstance(exc, (NotADirectoryError, FileExistsError)):  # a file on the way
        blocker = _not_a_folder(Path(exc.filename or home))
        return f"the home folder {home} is not a folder ({blocker} is a file): {fix}"
    return f"the home folder {home} cannot be used ({exc.strerror}: {exc.filename}): {fix}"


def _not_a_folder(path: Path) -> Path:
    """The outermost existing part of `path` that is not a folder: the file in the way."""
    for part in (*reversed(path.parents), path):
        if part.exists() and not part.is_dir():
            return part
    return path


def main(argv: Sequence[str] | None = None) -> int:
    """Run `shopfloor ARGV` in this process; returns the exit code."""
    args = parse_args(sys.argv[1:] if argv is None else list(argv))
    set_up_process(args.home)
    refusal = no_installation(args, resolve_paths())  # before the home's folders are made
    if refusal is not None:
        print(f"error: {refusal}", file=sys.stderr)
        return ExitCode.ERROR
    paths = home_folders()
    if paths is None:
        return ExitCode.ERROR
    start_logging(paths)
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
