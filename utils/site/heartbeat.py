"""This station's presence on the site: the birth file at start, a signed status every
interval and at once on a change (the heartbeat), the death file at a clean stop. A part of
the sync service (docs/architecture.md, "The sync service in parts"); each document is signed
here with this PC's key and published through the station's end of the live transport."""

from __future__ import annotations

import os
import platform
import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from config.constants import CommandType
from config.settings import Settings
from config.version import APP_VERSION
from models.canonical import format_utc
from utils.metrics import MetricsSampler
from utils.production import ProductionService
from utils.site.command_ledger import CommandLedger
from utils.site.effects import StationEffects
from utils.site.ports import Presence
from utils.site.share_health import ShareHealth
from utils.site.signed import document_bytes
from utils.site.standing import Standing
from utils.site.sync_part import SyncPart
from utils.site.station_state import SIZE_META_KEY, StationState


@dataclass(frozen=True, kw_only=True)
class StatusSources:
    """What a status reports, each from the part that knows it."""

    production: ProductionService  # the lot, and a lock
    effects: StationEffects  # who is logged in
    metrics: MetricsSampler  # CPU, memory and disk
    state: StationState  # the size in force
    ledger: CommandLedger  # the last commands' results


@dataclass(frozen=True, kw_only=True)
class ServiceAsked:
    """What the heartbeat asks the sync service at each status (the values change while it
    runs), and what it tells it."""

    settings: Callable[[], Settings]
    interval_s: Callable[[], float]
    pending_commands: Callable[[], int]
    came_back: Callable[[], None]  # a status was written after the share was away
    production_state: Callable[[], dict[str, Any] | None]


@dataclass(eq=False, repr=False, kw_only=True)
class Heartbeat(SyncPart):
    """What the sync service hands the heartbeat (utils/site/station_sync.py), and its count of
    statuses. One object: no equality or repr of its own."""

    sources: StatusSources
    service: ServiceAsked
    # Whether this PC may still act (a copy of it holding the lease stops it), and the
    # share's health (a failed write marks the share away; the journal held back is reported).
    standing: Standing
    health: ShareHealth
    station_id: str = field(init=False)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    _seq: int = field(init=False, default=0)
    # The birth of this run (or of a return of the share) is written by the first status
    # while this PC acts: a PC refused for its station (a copy of it runs) writes none.
    birth_due: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.station_id = self.link.station_id

    def _publish(self, kind: Presence, document: dict[str, Any]) -> None:
        self.link.publish(kind, document_bytes(self.trust.sign(document)))

    def write_birth(self) -> None:
        self._publish(Presence.BIRTH, {
            "kind": "birth", "station": self.station_id, "session_id": self.session_id,
            "version": APP_VERSION, "host": platform.node(), "pid": os.getpid(),
            "station_kind": self.service.settings().station_kind,
            "started_at": format_utc(self.clock.now()),
            "status_interval_ms": int(self.service.interval_s() * 1000),
            "capabilities": sorted(str(c) for c in CommandType)})

    def write_death(self, reason: str) -> None:
        self._publish(Presence.DEATH, {
            "kind": "death", "station": self.station_id, "session_id": self.session_id,
            "reason": reason, "at": format_utc(self.clock.now())})

    def status_document(self) -> dict[str, Any]:
        lot = self.sources.production.current_lot()
        user = self.sources.effects.current_user()
        with self._lock:
            self._seq += 1
            seq = self._seq
        results = self.sources.ledger.last_results()
        now = self.clock.now()
        return {"kind": "status", "station": self.station_id, "session_id": self.session_id,
                "seq": seq, "ts_ms": int(now.timestamp() * 1000), "sent_at": format_utc(now),
                "interval_ms": int(self.service.interval_s() * 1000), "version": APP_VERSION,
                "user": None if user is None else {"username": user[0], "role": user[1]},
                "lot": None if lot is None else {"code": lot.code, "current_box": lot.current_box,
                                                 "total_boxes": lot.total_boxes},
                "size": self.sources.state.get(SIZE_META_KEY),
                "locked": self.sources.production.locked_reason,
                "metrics": self.sources.metrics.sample(), "last_results": results,
                "pending_commands": self.service.pending_commands(), "host": platform.node(),
                # The directory this PC holds, signed: a PC joining later refuses a share
                # whose directory is older than this (rolled back).
                "directory_head": [self.trust.state.head_seq, self.trust.state.head_hash],
                "journal_held": self.health.journal_held,
                # Running, idle, break or down since when and why (utils/mes/downtime.py);
                # readers of an older version ignore it.
                "production": self.service.production_state()}

    def beat(self) -> None:
        """Write the status now (the share answering again is noticed here)."""
        try:
            self.link.check()
            if not self.health.online:
                self.link.open()
            # Our status replaced by one signed with this PC's key: a copy of this PC runs
            # (the standing check says so and this PC stops acting). Anything else in its
            # place (junk, another key's) is no lease: written over below, never obeyed.
            if self.standing.status_replaced() and self.standing.lease_problem()[0] is not None:
                self.standing.check()
                return
            # (A station folder removed, or replaced by a link, is made again by the link.)
            if self.birth_due:
                self.write_birth()
                self.birth_due = False
            self._publish(Presence.STATUS, self.status_document())
            self.standing.mark_written()
        except OSError as exc:
            self.health.went_offline(exc)
            return
        self.counters["heartbeats"] += 1
        self.service.came_back()
