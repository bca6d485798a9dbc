"""Anomalies: boxes above mean + 2 σ, weeks whose mean CAM rose, repeated defects
(definitions: utils/insights/__init__.py and `Anomaly`)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Collection

from data import view_insights, view_runs
from data.view_insights import StationSums
from data.view_rows import RowsQuery
from models.canonical import parse_utc
from utils.insights.figures import (
    MIN_SIGMA_VALUES, MIN_WEEK_RECORDS, REPEAT_RUN, SIGMA_FACTOR, THRESHOLD_TOLERANCE,
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
                 judged: Collection[str] | None = None) -> dict[str | None, list[Anomaly]]:
    """Per station (and the site, None): for CAM-D and CAM-W, the boxes strictly above that
    measurement's mean + 2 σ over the station's (the site's) records of the period (σ: sample
    standard deviation, n − 1), as one anomaly with their count. A measurement with fewer than
    MIN_SIGMA_VALUES values is not judged. `judged`: the stations whose own figures are
    wanted (None: every one in `figures`); the site's are over every station in `figures`."""
    stations = [name for name in figures if name is not None]
    found: dict[str | None, list[Anomaly]] = {
        name: [] for name in figures if name is None or judged is None or name in judged}
    for measure, (n_at, sum_at, sq_at) in (("cam_d", (2, 3, 4)), ("cam_w", (5, 6, 7))):
        limits: dict[str | None, tuple[float, float, float]] = {}
        for name in found:
            sums = figures[name]
            limit = sigma_threshold(sums.total[n_at], sums.total[sum_at], sums.total[sq_at])
            if limit is not None:
                limits[name] = limit
        counted = {name: 0 for name in limits}
        own = {name: _strict(limits[name][2]) for name in stations if name in limits}
        for name, count in view_insights.count_above(connection, measure, own, start,
                                                     end).items():
            counted[name] = count
        if None in limits:
            site = {name: _strict(limits[None][2]) for name in stations}
            counted[None] = sum(view_insights.count_above(connection, measure, site, start,
                                                          end).values())
        for name, (mean, sigma, threshold) in limits.items():
            if counted[name]:
                period = Period(start, end, name)
                found[name].append(Anomaly("cam_outlier", {
                    "station": name, "measure": measure, "count": counted[name], "mean": mean,
                    "sigma": sigma, "threshold": threshold},
                    (period.query(measured=measure, above=_strict(threshold)),),
                    counted[name]))
    return found


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


def repeated_defects(runs: list[view_runs.Run]) -> list[Anomaly]:
    """Every maximal run of at least REPEAT_RUN consecutive records of one station (in record
    order) that all have the same defect (in any of their three rejections). One anomaly per
    run, in the runs' order: the station's and the site's figures share it (a year's plant
    has tens of thousands)."""
    return [Anomaly("repeated_defect", {"station": run.station, "defect": run.defect,
                                        "length": run.length},
                    (RowsQuery(station=run.station, after=run.first, until=run.last),))
            for run in runs if run.length >= REPEAT_RUN]


def outliers_in_both(connection, figures: dict[str | None, StationSums],
                      outliers: dict[str | None, list[Anomaly]], start: datetime | None,
                      end: datetime | None) -> dict[str | None, int]:
    """Per station (and the site), the boxes above the threshold in CAM-D and in CAM-W (so the
    recommendation counts each box once)."""
    found: dict[str | None, int] = {}
    thresholds = {name: {a.params["measure"]: a.rows[0].above for a in anomalies}
                  for name, anomalies in outliers.items()}
    own_d = {name: t["cam_d"] for name, t in thresholds.items()
             if name is not None and {"cam_d", "cam_w"} <= set(t)}
    own_w = {name: thresholds[name]["cam_w"] for name in own_d}
    found.update(view_insights.count_above(connection, "cam_d", own_d, start, end, other=own_w))
    site = thresholds.get(None, {})
    if {"cam_d", "cam_w"} <= set(site):
        stations = [name for name in figures if name is not None]
        found[None] = sum(view_insights.count_above(
            connection, "cam_d", {name: site["cam_d"] for name in stations}, start, end,
            other={name: site["cam_w"] for name in stations}).values())
    return found

