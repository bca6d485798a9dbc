"""Insights: per-station descriptive statistics for the admin panel's Insights tab.

The old system called this panel "AI"; it was, and here honestly is, plain statistics over the
production records. For the site and for each station it gives the top defects and locations,
the mean CAM-D / CAM-W, a half-split trend, the worst shift of the day, a quality score, defect
frequencies in risk bands, anomalies and rule-based recommendations.

Every figure comes from the sums the site view keeps on ingest (data/view_insights.py), never
from a pass over the period's records: a year of a 200-station plant is a few thousand rows of
sums. Every figure names the records behind it as `Rows` (queries by the figure's key), read
only when someone opens them (`rows_behind`).

Definitions used throughout (each is tested against a hand computation):

- **Mean CAM** of a set of records: the average of its mean CAM-D and its mean CAM-W, each over
  the records that have that measurement (the dashboard's station mean). Higher is worse.
- **Order** of records: by `recorded_at`, then `record_id` (a stable order for equal times).
- **Site-wide** figures are the same statistics over all records of the period together,
  except the repeated-defect rule, which always looks at consecutive records of one station.
- **Location not recorded** (imports of the old system, config.catalogs.LOCATION_NOT_RECORDED)
  is not a location: it is never ranked among the top locations nor named as a defect's usual
  location, and the shares of the top locations are of the rejections whose location is known.
  Its own count is reported beside them (`locations_not_recorded`), so nothing is hidden. The
  defect of such a rejection counts like any other (top defects, risks, repeats).

How the figures that depend on the records' order are read (and why):

- the half-split trend keeps its definition (halves by count, in order): the record that
  starts the second half is found by walking the station's week, day and hour sums down to
  one hour's records, so the halves' sums are exact without reading the period;
- the 2 σ outliers keep theirs (mean and sample σ of the period's values; σ from the sums of
  squares): the records above the threshold are counted in an index of each measurement. They
  are one figure per station and measurement (how many boxes, the threshold), not one line per
  box: a year holds thousands, and their rows open on demand;
- the repeated-defect runs keep theirs: the runs are kept on ingest, worked out again around
  every record that arrives, is corrected or voided, and cut to the period when read.

Recommendations are codes with parameters, never sentences: the GUI words them in the user's
language. No Qt here (layering rule).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Mapping

from config.catalogs import LOCATION_NOT_RECORDED, NO_REJECTION, QualityBands
from data import view_insights
from data.view_buckets import Buckets
from data.view_insights import Key, RowsQuery, StationSums
from models.canonical import format_utc, parse_utc

Rows = tuple[RowsQuery, ...]  # the records behind a number: any of these queries

TOP_N = 5
TREND_THRESHOLD = 0.10  # ±10 % relative change of the mean CAM (REFERENCE.md)
MIN_TREND_RECORDS = 4  # two records per half at least
SIGMA_FACTOR = 2.0  # outlier: above mean + 2 σ (REFERENCE.md)
# With n values, none can lie more than (n-1)/√n sample σ above their own mean: below 6 values
# the 2 σ rule can never fire, so fewer values are "not enough data" rather than "no anomaly".
MIN_SIGMA_VALUES = 6
# σ from sums of squares carries rounding of about 1e-15 relative: a value within this of the
# threshold is not above it (values are recorded with two decimals, far coarser).
THRESHOLD_TOLERANCE = 1e-9
WEEK_INCREASE = 0.30  # week over week > 30 % (REFERENCE.md)
MIN_WEEK_RECORDS = 3  # a week with fewer measured boxes is not compared
REPEAT_RUN = 3  # the same defect in this many consecutive records of a station
MIN_SHIFT_RECORDS = 3  # a shift with fewer boxes cannot be the worst one (one bad box is not a shift)
ROWS_LIMIT = 5000  # records shown behind a number at most (a year's site is millions)

NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True)
class RiskBands:
    """Defect frequency (per cent of boxes with the defect) to risk: below `medium` is low,
    from `medium` below `high` is medium, from `high` on is high."""

    medium: float = 10.0
    high: float = 20.0

    def band(self, frequency: float) -> str:
        if frequency >= self.high:
            return "high"
        return "medium" if frequency >= self.medium else "low"


@dataclass(frozen=True)
class Share:
    """A defect or location: how many rejections name it and its share (%) of the rejections
    counted; `rows` are the records with at least one such rejection."""

    name: str
    count: int
    share: float
    rows: Rows


@dataclass(frozen=True)
class Mean:
    """A mean (per cent), how many records it stands for (`n`) and which; None when none had a
    value."""

    value: float | None
    n: int
    rows: Rows


@dataclass(frozen=True)
class Trend:
    """Half-split trend of the mean CAM.

    The records, in order, are split into a first half (the first n // 2) and a second half
    (the rest; an odd count puts the middle record in the second half). With
    change = (second − first) / first:
    change > +10 % is "worsening" (more rejection), change < −10 % is "improving", anything in
    between, both limits included, is "stable". A first half with mean 0 is "stable" when the
    second is also 0 and "worsening" otherwise (change is then None). Fewer than 4 records, or a
    half without any measurement, is "not_enough_data".
    """

    status: str  # improving / worsening / stable / not_enough_data
    first: Mean  # n: the records of the half (measured or not)
    second: Mean
    change_pct: float | None
    rows: Rows = ()  # every record of both halves


@dataclass(frozen=True)
class ShiftFigure:
    """One shift of the day (1–3, models.shifts) over every day of the period."""

    shift: int
    mean: float | None
    boxes: int
    rows: Rows


@dataclass(frozen=True)
class DefectRisk:
    """How often a defect occurs: `frequency` is the per cent of the boxes (records) with at
    least one rejection of it; `location` its most frequent location (ties by name; None when
    only N/A). A frequency, not a prediction."""

    defect: str
    boxes: int
    frequency: float
    band: str  # low / medium / high
    location: str | None
    rows: Rows


@dataclass(frozen=True)
class Anomaly:
    """kind: "cam_outlier" (params station (None: the site), measure, count, mean, sigma,
    threshold: `count` boxes of the period whose measurement is above mean + 2 σ),
    "week_increase" (params week, previous_week, previous, current, change_pct) or
    "repeated_defect" (params station, defect, length). `count`: the anomalies it stands for
    (one per box above the threshold; one for the others)."""

    kind: str
    params: Mapping[str, Any]
    rows: Rows
    count: int = 1


@dataclass(frozen=True)
class Recommendation:
    """A rule that fired: a code the GUI words (see `recommend`) and its parameters."""

    code: str
    params: Mapping[str, Any]
    rows: Rows


@dataclass(frozen=True)
class StationInsight:
    """Every figure of one station (`station` None: the whole site)."""

    station: str | None
    boxes: int
    rows: Rows
    top_defects: tuple[Share, ...]
    top_locations: tuple[Share, ...]
    cam_d: Mean
    cam_w: Mean
    mean_cam: Mean
    score: float | None  # 100 − 10 × mean CAM, clipped to 0..100 (REFERENCE.md)
    band: str  # excellent / good / attention / critical / unknown (config.catalogs.QualityBands)
    trend: Trend
    shifts: tuple[ShiftFigure, ...]
    worst_shift: ShiftFigure | None
    risks: tuple[DefectRisk, ...]
    anomalies: tuple[Anomaly, ...]
    recommendations: tuple[Recommendation, ...] = field(default=())
    # Rejections whose location the old system did not record: count, share of all rejections.
    locations_not_recorded: Share | None = None
    outlier_boxes: int = 0  # boxes above 2 σ in CAM-D, CAM-W or both (each once)

    @property
    def anomaly_count(self) -> int:
        """Boxes above 2 σ (per measurement), weeks that rose and runs, together."""
        return sum(anomaly.count for anomaly in self.anomalies)

    @property
    def anomaly_rows(self) -> Rows:
        """Every record behind any anomaly."""
        return tuple(query for anomaly in self.anomalies for query in anomaly.rows)


# --- building blocks ----------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """What a station's figures are over: [start, end) (None: open) and the station (None:
    the site); `query` makes the RowsQuery of a figure within it."""

    start: datetime | None
    end: datetime | None
    station: str | None
    texts: tuple[str | None, str | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "texts", tuple(None if moment is None else format_utc(moment)
                                                for moment in (self.start, self.end)))

    def query(self, **conditions: Any) -> RowsQuery:
        return RowsQuery(station=self.station, start=self.texts[0], end=self.texts[1],
                         **conditions)


def average(total: float, n: int) -> float | None:
    """total / n, rounded to 1e-9: sums kept on ingest and added up by bucket carry binary
    rounding that depends on their order (3.7449999999999997 for 3.745), far below display
    precision; rounded, a mean shows the same whatever order its values were added in."""
    return round(total / n, 9) if n > 0 else None


def mean_of(sums: list) -> float | None:
    """Mean CAM of a set of records from its sums: the average of its mean CAM-D and mean
    CAM-W, each over the records that have it."""
    _boxes, _measured, d_n, d_sum, _d_sq, w_n, w_sum, _w_sq = sums
    means = [average(total, n) for total, n in ((d_sum, d_n), (w_sum, w_n)) if n > 0]
    return round(sum(means) / len(means), 9) if means else None


def quality_score(mean: float | None) -> float | None:
    """100 − 10 × mean CAM, clipped to 0..100 (the old panel's formula)."""
    if mean is None:
        return None
    return min(100.0, max(0.0, 100.0 - 10.0 * mean))


def _named(value: Any) -> bool:
    return isinstance(value, str) and value not in ("", NO_REJECTION, LOCATION_NOT_RECORDED)


def _of_named_defects(sums: StationSums) -> list[tuple[str, str, int]]:
    """(defect, location, rejections) of the named defects."""
    return [(defect, location, n) for (defect, location), n in sums.rejections.items()
            if n > 0 and _named(defect)]


def locations_not_recorded(sums: StationSums, period: Period,
                           named: list[tuple[str, str, int]] | None = None) -> Share | None:
    """The rejections (of a named defect) whose location was not recorded, with their share of
    all such rejections; None when every location is known."""
    named = _of_named_defects(sums) if named is None else named
    count = sum(n for _d, location, n in named if location == LOCATION_NOT_RECORDED)
    if not count:
        return None
    return Share(LOCATION_NOT_RECORDED, count, count * 100.0 / sum(n for *_k, n in named),
                 (period.query(location=LOCATION_NOT_RECORDED),))


def shares(sums: StationSums, period: Period, column: str, top: int = TOP_N,
           named: list[tuple[str, str, int]] | None = None) -> tuple[Share, ...]:
    """Top defects (`column` "defect") or locations ("location") over the rejections (N/A and
    empty left out), most frequent first, ties by name; share is the per cent of the
    rejections counted."""
    index = 0 if column == "defect" else 1
    groups: dict[str, int] = {}
    for pair in _of_named_defects(sums) if named is None else named:
        if index == 0 or _named(pair[1]):
            groups[pair[index]] = groups.get(pair[index], 0) + pair[2]
    total = sum(groups.values())
    figures = [Share(name, count, count * 100.0 / total,
                     (period.query(**{column: name}),)) for name, count in groups.items()]
    figures.sort(key=lambda s: (-s.count, s.name))
    return tuple(figures[:top])


def means(sums: StationSums, period: Period) -> tuple[Mean, Mean, Mean]:
    """CAM-D, CAM-W and mean CAM (the records with at least one measurement behind it)."""
    _boxes, measured, d_n, d_sum, _d_sq, w_n, w_sum, _w_sq = sums.total
    return (Mean(average(d_sum, d_n), d_n, (period.query(measured="cam_d"),)),
            Mean(average(w_sum, w_n), w_n, (period.query(measured="cam_w"),)),
            Mean(mean_of(sums.total), measured, (period.query(measured="any"),)))


def trend(sums: StationSums, period: Period, found: tuple[Key, list] | None) -> Trend:
    """See `Trend` for the exact rule. `found`: the key of the record at n // 2 in order and
    the sums of the records before it (view_insights.splits)."""
    boxes = sums.total[0]
    half = boxes // 2
    if found is None:
        first_sums, key = view_insights.zero(), None
    else:
        key, first_sums = found
    second_sums = [a - b for a, b in zip(sums.total, first_sums)]
    first = Mean(mean_of(first_sums), half,
                 (period.query(before=key),) if key is not None else ())
    second = Mean(mean_of(second_sums), boxes - half,
                  (period.query(after=key),) if key is not None else (period.query(),))
    rows = (period.query(),)
    if boxes < MIN_TREND_RECORDS or first.value is None or second.value is None:
        return Trend(NOT_ENOUGH_DATA, first, second, None, rows)
    if first.value == 0:
        return Trend("stable" if second.value == 0 else "worsening", first, second, None, rows)
    change = (second.value - first.value) / first.value
    # Rounded far below display precision so that a change of exactly 10 %, computed with
    # binary floats (e.g. 3.3 / 3.0 − 1 = 0.0999…), stays on the side the rule says.
    rounded = round(change, 9)
    status = ("worsening" if rounded > TREND_THRESHOLD else
              "improving" if rounded < -TREND_THRESHOLD else "stable")
    return Trend(status, first, second, change * 100.0, rows)


def shifts(sums: StationSums, period: Period
           ) -> tuple[tuple[ShiftFigure, ...], ShiftFigure | None]:
    """Each shift's mean CAM, and the worst one: the highest mean CAM among the shifts with at
    least MIN_SHIFT_RECORDS boxes (ties: the lower shift number); None if no shift qualifies."""
    figures = tuple(ShiftFigure(number, mean_of(values), values[0],
                                (period.query(shift=number),))
                    for number, values in sorted(sums.shifts.items()) if values[0] > 0)
    candidates = [f for f in figures if f.boxes >= MIN_SHIFT_RECORDS and f.mean is not None]
    worst = max(candidates, key=lambda f: (f.mean, -f.shift), default=None)
    return figures, worst


def risks(sums: StationSums, period: Period, bands: RiskBands = RiskBands()
          ) -> tuple[DefectRisk, ...]:
    """Every defect seen, most frequent first (ties by name). See `DefectRisk`."""
    boxes = sums.total[0]
    if not boxes:
        return ()
    located: dict[str, dict[str, int]] = {}
    for (name, location), n in sums.rejections.items():
        if n > 0 and _named(location):
            located.setdefault(name, {})[location] = n
    figures = []
    for defect, count in sums.defect_boxes.items():
        if not _named(defect) or count <= 0:
            continue
        places = located.get(defect, {})
        location = min(places, key=lambda name: (-places[name], name)) if places else None
        frequency = count * 100.0 / boxes
        figures.append(DefectRisk(defect, count, frequency, bands.band(frequency), location,
                                  (period.query(defect=defect),)))
    figures.sort(key=lambda r: (-r.boxes, r.defect))
    return tuple(figures)


# --- anomalies ----------------------------------------------------------------------------


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
                 start: datetime | None, end: datetime | None
                 ) -> dict[str | None, list[Anomaly]]:
    """Per station (and the site, None): for CAM-D and CAM-W, the boxes strictly above that
    measurement's mean + 2 σ over the station's (the site's) records of the period (σ: sample
    standard deviation, n − 1), as one anomaly with their count. A measurement with fewer than
    MIN_SIGMA_VALUES values is not judged."""
    stations = [name for name in figures if name is not None]
    found: dict[str | None, list[Anomaly]] = {name: [] for name in figures}
    for measure, (n_at, sum_at, sq_at) in (("cam_d", (2, 3, 4)), ("cam_w", (5, 6, 7))):
        limits: dict[str | None, tuple[float, float, float]] = {}
        for name, sums in figures.items():
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
    found = []
    for week, (bucket, values) in weeks.items():
        previous_week = (datetime.fromisoformat(week) - timedelta(days=7)).date().isoformat()
        if previous_week not in weeks:
            continue
        previous_bucket, previous_values = weeks[previous_week]
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


