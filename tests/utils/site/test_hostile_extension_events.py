"""A station's own key writes, into its own sealed journal, events of the site view's features
(data/view_registry.py: downtime/OEE, SPC, shift handovers) holding what that station's own
service never writes (s18 attack, /work/briefs/s18/ext_attack/): a stop in year 9999 or 0001
(+05:00), breaks outside any year, a classification or a handover whose signature's key is a
list, a handover of shift 10**30 or with 10**30 rejections, texts with direction and control
characters. Before, the first three kinds raised (OverflowError, TypeError) in every follow pass
and the station's journal was never taken again; the handover ones stopped it the same way or
showed the spoofed texts, as signed, in every PC's handover history (or broke the history).
Each is now refused at ingest as that station's anomaly with one WARNING; the station's later
boxes, and the stations after it, arrive.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from data.view_handover import HistoryFilter
from utils.changes import Topic
from utils.site.view_follower import Phase, ViewFollower

from tests.utils.site.memberkit import MemberStation, made_stations, record_ids
from tests.utils.site.sitekit import admin_session, wait_until

NOW = datetime.now(timezone.utc).replace(microsecond=0)
RTL = "\u202e"


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _stop(stop_id: str, **changes) -> dict:
    return {"stop_id": stop_id, "started_at": _utc(NOW - timedelta(hours=2)), "size": "#00",
            "reason": "", **changes}


def _closed(stop_id: str, **changes) -> dict:
    return {"stop_id": stop_id, "started_at": _utc(NOW - timedelta(hours=2)),
            "ended_at": _utc(NOW - timedelta(hours=1)), "breaks": [], **changes}


def _handover(number: int = 1, summary: dict | None = None, **changes) -> dict:
    day = (NOW - timedelta(days=1)).date().isoformat()
    return {"kind": "shift_handover", "handover": f"205/{day}/{number}", "station": "205",
            "shift_day": day, "shift_number": number, "notes": "Scale 2 drifts",
            "summary": {"start": _utc(NOW - timedelta(days=1)), "boxes": 3, "lots": ["L1"],
                        "rejections": [["Furo", 1]], "stops": [], "alarms": [], "issues": [],
                        **(summary or {})},
            "signed_by": "op", "full_name": "Op", "signed_at": _utc(NOW), "key_id": None,
            **changes}


def _stop_event(action: str, after: dict) -> tuple:
    return action, "stop", f"205/{after['stop_id']}", after


def _handover_event(after: dict) -> tuple:
    return "handover.signed", "handover", after["handover"], after


def _classification(site) -> dict:
    return {"kind": "stop_classification", "site": site.admin.settings.site_id,
            "station": "205", "stop_id": "s6", "reason": "setup", "note": "", "signed_by": "op",
            "full_name": "Op", "role": "operator", "signed_at": _utc(NOW), "key_id": [1],
            "sig": "00"}


def _freeze(site) -> dict:
    return {"kind": "spc_baseline_freeze", "site": site.admin.settings.site_id,
            "station": "205", "size": "#00", "measurement": "cam_d",
            "start": _utc(NOW - timedelta(days=2)), "end": _utc(NOW), "n": 20, "mean": 1.5,
            "mr_bar": 0.1, "signed_by": "op", "signed_at": _utc(NOW), "key_id": {"k": 1},
            "sig": "00"}


# variant -> (the events 205's key writes, built from the site; the table that stays empty)
HOSTILE = {
    "stop_year_9999": (lambda site: [
        _stop_event("stop.opened", _stop("s1", started_at="9999-12-31T20:00:00.000Z")),
        _stop_event("stop.closed", _closed("s1", started_at="9999-12-31T20:00:00.000Z",
                                           ended_at="9999-12-31T23:00:00.000Z"))], "oee_stops"),
    "stop_year_0001_with_offset": (lambda site: [
        _stop_event("stop.opened", _stop("s2", started_at="0001-01-01T00:00:00+05:00"))],
        "oee_stops"),
    "stop_breaks_beyond_any_year": (lambda site: [
        _stop_event("stop.closed", _closed("s3", breaks=[["0001-01-01T00:00:00+05:00",
                                                          "9999-12-31T23:59:59+00:00"]]))],
        "oee_stops"),
    "stop_opened_years_back_never_closed": (lambda site: [
        _stop_event("stop.opened", _stop("s7", started_at="2000-01-01T00:00:00.000Z"))],
        "oee_stops"),
    "stop_size_direction_characters": (lambda site: [
        _stop_event("stop.opened", _stop("s4", size=f"{RTL}#00\x1b[2J"))], "oee_stops"),
    "classification_key_id_list": (lambda site: [
        _stop_event("stop.classified", _classification(site))], "oee_stops"),
    "freeze_key_id_object": (lambda site: [
        ("spc.baseline.freeze", "spc", "205/#00/cam_d", _freeze(site))], "spc_baselines"),
    "handover_shift_10e30": (lambda site: [
        _handover_event(_handover(10 ** 30))], "view_handovers"),
    "handover_rejections_10e30": (lambda site: [
        _handover_event(_handover(summary={"rejections": [["Furo", 10 ** 30]]}))],
        "view_handovers"),
    "handover_direction_characters": (lambda site: [
        _handover_event(_handover(notes=f"{RTL}all fine\x1b[2J", full_name=f"{RTL}Ana Admin",
                                  summary={"alarms": [{"kind": "x", "detail": f"{RTL}ok"}]}))],
        "view_handovers"),
    "handover_start_year_9999": (lambda site: [
        _handover_event(_handover(summary={"start": "9999-12-31T23:59:59.999Z"}))],
        "view_handovers"),
    "handover_key_id_list": (lambda site: [
        _handover_event(_handover(key_id=[1], sig="00", site=site.admin.settings.site_id))],
        "view_handovers"),
}


class _Station(MemberStation):
    """A member station whose operator holds its PC's files (and so its key)."""

    def forge(self, action: str, entity: str, entity_id: str, after: dict) -> int:
        """What the operator holding this PC's files can write: any event in its own chain,
        sealed by its own key. Its seq."""
        event = self.ctx.changes.record(self.operator.actor, action, topic=Topic.AUDIT,
                                        entity=entity, entity_id=entity_id, after=after)
        return event.seq


