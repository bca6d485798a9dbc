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
- **Location not recorded** (imports of the old system, config.catalog.LOCATION_NOT_RECORDED)
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

import threading
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Collection

from config.catalog import QualityBands
from data import view_insights, view_rows, view_runs
from data.view_buckets import Buckets
from data.view_insights import StationSums
from data.view_runs import Run
from data.view_store import AGGREGATES_VERSION, RECORDS_VERSION
from utils.collector import paused_collector
from utils.insights.advice import recommend
from utils.insights.anomalies import cam_outliers, week_increases
from utils.insights.figures import (
    NOT_ENOUGH_DATA, REPEAT_RUN, ROWS_LIMIT, TOP_N, Anomaly, Period, Recommendation, RiskBands,
    Rows, StationInsight,
)
from utils.insights.stats import (
    locations_not_recorded, means, named_defects, quality_score, risks, shares, shifts, trend,
)

# The names the admin panel and its tests use: the package's public face.
__all__ = ["NOT_ENOUGH_DATA", "ROWS_LIMIT", "Anomaly", "LiveInsights", "Recommendation",
           "RiskBands", "Rows", "StationInsight", "quality_score", "rows_behind",
           "site_insights"]


def site_insights(view, start: datetime | None = None, end: datetime | None = None, *,
                  station: str | None = None, bands: QualityBands = QualityBands(),
                  risk_bands: RiskBands = RiskBands(), top: int = TOP_N,
                  with_site: bool | None = None) -> list[StationInsight]:
    """The whole site first (unless one `station` is asked for, or `with_site` is False), then
    each station with records in [start, end) in id order, from the site view's sums (`view`:
    utils/site/site_view.SiteView)."""
    with paused_collector():  # a year's plant: many objects, no cycles (utils/collector.py)
        return _compute(view, start, end, station=station, bands=bands, risk_bands=risk_bands,
                        top=top, with_site=with_site).listed()


class LiveInsights:
    """The Insights of one screen kept between computations, for refreshing them as records
    arrive: it reads and computes again only the stations whose records changed since the
    last computation, and the site's figures from every station's sums (kept). Which stations
    changed, the view itself says: a number per station that its writer moves with the
    records, in the same transaction (data/view_store.py), so records stored by another
    process count too; `changed` adds to them (stations a caller wants read again). A
    station's figures depend on its own records alone, so the result equals a computation
    from scratch (tests/utils/test_insights_live.py). Anything else (other options, another
    view, aggregates counted again, `changed` None, a computation that failed) computes
    everything."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one computation at a time reads and replaces _kept
        self._kept: _Computed | None = None

    def compute(self, view, start: datetime | None = None, end: datetime | None = None, *,
                changed: Collection[str] | None, station: str | None = None,
                bands: QualityBands = QualityBands(), risk_bands: RiskBands = RiskBands(),
                top: int = TOP_N, with_site: bool | None = None) -> list[StationInsight]:
        """site_insights' figures. `changed`: stations to read again besides those the
        view's numbers say changed (None: everything is read again)."""
        with self._lock, paused_collector():
            kept, self._kept = self._kept, None  # a failed computation leaves nothing behind
            computed = _compute(view, start, end, station=station, bands=bands,
                                risk_bands=risk_bands, top=top, with_site=with_site,
                                kept=kept, changed=changed)
            self._kept = computed
            return computed.listed()

    @property
    def reused(self) -> int:
        """Stations whose figures the last computation took from the one before (tests)."""
        return 0 if self._kept is None else self._kept.reused


@dataclass
class _Computed:
    """One computation's figures and what the next one may take from it."""

    view: Any
    key: tuple  # everything the figures depend on but the records
    versions: dict[str, str]  # the view's numbers that move with each station's records
    sums: dict[str, StationSums]  # per station (the site's are merged from these)
    insights: dict[str | None, StationInsight]  # the site (None) first, then by station
    reused: int = 0

    def listed(self) -> list[StationInsight]:
        return list(self.insights.values())


