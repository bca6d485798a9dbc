"""SPC in the site view (data/view_spc.py): a freeze judges every point from its start, new,
corrected and voided records are judged again around them, the chart's alarm opens and clears,
a rebuild gives the same figures, and a bad freeze from a journal is refused, never crashing
ingest."""

from __future__ import annotations

import json
import logging

import pytest

from data.view_db import open_view_database
from data.view_spc import SpcExtension, baseline, open_charts, points, signals
from data.view_store import Batch, Position, ViewWriter
from models.spc import limits_from

BASE = [10.0, 10.6, 9.4, 10.2, 9.8, 10.4, 9.6, 10.1, 9.9, 10.3,
        9.7, 10.5, 9.5, 10.0, 10.2, 9.8, 10.4, 9.6, 10.1, 9.9]  # 20 points around 10


def _row(number: int, value: float, *, version: int = 1, status: str = "active",
         size: str = "#0", station: str = "201") -> dict:
    return {"record_id": f"r{number:04d}", "version": version, "station_id": station, "lot": "L1",
            "box": number, "size": size, "unit_weight_kg": 0.0001, "rej1_defect": "N/A",
            "rej1_location": None, "rej2_defect": None, "rej2_location": None,
            "rej3_defect": None, "rej3_location": None, "cam_d": value, "cam_w": None,
            "operator": "op", "recorded_at": f"2026-12-01T{number // 60:02d}:{number % 60:02d}:00.000Z",
            "utc_offset_minutes": 0, "origin": "station", "status": status, "reason": None,
            "editor": None, "edited_at": None, "base_version": None,
            "source_station": station, "source_seq": number}


def _freeze(seq: int, *, role: str = "admin", after: dict | None = None,
            ts: str = "2026-12-02T08:00:00.000Z", station: str = "office") -> tuple:
    limits = limits_from(BASE)
    after = after if after is not None else {
        "station": "201", "size": "#0", "measurement": "cam_d",
        "start": "2026-12-01T00:00:00.000Z", "end": "2026-12-01T00:20:00.000Z",
        "n": limits.n, "mean": limits.mean, "mr_bar": limits.mr_bar}
    body = json.dumps({"ts": ts, "user": "ana", "role": role, "action": "spc.baseline.freeze",
                       "after": after, "reason": "stable week"})
    return (station, seq, ts, "ana", role, "spc.baseline.freeze", "spc_baseline", "201/#0/cam_d",
            None, f"h{seq}", body)


class Feed:
    def __init__(self, writer: ViewWriter):
        self.writer = writer
        self.positions: dict[str, int] = {}

    def __call__(self, *, records=(), events=(), source="201"):
        start = self.positions.get(source, 0)
        self.positions[source] = start + 1
        batch = Batch(source, "journal", Position(1, start), Position(1, start + 1), None,
                      events=list(events), records=list(records),
                      now="2026-12-02T00:00:00.000Z", source=source)
        return self.writer.store(batch)


@pytest.fixture
def writer(tmp_path):
    database = open_view_database(tmp_path / "view.sqlite3")
    writer = ViewWriter(database, "UTC", extensions=(SpcExtension(),))
    yield writer
    writer.close()
    database.dispose()


def _flags(writer) -> dict[str, tuple[int, ...]]:
    return {rid: rules for (_at, rid), rules in
            signals(writer.connection, "201", "#0", "cam_d").items()}


def test_a_freeze_judges_every_point_and_new_points_are_judged_on_arrival(writer):
    feed = Feed(writer)
    # Before any baseline: points, no signals.
    feed(records=[_row(i, v) for i, v in enumerate(BASE)] + [_row(20, 14.0)])
    assert _flags(writer) == {}
    stored = feed(events=[_freeze(1)], source="office")
    assert stored.extensions == {"spc"}
    chart = baseline(writer.connection, "201", "#0", "cam_d")
    assert chart.limits.n == 20 and chart.frozen_by == "ana" and chart.reason == "stable week"
    # σ̂ = MR̄ / 1.128; 14.0 is beyond 3σ̂ above the mean of 10.0.
    assert chart.limits.ucl < 14.0
    assert _flags(writer) == {"r0020": (1,)}
    assert open_charts(writer.connection) == [("201", "cam_d", "#0", "1",
                                               "2026-12-01T00:20:00.000Z")]
    # Eight more just above the centre (none beyond 1σ̂): with 14.0 that makes 8 in a row above
    # at r0027 (rule 4), and still at r0028 (the run goes on: each point of it is flagged).
    feed(records=[_row(21 + i, 10.05) for i in range(8)])
    assert _flags(writer) == {"r0020": (1,), "r0027": (4,), "r0028": (4,)}
    assert open_charts(writer.connection)[0][3] == "4"  # r0020 is no longer among the last 8
    # A point at the centre line, then eight in control alternating around it: the alarm clears.
    feed(records=[_row(29 + i, 10.0 + (0.1 if i % 2 else -0.1)) for i in range(9)])
    assert open_charts(writer.connection) == []
    assert len(points(writer.connection, "201", "#0", "cam_d", last=5)) == 5


