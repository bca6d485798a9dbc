"""The site's downtime and OEE settings (part of the site catalog): stop reason codes, per size
the minutes without a box that open an unqualified stop and the ideal rate, and the planned
breaks of the shift plan (local times, every day), which are never downtime."""

from __future__ import annotations

from dataclasses import dataclass, field

# The reason codes of issue 15; a site may rename none of them (screens translate them) but may
# add its own after them.
DEFAULT_REASONS: tuple[str, ...] = ("setup", "material", "maintenance", "quality",
                                    "no_operator", "other")
UNQUALIFIED = ""  # a stop nobody has classified yet


@dataclass(frozen=True)
class SizeRate:
    """For one size: boxes per hour at the ideal rate, and the minutes without a box after which
    the station opens an unqualified stop."""

    size: str
    ideal_boxes_per_hour: float
    stop_after_minutes: int


@dataclass(frozen=True)
class PlannedBreak:
    """A break of the shift plan: starts at `start` (local "HH:MM") every day, `minutes` long
    (it may run past midnight or past a shift's end)."""

    start: str
    minutes: int

    @property
    def start_minute(self) -> int:
        hours, minutes = self.start.split(":")
        return int(hours) * 60 + int(minutes)


DEFAULT_STOP_AFTER_MINUTES = 15
DEFAULT_IDEAL_BOXES_PER_HOUR = 12.0
DEFAULT_BREAKS: tuple[PlannedBreak, ...] = (
    PlannedBreak("10:00", 30), PlannedBreak("18:00", 30), PlannedBreak("02:00", 30))


@dataclass(frozen=True)
class DowntimeSettings:
    reasons: tuple[str, ...] = DEFAULT_REASONS
    rates: tuple[SizeRate, ...] = ()  # sizes not named use the defaults below
    breaks: tuple[PlannedBreak, ...] = field(default=DEFAULT_BREAKS)
    default_stop_after_minutes: int = DEFAULT_STOP_AFTER_MINUTES
    default_ideal_boxes_per_hour: float = DEFAULT_IDEAL_BOXES_PER_HOUR

    def rate(self, size: str | None) -> SizeRate:
        found = next((r for r in self.rates if r.size == size), None)
        return found or SizeRate(size or "", self.default_ideal_boxes_per_hour,
                                 self.default_stop_after_minutes)

    def ideal_seconds(self, size: str | None) -> float:
        """Seconds one box takes at the ideal rate of its size."""
        return 3600.0 / self.rate(size).ideal_boxes_per_hour
