"""The one way we write a file that others may read: all of it or nothing.

Temp file in the same folder (dot-prefixed, so readers skip it), flush, fsync, `os.replace`
with bounded retry and backoff on PermissionError (Windows sharing violations, antivirus),
then an fsync of the folder (logged once and ignored where the filesystem cannot do it).
After the retry budget the old file is intact and the temp file removed.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

TEMP_PREFIX = "."
TEMP_SUFFIX = ".tmp"
_dir_fsync_warned: set[str] = set()


class AtomicWriteError(OSError):
    pass


def is_temp_name(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _temp_path(path: Path) -> Path:
    return path.with_name(f"{TEMP_PREFIX}{path.name}.{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}")


def fsync_directory(folder: Path) -> None:
    if os.name == "nt":
        return  # Windows cannot open a directory for fsync; NTFS journals the rename
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
    try:
        writer(temp)
        if durable:
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
        delay = backoff_s
        for attempt in range(retries + 1):
            try:
                replace(temp, path)
                break
            except PermissionError as exc:
                if attempt == retries:
                    raise AtomicWriteError(
                        f"could not replace {path} after {retries + 1} attempts: {exc}") from exc
                sleep(delay)
                delay = min(delay * 2, 1.0)
    except BaseException:
        try:
            temp.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:  # the sweep at next start removes it
            log.warning("Could not remove temp file %s: %s", temp, exc)
        raise
    if durable:
        fsync_directory(path.parent)


def atomic_write_bytes(path: Path, data: bytes, **options: object) -> None:
    def _write(temp: Path) -> None:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()

    atomic_write_with(path, _write, **options)  # type: ignore[arg-type]


def atomic_write_text(path: Path, text: str, **options: object) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), **options)


def sweep_temp_files(folder: Path, *, older_than_s: float = 60.0,
                     now: Callable[[], float] = time.time,
                     match: Callable[[str], bool] = is_temp_name) -> int:
    """Remove temp files left by a writer that was killed (or other files `match` names once
    they are old enough); returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not match(entry.name):
            continue
        try:
            if now() - entry.stat(follow_symlinks=False).st_mtime >= older_than_s:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def atomic_create_bytes(path: Path, data: bytes, *, durable: bool = True,
                        link: Callable[[Path, Path], None] = os.link, mode: int = 0o666) -> None:
    """Write-once: create `path` with `data` whole, or raise FileExistsError if it exists.

    `mode` (less the umask) is set when the temp file is created, so a secret written with
    0o600 is never readable by others, not even for a moment.

    Commands and acks are write-once: a second writer must never replace the first. A hard
    link from the complete temp file is atomic and refuses an existing name; where the file
    system cannot link (some SMB servers), an existence check followed by a rename is the
    fallback (each such file has one writer by protocol, so the window is harmless).
    """
    path = Path(path)
    temp = _temp_path(path)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(temp, flags, mode), "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        try:
            link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(temp, path)
    finally:
        try:
            temp.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("Could not remove temp file %s: %s", temp, exc)
    if durable:
        fsync_directory(path.parent)
