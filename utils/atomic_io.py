"""The one way we write a file that others may read: all of it or nothing.

Temp file in the same folder (dot-prefixed, so readers skip it), flush, fsync, `os.replace`
with bounded retry and backoff on PermissionError (Windows sharing violations, antivirus),
then an fsync of the folder (logged once and ignored where the filesystem cannot do it).
After the retry budget the old file is intact and the temp file removed.

Files on the shared folder are written through `utils.site.share_fs`, which opens the folder
without following links and passes its descriptor here as `dir_fd`: then `path` is a bare
name in that folder, and the temp file, the replace or link, the clean-up and the folder fsync
all happen relative to the descriptor (the same steps, never a second copy of them).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from pathlib import Path
from typing import Any, Callable

log = logging.getLogger(__name__)

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
_dir_fsync_warned: set[str] = set()


class AtomicWriteError(OSError):
    pass


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _temp_name(name: str) -> str:
    return f"{TEMP_PREFIX}{name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}"


def _temp_path(path: Path) -> Path:
    return path.with_name(_temp_name(path.name))


def _bare_name(name: str | os.PathLike[str]) -> str:
    """With `dir_fd`, the target is one name inside that folder, never a path."""
    text = os.fspath(name)
    if (not text or text in (".", "..") or "/" in text or "\\" in text or "\0" in text):
        raise ValueError(f"not a plain file name: {text!r}")
    return text


_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def _write_new(name: str, data: bytes, dir_fd: int, durable: bool) -> None:
    """Create `name` (it must not exist; a link there is not followed) and fill it."""
    write_and_close(os.open(name, _TEMP_FLAGS, 0o666, dir_fd=dir_fd), data, durable=durable)


def write_and_close(fd: int, data: bytes, *, durable: bool) -> None:
    """All of `data` to an open descriptor (os.write may write less than asked), fsynced when
    `durable`; the descriptor is closed whatever happens."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        if durable:
            os.fsync(fd)
    finally:
        os.close(fd)


def _remove_temp(temp: str | Path, dir_fd: int | None) -> None:
    try:
        os.unlink(temp, dir_fd=dir_fd)
    except FileNotFoundError:
        pass
    except OSError as exc:  # the sweep at next start removes it
        log.warning("Could not remove temp file %s: %s", temp, exc)


def fsync_directory(folder: Path, *, dir_fd: int | None = None) -> None:
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
    if dir_fd is not None:
        try:
            os.fsync(dir_fd)
        except OSError as exc:
            _warn_dir_fsync(folder, exc)
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        _warn_dir_fsync(folder, exc)
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        _warn_dir_fsync(folder, exc)
    finally:
        os.close(fd)


def _warn_dir_fsync(folder: Path, exc: OSError) -> None:
    key = str(folder)
    if key not in _dir_fsync_warned:
        _dir_fsync_warned.add(key)
        log.warning("Folder fsync not supported on %s (%s); continuing without it", folder, exc)


def atomic_write_with(path: Path, writer: Callable[[Path], None], *, retries: int = 6,
                      backoff_s: float = 0.02, replace: Callable[[Path, Path], None] = os.replace,
                      sleep: Callable[[float], None] = time.sleep, durable: bool = True) -> None:
    """Let `writer` fill a temp file beside `path`, then put it in place atomically."""
    path = Path(path)
    temp = _temp_path(path)

    def _fill() -> None:
        writer(temp)
        if durable:
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())

    _put_in_place(_fill, temp, path, None, path.parent, retries=retries, backoff_s=backoff_s,
                  replace=replace, sleep=sleep, durable=durable)


def _put_in_place(fill: Callable[[], None], temp: Any, target: Any, dir_fd: int | None,
                  folder: Path, *, retries: int, backoff_s: float, replace: Callable[..., None],
                  sleep: Callable[[float], None], durable: bool) -> None:
    """Fill the temp file, replace the target with it (retried on sharing violations), and
    never leave the temp behind on failure."""
    try:
        fill()
        delay = backoff_s
        for attempt in range(retries + 1):
            try:
                replace(temp, target)
                break
            except PermissionError as exc:
                if attempt == retries:
                    raise AtomicWriteError(
                        f"could not replace {target} after {retries + 1} attempts: {exc}") from exc
                sleep(delay)
                delay = min(delay * 2, 1.0)
    except BaseException:
        _remove_temp(temp, dir_fd)
        raise
    if durable:
        fsync_directory(folder, dir_fd=dir_fd)


