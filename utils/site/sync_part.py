"""What every part of the sync service acts with (docs/architecture.md §6, "The sync service
in parts"): the station's end of the live transport, this PC's trust in the site, the clock,
this run's session id and the service's counters. The parts that are dataclasses (the
heartbeat, the inbox) take these fields from here, so they are declared once."""

from __future__ import annotations

from dataclasses import dataclass

from utils.clock import Clock
from utils.site.ports import StationLink
from utils.trust.site_trust import SiteTrust


@dataclass(eq=False, repr=False, kw_only=True)
class SyncPart:
    link: StationLink
    trust: SiteTrust
    clock: Clock
    session_id: str
    counters: dict[str, int]
