"""What the site view's follower tells (utils/site/view_follower.py): its phase, and how
current the view is (`ViewState`), for every tab's "how current" line, the panel and the CLI.
Apart from the follower's thread so that what only shows the state needs none of it.

How it fits: docs/architecture.md §3 (threads) and §4 (a box into every PC's site view)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Phase(StrEnum):
    STOPPED = "stopped"  # nobody needs the view now: it is as current as when it stopped
    CATCHING_UP = "catching_up"
    FOLLOWING = "following"
    OFFLINE = "offline"  # the share cannot be read; the view holds what it had


@dataclass(frozen=True)
class Broken:
    station: str
    seq: int
    kind: str
    detail: str


# A Broken's kind when taking a station's journal raised (a fault of the program, not of the
# journal: SiteView.station_stuck); the others are a chain check's (TamperKind).
NOT_STORED = "not stored"


@dataclass(frozen=True)
class ViewState:
    """How current the view is, for every tab's "how current" line and the CLI."""

    phase: Phase = Phase.STOPPED
    progress: float | None = None  # 0..1 while catching up
    complete_up_to: datetime | None = None  # every station's data up to here (catching up)
    checked_at: datetime | None = None  # every journal last read to its end at
    offline_since: datetime | None = None
    # Offline because the store refused its own listing of stations (on the shared folder:
    # `stations` is a link or a file), named here; nothing is read until a person fixes it.
    refused: str | None = None
    has_share: bool = True  # False: a PC outside a site (only its own chain)
    broken: tuple[Broken, ...] = field(default_factory=tuple)


__all__ = ["Broken", "NOT_STORED", "Phase", "ViewState"]
