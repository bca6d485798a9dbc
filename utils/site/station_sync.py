"""The station side of site sync: `SyncService`, the facade the GUI and the CLI use (start,
stop, tick, share_state, notify_state_changed, confirm_takeover, apply_settings).

It builds the parts, each with one job (docs/architecture.md, "The sync service in parts"):
`share_health` (online/offline, refusal, told to listeners), the station's end of the live
transport (`StationLink`: its presence, inbox, claims and acks), `station_state` (lock and size), `standing` (the lease: may
this PC act for its station), `heartbeat` (birth, status, death), `inbox` and
`command_ledger` (commands taken, run, acked, settled after a crash), `journal_export`,
`site_settings` (set_config and the catalog's intervals), and `scheduler` (the loop, the
inbox watcher and the supervisor). Command handlers get a `CommandContext`, not the service.

It speaks to the site only through the two ports (utils/site/ports.py): this station's end of
the live transport (presence, inbox, claims, acks) and the site store (the journal); the
composition root (`AppContext`) gives the shared folder's implementations of both.

The share may vanish at any moment: every share operation is guarded, the state becomes
"share offline (since ...)", status is not queued (the next heartbeat carries the latest
state), and production keeps writing to the local database.
"""

from __future__ import annotations

import logging
import uuid
from typing import TYPE_CHECKING, Any, Callable

from data import users_repo
from data.database import Database
from utils.auth import Session
from utils.changes import Change, Topic
from utils.clock import Clock, SystemClock
from utils.metrics import MetricsSampler
from utils.backup.snapshot import make_backup
from utils.site.command_context import CommandContext, Runtime
from utils.site.command_ledger import CommandLedger
from utils.site.commands import Command
from utils.site.effects import StationEffects
from utils.site.ports import LiveTransport, SiteStore, StationLink
from utils.site.scheduler import Parts, Scheduler
from utils.site.share_files import FailureCounter
from utils.site.share_health import ShareHealth, ShareState
from utils.site.heartbeat import Heartbeat, ServiceAsked, StatusSources
from utils.site.inbox import Inbox
from utils.site.journal_export import JournalExport
from utils.site.site_settings import SiteSettings
from utils.site.standing import Standing
from utils.site.station_state import StationState
from utils.trust.lockout_share import LockoutShare
from utils.trust.site_trust import SiteTrust

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

__all__ = ["SyncService", "session_of_issuer"]


