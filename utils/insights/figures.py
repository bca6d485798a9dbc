"""The figures of the Insights tab as values: their definitions, limits and dataclasses.

What each figure means is written in the package docstring (utils/insights/__init__.py) and on
each class; the numbers in REFERENCE.md are the constants below. No I/O, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Mapping, NamedTuple

from data.view_rows import RowsQuery
from data.view_runs import Run
from models.canonical import format_utc

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


class Anomaly(NamedTuple):  # a tuple: a year's site has tens of thousands
    """kind: "cam_outlier" (params station (None: the site), measure, count, mean, sigma,
    threshold: `count` boxes of the period whose measurement is above mean + 2 σ),
    "week_increase" (params week, previous_week, previous, current, change_pct) or
    "repeated_defect" (params station, defect, length). `count`: the anomalies it stands for
    (one per box above the threshold; one for the others)."""

    kind: str
    params: Mapping[str, Any]
    rows: Rows
    count: int = 1


class Recommendation(NamedTuple):  # a tuple: one per repeated-defect run too
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
    band: str  # excellent / good / attention / critical / unknown (config.catalog.QualityBands)
    trend: Trend
    shifts: tuple[ShiftFigure, ...]
    worst_shift: ShiftFigure | None
    risks: tuple[DefectRisk, ...]
    found: tuple[Anomaly, ...]  # the anomalies but the runs: boxes above 2 σ, weeks that rose
    # The repeated-defect runs, in order: each is one anomaly and one recommendation, made
    # when asked (`anomalies`, `recommendations`, `listed_*`), since a year's site has
    # nineteen thousand and a screen lists fifty.
    runs: tuple[Run, ...] = ()
    advice: tuple[Recommendation, ...] = ()  # the recommendations but the runs'
    runs_advised_at: int = 0  # where the runs' recommendations stand among `advice`
    # Rejections whose location the old system did not record: count, share of all rejections.
    locations_not_recorded: Share | None = None
    outlier_boxes: int = 0  # boxes above 2 σ in CAM-D, CAM-W or both (each once)

    @cached_property
    def anomalies(self) -> tuple[Anomaly, ...]:
        """Every anomaly: `found`, then one per run."""
        return (*self.found, *map(run_anomaly, self.runs))

    @cached_property
    def recommendations(self) -> tuple[Recommendation, ...]:
        """Every recommendation, most urgent first (utils/insights/advice.py): `advice` with
        one per run where the runs' stand."""
        at = self.runs_advised_at
        return (*self.advice[:at], *map(run_recommendation, self.runs), *self.advice[at:])

    @property
    def anomaly_count(self) -> int:
        """Boxes above 2 σ (per measurement), weeks that rose and runs, together."""
        return sum(anomaly.count for anomaly in self.found) + len(self.runs)

    @property
    def anomaly_rows(self) -> Rows:
        """Every record behind any anomaly (the runs' queries without their anomalies: the
        site's row asks on the GUI thread)."""
        return (*(query for anomaly in self.found for query in anomaly.rows),
                *(query for run in self.runs for query in run_rows(run)))

    def longest_runs(self, limit: int) -> tuple[list[Run], int]:
        """The `limit` longest runs, longest first (ties in their order), and how many runs
        are left out."""
        longest = sorted(self.runs, key=lambda run: -run.length)[:limit]
        return longest, len(self.runs) - len(longest)

    def listed_anomalies(self, runs: int) -> tuple[list[Anomaly], int]:
        """The anomalies with only the `runs` longest runs (longest_runs), and how many runs
        are left out."""
        longest, left_out = self.longest_runs(runs)
        return [*self.found, *map(run_anomaly, longest)], left_out

    def listed_recommendations(self, runs: int) -> tuple[list[Recommendation], int, int]:
        """The recommendations with only those of the `runs` longest runs, how many runs are
        left out, and where the runs listed end."""
        longest, left_out = self.longest_runs(runs)
        at = self.runs_advised_at
        return ([*self.advice[:at], *map(run_recommendation, longest), *self.advice[at:]],
                left_out, at + len(longest))


def run_anomaly(run: Run) -> Anomaly:
    """A run's anomaly: every maximal run of at least REPEAT_RUN consecutive records of one
    station (in record order) that all have the same defect (in any of their three
    rejections)."""
    return Anomaly("repeated_defect", run_params(run), run_rows(run))


def run_recommendation(run: Run) -> Recommendation:
    """A run's recommendation (code repeated_defect: station, defect, length)."""
    return Recommendation("repeated_defect", run_params(run), run_rows(run))


def run_params(run: Run) -> dict[str, Any]:
    return {"station": run.station, "defect": run.defect, "length": run.length}


def run_rows(run: Run) -> Rows:
    # RowsQuery by position (station, start, end, after, until): twice as fast as by name.
    return (RowsQuery(run.station, None, None, run.first, run.last),)


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

