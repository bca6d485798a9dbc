"""OEE of one station over one period (a shift, a day, a range), from plain numbers.

    planned time  = the period's length minus planned breaks (shifts in which the station
                    recorded neither a box nor a stop were not planned for it)
    run time      = planned time − downtime (stops, their planned-break parts taken out)
    availability  = run time / planned time
    performance   = Σ boxes × ideal seconds per box of their size / run time
    quality       = good boxes (no rejection recorded) / boxes
    OEE           = availability × performance × quality

A ratio whose denominator is zero is None (shown as "—"), never 0 or 100 %. Performance above
1 is kept as it is: it says the catalog's ideal rate for that size is too low.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from config.downtime import DowntimeSettings


@dataclass(frozen=True)
class Output:
    boxes: int
    rejected: int  # boxes with at least one rejection


@dataclass(frozen=True)
class Oee:
    planned_s: float
    downtime_s: float
    run_s: float
    ideal_s: float
    boxes: int
    good: int
    availability: float | None
    performance: float | None
    quality: float | None

    @property
    def oee(self) -> float | None:
        a, p, q = self.availability, self.performance, self.quality
        return None if a is None or p is None or q is None else a * p * q


def oee(planned_s: float, downtime_s: float, output: Mapping[str, Output],
        settings: DowntimeSettings) -> Oee:
    """The figures of one period: `output` maps each size to its boxes and rejected boxes."""
    boxes = sum(o.boxes for o in output.values())
    good = boxes - sum(o.rejected for o in output.values())
    ideal_s = sum(o.boxes * settings.ideal_seconds(size) for size, o in output.items())
    return figures(planned_s, downtime_s, ideal_s, boxes, good)


def figures(planned_s: float, downtime_s: float, ideal_s: float, boxes: int, good: int) -> Oee:
    """The figures of one period from its sums already made (the ideal seconds of its boxes
    summed per size): what oee() does after summing, for callers that sum in SQL."""
    downtime_s = min(max(downtime_s, 0.0), max(planned_s, 0.0))
    run_s = max(planned_s - downtime_s, 0.0)
    return Oee(planned_s, downtime_s, run_s, ideal_s, boxes, good,
               availability=run_s / planned_s if planned_s > 0 else None,
               performance=ideal_s / run_s if run_s > 0 else None,
               quality=good / boxes if boxes else None)


def combine(parts: list[Oee]) -> Oee:
    """The figures of several periods or stations together: sums, then ratios (never an
    average of ratios)."""
    planned = sum(p.planned_s for p in parts)
    downtime = sum(p.downtime_s for p in parts)
    run = sum(p.run_s for p in parts)
    ideal = sum(p.ideal_s for p in parts)
    boxes = sum(p.boxes for p in parts)
    good = sum(p.good for p in parts)
    return Oee(planned, downtime, run, ideal, boxes, good,
               availability=run / planned if planned > 0 else None,
               performance=ideal / run if run > 0 else None,
               quality=good / boxes if boxes else None)
