"""One simulated station of `shopfloor demo` at work while the demo runs, through the product's
own services on the station's own database (the one its history was made in):

- its boxes by `ProductionService.register_box` (its lot by `set_lot`), at the station's pace
  under the catalog's ideal rate (utils/site/demo_pace.py), in working time only;
- its stops by the station's `DowntimeService`: opened by its rule after the catalog's minutes
  without a box, or declared by the operator with a reason, and closed by the next box;
- its journal by the `JournalWriter`, sealed with the station's PC key;
- its presence by the sync service's `Heartbeat` on the station's end of the live transport:
  the birth, a status at the product's interval (who is on shift, the lot and box, running
  or down) and the death at a clean stop, each signed with the station's PC key, which the
  site's directory certifies (`certify_plant`). The office PC's fleet monitor reads them from
  the share as it reads any station's; its `Standing` keeps a second demo of the same folder
  from writing over the first one's stations.

- its commands by the product's own inbox (`Inbox`: `check_command`, the claim, the
  `CommandLedger`, the executor on the inbox's workers) with a `CommandContext` of the
  station's own parts; what needs a person is `OnShift`'s, headless (a message is logged, read
  by nobody). A lock stops its boxes (production refuses them) and shows in its status, as a
  lot or a size set does; `set_config` changes the station's settings for this run only (it has
  no settings file); `backup_now` is refused (a demo station keeps no backups); `close_app`
  and `restart_app` are done by the live plant (utils/site/demo.py): the station leaves (its
  death file), and a restarted one comes back with a new session.
"""

from __future__ import annotations

import logging
import random
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from config.catalog import Catalog
from config.constants import Role
from config.paths import AppPaths
from config.settings import Settings
from data.database import Database
from utils.audit.chain import AuditLog
from utils.audit.database_verify import verify_database
from utils.audit.keys import KeyRing
from utils.audit.verify import VerifyResult
from utils.auth_types import Session
from utils.backup.snapshot import BackupFailed, MadeBackup
from utils.changes import Changes
from utils.clock import Clock
from utils.mes.downtime import DowntimeService
from utils.metrics import MetricsSampler
from utils.production import ProductionService
from utils.site.command_context import CommandContext, Runtime
from utils.site.command_ledger import CommandLedger
from utils.site.commands import Command
from utils.site.demo_pace import NextBox, next_box, station_pace
from utils.site.effects import HeadlessEffects
from utils.site.heartbeat import Heartbeat, ServiceAsked, StatusSources
from utils.site.inbox import Inbox
from utils.site.journal import JournalWriter
from utils.site.ports import StationLink
from utils.site.share_files import FailureCounter
from utils.site.share_health import ShareHealth
from utils.site.standing import Standing
from utils.site.station_state import StationState
from utils.site.station_sync import session_of_issuer
from utils.site.synthetic import (
    LOT_BOXES, PlantPlan, later_change, shift_operator, station_profile, synthetic_record,
)
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)

CORRECTED = 0.02  # share of live boxes a supervisor corrects (or voids) later


@dataclass(frozen=True)
class StationServices:
    """What the station's DowntimeService asks of its PC (an AppContext's fields)."""

    station_id: str
    clock: Clock
    database: Database
    catalog: Catalog
    changes: Changes
    timezone: str
    settings: Settings
    trust: SiteTrust


class OnShift(HeadlessEffects):
    """Nobody is at a simulated station's screen; its shift's operator is logged in."""

    def __init__(self, station_id: str, zone: str, clock: Clock):
        super().__init__()
        self.station_id, self.zone, self.clock = station_id, zone, clock

    def current_user(self) -> tuple[str, str] | None:
        actor = shift_operator(self.station_id, self.clock.now(), self.zone)
        return (actor.user or "", actor.role)

    def show_message(self, command: Command) -> dict[str, Any]:
        return {**super().show_message(command), "note": "demo station: logged, read by nobody"}

    def force_logout(self, command: Command) -> dict[str, Any]:
        return {"logged_out": None, "note": "demo station: its shift's operator stays on"}


