"""Work shifts: which shift a moment belongs to, in the site's time zone.

Default: three 8-hour shifts starting 06:00, 14:00 and 22:00 local time (the night shift runs
past midnight and belongs to the day it started).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

SHIFT_STARTS = (time(6), time(14), time(22))


@dataclass(frozen=True)
class Shift:
    number: int  # 1, 2, 3
    start_utc: datetime
    end_utc: datetime
    day: str  # local date the shift started, ISO


def shift_of(moment: datetime, zone_name: str, starts: tuple[time, ...] = SHIFT_STARTS) -> Shift:
    zone = ZoneInfo(zone_name)
    local = moment.astimezone(zone)
    candidates = []
    for day_offset in (-1, 0):
        day = local.date() + timedelta(days=day_offset)
        for index, start in enumerate(starts):
            begin = datetime.combine(day, start, tzinfo=zone)
            candidates.append((begin, index))
    candidates.sort()
    chosen = max((c for c in candidates if c[0] <= local), key=lambda c: c[0])
    begin, index = chosen
    next_index = (index + 1) % len(starts)
    next_day = begin.date() + timedelta(days=1 if next_index == 0 else 0)
    end = datetime.combine(next_day, starts[next_index], tzinfo=zone)
    return Shift(index + 1, begin.astimezone(timezone.utc), end.astimezone(timezone.utc),
                 begin.date().isoformat())
