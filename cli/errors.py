"""The one exception a verb raises for a problem the person can act on: printed as one line
(`error: ...`) with its exit code, never as a traceback; the checks of typed arguments that
several verbs share; and the refusals several verbs say alike (a role that may not, a zone
that is not one)."""

from __future__ import annotations

import errno
import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from config.constants import PERMISSIONS
from config.exit_codes import ExitCode
from utils.atomic_io import AtomicWriteError

if TYPE_CHECKING:  # a type only: the services it comes with are not imported for it
    from utils.permissions import PermissionDenied


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


def input_file(text: str, verb: str, nothing_done: str) -> Path:
    """`text`, the file a verb reads, checked before a password is asked for it: it exists,
    is a file, and this user may read it. `verb` and `nothing_done` say what was not done
    ("import", "nothing was imported")."""
    path = Path(text)
    if not path.exists():
        raise CliError(f"cannot {verb} {text}: it does not exist; {nothing_done}: check the "
                       f"path")
    if not path.is_file():
        raise CliError(f"cannot {verb} {text}: it is not a file (a folder?); {nothing_done}: "
                       f"give the file itself")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise CliError(f"cannot {verb} {text}: it cannot be read ({exc.strerror or exc}); "
                       f"{nothing_done}: check its permissions, or copy it somewhere you can "
                       f"read it") from None
    return path


# What each kind of file the command line writes ends with: a name ending with another one's
# (an XLSX named .csv) opens in the wrong program or not at all, so it is refused up front.
FILE_KINDS = {".csv": "a CSV file", ".xlsx": "an XLSX workbook", ".zip": "a ZIP archive"}


def check_suffix(path: Path, option: str, suffix: str, what: str, *,
                 only: bool = False) -> None:
    """`path` (given as `option`) refused when its name ends with another kind's suffix than
    `suffix` (`what` says which: "--format xlsx"); a name with any other ending is taken,
    unless `only`: then every name not ending with `suffix` is refused (a file that is only
    ever one kind, an archive: a ZIP named .txt opens in a text editor)."""
    given = path.suffix.lower()
    if given == suffix or (given not in FILE_KINDS and not only):
        return
    ends = f"ends with {given}" if given else f"does not end with {suffix}"
    raise CliError(f"{option} {path} {ends}, but {what} writes {FILE_KINDS[suffix]}: give a "
                   f"file name ending with {suffix} (such as "
                   f"{path.with_suffix(suffix).name}); nothing was written")


_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


@contextmanager
def writing(out: Path, option: str) -> Iterator[None]:
    """Around writing the file `out` (given as `option`): a folder this user may not write
    in (read-only, a full disk, a share gone) said in one line with what to do, not as a
    crash. An error about another file (a journal read on the share) passes unchanged."""
    try:
        yield
    except OSError as exc:
        # An error naming another file (a journal on the share) is not about `out`; one naming
        # no file is only when it is a disk's (full, over quota, file too large) or the atomic
        # write's own: a permission refusal or a share away names none either.
        names = [Path(name) for name in (exc.filename, exc.filename2) if name]
        if names:
            ours = any(name == out or name.parent == out.parent for name in names)
        else:
            ours = exc.errno in _DISK_ERRORS or isinstance(exc, AtomicWriteError)
        if not ours:
            raise
        raise CliError(f"{option} {out}: the file cannot be written in {out.parent} "
                       f"({exc.strerror or exc}); nothing was written: choose a folder you "
                       f"can write to, or check its permissions and free space") from exc


# A UTC offset where a zone's name belongs (-03:00, UTC-3, GMT+1).
_OFFSET = re.compile(r"^(utc|gmt)?\s*[+-]\d{1,2}(:?\d{2})?$", re.IGNORECASE)


def zone_refusal(given: str, nothing_done: str, otherwise: str = "") -> str:
    """Why --timezone `given` is refused (an offset is said to be one, not a zone), what was
    not done, and what to give instead (`otherwise`: a further choice, after a comma)."""
    what = ("a UTC offset, not a time zone" if _OFFSET.match(given.strip())
            else "not a time zone name")
    return (f"--timezone {given} is {what}: give the zone's name, such as America/Sao_Paulo "
            f"(a name carries its summer-time rules; names are in the tz database)"
            f"{otherwise}; {nothing_done}")


def permission_refusal(denied: PermissionDenied, act: str, nothing_done: str) -> CliError:
    """The refusal of a verb whose service said the person's role may not do it (`denied`):
    who was refused `act` ("make archives"), which roles may, what was not done
    (`nothing_done`: "nothing was written") and what to do. Raise it `from denied`: cli/app.py
    then logs the PermissionDenied itself, once, as the refusal it is (a WARNING)."""
    allowed = [str(role) for role, permissions in PERMISSIONS.items()
               if denied.permission in permissions]
    if not allowed:  # a permission no role holds (none today): nobody may, say so
        return CliError(f"{denied.username} ({denied.role}) may not {act} (no role may); "
                        f"{nothing_done}")
    roles = " or ".join(filter(None, (", ".join(allowed[:-1]), allowed[-1])))
    return CliError(f"{denied.username} ({denied.role}) may not {act} ({roles} role only); "
                    f"{nothing_done}: run it again with --as a user whose role allows it")
