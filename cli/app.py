"""Running one parsed command: this PC's services opened around it when it needs them, and
every failure turned into one line for the person (`error: ...`) and an exit code, the
traceback going to the log file only when it is a bug, not an expected refusal.

How it fits: docs/architecture.md §1 (layers)."""

from __future__ import annotations

import argparse
import logging
import sys

from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.refusals import is_refusal, log_refusal

from cli.errors import CliError
from cli.parser import verb_module
from cli.verbs import GuiLauncher, Needs

log = logging.getLogger("shopfloor.cli")


def run(args: argparse.Namespace, launch_gui: GuiLauncher) -> int:
    """Run the command `args` names (parsed by cli.parser); returns the exit code."""
    verb = verb_module(args.command)
    ctx = None
    try:
        if verb.NEEDS is Needs.CONTEXT:
            ctx = AppContext.open()
            return verb.run(ctx, args)
        if verb.NEEDS is Needs.GUI:
            return verb.run(args, launch_gui)
        return verb.run(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("interrupted; nothing more was done", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # one line for the person, the traceback for the log
        if is_refusal(exc):  # a wrong passphrase, a station in use...: not a crash
            log_refusal(log, exc, f"shopfloor {args.command}")
        else:
            log.exception("command %s failed", args.command)
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    finally:
        if ctx is not None:
            ctx.close()
