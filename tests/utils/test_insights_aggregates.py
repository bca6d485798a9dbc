"""The Insights' aggregates under a real history: records arriving late and out of order,
corrected (moved in time, near and far, other defects and values) and voided, in
batches through the view's writer. Every figure over several ranges (partial hours at both
ends, one station) equals a hand computation over the final records, in a view that lived
through the history and in one that got only the final versions; and the records behind each
number are read back by its queries (limits included)."""

from __future__ import annotations

import random
import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.utils.test_insights import (  # noqa: F401 (_close_views: the fixture)
    _close_views, hand_mean_cam, hand_runs, ids, rows_of, view_of)
from tests.utils.site.viewkit import ViewOnDisk
from utils import insights

ZONE = "America/Sao_Paulo"
START = datetime(2026, 2, 2, 3, 0, tzinfo=timezone.utc)  # Monday 00:00 in São Paulo
DAYS = 34
# Fifteen months: whole local months and a whole local year in the aggregates' covers.
LONG_START = datetime(2025, 11, 3, 3, 0, tzinfo=timezone.utc)  # Monday 00:00 in São Paulo
LONG_DAYS = 450
STATIONS = ("201", "202", "203")
DEFECTS = ("Furo", "Suja", "Dente")


def _record(rng: random.Random, number: int, start: datetime = START, days: int = DAYS) -> dict:
    when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * days), seconds=rng.randrange(60))
    measured = rng.random()
    cam_d = None if measured < 0.05 else round(rng.gauss(3.0, 0.8), 2)
    cam_w = None if 0.05 <= measured < 0.1 else round(rng.gauss(2.5, 0.6), 2)
    rejections = []
    if rng.random() < 0.6:
        rejections = [(rng.choice(DEFECTS[:2] if rng.random() < 0.8 else DEFECTS),
                       rng.choice(("Cap", "Body")))
                      for _ in range(1 + (rng.random() < 0.3))]
    return {"record_id": f"k{number:04d}", "station_id": rng.choice(STATIONS), "when": when,
            "cam_d": cam_d, "cam_w": cam_w, "rejections": rejections}


def _version(record: dict, version: int, **changes) -> dict:
    row = {**rows_of([record])[0], "version": version, "editor": "sup",
           "edited_at": f"2026-04-0{version}T00:00:00.000Z", "reason": "checked again"}
    row.update(changes)
    return row


@pytest.fixture(scope="module")
def history():
    """The final records (by hand) and two views: one through the history, one given only
    the final versions."""
    return _history(START, DAYS)


@pytest.fixture(scope="module")
def long_history():
    """The same over fifteen months."""
    return _history(LONG_START, LONG_DAYS)


def _history(start: datetime, days: int):
    rng = random.Random(14)
    records = [_record(rng, n, start, days) for n in range(900)]
    in_time = sorted(records, key=lambda r: r["when"])
    first, late = in_time[:600], in_time[600:]
    rng.shuffle(late)
    # late arrivals: a station's records from earlier weeks come after newer ones
    late = sorted(late, key=lambda r: r["station_id"])
    final = {r["record_id"]: dict(r) for r in records}
    corrections, voids = [], []
    for record in rng.sample(records, 120):
        changed = dict(record)
        roll = rng.random()
        if roll < 0.3:
            changed["when"] = record["when"] + timedelta(hours=rng.randrange(-200, 200))
        elif roll < 0.5:  # far in time: another week, month or year's buckets (a version
            # naming another station than its record's is refused: data/view_ownership.py)
            changed["when"] = record["when"] + timedelta(days=rng.randrange(-60, 60))
        elif roll < 0.8:
            changed["rejections"] = [(rng.choice(DEFECTS), "Cap")] if rng.random() < 0.7 else []
        else:
            changed["cam_d"] = round(rng.uniform(0, 9), 2)
        final[record["record_id"]] = changed
        corrections.append(_version(changed, 2))
    for record in rng.sample(records, 60):
        current = final.pop(record["record_id"])
        version = 3 if any(c["record_id"] == record["record_id"] for c in corrections) else 2
        voids.append(_version(current, version, status="voided"))
    lived = view_of(first, rows_of(late[:150]), rows_of(late[150:]), corrections, voids)
    direct = view_of(list(final.values()))
    return list(final.values()), lived, direct


RANGES = [
    (None, None, None),
    (START + timedelta(days=3, hours=5, minutes=17), START + timedelta(days=26, minutes=41),
     None),
    (START + timedelta(days=9, minutes=30), None, "202"),
    (None, START + timedelta(days=12, hours=7, minutes=5), "203"),
]
LONG_RANGES = [
    (None, None, None),
    # all of 2026 (a whole local year), December 2025's end and January 2027's start
    (datetime(2025, 12, 14, 8, 17, tzinfo=timezone.utc),
     datetime(2027, 1, 9, 15, 41, tzinfo=timezone.utc), None),
    (datetime(2026, 2, 10, 13, 30, tzinfo=timezone.utc), None, "202"),
    (None, datetime(2026, 7, 1, 3, 0, tzinfo=timezone.utc), "201"),  # a month's local start
]


