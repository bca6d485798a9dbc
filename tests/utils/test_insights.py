"""Insights statistics checked against independent hand computations.

On the legacy sample every figure is recomputed here in plain Python from the parsed rows (no
pandas, no models.shifts); small hand-made record sets pin down each rule's edges (trend limits,
2 σ outliers, week over week, repeated defects, recommendations).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from config.catalog import NO_REJECTION, QualityBands, default_catalog
from data.legacy_import import parse_legacy_csv
from models.canonical import format_utc
from tests.gui.test_admin_dashboard import site_row
from tests.utils.site.viewkit import ViewOnDisk
from utils import dashboard_figures, insights

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "legacy_dados_producao.csv"
ZONE = "America/Sao_Paulo"


# --- the legacy sample, by hand ---------------------------------------------------------------


@pytest.fixture(scope="module")
def records():
    """Plain dicts, one per parsed row, with the ids the frame gets."""
    out = []
    for index, row in enumerate(parse_legacy_csv(SAMPLE, default_catalog(), ZONE).rows):
        draft = row.draft
        out.append({"record_id": f"r{index:05d}", "station_id": row.station_id,
                    "when": row.recorded_at_utc, "lot": draft.lot, "box": draft.box,
                    "cam_d": draft.cam_d, "cam_w": draft.cam_w,
                    "rejections": [(r.defect, r.location) for r in draft.rejections
                                   if r.defect and r.defect != NO_REJECTION]})
    return out


def rows_of(records):
    """Site view rows (every record column) for the hand records."""
    return [site_row(record["record_id"], record["station_id"], format_utc(record["when"]),
                     cam_d=record["cam_d"], cam_w=record["cam_w"],
                     rejections=record["rejections"], lot=record.get("lot", "L1"),
                     box=record.get("box", 1)) for record in records]


_views: list = []


@pytest.fixture(autouse=True, scope="module")
def _close_views():
    yield
    while _views:
        view, folder = _views.pop()
        view.close()
        shutil.rmtree(folder, ignore_errors=True)


def view_of(records, *versions):
    """A real site view database holding the records (then each list of later versions)."""
    folder = Path(tempfile.mkdtemp(prefix="insights-"))
    view = ViewOnDisk(folder, ZONE)
    _views.append((view, folder))
    view.put(rows_of(records))
    for later in versions:
        view.put(later)
    return view


def site_insights(view, **options):
    return insights.site_insights(view, **options)


def ids(view, rows) -> tuple[str, ...]:
    """The ids of the records behind a figure, read with its queries."""
    found, complete = insights.rows_behind(view, rows)
    assert complete
    return tuple(record["record_id"] for record in found)


@pytest.fixture(scope="module")
def sample_view(records):
    return view_of(records)


@pytest.fixture(scope="module")
def computed(sample_view):
    return {i.station: i for i in site_insights(sample_view)}


def groups(records):
    """Site (None) and each station, records in time order (ties by id)."""
    ordered = sorted(records, key=lambda r: (r["when"], r["record_id"]))
    by_station = defaultdict(list)
    for record in ordered:
        by_station[record["station_id"]].append(record)
    return {None: ordered, **by_station}


def hand_mean_cam(records):
    d = [r["cam_d"] for r in records if r["cam_d"] is not None]
    w = [r["cam_w"] for r in records if r["cam_w"] is not None]
    means = [sum(v) / len(v) for v in (d, w) if v]
    return sum(means) / len(means) if means else None


def hand_shift(moment: datetime) -> int:
    hour = moment.astimezone(ZoneInfo(ZONE)).hour
    return 1 if 6 <= hour < 14 else 2 if 14 <= hour < 22 else 3


def test_sample_covers_every_station_and_the_site(records, computed):
    assert set(computed) == {None} | {r["station_id"] for r in records}
    assert computed[None].boxes == len(records) == 600
    assert list(computed)[0] is None  # the site first, then stations in order
    assert list(computed)[1:] == sorted(s for s in computed if s is not None)


def test_top_defects_and_locations(records, computed, sample_view):
    for station, rows in groups(records).items():
        for index, key in ((0, "top_defects"), (1, "top_locations")):
            counts = Counter(pair[index] for r in rows for pair in r["rejections"]
                             if pair[index] and pair[index] != NO_REJECTION)
            total = sum(counts.values())
            expected = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]
            got = getattr(computed[station], key)
            assert [(s.name, s.count) for s in got] == expected, (station, key)
            for share in got:
                assert share.share == pytest.approx(share.count * 100 / total)
                assert ids(sample_view, share.rows) == tuple(
                    r["record_id"] for r in rows
                    if any(pair[index] == share.name for pair in r["rejections"]))


def test_means_and_quality_score(records, computed, sample_view):
    for station, rows in groups(records).items():
        insight = computed[station]
        d = [r["cam_d"] for r in rows if r["cam_d"] is not None]
        w = [r["cam_w"] for r in rows if r["cam_w"] is not None]
        assert insight.cam_d.value == pytest.approx(sum(d) / len(d))
        assert insight.cam_w.value == pytest.approx(sum(w) / len(w))
        mean = (sum(d) / len(d) + sum(w) / len(w)) / 2
        assert insight.mean_cam.value == pytest.approx(mean)
        assert insight.score == pytest.approx(min(100, max(0, 100 - 10 * mean)))
        assert insight.band == QualityBands().rank(mean)
        assert ids(sample_view, insight.mean_cam.rows) == tuple(
            r["record_id"] for r in rows if r["cam_d"] is not None or r["cam_w"] is not None)
    # the station means are the dashboard's
    table = dashboard_figures.station_means(dashboard_figures.records_frame(rows_of(records))).set_index("station")
    for station in table.index:
        assert computed[station].mean_cam.value == pytest.approx(table.loc[station, "mean"])


def test_half_split_trend(records, computed, sample_view):
    statuses = Counter()
    for station, rows in groups(records).items():
        half = len(rows) // 2
        first, second = hand_mean_cam(rows[:half]), hand_mean_cam(rows[half:])
        change = (second - first) / first
        expected = "worsening" if change > 0.10 else "improving" if change < -0.10 else "stable"
        trend = computed[station].trend
        assert trend.status == expected, station
        assert trend.change_pct == pytest.approx(change * 100)
        assert ids(sample_view, trend.first.rows) == tuple(r["record_id"] for r in rows[:half])
        assert ids(sample_view, trend.second.rows) == tuple(r["record_id"] for r in rows[half:])
        assert (trend.first.n, trend.second.n) == (half, len(rows) - half)
        statuses[expected] += 1
    assert set(statuses) == {"worsening", "improving", "stable"}  # the sample has all three


def test_worst_shift(records, computed, sample_view):
    for station, rows in groups(records).items():
        by_shift = defaultdict(list)
        for r in rows:
            by_shift[hand_shift(r["when"])].append(r)
        insight = computed[station]
        assert {(f.shift, f.boxes) for f in insight.shifts} == {
            (number, len(group)) for number, group in by_shift.items()}
        for figure in insight.shifts:
            assert figure.mean == pytest.approx(hand_mean_cam(by_shift[figure.shift]))
            assert ids(sample_view, figure.rows) == tuple(
                r["record_id"] for r in by_shift[figure.shift])
        candidates = [(hand_mean_cam(g), -n, n) for n, g in by_shift.items() if len(g) >= 3]
        assert insight.worst_shift.shift == max(candidates)[2]


def test_defect_frequency_and_risk_bands(records, computed, sample_view):
    for station, rows in groups(records).items():
        expected = {}
        for r in rows:
            for defect in {pair[0] for pair in r["rejections"]}:
                expected.setdefault(defect, []).append(r["record_id"])
        risks = computed[station].risks
        assert {risk.defect: list(ids(sample_view, risk.rows)) for risk in risks} == expected
        for risk in risks:
            frequency = len(expected[risk.defect]) * 100 / len(rows)
            assert risk.frequency == pytest.approx(frequency)
            assert risk.band == ("high" if frequency >= 20 else "medium" if frequency >= 10 else "low")
            places = Counter(pair[1] for r in rows for pair in r["rejections"]
                             if pair[0] == risk.defect and pair[1] != NO_REJECTION)
            assert risk.location == (min(places, key=lambda p: (-places[p], p)) if places else None)
    assert any(r.band == "high" for r in computed["207"].risks)  # Furo in 26 % of 207's boxes


def test_cam_outliers_on_the_sample(records, computed, sample_view):
    """One figure per station and measurement (how many boxes are above the threshold), the
    boxes read back with its query: the same boxes as the rule picks by hand."""
    total = 0
    for station, rows in groups(records).items():
        expected = set()
        for measure in ("cam_d", "cam_w"):
            values = [r[measure] for r in rows if r[measure] is not None]
            limit = statistics.mean(values) + 2 * statistics.stdev(values)
            expected |= {(r["record_id"], measure) for r in rows
                         if r[measure] is not None and r[measure] > limit}
        outliers = [a for a in computed[station].anomalies if a.kind == "cam_outlier"]
        got = {(i, a.params["measure"]) for a in outliers for i in ids(sample_view, a.rows)}
        assert got == expected, station
        assert sum(a.count for a in outliers) == len(expected)
        assert computed[station].outlier_boxes == len({i for i, _m in expected})
        total += len(got)
    assert total > 10


def hand_runs(rows, length=3):
    """Maximal runs of one defect over consecutive records of one station."""
    found = set()
    by_station = defaultdict(list)
    for r in rows:
        by_station[r["station_id"]].append(r)
    for station, mine in by_station.items():
        for defect in {pair[0] for r in mine for pair in r["rejections"]}:
            run = []
            for r in mine + [None]:
                if r is not None and any(pair[0] == defect for pair in r["rejections"]):
                    run.append(r["record_id"])
                    continue
                if len(run) >= length:
                    found.add((station, defect, tuple(run)))
                run = []
    return found


def test_repeated_defects_on_the_sample(records, computed, sample_view):
    for station, rows in groups(records).items():
        got = {(a.params["station"], a.params["defect"], ids(sample_view, a.rows))
               for a in computed[station].anomalies if a.kind == "repeated_defect"}
        assert got == hand_runs(rows), station
        for anomaly in computed[station].anomalies:
            if anomaly.kind == "repeated_defect":
                assert anomaly.params["length"] == len(ids(sample_view, anomaly.rows))
    assert any(a.kind == "repeated_defect" for a in computed[None].anomalies)


def test_two_days_have_no_week_over_week_comparison(computed):
    assert not any(a.kind == "week_increase" for i in computed.values() for a in i.anomalies)


def test_recommendations_on_the_sample(computed, sample_view):
    codes = {station: [r.code for r in i.recommendations] for station, i in computed.items()}
    assert "worsening_trend" in codes["201"]
    assert "high_risk_defect" in codes["207"]
    assert "attention_band" in codes["204"]
    assert codes["202"] == ["no_action"]
    for insight in computed.values():
        for recommendation in insight.recommendations:
            behind = ids(sample_view, recommendation.rows)
            assert behind  # every recommendation can show its rows
            assert set(behind) <= set(ids(sample_view, insight.rows))


# --- hand-made record sets ---------------------------------------------------------------------

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo(ZONE))  # a Monday, 09:00 local (shift 1)


def make(values, *, station="206", start=MONDAY, step=timedelta(minutes=10), defects=None,
         prefix="x"):
    """One record per value (a number for both measurements, a (d, w) pair, or None)."""
    out = []
    for index, value in enumerate(values):
        d, w = value if isinstance(value, tuple) else (value, value)
        named = (defects or {}).get(index, [])
        out.append({"record_id": f"{prefix}{index:03d}", "station_id": station,
                    "when": (start + step * index).astimezone(timezone.utc), "cam_d": d, "cam_w": w,
                    "rejections": [(n, "Cap") for n in ([named] if isinstance(named, str) else named)]})
    return out


def one_in(records, station="206", *versions):
    """The insight of a station (None: the site) and the view it was computed from."""
    view = view_of(records, *versions)
    return {i.station: i for i in site_insights(view)}[station], view


def one(records, station="206"):
    return one_in(records, station)[0]


@pytest.mark.parametrize("first, second, status", [
    (3.0, 3.3, "stable"),       # exactly +10 % (3.3 / 3.0 is 1.0999… in binary) is still stable
    (3.0, 3.31, "worsening"),
    (3.0, 2.7, "stable"),       # exactly −10 %
    (3.0, 2.69, "improving"),
    (0.0, 0.0, "stable"),
    (0.0, 0.5, "worsening"),    # from nothing to something: no relative change, but worse
])
def test_trend_limits(first, second, status):
    trend = one(make([first, first, second, second])).trend
    assert trend.status == status
    if first:
        assert trend.change_pct == pytest.approx((second - first) / first * 100)
    else:
        assert trend.change_pct is None


def test_trend_needs_four_records_and_measurements_in_both_halves():
    assert one(make([1.0, 1.0, 9.0])).trend.status == "not_enough_data"
    assert one(make([None, None, 2.0, 2.0])).trend.status == "not_enough_data"
    insight, view = one_in(make([2.0, 2.0, 2.0, 2.0, 3.0]))  # odd: the middle record goes second
    trend = insight.trend
    assert ids(view, trend.first.rows) == ("x000", "x001")
    assert ids(view, trend.second.rows) == ("x002", "x003", "x004")
    assert trend.second.value == pytest.approx(7 / 3)


def test_trend_follows_time_not_input_order():
    records = make([1.0, 1.0, 2.0, 2.0])
    assert one(list(reversed(records))).trend.status == "worsening"


def test_quality_score_is_clipped():
    assert insights.quality_score(0.0) == 100.0
    assert insights.quality_score(3.5) == pytest.approx(65.0)
    assert insights.quality_score(12.0) == 0.0
    assert insights.quality_score(None) is None


def test_risk_band_limits():
    bands = insights.RiskBands()
    assert [bands.band(v) for v in (9.99, 10.0, 19.99, 20.0)] == ["low", "medium", "medium", "high"]


def test_cam_outlier_rule():
    values = [2.0] * 9 + [9.0]
    insight, view = one_in(make(values))
    found = [a for a in insight.anomalies if a.kind == "cam_outlier"]
    # both measurements of x009 are far above mean + 2 σ
    mean, sigma = statistics.mean(values), statistics.stdev(values)
    assert {(ids(view, a.rows), a.params["measure"]) for a in found} == {
        (("x009",), "cam_d"), (("x009",), "cam_w")}
    assert found[0].params["threshold"] == pytest.approx(mean + 2 * sigma)
    # five values can never be 2 σ above their own mean: not judged at all
    assert not [a for a in one(make([2.0] * 4 + [9.0])).anomalies if a.kind == "cam_outlier"]
    # only the measurement that is high counts; missing values are left out
    mixed = [(2.0, 3.0)] * 8 + [(None, 3.0), (9.0, 3.0)]
    insight, view = one_in(make(mixed))
    found = [a for a in insight.anomalies if a.kind == "cam_outlier"]
    assert [(ids(view, a.rows), a.params["measure"]) for a in found] == [(("x009",), "cam_d")]
    # equal values have σ 0: none is above its own mean, though their sum divided by their
    # count is a hair below the value in binary (0.18999999999999997 for six 0.19)
    for equal in ([0.19] * 6, [0.09] * 12):
        assert not [a for a in one(make(equal)).anomalies if a.kind == "cam_outlier"]


def week(values, monday, prefix):
    return make(values, start=monday, step=timedelta(hours=20), prefix=prefix)


def test_week_over_week_increase():
    before = week([2.0, 2.0, 2.0], MONDAY, "a")
    after = week([2.7, 2.7, 2.7], MONDAY + timedelta(days=7), "b")
    insight, view = one_in(before + after)
    found = [a for a in insight.anomalies if a.kind == "week_increase"]
    assert len(found) == 1
    assert found[0].params["week"] == "2026-03-09" and found[0].params["previous_week"] == "2026-03-02"
    assert found[0].params["change_pct"] == pytest.approx(35.0)
    assert ids(view, found[0].rows) == ("a000", "a001", "a002", "b000", "b001", "b002")
    assert "week_increase" in [r.code for r in one(before + after).recommendations]


@pytest.mark.parametrize("before_values, after_values, change_pct", [
    ([2.0] * 3, [2.6002] * 3, 30.01),  # a hair above the limit: the exact rule, not a rough one
    ([0.0] * 3, [0.5] * 3, None),       # from a mean of 0: any rise counts, change not a number
    ([0.004] * 3, [0.0053] * 3, 32.5),  # a mean far below one per cent still compared exactly
])
def test_week_over_week_increase_near_the_limits(before_values, after_values, change_pct):
    records = week(before_values, MONDAY, "a") + week(after_values, MONDAY + timedelta(days=7),
                                                      "b")
    found = [a for a in one(records).anomalies if a.kind == "week_increase"]
    assert len(found) == 1
    if change_pct is None:
        assert found[0].params["change_pct"] is None
    else:
        assert found[0].params["change_pct"] == pytest.approx(change_pct)


@pytest.mark.parametrize("after_values, gap_days", [
    ([2.6, 2.6, 2.6], 7),   # exactly +30 % is not "more than 30 %"
    ([2.7, 2.7], 7),        # two boxes are not a week to compare
    ([2.7, 2.7, 2.7], 14),  # not the week just before
    ([1.0, 1.0, 1.0], 7),   # a fall
])
def test_week_over_week_no_anomaly(after_values, gap_days):
    records = week([2.0, 2.0, 2.0], MONDAY, "a") + week(after_values, MONDAY + timedelta(days=gap_days), "b")
    assert not [a for a in one(records).anomalies if a.kind == "week_increase"]


def test_weeks_are_local_weeks():
    # Sunday 23:30 in São Paulo is Monday 02:30 UTC: it belongs to the week before.
    sunday_night = MONDAY + timedelta(days=6, hours=14, minutes=30)
    records = (week([2.0, 2.0], MONDAY, "a") + make([2.0], start=sunday_night, prefix="s")
               + week([3.0, 3.0, 3.0], MONDAY + timedelta(days=7), "b"))
    insight, view = one_in(records)
    found = [a for a in insight.anomalies if a.kind == "week_increase"]
    assert len(found) == 1 and ids(view, found[0].rows)[:3] == ("a000", "a001", "s000")


def test_weeks_across_a_midnight_dst_start():
    # São Paulo began DST at 00:00 on Sunday 2018-11-04 (that midnight never happened); the
    # week of Monday 2018-10-29 runs across it with an hour less.
    before = make([2.0, 2.0, 2.0], start=datetime(2018, 10, 29, 9, tzinfo=ZoneInfo(ZONE)),
                  step=timedelta(days=3), prefix="a")  # Mon 29, Thu 1, Sun 4 (after the jump)
    after = make([3.0, 3.0, 3.0], start=datetime(2018, 11, 5, 9, tzinfo=ZoneInfo(ZONE)),
                 step=timedelta(days=2), prefix="b")
    found = [a for a in one(before + after).anomalies if a.kind == "week_increase"]
    assert [(a.params["previous_week"], a.params["week"]) for a in found] == [
        ("2018-10-29", "2018-11-05")]


def test_repeated_defect_runs():
    defects = {0: "Furo", 1: "Furo", 2: ["Furo", "Suja"], 3: "Suja", 4: "Suja", 5: [],
               6: "Dente", 7: "Dente", 8: "Furo"}
    insight, view = one_in(make([2.0] * 9, defects=defects))
    runs = [(a.params["defect"], a.params["length"], ids(view, a.rows))
            for a in insight.anomalies if a.kind == "repeated_defect"]
    assert sorted(runs) == [("Furo", 3, ("x000", "x001", "x002")),
                            ("Suja", 3, ("x002", "x003", "x004"))]  # Dente twice is not a run


def test_repeated_defect_is_per_station():
    # 206 and 207 alternate in time; 206 has Furo three times in a row of its own records.
    a = make([2.0] * 3, station="206", defects={0: "Furo", 1: "Furo", 2: "Furo"}, prefix="a")
    b = make([2.0] * 3, station="207", start=MONDAY + timedelta(minutes=5), prefix="b")
    site, view = one_in(a + b, None)
    runs = [ids(view, a.rows) for a in site.anomalies if a.kind == "repeated_defect"]
    assert runs == [("a000", "a001", "a002")]
    assert "repeated_defect" in [r.code for r in one(a + b, "206").recommendations]
    assert not [x for x in one(a + b, "207").anomalies if x.kind == "repeated_defect"]


def test_worst_shift_needs_three_boxes():
    morning = make([2.0, 2.0, 2.0], prefix="m")  # shift 1
    night = make([9.0, 9.0], start=MONDAY.replace(hour=23), prefix="n")  # shift 3, two boxes
    insight = one(morning + night)
    assert insight.worst_shift.shift == 1
    afternoon = make([4.0, 4.0, 4.0], start=MONDAY.replace(hour=15), prefix="t")  # shift 2
    insight, view = one_in(morning + night + afternoon)
    assert insight.worst_shift.shift == 2
    assert ids(view, insight.worst_shift.rows) == ("t000", "t001", "t002")


def test_recommendation_rules():
    critical = one(make([7.0] * 8))
    assert [r.code for r in critical.recommendations] == ["critical_band"]
    assert critical.recommendations[0].params == {"mean": 7.0, "limit": 6.0}
    fine, view = one_in(make([1.0] * 8))
    assert [r.code for r in fine.recommendations] == ["no_action"]
    assert ids(view, fine.recommendations[0].rows) == ids(view, fine.rows)
    # a worse shift (2: 15:00) more than 10 % above the mean, and a frequent defect
    mixed = one(make([1.0] * 4, defects={0: "Furo", 1: "Furo"}, prefix="m")
                + make([1.5] * 4, start=MONDAY.replace(hour=15), prefix="t"))
    codes = [r.code for r in mixed.recommendations]
    assert codes == ["worsening_trend", "high_risk_defect", "worst_shift"]
    shift = mixed.recommendations[-1]
    assert shift.params["shift"] == 2 and shift.params["mean"] == pytest.approx(1.5)
    assert shift.params["overall"] == pytest.approx(1.25)
    risk = mixed.recommendations[1]
    assert risk.params == {"defect": "Furo", "frequency": 25.0, "location": "Cap"}
    assert not one(make([1.0, 1.0])).recommendations  # too little data to advise anything


def test_voided_and_empty():
    assert site_insights(view_of([])) == []
    records = make([2.0, 2.0])
    voided = {**rows_of(records)[0], "version": 2, "status": "voided",
              "edited_at": "2026-03-03T00:00:00.000Z"}
    view = view_of(records, [voided])
    site = site_insights(view)[0]
    assert site.boxes == 1 and ids(view, site.rows) == ("x001",)


def test_location_not_recorded_is_counted_beside_the_ranking_never_in_it():
    """Imported rejections without a location: their defects count, their 'location' is not
    ranked nor named as a defect's usual place, and their number is reported on its own."""
    from config.catalog import LOCATION_NOT_RECORDED

    start = datetime(2025, 11, 3, 9, 0, tzinfo=timezone.utc)
    pairs = [[("Furo", LOCATION_NOT_RECORDED)], [("Furo", LOCATION_NOT_RECORDED)],
             [("Furo", LOCATION_NOT_RECORDED), ("Dente", "Cap")], [("Furo", "Body")], []]
    records = [{"record_id": f"r{i}", "station_id": "206", "when": start + timedelta(minutes=i),
                "cam_d": 2.0, "cam_w": 3.0, "rejections": rejections}
               for i, rejections in enumerate(pairs)]
    view = view_of(records)
    (site,) = site_insights(view, with_site=False)
    assert [(s.name, s.count) for s in site.top_defects] == [("Furo", 4), ("Dente", 1)]
    assert [(s.name, s.count, s.share) for s in site.top_locations] == [
        ("Body", 1, 50.0), ("Cap", 1, 50.0)]
    unrecorded = site.locations_not_recorded
    assert (unrecorded.count, unrecorded.share, ids(view, unrecorded.rows)) == (
        3, 60.0, ("r0", "r1", "r2"))
    furo = next(risk for risk in site.risks if risk.defect == "Furo")
    assert furo.location == "Body"  # the only known one, not the three unknown
    complete = [r for r in records if r["record_id"] in ("r3", "r4")]
    (without,) = site_insights(view_of(complete), with_site=False)
    assert without.locations_not_recorded is None