def _compute(view, start: datetime | None, end: datetime | None, *, station: str | None,
             bands: QualityBands, risk_bands: RiskBands, top: int, with_site: bool | None,
             kept: "_Computed | None" = None,
             changed: Collection[str] | None = None) -> _Computed:
    """Every figure, or (with `kept` from the same options and view, and `changed`) those of
    the changed stations and the site, the others taken from `kept`."""
    if with_site is None:
        with_site = station is None
    key = (view.zone_name, start, end, station, bands, risk_bands, top, with_site)
    buckets = Buckets(view.zone_name)
    with view.database.read() as connection:
        versions = view_insights.versions(connection)  # this reading's, with everything below
        read: set[str] | None = None  # the stations read again (None: all)
        if (kept is not None and changed is not None and kept.view is view and kept.key == key
                and versions.get(AGGREGATES_VERSION) == kept.versions.get(AGGREGATES_VERSION)):
            # Told (`changed`) or not (another process stored them): the view's numbers say.
            moved = {name.removeprefix(RECORDS_VERSION) for name in {*versions, *kept.versions}
                     if name.startswith(RECORDS_VERSION)
                     and versions.get(name) != kept.versions.get(name)}
            read = ({*changed, *moved} if station is None else {*changed, *moved} & {station})
        one = station if read is None else None
        fresh = view_insights.insight_sums(connection, buckets, start, end, one, stations=read)
        if read is None:
            stations = dict(sorted(fresh.items()))
        else:
            assert kept is not None
            stations = dict(sorted({**{name: sums for name, sums in kept.sums.items()
                                       if name not in read}, **fresh}.items()))
        if not stations:
            return _Computed(view, key, versions, {}, {})
        figures: dict[str | None, StationSums] = dict(stations)
        if with_site:
            site = StationSums()
            for sums in stations.values():
                site.merge(sums)
            figures = {None: site, **figures}
        judged = [name for name in figures if name is None or read is None or name in read]
        outliers, both = cam_outliers(connection, figures, start, end, read)
        runs = view_runs.runs(connection, start, end, one, stations=read)
        halves = view_insights.splits(connection, buckets, figures, {
            name: figures[name].total[0] // 2 for name in judged})
    runs_of: dict[str, list[Run]] = {}  # in order, by station (as read)
    for run in runs:
        if run.length >= REPEAT_RUN:
            runs_of.setdefault(run.station, []).append(run)
    found: dict[str | None, StationInsight] = {}
    reused = 0
    for name in stations:
        if read is not None and name not in read:
            assert kept is not None
            found[name] = kept.insights[name]
            reused += 1
            continue
        found[name] = _station_insight(name, figures[name], Period(start, end, name), halves,
                                       outliers[name], both.get(name, 0), buckets,
                                       tuple(runs_of.get(name, ())), bands, risk_bands, top)
    if with_site:
        every_run = tuple(run for name in stations for run in found[name].runs)
        found = {None: _station_insight(None, figures[None], Period(start, end, None), halves,
                                        outliers[None], both.get(None, 0), buckets, every_run,
                                        bands, risk_bands, top), **found}
    return _Computed(view, key, versions, stations, found, reused)


def _station_insight(name: str | None, sums: StationSums, period: Period,
                     halves: dict, outliers: list[Anomaly], in_both: int, buckets: Buckets,
                     runs: tuple[Run, ...], bands: QualityBands, risk_bands: RiskBands,
                     top: int) -> StationInsight:
    """One station's (or the site's) figures from its sums and what was read for it."""
    cam_d, cam_w, mean = means(sums, period)
    shift_figures, worst = shifts(sums, period)
    named = named_defects(sums)
    insight = StationInsight(
        station=name, boxes=sums.total[0], rows=(period.query(),),
        top_defects=shares(sums, period, "defect", top, named),
        top_locations=shares(sums, period, "location", top, named),
        cam_d=cam_d, cam_w=cam_w, mean_cam=mean, score=quality_score(mean.value),
        band="unknown" if mean.value is None else bands.rank(mean.value),
        trend=trend(sums, period, halves.get(name)), shifts=shift_figures,
        worst_shift=worst, risks=risks(sums, period, risk_bands),
        found=(*outliers, *week_increases(sums, period, buckets)), runs=runs,
        locations_not_recorded=locations_not_recorded(sums, period, named),
        outlier_boxes=sum(a.count for a in outliers) - in_both)
    advice, runs_at = recommend(insight, bands)
    return replace(insight, advice=advice, runs_advised_at=runs_at)


def rows_behind(view, rows: Rows, limit: int | None = None
                ) -> tuple[list[dict[str, Any]], bool]:
    """The records behind a number (its `rows`), in order: at most `limit` (None:
    ROWS_LIMIT), and whether that is all of them."""
    with view.database.read() as connection:
        return view_rows.rows_behind(connection, Buckets(view.zone_name), rows,
                                         ROWS_LIMIT if limit is None else limit)
