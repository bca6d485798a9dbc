"""The one exception a verb raises for a problem the person can act on: printed as one line
(`error: ...`) with its exit code, never as a traceback; and the checks of typed arguments
that several verbs share."""

from __future__ import annotations

from pathlib import Path

from config.exit_codes import ExitCode


class CliError(Exception):
    """A problem to report in one line; exit code 2 (ExitCode.ERROR) unless given."""

    def __init__(self, message: str, code: int = ExitCode.ERROR):
        super().__init__(message)
        self.code = int(code)


def output_file(text: str, option: str, example: str) -> Path:
    """`text`, given as `option` for a file to write, refused before anything is written when
    it cannot be one: empty (it would mean the current folder) or an existing folder (the
    atomic rename onto it fails only after the whole file was made). `example`: a file name
    the person could give instead."""
    if not text.strip():
        raise CliError(f"{option} is empty: give a file name such as {example}; "
                       "nothing was written")
    path = Path(text)
    if path.is_dir():
        raise CliError(f"{option} {text} is a folder: give a file in it such as "
                       f"{path / example}; nothing was written")
    if not path.parent.is_dir():  # a typo in the folder would make a stray tree of folders
        raise CliError(f"{option} {text}: the folder {path.parent} does not exist; nothing "
                       f"was written: give a file in an existing folder")
    return path
