"""A station's own key writes, into its own sealed journal, record versions that local entry
refuses (s17 attack2, findings 1 and 3): a time of year 9999 with an offset (every follow pass
raised OverflowError and the stations after it were never read again), a lot code with a
right-to-left override and control characters, box -5 and CAM ±1e308, an offset of 10^12
minutes. Each is refused as an anomaly of that station with one WARNING; the station's later
boxes, and the stations after it, arrive. And a fault in taking one station's journal (a bug)
stops only that station: it is named broken in the follower's state, its traceback logged once.
"""

from __future__ import annotations

import logging
import threading
import uuid

import pytest

from data.view_store import ViewWriter
from utils.changes import Topic
from utils.site.view_follower import Phase, ViewFollower
from utils.site.view_state import NOT_STORED

from tests.utils.site.memberkit import FORM, MemberStation, made_stations, record_ids
from tests.utils.site.sitekit import wait_until


HOSTILE = {
    "maxdate": [{"recorded_at": "9999-12-31T23:59:59.999Z", "utc_offset_minutes": 60}],
    "rtl": [{"lot": "\u202eL1-OK\u202c", "operator": "op\x07\x1b[2J",
             "size": "#00\u200f\u2066X"}],
    "trailing_control": [{"lot": "L1\x1f"}],
    "numbers": [{"box": -5, "cam_d": 1e308, "cam_w": -1e308},
                {"box": -6, "cam_d": 1e308, "cam_w": -1e308}],
    "offset": [{"utc_offset_minutes": 10 ** 12}],
    "no_such_day": [{"recorded_at": "2026-02-30T08:00:00.000Z"}],
}


class _Station(MemberStation):
    """A member station whose operator holds its PC's files (and so its key)."""

    def forge(self, **changes) -> str:
        """What the operator holding this PC's files can write: a record event in its own
        chain (sealed by its own key), built from a genuine record with `changes`."""
        genuine = self.ctx.production.register_box(self.operator, FORM).audit_view()
        forged = {**genuine, "record_id": uuid.uuid4().hex, "version": 1, **changes}
        self.ctx.changes.record(self.operator.actor, "record.create", topic=Topic.RECORDS,
                                entity="record", entity_id=forged["record_id"], after=forged)
        return forged["record_id"]

    def seq_of(self, record_id: str) -> int:
        """The seq of the event in this PC's chain that wrote `record_id`."""
        with self.ctx.database.read() as connection:
            return connection.exec_driver_sql(
                "SELECT seq FROM audit_events WHERE entity_id = ?", (record_id,)).scalar()


@pytest.fixture
def stations(site, tmp_path, closing):
    return made_stations(site, tmp_path, closing, _Station)


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_a_record_local_entry_refuses_is_an_anomaly_and_the_journal_is_read_on(
        site, stations, caplog, variant):
    view = site.admin.site_view
    attacker, other = stations["205"], stations["206"]
    forged = [attacker.forge(**changes) for changes in HOSTILE[variant]]
    later = attacker.boxes(1) + attacker.boxes(1)
    after = other.boxes(1)
    with caplog.at_level(logging.WARNING):
        view.ingest()
        assert f"event {attacker.seq_of(forged[-1])}'s record" in view.anomalies()["205"]
        view.ingest()  # a second pass: nothing raised, nothing said again
    assert not set(forged) & record_ids(view, "205")
    assert set(later) <= record_ids(view, "205")  # its later good boxes arrive
    assert set(after) <= record_ids(view, "206")  # and the station after it is read
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING
                and "205" in r.getMessage() and "not in the site view" in r.getMessage()]
    assert len(warnings) == len(forged)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert all("\u202e" not in r.getMessage() for r in caplog.records)


def test_the_year_9999_record_leaves_the_follower_following_every_station(
        site, stations, closing, caplog):
    """Finding 1 as it was seen: the admin's follower, and a box of 206 made after it."""
    view = site.admin.site_view
    follower = ViewFollower(view, rescan_s=0.02)
    closing.append(follower)
    follower.acquire()
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
    with caplog.at_level(logging.WARNING):
        stations["205"].forge(**HOSTILE["maxdate"][0])
        stations["205"].export()
        after = stations["206"].boxes(1)
        follower.wake()
        wait_until(lambda: set(after) <= record_ids(view, "206"), timeout=20)
        passes = follower.passes
        wait_until(lambda: follower.passes > passes + 2, timeout=20)
    assert follower.state().phase == Phase.FOLLOWING
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.fixture
def faulty_205(monkeypatch):
    """A fault of the program storing station 205's batches (what OverflowError was), while
    the event it gives is set."""
    store = ViewWriter.store
    fault = threading.Event()
    fault.set()

    def failing(writer, batch):
        if batch.station == "205" and fault.is_set():
            raise RuntimeError("a fault storing 205")
        return store(writer, batch)

    monkeypatch.setattr(ViewWriter, "store", failing)
    return fault


def test_a_fault_in_one_stations_batch_stops_only_that_station(site, stations, faulty_205,
                                                                caplog):
    view = site.admin.site_view
    stations["205"].boxes(1)
    after = stations["206"].boxes(2)
    with caplog.at_level(logging.WARNING):
        reports = view.ingest()
        view.ingest()
    assert set(after) <= record_ids(view, "206")
    assert [r.station for r in reports] == ["206"]
    stuck = view.stuck["205"]
    with view.database.read() as connection:
        stored = connection.exec_driver_sql(
            "SELECT max(seq) FROM view_events WHERE station = '205'").scalar()
    assert (stuck.kind, stuck.seq) == (NOT_STORED, stored + 1)  # where it is left
    assert "RuntimeError: a fault storing 205" in view.anomalies()["205"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None  # once, with its traceback
    assert "205" in errors[0].getMessage()


def test_the_followers_state_names_the_station_stuck_on_a_fault(site, stations, faulty_205,
                                                                 closing, caplog):
    view = site.admin.site_view
    stations["205"].boxes(1)
    follower = ViewFollower(view, rescan_s=0.02)
    closing.append(follower)
    with caplog.at_level(logging.WARNING):
        follower.acquire()
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        after = stations["206"].boxes(1)
        follower.wake()
        wait_until(lambda: set(after) <= record_ids(view, "206"), timeout=20)
        passes = follower.passes
        wait_until(lambda: follower.passes > passes + 3, timeout=20)
    assert follower.state().phase == Phase.FOLLOWING
    assert [(b.station, b.kind) for b in follower.state().broken] == [("205", NOT_STORED)]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "205" in errors[0].getMessage()
    # The fault gone (a fixed program), the station is taken again and no longer named.
    faulty_205.clear()
    later = stations["205"].boxes(1)
    follower.wake()
    wait_until(lambda: set(later) <= record_ids(view, "205") and not follower.state().broken,
               timeout=20)
