"""Time arithmetic of stops: planned breaks as UTC intervals, a stop cut at shift ends, and
the seconds of it that are downtime (not inside a planned break).

Pure functions of plain values, shared by the station (which records the breaks a stop
spanned) and the site view (which splits each stop over the shifts it touched).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from config.downtime import PlannedBreak
from models.shifts import shift_of

Interval = tuple[datetime, datetime]
# A stop's classification, as the station signs it and every PC's site view checks it
# (utils/mes/downtime.py, data/view_oee.py): the signed document's kind, its note's length.
CLASSIFY_KIND = "stop_classification"
NOTE_MAX = 500


@dataclass(frozen=True)
class Piece:
    """The part of a stop inside one shift: its seconds of downtime (breaks taken out)."""

    shift_start: datetime
    day: str  # the local date the shift started on
    shift: int
    start: datetime
    end: datetime
    seconds: float


def break_intervals(start: datetime, end: datetime, zone_name: str,
                    breaks: tuple[PlannedBreak, ...]) -> list[Interval]:
    """The planned breaks overlapping [start, end), clipped to it, merged, in time order.

    Breaks are local wall-clock times, every day (a break on a day when the clock changes keeps
    its local start; the day before is looked at too for a break that runs past midnight)."""
    if end <= start or not breaks:
        return []
    zone = ZoneInfo(zone_name)
    first = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date()
    found: list[Interval] = []
    day = first
    while day <= last:
        for planned in breaks:
            # Wall-clock time: a local 10:00 is 10:00 on both sides of a clock change.
            begin = datetime.combine(day, time(planned.start_minute // 60,
                                               planned.start_minute % 60), tzinfo=zone)
            stop = begin + timedelta(minutes=planned.minutes)
            low, high = max(begin, start), min(stop, end)
            if low < high:
                found.append((low, high))
        day += timedelta(days=1)
    return merge(found)


def merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def overlap_seconds(start: datetime, end: datetime, intervals: list[Interval]) -> float:
    """Seconds of [start, end) inside the (merged) intervals."""
    total = 0.0
    for low, high in intervals:
        low, high = max(low, start), min(high, end)
        if low < high:
            total += (high - low).total_seconds()
    return total


def pieces(start: datetime, end: datetime, zone_name: str,
           breaks: list[Interval]) -> list[Piece]:
    """[start, end) cut at every shift end, each part with its downtime seconds: its length
    minus the parts of `breaks` (UTC intervals) inside it."""
    found: list[Piece] = []
    moment = start
    while moment < end:
        shift = shift_of(moment, zone_name)
        piece_end = min(shift.end_utc, end)
        seconds = (piece_end - moment).total_seconds() - overlap_seconds(moment, piece_end,
                                                                         breaks)
        found.append(Piece(shift.start_utc, shift.day, shift.number, moment, piece_end,
                           max(0.0, seconds)))
        moment = piece_end
    return found


def planned_seconds(shift_start: datetime, shift_end: datetime, zone_name: str,
                    breaks: tuple[PlannedBreak, ...]) -> float:
    """Planned production time of [shift_start, shift_end): its length minus planned breaks."""
    inside = break_intervals(shift_start, shift_end, zone_name, breaks)
    return (shift_end - shift_start).total_seconds() - overlap_seconds(shift_start, shift_end,
                                                                       inside)