def atomic_write_bytes(path: Path | str, data: bytes, *, dir_fd: int | None = None,
                       folder: Path | None = None, **options: Any) -> None:
    """Write `data` to `path` whole or not at all. With `dir_fd`, `path` is a name inside that
    open folder (see the module docstring), `folder` names that folder in messages, and
    `replace`, if given, receives names too."""
    if dir_fd is None:
        def _write(temp: Path) -> None:
            with open(temp, "wb") as handle:
                handle.write(data)
                handle.flush()

        atomic_write_with(Path(path), _write, **options)
        return
    name = _bare_name(path)
    temp = _temp_name(name)
    durable = bool(options.pop("durable", True))

    def _replace_here(source: str, target: str) -> None:
        os.replace(source, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)

    _put_in_place(lambda: _write_new(temp, data, dir_fd, durable), temp, name, dir_fd,
                  folder or Path(name), retries=options.pop("retries", 6),
                  backoff_s=options.pop("backoff_s", 0.02),
                  replace=options.pop("replace", _replace_here),
                  sleep=options.pop("sleep", time.sleep), durable=durable, **options)


def atomic_write_text(path: Path | str, text: str, **options: Any) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), **options)


def sweep_temp_files(folder: Path, *, older_than_s: float = 60.0,
                     now: Callable[[], float] = time.time, dir_fd: int | None = None,
                     match: Callable[[str], bool] = is_temp_name) -> int:
    """Remove temp files left by a writer that was killed (or other files `match` names once
    they are old enough); returns how many were removed. With `dir_fd`, the folder is that
    open descriptor (`folder` only names it)."""
    removed = 0
    try:
        with os.scandir(folder if dir_fd is None else dir_fd) as listing:
            entries = list(listing)
    except OSError:
        return 0
    for entry in entries:
        if not match(entry.name):
            continue
        try:
            if now() - entry.stat(follow_symlinks=False).st_mtime >= older_than_s:
                os.unlink(entry.path if dir_fd is None else entry.name, dir_fd=dir_fd)
                removed += 1
        except OSError:
            continue
    return removed


def atomic_create_bytes(path: Path | str, data: bytes, *, durable: bool = True,
                        link: Callable[..., None] = os.link, dir_fd: int | None = None,
                        folder: Path | None = None, mode: int = 0o666) -> None:
    """Write-once: create `path` with `data` whole, or raise FileExistsError if it exists.

    `mode` (less the umask) is set when the temp file is created, so a secret written with
    0o600 is never readable by others, not even for a moment.

    Commands and acks are write-once: a second writer must never replace the first. A hard
    link from the complete temp file is atomic and refuses an existing name (a link planted
    there included: it is a name like any other); where the file system cannot link (some SMB
    servers), an existence check followed by a rename is the fallback (each such file has one
    writer by protocol, so the window is harmless). With `dir_fd`, `path` is a name inside
    that open folder and `folder` names that folder in messages.
    """
    if dir_fd is None:
        target: Any = Path(path)
        temp: Any = _temp_path(target)
        folder = target.parent
    else:
        target = _bare_name(path)
        temp = _temp_name(target)
        folder = folder or Path(target)
    try:
        if dir_fd is None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            with os.fdopen(os.open(temp, flags, mode), "wb") as handle:
                handle.write(data)
                handle.flush()
                if durable:
                    os.fsync(handle.fileno())
        else:
            _write_new(temp, data, dir_fd, durable)
        try:
            if dir_fd is None:
                link(temp, target)
            else:
                link(temp, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
        except FileExistsError:
            raise
        except OSError:
            if _exists(target, dir_fd):
                raise FileExistsError(target) from None
            os.replace(temp, target, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    finally:
        _remove_temp(temp, dir_fd)
    if durable:
        fsync_directory(folder, dir_fd=dir_fd)


def _exists(name: Any, dir_fd: int | None) -> bool:
    """Is there an entry (a link counts, and is not followed)?"""
    try:
        os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return False
    return True
