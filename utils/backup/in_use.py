"""Whether this PC's database is in use by the app or the agent: a lock file they hold while
they run (their backup service takes it), so a restore never replaces a database under them.
The lock is the operating system's, dropped when its holder ends, crash included, so a stale
lock cannot remain (utils/file_lock.py)."""

from __future__ import annotations

from utils.file_lock import FileLock


class InUseLock(FileLock):
    """Taken without waiting (`acquire()`): a restore that finds it held says so and stops."""
