"""Insights: per-station descriptive statistics for the admin panel's Insights tab.

The old system called this panel "AI"; it was, and here honestly is, plain statistics over the
production records. For the site and for each station it gives the top defects and locations,
the mean CAM-D / CAM-W, a half-split trend, the worst shift of the day, a quality score, defect
frequencies in risk bands, anomalies and rule-based recommendations. Every figure carries the
ids of the records it was computed from, so the panel can show the rows behind each number.

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

Recommendations are codes with parameters, never sentences: the GUI words them in the user's
language. No Qt here (layering rule).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import numpy as np
import pandas as pd

from config.catalogs import LOCATION_NOT_RECORDED, NO_REJECTION, QualityBands
from utils import analytics
from utils.shifts import SHIFT_STARTS, shift_of

Ids = tuple[str, ...]

TOP_N = 5
TREND_THRESHOLD = 0.10  # ±10 % relative change of the mean CAM (REFERENCE.md)
MIN_TREND_RECORDS = 4  # two records per half at least
SIGMA_FACTOR = 2.0  # outlier: above mean + 2 σ (REFERENCE.md)
# With n values, none can lie more than (n-1)/√n sample σ above their own mean: below 6 values
# the 2 σ rule can never fire, so fewer values are "not enough data" rather than "no anomaly".
MIN_SIGMA_VALUES = 6
WEEK_INCREASE = 0.30  # week over week > 30 % (REFERENCE.md)
MIN_WEEK_RECORDS = 3  # a week with fewer measured boxes is not compared
REPEAT_RUN = 3  # the same defect in this many consecutive records of a station
MIN_SHIFT_RECORDS = 3  # a shift with fewer boxes cannot be the worst one (one bad box is not a shift)

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
    counted; `record_ids` are the records with at least one such rejection."""

    name: str
    count: int
    share: float
    record_ids: Ids


@dataclass(frozen=True)
class Mean:
    """A mean (per cent) and the records it was computed from; None when none had a value."""

    value: float | None
    record_ids: Ids


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
    first: Mean
    second: Mean
    change_pct: float | None

    @property
    def record_ids(self) -> Ids:
        return self.first.record_ids + self.second.record_ids


@dataclass(frozen=True)
class ShiftFigure:
    """One shift of the day (1–3, utils.shifts) over every day of the period."""

    shift: int
    mean: float | None
    record_ids: Ids

    @property
    def boxes(self) -> int:
        return len(self.record_ids)


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
    record_ids: Ids


@dataclass(frozen=True)
class Anomaly:
    """kind: "cam_outlier" (params station, measure, value, mean, sigma, threshold, lot, box),
    "week_increase" (params week, previous_week, previous, current, change_pct) or
    "repeated_defect" (params station, defect, length)."""

    kind: str
    params: Mapping[str, Any]
    record_ids: Ids


@dataclass(frozen=True)
class Recommendation:
    """A rule that fired: a code the GUI words (see `recommend`) and its parameters."""

    code: str
    params: Mapping[str, Any]
    record_ids: Ids


@dataclass(frozen=True)
class StationInsight:
    """Every figure of one station (`station` None: the whole site)."""

    station: str | None
    record_ids: Ids
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

    @property
    def boxes(self) -> int:
        return len(self.record_ids)

    @property
    def anomaly_ids(self) -> Ids:
        """Every record behind any anomaly, each once, in record order."""
        return tuple(dict.fromkeys(i for anomaly in self.anomalies for i in anomaly.record_ids))


# --- building blocks ----------------------------------------------------------------------


def _shift_numbers(moments: pd.Series, timezone: str) -> list[int]:
    """utils.shifts.shift_of's number for each moment, looked up once per distinct quarter hour:
    the shifts start on quarter hours and every time-zone offset is a multiple of 15 minutes,
    so all moments of one UTC quarter hour are in the same shift."""
    if all(start.minute % 15 == 0 and start.second == 0 and start.microsecond == 0
           for start in SHIFT_STARTS):
        moments = moments.dt.floor("15min")
    known: dict[pd.Timestamp, int] = {}
    numbers = []
    for moment in moments:
        if moment not in known:
            known[moment] = shift_of(moment.to_pydatetime(), timezone).number
        numbers.append(known[moment])
    return numbers


