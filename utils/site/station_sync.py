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

from config.constants import CommandType, Permission, Role
from config.version import APP_VERSION
from data import commands_repo, users_repo
from models.bounded_json import JsonLimits, check_limits
from models.canonical import canonical_json, format_utc, parse_utc
from utils.audit.chain import Actor
from utils.auth import Session
from utils.changes import Change, Topic, Transaction
from utils.clock import Clock, SystemClock
from utils.metrics import MetricsSampler
from utils.permissions import require
from utils.site.commands import (
    COMMAND_MAX_BYTES, Command, Decision, Outcome, ack_problem, check_command, make_ack,
    valid_command_id,
)
from utils.backup.snapshot import make_backup
from utils.site.command_context import CommandContext, Runtime
from utils.site.effects import StationEffects
from utils.site.executor import execute
from utils.site.journal import JournalNotOurs, JournalWriter
from utils.site.layout import SiteLayout
from utils.site.netshare import default_rescan_ms
from utils.site.share_files import (
    FailureCounter, ReadState, list_json_files, quarantine, read_json_file,
)
from utils.site.share_fs import ShareFS, ShareRefused
from utils.site.signed import document_bytes
from utils.site.station_state import (
    LAST_SESSION_META_KEY, LOCK_META_KEY, SIZE_META_KEY, StationState,
)
from utils.trust.lockout_share import LockoutShare
from utils.trust.site_trust import SiteTrust

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

# The station-state keys live in utils/site/station_state.py; named here for older callers.
__all__ = ["LAST_SESSION_META_KEY", "LOCK_META_KEY", "SIZE_META_KEY", "ShareState", "SyncService"]
CLAIMS_PRUNE_S = 3600.0
CLAIM_KEEP_S = 2 * 86400.0  # longer than any command's validity (one day)
INBOX_BATCH = 200  # files looked at per rescan: a flooded inbox is worked through, not swallowed
DIRECTORY_REFRESH_S = 5.0
SWEEP_INTERVAL_S = 5.0
WATCHED_RESCAN_S = 1.0
INTERACTIVE = frozenset({CommandType.MESSAGE, CommandType.CLOSE_APP, CommandType.RESTART_APP})
LOOP_STALL_S = 30.0
ACK_RESULT_MAX = 48 * 1024
COMMAND_LIMITS = JsonLimits(max_bytes=COMMAND_MAX_BYTES)


@dataclass(frozen=True)
class ShareState:
    online: bool
    since: datetime | None  # offline since
    last_sync: datetime | None
    # Why this PC does not act for its station now (REFUSAL_* kinds), and why it holds its
    # journal back; None when all is well.
    refusal: str | None = None
    journal_held: bool = False


# What keeps a PC from acting for its station (ShareState.refusal): the words are the GUI's.
REFUSAL_NOT_MEMBER = "not_member"  # its key is revoked, or another PC took the station over
REFUSAL_COPY_RUNNING = "copy_running"  # another process runs as the station with this key
REFUSAL_TAKEOVER_UNCONFIRMED = "takeover_unconfirmed"  # a person confirms first
TAKEOVER_NEEDED = "a person confirms the takeover before this PC acts for the station"


