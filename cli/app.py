"""Running one parsed command: this PC's services opened around it when it needs them, and
every failure turned into one line for the person (`error: ...`) and an exit code, the
traceback going to the log file only when it is a bug, not an expected refusal.

How it fits: docs/architecture.md §1 (layers)."""

from __future__ import annotations

import argparse
import logging
import os
import select
import sys

from config.exit_codes import ExitCode
from utils.context import AppContext
from utils.refusals import is_refusal, log_refusal

from cli.errors import CliError
from cli.parser import verb_module
from cli.verbs import GuiLauncher, Needs

log = logging.getLogger("shopfloor.cli")
# The reader of the output went away (`shopfloor status | head -1`): what a shell reports for a
# command ended by SIGPIPE (128 + 13), so a script with `set -o pipefail` sees, as from any
# other tool, that the output was cut short, without an error line. Python ignores SIGPIPE and
# raises BrokenPipeError instead, hence the number here rather than the signal's default.
BROKEN_PIPE = 141


def run(args: argparse.Namespace, launch_gui: GuiLauncher) -> int:
    """Run the command `args` names (parsed by cli.parser); returns the exit code."""
    verb = verb_module(args.command)
    ctx = None
    try:
        if verb.NEEDS is Needs.CONTEXT:
            ctx = AppContext.open()
            code = verb.run(ctx, args)
        elif verb.NEEDS is Needs.GUI:
            code = verb.run(args, launch_gui)
        else:
            code = verb.run(args)
        if sys.stdout is not None:  # None in a window-only process (pythonw, the bundle's GUI)
            sys.stdout.flush()  # a reader gone is found here, not at exit ("Exception ignored")
        return code
    except CliError as exc:
        # The refusal it came from, when there is one, says the most (its class and code).
        log_refusal(log, exc.__cause__ or exc, f"shopfloor {args.command}")
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError as exc:
        if not stdout_reader_gone():  # another pipe of the verb's: a failure like any other
            return _failed(exc, args.command)
        _silence_stdout()
        log.info("shopfloor %s: its output was closed by the reader; stopped", args.command)
        return BROKEN_PIPE
    except KeyboardInterrupt:
        print("interrupted; nothing more was done", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:
        return _failed(exc, args.command)
    finally:
        if ctx is not None:
            ctx.close()


def _failed(exc: Exception, command: str) -> int:
    """One line for the person, the traceback for the log (none for an expected refusal)."""
    if is_refusal(exc):  # a wrong passphrase, a station in use...: not a crash
        log_refusal(log, exc, f"shopfloor {command}")
    else:
        log.exception("command %s failed", command)
    print(f"error: {exc}", file=sys.stderr)
    return ExitCode.ERROR


def stdout_reader_gone() -> bool:
    """Whether nobody reads our standard output any more (a pipe whose reader closed: the
    kernel reports an error condition on its write end). Where that cannot be asked (no
    descriptor, no poll: Windows), a broken pipe is taken to be that one."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        events = poller.poll(0)
    except (AttributeError, OSError, ValueError):
        return True
    return any(flags & (select.POLLERR | select.POLLHUP) for _fd, flags in events)


def _silence_stdout() -> None:
    """Point stdout at the null device, so that the interpreter's own flush at exit (of what
    is still buffered) does not fail a second time (the recipe of Python's `signal` docs)."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no file descriptor behind stdout (a capture): nothing kept
        pass