def repeated_defects(runs: list[view_insights.Run], period: Period) -> list[Anomaly]:
    """Every maximal run of at least REPEAT_RUN consecutive records of one station (in record
    order) that all have the same defect (in any of their three rejections)."""
    return [Anomaly("repeated_defect", {"station": run.station, "defect": run.defect,
                                        "length": run.length},
                    (RowsQuery(station=run.station, after=run.first, until=run.last),))
            for run in runs if run.length >= REPEAT_RUN]


# --- recommendations ----------------------------------------------------------------------


def recommend(insight: StationInsight, bands: QualityBands) -> tuple[Recommendation, ...]:
    """Plain rules, most urgent first. Codes and parameters:

    - critical_band (mean, limit): mean CAM at or above the critical limit;
    - week_increase (week, previous, current, change_pct): per week_increase anomaly;
    - worsening_trend (first, second, change_pct);
    - repeated_defect (station, defect, length): per run;
    - cam_outliers (count): records above mean + 2 σ (in CAM-D, CAM-W or both) to review;
    - high_risk_defect (defect, frequency, location): per defect in the high risk band;
    - worst_shift (shift, mean, overall): the worst shift's mean CAM is more than 10 % above
      the overall mean;
    - attention_band (mean, limit): mean CAM in the attention band;
    - no_action (): data enough and none of the above.
    """
    found: list[Recommendation] = []
    mean = insight.mean_cam
    if insight.band == "critical":
        found.append(Recommendation("critical_band", {"mean": mean.value, "limit": bands.attention},
                                    mean.rows))
    for anomaly in insight.anomalies:
        if anomaly.kind == "week_increase":
            found.append(Recommendation("week_increase", dict(anomaly.params), anomaly.rows))
    if insight.trend.status == "worsening":
        found.append(Recommendation("worsening_trend", {
            "first": insight.trend.first.value, "second": insight.trend.second.value,
            "change_pct": insight.trend.change_pct}, insight.trend.rows))
    for anomaly in insight.anomalies:
        if anomaly.kind == "repeated_defect":
            found.append(Recommendation("repeated_defect", dict(anomaly.params), anomaly.rows))
    outliers = [a for a in insight.anomalies if a.kind == "cam_outlier"]
    if outliers:
        found.append(Recommendation("cam_outliers", {"count": insight.outlier_boxes},
                                    tuple(q for a in outliers for q in a.rows)))
    for risk in insight.risks:
        if risk.band == "high":
            found.append(Recommendation("high_risk_defect", {
                "defect": risk.defect, "frequency": risk.frequency, "location": risk.location},
                risk.rows))
    worst = insight.worst_shift
    if (worst is not None and mean.value is not None and worst.mean is not None
            and worst.mean > mean.value * (1 + TREND_THRESHOLD)):
        found.append(Recommendation("worst_shift", {"shift": worst.shift, "mean": worst.mean,
                                                    "overall": mean.value}, worst.rows))
    if insight.band == "attention":
        found.append(Recommendation("attention_band", {"mean": mean.value, "limit": bands.good},
                                    mean.rows))
    if not found and mean.value is not None and insight.trend.status != NOT_ENOUGH_DATA:
        found.append(Recommendation("no_action", {}, insight.rows))
    return tuple(found)