def _in(records, start, end, station):
    chosen = [r for r in records if (start is None or r["when"] >= start)
              and (end is None or r["when"] < end)
              and (station is None or r["station_id"] == station)]
    return sorted(chosen, key=lambda r: (r["when"], r["record_id"]))


def _shift(moment: datetime) -> int:
    hour = moment.astimezone(ZoneInfo(ZONE)).hour
    return 1 if 6 <= hour < 14 else 2 if 14 <= hour < 22 else 3


@pytest.mark.parametrize("which", ["lived", "direct"])
@pytest.mark.parametrize("start, end, station", RANGES)
def test_figures_equal_a_hand_computation_after_the_history(history, which, start, end,
                                                           station):
    final, lived, direct = history
    _check(final, lived if which == "lived" else direct, start, end, station)


@pytest.mark.parametrize("which", ["lived", "direct"])
@pytest.mark.parametrize("start, end, station", LONG_RANGES)
def test_figures_over_months_and_years_equal_a_hand_computation(long_history, which, start,
                                                                end, station):
    final, lived, direct = long_history
    _check(final, lived if which == "lived" else direct, start, end, station)


def _check(final: list[dict], view, start: datetime | None, end: datetime | None,
           station: str | None) -> None:
    computed = {i.station: i for i in insights.site_insights(view, start, end, station=station)}
    scope = [None, *STATIONS] if station is None else [station]
    assert list(computed) == scope
    for name in scope:
        rows = _in(final, start, end, name)
        insight = computed[name]
        assert insight.boxes == len(rows) and ids(view, insight.rows) == tuple(
            r["record_id"] for r in rows)
        assert insight.mean_cam.value == pytest.approx(hand_mean_cam(rows))
        # the half-split, by count in order
        half = len(rows) // 2
        trend = insight.trend
        assert ids(view, trend.first.rows) == tuple(r["record_id"] for r in rows[:half])
        assert ids(view, trend.second.rows) == tuple(r["record_id"] for r in rows[half:])
        assert trend.first.value == pytest.approx(hand_mean_cam(rows[:half]))
        assert trend.second.value == pytest.approx(hand_mean_cam(rows[half:]))
        # shifts
        by_shift = defaultdict(list)
        for r in rows:
            by_shift[_shift(r["when"])].append(r)
        assert {f.shift: f.boxes for f in insight.shifts} == {
            n: len(g) for n, g in by_shift.items()}
        for figure in insight.shifts:
            assert figure.mean == pytest.approx(hand_mean_cam(by_shift[figure.shift]))
            assert ids(view, figure.rows) == tuple(r["record_id"] for r in by_shift[figure.shift])
        # defects: rejections and boxes
        counts = Counter(d for r in rows for d, _l in r["rejections"])
        assert {s.name: s.count for s in insight.top_defects} == dict(counts.most_common(5))
        places = Counter(location for r in rows for _d, location in r["rejections"])
        assert {s.name: s.count for s in insight.top_locations} == dict(places.most_common(5))
        boxes = Counter(d for r in rows for d in {d for d, _l in r["rejections"]})
        assert {risk.defect: risk.boxes for risk in insight.risks} == dict(boxes)
        # the 2 σ outliers
        expected = set()
        for measure in ("cam_d", "cam_w"):
            values = [r[measure] for r in rows if r[measure] is not None]
            limit = statistics.mean(values) + 2 * statistics.stdev(values)
            expected |= {(r["record_id"], measure) for r in rows
                         if r[measure] is not None and r[measure] > limit}
        outliers = [a for a in insight.anomalies if a.kind == "cam_outlier"]
        assert {(i, a.params["measure"]) for a in outliers for i in ids(view, a.rows)} == expected
        assert insight.outlier_boxes == len({i for i, _m in expected})
        # repeated defects: runs of the records in the range, per station
        got = {(a.params["station"], a.params["defect"], ids(view, a.rows))
               for a in insight.anomalies if a.kind == "repeated_defect"}
        assert got == hand_runs(rows)
        if name is None and start is None and end is None:
            assert len(got) > 20 and len(expected) > 10  # the history makes enough of each


@pytest.mark.parametrize("start, end, _station", RANGES[:2])
def test_each_station_in_the_site_equals_the_station_computed_alone(history, start, end,
                                                                   _station):
    """The site's computation shares work between stations (the runs read once for every
    station and the site; the half-splits are walked together): every station's figures, texts' parameters and records behind them equal the
    ones of that station computed on its own."""
    _final, lived, _direct = history
    together = insights.site_insights(lived, start, end)
    assert [i.station for i in together] == [None, *STATIONS]
    for insight in together[1:]:
        alone, = insights.site_insights(lived, start, end, station=insight.station)
        assert insight == alone
        assert any(a.kind == "repeated_defect" for a in alone.anomalies)
        assert any(r.code == "repeated_defect" for r in alone.recommendations)
    site = together[0]
    runs = [a for a in site.anomalies if a.kind == "repeated_defect"]
    assert runs == [a for i in together[1:] for a in i.anomalies if a.kind == "repeated_defect"]
    assert [r for r in site.recommendations if r.code == "repeated_defect"] == [
        r for i in together[1:] for r in i.recommendations if r.code == "repeated_defect"]


