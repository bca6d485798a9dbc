"""How fast a simulated station of `shopfloor demo` works, and when its machine stands still:
one model for the demo's history (utils/site/synthetic.py, `PlantPlan.paced`) and for its live
stations (utils/site/demo_station.py).

A station keeps a share of the catalog's ideal rate for its size (`SPEED`, never all of it:
a box never takes less than the ideal time, so the OEE tab's performance stays under 100 %),
its boxes come in working time only (the shift plan's planned breaks are nobody's work), and
now and then its machine stands still after a box, for longer than the catalog's minutes
without a box that open a stop: half of those stops the operator declares with a reason, the
others nobody explains (the station's rule opens them, unqualified). In the history those
stops are written as the station's DowntimeService writes them (utils/mes/downtime.py: the
facts data/view_oee.py takes); the live stations go through the service itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Iterator
from zoneinfo import ZoneInfo

from config.downtime import DowntimeSettings, PlannedBreak
from models.canonical import format_utc
from models.downtime import break_intervals, overlap_seconds
from models.shifts import SHIFT_STARTS
from utils.audit.chain import Actor

SPEED = (0.80, 0.92)  # the share of the ideal rate a station keeps up, per station
JITTER = (0.90, 1.05)  # one box's cycle varies around it (0.92 × 1.05 < 1: never faster)
STOP_CHANCE = (0.006, 0.02)  # per box: the machine stands still after it (~1 stop a shift)
STOP_MINUTES = (5, 70)  # how long, beyond the catalog's minutes that open a stop
DECLARE_AFTER_S = (60, 300)  # an operator who says why does so a few minutes in

# (moment, who, action, audit fields): an event of a station's chain (as synthetic.py makes)
Event = tuple[datetime, Actor, str, dict]


@dataclass(frozen=True)
class Pace:
    """One station's pace: the ideal seconds per box of its size (the catalog's), the share of
    that rate it keeps up, its chance of a stop after a box and the catalog's working seconds
    without a box that open one."""

    ideal_s: float
    speed: float
    stop_chance: float
    stop_after_s: float


def station_pace(rng: random.Random, settings: DowntimeSettings, size: str | None) -> Pace:
    return Pace(ideal_s=settings.ideal_seconds(size), speed=rng.uniform(*SPEED),
                stop_chance=rng.uniform(*STOP_CHANCE),
                stop_after_s=settings.rate(size).stop_after_minutes * 60.0)


@dataclass(frozen=True)
class PlannedStop:
    """The machine stands still from the box before until the next box: `reason` "" when
    nobody says why (the station's rule opens the stop), else the operator declares it at
    `declared_at`."""

    reason: str
    declared_at: datetime | None


@dataclass(frozen=True)
class NextBox:
    at: datetime
    stop: PlannedStop | None = None  # the machine stood still before this box


def add_working(start: datetime, seconds: float, zone: str,
                breaks: tuple[PlannedBreak, ...]) -> datetime:
    """The moment `seconds` of working time after `start` (planned breaks are not work)."""
    end = start + timedelta(seconds=seconds)
    while True:  # each round takes in the breaks the longer span reaches (a few at most)
        skipped = overlap_seconds(start, end, break_intervals(start, end, zone, breaks))
        longer = start + timedelta(seconds=seconds + skipped)
        if longer == end:
            return end
        end = longer


def next_box(rng: random.Random, pace: Pace, last: datetime, zone: str,
             breaks: tuple[PlannedBreak, ...], reasons: tuple[str, ...]) -> NextBox:
    """When the box after the one at `last` comes, and whether the machine stops before it."""
    cycle = pace.ideal_s / (pace.speed * rng.uniform(*JITTER))
    if rng.random() >= pace.stop_chance:
        return NextBox(add_working(last, cycle, zone, breaks))
    still = pace.stop_after_s + rng.uniform(*STOP_MINUTES) * 60
    reason = rng.choice(("",) * len(reasons) + reasons)  # half of them unexplained
    declared = add_working(last, rng.uniform(*DECLARE_AFTER_S), zone, breaks) if reason else None
    return NextBox(add_working(last, still + cycle, zone, breaks), PlannedStop(reason, declared))


def station_timeline(rng: random.Random, settings: DowntimeSettings, station_id: str,
                     size: str | None, first_day: date, horizon: datetime, zone: str,
                     operator_at: Callable[[datetime], Actor]) -> "Timeline":
    """A station at work at a pace of its own (drawn from `rng`) from the first shift of
    `first_day` until `horizon`."""
    start = datetime.combine(first_day, SHIFT_STARTS[0], tzinfo=ZoneInfo(zone))
    return Timeline(rng, station_pace(rng, settings, size), start.astimezone(timezone.utc),
                    horizon, station_id=station_id, size=size, zone=zone, settings=settings,
                    operator_at=operator_at)


class Timeline:
    """A station's boxes and stops in time order, from `start` until `horizon` (the end of
    the history): `until(end)` hands out what comes before `end`. A stop whose next box would
    come after the horizon is left out (it would stay open, and the station that goes on
    working knows of none)."""

    def __init__(self, rng: random.Random, pace: Pace, start: datetime, horizon: datetime, *,
                 station_id: str, size: str | None, zone: str, settings: DowntimeSettings,
                 operator_at: Callable[[datetime], Actor]):
        self.rng, self.pace, self.horizon = rng, pace, horizon
        self.station_id, self.size, self.zone = station_id, size, zone
        self.breaks, self.reasons = settings.breaks, tuple(settings.reasons[:4])
        self.operator_at = operator_at
        self._items = self._walk(start)
        self._ahead: tuple[datetime, Event | None] | None = None

    def until(self, end: datetime) -> tuple[list[datetime], list[Event]]:
        """The box moments and the stop events before `end`."""
        boxes: list[datetime] = []
        events: list[Event] = []
        while True:
            if self._ahead is None:
                self._ahead = next(self._items, None)
                if self._ahead is None:
                    return boxes, events
            moment, event = self._ahead
            if moment >= end:
                return boxes, events
            if event is None:
                boxes.append(moment)
            else:
                events.append(event)
            self._ahead = None

    def _walk(self, last: datetime) -> Iterator[tuple[datetime, Event | None]]:
        while True:
            box = next_box(self.rng, self.pace, last, self.zone, self.breaks, self.reasons)
            if box.at >= self.horizon:
                return
            opened, closed = (self._stop_events(last, box) if box.stop is not None
                              else (None, None))
            if opened is not None:
                yield opened[0], opened
            yield box.at, None
            if closed is not None:
                yield closed[0], closed
            last = box.at

    def _stop_events(self, last: datetime, box: NextBox) -> tuple[Event, Event]:
        """`stop.opened` and `stop.closed` as the station's DowntimeService writes them: a
        declared stop starts when the operator says so; an unexplained one is opened by the
        rule once the catalog's minutes without a box have passed, and starts at the last box;
        the next box closes either, with the planned breaks it spanned."""
        assert box.stop is not None
        stop_id = f"{self.rng.getrandbits(64):016x}"
        entity = {"entity": "stop", "entity_id": f"{self.station_id}/{stop_id}"}
        if box.stop.declared_at is not None:
            started = opened_at = box.stop.declared_at
            who = self.operator_at(opened_at)
        else:
            started = last
            opened_at = add_working(last, self.pace.stop_after_s, self.zone, self.breaks)
            who = Actor.system()
        opened = (opened_at, who, "stop.opened", {**entity, "after": {
            "stop_id": stop_id, "started_at": format_utc(started), "size": self.size,
            "reason": box.stop.reason}})
        breaks = break_intervals(started, box.at, self.zone, self.breaks)
        closed = (box.at + timedelta(milliseconds=1), Actor.system(), "stop.closed", {
            **entity, "after": {"stop_id": stop_id, "started_at": format_utc(started),
                                "ended_at": format_utc(box.at),
                                "breaks": [[format_utc(a), format_utc(b)] for a, b in breaks]}})
        return opened, closed
