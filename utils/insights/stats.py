"""Descriptive figures of one station (or the site) from its sums: means, shares, the
half-split trend, shifts and defect risks (definitions: utils/insights/__init__.py)."""

from __future__ import annotations

from typing import Any

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION
from data import view_insights
from data.view_insights import Key, StationSums
from utils.insights.figures import (
    MIN_SHIFT_RECORDS, MIN_TREND_RECORDS, NOT_ENOUGH_DATA, TOP_N, TREND_THRESHOLD, DefectRisk,
    Mean, Period, RiskBands, Share, ShiftFigure, Trend,
)


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


def named_defects(sums: StationSums) -> list[tuple[str, str, int]]:
    """(defect, location, rejections) of the named defects."""
    return [(defect, location, n) for (defect, location), n in sums.rejections.items()
            if n > 0 and _named(defect)]


def locations_not_recorded(sums: StationSums, period: Period,
                           named: list[tuple[str, str, int]] | None = None) -> Share | None:
    """The rejections (of a named defect) whose location was not recorded, with their share of
    all such rejections; None when every location is known."""
    named = named_defects(sums) if named is None else named
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
    for pair in named_defects(sums) if named is None else named:
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

