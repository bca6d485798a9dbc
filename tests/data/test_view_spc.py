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
from utils.trust.crypto import SigningKeyPair

from tests.data import people

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
            ts: str = "2026-12-02T08:00:00.000Z", station: str = "office",
            user: str = "ana") -> tuple:
    """A freeze event carrying the document `user` signed at `ts` with their own key."""
    limits = limits_from(BASE)
    after = after if after is not None else {
        "station": "201", "size": "#0", "measurement": "cam_d",
        "start": "2026-12-01T00:00:00.000Z", "end": "2026-12-01T00:20:00.000Z",
        "n": limits.n, "mean": limits.mean, "mr_bar": limits.mr_bar}
    document = people.sign(user, {"kind": "spc_baseline_freeze", "reason": "stable week",
                                  **after}, at=ts)
    body = json.dumps({"ts": ts, "user": user, "role": role, "action": "spc.baseline.freeze",
                       "after": document, "reason": "stable week"})
    return (station, seq, ts, user, role, "spc.baseline.freeze", "spc_baseline", "201/#0/cam_d",
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
    writer = ViewWriter(database, "UTC", extensions=(SpcExtension(people.signatures()),))
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


def test_a_freeze_counts_only_signed_by_a_certified_admin_key(writer, caplog):
    """The role an event records is the writing PC's word: a freeze counts only with the
    signature of a key the directory certified for an admin. A genuine one copied onto
    another chart, or again later, changes nothing."""
    feed = Feed(writer)
    feed(records=[_row(i, v) for i, v in enumerate(BASE)] + [_row(20, 14.0)])
    genuine = _freeze(1)
    document = json.loads(genuine[10])["after"]
    unsigned = {k: v for k, v in document.items() if k not in ("sig", "key_id")}
    pc_key = SigningKeyPair.generate()  # a PC's key is no person's
    forged = [
        (unsigned, "ana", "not signed with a person's key"),
        (people.sign("ana", unsigned, key=pc_key), "ana", "never certified for that person"),
        (people.sign("ana", unsigned, key=people.KEYS["sup"]), "ana",
         "never certified for that person"),
        (people.sign("sup", unsigned), "sup", "may not freeze control limits"),
        ({**document, "size": "#1"}, "ana", "does not match"),
        (document, "sup", "someone who was not logged in"),
    ]
    with caplog.at_level(logging.WARNING, logger="data.view_spc"):
        for seq, (after, user, _why) in enumerate(forged, start=1):
            body = json.dumps({"after": after})
            feed(events=[("206", seq, "2026-12-02T09:00:00.000Z", user, "admin",
                          "spc.baseline.freeze", "spc_baseline", "x", None, f"f{seq}", body)],
                 source="206")
    lines = [r.message for r in caplog.records if "refused" in r.message]
    assert len(lines) == len(forged)
    for seq, (line, (_after, _user, why)) in enumerate(zip(lines, forged), start=1):
        assert f"baseline freeze 206/{seq} refused" in line and why in line, line
    assert baseline(writer.connection, "201", "#0", "cam_d") is None
    assert baseline(writer.connection, "201", "#1", "cam_d") is None
    # The genuine freeze counts; a newer one replaces it; the first, copied into a later event
    # (written with a station's key), neither counts again nor brings the old limits back.
    feed(events=[genuine], source="office")
    wide = limits_from(BASE)
    newer = {"station": "201", "size": "#0", "measurement": "cam_d",
             "start": "2026-12-01T00:00:00.000Z", "end": "2026-12-01T00:20:00.000Z",
             "n": 20, "mean": 10.0, "mr_bar": wide.mr_bar * 4}
    feed(events=[_freeze(2, after=newer, ts="2026-12-02T10:00:00.000Z")], source="office")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="data.view_spc"):
        feed(events=[("206", 9, "2026-12-03T00:00:00.000Z", "ana", "admin",
                      "spc.baseline.freeze", "spc_baseline", "x", None, "replay", genuine[10])],
             source="206")
    assert "206/9 refused: the same signed freeze was already taken" in caplog.text
    assert baseline(writer.connection, "201", "#0", "cam_d").limits.mr_bar == pytest.approx(
        wide.mr_bar * 4)
