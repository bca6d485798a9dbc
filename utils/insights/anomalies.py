"""Anomalies: boxes above mean + 2 σ, weeks whose mean CAM rose (definitions:
utils/insights/__init__.py and `Anomaly`; a repeated-defect run's anomaly is made when asked,
figures.run_anomaly)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Collection

from data import view_insights
from data.view_insights import StationSums
from models.canonical import parse_utc
from utils.insights.figures import (
    MIN_SIGMA_VALUES, MIN_WEEK_RECORDS, SIGMA_FACTOR, THRESHOLD_TOLERANCE,
    WEEK_INCREASE, Anomaly, Period,
)
from utils.insights.stats import mean_of


def sigma_threshold(n: int, total: float, squares: float) -> tuple[float, float, float] | None:
    """(mean, sample σ, mean + 2 σ) of n values from their sum and sum of squares; None below
    MIN_SIGMA_VALUES values."""
    if n < MIN_SIGMA_VALUES:
        return None
    mean = total / n
    variance = max(0.0, (squares - total * total / n) / (n - 1))
    sigma = math.sqrt(variance)
    return mean, sigma, mean + SIGMA_FACTOR * sigma


def cam_outliers(connection, figures: dict[str | None, StationSums],
                 start: datetime | None, end: datetime | None,
                 judged: Collection[str] | None = None
                 ) -> tuple[dict[str | None, list[Anomaly]], dict[str | None, int]]:
    """Per station (and the site, None): for CAM-D and CAM-W, the boxes strictly above that
    measurement's mean + 2 σ over the station's (the site's) records of the period (σ: sample
    standard deviation, n − 1), as one anomaly with their count; and the boxes above both
    thresholds (so the recommendation counts each box once), counted in the same pass as the
    CAM-D ones. A measurement with fewer than MIN_SIGMA_VALUES values is not judged.
    `judged`: the stations whose own figures are wanted (None: every one in `figures`); the
    site's are over every station in `figures`."""
    stations = [name for name in figures if name is not None]
    found: dict[str | None, list[Anomaly]] = {
        name: [] for name in figures if name is None or judged is None or name in judged}
    limits: dict[str, dict[str | None, tuple[float, float, float]]] = {}
    for measure, (n_at, sum_at, sq_at) in (("cam_d", (2, 3, 4)), ("cam_w", (5, 6, 7))):
        limits[measure] = {}
        for name in found:
            total = figures[name].total
            limit = sigma_threshold(total[n_at], total[sum_at], total[sq_at])
            if limit is not None:
                limits[measure][name] = limit
    both: dict[str | None, int] = {name: 0 for name in found}
    for measure in ("cam_d", "cam_w"):
        counted = {name: 0 for name in limits[measure]}
        # CAM-W's thresholds beside CAM-D's: the boxes above both come from the same reading.
        other_of = limits["cam_w"] if measure == "cam_d" else {}

        def count(thresholds: dict[str | None, float], others: dict[str | None, float]
                  ) -> dict[str, tuple[int, int]]:
            return view_insights.count_above(connection, measure, thresholds, start, end,
                                             other=others if measure == "cam_d" else None)

        own = {name: _strict(limits[measure][name][2]) for name in stations
               if name in limits[measure]}
        others = {name: _strict(other_of[name][2]) for name in own if name in other_of}
        for name, (above, above_both) in count(own, others).items():
            counted[name] = above
            both[name] += above_both
        if None in limits[measure]:
            site = {name: _strict(limits[measure][None][2]) for name in stations}
            site_others = ({name: _strict(other_of[None][2]) for name in stations}
                           if None in other_of else {})
            counts = count(site, site_others).values()
            counted[None] = sum(above for above, _both in counts)
            both[None] += sum(above_both for _above, above_both in counts)
        for name, (mean, sigma, threshold) in limits[measure].items():
            if counted[name]:
                period = Period(start, end, name)
                found[name].append(Anomaly("cam_outlier", {
                    "station": name, "measure": measure, "count": counted[name], "mean": mean,
                    "sigma": sigma, "threshold": threshold},
                    (period.query(measured=measure, above=_strict(threshold)),),
                    counted[name]))
    return found, both


def _strict(threshold: float) -> float:
    """The value a measurement must exceed: the threshold, past rounding (see
    THRESHOLD_TOLERANCE)."""
    return threshold + THRESHOLD_TOLERANCE * max(1.0, abs(threshold))


def week_increases(sums: StationSums, period: Period, buckets) -> list[Anomaly]:
    """Weeks (Monday to Sunday, site time) whose mean CAM rose more than 30 % over the week
    just before: (current − previous) / previous > 0.30. Both weeks need MIN_WEEK_RECORDS
    measured boxes; a previous mean of 0 followed by a positive one counts (change None)."""
    weeks = {buckets.week_date(bucket): (bucket, values)
             for bucket, values in sorted(sums.weeks.items()) if values[1] >= MIN_WEEK_RECORDS}
    rough = {week: _rough_mean(values) for week, (_bucket, values) in weeks.items()}
    found = []
    for week, (bucket, values) in weeks.items():
        previous_week = _week_before(week)
        if previous_week not in weeks:
            continue
        previous_bucket, previous_values = weeks[previous_week]
        # A year's plant has ten thousand station-weeks: most are ruled out on the unrounded
        # means, far from the limit (mean_of differs from them by about 1e-9).
        low_mean = rough[previous_week]
        if low_mean >= ROUGH_FLOOR and (rough[week] - low_mean) / low_mean < \
                WEEK_INCREASE - ROUGH_MARGIN:
            continue
        before, now = mean_of(previous_values), mean_of(values)
        if before is None or now is None:
            continue
        if before == 0:
            change, fired = None, now > 0
        else:
            change = (now - before) / before
            fired = round(change, 9) > WEEK_INCREASE
        if fired:
            low = parse_utc(previous_bucket)
            high = buckets.next("W", parse_utc(bucket))
            if period.start is not None:
                low = max(low, period.start)
            if period.end is not None:
                high = min(high, period.end)
            found.append(Anomaly("week_increase", {
                "week": week, "previous_week": previous_week, "previous": before, "current": now,
                "change_pct": None if change is None else change * 100.0},
                (Period(low, high, period.station).query(measured="any"),)))
    return found


ROUGH_FLOOR = 0.01  # a mean CAM (per cent) from which the week rule can be ruled out roughly
ROUGH_MARGIN = 1e-4  # far above the 1e-9 rounding of mean_of, far below a real change


def _rough_mean(values: list) -> float:
    """mean_of without its rounding (0.0 when nothing was measured), for ruling weeks out."""
    _boxes, _measured, d_n, d_sum, _d_sq, w_n, w_sum, _w_sq = values
    if d_n and w_n:
        return (d_sum / d_n + w_sum / w_n) / 2
    return d_sum / d_n if d_n else w_sum / w_n if w_n else 0.0


@lru_cache(maxsize=1024)
def _week_before(week: str) -> str:
    """The ISO date 7 days before `week` (an ISO date): asked for every station's weeks."""
    return (date.fromisoformat(week) - timedelta(days=7)).isoformat()