def prepare(frame: pd.DataFrame, timezone: str) -> pd.DataFrame:
    """The records in order, measurements as floats, and the local shift number and week
    (Monday's ISO date in the site's time zone) of each record."""
    # Only the columns the statistics read: every slice below copies what it keeps.
    kept = [c for c in ("record_id", "station_id", "recorded_at", "lot", "box", "cam_d", "cam_w",
                        *(c for pair in analytics.REJECTION_COLUMNS for c in pair)) if c in frame]
    ordered = frame[kept].sort_values(["recorded_at", "record_id"]).reset_index(drop=True)
    ordered["record_id"] = ordered["record_id"].astype(str)
    for column in ("cam_d", "cam_w"):
        ordered[column] = pd.to_numeric(ordered[column], errors="coerce").astype(float)
    moments = ordered["recorded_at"]
    ordered["shift"] = _shift_numbers(moments, timezone)
    # Wall-clock dates without a zone: a local midnight may not exist (a DST start at 00:00,
    # as São Paulo had until 2019), and naive day arithmetic cannot cross a DST change.
    local_days = moments.dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    mondays = local_days - pd.to_timedelta(local_days.dt.day_of_week, unit="D")
    ordered["week"] = mondays.dt.strftime("%Y-%m-%d")
    return ordered


