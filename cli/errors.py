"""The one exception a verb raises for a problem the person can act on: printed as one line
(`error: ...`) with its exit code, never as a traceback."""

from __future__ import annotations

from config.exit_codes import ExitCode


class CliError(Exception):
    """A problem to report in one line; exit code 2 (ExitCode.ERROR) unless given."""

    def __init__(self, message: str, code: int = ExitCode.ERROR):
        super().__init__(message)
        self.code = int(code)
