"""Which processes of this PC have its database open, so that a restore never replaces the
database under any of them: the app, the agent, and a command line (a `shopfloor user add` or
`send` writing while a restore swapped the file would write into the database set aside, or
into a half-replaced one).

Every process that opens the database (`AppContext.open`) holds a lock file of its own in
`<data>/in-use/` until it closes it. A restore holds the folder's gate while it checks every
such file and while it replaces the database: a file it can lock belongs to a process that
ended (the operating system dropped its lock), and is removed; one it cannot lock is a process
using the database, and the restore stops with nothing changed. A process opening the database
takes the gate for a moment to add its own file, so none starts while a restore runs: it waits
up to `GATE_WAIT_S`, then says a restore is under way.

Built on exclusive locks alone (utils/file_lock.py), which is all Windows' msvcrt offers; a
shared lock would have been the natural tool elsewhere.
"""

from __future__ import annotations

import logging
import os
import secrets
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from data.database import DatabaseError
from utils.file_lock import FileLock

log = logging.getLogger(__name__)

GATE_NAME = "gate.lock"
GATE_WAIT_S = 10.0  # a process opening the database during a restore waits this long for it
USER_SUFFIX = ".user.lock"
USERS_CHECKED_MAX = 10_000  # files anyone on this PC may make: the check stops there


class RestoreUnderWay(DatabaseError):
    """The database could not be opened: a restore of it is under way on this PC."""


class DatabaseInUse(RuntimeError):
    """A restore cannot replace the database: another process of this PC has it open."""


class DatabaseUser:
    """This process's hold on the database, from `register` until `release` (or until the
    process ends: the operating system drops the lock, and the next restore removes the file)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path: Path | None = None
        self._finalizer: weakref.finalize | None = None

    def register(self, *, gate_held: bool = False) -> None:
        """Add this process's file (RestoreUnderWay when the gate stays taken GATE_WAIT_S).
        `gate_held`: the caller holds the gate already (a restore recording itself in the
        database it has just put in place)."""
        if gate_held:
            self._add()
            return
        gate = FileLock(self.folder / GATE_NAME)
        if not gate.acquire(timeout_s=GATE_WAIT_S):
            raise RestoreUnderWay(
                f"A restore of this PC's database is under way (or another program holds "
                f"{gate.path} locked): nothing was opened or changed. Try again when it has "
                f"finished.")
        try:
            self._add()
        finally:
            gate.release()

    def _add(self) -> None:
        path = self.folder / f"{os.getpid()}-{secrets.token_hex(6)}{USER_SUFFIX}"
        lock = FileLock(path)
        if not lock.acquire():  # a fresh random name: only a bug gets here
            raise RuntimeError(f"{path} is locked by another process")
        self.path = path
        # A context nobody closed still gives its descriptor back when it is collected.
        self._finalizer = weakref.finalize(self, _drop, lock, path)

    def release(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
        self._finalizer, self.path = None, None


def _drop(lock: FileLock, path: Path) -> None:
    lock.release()
    try:
        path.unlink()
    except OSError:
        pass  # Windows may refuse while another process probes it; the next restore removes it


@contextmanager
def sole_user(folder: Path, *, own: DatabaseUser | None = None) -> Iterator[None]:
    """For a restore: the gate held for the block, every other user of the database checked
    first. Raises DatabaseInUse (nothing held) when another process has the database open, or
    when the gate is taken (a process registering this very moment, or another restore)."""
    folder = Path(folder)
    gate = FileLock(folder / GATE_NAME)
    if not gate.acquire():
        raise DatabaseInUse("another program of this PC is opening its database, or "
                            "restoring it, at this moment")
    try:
        _check_users(folder, own)
        yield
    finally:
        gate.release()


def _check_users(folder: Path, own: DatabaseUser | None) -> None:
    try:
        # Files only: a folder or a link named like one is nobody's (and never opened).
        names = [entry.name for entry in os.scandir(folder)
                 if entry.name.endswith(USER_SUFFIX) and entry.is_file(follow_symlinks=False)]
    except FileNotFoundError:
        return
    if len(names) > USERS_CHECKED_MAX:  # never a sample: the one in use could be left out
        raise DatabaseInUse(f"{folder} holds more than {USERS_CHECKED_MAX} files; remove "
                            f"them with every program of this PC closed")
    for name in names:
        path = folder / name
        if own is not None and path == own.path:
            continue
        probe = FileLock(path)
        if not probe.acquire():
            pid = name.split("-", 1)[0]
            raise DatabaseInUse(f"another program of this PC (process {pid}: the app, the "
                                f"agent or a command line) has the database open")
        # Its process ended without closing (a crash, a kill): the lock went with it.
        probe.release()
        try:
            path.unlink()
        except OSError as exc:
            log.info("A stale database-use file %s could not be removed (%s)", path, exc)
