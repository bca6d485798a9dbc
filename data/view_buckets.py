"""Time buckets of the site view's aggregates: local hours, days, weeks (from Monday), months
and years of the site's time zone, each named by the UTC instant it starts at (canonical text, so
text order is time order).

`Buckets.of` maps a record's time to the dashboard's hour, day, month and year buckets and
`Buckets.insight_of` to the Insights' hour, day, week, month, year and shift (both cached per UTC
quarter hour: every UTC offset in use is a multiple of 15 minutes and every shift starts on a
quarter hour, so a quarter hour lies in one local hour and one shift). `Buckets.cover` splits
a time range into whole years and months (or weeks), days and hours of aggregates plus the
partial hours at its ends, which are read from the records themselves.

Years serve the Insights' shifts, boxes per defect and rejections per defect and location over
long ranges (a year of a 200-station plant: ten thousand year rows of rejections against sixty
thousand month rows); weeks serve the Insights' week figures (data/view_insights.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import TypeVar
from zoneinfo import ZoneInfo

from models.canonical import format_utc, parse_utc
from models.shifts import shift_of

LEVELS = ("H", "D", "M")  # the dashboard's
WEEK_LEVELS = ("H", "D", "W")  # the Insights' weeks
YEAR_LEVELS = ("H", "D", "M", "Y")  # the rejections per defect and location (agg_defects)
LOWEST, HIGHEST = "", "~"  # below and above every canonical time text
CACHE_LIMIT = 200_000

_V = TypeVar("_V")


def _kept(cache: dict[str, _V], key: str, value: _V) -> _V:
    """`value`, kept in `cache` under `key`; a full cache is emptied first (a long catch-up meets
    years of hours). Only a miss comes here: a hit stays a plain `get` where it is asked."""
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


@dataclass
class Cover:
    """A range [start, end) as aggregate parts (level, from bucket, to bucket: buckets whose
    start is in [from, to)) and raw parts (UTC text ranges read from the records)."""

    parts: list[tuple[str, str, str]] = field(default_factory=list)
    raw: list[tuple[str, str]] = field(default_factory=list)


class Buckets:
    def __init__(self, zone_name: str):
        self.zone_name = zone_name
        self.zone = ZoneInfo(zone_name)
        self._cache: dict[str, tuple[str, str, str, str, int]] = {}
        self._insight_cache: dict[str, tuple[str, str, str, str, str, int]] = {}
        self._week_dates: dict[str, str] = {}

    # -- one record --------------------------------------------------------------------------

    def of(self, recorded_at: str) -> tuple[str, str, str, str, int]:
        """(hour, day, month, year bucket, local hour of day) of a canonical UTC time text."""
        key = recorded_at[:14] + str(int(recorded_at[14:16]) // 15)
        found = self._cache.get(key)
        if found is None:
            local = parse_utc(recorded_at).astimezone(self.zone)
            found = _kept(self._cache, key, (
                format_utc(self.floor("H", local)), format_utc(self.floor("D", local)),
                format_utc(self.floor("M", local)), format_utc(self.floor("Y", local)),
                local.hour))
        return found

    def insight_of(self, recorded_at: str) -> tuple[str, str, str, str, str, int]:
        """(hour, day, week, month, year bucket, shift number) of a canonical UTC time
        text."""
        key = recorded_at[:14] + str(int(recorded_at[14:16]) // 15)
        found = self._insight_cache.get(key)
        if found is None:
            moment = parse_utc(recorded_at)
            local = moment.astimezone(self.zone)
            found = _kept(self._insight_cache, key, (
                format_utc(self.floor("H", local)), format_utc(self.floor("D", local)),
                format_utc(self.floor("W", local)), format_utc(self.floor("M", local)),
                format_utc(self.floor("Y", local)), shift_of(moment, self.zone_name).number))
        return found

    def week_date(self, bucket: str) -> str:
        """The local date (ISO) a week bucket starts on (its Monday). Cached: the Insights ask
        it for every station's every week (a year's plant: ten thousand times, 53 weeks)."""
        found = self._week_dates.get(bucket)
        if found is None:
            found = _kept(self._week_dates, bucket,
                          parse_utc(bucket).astimezone(self.zone).date().isoformat())
        return found

    # -- bucket arithmetic -------------------------------------------------------------------

    def floor(self, level: str, moment: datetime) -> datetime:
        """The start (UTC) of the local hour, day, week, month or year holding `moment`."""
        local = moment.astimezone(self.zone)
        if level == "H":
            start = local.replace(minute=0, second=0, microsecond=0)
        elif level == "D":
            start = datetime.combine(local.date(), time(0), tzinfo=self.zone)
        elif level == "W":
            monday = local.date() - timedelta(days=local.weekday())
            start = datetime.combine(monday, time(0), tzinfo=self.zone)
        elif level == "M":
            start = datetime.combine(local.date().replace(day=1), time(0), tzinfo=self.zone)
        elif level == "Y":
            start = datetime.combine(date(local.year, 1, 1), time(0), tzinfo=self.zone)
        else:
            raise ValueError(f"no such level: {level!r}")
        return start.astimezone(timezone.utc)

    def next(self, level: str, start: datetime) -> datetime:
        """The start of the bucket after the one starting at `start`."""
        if level == "H":
            return self.floor("H", start + timedelta(minutes=75))
        local = start.astimezone(self.zone).date()
        if level == "D":
            following = local + timedelta(days=1)
        elif level == "W":
            following = local + timedelta(days=7)
        elif level == "M":
            following = date(local.year + local.month // 12, local.month % 12 + 1, 1)
        elif level == "Y":
            following = date(local.year + 1, 1, 1)
        else:
            raise ValueError(f"no such level: {level!r}")
        return datetime.combine(following, time(0), tzinfo=self.zone).astimezone(timezone.utc)

    def ceil(self, level: str, moment: datetime) -> datetime:
        start = self.floor(level, moment)
        return start if start == moment else self.next(level, start)

    def local_day_hour(self, bucket: str) -> tuple[str, int]:
        """The local date (ISO) and hour of an hour bucket."""
        local = parse_utc(bucket).astimezone(self.zone)
        return local.date().isoformat(), local.hour

    # -- ranges ------------------------------------------------------------------------------

    def cover(self, start: datetime | None, end: datetime | None,
              levels: tuple[str, ...] = LEVELS) -> Cover:
        """Whole months (or weeks: `levels` WEEK_LEVELS; years, then months: YEAR_LEVELS),
        then days, then hours inside [start, end), and the rest as raw ranges. `start` None: from the beginning; `end`
        None: without end (no partial hour read)."""
        cover = Cover()
        low = None if start is None else self.ceil("H", start)
        high = None if end is None else self.floor("H", end)
        if low is not None and high is not None and low >= high:
            cover.raw.append((format_utc(start), format_utc(end)))
            return cover
        if start is not None and low is not None and start < low:
            cover.raw.append((format_utc(start), format_utc(low)))
        if end is not None and high is not None and high < end:
            cover.raw.append((format_utc(high), format_utc(end)))
        self._split(cover, levels, 0, low, high)
        return cover

    def _split(self, cover: Cover, levels: tuple[str, ...], index: int, low: datetime | None,
               high: datetime | None) -> None:
        """Cover [low, high) (on levels[index]'s grid; None: unbounded) with the coarsest
        buckets."""
        level = levels[index]
        coarser = levels[index + 1] if index + 1 < len(levels) else None
        if coarser is None:
            cover.parts.append((level, _text(low, LOWEST), _text(high, HIGHEST)))
            return
        inner_low = None if low is None else self.ceil(coarser, low)
        inner_high = None if high is None else self.floor(coarser, high)
        if inner_low is not None and inner_high is not None and inner_low >= inner_high:
            cover.parts.append((level, _text(low, LOWEST), _text(high, HIGHEST)))
            return
        if low is not None and inner_low is not None and low < inner_low:
            cover.parts.append((level, _text(low, LOWEST), _text(inner_low, HIGHEST)))
        if high is not None and inner_high is not None and inner_high < high:
            cover.parts.append((level, _text(inner_high, LOWEST), _text(high, HIGHEST)))
        self._split(cover, levels, index + 1, inner_low, inner_high)


def _text(moment: datetime | None, default: str) -> str:
    return default if moment is None else format_utc(moment)
