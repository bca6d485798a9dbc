"""The sync service's threads: the loop that drives the parts (heartbeat, inbox, acks,
journal export, directory and catalog) at their intervals and at once when woken, the inbox
watcher that wakes it, and the supervisor that restarts a dead loop or watcher with backoff.
A part of the sync service (docs/architecture.md, "The sync service in parts")."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from utils.clock import Clock
from utils.site.command_ledger import CommandLedger
from utils.site.heartbeat import Heartbeat
from utils.site.inbox import Inbox
from utils.site.inotify_hints import make_observer
from utils.site.journal_export import JournalExport
from utils.site.ports import PlaceRefused, StationLink
from utils.site.share_health import ShareHealth
from utils.site.site_settings import SiteSettings
from utils.site.view_watch import Hint, stop_observer, written_events
from utils.trust.lockout_share import LockoutShare

log = logging.getLogger(__name__)

CLAIMS_PRUNE_S = 3600.0
CLAIM_KEEP_S = 2 * 86400.0  # longer than any command's validity (one day)
DIRECTORY_REFRESH_S = 5.0
SWEEP_INTERVAL_S = 5.0
WATCHED_RESCAN_S = 1.0
LOOP_STALL_S = 30.0
# After a failed pass (a bug, or this PC's database unreadable) the loop waits before the
# next: from the first wait, doubling, up to the longest. A pass failing at once every time
# would otherwise spin a core and write a traceback thousands of times a second.
FAILED_PASS_FIRST_WAIT_S = 0.1
FAILED_PASS_LONGEST_WAIT_S = 5.0
# How long the loop gathers committed changes before it exports them to the share: a burst
# (a command's received and finished events, boxes registered one after the other) becomes
# one journal append and one fsync on the share instead of one each, and the append no
# longer runs beside a command's own durable writes (its ack). Other PCs' views follow
# within seconds (issue 14's target: 2 s), so 0.2 s more is not seen.
EXPORT_GATHER_S = 0.2
# The same for the status a change of state asks for (a command run, a record, a login): a
# status costs a read of the production state, a signature and a durable replace, and right
# after a command it ran beside the admin reading the ack. Gathered, a burst publishes one
# status; the panel polls statuses every 0.5 s, and the ack already told it the outcome.
STATUS_GATHER_S = 0.2


class Gathering:
    """How long the loop still gathers a burst of one kind of change before acting on it.
    Real time, not the injected clock: it spaces system calls, like the loop's wait, and a
    test's hand-moved clock must not hold anything back for good."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._since: float | None = None  # when the burst began (time.monotonic)

    def left(self, pending: bool) -> float:
        """Seconds still to gather (0: act now); `pending`: is there something to act on."""
        if not pending:
            self._since = None  # acted on: the next change starts anew
            return 0.0
        now = time.monotonic()
        if self._since is None:
            self._since = now
        return max(0.0, self._since + self.seconds - now)


@dataclass(frozen=True)
class Parts:
    """What the loop drives, each part with its one job."""

    link: StationLink
    health: ShareHealth
    heartbeat: Heartbeat
    inbox: Inbox
    ledger: CommandLedger
    exporter: JournalExport
    site_settings: SiteSettings
    lockout: LockoutShare
    refresh_directory: Callable[[], None]
    check_standing: Callable[[], None]
    configured_rescan_ms: Callable[[], int | None]  # this PC's setting (None: the default)