# --- putting it together ------------------------------------------------------------------


def site_insights(view, start: datetime | None = None, end: datetime | None = None, *,
                  station: str | None = None, bands: QualityBands = QualityBands(),
                  risk_bands: RiskBands = RiskBands(), top: int = TOP_N,
                  with_site: bool | None = None) -> list[StationInsight]:
    """The whole site first (unless one `station` is asked for, or `with_site` is False), then
    each station with records in [start, end) in id order, from the site view's sums (`view`:
    utils/site/site_view.SiteView)."""
    buckets = Buckets(view.zone_name)
    with view.database.read() as connection:
        figures: dict[str | None, StationSums] = dict(sorted(view_insights.insight_sums(
            connection, buckets, start, end, station).items()))
        if not figures:
            return []
        if with_site is None:
            with_site = station is None
        if with_site:
            site = StationSums()
            for sums in figures.values():
                site.merge(sums)
            figures = {None: site, **figures}
        outliers = cam_outliers(connection, figures, start, end)
        both = _outliers_in_both(connection, figures, outliers, start, end)
        runs = view_insights.runs(connection, start, end, station)
        halves = view_insights.splits(connection, buckets, figures, {
            name: sums.total[0] // 2 for name, sums in figures.items()})
    found = []
    for name, sums in figures.items():
        period = Period(start, end, name)
        mine = [run for run in runs if name is None or run.station == name]
        found.append(_station_insight(
            name, sums, period, trend(sums, period, halves.get(name)),
            outliers[name] + week_increases(sums, period, buckets)
            + repeated_defects(mine, period), both.get(name, 0),
            bands=bands, risk_bands=risk_bands, top=top))
    return found


def _outliers_in_both(connection, figures: dict[str | None, StationSums],
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


def _station_insight(station: str | None, sums: StationSums, period: Period, halves: Trend,
                     anomalies: list[Anomaly], in_both: int, *,
                     bands: QualityBands, risk_bands: RiskBands, top: int) -> StationInsight:
    cam_d, cam_w, mean = means(sums, period)
    shift_figures, worst = shifts(sums, period)
    named = _of_named_defects(sums)
    insight = StationInsight(
        station=station, boxes=sums.total[0], rows=(period.query(),),
        top_defects=shares(sums, period, "defect", top, named),
        top_locations=shares(sums, period, "location", top, named),
        cam_d=cam_d, cam_w=cam_w, mean_cam=mean, score=quality_score(mean.value),
        band="unknown" if mean.value is None else bands.rank(mean.value),
        trend=halves, shifts=shift_figures,
        worst_shift=worst, risks=risks(sums, period, risk_bands), anomalies=tuple(anomalies),
        locations_not_recorded=locations_not_recorded(sums, period, named), outlier_boxes=sum(
            a.count for a in anomalies if a.kind == "cam_outlier") - in_both)
    return replace(insight, recommendations=recommend(insight, bands))


def rows_behind(view, rows: Rows, limit: int | None = None
                ) -> tuple[list[dict[str, Any]], bool]:
    """The records behind a number (its `rows`), in order: at most `limit` (None:
    ROWS_LIMIT), and whether that is all of them."""
    with view.database.read() as connection:
        return view_insights.rows_behind(connection, Buckets(view.zone_name), rows,
                                         ROWS_LIMIT if limit is None else limit)