def test_a_void_and_a_correction_are_judged_again_around_them(writer):
    feed = Feed(writer)
    feed(records=[_row(i, v) for i, v in enumerate(BASE)], events=[])
    feed(events=[_freeze(1)], source="office")
    feed(records=[_row(20, 14.0), _row(21, 10.2)])
    assert _flags(writer) == {"r0020": (1,)}
    feed(records=[_row(20, 14.0, version=2, status="voided")])  # the void takes the signal out
    assert _flags(writer) == {}
    assert open_charts(writer.connection) == []
    feed(records=[_row(21, 6.0, version=2)])  # corrected to below 3σ̂
    assert _flags(writer) == {"r0021": (1,)}
    # Another size of the same station is another chart (no baseline: not judged).
    feed(records=[_row(22, 30.0, size="#1")])
    assert signals(writer.connection, "201", "#1", "cam_d") == {}


def test_a_rebuild_gives_the_same_figures(writer):
    feed = Feed(writer)
    feed(records=[_row(i, v) for i, v in enumerate(BASE)] + [_row(20, 14.0)])
    feed(events=[_freeze(1)], source="office")
    feed(records=[_row(21 + i, 10.05) for i in range(8)])
    before = (_flags(writer), open_charts(writer.connection))
    writer.rebuild_aggregates()
    assert (_flags(writer), open_charts(writer.connection)) == before


def test_a_newer_freeze_replaces_the_limits(writer):
    feed = Feed(writer)
    feed(records=[_row(i, v) for i, v in enumerate(BASE)] + [_row(20, 14.0)])
    feed(events=[_freeze(1)], source="office")
    wide = limits_from(BASE)
    after = {"station": "201", "size": "#0", "measurement": "cam_d",
             "start": "2026-12-01T00:00:00.000Z", "end": "2026-12-01T00:20:00.000Z",
             "n": 20, "mean": 10.0, "mr_bar": wide.mr_bar * 4}
    feed(events=[_freeze(2, after=after, ts="2026-12-02T09:00:00.000Z")], source="office")
    assert baseline(writer.connection, "201", "#0", "cam_d").limits.mr_bar == pytest.approx(
        wide.mr_bar * 4)
    assert _flags(writer) == {}


@pytest.mark.parametrize("role, after", [
    ("supervisor", None),  # only an admin freezes
    ("admin", {"station": "201", "size": "#0", "measurement": "cam_q", "start": "a", "end": "b",
               "n": 20, "mean": 1, "mr_bar": 1}),
    ("admin", {"station": "201", "size": "#0", "measurement": "cam_d",
               "start": "2026-12-01T00:20:00.000Z", "end": "2026-12-01T00:00:00.000Z",
               "n": 20, "mean": 1.0, "mr_bar": 1.0}),
    ("admin", {"station": "201", "size": "#0", "measurement": "cam_d",
               "start": "2026-12-01T00:00:00.000Z", "end": "2026-12-01T00:20:00.000Z",
               "n": 20, "mean": 10.0, "mr_bar": 0.0}),
    ("admin", {"station": "201", "size": "#0", "measurement": "cam_d",
               "start": "2026-12-01T00:00:00.000Z", "end": "2026-12-01T00:20:00.000Z",
               "n": "20", "mean": 10.0, "mr_bar": 1.0}),
    ("admin", {"station": ["201"], "size": "#0"}),
])
def test_a_bad_freeze_is_refused_with_a_warning_and_ingest_goes_on(writer, caplog, role, after):
    feed = Feed(writer)
    feed(records=[_row(i, v) for i, v in enumerate(BASE)] + [_row(20, 14.0)])
    with caplog.at_level(logging.WARNING, logger="data.view_spc"):
        stored = feed(events=[_freeze(1, role=role, after=after)], source="office")
    assert stored is not None and stored.events == 1 and stored.extensions == set()
    assert "SPC: baseline freeze office/1 refused" in caplog.text
    assert baseline(writer.connection, "201", "#0", "cam_d") is None


def test_a_body_that_is_not_json_is_refused(writer, caplog):
    feed = Feed(writer)
    event = _freeze(1)[:10] + ("{not json",)
    with caplog.at_level(logging.WARNING, logger="data.view_spc"):
        assert feed(events=[event], source="office").events == 1
    assert "refused" in caplog.text


def test_every_station_and_size_with_records_is_a_chart(writer):
    from data.view_spc import charts

    feed = Feed(writer)
    feed(records=[_row(1, 1.0), _row(2, 1.0, size="#1"), _row(3, 1.0, station="202")])
    assert charts(writer.connection) == [("201", "#0"), ("201", "#1"), ("202", "#0")]
