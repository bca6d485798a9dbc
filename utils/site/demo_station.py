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

The station takes no commands (nobody is at a simulated station): the fleet shows them sent,
and they time out.
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
from config.settings import Settings
from data.database import Database
from utils.audit.chain import AuditLog
from utils.auth_types import Session
from utils.changes import Changes
from utils.clock import Clock
from utils.mes.downtime import DowntimeService
from utils.metrics import MetricsSampler
from utils.production import ProductionService
from utils.site.command_ledger import CommandLedger
from utils.site.demo_pace import NextBox, next_box, station_pace
from utils.site.effects import HeadlessEffects
from utils.site.heartbeat import Heartbeat, ServiceAsked, StatusSources
from utils.site.journal import JournalWriter
from utils.site.ports import StationLink
from utils.site.share_health import ShareHealth
from utils.site.standing import Standing
from utils.site.station_state import StationState
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
                 settings: Settings, metrics: MetricsSampler, rng: random.Random):
        self.parts, self.plan = parts, plan
        self.station_id = parts.station_id
        self.catalog, self.clock, self.zone, self.rng = catalog, clock, plan.timezone, rng
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
        self.health = ShareHealth(clock, {"share_errors": 0})
        self.heartbeat = self._heartbeat(settings, metrics)

    def _heartbeat(self, settings: Settings, metrics: MetricsSampler) -> Heartbeat:
        parts, session_id = self.parts, uuid.uuid4().hex
        state = StationState(parts.database, self.production)
        self.standing = Standing(link=parts.link, trust=parts.trust, clock=self.clock,
                                 state=state, health=self.health, changes=self.changes,
                                 session_id=session_id)
        ledger = CommandLedger(parts.database, self.changes, self.clock, parts.link, parts.trust,
                               lambda: self.health.online, self.health.went_offline)
        return Heartbeat(
            link=parts.link, trust=parts.trust, clock=self.clock, session_id=session_id,
            counters={"heartbeats": 0}, standing=self.standing, health=self.health,
            sources=StatusSources(production=self.production,
                                  effects=OnShift(self.station_id, self.zone, self.clock),
                                  metrics=metrics, state=state, ledger=ledger),
            service=ServiceAsked(settings=lambda: settings, interval_s=lambda: self.interval_s,
                                 pending_commands=lambda: 0, came_back=self._came_back,
                                 production_state=self._production_state))

    # -- presence ------------------------------------------------------------------------------

    def appear(self) -> None:
        """As the sync service starts: the site's directory read, the station's folder opened,
        its standing checked; the birth goes with the first status."""
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
        """The death file of this session, when it acts for the station and the share is there."""
        if self.health.refusal is not None or not self.health.online:
            return
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
        """What is due by now: the operator's declared stop, the next box, the station's stop
        rule; the journal exported. Returns the boxes registered (0 or 1). Nothing while
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
        if now >= self.next.at:
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
        drawn = synthetic_record(self.rng, self.profile, self.station_id, self.size, 0.0,
                                 operator.username, "-", 1, now, self.production.zone, 1.0)
        form: dict[str, Any] = {"size": self.size, "cam_d": drawn.cam_d, "cam_w": drawn.cam_w}
        for number, rejection in enumerate(drawn.rejections, start=1):
            form[f"rej{number}_defect"] = rejection.defect
            form[f"rej{number}_location"] = rejection.location
        record = self.production.register_box(operator, form)
        if self.rng.random() < CORRECTED:  # a supervisor's signed correction, now
            _when, actor, action, fields = later_change(self.rng, self.plan, record, now,
                                                        self.station_id)
            with self.parts.database.write() as connection:
                self.parts.audit.append(connection, actor, action, **fields)