def _plain(value: Any) -> Any:
    """A plain Python value for parameters (pandas' NaN is None, NumPy numbers are int/float)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _ids(frame: pd.DataFrame) -> Ids:
    return tuple(frame["record_id"].tolist())


def _in_order(frame: pd.DataFrame, wanted: set[str]) -> Ids:
    return tuple(i for i in frame["record_id"].tolist() if i in wanted)


def mean_cam(frame: pd.DataFrame) -> Mean:
    """Average of mean CAM-D and mean CAM-W (each over the records that have it); the ids are
    the records with at least one measurement."""
    d, w = frame["cam_d"].to_numpy(float), frame["cam_w"].to_numpy(float)
    means = [float(values[~np.isnan(values)].mean()) for values in (d, w)
             if (~np.isnan(values)).any()]
    measured = ~(np.isnan(d) & np.isnan(w))
    return Mean(sum(means) / len(means) if means else None,
                tuple(frame["record_id"].to_numpy()[measured].tolist()))


def column_mean(frame: pd.DataFrame, column: str) -> Mean:
    values = frame[column].to_numpy(float)
    having = ~np.isnan(values)
    return Mean(float(values[having].mean()) if having.any() else None,
                tuple(frame["record_id"].to_numpy()[having].tolist()))


def quality_score(mean: float | None) -> float | None:
    """100 − 10 × mean CAM, clipped to 0..100 (the old panel's formula)."""
    if mean is None:
        return None
    return min(100.0, max(0.0, 100.0 - 10.0 * mean))


def _named(value: Any) -> bool:
    return isinstance(value, str) and value not in ("", NO_REJECTION, LOCATION_NOT_RECORDED)


def locations_not_recorded(frame: pd.DataFrame, found: pd.DataFrame | None = None
                           ) -> Share | None:
    """The rejections (of a named defect) whose location was not recorded, with their share of
    all such rejections; None when every location is known."""
    found = analytics.rejections(frame) if found is None else found
    defects = [d for d in found["defect"].tolist() if _named(d)]
    records = [str(record) for defect, location, record in
               zip(found["defect"].tolist(), found["location"].tolist(),
                   found["record_id"].tolist())
               if _named(defect) and location == LOCATION_NOT_RECORDED]
    if not records:
        return None
    return Share(LOCATION_NOT_RECORDED, len(records), len(records) * 100.0 / len(defects),
                 _in_order(frame, set(records)))


def shares(frame: pd.DataFrame, column: str, top: int = TOP_N,
           found: pd.DataFrame | None = None) -> tuple[Share, ...]:
    """Top defects (`column` "defect") or locations ("location") over the rejections of the
    records given (N/A and empty left out), most frequent first, ties by name; share is the
    per cent of the rejections counted. `found` is analytics.rejections(frame), if known."""
    found = analytics.rejections(frame) if found is None else found
    groups: dict[str, list[str]] = {}
    for name, record in zip(found[column].tolist(), found["record_id"].tolist()):
        if _named(name):
            groups.setdefault(name, []).append(str(record))
    total = sum(len(records) for records in groups.values())
    figures = [Share(name, len(records), len(records) * 100.0 / total, _in_order(frame, set(records)))
               for name, records in groups.items()]
    figures.sort(key=lambda s: (-s.count, s.name))
    return tuple(figures[:top])


def trend(frame: pd.DataFrame) -> Trend:
    """See `Trend` for the exact rule; `frame` must be in record order (`prepare`)."""
    half = len(frame) // 2
    head, tail = frame.iloc[:half], frame.iloc[half:]
    first, second = Mean(mean_cam(head).value, _ids(head)), Mean(mean_cam(tail).value, _ids(tail))
    if len(frame) < MIN_TREND_RECORDS or first.value is None or second.value is None:
        return Trend(NOT_ENOUGH_DATA, first, second, None)
    if first.value == 0:
        return Trend("stable" if second.value == 0 else "worsening", first, second, None)
    change = (second.value - first.value) / first.value
    # Rounded far below display precision so that a change of exactly 10 %, computed with
    # binary floats (e.g. 3.3 / 3.0 − 1 = 0.0999…), stays on the side the rule says.
    rounded = round(change, 9)
    status = ("worsening" if rounded > TREND_THRESHOLD else
              "improving" if rounded < -TREND_THRESHOLD else "stable")
    return Trend(status, first, second, change * 100.0)


def shifts(frame: pd.DataFrame) -> tuple[tuple[ShiftFigure, ...], ShiftFigure | None]:
    """Each shift's mean CAM, and the worst one: the highest mean CAM among the shifts with at
    least MIN_SHIFT_RECORDS boxes (ties: the lower shift number); None if no shift qualifies."""
    figures = tuple(ShiftFigure(int(number), mean_cam(group).value, _ids(group))
                    for number, group in frame.groupby("shift", sort=True))
    candidates = [f for f in figures if f.boxes >= MIN_SHIFT_RECORDS and f.mean is not None]
    worst = max(candidates, key=lambda f: (f.mean, -f.shift), default=None)
    return figures, worst


def risks(frame: pd.DataFrame, bands: RiskBands = RiskBands(),
          found: pd.DataFrame | None = None) -> tuple[DefectRisk, ...]:
    """Every defect seen, most frequent first (ties by name). See `DefectRisk`."""
    if frame.empty:
        return ()
    found = analytics.rejections(frame) if found is None else found
    records: dict[str, set[str]] = {}
    locations: dict[str, dict[str, int]] = {}
    for defect, location, record in zip(found["defect"].tolist(), found["location"].tolist(),
                                        found["record_id"].tolist()):
        if not _named(defect):
            continue
        records.setdefault(defect, set()).add(str(record))
        if _named(location):
            counts = locations.setdefault(defect, {})
            counts[location] = counts.get(location, 0) + 1
    figures = []
    for defect, wanted in records.items():
        frequency = len(wanted) * 100.0 / len(frame)
        counts = locations.get(defect, {})
        location = min(counts, key=lambda name: (-counts[name], name)) if counts else None
        figures.append(DefectRisk(defect, len(wanted), frequency, bands.band(frequency), location,
                                  _in_order(frame, wanted)))
    figures.sort(key=lambda r: (-r.boxes, r.defect))
    return tuple(figures)


# --- anomalies ----------------------------------------------------------------------------


def cam_outliers(frame: pd.DataFrame) -> list[Anomaly]:
    """Records whose CAM-D (or CAM-W) is strictly above that measurement's mean + 2 σ over the
    records given (σ: sample standard deviation, n − 1). One anomaly per record and
    measurement; a measurement with fewer than MIN_SIGMA_VALUES values is not judged."""
    found = []
    for column in ("cam_d", "cam_w"):
        all_values = frame[column].to_numpy(float)
        values = all_values[~np.isnan(all_values)]
        if len(values) < MIN_SIGMA_VALUES:
            continue
        mean, sigma = float(values.mean()), float(values.std(ddof=1))
        threshold = mean + SIGMA_FACTOR * sigma
        for position in np.flatnonzero(all_values > threshold):  # NaN compares False
            row = frame.iloc[int(position)]
            found.append(Anomaly("cam_outlier", {
                "station": str(row["station_id"]), "measure": column,
                "value": float(all_values[position]), "mean": mean, "sigma": sigma,
                "threshold": threshold, "lot": _plain(row.get("lot")), "box": _plain(row.get("box")),
                "recorded_at": row["recorded_at"].isoformat()}, (str(row["record_id"]),)))
    return found


def week_increases(frame: pd.DataFrame) -> list[Anomaly]:
    """Weeks (Monday to Sunday, site time) whose mean CAM rose more than 30 % over the week
    just before: (current − previous) / previous > 0.30. Both weeks need MIN_WEEK_RECORDS
    measured boxes; a previous mean of 0 followed by a positive one counts (change None)."""
    measured = frame[frame["cam_d"].notna() | frame["cam_w"].notna()]
    weeks = {week: group for week, group in measured.groupby("week", sort=True)
             if len(group) >= MIN_WEEK_RECORDS}
    found = []
    for week, group in weeks.items():
        previous_week = (pd.Timestamp(week) - pd.Timedelta(days=7)).strftime("%Y-%m-%d")
        if previous_week not in weeks:
            continue
        before, now = mean_cam(weeks[previous_week]).value, mean_cam(group).value
        if before is None or now is None:
            continue
        if before == 0:
            change, fired = None, now > 0
        else:
            change = (now - before) / before
            fired = round(change, 9) > WEEK_INCREASE
        if fired:
            found.append(Anomaly("week_increase", {
                "week": week, "previous_week": previous_week, "previous": before, "current": now,
                "change_pct": None if change is None else change * 100.0},
                _ids(weeks[previous_week]) + _ids(group)))
    return found


def repeated_defects(frame: pd.DataFrame) -> list[Anomaly]:
    """Every maximal run of at least REPEAT_RUN consecutive records of one station (in record
    order) that all have the same defect (in any of their three rejections)."""
    found = []
    columns = [defect for defect, _location in analytics.REJECTION_COLUMNS if defect in frame]
    for station, group in frame.groupby("station_id", sort=True):
        runs: dict[str, list[str]] = {}  # defect -> ids of the run still open

        def close(defect: str) -> None:
            ids = runs.pop(defect)
            if len(ids) >= REPEAT_RUN:
                found.append(Anomaly("repeated_defect", {
                    "station": str(station), "defect": defect, "length": len(ids)}, tuple(ids)))

        for record, *defects in zip(group["record_id"].tolist(),
                                    *(group[c].tolist() for c in columns)):
            present = {d for d in defects if _named(d)}
            for defect in [d for d in runs if d not in present]:
                close(defect)
            for defect in sorted(present):
                runs.setdefault(defect, []).append(str(record))
        for defect in sorted(runs):
            close(defect)
    return found


# --- recommendations ----------------------------------------------------------------------


def recommend(insight: StationInsight, bands: QualityBands) -> tuple[Recommendation, ...]:
    """Plain rules, most urgent first. Codes and parameters:

    - critical_band (mean, limit): mean CAM at or above the critical limit;
    - week_increase (week, previous, current, change_pct): per week_increase anomaly;
    - worsening_trend (first, second, change_pct);
    - repeated_defect (station, defect, length): per run;
    - cam_outliers (count): records above mean + 2 σ to review;
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
                                    mean.record_ids))
    for anomaly in insight.anomalies:
        if anomaly.kind == "week_increase":
            found.append(Recommendation("week_increase", dict(anomaly.params), anomaly.record_ids))
    if insight.trend.status == "worsening":
        found.append(Recommendation("worsening_trend", {
            "first": insight.trend.first.value, "second": insight.trend.second.value,
            "change_pct": insight.trend.change_pct}, insight.trend.record_ids))
    for anomaly in insight.anomalies:
        if anomaly.kind == "repeated_defect":
            found.append(Recommendation("repeated_defect", dict(anomaly.params), anomaly.record_ids))
    outliers = [a for a in insight.anomalies if a.kind == "cam_outlier"]
    if outliers:
        ids = tuple(dict.fromkeys(i for a in outliers for i in a.record_ids))
        found.append(Recommendation("cam_outliers", {"count": len(ids)}, ids))
    for risk in insight.risks:
        if risk.band == "high":
            found.append(Recommendation("high_risk_defect", {
                "defect": risk.defect, "frequency": risk.frequency, "location": risk.location},
                risk.record_ids))
    worst = insight.worst_shift
    if (worst is not None and mean.value is not None and worst.mean is not None
            and worst.mean > mean.value * (1 + TREND_THRESHOLD)):
        found.append(Recommendation("worst_shift", {"shift": worst.shift, "mean": worst.mean,
                                                    "overall": mean.value}, worst.record_ids))
    if insight.band == "attention":
        found.append(Recommendation("attention_band", {"mean": mean.value, "limit": bands.good},
                                    mean.record_ids))
    if not found and mean.value is not None and insight.trend.status != NOT_ENOUGH_DATA:
        found.append(Recommendation("no_action", {}, insight.record_ids))
    return tuple(found)


# --- putting it together ------------------------------------------------------------------


def station_insight(prepared: pd.DataFrame, station: str | None, *,
                    bands: QualityBands = QualityBands(), risk_bands: RiskBands = RiskBands(),
                    top: int = TOP_N, found: pd.DataFrame | None = None) -> StationInsight:
    """The figures of one station (None: every record given). `prepared` comes from `prepare`
    (ordered, with shift and week); `found` is analytics.rejections(prepared), if known."""
    frame = prepared if station is None else prepared[prepared["station_id"] == station]
    found = analytics.rejections(prepared) if found is None else found
    if station is not None:
        found = found[found["station_id"] == station]
    mean = mean_cam(frame)
    shift_figures, worst = shifts(frame)
    anomalies = cam_outliers(frame) + week_increases(frame) + repeated_defects(frame)
    insight = StationInsight(
        station=station, record_ids=_ids(frame),
        top_defects=shares(frame, "defect", top, found),
        top_locations=shares(frame, "location", top, found),
        cam_d=column_mean(frame, "cam_d"), cam_w=column_mean(frame, "cam_w"), mean_cam=mean,
        score=quality_score(mean.value),
        band="unknown" if mean.value is None else bands.rank(mean.value),
        trend=trend(frame), shifts=shift_figures, worst_shift=worst,
        risks=risks(frame, risk_bands, found), anomalies=tuple(anomalies),
        locations_not_recorded=locations_not_recorded(frame, found))
    return replace(insight, recommendations=recommend(insight, bands))


def site_insights(frame: pd.DataFrame, timezone: str, *, bands: QualityBands = QualityBands(),
                  risk_bands: RiskBands = RiskBands(), top: int = TOP_N,
                  with_site: bool = True) -> list[StationInsight]:
    """The whole site first (unless `with_site` is False), then each station in id order.
    `frame` is analytics.records_frame / load_site_records output (active records)."""
    if frame.empty:
        return []
    prepared = prepare(frame, timezone)
    found = analytics.rejections(prepared)
    stations = sorted(str(s) for s in prepared["station_id"].dropna().unique())
    wanted: list[str | None] = ([None] if with_site else []) + list(stations)
    return [station_insight(prepared, station, bands=bands, risk_bands=risk_bands, top=top,
                            found=found) for station in wanted]
