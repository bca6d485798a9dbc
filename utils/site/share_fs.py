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
the share as unreachable stays safe) and is logged once per path as a one-line WARNING. `ShareRefused.path` is the offending
entry, so a caller may move that entry (the link itself: a rename never follows it) to the
quarantine. Qt-free.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import BinaryIO, Callable, Iterator

from utils.atomic_io import (
    atomic_create_bytes, atomic_write_bytes, sweep_temp_files, write_and_close,
)
from utils.site.ports import PlaceRefused

log = logging.getLogger(__name__)

FILE_ATTRIBUTE_REPARSE_POINT = getattr(stat, "FILE_ATTRIBUTE_REPARSE_POINT", 0x400)
_O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_BINARY = getattr(os, "O_BINARY", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
DIR_FD_WORKS = (os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd
                and os.rename in os.supports_dir_fd and os.unlink in os.supports_dir_fd
                and os.mkdir in os.supports_dir_fd and os.scandir in os.supports_fd
                and bool(_O_NOFOLLOW) and bool(_O_DIRECTORY))
_WARNED_MAX = 10_000


class ShareRefused(PlaceRefused):
    """A share entry we will not use (the shared folder's kind of `PlaceRefused`). `path` is the entry at fault (perhaps a folder above
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


class _Folder:
    """A folder reached safely: its descriptor (POSIX) or its checked path (portable). Its
    path is only built when asked for (messages, the portable strategy): a poll of hundreds
    of stations must not pay for pathlib on every call."""

    __slots__ = ("_root", "_names", "_path", "fd")

    def __init__(self, root: Path, names: tuple[str, ...], fd: int | None,
                 path: Path | None = None):
        self._root, self._names, self._path, self.fd = root, names, path, fd

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = self._root.joinpath(*self._names)
        return self._path


def _plain_names(names: tuple[str, ...]) -> bool:
    """Every name is one step down: no `..`, no separator, nothing empty."""
    return not any(name in ("", ".", "..") or "/" in name or "\\" in name or "\0" in name
                   for name in names)


class OpenFolder:
    """A share folder held open by `ShareFS.opened`; valid inside that `with` only."""

    def __init__(self, fs: "ShareFS", folder: _Folder):
        self._fs = fs
        self._folder = folder

    @property
    def path(self) -> Path:
        return self._folder.path

    def scandir(self) -> list[ShareEntry]:
        """This folder's entries with their lstat (links listed, never followed)."""
        return self._fs._list(self._folder)

    def lstat(self, *names: str) -> os.stat_result:
        """lstat of `path/names...`: every folder on the way opened without following, like
        any other walk; the last name itself is reported, not followed."""
        if not names or not _plain_names(names):
            raise refused(self._folder.path.joinpath(*names),
                          "a path that leaves the shared folder")
        if self._folder.fd is None:
            return self._fs.lstat(self._folder.path.joinpath(*names))
        fd, opened = self._folder.fd, []
        below = self._folder._names
        try:
            for index, name in enumerate(names[:-1]):
                fd = self._fs._descend(fd, name, (*below, *names[:index + 1]), False)
                opened.append(fd)
            return os.stat(names[-1], dir_fd=fd, follow_symlinks=False)
        finally:
            for descriptor in opened:
                os.close(descriptor)


class ShareFS:
    """Every operation on one share; paths are given as `root / ...` (the layout's paths)."""

    def __init__(self, root: Path | str, *, portable: bool | None = None):
        self.root = Path(root)
        self._root_text = os.fspath(self.root)
        self._prefix = self._root_text.rstrip(os.sep) + os.sep
        # `portable` forces the Windows strategy (lstat checks, no dir_fd); tests use it.
        self.portable = (not DIR_FD_WORKS) if portable is None else portable

    def __repr__(self) -> str:
        return f"ShareFS({str(self.root)!r})"

    # -- paths ---------------------------------------------------------------------------

    def parts(self, path: Path | str) -> tuple[str, ...]:
        """The names from the root down to `path`; refuses anything that leaves the share."""
        # Plain string work: pathlib's relative_to costs more than the system calls of a poll.
        text = os.fspath(path if isinstance(path, PurePath) else Path(path))
        if text == self._root_text:
            return ()
        if not text.startswith(self._prefix):
            raise refused(Path(text), "outside the shared folder")
        names = tuple(text[len(self._prefix):].split(os.sep))
        if not _plain_names(names):
            raise refused(Path(text), "a path that leaves the shared folder")
        return names

    def _path(self, names: tuple[str, ...]) -> Path:
        return self.root.joinpath(*names)

    # -- folders ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _folder(self, names: tuple[str, ...], *, create: bool = False) -> Iterator[_Folder]:
        """The folder `names` below the root, every component checked (and made if `create`)."""
        if self.portable:
            yield self._folder_portable(names, create)
            return
        fd = os.open(self.root, os.O_RDONLY | _O_DIRECTORY | _O_CLOEXEC)
        try:
            for index, name in enumerate(names):
                child = self._descend(fd, name, names[:index + 1], create)
                os.close(fd)
                fd = child
            yield _Folder(self.root, names, fd)
        finally:
            os.close(fd)

    def _descend(self, parent: int, name: str, names: tuple[str, ...], create: bool) -> int:
        """Open `name` (the last of `names`) in `parent` as a folder, never through a link."""
        flags = os.O_RDONLY | _O_DIRECTORY | _O_NOFOLLOW | _O_CLOEXEC
        for _attempt in range(3):
            try:
                return os.open(name, flags, dir_fd=parent)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(name, dir_fd=parent)
                except FileExistsError:
                    pass  # made by someone else meanwhile (or a dangling link: refused next)
            except OSError as exc:
                raise self._not_a_folder(parent, name, self._path(names), exc) from None
        raise self._not_a_folder(parent, name, self._path(names),
                                 FileNotFoundError(self._path(names)))

    def _not_a_folder(self, parent: int, name: str, here: Path, exc: OSError) -> OSError:
        """Why `name` could not be opened as a folder: a refusal if it is something else."""
        try:
            info = os.stat(name, dir_fd=parent, follow_symlinks=False)
        except OSError:
            return exc
        problem = describe(info)
        if problem is not None:
            return refused(here, problem)
        if not stat.S_ISDIR(info.st_mode):
            return refused(here, "a file where a folder belongs")
        return exc

    def _folder_portable(self, names: tuple[str, ...], create: bool) -> _Folder:
        current = self.root
        if not current.is_dir():
            raise FileNotFoundError(f"the shared folder {current} is not reachable")
        for name in names:
            current = current / name
            try:
                info = os.lstat(current)
            except FileNotFoundError:
                if not create:
                    raise
                try:
                    os.mkdir(current)
                except FileExistsError:
                    pass
                info = os.lstat(current)
            problem = describe(info)
            if problem is not None:
                raise refused(current, problem)
            if not stat.S_ISDIR(info.st_mode):
                raise refused(current, "a file where a folder belongs")
        return _Folder(self.root, names, None, current)

    def _lstat_in(self, folder: _Folder, name: str) -> os.stat_result:
        if folder.fd is not None:
            return os.stat(name, dir_fd=folder.fd, follow_symlinks=False)
        return os.lstat(folder.path / name)

    @contextlib.contextmanager
    def opened(self, path: Path | str) -> Iterator["OpenFolder"]:
        """A folder held open for many look-ups below it (the fleet's poll of every station):
        its own components are walked once."""
        with self._folder(self.parts(path)) as folder:
            yield OpenFolder(self, folder)

    def mkdirs(self, path: Path | str) -> Path:
        """Make `path` and the folders above it where missing; refuses a link on the way."""
        names = self.parts(path)
        with self._folder(names, create=True):
            pass
        return self._path(names)

    def require_folder(self, path: Path | str) -> None:
        """Raise unless `path` is a real folder reached without a link (FileNotFoundError when
        it is simply not there)."""
        with self._folder(self.parts(path)):
            pass

    def identity(self, path: Path | str) -> tuple[int, int] | None:
        """(device, inode) of a real folder, None when it is missing or refused."""
        try:
            with self._folder(self.parts(path)) as folder:
                info = os.fstat(folder.fd) if folder.fd is not None else os.lstat(folder.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino

    def scandir(self, path: Path | str) -> list[ShareEntry]:
        """Every entry of a folder with its lstat (links are listed, never followed)."""
        with self._folder(self.parts(path)) as folder:
            return self._list(folder)

    def _list(self, folder: _Folder) -> list[ShareEntry]:
        entries = []
        with os.scandir(folder.fd if folder.fd is not None else folder.path) as listing:
            found = list(listing)
        for entry in found:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone meanwhile
            entries.append(ShareEntry(entry.name, folder.path, info))
        return entries

    # -- files -----------------------------------------------------------------------------

    def _split(self, path: Path | str) -> tuple[tuple[str, ...], str]:
        names = self.parts(path)
        if not names:
            raise refused(self.root, "the share root is not a file")
        return names[:-1], names[-1]

    def lstat(self, path: Path | str) -> os.stat_result:
        """lstat of an entry (a link is reported, not followed; folders above are checked)."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            return self._lstat_in(folder, name)

    def _check_file(self, here: Path, info: os.stat_result, single_link: bool,
                    writing: bool) -> None:
        problem = describe(info)
        if problem is None and not stat.S_ISREG(info.st_mode):
            problem = "a folder where a file belongs"
        if problem is not None:
            raise refused(here, problem)
        if single_link and info.st_nlink > 1:
            reason = f"a file with {info.st_nlink} names (hard-linked)"
            if writing:
                raise refused(here, reason, hard_linked=True)
            # A reader may meet a write-once file between its link and the removal of the
            # temp name: the caller decides (not ready yet) and logs if it persists.
            raise ShareRefused(here, reason, hard_linked=True)

    def _open_file(self, folder: _Folder, name: str, here: Path, flags: int,
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
            self._check_file(here, before, False, writing)
        flags |= _O_NOFOLLOW | _O_NONBLOCK | _O_CLOEXEC | _O_BINARY
        if folder.fd is not None:
            fd = os.open(name, flags, 0o666, dir_fd=folder.fd)
        else:
            fd = os.open(folder.path / name, flags, 0o666)
        try:
            info = os.fstat(fd)
            if before is not None and (info.st_dev, info.st_ino) != (before.st_dev, before.st_ino):
                raise refused(here, "replaced while being opened")
            self._check_file(here, info, single_link, writing)
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
        here = self._path((*parents, name))
        with self._folder(parents) as folder:
            fd, info = self._open_file(folder, name, here, os.O_RDONLY, single_link)
        with os.fdopen(fd, "rb") as handle:
            yield handle, info

    def read_bytes(self, path: Path | str, *, max_bytes: int,
                   single_link: bool = True) -> tuple[bytes, os.stat_result]:
        """At most `max_bytes + 1` bytes of a file (one more than allowed shows it is too big)."""
        with self.open_read(path, single_link=single_link) as (handle, info):
            return handle.read(max_bytes + 1), info

    def append(self, path: Path | str, data: bytes, *, durable: bool = True) -> int:
        """Append to a file of its own (created if missing); returns its size before. A link,
        a hard-linked file or anything not a plain file is refused, never written."""
        parents, name = self._split(path)
        here = self._path((*parents, name))
        with self._folder(parents) as folder:
            fd, info = self._open_file(folder, name, here, os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                                       True, create=True)
        write_and_close(fd, data, durable=durable)
        return info.st_size

    def truncate(self, path: Path | str, size: int) -> None:
        """Cut a file of its own to `size` bytes (a link or a hard-linked file is refused)."""
        parents, name = self._split(path)
        here = self._path((*parents, name))
        with self._folder(parents) as folder:
            fd, _info = self._open_file(folder, name, here, os.O_WRONLY, True)
        try:
            os.ftruncate(fd, size)
            os.fsync(fd)
        finally:
            os.close(fd)

    def write_atomic(self, path: Path | str, data: bytes, *, durable: bool = True,
                     **options: object) -> None:
        """Replace a file whole (utils.atomic_io, relative to the folder's descriptor). The
        rename replaces whatever entry had the name (a link included) and follows nothing."""
        parents, name = self._split(path)
        with self._folder(parents) as folder:
            if folder.fd is not None:
                atomic_write_bytes(name, data, dir_fd=folder.fd, folder=folder.path,
                                   durable=durable, **options)
            else:
                atomic_write_bytes(folder.path / name, data, durable=durable, **options)

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

    def exists(self, path: Path | str) -> bool:
        """Is there an entry of that name (of any kind; links are not followed)?"""
        try:
            self.lstat(path)
        except FileNotFoundError:
            return False
        return True

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
