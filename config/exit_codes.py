"""The program's exit codes, for the command line, the agent and the GUI alike: a service
manager or a script reads them, so each is defined here once."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # the check ran and found a problem (verify: not intact; send: not all done)
    ERROR = 2  # refused or impossible: one line on stderr says why
    # The app or the agent asks to be started again (the restart_app command): the entry
    # point re-executes itself on POSIX, a service manager does it elsewhere.
    RESTART = 75  # EX_TEMPFAIL in sysexits.h
    INTERRUPTED = 130  # Ctrl+C (128 + SIGINT), as shells report it