class Scheduler:
    def __init__(self, parts: Parts, clock: Clock, *, watch: bool,
                 observer_factory: Callable[[], Any] | None, restarts: dict[str, int]):
        self.parts = parts
        self.clock = clock
        self.watch = watch
        self.observer_factory = observer_factory
        self.restarts = restarts
        self.stop_event = threading.Event()
        self.wake_event = threading.Event()
        self.state_dirty = threading.Event()  # publish the status at the next pass
        self.rescan_asked = threading.Event()  # list the inbox at the next pass
        self.loop_beat = 0.0
        self.stalled = False
        self.loop_thread: threading.Thread | None = None
        self.supervisor_thread: threading.Thread | None = None
        self.observer: Any = None
        self._watched_identity: tuple[int, int] | None = None
        self._next_heartbeat = 0.0
        self._next_rescan = 0.0
        self._next_directory = 0.0
        self._next_sweep = 0.0
        self._next_claims_prune = 0.0
        self._export_gathering = Gathering(EXPORT_GATHER_S)
        self._status_gathering = Gathering(STATUS_GATHER_S)

    # -- threads -------------------------------------------------------------------------------

    def start(self) -> None:
        self._start_loop()
        self.start_observer()
        self.supervisor_thread = threading.Thread(target=self._supervise,
                                                  name="shopfloor-supervisor", daemon=True)
        self.supervisor_thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.wake_event.set()

    def ask_rescan(self) -> None:
        """Something may be waiting in the inbox (the watcher saw a command arrive, a command
        finished, someone asked): list it at the next pass, now."""
        self.rescan_asked.set()
        self.wake_event.set()

    def join(self) -> None:
        for thread in (self.supervisor_thread, self.loop_thread):
            if thread is not None:
                thread.join(timeout=10)
        self.stop_observer()

    def _start_loop(self) -> None:
        self.loop_thread = threading.Thread(target=self._loop, name="shopfloor-sync", daemon=True)
        self.loop_thread.start()

    def start_observer(self) -> None:
        if not self.watch:
            return
        link = self.parts.link
        observer = None
        try:
            # A watcher on a folder that was renamed or recreated keeps watching the old one:
            # the supervisor compares identities, not just thread liveness. Read before the
            # watch is set: an inbox swapped in between then differs (a restart), never
            # matches the one that is not watched.
            identity = link.watch_identity()
            if self.observer_factory is not None:
                observer = self.observer_factory()
            else:
                folder = link.watch_folder()  # refused (PlaceRefused) when it is a link
                if folder is None:
                    # Nothing to watch (a network share, another transport): the rescan
                    # alone, and the supervisor has no watcher to restart.
                    self.watch = False
                    return
                observer = make_observer()
                # Only a command ready to read wakes the loop (commands are write-once: see
                # view_watch.written_events); its own reads and removals of commands would
                # wake it again for nothing (an extra inbox listing per command).
                observer.schedule(Hint(self.ask_rescan, ".json", write_once=True),
                                  str(folder), recursive=False,
                                  event_filter=written_events(write_once=True))
            observer.daemon = True
            observer.start()
            self.observer = observer
            self._watched_identity = identity
            self.ask_rescan()  # what arrived before the watch was set gave no hint
        except PlaceRefused:
            self.observer = None  # logged once by the seam; the rescan carries on alone
            # One made and not started holds its inotify descriptors: given back, or the
            # supervisor's retries would leak one set each time.
            stop_observer(observer, "Inbox watcher")
        except Exception as exc:  # no inotify, folder gone...: the rescan carries on alone
            log.warning("Inbox watcher not started (%s); relying on the rescan", exc)
            self.observer = None
            stop_observer(observer, "Inbox watcher")

    def stop_observer(self) -> None:
        observer, self.observer = self.observer, None
        stop_observer(observer, "Inbox watcher")

    def _supervise(self) -> None:
        link = self.parts.link
        backoff = {"loop": 0.5, "observer": 0.5}
        due = {"loop": 0.0, "observer": 0.0}
        while not self.stop_event.wait(0.5):
            now = self.clock.monotonic()
            if self.loop_thread is not None and not self.loop_thread.is_alive() and now >= due["loop"]:
                log.error("Sync loop died; restarting it")
                self.restarts["loop"] += 1
                self._start_loop()
                due["loop"], backoff["loop"] = now + backoff["loop"], min(backoff["loop"] * 2, 30)
            stall_s = max(LOOP_STALL_S, 5 * self.parts.site_settings.status_interval_s)
            if (self.loop_thread is not None and self.loop_thread.is_alive()
                    and self.loop_beat and now - self.loop_beat > stall_s and not self.stalled):
                self.stalled = True
                log.error("Sync loop has not come round for %.0f s (a blocked file-system call?)",
                          now - self.loop_beat)
            elif self.stalled and now - self.loop_beat < LOOP_STALL_S:
                self.stalled = False
            moved = (self.observer is not None and self._watched_identity is not None
                     and link.watch_identity() != self._watched_identity)
            if self.watch and now >= due["observer"] and (
                    self.observer is None or not self.observer.is_alive() or moved):
                if link.watch_identity() is not None:  # a real folder, no link
                    self.restarts["observer"] += 1
                    self.stop_observer()
                    self.start_observer()
                    log.info("Inbox watcher restarted")
                due["observer"] = now + backoff["observer"]
                backoff["observer"] = min(backoff["observer"] * 2, 30)
            elif self.observer is not None and self.observer.is_alive() and not moved:
                backoff["observer"] = 0.5  # healthy again: the next failure is retried quickly

    def _loop(self) -> None:
        exporter = self.parts.exporter
        failed = 0  # passes failed in a row
        while not self.stop_event.is_set():
            self.loop_beat = self.clock.monotonic()
            try:
                self.tick(gather=True)
            except Exception as exc:  # one bad iteration must not end syncing
                failed += 1
                if failed == 1:  # the traceback once; then a line now and then
                    log.exception("Sync loop iteration failed")
                elif failed % 100 == 0:
                    log.warning("Sync loop: %d passes failed in a row (the last: %s); "
                                "trying again every %.0f s", failed, exc,
                                FAILED_PASS_LONGEST_WAIT_S)
            else:
                if failed:
                    log.info("Sync loop: a pass succeeded again after %d failed", failed)
                failed = 0
            now = self.clock.monotonic()
            wait = max(0.0, min(self._next_heartbeat, self._next_rescan) - now)
            for gathering, flag in ((self._export_gathering, exporter.dirty),
                                    (self._status_gathering, self.state_dirty)):
                left = gathering.left(flag.is_set())
                if left > 0:
                    wait = min(wait, left)
            if failed:
                # The whole wait, whatever wakes the loop meanwhile (a flooded inbox or a
                # commit asks for a pass each time): only a stop ends it early.
                self.stop_event.wait(min(FAILED_PASS_LONGEST_WAIT_S,
                                         FAILED_PASS_FIRST_WAIT_S * 2 ** min(failed - 1, 16)))
                self.wake_event.clear()
                continue
            self.wake_event.wait(wait)
            self.wake_event.clear()

    # -- one pass ------------------------------------------------------------------------------

    def tick(self, *, gather: bool = False) -> None:
        """One pass of the loop (public so tests can drive it without threads). The loop
        (`gather`) holds the export and the status a change asks for back while it gathers a
        burst (`EXPORT_GATHER_S`, `STATUS_GATHER_S`); a pass driven by hand does both now."""
        parts = self.parts
        now = self.clock.monotonic()
        if parts.health.refusal is not None:
            # Not acting for the station: only keep reading the directory (it says when this
            # PC may act again, e.g. after a person confirmed a takeover).
            if now >= self._next_directory:
                parts.refresh_directory()
                parts.check_standing()
                self._next_directory = now + DIRECTORY_REFRESH_S
            return
        status_due = self._due(self.state_dirty, self._status_gathering, gather)
        if status_due or now >= self._next_heartbeat:
            self._acted_on(self.state_dirty, self._status_gathering)
            parts.heartbeat.beat()
            self._next_heartbeat = now + parts.site_settings.status_interval_s
        if not parts.health.online:
            # Nothing more to do until the share answers (the heartbeat tries it): the loop
            # waits an interval, not a pass after another (a rescan asked for stays asked).
            self._next_rescan = now + self.rescan_interval()
            return
        # Passes that other things wake (a commit, a status asked for) do not list the inbox:
        # a command's round trip woke about four passes, each listing it; one that arrives
        # asks for its own (the watcher), and the interval is the safety net.
        if not gather or self.rescan_asked.is_set() or now >= self._next_rescan:
            self.rescan_asked.clear()
            parts.inbox.rescan()
            self._next_rescan = now + self.rescan_interval()
        # Idle passes must cost next to nothing: database work only when something changed
        # (flags set after commits), plus a slow safety sweep for other processes' writes.
        sweep = now >= self._next_sweep
        if sweep:
            self._next_sweep = now + SWEEP_INTERVAL_S
        if now >= self._next_claims_prune:
            self._next_claims_prune = now + CLAIMS_PRUNE_S
            parts.link.prune_claims(older_than_s=CLAIM_KEEP_S)
        if sweep or parts.ledger.acks_pending.is_set():
            parts.ledger.acks_pending.clear()
            parts.ledger.flush_acks()
        if sweep or self._due(parts.exporter.dirty, self._export_gathering, gather):
            self._acted_on(parts.exporter.dirty, self._export_gathering)
            parts.exporter.export()
        if now >= self._next_directory:
            parts.refresh_directory()
            parts.check_standing()
            try:
                parts.site_settings.refresh_catalog()
                parts.lockout.publish()
                parts.lockout.take()
            except OSError as exc:
                parts.health.went_offline(exc)
            self._next_directory = now + DIRECTORY_REFRESH_S

    @staticmethod
    def _due(flag: threading.Event, gathering: Gathering, gather: bool) -> bool:
        """Is the change `flag` stands for to be acted on now? Asked at the moment of acting,
        not at the start of the pass: a command run inside this pass (the inbox's rescan)
        commits its changes there, and they wait for their burst like any other."""
        if not flag.is_set():
            return False
        return not gather or gathering.left(True) <= 0

    @staticmethod
    def _acted_on(flag: threading.Event, gathering: Gathering) -> None:
        flag.clear()
        gathering.left(False)  # the next change starts a burst anew

    def rescan_interval(self) -> float:
        """The configured interval; by default 50 ms on a local folder, but 1 s while the
        watcher is alive there (it wakes the loop at once; the rescan is only the safety net).
        On a network share the watcher sees nothing from other hosts: 500 ms."""
        rescan_s = self.parts.site_settings.rescan_interval_s
        if self.parts.configured_rescan_ms() is not None:
            return rescan_s
        watching = self.observer is not None and self.observer.is_alive()
        if watching and rescan_s < WATCHED_RESCAN_S:
            return WATCHED_RESCAN_S
        return rescan_s