@dataclass(frozen=True)
class StationPaths(AppPaths):
    """A simulated station's files: its own database (named by the demo), the demo process's
    log (a `get_logs` reads what its stations logged), no settings of its own."""

    database: Path = Path()

    @property
    def database_file(self) -> Path:
        return self.database


class SharedMetrics(MetricsSampler):
    """This PC's CPU, memory and disk, which its simulated stations report: sampled once an
    interval for all of them (CPU is measured between two samples: fourteen samples a moment
    apart would read 0 or 100 %)."""

    def __init__(self, disk_path: Path, clock: Clock, every_s: float):
        super().__init__(disk_path)
        self.clock, self.every_s = clock, every_s
        self._lock = threading.Lock()
        self._last: tuple[float, dict[str, Any]] | None = None

    def sample(self) -> dict[str, Any]:
        with self._lock:
            now = self.clock.monotonic()
            if self._last is None or now - self._last[0] >= self.every_s:
                self._last = (now, super().sample())
            return self._last[1]


@dataclass(frozen=True)
class Plumbing:
    """A simulated station's own database, chain and journal writer, and its end of the live
    transport and trust (its PC key, the site's directory)."""

    station_id: str
    database: Database
    audit: AuditLog
    writer: JournalWriter
    link: StationLink
    trust: SiteTrust


