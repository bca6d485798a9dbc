"""Reaching a folder of the shared folder without following anything: every path taken
relative to the root, every folder below it opened with `O_NOFOLLOW | O_DIRECTORY` relative to
its parent's descriptor (POSIX), or every component `lstat`ed (where there is no `dir_fd`).
`ShareFolders` is the folder half of `ShareFS` (utils/site/share_fs.py, whose docstring holds
the rules); files are the other half.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path, PurePath
from typing import Callable, Iterator

from utils.site.share_entries import ShareEntry, describe, refused

O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
DIR_FD_WORKS = (os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd
                and os.rename in os.supports_dir_fd and os.unlink in os.supports_dir_fd
                and os.mkdir in os.supports_dir_fd and os.scandir in os.supports_fd
                and bool(O_NOFOLLOW) and bool(O_DIRECTORY))


class Folder:
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

    def __init__(self, fs: "ShareFolders", folder: Folder):
        self._fs = fs
        self._folder = folder

    @property
    def path(self) -> Path:
        return self._folder.path

    def scandir(self) -> list[ShareEntry]:
        """This folder's entries with their lstat (links listed, never followed)."""
        return self._fs._list(self._folder)

    def entries(self) -> Iterator[os.DirEntry[str]]:
        """This folder's entries one at a time, none stat'ed yet (`stat(follow_symlinks=
        False)` where wanted): a folder someone filled with thousands is never held whole."""
        folder = self._folder
        with os.scandir(folder.fd if folder.fd is not None else folder.path) as listing:
            yield from listing

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


class ShareFolders:
    """The folders of one share; paths are given as `root / ...` (the layout's paths)."""

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
    def _folder(self, names: tuple[str, ...], *, create: bool = False) -> Iterator[Folder]:
        """The folder `names` below the root, every component checked (and made if `create`)."""
        if self.portable:
            yield self._folder_portable(names, create)
            return
        fd = os.open(self.root, os.O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try:
            for index, name in enumerate(names):
                child = self._descend(fd, name, names[:index + 1], create)
                os.close(fd)
                fd = child
            yield Folder(self.root, names, fd)
        finally:
            os.close(fd)

    def _descend(self, parent: int, name: str, names: tuple[str, ...], create: bool) -> int:
        """Open `name` (the last of `names`) in `parent` as a folder, never through a link."""
        flags = os.O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
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

    def _folder_portable(self, names: tuple[str, ...], create: bool) -> Folder:
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
        return Folder(self.root, names, None, current)

    def _lstat_in(self, folder: Folder, name: str) -> os.stat_result:
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

    def scandir(self, path: Path | str, *,
                match: Callable[[str], bool] | None = None) -> list[ShareEntry]:
        """Every entry of a folder with its lstat (links are listed, never followed). With
        `match`, only the names it accepts: the others are passed over as they stream by,
        never stat'ed nor held (anyone may fill a folder of the share with thousands)."""
        with self._folder(self.parts(path)) as folder:
            return self._list(folder, match)

    def _list(self, folder: Folder,
              match: Callable[[str], bool] | None = None) -> list[ShareEntry]:
        entries = []
        with os.scandir(folder.fd if folder.fd is not None else folder.path) as listing:
            found = [entry for entry in listing if match is None or match(entry.name)]
        for entry in found:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone meanwhile
            entries.append(ShareEntry(entry.name, folder.path, info))
        return entries

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

    def exists(self, path: Path | str) -> bool:
        """Is there an entry of that name (of any kind; links are not followed)?"""
        try:
            self.lstat(path)
        except FileNotFoundError:
            return False
        return True
