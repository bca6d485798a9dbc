"""The backup schedule: a small service the app and the agent start.

While it runs it holds this PC's in-use lock (utils/backup/in_use.py), so a restore never
replaces the database under a running app or agent; if another process of this home holds it
already, this one keeps no schedule (one per PC) and says so once. Every `check_every_s` it asks
whether a backup is due (the first time one interval after start): none of this station's
backups in the folder is younger than `backup_every_hours` (0: never by schedule). A backup that
fails is logged as one warning line with the reason and tried again at the next check; the
station's work never waits for it (the copy runs on this service's own thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
import threading
from datetime import timedelta

from utils.backup.files import backup_folder, list_backups
from utils.backup.in_use import InUseLock
from utils.backup.snapshot import BackupFailed, FolderUnusable, MadeBackup, make_backup
from utils.clock import Clock

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

CHECK_EVERY_S = 60.0
RETRY_AFTER = timedelta(minutes=15)  # after a failed copy (a failed folder check costs nothing)


class BackupService:
    def __init__(self, ctx: "AppContext", *, clock: Clock | None = None,
                 check_every_s: float = CHECK_EVERY_S):
        self.ctx = ctx
        self.clock = clock or ctx.clock
        self.check_every_s = check_every_s
        self.lock = InUseLock(ctx.paths.in_use_lock_file)
        self.last_error: str | None = None
        self._retry_at = None
        self.made = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def scheduling(self) -> bool:
        return self._thread is not None

    def start(self) -> bool:
        """Take the in-use lock and start the schedule; False (and no thread) when another
        process of this PC holds the lock."""
        if self._thread is not None:
            return True
        if not self.lock.acquire():
            log.warning("Backups: another process of this PC (the app or the agent) runs the "
                        "backup schedule; this one does not")
            return False
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="backup-schedule", daemon=True)
        self._thread.start()
        return True

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=120)  # a copy under way is let finish
            self._thread = None
        self.lock.release()

    def _run(self) -> None:
        # The first check comes one interval after start: starting the app or the agent is
        # never slowed by a copy of the database.
        while not self._stop.wait(self.check_every_s):
            try:
                self.run_due()
            except Exception:  # a bug: logged with its traceback, the schedule goes on
                log.exception("Backups: the scheduled check failed")

    def due(self) -> bool:
        settings = self.ctx.settings
        if settings.backup_every_hours <= 0:
            return False
        if self._retry_at is not None and self.clock.now() < self._retry_at:
            return False
        backups = list_backups(backup_folder(settings, self.ctx.paths), self.ctx.station_id)
        if not backups:
            return True
        age = self.clock.now() - backups[-1].created_at
        return age >= timedelta(hours=settings.backup_every_hours) or age < -timedelta(hours=1)

    def run_due(self) -> MadeBackup | None:
        """Make a backup when one is due; None otherwise (or when it failed: `last_error`)."""
        if not self.due():
            return None
        try:
            made = make_backup(self.ctx, reason="scheduled")
        except BackupFailed as exc:
            if str(exc) != self.last_error:
                log.warning("Backups: %s; tried again later", exc)
            self.last_error = str(exc)
            if not isinstance(exc, FolderUnusable):  # the copy itself failed: not every minute
                self._retry_at = self.clock.now() + RETRY_AFTER
            return None
        self.last_error = None
        self._retry_at = None
        self.made += 1
        return made
