"""The station side of site sync (`SyncService`): birth, heartbeat, inbox, acks, directory.

Threads (all owned here, all stopped by `stop()`):
- the loop: heartbeat every `status_interval_ms` and at once on a state change, inbox rescan
  every `rescan_interval_ms` (the source of truth), directory refresh, pending acks;
- the watchdog observer: a hint that wakes the loop early (it misses changes made by other
  hosts on SMB/NFS, which is why the rescan exists);
- a command executor (two workers): slow commands never stall the heartbeat;
- a supervisor: restarts a dead loop or observer with backoff.

The share may vanish at any moment: every share operation is guarded, the state becomes
"share offline (since ...)", status is not queued (the next heartbeat carries the latest
state), and production keeps writing to the local database.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import threading
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from config.constants import CommandType, Role
from data import commands_repo, meta_repo, users_repo
from models.canonical import canonical_json, format_utc
from utils.atomic_io import atomic_create_bytes, atomic_write_bytes, sweep_temp_files
from utils.audit.chain import Actor
from utils.audit.keys import SigningKey
from utils.auth import Session
from utils.clock import Clock, SystemClock
from utils.metrics import MetricsSampler
from utils.site.commands import (
    COMMAND_MAX_BYTES, Command, Decision, Outcome, check_command, make_ack, valid_command_id,
)
from utils.site.directory import UserDirectory
from utils.site.effects import StationEffects
from utils.site.journal import JournalWriter
from utils.site.layout import SiteLayout
from utils.site.netshare import default_rescan_ms
from utils.site.share_files import (
    FailureCounter, ReadState, list_json_files, quarantine, read_json_file,
)
from utils.site.signed import document_bytes, sign_document, signature_ok

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

APP_VERSION = "0.1.0"
LOCK_META_KEY = "station.entry_lock"
SIZE_META_KEY = "station.size"
INBOX_BATCH = 200  # files looked at per rescan: a flooded inbox is worked through, not swallowed
DIRECTORY_REFRESH_S = 5.0
SWEEP_INTERVAL_S = 5.0
WATCHED_RESCAN_S = 1.0
INTERACTIVE = frozenset({CommandType.MESSAGE, CommandType.CLOSE_APP, CommandType.RESTART_APP})
LOOP_STALL_S = 30.0
ACK_RESULT_MAX = 48 * 1024


@dataclass(frozen=True)
class ShareState:
    online: bool
    since: datetime | None  # offline since
    last_sync: datetime | None


class SyncService:
    def __init__(self, ctx: "AppContext", *, site_root: Path, site_key: SigningKey,
                 effects: StationEffects, clock: Clock | None = None, watch: bool = True,
                 observer_factory: Callable[[], Any] | None = None,
                 on_share_state: Callable[[ShareState], None] | None = None):
        self.ctx = ctx
        self.layout = SiteLayout(Path(site_root))
        self.station = self.layout.station(ctx.station_id)
        self.key = site_key
        self.effects = effects
        self.clock = clock or ctx.clock or SystemClock()
        self.session_id = uuid.uuid4().hex
        self.directory = ctx.directory or UserDirectory(self.layout, site_key, ctx.database,
                                                        self.clock)
        self.metrics = MetricsSampler(ctx.paths.data_dir)
        self.journal = JournalWriter(ctx.database, self.station, ctx.anchor, site_key)
        # Office (admin) PCs keep the site view current all the time; a production PC only
        # while its admin panel is open (the panel asks the follower itself).
        self.follows_site = ctx.settings.station_kind == "office"
        self._catalog_announced = ctx.catalog.version  # the catalog the form already shows
        self.watch = watch
        self.observer_factory = observer_factory
        self.on_share_state = on_share_state
        self.status_interval_s = ctx.settings.status_interval_ms / 1000
        self.rescan_interval_s = (ctx.settings.rescan_interval_ms
                                  or default_rescan_ms(self.layout.root)) / 1000
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._state_dirty = threading.Event()
        self._acks_pending = threading.Event()
        self._journal_dirty = threading.Event()
        self._next_sweep = 0.0
        self._lock = threading.Lock()
        self._ack_lock = threading.Lock()
        self._undeletable: set[str] = set()  # processed files the share would not let us remove
        self._loop_beat = 0.0
        self._seq = 0
        self._online = True
        self._offline_since: datetime | None = None
        self._last_sync: datetime | None = None
        self._next_heartbeat = 0.0
        self._next_rescan = 0.0
        self._next_directory = 0.0
        self._in_flight: dict[str, Future] = {}
        self._results: list[dict[str, Any]] = []
        self._failures = FailureCounter(clock=self.clock.monotonic)
        self._executor: ThreadPoolExecutor | None = None
        self._interactive: ThreadPoolExecutor | None = None
        self._loop_thread: threading.Thread | None = None
        self._supervisor_thread: threading.Thread | None = None
        self._observer: Any = None
        self.restarts = {"loop": 0, "observer": 0}
        self._watched_identity: tuple[int, int] | None = None
        self.stalled = False
        self.counters = {"heartbeats": 0, "commands": 0, "share_errors": 0, "rejected": 0}

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        self._settle_interrupted()
        self._restore_local_state()
        self.ctx.production.on_changed = self.notify_state_changed
        self.ctx.audit.after_commit.append(self._journal_changed)
        self._acks_pending.set()
        self._journal_dirty.set()
        try:
            self.layout.require_root()
            self.station.ensure()
            sweep_temp_files(self.station.folder)
            sweep_temp_files(self.station.inbox)
            self._write_birth()
        except OSError as exc:
            self._went_offline(exc)
        try:
            self.directory.refresh()  # know the site's users before the first command
        except OSError as exc:
            self._went_offline(exc)
        self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="shopfloor-cmd")
        # Commands that wait for the operator (a message to acknowledge, a close to confirm)
        # get their own workers, so they never hold up a ping, a lock or a set_lot.
        self._interactive = ThreadPoolExecutor(max_workers=4, thread_name_prefix="shopfloor-ask")
        self._start_loop()
        self._start_observer()
        self._supervisor_thread = threading.Thread(target=self._supervise, name="shopfloor-supervisor",
                                                   daemon=True)
        self._supervisor_thread.start()
        if self.follows_site:
            self.ctx.view_follower.acquire()

    def stop(self, reason: str = "clean exit") -> None:
        """Stop every thread; write the death file when the share is there."""
        if self.follows_site:
            self.ctx.view_follower.release()
        self._stop.set()
        self._wake.set()
        if self.ctx.production.on_changed == self.notify_state_changed:
            self.ctx.production.on_changed = None
        if self._journal_changed in self.ctx.audit.after_commit:
            self.ctx.audit.after_commit.remove(self._journal_changed)
        for thread in (self._supervisor_thread, self._loop_thread):
            if thread is not None:
                thread.join(timeout=10)
        self._stop_observer()
        for pool in (self._executor, self._interactive):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._flush_acks()
        if self._online:
            self.ctx.audit.checkpoint_now()
            self._export_journal()
        try:
            self._write_signed(self.station.death, {"kind": "death", "station": self.station.station_id,
                                                    "session_id": self.session_id, "reason": reason,
                                                    "at": format_utc(self.clock.now())})
        except OSError as exc:
            log.warning("Could not write the death file (share offline?): %s", exc)

    def apply_settings(self, changes: dict[str, Any]) -> None:
        """Change this PC's settings now and keep them (set_config, a site catalog's intervals)."""
        from utils.settings_store import save_settings

        ctx = self.ctx
        new_settings = ctx.settings.with_changes(**changes)
        save_settings(ctx.paths.settings_file, new_settings)
        ctx.settings = new_settings
        ctx.auth.settings = new_settings
        if "status_interval_ms" in changes:
            self.status_interval_s = changes["status_interval_ms"] / 1000
        if "rescan_interval_ms" in changes:
            self.rescan_interval_s = changes["rescan_interval_ms"] / 1000
        self.notify_state_changed()

    def _refresh_catalog(self) -> None:
        """Take a newer signed site catalog: forms, bands and thresholds at once, and the
        site's default intervals into this PC's settings."""
        if self.ctx.site_catalog is None:
            return
        self.ctx.site_catalog.refresh()
        # Announce by version, not by what refresh() took: a catalog published from this PC's
        # own admin panel must reach this PC's form and intervals too.
        catalog = self.ctx.catalog
        if catalog.version == self._catalog_announced:
            return
        self._catalog_announced = catalog.version
        changes = {name: value for name, value in (
            ("status_interval_ms", catalog.status_interval_ms),
            ("rescan_interval_ms", catalog.rescan_interval_ms))
            if value is not None and getattr(self.ctx.settings, name) != value}
        if changes:
            self.apply_settings(changes)
        self.effects.catalog_changed(catalog)

    def notify_state_changed(self) -> None:
        """Login, logout, record saved, lot changed, lock: publish status now."""
        self._state_dirty.set()
        self._wake.set()

    def wake(self) -> None:
        self._wake.set()

    def _journal_changed(self) -> None:
        """After a commit: export it now (other PCs follow the journal within seconds)."""
        self._journal_dirty.set()
        self._wake.set()

    def share_state(self) -> ShareState:
        with self._lock:
            return ShareState(self._online, self._offline_since, self._last_sync)

    @property
    def last_results(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._results)

    # -- threads -------------------------------------------------------------------------------

    def _start_loop(self) -> None:
        self._loop_thread = threading.Thread(target=self._loop, name="shopfloor-sync", daemon=True)
        self._loop_thread.start()

    def _start_observer(self) -> None:
        if not self.watch:
            return
        try:
            if self.observer_factory is not None:
                observer = self.observer_factory()
            else:
                from watchdog.events import FileSystemEventHandler
                from watchdog.observers import Observer

                service = self

                class _Hint(FileSystemEventHandler):
                    def on_any_event(self, event: Any) -> None:
                        # A writer's temp file coming and going is not a command yet; the
                        # rename that publishes it is (its destination is the real name).
                        name = os.path.basename(getattr(event, "dest_path", "") or event.src_path)
                        if not name.startswith("."):
                            service._wake.set()

                observer = Observer()
                observer.schedule(_Hint(), str(self.station.inbox), recursive=False)
            observer.daemon = True
            observer.start()
            self._observer = observer
            self._watched_identity = _identity(self.station.inbox)
        except Exception as exc:  # no inotify, folder gone...: the rescan carries on alone
            log.warning("Inbox watcher not started (%s); relying on the rescan", exc)
            self._observer = None

    def _stop_observer(self) -> None:
        observer, self._observer = self._observer, None
        if observer is not None:
            try:
                observer.stop()
                observer.join(timeout=5)
            except Exception as exc:
                log.warning("Inbox watcher did not stop cleanly: %s", exc)

    def _supervise(self) -> None:
        backoff = {"loop": 0.5, "observer": 0.5}
        due = {"loop": 0.0, "observer": 0.0}
        while not self._stop.wait(0.5):
            now = self.clock.monotonic()
            if self._loop_thread is not None and not self._loop_thread.is_alive() and now >= due["loop"]:
                log.error("Sync loop died; restarting it")
                self.restarts["loop"] += 1
                self._start_loop()
                due["loop"], backoff["loop"] = now + backoff["loop"], min(backoff["loop"] * 2, 30)
            if (self._loop_thread is not None and self._loop_thread.is_alive()
                    and self._loop_beat and now - self._loop_beat > max(LOOP_STALL_S, 5 * self.status_interval_s)
                    and not self.stalled):
                self.stalled = True
                log.error("Sync loop has not come round for %.0f s (a blocked file-system call?)",
                          now - self._loop_beat)
            elif self.stalled and now - self._loop_beat < LOOP_STALL_S:
                self.stalled = False
            moved = (self._observer is not None and self._watched_identity is not None
                     and _identity(self.station.inbox) != self._watched_identity)
            if self.watch and now >= due["observer"] and (
                    self._observer is None or not self._observer.is_alive() or moved):
                if self.station.inbox.is_dir():
                    self.restarts["observer"] += 1
                    self._stop_observer()
                    self._start_observer()
                    log.info("Inbox watcher restarted")
                due["observer"] = now + backoff["observer"]
                backoff["observer"] = min(backoff["observer"] * 2, 30)
            elif self._observer is not None and self._observer.is_alive() and not moved:
                backoff["observer"] = 0.5  # healthy again: the next failure is retried quickly

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._loop_beat = self.clock.monotonic()
            try:
                self.tick()
            except Exception:  # one bad iteration must not end syncing
                log.exception("Sync loop iteration failed")
            now = self.clock.monotonic()
            wait = max(0.0, min(self._next_heartbeat, self._next_rescan) - now)
            self._wake.wait(wait)
            self._wake.clear()

    def tick(self) -> None:
        """One pass of the loop (public so tests can drive it without threads)."""
        now = self.clock.monotonic()
        if self._state_dirty.is_set() or now >= self._next_heartbeat:
            self._state_dirty.clear()
            self._heartbeat()
            self._next_heartbeat = now + self.status_interval_s
        if not self._online:
            return
        self._rescan_inbox()
        self._next_rescan = now + self._rescan_interval()
        # Idle passes must cost next to nothing: database work only when something changed
        # (flags set after commits), plus a slow safety sweep for other processes' writes.
        sweep = now >= self._next_sweep
        if sweep:
            self._next_sweep = now + SWEEP_INTERVAL_S
        if sweep or self._acks_pending.is_set():
            self._acks_pending.clear()
            self._flush_acks()
        if sweep or self._journal_dirty.is_set():
            self._journal_dirty.clear()
            self._export_journal()
        if now >= self._next_directory:
            try:
                self.directory.refresh()
                self._refresh_catalog()
            except OSError as exc:
                self._went_offline(exc)
            self._next_directory = now + DIRECTORY_REFRESH_S

    def _rescan_interval(self) -> float:
        """The configured interval; by default 50 ms on a local folder, but 1 s while the
        watcher is alive there (it wakes the loop at once; the rescan is only the safety net).
        On a network share the watcher sees nothing from other hosts: 500 ms."""
        if self.ctx.settings.rescan_interval_ms is not None:
            return self.rescan_interval_s
        watching = self._observer is not None and self._observer.is_alive()
        if watching and self.rescan_interval_s < WATCHED_RESCAN_S:
            return WATCHED_RESCAN_S
        return self.rescan_interval_s

    def _export_journal(self) -> None:
        try:
            while self.journal.sync() and not self._stop.is_set():
                pass  # a backlog after an outage goes out in batches, this tick
        except OSError as exc:
            self.journal.reset()
            self._went_offline(exc)

    # -- share state ---------------------------------------------------------------------------

    def _went_offline(self, exc: BaseException) -> None:
        self.counters["share_errors"] += 1
        with self._lock:
            if not self._online:
                return
            self._online = False
            self._offline_since = self.clock.now()
            state = ShareState(False, self._offline_since, self._last_sync)
        log.warning("Share offline: %s. Production continues locally.", exc)
        if self.on_share_state:
            self.on_share_state(state)

    def _came_back(self) -> None:
        with self._lock:
            was_offline = not self._online
            self._online = True
            self._offline_since = None
            self._last_sync = self.clock.now()
            state = ShareState(True, None, self._last_sync)
        if was_offline:
            log.info("Share back online; resuming")
            self.journal.reset()
            self._acks_pending.set()
            self._journal_dirty.set()
            try:
                self.layout.require_root()
                self.station.ensure()
                self._write_birth()
            except OSError as exc:
                self._went_offline(exc)
                return
            if self.on_share_state:
                self.on_share_state(state)

    # -- files -------------------------------------------------------------------------------

    def _write_signed(self, path: Path, document: dict[str, Any]) -> None:
        atomic_write_bytes(path, document_bytes(sign_document(document, self.key)))

    def _write_birth(self) -> None:
        self._write_signed(self.station.birth, {
            "kind": "birth", "station": self.station.station_id, "session_id": self.session_id,
            "version": APP_VERSION, "host": platform.node(), "pid": os.getpid(),
            "station_kind": self.ctx.settings.station_kind,
            "started_at": format_utc(self.clock.now()),
            "status_interval_ms": int(self.status_interval_s * 1000),
            "capabilities": sorted(str(c) for c in CommandType)})

    def status_document(self) -> dict[str, Any]:
        lot = self.ctx.production.current_lot()
        user = self.effects.current_user()
        with self._lock:
            self._seq += 1
            seq = self._seq
            results = list(self._results)
        now = self.clock.now()
        return {"kind": "status", "station": self.station.station_id, "session_id": self.session_id,
                "seq": seq, "ts_ms": int(now.timestamp() * 1000), "sent_at": format_utc(now),
                "interval_ms": int(self.status_interval_s * 1000), "version": APP_VERSION,
                "user": None if user is None else {"username": user[0], "role": user[1]},
                "lot": None if lot is None else {"code": lot.code, "current_box": lot.current_box,
                                                 "total_boxes": lot.total_boxes},
                "size": self._meta(SIZE_META_KEY),
                "locked": self.ctx.production.locked_reason,
                "metrics": self.metrics.sample(), "last_results": results,
                "pending_commands": len(self._in_flight)}

    def _heartbeat(self) -> None:
        try:
            self.layout.require_root()
            if not self._online or not self.station.folder.is_dir():
                self.station.ensure()
            self._write_signed(self.station.status, self.status_document())
        except OSError as exc:
            self._went_offline(exc)
            return
        self.counters["heartbeats"] += 1
        self._came_back()

    # -- inbox -----------------------------------------------------------------------------------

    def _rescan_inbox(self) -> None:
        try:
            entries = list_json_files(self.station.inbox, limit=INBOX_BATCH,
                                      skip=self._undeletable | set(self._in_flight))
            if not self.station.inbox.is_dir():
                raise FileNotFoundError(self.station.inbox)
        except OSError as exc:
            self._went_offline(exc)
            return
        for stem in list(self._undeletable):  # the share may allow it now (rare: one call each)
            _remove(self.station.inbox / f"{stem}.json", self._undeletable, stem)
        for entry in entries:
            stem = entry.name[:-5]
            if stem in self._in_flight:
                continue
            self._consider(Path(entry.path), stem)

    def _consider(self, path: Path, stem: str) -> None:
        result = read_json_file(path, max_bytes=COMMAND_MAX_BYTES, parse=lambda data: data)
        if result.state == ReadState.MISSING:
            return
        if result.state in (ReadState.TOO_LARGE, ReadState.NOT_A_FILE):
            prefix = "file too large" if result.state == ReadState.TOO_LARGE else "file refused"
            self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"{prefix}: {result.reason}",
                                                   None, stem if valid_command_id(stem) else None))
            return
        if result.state == ReadState.NOT_READY:
            if self._failures.failed(path):
                self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"unreadable: {result.reason}",
                                                       None, stem if valid_command_id(stem) else None))
            return
        decision = check_command(result.data, file_stem=stem, key=self.key,
                                 station_id=self.station.station_id, now=self.clock.now(),
                                 max_skew=timedelta(seconds=self.ctx.settings.command_max_skew_s),
                                 seen_before=self._seen_before, role_of=self._role_of)
        if decision.outcome is None and decision.command is not None:
            self._failures.forget(path)
            self._accept(path, decision.command)
        elif decision.reason.startswith("not valid JSON") and not self._failures.failed(path):
            return  # perhaps still being written by a careless writer: not ready yet
        else:
            self._refuse_file(path, stem, decision)

    def _seen_before(self, command_id: str) -> bool:
        with self.ctx.database.read() as connection:
            return commands_repo.ledger_has(connection, command_id)

    def _role_of(self, username: str) -> Role | None:
        with self.ctx.database.read() as connection:
            found = users_repo.get(connection, username)
        if found is None:
            # A new admin may have been published a moment ago: look at the directory now
            # rather than reject a genuine command until the next periodic refresh.
            try:
                self.directory.refresh()
            except OSError as exc:
                self._went_offline(exc)
            with self.ctx.database.read() as connection:
                found = users_repo.get(connection, username)
        return None if found is None or not found[0].active else found[0].role

    def _refuse_file(self, path: Path, stem: str, decision: Decision) -> None:
        """Rejected, expired or duplicate: audit, ack (unless one exists), take the file away."""
        self._failures.forget(path)
        self.counters["rejected"] += 1
        command_id = decision.command_id
        command = decision.command
        outcome = decision.outcome or Outcome.REJECTED
        now = self.clock.now()
        with self.ctx.database.write() as connection:
            # Every refused file is audited, a second copy of a forged one too; only the first
            # goes to the ledger (which is what gets it its one ack).
            if (command_id is not None and outcome != Outcome.DUPLICATE
                    and not commands_repo.ledger_has(connection, command_id)):
                commands_repo.ledger_start(connection, command_id,
                                           str(command.type) if command else "unknown",
                                           command.issued_by if command else None, now,
                                           status=str(outcome), reason=decision.reason)
                commands_repo.ledger_finish(connection, command_id, str(outcome),
                                            decision.reason, None, now)
            self._audit(connection, Actor.system(), f"command.{outcome}", command_id, command,
                        decision.reason)
        self.ctx.audit.flush_checkpoint_file()
        moved = False
        if outcome == Outcome.REJECTED:  # kept as evidence, out of the inbox
            try:
                moved = quarantine(path, self.layout.quarantine(self.station.station_id),
                                   decision.reason) is not None
            except OSError as exc:
                log.warning("Could not quarantine %s (%s); removing it instead", path.name, exc)
        if not moved:
            _remove(path, self._undeletable, path.stem)
        self._flush_acks()
        self._remember({"id": command_id, "type": str(command.type) if command else None,
                        "status": str(outcome), "reason": decision.reason, "at": format_utc(now)})

    def _accept(self, path: Path, command: Command) -> None:
        now = self.clock.now()
        with self.ctx.database.write() as connection:
            if commands_repo.ledger_has(connection, command.id):  # raced with another rescan
                return
            commands_repo.ledger_start(connection, command.id, str(command.type),
                                       command.issued_by, now)
            self._audit(connection, Actor(command.issued_by, str(command.role)),
                        "command.received", command.id, command, None)
        self.ctx.audit.flush_checkpoint_file()
        self.counters["commands"] += 1
        pool = self._interactive if command.type in INTERACTIVE else self._executor
        assert pool is not None
        future = pool.submit(self._run, command)
        self._in_flight[command.id] = future
        future.add_done_callback(lambda _f: self._done(command, path))

    def _done(self, command: Command, path: Path) -> None:
        _remove(path, self._undeletable, command.id)  # first: a rescan must not see the file once it is out of _in_flight
        self._in_flight.pop(command.id, None)
        self._wake.set()

    def _run(self, command: Command) -> None:
        from utils.site.executor import execute

        try:
            outcome, reason, result = execute(self, command)
        except Exception as exc:
            log.exception("Command %s (%s) failed", command.id, command.type)
            outcome, reason, result = Outcome.FAILED, f"{type(exc).__name__}: {exc}", None
        now = self.clock.now()
        result = _bounded(result)
        # The ack goes out first and the ledger records it in the same commit as the outcome:
        # one durable commit less on every command's path. A crash in between leaves the
        # command "executing": at restart it is settled as failed, but the ack already written
        # stands (write-once), and the command is never run again either way.
        acked = self._write_ack(command.id, str(command.type), outcome, reason, result, now)
        with self.ctx.database.write() as connection:
            commands_repo.ledger_finish(connection, command.id, str(outcome), reason, result,
                                        now, acked=acked)
            self._audit(connection, Actor(command.issued_by, str(command.role)),
                        f"command.{outcome}", command.id, command, reason)
        self.ctx.audit.flush_checkpoint_file()
        self._remember({"id": command.id, "type": str(command.type), "status": str(outcome),
                        "reason": reason, "at": format_utc(now)})
        if not acked:
            self._acks_pending.set()
        self.notify_state_changed()

    def _write_ack(self, command_id: str, command_type: str | None, outcome: Outcome,
                   reason: str, result: Any, when: datetime) -> bool:
        """Create the ack file; True when it is on the share (now or from before)."""
        if not self._online:
            return False
        ack = make_ack(self.key, command_id=command_id, station_id=self.station.station_id,
                       outcome=outcome, reason=reason, result=result, finished_at=when,
                       command_type=command_type)
        try:
            atomic_create_bytes(self.station.acks / f"{command_id}.json", document_bytes(ack))
        except FileExistsError:
            return True  # written before a crash, or a stale client cache: the first ack stands
        except OSError as exc:
            self._went_offline(exc)
            return False
        return True

    def _audit(self, connection: Any, actor: Actor, action: str, command_id: str | None,
               command: Command | None, reason: str | None) -> None:
        self.ctx.audit.append(connection, actor, action, entity="command", entity_id=command_id,
                              command_id=command_id, reason=reason,
                              after=None if command is None else {
                                  "type": str(command.type), "params": command.params,
                                  "issued_by": command.issued_by})

    def _remember(self, result: dict[str, Any]) -> None:
        with self._lock:
            self._results = (self._results + [result])[-10:]

    def _flush_acks(self) -> None:
        """Write every ack not yet written (after a crash or an outage too); write-once."""
        if not self._online:
            return
        with self._ack_lock:
            self._write_pending_acks()

    def _write_pending_acks(self) -> None:
        with self.ctx.database.read() as connection:
            # "executing" rows belong to commands running now; leftovers from a crash were
            # settled once at start (_settle_interrupted).
            pending = [row for row in commands_repo.ledger_unacked(connection)
                       if row["status"] != "executing"]
        for row in pending:
            status, reason, result = row["status"], row["reason"] or "", row["result"]
            written = self._write_ack(row["command_id"], row["type"], Outcome(status), reason,
                                      None if result is None else json.loads(result),
                                      self.clock.now())
            if not written:
                self._acks_pending.set()
                return
            with self.ctx.database.write() as connection:
                commands_repo.ledger_mark_acked(connection, row["command_id"])

    def _settle_interrupted(self) -> None:
        """At start, before any command runs: a command left "executing" was cut off by a
        crash or power loss. It is never run again. If its ack had already gone out, the
        ledger and the audit record what that ack says; otherwise it is acked as failed."""
        reason = "interrupted by a restart of the station"
        with self.ctx.database.read() as connection:
            leftovers = [row for row in commands_repo.ledger_unacked(connection)
                         if row["status"] == "executing"]
        for row in leftovers:
            ack = self._existing_ack(row["command_id"])
            with self.ctx.database.write() as connection:
                if ack is not None:
                    commands_repo.ledger_finish(connection, row["command_id"], ack["status"],
                                                ack.get("reason") or "", ack.get("result"),
                                                self.clock.now(), acked=True)
                    self._audit(connection, Actor.system(), f"command.{ack['status']}",
                                row["command_id"], None,
                                f"{ack.get('reason') or ''} (recorded after a restart)".strip())
                else:
                    commands_repo.ledger_finish(connection, row["command_id"], "failed", reason,
                                                None, self.clock.now())
                    self._audit(connection, Actor.system(), "command.failed", row["command_id"],
                                None, reason)
        self.ctx.audit.flush_checkpoint_file()

    def _existing_ack(self, command_id: str) -> dict[str, Any] | None:
        """A validly signed ack this station wrote before a crash, if the share has it."""
        result = read_json_file(self.station.acks / f"{command_id}.json", max_bytes=ACK_RESULT_MAX * 2)
        ack = result.document
        if (result.state == ReadState.OK and isinstance(ack, dict) and ack.get("kind") == "ack"
                and ack.get("id") == command_id and ack.get("station") == self.station.station_id
                and ack.get("status") in {str(o) for o in Outcome} and signature_ok(ack, self.key)):
            return ack
        return None

    # -- station state kept across restarts ----------------------------------------------------

    def _meta(self, key: str) -> str | None:
        with self.ctx.database.read() as connection:
            return meta_repo.get(connection, key)

    def set_meta(self, key: str, value: str | None) -> None:
        with self.ctx.database.write() as connection:
            meta_repo.put(connection, key, "" if value is None else value)

    def _restore_local_state(self) -> None:
        lock = self._meta(LOCK_META_KEY)
        self.ctx.production.locked_reason = lock or None

    def issuer_session(self, command: Command) -> Session:
        """The person who sent the command, as a session for the services' permission checks."""
        with self.ctx.database.read() as connection:
            found = users_repo.get(connection, command.issued_by)
        full_name = found[0].full_name if found else command.issued_by
        return Session(command.issued_by, full_name, command.role, self.station.station_id,
                       self.clock.now(), False, command.id)


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of a folder: a watcher on a folder that was renamed or recreated keeps
    watching the old one, so the supervisor compares identities, not just thread liveness."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _remove(path: Path, undeletable: set[str] | None = None, stem: str | None = None) -> None:
    """Take a processed command out of the inbox. If the share refuses, remember the name so
    the rescan skips it (and retries the removal) instead of reading it again every time."""
    undeletable = set() if undeletable is None else undeletable
    stem = path.stem if stem is None else stem
    try:
        os.unlink(path)
    except FileNotFoundError:
        undeletable.discard(stem)
        return
    except OSError as exc:
        if stem not in undeletable:
            log.warning("Could not remove processed command %s: %s", path.name, exc)
        undeletable.add(stem)
        return
    undeletable.discard(stem)


def _bounded(result: Any) -> Any:
    """Acks have a size limit; a larger result is cut with a note rather than dropped."""
    if result is None:
        return None
    text = canonical_json(result)
    if len(text) <= ACK_RESULT_MAX:
        return result
    return {"truncated": True, "size": len(text), "head": text[:ACK_RESULT_MAX // 2]}