class SimulatedStation:
    def __init__(self, parts: Plumbing, plan: PlantPlan, *, catalog: Catalog, clock: Clock,
                 settings: Settings, metrics: MetricsSampler, rng: random.Random,
                 paths: StationPaths, rescan_s: float):
        self.parts, self.plan = parts, plan
        self.station_id = parts.station_id
        self.catalog, self.clock, self.zone, self.rng = catalog, clock, plan.timezone, rng
        self.settings, self.paths, self.rescan_s = settings, paths, rescan_s
        self.interval_s = settings.status_interval_ms / 1000  # the product's interval
        self.changes = Changes(parts.database, parts.audit)
        self.production = ProductionService(self.changes, catalog, station_id=self.station_id,
                                            timezone=self.zone, clock=clock)
        self.downtime = DowntimeService(StationServices(
            self.station_id, clock, parts.database, catalog, self.changes, self.zone, settings,
            parts.trust))
        machine = catalog.machine(self.station_id)
        self.size = machine.size if machine else catalog.sizes[0]
        # The station's CAM levels and defects, as its history drew them.
        self.profile = station_profile(random.Random(f"{plan.seed}:{self.station_id}"), catalog)
        self.pace = station_pace(rng, catalog.downtime, self.size)
        # Its machine was at work before the demo opened: its next box comes within a cycle.
        cycle = self.pace.ideal_s / self.pace.speed
        self.next: NextBox = self._after(clock.now() - timedelta(seconds=rng.uniform(0, cycle)))
        self.next_beat: float | None = None
        self.counters = {"heartbeats": 0, "commands": 0, "share_errors": 0, "rejected": 0}
        self.health = ShareHealth(clock, self.counters)
        self.session_id = uuid.uuid4().hex
        self.state = StationState(parts.database, self.production, self.changes,
                                  self.station_id)
        self.effects = OnShift(self.station_id, self.zone, clock)
        self.standing = Standing(link=parts.link, trust=parts.trust, clock=clock,
                                 state=self.state, health=self.health, changes=self.changes,
                                 session_id=self.session_id)
        self.ledger = CommandLedger(parts.database, self.changes, clock, parts.link, parts.trust,
                                    lambda: self.health.online, self.health.went_offline)
        self.inbox = self._inbox()
        self.heartbeat = self._heartbeat(metrics)

    def _heartbeat(self, metrics: MetricsSampler) -> Heartbeat:
        parts = self.parts
        return Heartbeat(
            link=parts.link, trust=parts.trust, clock=self.clock, session_id=self.session_id,
            counters=self.counters, standing=self.standing, health=self.health,
            sources=StatusSources(production=self.production, effects=self.effects,
                                  metrics=metrics, state=self.state, ledger=self.ledger),
            service=ServiceAsked(settings=lambda: self.settings,
                                 interval_s=lambda: self.interval_s,
                                 pending_commands=lambda: len(self.inbox.in_flight),
                                 came_back=self._came_back,
                                 production_state=self._production_state))

    # -- commands ------------------------------------------------------------------------------

    def _inbox(self) -> Inbox:
        """The product's inbox on the station's end of the live transport; its handlers see
        a `CommandContext` of the station's own parts (utils/site/executor.py)."""
        parts, clock = self.parts, self.clock
        context = CommandContext(
            station_id=self.station_id, session_id=self.session_id, clock=clock,
            effects=self.effects, state=self.state, production=self.production,
            paths=self.paths, catalog=lambda: self.catalog, settings=lambda: self.settings,
            issuer_session=lambda command: session_of_issuer(parts.database, self.station_id,
                                                             clock, command),
            apply_settings=self._apply_settings, publish_status=self.publish_status,
            runtime=self._runtime, backup=self._no_backup, verify_audit=self._verify_audit)
        return Inbox(link=parts.link, trust=parts.trust, clock=clock, changes=self.changes,
                     ledger=self.ledger, context=context,
                     failures=FailureCounter(clock=clock.monotonic), counters=self.counters,
                     max_skew_s=lambda: self.settings.command_max_skew_s,
                     session_id=self.session_id,
                     previous_session=lambda: self.standing.previous_session,
                     refresh_directory=self._refresh_directory,
                     went_offline=self.health.went_offline,
                     wake=lambda: None,  # the live plant lists the inbox at every step anyway
                     state_changed=self.publish_status)

    def take_commands(self) -> None:
        """One pass over the inbox (its commands run on its workers), and the acks the share
        did not take before; nothing while another process acts for the station."""
        if self.health.refusal is not None or not self.health.online:
            return
        self.inbox.rescan()
        if self.ledger.acks_pending.is_set():
            self.ledger.acks_pending.clear()
            self.ledger.flush_acks()

    def publish_status(self) -> None:
        """A status at the plant's next step (a lock, a lot set by a command)."""
        self.next_beat = None

    def _apply_settings(self, changes: dict[str, Any]) -> None:
        """`set_config`: checked as the product checks it, in force for this run of the demo."""
        self.settings = self.settings.with_changes(**changes)
        self.interval_s = self.settings.status_interval_ms / 1000
        self.publish_status()

    def _runtime(self) -> Runtime:
        return Runtime(share_online=self.health.online,
                       rescan_interval_ms=int(self.rescan_s * 1000), restarts={},
                       counters=dict(self.counters))

    def _no_backup(self, _actor: object, _reason: str) -> MadeBackup:
        raise BackupFailed(f"demo station {self.station_id} keeps no backups (its data is "
                           f"synthetic); nothing was written")

    def _verify_audit(self) -> list[VerifyResult]:
        audit = self.parts.audit
        return verify_database(self.parts.database, anchor=audit.anchor,
                               keyring=KeyRing(audit.key), home=self.station_id)

    def _refresh_directory(self) -> None:
        try:
            self.parts.trust.directory.refresh()
        except OSError as exc:
            self.health.went_offline(exc)

    # -- presence ------------------------------------------------------------------------------

    def appear(self) -> None:
        """As the sync service starts: commands a crash cut off settled, the lock restored,
        the site's directory read, the station's folder opened, its standing checked, the
        inbox's workers started; the birth goes with the first status."""
        self.ledger.settle_interrupted()
        self.state.restore()
        self.inbox.start_workers()
        try:
            self.parts.trust.directory.refresh()
            self.parts.link.check()
            self.parts.link.open()
            self.heartbeat.birth_due = True
        except OSError as exc:
            self.health.went_offline(exc)
        self.standing.check()
        if self.health.refusal is None:  # the first status shows the lot under way
            now = self.clock.now()
            self._lot(self._operator(now), now)

    def beat(self) -> None:
        """A status when one is due (never while another process acts for the station)."""
        now = self.clock.monotonic()
        if self.next_beat is not None and now < self.next_beat:
            return
        self.next_beat = now + self.interval_s
        if self.health.refusal is not None:
            self.standing.check()  # as the sync service does: a copy that stopped frees it
        if self.health.refusal is None:
            self.heartbeat.beat()

    def leave(self, reason: str) -> None:
        """The inbox's workers stopped (a command running ends and is acked), then the acks
        still owed and the death file of this session, when it acts for the station and the
        share is there."""
        self.inbox.stop_workers()
        if self.health.refusal is not None or not self.health.online:
            return
        self.ledger.flush_acks()
        try:
            self.heartbeat.write_death(reason)
        except OSError as exc:
            log.warning("Demo station %s: its death file could not be written: %s",
                        self.station_id, exc)

    def _came_back(self) -> None:
        self.health.came_back()

    def _production_state(self) -> dict[str, Any] | None:
        return self.downtime.state(self.clock.now()).document()

    # -- work ----------------------------------------------------------------------------------

    def work(self) -> int:
        """What is due by now: the operator's declared stop, the next box (none while
        locked), the station's stop rule; the journal exported. Returns the boxes registered (0 or 1). Nothing while
        another process acts for the station (a second demo of the same folder)."""
        if self.health.refusal is not None:
            return 0
        now = self.clock.now()
        operator = self._operator(now)
        stop = self.next.stop
        if stop is not None and stop.declared_at is not None and now >= stop.declared_at:
            if self.downtime.open_stop() is None:
                self.downtime.declare(operator, stop.reason)
            self.next = NextBox(self.next.at)  # declared: the next box ends it
        boxes = 0
        # Locked by a command, no box can be entered (production refuses it): the station's
        # stop rule opens a stop in time, and the first box after the unlock ends it.
        if now >= self.next.at and self.production.locked_reason is None:
            self._register(operator, now)
            # The pace goes on from when the box was due; after a pause of the demo (a PC
            # asleep), from now: the time it did not run is not made up.
            late = (now - self.next.at).total_seconds() > self.pace.ideal_s
            self.next, boxes = self._after(now if late else self.next.at), 1
        self.downtime.tick(now)
        while self.parts.writer.sync():
            pass
        return boxes

    def _after(self, last: datetime) -> NextBox:
        settings = self.catalog.downtime
        return next_box(self.rng, self.pace, last, self.zone, settings.breaks,
                        tuple(settings.reasons[:4]))

    def _operator(self, now: datetime) -> Session:
        actor = shift_operator(self.station_id, now, self.zone)
        username = actor.user or ""
        return Session(username=username, full_name=f"Operator {username}", role=Role.OPERATOR,
                       station=self.station_id, started_at=now)

    def _lot(self, operator: Session, now: datetime) -> None:
        """The operator sets a new lot when none is going on (at start, or a lot complete)."""
        lot = self.production.current_lot()
        if lot is None or not lot.can_register:
            local = now.astimezone(self.production.zone)
            self.production.set_lot(operator, f"L{self.station_id}-{local:%y%m%d-%H%M}",
                                    LOT_BOXES)

    def _register(self, operator: Session, now: datetime) -> None:
        self._lot(operator, now)
        size = self.state.size() or self.size  # a size set by a command, as a station's form
        drawn = synthetic_record(self.rng, self.profile, self.station_id, size, 0.0,
                                 operator.username, "-", 1, now, self.production.zone, 1.0)
        form: dict[str, Any] = {"size": size, "cam_d": drawn.cam_d, "cam_w": drawn.cam_w}
        for number, rejection in enumerate(drawn.rejections, start=1):
            form[f"rej{number}_defect"] = rejection.defect
            form[f"rej{number}_location"] = rejection.location
        record = self.production.register_box(operator, form)
        if self.rng.random() < CORRECTED:  # a supervisor's signed correction, now
            _when, actor, action, fields = later_change(self.rng, self.plan, record, now,
                                                        self.station_id)
            with self.parts.database.write() as connection:
                self.parts.audit.append(connection, actor, action, **fields)