@pytest.mark.parametrize("which", ["history", "long_history"])
def test_the_lived_view_keeps_the_same_sums_and_runs_as_a_fresh_one(which, request):
    """Corrections and voids moved records between buckets (over fifteen months: between
    months and years too): what is left in the aggregate tables is what counting the final
    records gives (zero rows aside)."""
    _final, lived, direct = request.getfixturevalue(which)

    def tables(view):
        with view.database.read() as connection:
            sums = {row[:4]: tuple(round(v, 6) for v in row[4:]) for row in
                    connection.exec_driver_sql("SELECT * FROM agg_insight WHERE boxes != 0")}
            boxes = {row[:4]: row[4] for row in connection.exec_driver_sql(
                "SELECT * FROM agg_insight_defects WHERE boxes != 0")}
            weeks = {row[:2]: tuple(round(v, 6) for v in row[2:]) for row in
                     connection.exec_driver_sql("SELECT * FROM agg_insight_weeks "
                                                "WHERE boxes != 0")}
            rejections = set(connection.exec_driver_sql(
                "SELECT * FROM agg_defects WHERE rejections != 0"))
            runs = set(connection.exec_driver_sql("SELECT * FROM agg_runs"))
        return sums, boxes, weeks, rejections, runs

    assert tables(lived) == tables(direct)


def test_rows_behind_are_read_in_order_up_to_a_limit(history):
    _final, lived, _direct = history
    site = insights.site_insights(lived)[0]
    everything, complete = insights.rows_behind(lived, site.rows)
    assert complete and len(everything) == site.boxes
    first, complete = insights.rows_behind(lived, site.rows, limit=25)
    assert not complete and first == everything[:25]
    # a union (the recommendation for outliers names both measurements): each record once
    outliers = [a for a in site.anomalies if a.kind == "cam_outlier"]
    both, complete = insights.rows_behind(lived, tuple(q for a in outliers for q in a.rows))
    assert complete and len(both) == site.outlier_boxes
    assert [r["recorded_at"] for r in both] == sorted(r["recorded_at"] for r in both)


def test_a_view_of_an_older_format_is_emptied_to_be_read_again(tmp_path):
    """Format 2 had no Insights' sums: such a view is emptied (the journals fill it again),
    never half-used."""
    from data.view_db import FORMAT_KEY, open_view_database
    from data.view_schema import VIEW_FORMAT

    view = ViewOnDisk(tmp_path, ZONE)
    view.put(rows_of([_record(random.Random(2), 1)]))
    with view.database.write() as connection:
        connection.exec_driver_sql("DROP TABLE agg_insight")
        connection.exec_driver_sql("UPDATE view_meta SET value = '2' WHERE key = ?",
                                   (FORMAT_KEY,))
    view.close()
    database = open_view_database(tmp_path / "view.sqlite3")
    try:
        with database.read() as connection:
            assert connection.exec_driver_sql("SELECT value FROM view_meta WHERE key = ?",
                                              (FORMAT_KEY,)).scalar() == str(VIEW_FORMAT)
            assert connection.exec_driver_sql("SELECT count(*) FROM view_records").scalar() == 0
            assert connection.exec_driver_sql("SELECT count(*) FROM agg_insight").scalar() == 0
    finally:
        database.dispose()


def test_only_the_longest_runs_are_listed_where_all_of_them_stand(history):
    """A year's site has nineteen thousand runs and a screen lists fifty: the listed
    anomalies and recommendations are the whole lists with only the longest runs (longest
    first, ties in their order) where the runs stand, the others in place."""
    _final, lived, _direct = history
    site = insights.site_insights(lived)[0]

    def cut(items: tuple, is_run) -> tuple[list, int, int]:
        runs = [item for item in items if is_run(item)]
        longest = sorted(runs, key=lambda item: -item.params["length"])[:5]
        first = next(index for index, item in enumerate(items) if is_run(item))
        others = [item for item in items if not is_run(item)]
        return others[:first] + longest + others[first:], len(runs) - 5, first + 5

    expected, left_out, after = cut(site.recommendations,
                                    lambda made: made.code == "repeated_defect")
    assert left_out > 5 and site.listed_recommendations(5) == (expected, left_out, after)
    expected, left_out, _after = cut(site.anomalies, lambda a: a.kind == "repeated_defect")
    assert site.listed_anomalies(5) == (expected, left_out)
    assert site.anomaly_count == sum(anomaly.count for anomaly in site.anomalies)
    assert site.anomaly_rows == tuple(query for anomaly in site.anomalies
                                      for query in anomaly.rows)
