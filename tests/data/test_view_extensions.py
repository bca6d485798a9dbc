"""A feature's figures in the site view (data/view_extensions.py): kept in the batch's own
transaction, told old and new versions of changed records and only new events of its actions,
rolled back with a failed batch, and rebuilt with the view's aggregates."""

from __future__ import annotations

import sqlite3
from typing import Sequence

import pytest

from data.view_buckets import Buckets
from data.view_db import open_view_database
from data.view_extensions import RecordChange
from data.view_store import Batch, Position, ViewWriter


def _row(number: int, station: str = "201", version: int = 1, status: str = "active") -> dict:
    return {"record_id": f"r{number}", "version": version, "station_id": station, "lot": "L1",
            "box": number, "size": "#0", "unit_weight_kg": 0.0001, "rej1_defect": "N/A",
            "rej1_location": None, "rej2_defect": None, "rej2_location": None,
            "rej3_defect": None, "rej3_location": None, "cam_d": None, "cam_w": 1.0,
            "operator": "op", "recorded_at": f"2026-12-01T10:{number:02d}:00.000Z",
            "utc_offset_minutes": -180, "origin": "station", "status": status, "reason": None,
            "editor": None, "edited_at": None, "base_version": None,
            "source_station": station, "source_seq": number}


def _event(seq: int, action: str, station: str = "201", digest: str | None = None) -> tuple:
    return (station, seq, f"2026-12-01T10:{seq:02d}:00.000Z", "op", "operator", action, None,
            None, None, digest or f"h{seq}", "{}")


class Tally:
    """Active boxes per station, and how many `stop.opened` events were taken."""

    name = "tally"
    actions = frozenset({"stop.opened"})
    tables = ("tally",)

    def __init__(self, fail_on_event: bool = False):
        self.fail_on_event = fail_on_event
        self.seen_changes: list[RecordChange] = []

    def records_changed(self, db: sqlite3.Connection, changes: Sequence[RecordChange],
                        buckets: Buckets) -> bool:
        self.seen_changes.extend(changes)
        for change in changes:
            for version, sign in ((change.old, -1), (change.new, 1)):
                if version is not None and version["status"] == "active":
                    self._add(db, version["station_id"], sign)
        return True

    def events_stored(self, db: sqlite3.Connection, events: Sequence[tuple],
                      buckets: Buckets) -> bool:
        if self.fail_on_event:
            raise RuntimeError("a bug in the feature")
        for event in events:
            self._add(db, f"stops@{event[0]}", 1)
        return True

    @staticmethod
    def _add(db: sqlite3.Connection, key: str, amount: int) -> None:
        db.execute("INSERT INTO tally (key, n) VALUES (?, ?) ON CONFLICT (key) "
                   "DO UPDATE SET n = n + excluded.n", (key, amount))


def _tally(writer: ViewWriter) -> dict[str, int]:
    return dict(writer.connection.execute("SELECT key, n FROM tally WHERE n != 0"))


@pytest.fixture
def view(tmp_path):
    database = open_view_database(tmp_path / "view.sqlite3")
    with database.write() as connection:
        connection.exec_driver_sql("CREATE TABLE tally (key TEXT PRIMARY KEY, n INTEGER)")
    yield database
    database.dispose()


def _store(writer: ViewWriter, start: int, *, records=(), events=(), source="201"):
    batch = Batch("201", "journal", Position(1, start), Position(1, start + 1), None,
                  events=list(events), records=list(records), now="2026-12-02T00:00:00.000Z",
                  source=source)
    return writer.store(batch)


def test_a_feature_is_told_old_and_new_versions_and_new_events_once(view):
    tally = Tally()
    writer = ViewWriter(view, "America/Sao_Paulo", extensions=(tally,))
    stored = _store(writer, 0, records=[_row(1), _row(2)],
                    events=[_event(1, "record.created"), _event(2, "stop.opened")])
    assert stored is not None and stored.extensions == {"tally"}
    assert _tally(writer) == {"201": 2, "stops@201": 1}
    # A void of r1 (old version out), and the same stop event again from another chain of the
    # station (same seq and hash): the feature is not told it twice.
    _store(writer, 1, records=[_row(1, version=2, status="voided")],
           events=[_event(2, "stop.opened"), _event(3, "stop.opened")])
    assert _tally(writer) == {"201": 1, "stops@201": 2}
    assert tally.seen_changes[-1].old["version"] == 1
    assert tally.seen_changes[-1].new["status"] == "voided"
    # An older version arriving late changes nothing and is not handed over.
    before = len(tally.seen_changes)
    stored = _store(writer, 2, records=[_row(1, version=1)])
    assert len(tally.seen_changes) == before and stored.extensions == set()
    writer.close()


def test_a_failing_feature_rolls_the_whole_batch_back(view):
    writer = ViewWriter(view, "UTC", extensions=(Tally(fail_on_event=True),))
    with pytest.raises(RuntimeError):
        _store(writer, 0, records=[_row(1)], events=[_event(1, "stop.opened")])
    events = writer.connection.execute("SELECT count(*) FROM view_events").fetchone()[0]
    records = writer.connection.execute("SELECT count(*) FROM view_records").fetchone()[0]
    assert (events, records, _tally(writer)) == (0, 0, {})
    writer.close()


def test_a_rebuild_empties_and_refills_the_features_figures(view):
    writer = ViewWriter(view, "UTC", extensions=(Tally(),))
    _store(writer, 0, records=[_row(1), _row(2), _row(3, station="202")],
           events=[_event(1, "stop.opened"), _event(2, "record.created")])
    _store(writer, 1, records=[_row(2, version=2, status="voided")])
    expected = {"201": 1, "202": 1, "stops@201": 1}
    assert _tally(writer) == expected
    assert writer.rebuild_aggregates() == 3
    assert _tally(writer) == expected
    writer.close()


def test_a_view_without_features_stores_as_before(view):
    writer = ViewWriter(view, "UTC", extensions=())
    stored = _store(writer, 0, records=[_row(1)], events=[_event(1, "stop.opened")])
    assert stored is not None and (stored.events, stored.records) == (1, 1)
    assert stored.extensions == set()
    writer.close()
