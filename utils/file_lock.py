"""An advisory lock on a file, between processes: flock on POSIX, msvcrt.locking on Windows.
The operating system drops it when its holder ends, crash included, so a stale lock cannot
remain. Two uses: whether the app or the agent has this PC's database open (a restore waits
for neither: utils/backup/in_use.py), and one writer of the audit witness at a time among the
processes of one home (utils/audit/chain.py). (Windows: written to its documentation, not run
in CI.)
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

if os.name == "nt":  # pragma: no cover - not run in CI
    import msvcrt
else:
    import fcntl


class FileLock:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, wait: bool = False) -> bool:
        """Take the lock. Without `wait`: False at once when another process, or another
        holder in this one, has it. With `wait`: wait until it is free (True); on Windows the
        system tries for about ten seconds, then raises OSError."""
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if os.name == "nt":  # pragma: no cover
                msvcrt.locking(fd, msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK, 1)
            else:
                fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            if wait:
                raise
            return False
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
    def holding(self) -> Iterator[None]:
        """Held for the block, waiting for it first."""
        self.acquire(wait=True)
        try:
            yield
        finally:
            self.release()