def _rows(view, table: str) -> list:
    with view.database.read() as connection:
        return connection.exec_driver_sql(f"SELECT * FROM {table}").fetchall()


@pytest.fixture
def stations(site, tmp_path, closing):
    return made_stations(site, tmp_path, closing, _Station)


@pytest.mark.parametrize("variant", sorted(HOSTILE))
def test_a_feature_event_local_entry_never_writes_is_an_anomaly_and_the_journal_is_read_on(
        site, stations, caplog, variant):
    view = site.admin.site_view
    attacker, other = stations["205"], stations["206"]
    events, table = HOSTILE[variant]
    seqs = [attacker.forge(*event) for event in events(site)]
    later = attacker.boxes(1)
    after = other.boxes(1)
    with caplog.at_level(logging.WARNING):
        view.ingest()
        view.ingest()  # a second pass: nothing raised, nothing said again
    assert "205" not in view.stuck
    assert f"event {seqs[-1]} (" in view.anomalies()["205"]
    assert set(later) <= record_ids(view, "205")  # its later good boxes arrive
    assert set(after) <= record_ids(view, "206")  # and the station after it is read
    assert _rows(view, table) == []
    refused = [r for r in caplog.records if r.levelno == logging.WARNING
               and "205" in r.getMessage() and ("refused" in r.getMessage()
                                                or "not taken as a handover fact" in
                                                r.getMessage())]
    assert len(refused) == len(seqs)  # one WARNING each
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert all(RTL not in r.getMessage() for r in caplog.records)
    # What the admin's tabs read works, and shows nothing of it.
    assert site.admin.handover_history.search(admin_session(site), HistoryFilter()) == []
    assert site.admin.oee.stops(datetime(1900, 1, 1, tzinfo=timezone.utc),
                                datetime(2200, 1, 1, tzinfo=timezone.utc)) == []


def test_the_year_9999_stop_leaves_the_follower_following_every_station(
        site, stations, closing, caplog):
    """As it was seen: the admin's follower, and boxes of 205 and 206 made after it."""
    view = site.admin.site_view
    follower = ViewFollower(view, rescan_s=0.02)
    closing.append(follower)
    follower.acquire()
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
    with caplog.at_level(logging.WARNING):
        for event in HOSTILE["stop_year_9999"][0](site):
            stations["205"].forge(*event)
        later = stations["205"].boxes(1)
        after = stations["206"].boxes(1)
        follower.wake()
        wait_until(lambda: set(after) <= record_ids(view, "206")
                   and set(later) <= record_ids(view, "205"), timeout=20)
        passes = follower.passes
        wait_until(lambda: follower.passes > passes + 2, timeout=20)
    assert follower.state().phase == Phase.FOLLOWING and not follower.state().broken
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
