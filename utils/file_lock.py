"""An advisory lock on a file, between processes: flock on POSIX, msvcrt.locking on Windows.
The operating system drops it when its holder ends, crash included, so a stale lock cannot
remain. Three uses: whether the app or the agent has this PC's database open (a restore waits
for neither: utils/backup/in_use.py), every process's use of the database with the gate a
restore holds (utils/backup/database_users.py), and one writer of the audit witness at a time
among the processes of one home (utils/audit/chain.py). (Windows: written to its documentation, not run
in CI.)
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

if os.name == "nt":  # pragma: no cover - not run in CI
    import msvcrt
else:
    import fcntl

# How often a waiting taker tries again (a holder keeps the lock for a file's read and write).
POLL_S = 0.005


class FileLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, timeout_s: float = 0.0) -> bool:
        """Take the lock: False when another process, or another holder in this one, has it
        after `timeout_s` seconds (0: at once). Waiting is bounded, so a stuck holder (a
        stopped process) delays others, never stops them for good."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Read-only, readable by all: a lock file another user of this PC made first (a
        # command line run as an administrator) can still be opened and locked (flock and
        # msvcrt.locking need no write access).
        fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
        deadline = time.monotonic() + timeout_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                os.close(fd)
                return False
            time.sleep(POLL_S)
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if os.name == "nt":  # pragma: no cover
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextmanager
    def holding(self, timeout_s: float) -> Iterator[None]:
        """Held for the block, waiting up to `timeout_s` for it first (TimeoutError, an
        OSError, when it stays taken)."""
        if not self.acquire(timeout_s=timeout_s):
            raise TimeoutError(f"{self.path} stayed locked by another process for "
                               f"{timeout_s:g} s")
        try:
            yield
        finally:
            self.release()


def _try_lock(fd: int) -> bool:
    """Lock the open file without waiting; False when another holder has it."""
    try:
        if os.name == "nt":  # pragma: no cover
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
