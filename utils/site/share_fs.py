"""The one way we touch the shared folder: nothing followed, nothing outside, nothing odd.

Anyone may write anything on the share, links included. A symbolic link named `inbox` that
points at a private folder of the station PC would have the station move that folder's files
onto the share; a journal segment linked to a file in the station account's home would have
journal lines appended to it. So every read, write, create, replace, move, delete, mkdir and
listing on the share goes through `ShareFS`, and:

- every path is taken relative to the share root (a path outside it, or with a `..`, is
  refused before anything is touched); the root itself is this PC's configuration and is
  opened as configured, everything below it is not followed;
- on POSIX every folder below the root is opened with `O_NOFOLLOW | O_DIRECTORY` relative to
  the descriptor of its parent, and every file operation is made relative to the descriptor
  of its folder (`dir_fd`), so a component swapped for a link after a check is still not
  followed;
- symbolic links (files or folders, at any component), junctions and other reparse points,
  device files, FIFOs and sockets are refused; so are regular files with more than one name
  (`st_nlink > 1`) wherever we read trusted input or append, truncate or write into them;
- files are opened `O_NOFOLLOW | O_NONBLOCK` only after an `lstat` shows a regular file (a
  device is never opened), and the `fstat` of what was opened must be that same file;
- where the OS has no `dir_fd` (Windows), every component is `lstat`ed (links and reparse
  points refused) and an opened file is compared with its `lstat`. That leaves a window
  between check and use for a folder swapped by someone racing us; the README says so.

A refusal raises `ShareRefused` (the ports' `PlaceRefused`, an OSError, so code that treats
the share as unreachable stays safe) and is logged once per path as a one-line WARNING.
`ShareRefused.path` is the offending entry, so a caller may move that entry (the link itself: a rename never follows it) to the
quarantine. Qt-free.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from utils.atomic_io import (
    atomic_create_bytes, atomic_write_bytes, sweep_temp_files, write_and_close,
)
from utils.site.share_entries import ShareEntry, ShareRefused, describe, note_refusal, refused
from utils.site.share_folders import (
    DIR_FD_WORKS, O_CLOEXEC, O_NOFOLLOW, Folder, OpenFolder, ShareFolders,
)

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)

# The share's vocabulary, taken from here by the sync parts with `ShareFS` (the entries and
# the folders live in share_entries and share_folders).
__all__ = ["DIR_FD_WORKS", "OpenFolder", "ShareEntry", "ShareFS", "ShareRefused", "describe",
           "note_refusal", "refused"]


class SizeChanged(OSError):
    """A file its writer appends to is not the size it left it at (ShareFS.append)."""

    def __init__(self, path: Path, found: int, expected: int):
        super().__init__(f"{path}: {found} bytes where its writer left {expected}")
        self.path, self.found, self.expected = path, found, expected


class ShareFS(ShareFolders):
    """Every operation on one share; paths are given as `root / ...` (the layout's paths).
    Folders come from `ShareFolders`; files are opened here."""

    # -- files -----------------------------------------------------------------------------

    def _check_file(self, folder: Folder, name: str, info: os.stat_result, single_link: bool,
                    writing: bool) -> None:
        # The file's path is only built for a refusal: pathlib on every read of a poll or a
        # command's round trip costs more than its system calls.
        problem = describe(info)
        if problem is None and not stat.S_ISREG(info.st_mode):
            problem = "a folder where a file belongs"
        if problem is not None:
            raise refused(folder.path / name, problem)
        if single_link and info.st_nlink > 1:
            reason = f"a file with {info.st_nlink} names (hard-linked)"
            if writing:
                raise refused(folder.path / name, reason, hard_linked=True)
            # A reader may meet a write-once file between its link and the removal of the
            # temp name: the caller decides (not ready yet) and logs if it persists.
            raise ShareRefused(folder.path / name, reason, hard_linked=True)

    def _open_file(self, folder: Folder, name: str, flags: int,
                   single_link: bool, create: bool = False) -> tuple[int, os.stat_result]:
        """Open a regular file in `folder` without following anything; checks before and
        after the open. Returns the descriptor and its fstat."""
        writing = bool(flags & (os.O_WRONLY | os.O_RDWR))
        try:
            before: os.stat_result | None = self._lstat_in(folder, name)
        except FileNotFoundError:
            if not create:
                raise
            before = None
            flags |= os.O_EXCL  # whatever appears meanwhile is not ours: fail, open nothing
        if before is not None:
            # A device is never opened. The link count is judged after the open only: on
            # NFS and CIFS an lstat may come from the attribute cache, the open revalidates.
            self._check_file(folder, name, before, False, writing)
        flags |= O_NOFOLLOW | _O_NONBLOCK | O_CLOEXEC | _O_BINARY
        if folder.fd is not None:
            fd = os.open(name, flags, 0o666, dir_fd=folder.fd)
        else:
            fd = os.open(folder.path / name, flags, 0o666)
        try:
            info = os.fstat(fd)
            if before is not None and (info.st_dev, info.st_ino) != (before.st_dev, before.st_ino):
                raise refused(folder.path / name, "replaced while being opened")
            self._check_file(folder, name, info, single_link, writing)
        except BaseException:
            os.close(fd)
            raise
        return fd, info

    @contextlib.contextmanager
    def open_read(self, path: Path | str, *,
                  single_link: bool = True) -> Iterator[tuple[BinaryIO, os.stat_result]]:
        """A regular file for reading, with its fstat. `single_link=False` accepts a file
        with several names (only for data we re-check, such as our own write-once files)."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            fd, info = self._open_file(folder, name, os.O_RDONLY, single_link)
        with os.fdopen(fd, "rb") as handle:
            yield handle, info

    def read_bytes(self, path: Path | str, *, max_bytes: int,
                   single_link: bool = True) -> tuple[bytes, os.stat_result]:
        """At most `max_bytes + 1` bytes of a file (one more than allowed shows it is too big)."""
        with self.open_read(path, single_link=single_link) as (handle, info):
            return handle.read(max_bytes + 1), info

    def append(self, path: Path | str, data: bytes, *, durable: bool = True,
               expect_size: int | None = None) -> int:
        """Append to a file of its own (created if missing); returns its size before. A link,
        a hard-linked file or anything not a plain file is refused, never written. With
        `expect_size`, a file of another size is not written either (SizeChanged): someone
        else cut, grew or replaced it since its writer last wrote it."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            fd, info = self._open_file(folder, name, os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                                       True, create=True)
        if expect_size is not None and info.st_size != expect_size:
            os.close(fd)
            raise SizeChanged(Path(path), info.st_size, expect_size)
        write_and_close(fd, data, durable=durable)
        return info.st_size

    def truncate(self, path: Path | str, size: int) -> None:
        """Cut a file of its own to `size` bytes (a link or a hard-linked file is refused)."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            fd, _info = self._open_file(folder, name, os.O_WRONLY, True)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)

    def write_atomic(self, path: Path | str, data: bytes, *, durable: bool = True,
                     **options: object) -> None:
        """Replace a file whole (utils.atomic_io, relative to the folder's descriptor). The
        rename replaces whatever entry had the name (a link included) and follows nothing.
        A folder in the name's place is no outage: ShareRefused names it, so the owner of the
        place can move it to the quarantine (not logged here: the move says it)."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            try:
                if folder.fd is not None:
                    atomic_write_bytes(name, data, dir_fd=folder.fd, folder=folder.path,
                                       durable=durable, **options)
                else:
                    atomic_write_bytes(folder.path / name, data, durable=durable, **options)
            except OSError as exc:
                if not self._folder_in_place(folder, name):
                    raise
                # A rename never replaces a folder (EISDIR on POSIX, access denied on Windows).
                raise ShareRefused(folder.path / name, "a folder where a file belongs") from exc

    def _folder_in_place(self, folder: Folder, name: str) -> bool:
        """Is `name` in `folder` a real folder? Asked only after a replace failed."""
        try:
            return stat.S_ISDIR(self._lstat_in(folder, name).st_mode)
        except OSError:
            return False

    def create_once(self, path: Path | str, data: bytes, *, durable: bool = True) -> None:
        """Write-once create (FileExistsError when the name is taken, by a link too)."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            if folder.fd is not None:
                atomic_create_bytes(name, data, dir_fd=folder.fd, folder=folder.path,
                                    durable=durable)
            else:
                atomic_create_bytes(folder.path / name, data, durable=durable)

    def unlink(self, path: Path | str) -> None:
        """Remove one name (a link is removed itself, its target untouched)."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            if folder.fd is not None:
                os.unlink(name, dir_fd=folder.fd)
            else:
                os.unlink(folder.path / name)

    def rename(self, source: Path | str, target: Path | str) -> None:
        """Move one entry within the share. A link moves as a link: never followed."""
        source_parents, source_name = self._split(source)
        target_parents, target_name = self._split(target)
        with self._folder(source_parents) as src, self._folder(target_parents) as dst:
            if src.fd is not None and dst.fd is not None:
                os.rename(source_name, target_name, src_dir_fd=src.fd, dst_dir_fd=dst.fd)
            else:
                os.rename(src.path / source_name, dst.path / target_name)

    def sweep_temp_files(self, path: Path | str, *, older_than_s: float = 60.0,
                         now: Callable[[], float] = time.time,
                         match: Callable[[str], bool] | None = None) -> int:
        """utils.atomic_io's sweep, in a folder reached without links."""
        options = {} if match is None else {"match": match}
        try:
            with self._folder(self.parts(path)) as folder:
                return sweep_temp_files(folder.path, older_than_s=older_than_s, now=now,
                                        dir_fd=folder.fd, **options)
        except OSError:
            return 0
