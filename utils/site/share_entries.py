"""What an entry of the shared folder is, and refusing one: `describe` names what must not be
used (a link, a reparse point, a device, a FIFO, a socket), `ShareRefused` is the refusal and
`refused` logs it once per path. The rules are utils/site/share_fs.py's docstring.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from utils.site.ports import PlaceRefused

# The share's refusals keep the logger name they always had (admins and tests filter on it).
log = logging.getLogger("utils.site.share_fs")

FILE_ATTRIBUTE_REPARSE_POINT = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
_WARNED_MAX = 10_000


class ShareRefused(PlaceRefused):
    """A share entry we will not use. `path` is the entry at fault (perhaps a folder above
    the one asked for), `reason` says what it is, `hard_linked` marks a plain file that only
    has more than one name (our own write-once create has two for a moment: not ready yet,
    rather than hostile at first sight)."""

    def __init__(self, path: Path, reason: str, *, hard_linked: bool = False):
        super().__init__(f"{path}: {reason}; not followed")
        self.path = path
        self.reason = reason
        self.hard_linked = hard_linked


_warned: set[tuple[str, str]] = set()
_warned_lock = threading.Lock()


def note_refusal(path: Path, reason: str) -> None:
    """Log a refusal as one WARNING line, once per path and reason (a rescan every 50 ms must
    not repeat it)."""
    key = (str(path), reason)
    with _warned_lock:
        first = key not in _warned
        if first:
            if len(_warned) >= _WARNED_MAX:  # a flood of distinct names: start over
                _warned.clear()
            _warned.add(key)
    if first:
        log.warning("Shared folder: refused %s (%s); not followed", path, reason)


def refused(path: Path, reason: str, *, hard_linked: bool = False) -> ShareRefused:
    """The exception for a refusal, logged once (`note_refusal`)."""
    note_refusal(path, reason)
    return ShareRefused(path, reason, hard_linked=hard_linked)


def describe(info: os.stat_result) -> str | None:
    """What is wrong with an entry as found by lstat, or None for a plain file or folder."""
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if getattr(info, "st_file_attributes", 0) & FILE_ATTRIBUTE_REPARSE_POINT:
        return "a junction or other reparse point"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file or folder"


@dataclass(frozen=True)
class ShareEntry:
    """One name in a listed folder, with what `lstat` says about it (links not followed)."""

    name: str
    folder: Path
    info: os.stat_result

    @property
    def path(self) -> Path:
        return self.folder / self.name

    @property
    def is_file(self) -> bool:
        return describe(self.info) is None and stat.S_ISREG(self.info.st_mode)

    @property
    def is_dir(self) -> bool:
        return describe(self.info) is None and stat.S_ISDIR(self.info.st_mode)

    @property
    def problem(self) -> str | None:
        """Why this entry must not be used (a link, a FIFO...), or None."""
        return describe(self.info)