class SyncService:
    def __init__(self, ctx: "AppContext", *, site_root: Path, effects: StationEffects,
                 trust: SiteTrust | None = None, clock: Clock | None = None, watch: bool = True,
                 observer_factory: Callable[[], Any] | None = None,
                 on_share_state: Callable[[ShareState], None] | None = None):
        self.ctx = ctx
        self.layout = SiteLayout(Path(site_root))
        self.station = self.layout.station(ctx.station_id)
        self.fs: ShareFS = self.layout.fs  # every share operation goes through it
        self.trust = trust or ctx.trust
        if self.trust is None:
            raise ValueError("this PC is not a certified member of a site")
        self.effects = effects
        self.clock = clock or ctx.clock or SystemClock()
        self.session_id = uuid.uuid4().hex
        self.directory = ctx.directory
        self.metrics = MetricsSampler(ctx.paths.data_dir)
        self.journal = JournalWriter(ctx.database, self.station, ctx.anchor, self.trust.pc_key,
                                     on_new_chain=self._journal_chain_started)
        self.lockout = LockoutShare(self.layout, self.trust, ctx.database, self.clock)
        # Office (admin) PCs keep the site view current all the time; a production PC only
        # while its admin panel is open (the panel asks the follower itself).
        self.follows_site = ctx.settings.station_kind == "office"
        # Why this PC may not act for its station now (revoked, taken over, another PC with
        # this key running): shown, logged once, and no command is taken meanwhile.
        self.refusal: str | None = None
        self.refusal_kind: str | None = None  # REFUSAL_* (for the window's words)
        # Why this PC holds its journal events back (the share's journal goes on past this
        # PC's chain with no restore recorded: utils/site/journal.JournalNotOurs); in the
        # status, so admins see it. A takeover's or a restore's chain is never held: it is
        # published in a journal folder of its own.
        self.journal_held: str | None = None
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
        self._takeover: str | None = None
        self._previous_session: str | None = None
        self._next_claims_prune = 0.0
        self._written_marker: tuple[int, int] | None = None  # our last status file
        self.counters = {"heartbeats": 0, "commands": 0, "share_errors": 0, "rejected": 0}
        self.state = StationState(ctx.database, ctx.production)
        # What command handlers may use (utils/site/executor.py), not this service.
        self.command_context = CommandContext(
            station_id=self.station.station_id, session_id=self.session_id, clock=self.clock,
            effects=effects, state=self.state, production=ctx.production, paths=ctx.paths,
            catalog=lambda: ctx.catalog, settings=lambda: ctx.settings,
            issuer_session=self.issuer_session, apply_settings=self.apply_settings,
            publish_status=self.notify_state_changed, runtime=self._runtime,
            backup=lambda actor, reason: make_backup(ctx, actor=actor, reason=reason),
            verify_audit=ctx.verify_audit)

    def _runtime(self) -> Runtime:
        return Runtime(share_online=self.share_state().online,
                       rescan_interval_ms=int(self.rescan_interval_s * 1000),
                       restarts=dict(self.restarts), counters=dict(self.counters))

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        self._settle_interrupted()
        self._restore_local_state()
        self.ctx.changes.bus.subscribe(self._on_change)
        self._acks_pending.set()
        self._journal_dirty.set()
        try:
            self.layout.require_root()
            self._ensure_station()
            self.fs.sweep_temp_files(self.station.folder)
            self.fs.sweep_temp_files(self.station.inbox)
            self._write_birth()
        except OSError as exc:
            self._went_offline(exc)
        self._refresh_directory()  # know the site's users and members before any command
        self._check_standing()
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
        self.ctx.changes.bus.unsubscribe(self._on_change)
        for thread in (self._supervisor_thread, self._loop_thread):
            if thread is not None:
                thread.join(timeout=10)
        self._stop_observer()
        for pool in (self._executor, self._interactive):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        if self.refusal is not None:
            self.ctx.audit.checkpoint_now()  # locally; the station's files are not ours now
            return
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
        ctx.settings_holder.replace(new_settings)
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

    def _on_change(self, change: Change) -> None:
        """After every committed change (utils/changes.py): export it now (other PCs follow
        the journal within seconds); a record or the lot changed: publish status now too."""
        self._journal_dirty.set()
        if change.topic in (Topic.RECORDS, Topic.LOT):
            self._state_dirty.set()
        self._wake.set()

    def share_state(self) -> ShareState:
        with self._lock:
            return ShareState(self._online, self._offline_since, self._last_sync,
                              self.refusal_kind, self.journal_held is not None)

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

                # Never watch through a link: a linked inbox is refused (and quarantined by
                # the rescan). A swap between this check and the watch can only cause hints.
                self.fs.require_folder(self.station.inbox)
                observer = Observer()
                observer.schedule(_Hint(), str(self.station.inbox), recursive=False)
            observer.daemon = True
            observer.start()
            self._observer = observer
            # A watcher on a folder that was renamed or recreated keeps watching the old one:
            # the supervisor compares identities, not just thread liveness.
            self._watched_identity = self.fs.identity(self.station.inbox)
        except ShareRefused:
            self._observer = None  # logged once by the seam; the rescan carries on alone
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
                     and self.fs.identity(self.station.inbox) != self._watched_identity)
            if self.watch and now >= due["observer"] and (
                    self._observer is None or not self._observer.is_alive() or moved):
                if self.fs.identity(self.station.inbox) is not None:  # a real folder, no link
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
        if self.refusal is not None:
            # Not acting for the station: only keep reading the directory (it says when this
            # PC may act again, e.g. after a person confirmed a takeover).
            if now >= self._next_directory:
                self._refresh_directory()
                self._check_standing()
                self._next_directory = now + DIRECTORY_REFRESH_S
            return
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
        if now >= self._next_claims_prune:
            self._next_claims_prune = now + CLAIMS_PRUNE_S
            self.fs.sweep_temp_files(self.station.folder / "claims", older_than_s=CLAIM_KEEP_S,
                                     match=lambda name: name.endswith(".json"))
        if sweep or self._acks_pending.is_set():
            self._acks_pending.clear()
            self._flush_acks()
        if sweep or self._journal_dirty.is_set():
            self._journal_dirty.clear()
            self._export_journal()
        if now >= self._next_directory:
            self._refresh_directory()
            self._check_standing()
            try:
                self._refresh_catalog()
                self.lockout.publish()
                self.lockout.take()
            except OSError as exc:
                self._went_offline(exc)
            self._next_directory = now + DIRECTORY_REFRESH_S

    # -- this PC's standing in the site --------------------------------------------------------

    def _refresh_directory(self) -> None:
        try:
            self.directory.refresh()
        except OSError as exc:
            self._went_offline(exc)

    def _check_standing(self) -> None:
        """Act for the station only while this PC's key is the certified one and no other
        process runs with it (the lease: the station's signed status carries its session)."""
        problem = self.trust.membership_problem()
        kind = None if problem is None else REFUSAL_NOT_MEMBER
        if problem is None and self._online:
            problem, kind = self._lease_problem()
        if problem != self.refusal:
            if problem is not None:
                log.warning("Not acting for station %s: %s. Production continues locally.",
                            self.station.station_id, problem)
                self._written_marker = None  # from now on judged as a newcomer again
            else:
                log.info("Acting for station %s", self.station.station_id)
            self.refusal, self.refusal_kind = problem, kind
            if self.on_share_state:
                self.on_share_state(self.share_state())
        if problem is None and self._previous_session is None:
            self._previous_session = self._meta(LAST_SESSION_META_KEY) or ""
            self.set_meta(LAST_SESSION_META_KEY, self.session_id)

    def _lease_problem(self) -> tuple[str | None, str | None]:
        """Another process with this PC's key runs as the station (a copy of this PC), or
        ran last and nobody confirmed that this PC takes over from it: (why, REFUSAL_* kind),
        or (None, None)."""
        problem = self._lease_text()
        if problem is None:
            return None, None
        if problem.endswith(TAKEOVER_NEEDED):
            return problem, REFUSAL_TAKEOVER_UNCONFIRMED
        return problem, REFUSAL_COPY_RUNNING

    def _lease_text(self) -> str | None:
        result = read_json_file(self.station.status, max_bytes=256 * 1024, share=self.fs)
        status = result.document
        if result.state != ReadState.OK or not self.trust.pc_key.public.verify_document(status):
            return None  # nothing of ours there: nobody else runs with our key
        session = status.get("session_id")
        if session == self.session_id:
            return None
        running = (f"another PC runs as station {self.station.station_id} with this PC's "
                   f"key (host {status.get('host', '?')}, session {str(session)[:8]}); stop it "
                   "first")
        if self._written_marker is not None:
            return running  # we hold the station and someone wrote over our status
        if self._released(session):
            return None  # it stopped cleanly
        if _fresh(status, self.clock.now()):
            # Even this PC's own last session: one instance runs per PC, so a fresh status
            # of it now is a copy's (after a crash it turns stale within seconds).
            return running
        if session == self._meta(LAST_SESSION_META_KEY) or self._takeover is not None:
            return None  # this PC's own previous run, cut short
        return ("the station's last session on the share was not this PC's (a copy of "
                "this PC, or a restored backup, ran as it); " + TAKEOVER_NEEDED)

    def _released(self, session: Any) -> bool:
        """A death file of that session, signed with this PC's key: it stopped cleanly."""
        death = read_json_file(self.station.death, max_bytes=16 * 1024, share=self.fs).document
        return (self.trust.pc_key.public.verify_document(death) and isinstance(death, dict)
                and death.get("session_id") == session)

    def confirm_takeover(self, session: Session, reason: str) -> None:
        """A supervisor or admin confirms that this PC takes its station over from the copy
        that ran last (audited); the PC acts for the station from the next pass."""
        from models.validation import validate_reason

        require(session, Permission.COMMAND_SEND, self.ctx.changes,
                target=f"station.takeover:{self.station.station_id}")
        reason_text = validate_reason(reason)
        self.ctx.changes.record(session.actor, "station.takeover", entity="station",
                                entity_id=self.station.station_id, reason=reason_text,
                                after={"session_id": self.session_id})
        self._takeover = reason_text
        self._check_standing()
        self.wake()

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
            if self.journal_held is not None:
                self.journal_held = None
                self.notify_state_changed()
        except JournalNotOurs as exc:
            if self.journal_held != str(exc):
                self.journal_held = str(exc)
                log.warning("Journal of station %s held back: %s. Nothing on the share was "
                            "changed; find and stop the other copy of this PC, or restore "
                            "this PC from a backup (shopfloor restore)",
                            self.station.station_id, exc)
                self.notify_state_changed()
        except ShareRefused as exc:
            # A link or a hard-linked file among our journal segments: never appended to.
            # Moved aside (the entry itself), the writer starts over from what the share holds.
            self.journal.reset()
            if self._quarantine_refused(exc):
                self._journal_dirty.set()  # export again next pass, into a real segment
        except OSError as exc:
            self.journal.reset()
            self._went_offline(exc)

    def _journal_chain_started(self, folder: str, fork_seq: int, reason: str) -> None:
        """The writer publishes this PC's chain in a journal folder of its own (after a
        takeover or a restore): recorded in the chain itself, so every reader sees why."""
        self.ctx.changes.record(Actor.system(), "journal.chain_started", entity="journal",
                                entity_id=folder, after={
                                    "folder": folder, "after": reason, "fork_seq": fork_seq,
                                    "key_id": self.trust.key_id})

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
                self._ensure_station()
                self._write_birth()
            except OSError as exc:
                self._went_offline(exc)
                return
            if self.on_share_state:
                self.on_share_state(state)

    # -- files -------------------------------------------------------------------------------

    def _write_signed(self, path: Path, document: dict[str, Any]) -> None:
        self.fs.write_atomic(path, document_bytes(self.trust.sign(document)))

    def _ensure_station(self) -> None:
        """Make the station's folders. A link or a file where one of them belongs is moved to
        the quarantine (the entry itself, never followed) and the folder made again. Raises
        ShareRefused only when the station folder cannot be used at all; an inbox, acks or
        journal that stays refused is left out (logged once), the rest carries on."""
        for _attempt in range(8):
            try:
                self.station.ensure()
                return
            except ShareRefused as exc:
                if self._quarantine_refused(exc):
                    continue
                if exc.path in (self.station.inbox, self.station.acks, self.station.journal):
                    return
                raise

    def _quarantine_refused(self, exc: ShareRefused) -> bool:
        """Move a refused entry of this station's own folder to the quarantine; True if moved.
        Entries elsewhere (stations/ itself, another station's folder) are left alone."""
        own = self.station.folder
        if exc.path != own and own not in exc.path.parents:
            return False
        try:
            moved = quarantine(exc.path, self.layout.quarantine(self.station.station_id),
                               f"{exc.reason}, found on the share where this station keeps "
                               f"its files; moved aside unread, never followed", share=self.fs)
        except OSError as error:  # the quarantine folder itself may be refused: logged there
            if not isinstance(error, ShareRefused):
                log.warning("Could not move %s to the quarantine: %s", exc.path, error)
            return False
        return moved is not None

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
                "size": self.state.get(SIZE_META_KEY),
                "locked": self.ctx.production.locked_reason,
                "metrics": self.metrics.sample(), "last_results": results,
                "pending_commands": len(self._in_flight), "host": platform.node(),
                # The directory this PC holds, signed: a PC joining later refuses a share
                # whose directory is older than this (rolled back).
                "directory_head": [self.trust.state.head_seq, self.trust.state.head_hash],
                "journal_held": self.journal_held}

    def _heartbeat(self) -> None:
        try:
            self.layout.require_root()
            if not self._online:
                self._ensure_station()
            if self._status_replaced() and self._lease_problem() is not None:
                self._check_standing()
                return
            document = self.status_document()
            try:
                self._write_signed(self.station.status, document)
            except (FileNotFoundError, ShareRefused):
                # The station folder was removed, or replaced by a link (moved aside here).
                self._ensure_station()
                self._write_signed(self.station.status, document)
            self._written_marker = self._marker(self.station.status)
        except OSError as exc:
            self._went_offline(exc)
            return
        self.counters["heartbeats"] += 1
        self._came_back()

    def _marker(self, path: Path) -> tuple[int, int] | None:
        try:
            info = self.fs.lstat(path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def _status_replaced(self) -> bool:
        """The status file is no longer the one we wrote last (someone else wrote it)."""
        if self._written_marker is None:
            return False
        current = self._marker(self.station.status)
        return current is not None and current != self._written_marker

    # -- inbox -----------------------------------------------------------------------------------

    def _rescan_inbox(self) -> None:
        try:
            entries = list_json_files(self.station.inbox, limit=INBOX_BATCH,
                                      skip=self._undeletable | set(self._in_flight),
                                      share=self.fs, missing_ok=False)
        except ShareRefused as exc:
            # The inbox (or the station folder) is a link: nothing in it is read, moved or
            # deleted. Our own linked inbox is moved aside and a real one made.
            if self._quarantine_refused(exc):
                try:
                    self._ensure_station()
                except OSError as error:
                    self._went_offline(error)
            return
        except OSError as exc:
            self._went_offline(exc)
            return
        for stem in list(self._undeletable):  # the share may allow it now (rare: one call each)
            _remove(self.fs, self.station.inbox / f"{stem}.json", self._undeletable, stem)
        for entry in entries:
            stem = entry.name[:-5]
            if stem in self._in_flight:
                continue
            self._consider(Path(entry.path), stem)

    def _consider(self, path: Path, stem: str) -> None:
        result = read_json_file(path, max_bytes=COMMAND_MAX_BYTES, parse=_within_command_limits,
                                share=self.fs)
        if result.state in (ReadState.MISSING, ReadState.REFUSED):
            return  # gone, or the inbox itself is refused (handled by the rescan)
        if result.state in (ReadState.TOO_LARGE, ReadState.NOT_A_FILE, ReadState.BEYOND_LIMITS):
            prefix = {ReadState.TOO_LARGE: "file too large", ReadState.NOT_A_FILE: "file refused",
                      ReadState.BEYOND_LIMITS: "file beyond the limits"}[result.state]
            self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"{prefix}: {result.reason}",
                                                   None, stem if valid_command_id(stem) else None))
            return
        if result.state == ReadState.NOT_READY:
            if self._failures.failed(path):
                self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"unreadable: {result.reason}",
                                                       None, stem if valid_command_id(stem) else None))
            return
        decision = check_command(result.data, file_stem=stem,
                                 signature_problem=self.trust.check_person,
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
        """The issuer's role as the site directory says (never as the command file says)."""
        role = self.trust.role_of(username)
        if role is None:
            # A new admin may have been certified a moment ago: read the directory now
            # rather than reject a genuine command until the next periodic refresh.
            self._refresh_directory()
            role = self.trust.role_of(username)
        return role

    def _refuse_file(self, path: Path, stem: str, decision: Decision) -> None:
        """Rejected, expired or duplicate: audit, ack (unless one exists), take the file away."""
        self._failures.forget(path)
        self.counters["rejected"] += 1
        command_id = decision.command_id
        command = decision.command
        outcome = decision.outcome or Outcome.REJECTED
        now = self.clock.now()
        with self.ctx.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            # Every refused file is audited, a second copy of a forged one too; only the first
            # goes to the ledger (which is what gets it its one ack).
            if (command_id is not None and outcome != Outcome.DUPLICATE
                    and not commands_repo.ledger_has(tx.connection, command_id)):
                commands_repo.ledger_start(tx.connection, command_id,
                                           str(command.type) if command else "unknown",
                                           command.issued_by if command else None, now,
                                           status=str(outcome), reason=decision.reason)
                commands_repo.ledger_finish(tx.connection, command_id, str(outcome),
                                            decision.reason, None, now)
            self._audit(tx, Actor.system(), f"command.{outcome}", command_id, command,
                        decision.reason)
        moved = False
        if outcome == Outcome.REJECTED:  # kept as evidence, out of the inbox
            try:
                moved = quarantine(path, self.layout.quarantine(self.station.station_id),
                                   decision.reason, share=self.fs) is not None
            except OSError as exc:
                log.warning("Could not quarantine %s (%s); removing it instead", path.name, exc)
        if not moved:
            _remove(self.fs, path, self._undeletable, path.stem)
        self._flush_acks()
        self._remember({"id": command_id, "type": str(command.type) if command else None,
                        "status": str(outcome), "reason": decision.reason, "at": format_utc(now)})

    def _accept(self, path: Path, command: Command) -> None:
        now = self.clock.now()
        if not self._claim(command):
            self._refuse_file(path, path.stem, Decision(
                Outcome.DUPLICATE, "claimed by another session of this station", command,
                command.id))
            return
        with self.ctx.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            if commands_repo.ledger_has(tx.connection, command.id):  # raced with another rescan
                return
            commands_repo.ledger_start(tx.connection, command.id, str(command.type),
                                       command.issued_by, now)
            self._audit(tx, Actor(command.issued_by, str(command.role)),
                        "command.received", command.id, command, None)
        self.counters["commands"] += 1
        pool = self._interactive if command.type in INTERACTIVE else self._executor
        assert pool is not None
        future = pool.submit(self._run, command)
        self._in_flight[command.id] = future
        future.add_done_callback(lambda _f: self._done(command, path))

    def _claim(self, command: Command) -> bool:
        """Take the command for this session, write-once on the share, so that even two
        processes running with this PC's key (a copied PC, before the lease stops one) never
        both execute it. False when another session holds the claim."""
        folder = self.station.folder / "claims"
        path = folder / f"{command.id}.json"
        claim = self.trust.sign({"v": 2, "kind": "claim", "id": command.id,
                                 "station": self.station.station_id,
                                 "session_id": self.session_id})
        for _attempt in range(3):
            try:
                self.fs.mkdirs(folder)
                self.fs.create_once(path, document_bytes(claim), durable=False)
                return True
            except FileExistsError:
                existing = read_json_file(path, max_bytes=4096, share=self.fs).document
                if self.trust.pc_key.public.verify_document(existing) and isinstance(existing, dict):
                    return existing.get("session_id") in (self.session_id,
                                                          self._previous_session)
                if quarantine(path, self.layout.quarantine(self.station.station_id),
                              "a claim this station did not sign", share=self.fs) is None:
                    continue
            except OSError as exc:
                self._went_offline(exc)
                return False
        return False

    def _done(self, command: Command, path: Path) -> None:
        # First: a rescan must not see the file once it is out of _in_flight.
        _remove(self.fs, path, self._undeletable, command.id)
        self._in_flight.pop(command.id, None)
        self._wake.set()

    def _run(self, command: Command) -> None:
        try:
            outcome, reason, result = execute(self.command_context, command)
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
        with self.ctx.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            commands_repo.ledger_finish(tx.connection, command.id, str(outcome), reason, result,
                                        now, acked=acked)
            self._audit(tx, Actor(command.issued_by, str(command.role)),
                        f"command.{outcome}", command.id, command, reason)
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
        ack = make_ack(self.trust.pc_key, command_id=command_id, station_id=self.station.station_id,
                       outcome=outcome, reason=reason, result=result, finished_at=when,
                       command_type=command_type)
        path = self.station.acks / f"{command_id}.json"
        for _attempt in range(3):
            try:
                self.fs.create_once(path, document_bytes(ack))
                return True
            except FileExistsError:
                if self._existing_ack(command_id) is not None:
                    return True  # ours, written before a crash (or a stale cache): it stands
                # Someone else's file squats the name: it is no outcome of ours. Move it to
                # the quarantine (the admin sees it as an anomaly there) and write ours.
                try:
                    if quarantine(path, self.layout.quarantine(self.station.station_id),
                                  "an ack this station did not sign", share=self.fs) is None:
                        continue
                except OSError as exc:
                    self._went_offline(exc)
                    return False
            except ShareRefused as exc:  # the acks folder is a link: moved aside, retried later
                if self._quarantine_refused(exc):
                    try:
                        self._ensure_station()
                    except OSError as error:
                        log.warning("Acks folder not made again yet: %s", error)
                return False
            except OSError as exc:
                self._went_offline(exc)
                return False
        return False

    @staticmethod
    def _audit(tx: Transaction, actor: Actor, action: str, command_id: str | None,
               command: Command | None, reason: str | None) -> None:
        tx.audit(action, actor=actor, entity="command", entity_id=command_id,
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
            with self.ctx.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
                if ack is not None:
                    commands_repo.ledger_finish(tx.connection, row["command_id"], ack["status"],
                                                ack.get("reason") or "", ack.get("result"),
                                                self.clock.now(), acked=True)
                    self._audit(tx, Actor.system(), f"command.{ack['status']}",
                                row["command_id"], None,
                                f"{ack.get('reason') or ''} (recorded after a restart)".strip())
                else:
                    commands_repo.ledger_finish(tx.connection, row["command_id"], "failed",
                                                reason, None, self.clock.now())
                    self._audit(tx, Actor.system(), "command.failed", row["command_id"],
                                None, reason)

    def _existing_ack(self, command_id: str) -> dict[str, Any] | None:
        """A validly signed ack this station wrote before a crash, if the share has it."""
        result = read_json_file(self.station.acks / f"{command_id}.json",
                                max_bytes=ACK_RESULT_MAX * 2, share=self.fs)
        own = self.trust.pc_key.public
        if result.state == ReadState.OK and ack_problem(
                result.document, command_id=command_id, station_id=self.station.station_id,
                check_pc=lambda _station, doc: None if own.verify_document(doc) else "not ours") is None:
            return result.document
        return None

    # -- station state kept across restarts ----------------------------------------------------

    def _meta(self, key: str) -> str | None:
        return self.state.get(key)

    def set_meta(self, key: str, value: str | None) -> None:
        self.state.put(key, value)

    def _restore_local_state(self) -> None:
        self.state.restore()

    def issuer_session(self, command: Command) -> Session:
        """The person who sent the command, as a session for the services' permission checks."""
        with self.ctx.database.read() as connection:
            found = users_repo.get(connection, command.issued_by)
        full_name = found[0].full_name if found else command.issued_by
        return Session(command.issued_by, full_name, command.role, self.station.station_id,
                       self.clock.now(), False, command.id)


def _fresh(status: dict[str, Any], now: datetime) -> bool:
    """A status sent (by its own signed clock) within three intervals of ours."""
    try:
        sent = parse_utc(status["sent_at"])
        interval_s = max(float(status.get("interval_ms") or 1000) / 1000, 1.0)
    except (KeyError, TypeError, ValueError):
        return False
    return abs((now - sent).total_seconds()) <= 3 * interval_s + 2


def _within_command_limits(data: bytes) -> bytes:
    """Commands are checked whole by `check_command`; here only the bounds, so a command
    nested or sized to exhaust a parser is refused at once (never "not ready yet")."""
    check_limits(data, COMMAND_LIMITS)
    return data


def _remove(fs: ShareFS, path: Path, undeletable: set[str] | None = None,
            stem: str | None = None) -> None:
    """Take a processed command out of the inbox. If the share refuses, remember the name so
    the rescan skips it (and retries the removal) instead of reading it again every time."""
    undeletable = set() if undeletable is None else undeletable
    stem = path.stem if stem is None else stem
    try:
        fs.unlink(path)
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
