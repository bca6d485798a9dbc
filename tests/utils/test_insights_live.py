"""Insights refreshed as records arrive (utils.insights.LiveInsights): told which stations'
records changed, only those stations are read and computed again, and the result equals a
computation from scratch, through arrivals, corrections (a version naming another station,
refused, included), voids, a station's last record voided, and other options."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from tests.utils.test_insights_aggregates import (
    DEFECTS, START, STATIONS, _record, _version)
from tests.utils.test_insights import _close_views, rows_of, view_of  # noqa: F401 (fixture)
from utils import insights


def _both(live: insights.LiveInsights, view, changed, **options):
    """The live refresh and a computation from scratch, with the same options."""
    return (live.compute(view, changed=changed, **options),
            insights.site_insights(view, **options))


@pytest.mark.parametrize("options", [
    {},
    {"start": START + timedelta(days=3, hours=5, minutes=17),
     "end": START + timedelta(days=26, minutes=41)},
    {"station": "202"},
])
def test_a_refresh_after_changes_equals_a_computation_from_scratch(options):
    rng = random.Random(17)
    records = [_record(rng, n) for n in range(600)]
    view = view_of(records[:400])
    live = insights.LiveInsights()
    first, fresh = _both(live, view, None, **options)
    assert first == fresh and live.reused == 0

    # New boxes at one station only: the others are taken as they were.
    arriving = [dict(r, station_id="201") for r in records[400:450]]
    changed = view.put(rows_of(arriving))
    assert changed == {"201"}
    refreshed, fresh = _both(live, view, changed, **options)
    assert refreshed == fresh
    if "station" not in options:
        assert refreshed != first and live.reused == len(STATIONS) - 1
    else:  # one station shown, another's records changed: nothing to read again
        assert refreshed == first and live.reused == 1

    # A record "moved" to another station (refused: a version names its record's station,
    # data/view_ownership.py), one moved in time, another corrected, one voided.
    moved = next(r for r in records[:400] if r["station_id"] == "202")
    later = next(r for r in records[:400] if r["station_id"] == "202" and r is not moved)
    corrected = next(r for r in records[:400] if r["station_id"] == "203")
    voided = next(r for r in records[:400] if r["station_id"] == "201")
    changed = view.put([_version(dict(moved, station_id="203"), 2),
                        _version(dict(later, when=later["when"] + timedelta(days=9)), 2),
                        _version(dict(corrected, rejections=[(DEFECTS[2], "Cap")]), 2),
                        _version(voided, 2, status="voided")])
    assert changed == {"201", "202", "203"}
    refreshed, fresh = _both(live, view, changed, **options)
    assert refreshed == fresh

    # Nothing changed: everything is taken again, and still the same.
    refreshed, fresh = _both(live, view, set(), **options)
    assert refreshed == fresh


def test_a_station_whose_last_record_is_voided_leaves_the_figures():
    rng = random.Random(3)
    records = [_record(rng, n) for n in range(200)]
    only = dict(records[0], station_id="299", record_id="last-of-299")
    view = view_of(records + [only])
    live = insights.LiveInsights()
    assert "299" in {i.station for i in live.compute(view, changed=None)}
    changed = view.put([_version(only, 2, status="voided")])
    refreshed, fresh = _both(live, view, changed)
    assert "299" not in {i.station for i in refreshed} and refreshed == fresh


def test_records_stored_by_another_process_are_read_again_though_nobody_told():
    """Another process writing the same view (the command line's catch-up) tells this one's
    listeners nothing: the view's own numbers per station say which stations to read again."""
    from data.view_store import Batch, Position, ViewWriter

    rng = random.Random(5)
    records = [_record(rng, n) for n in range(300)]
    view = view_of(records)
    other = ViewWriter(view.database, view.zone_name)  # the other process's writer, same file
    try:
        live = insights.LiveInsights()
        live.compute(view, changed=None)
        assert other.store(Batch("cli", "local", Position(), Position(1, 1), None,
                                 records=rows_of([dict(r, station_id="202", record_id=f"o{n}")
                                                  for n, r in enumerate(records[:40])]),
                                 now="2027-01-01T00:00:00.000Z"))
        told = view.put(rows_of([dict(records[0], station_id="201", record_id="told-1")]))
        refreshed, fresh = _both(live, view, told)
        assert refreshed == fresh and live.reused == len(STATIONS) - 2  # 201 told, 202 not
        refreshed, fresh = _both(live, view, set())  # nothing since: all reused
        assert refreshed == fresh and live.reused == len(STATIONS)
    finally:
        other.close()


def test_aggregates_counted_again_compute_everything():
    """The site's time zone changed: every aggregate counted again (rebuild_aggregates) moves
    the view's number for all of them, and nothing is taken from before."""
    rng = random.Random(8)
    view = view_of([_record(rng, n) for n in range(200)])
    live = insights.LiveInsights()
    live.compute(view, changed=None)
    live.compute(view, changed=set())
    assert live.reused == len(STATIONS)
    view.writer.rebuild_aggregates()
    refreshed, fresh = _both(live, view, set())
    assert live.reused == 0 and refreshed == fresh


def test_other_options_or_an_unknown_change_compute_everything():
    rng = random.Random(9)
    view = view_of([_record(rng, n) for n in range(300)])
    live = insights.LiveInsights()
    live.compute(view, changed=None)
    live.compute(view, changed={"201"})
    assert live.reused == len(STATIONS) - 1
    live.compute(view, START + timedelta(days=2), changed={"201"})  # another period
    assert live.reused == 0
    live.compute(view, START + timedelta(days=2), changed={"201"})
    assert live.reused == len(STATIONS) - 1
    live.compute(view, START + timedelta(days=2), changed=None)
    assert live.reused == 0
    other = view_of([_record(rng, n) for n in range(50)])
    live.compute(other, START + timedelta(days=2), changed={"201"})  # another view
    assert live.reused == 0


def test_a_failed_computation_leaves_nothing_to_reuse(monkeypatch):
    rng = random.Random(11)
    view = view_of([_record(rng, n) for n in range(200)])
    live = insights.LiveInsights()
    live.compute(view, changed=None)

    def broken(*_args, **_kwargs):
        raise OSError("disk gone")

    with monkeypatch.context() as patch:
        patch.setattr(insights.view_runs, "runs", broken)
        with pytest.raises(OSError):
            live.compute(view, changed={"201"})
    live.compute(view, changed={"202"})
    assert live.reused == 0  # the failed one's stations were never computed: all again