class SyncService:
    def __init__(self, ctx: "AppContext", *, effects: StationEffects,
                 transport: LiveTransport | None = None, store: SiteStore | None = None,
                 trust: SiteTrust | None = None, clock: Clock | None = None, watch: bool = True,
                 observer_factory: Callable[[], Any] | None = None,
                 on_share_state: Callable[[ShareState], None] | None = None):
        """`transport` and `store`: the site's ports (by default the context's)."""
        self.ctx = ctx
        transport = transport or ctx.transport
        store = store or ctx.site_store
        if transport is None or store is None:
            raise ValueError("this PC is not in a site (no shared folder)")
        self.transport = transport
        self.store = store
        self.link: StationLink = transport.station(ctx.station_id)
        self.trust = trust or ctx.trust
        if self.trust is None:
            raise ValueError("this PC is not a certified member of a site")
        self.effects = effects
        self.clock = clock or ctx.clock or SystemClock()
        self.session_id = uuid.uuid4().hex
        self.directory = ctx.directory
        self.metrics = MetricsSampler(ctx.paths.data_dir)
        self.lockout = LockoutShare(store, self.trust, ctx.database, self.clock)
        # Office (admin) PCs keep the site view current all the time; a production PC only
        # while its admin panel is open (the panel asks the follower itself).
        self.follows_site = ctx.settings.station_kind == "office"
        self.restarts = {"loop": 0, "observer": 0}
        self.counters = {"heartbeats": 0, "commands": 0, "share_errors": 0, "rejected": 0}
        self.health = ShareHealth(self.clock, self.counters, on_share_state)
        self.state = StationState(ctx.database, ctx.production, ctx.changes, ctx.station_id)
        self.site_settings = SiteSettings(ctx, effects, transport.default_rescan_ms(),
                                          self.notify_state_changed)
        self.standing = Standing(link=self.link, trust=self.trust, clock=self.clock,
                                 state=self.state, health=self.health, changes=ctx.changes,
                                 session_id=self.session_id)
        self.exporter = JournalExport(database=ctx.database, anchor=ctx.anchor, store=store,
                                      station_id=ctx.station_id, trust=self.trust, changes=ctx.changes,
                                      health=self.health,
                                      stopping=lambda: self.scheduler.stop_event.is_set(),
                                      state_changed=self.notify_state_changed)
        self.journal = self.exporter.writer
        # What command handlers may use (utils/site/executor.py), not this service.
        self.command_context = CommandContext(
            station_id=ctx.station_id, session_id=self.session_id, clock=self.clock,
            effects=effects, state=self.state, production=ctx.production, paths=ctx.paths,
            catalog=lambda: ctx.catalog, settings=lambda: ctx.settings,
            issuer_session=self.issuer_session, apply_settings=self.apply_settings,
            publish_status=self.notify_state_changed, runtime=self._runtime,
            backup=lambda actor, reason: make_backup(ctx, actor=actor, reason=reason),
            verify_audit=ctx.verify_audit)
        self.ledger = CommandLedger(ctx.database, ctx.changes, self.clock, self.link, self.trust,
                                    lambda: self.health.online, self._went_offline)
        self.inbox = Inbox(link=self.link, trust=self.trust, clock=self.clock,
                           changes=ctx.changes, ledger=self.ledger, context=self.command_context,
                           failures=FailureCounter(clock=self.clock.monotonic),
                           counters=self.counters,
                           max_skew_s=lambda: ctx.settings.command_max_skew_s,
                           session_id=self.session_id,
                           previous_session=lambda: self.standing.previous_session,
                           refresh_directory=self._refresh_directory,
                           went_offline=self._went_offline, wake=self.wake,
                           state_changed=self.notify_state_changed)
        self.heartbeat = Heartbeat(
            link=self.link, trust=self.trust, clock=self.clock, session_id=self.session_id,
            counters=self.counters, standing=self.standing, health=self.health,
            sources=StatusSources(production=ctx.production, effects=effects,
                                  metrics=self.metrics, state=self.state, ledger=self.ledger),
            service=ServiceAsked(settings=lambda: ctx.settings,
                                 interval_s=lambda: self.site_settings.status_interval_s,
                                 pending_commands=lambda: len(self.inbox.in_flight),
                                 came_back=self._came_back,
                                 production_state=self._production_state))
        self.scheduler = Scheduler(Parts(
            link=self.link, health=self.health, heartbeat=self.heartbeat, inbox=self.inbox,
            ledger=self.ledger, exporter=self.exporter, site_settings=self.site_settings,
            lockout=self.lockout, refresh_directory=self._refresh_directory,
            check_standing=self.standing.check,
            configured_rescan_ms=lambda: ctx.settings.rescan_interval_ms),
            self.clock, watch=watch, observer_factory=observer_factory, restarts=self.restarts)
        self._wake = self.scheduler.wake_event

    def _runtime(self) -> Runtime:
        return Runtime(share_online=self.share_state().online,
                       rescan_interval_ms=int(self.site_settings.rescan_interval_s * 1000),
                       restarts=dict(self.restarts), counters=dict(self.counters))

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> None:
        self.ledger.settle_interrupted()
        self.state.restore()
        self.ctx.changes.bus.subscribe(self._on_change)
        self._reach_share(sweep=True)
        self._refresh_directory()  # know the site's users and members before any command
        self.standing.check()
        self.inbox.start_workers()
        self.scheduler.start()
        if self.follows_site:
            self.ctx.view_follower.acquire()

    def stop(self, reason: str = "clean exit") -> None:
        """Stop every thread; write the death file when the share is there."""
        if self.follows_site:
            self.ctx.view_follower.release()
        self.scheduler.stop()
        self.ctx.changes.bus.unsubscribe(self._on_change)
        self.scheduler.join()
        self.inbox.stop_workers()
        if self.refusal is not None:
            self.ctx.audit.checkpoint_now()  # locally; the station's files are not ours now
            return
        self.ledger.flush_acks()
        if self.health.online:
            self.ctx.audit.checkpoint_now()
            self.exporter.export()
        try:
            self.heartbeat.write_death(reason)
        except OSError as exc:
            log.warning("Could not write the death file (share offline?): %s", exc)

    def apply_settings(self, changes: dict[str, Any]) -> None:
        """Change this PC's settings now and keep them (set_config, a site catalog's intervals)."""
        self.site_settings.apply(changes)

    def notify_state_changed(self) -> None:
        """Login, logout, record saved, lot changed, lock: publish status soon (the loop gathers
        a burst into one status: scheduler.py, STATUS_GATHER_S)."""
        self.scheduler.state_dirty.set()
        self._wake.set()

    def wake(self) -> None:
        """Look at the inbox now (a command finished, a test dropped one)."""
        self.scheduler.ask_rescan()

    def _on_change(self, change: Change) -> None:
        """After every committed change (utils/changes.py): export it now (other PCs follow
        the journal within seconds); a record, the lot, the lock or the size, or a stop
        changed: publish status soon too."""
        self.exporter.dirty.set()
        if change.topic in (Topic.RECORDS, Topic.LOT, Topic.STATION, Topic.DOWNTIME):
            self.scheduler.state_dirty.set()
        self._wake.set()

    def share_state(self) -> ShareState:
        return self.health.state()

    @property
    def refusal(self) -> str | None:
        return self.health.refusal

    @property
    def journal_held(self) -> str | None:
        return self.health.journal_held

    @property
    def last_results(self) -> list[dict[str, Any]]:
        return self.ledger.last_results()

    def exported_up_to(self) -> int | None:
        """The last of this PC's events its journal on the share holds; None while that is not
        known yet (before the first look at the share)."""
        journal = self.journal
        return journal.last_exported_seq if journal.position_known else None

    # -- the scheduler ------------------------------------------------------------------------

    def tick(self) -> None:
        """One pass of the loop (public so tests can drive it without threads)."""
        self.scheduler.tick()

    @property
    def stalled(self) -> bool:
        return self.scheduler.stalled

    # -- this PC's standing in the site --------------------------------------------------------

    def _refresh_directory(self) -> None:
        try:
            self.directory.refresh()
        except OSError as exc:
            self._went_offline(exc)

    def confirm_takeover(self, session: Session, reason: str) -> None:
        """A supervisor or admin confirms that this PC takes its station over from the copy
        that ran last (audited); the PC acts for the station from the next pass."""
        self.standing.confirm_takeover(session, reason)
        self.wake()

    # -- share state ---------------------------------------------------------------------------

    def _went_offline(self, exc: BaseException) -> None:
        self.health.went_offline(exc)

    def _came_back(self) -> None:
        state = self.health.came_back()
        if state is not None:
            log.info("Share back online; resuming")
            self.journal.reset()
            if self._reach_share(sweep=False):
                self.health.announce(state)

    def _reach_share(self, *, sweep: bool) -> bool:
        """The share is there (at start, or back after an outage): acks and the journal are due
        again, the station's folders are checked and opened (at start swept of what a crash
        left), and a birth file is due (written with the first status while this PC acts for the
        station: a copy refused writes none). False when the share failed meanwhile
        (offline again)."""
        self.ledger.acks_pending.set()
        self.exporter.dirty.set()
        try:
            self.link.check()
            self.link.open()
            if sweep:
                self.link.sweep()
            self.heartbeat.birth_due = True  # written with the first status while acting
        except OSError as exc:
            self._went_offline(exc)
            return False
        return True

    # -- presence and state kept across restarts ----------------------------------------------

    def status_document(self) -> dict[str, Any]:
        return self.heartbeat.status_document()

    def _production_state(self) -> dict[str, Any] | None:
        """The station's running / idle / break / down state for its status (a station PC
        only: an office PC produces nothing)."""
        if self.ctx.settings.station_kind != "production":
            return None
        return self.ctx.downtime.state(self.clock.now()).document()

    def issuer_session(self, command: Command) -> Session:
        return session_of_issuer(self.ctx.database, self.ctx.station_id, self.clock, command)


def session_of_issuer(database: Database, station_id: str, clock: Clock,
                      command: Command) -> Session:
    """The person who sent the command, as a session for the services' permission checks
    (a station's `CommandContext.issuer_session`: the sync service's, a demo station's)."""
    with database.read() as connection:
        found = users_repo.get(connection, command.issued_by)
    full_name = found[0].full_name if found else command.issued_by
    return Session(command.issued_by, full_name, command.role, station_id,
                   clock.now(), False, command.id)
