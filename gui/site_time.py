"""Times on screen in the site's time zone (AppContext.timezone), labelled with that zone where
someone could misread them: on a PC whose own zone shows another time of day, a bare "14:18"
would be taken for the PC's time."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from utils.clock import Clock
from utils.timezones import same_wall_clock, zone_label

from gui.zone_field import this_pc_zone


class SiteClock(Protocol):
    """The site's zone and clock: the AppContext, or a tab's SiteNow (gui/admin/site_now.py)."""

    @property
    def timezone(self) -> str: ...

    @property
    def clock(self) -> Clock: ...


def site_zone(ctx: SiteClock) -> ZoneInfo:
    return ZoneInfo(ctx.timezone)


def site_text(ctx: SiteClock, moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """`moment` (aware) as the site's wall clock shows it."""
    return moment.astimezone(site_zone(ctx)).strftime(fmt)


def zone_note(ctx: SiteClock, moment: datetime | None = None) -> str:
    """The site zone's short name when this PC's own zone shows another time ("UTC-03"),
    else "" (the times need no label)."""
    moment = moment or ctx.clock.now()
    if same_wall_clock(ctx.timezone, this_pc_zone(""), moment):
        return ""
    return zone_label(ctx.timezone, moment)


def with_zone(text: str, note: str) -> str:
    return f"{text} ({note})" if note else text
