"""Downtime and OEE figures in the site view (data/view_oee.py) and the report read from them
(utils/mes/oee_report.py): stops split over shifts with their breaks, classifications in any
order and again, boxes and rejected boxes per shift and size, hostile events refused, a
rebuild giving the same figures."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest

from config.catalog import Catalog
from config.downtime import DowntimeSettings, PlannedBreak, SizeRate
from data.view_db import open_view_database
from data.view_oee import OeeExtension
from data.view_store import Batch, Position, ViewWriter
from utils.clock import ManualClock
from utils.mes.oee_report import OeeReport

from tests.data import people


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=timezone.utc)


def text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def event(station: str, seq: int, action: str, after, user: str = "op",
          role: str | None = None, at: str | None = None) -> tuple:
    ts = at or after.get("ended_at") or after.get("started_at") or "2026-12-01T23:00:00.000Z"
    if action == "stop.classified":  # a document the person signs with their own key
        after = people.sign(user, {"kind": "stop_classification", **after}, at=ts)
    body = json.dumps({"after": after})
    role = role or ("supervisor" if user == "sup" else "operator")
    return (station, seq, ts, user, role, action, "stop", None, None, f"h{station}{seq}", body)


def box(number: int, at: datetime, station: str = "201", size: str = "#0",
        defect: str = "N/A", version: int = 1, status: str = "active") -> dict:
    return {"record_id": f"{station}-{number}", "version": version, "station_id": station,
            "lot": "L1", "box": number, "size": size, "unit_weight_kg": 0.0001,
            "rej1_defect": defect, "rej1_location": None, "rej2_defect": None,
            "rej2_location": None, "rej3_defect": None, "rej3_location": None, "cam_d": None,
            "cam_w": 1.0, "operator": "op", "recorded_at": text(at), "utc_offset_minutes": 0,
            "origin": "station", "status": status, "reason": None, "editor": None,
            "edited_at": None, "base_version": None, "source_station": station,
            "source_seq": number}


class Site:
    def __init__(self, tmp_path, zone: str = "UTC"):
        self.database = open_view_database(tmp_path / "view.sqlite3")
        self.writer = ViewWriter(self.database, zone,
                                 extensions=(OeeExtension(people.signatures()),))
        self.positions: dict[str, int] = {}
        self.catalog = Catalog(downtime=DowntimeSettings(
            rates=(SizeRate("#0", 12.0, 15),), breaks=(PlannedBreak("21:45", 30),)))
        self.clock = ManualClock(utc(3, 12))
        self.report = OeeReport(self.database, lambda: self.catalog, lambda: zone, self.clock)

    def store(self, station: str = "201", events=(), records=()):
        start = self.positions.get(station, 0)
        self.positions[station] = start + 1
        return self.writer.store(Batch(station, "journal", Position(1, start),
                                       Position(1, start + 1), None, events=list(events),
                                       records=list(records), now="2026-12-03T00:00:00.000Z",
                                       source=station))

    def table(self, name: str) -> list[tuple]:
        return self.writer.connection.execute(f"SELECT * FROM {name} ORDER BY 1, 2, 3").fetchall()

    def close(self):
        self.writer.close()
        self.database.dispose()


@pytest.fixture
def site(tmp_path):
    made = Site(tmp_path)
    yield made
    made.close()


def stop_events(station: str = "201", first_seq: int = 1, stop_id: str = "s1",
                start: datetime = utc(1, 21, 30), end: datetime = utc(1, 22, 30),
                breaks=(("2026-12-01T21:45:00.000Z", "2026-12-01T22:15:00.000Z"),)):
    return [event(station, first_seq, "stop.opened",
                  {"stop_id": stop_id, "started_at": text(start), "size": "#0", "reason": ""}),
            event(station, first_seq + 1, "stop.closed",
                  {"stop_id": stop_id, "started_at": text(start), "ended_at": text(end),
                   "breaks": [list(pair) for pair in breaks]}, user=None)]


def test_a_closed_stop_is_split_over_its_shifts_without_its_breaks(site):
    stored = site.store(events=stop_events())
    assert stored.extensions == {"oee"}
    shifts = [(row[1], row[3], row[6], row[7]) for row in site.table("oee_shift")]
    assert shifts == [("2026-12-01T14:00:00.000Z", 2, 900.0, 1),
                      ("2026-12-01T22:00:00.000Z", 3, 900.0, 0)]
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("", 1800.0, 1)]


def test_oee_per_shift_and_day_by_hand(site):
    # Shift 2 of 1 Dec: 27 900 s planned (the break's first 15 min), 900 s down, 90 boxes at
    # 300 s ideal, 9 with a rejection.
    records = [box(n, utc(1, 14, 10), defect="Furo" if n <= 9 else "N/A") for n in range(1, 91)]
    site.store(events=stop_events(), records=records)
    rows = site.report.shifts(utc(1, 0), utc(2, 0))
    by_shift = {row.shift: row for row in rows}
    second = by_shift[2].figures
    assert second.planned_s == 27_900 and second.downtime_s == 900
    assert second.availability == pytest.approx(27_000 / 27_900)
    assert second.performance == pytest.approx(1.0)
    assert second.quality == pytest.approx(0.9)
    # Shift 3 had only the stop's second half: planned, no box, 900 s down.
    third = by_shift[3].figures
    assert (third.planned_s, third.downtime_s, third.boxes) == (27_900, 900, 0)
    assert third.availability == pytest.approx(27_000 / 27_900) and third.performance == 0
    day = site.report.days(utc(1, 0), utc(2, 0))
    assert [(d.day, d.station) for d in day] == [("2026-12-01", "201")]
    assert day[0].figures.availability == pytest.approx(54_000 / 55_800)
    trend = site.report.trend(utc(1, 0), utc(2, 0))
    assert trend[0].figures.availability == pytest.approx(54_000 / 55_800)
    assert trend[0].figures.quality == pytest.approx(0.9)


def test_classification_moves_seconds_between_reasons_in_any_order(site):
    site.store(events=stop_events())
    # A supervisor classifies from an office PC (its own chain), then again.
    site.store("office", events=[event("office", 1, "stop.classified",
                                       {"station": "201", "stop_id": "s1",
                                        "reason": "material", "note": ""}, user="sup")])
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("material", 1800.0, 1)]
    late = event("office", 2, "stop.classified", {"station": "201", "stop_id": "s1",
                                                  "reason": "setup", "note": "die change"},
                 user="sup", at="2026-12-02T08:00:00.000Z")
    site.store("office", events=[late])
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("setup", 1800.0, 1)]
    stop = site.report.stops(utc(1, 0), utc(3, 0))[0]
    assert (stop["reason"], stop["classified_by"], stop["note"]) == ("setup", "sup", "die change")
    # The shift totals did not move.
    assert sum(row[6] for row in site.table("oee_shift")) == 1800.0


def test_a_classification_arriving_before_its_stop_is_kept(site):
    site.store("office", events=[event("office", 1, "stop.classified",
                                       {"station": "201", "stop_id": "s1",
                                        "reason": "maintenance"}, user="sup")])
    site.store(events=stop_events())
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("maintenance", 1800.0, 1)]


def test_boxes_and_rejections_follow_corrections_and_voids(site):
    site.store(records=[box(1, utc(1, 7)), box(2, utc(1, 7, 5), defect="Furo")])
    site.store(records=[box(2, utc(1, 7, 5), version=2, status="voided"),
                        box(1, utc(1, 7), version=2, defect="Suja")])
    assert [row[4:6] for row in site.table("oee_output")] == [(1, 1)]
    records = site.report.records("201", utc(1, 6), utc(1, 14))
    assert [(r["record_id"], r["status"]) for r in records] == [("201-1", "active"),
                                                                 ("201-2", "voided")]


def test_an_open_stop_counts_up_to_now_with_the_plans_breaks(site):
    site.store(events=stop_events()[:1])  # opened at 21:30, not closed
    site.clock = ManualClock(utc(1, 23))
    site.report.clock = site.clock
    rows = site.report.shifts(utc(1, 0), utc(2, 0))
    assert [(r.shift, r.figures.downtime_s) for r in rows] == [(2, 900.0), (3, 2_700.0)]
    # Shift 3 so far: 22:00-23:00 minus the break's 15 min.
    assert rows[1].figures.planned_s == 2_700.0
    assert site.report.pareto(utc(1, 0), utc(2, 0)) == [("", 3_600.0, 1)]


def test_hostile_stop_events_are_refused_with_a_warning_and_change_nothing(site, caplog):
    bad = [
        event("201", 1, "stop.opened", {"stop_id": "../../x", "started_at": "2026-12-01"}),
        event("201", 2, "stop.closed", {"stop_id": "s9", "started_at": "2026-12-02T00:00:00Z",
                                        "ended_at": "2026-12-01T00:00:00Z"}),
        event("201", 3, "stop.closed", {"stop_id": "s8", "started_at": "2026-01-01T00:00:00Z",
                                        "ended_at": "2026-12-01T00:00:00Z"}),
        event("201", 4, "stop.classified", {"station": "201", "stop_id": "s1",
                                            "reason": "DROP TABLE"}),
        event("201", 5, "stop.closed", {"stop_id": "s7", "started_at": "2026-12-01T00:00:00Z",
                                        "ended_at": "2026-12-01T01:00:00Z", "breaks": "all"}),
        ("201", 6, "2026-12-01T00:00:00.000Z", "op", "operator", "stop.opened", None, None,
         None, "h6", "[not json"),
    ]
    with caplog.at_level(logging.WARNING, logger="data.view_oee"):
        stored = site.store(events=bad)
    assert stored is not None and stored.events == 6
    assert len([r for r in caplog.records if "refused" in r.message]) == 6
    assert site.table("oee_stops") == [] and site.table("oee_shift") == []


def test_a_station_does_not_classify_another_stations_stop(site, caplog):
    """Station 202's chain (its operator, or anyone holding 202's PC key) naming a reason for
    201's stop is refused; a supervisor's classification from any PC is taken."""
    site.store(events=stop_events())
    with caplog.at_level(logging.WARNING, logger="data.view_oee"):
        site.store("202", events=[event("202", 1, "stop.classified",
                                        {"station": "201", "stop_id": "s1", "reason": "setup"})])
    assert "refused" in caplog.text and "202" in caplog.text
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("", 1800.0, 1)]
    site.store("202", events=[event("202", 2, "stop.classified",
                                    {"station": "201", "stop_id": "s1", "reason": "material"},
                                    user="sup")])
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("material", 1800.0, 1)]


def test_a_rebuild_gives_the_same_figures(site):
    site.store(events=stop_events(), records=[box(1, utc(1, 15)), box(2, utc(1, 16), defect="Furo")])
    site.store("office", events=[event("office", 1, "stop.classified",
                                       {"station": "201", "stop_id": "s1", "reason": "setup"})])
    before = [site.table(name) for name in ("oee_stops", "oee_shift", "oee_output", "oee_reason")]
    site.writer.rebuild_aggregates()
    after = [site.table(name) for name in ("oee_stops", "oee_shift", "oee_output", "oee_reason")]
    assert after == before


def test_the_sites_daily_sums_agree_with_the_per_station_rows(site):
    # Two stations; a range holding whole days (read from the site's sums) and partial ones
    # at both ends (read per station and shift): the same figures either way.
    site.store(events=stop_events(), records=[box(1, utc(1, 15)), box(2, utc(2, 7), defect="Furo")])
    site.store("202", events=stop_events("202", stop_id="t1", start=utc(2, 10),
                                         end=utc(2, 11), breaks=()),
               records=[box(3, utc(2, 10, 30), station="202"), box(4, utc(3, 1), station="202")])
    site.store("office", events=[event("office", 1, "stop.classified",
                                       {"station": "202", "stop_id": "t1", "reason": "quality"},
                                       user="sup")])
    start, end = utc(1, 3), utc(3, 12)
    by_day: dict[str, list] = {}
    for row in site.report.days(start, end):
        by_day.setdefault(row.day, []).append(row.figures)
    trend = {row.day: row.figures for row in site.report.trend(start, end)}
    assert sorted(trend) == sorted(by_day) == ["2026-12-01", "2026-12-02"]
    for day, parts in by_day.items():
        from utils.mes.oee import combine

        expected = combine(parts)
        got = trend[day]
        assert (got.planned_s, got.downtime_s, got.boxes, got.good) == (
            expected.planned_s, expected.downtime_s, expected.boxes, expected.good)
    pareto = site.report.pareto(start, end)
    by_station = {}
    for station in ("201", "202"):
        for reason, seconds, stops in site.report.pareto(start, end, station):
            entry = by_station.setdefault(reason, [0.0, 0])
            entry[0] += seconds
            entry[1] += stops
    assert {r: [s, n] for r, s, n in pareto} == by_station == {"": [1800.0, 1],
                                                                 "quality": [3600.0, 1]}


def test_a_classification_counts_only_with_its_persons_signature(site, caplog):
    """Anyone holding a PC's key can write an event naming any user and role: what counts is
    the signature of a key the directory certified for that person, whose role allows it."""
    site.store(events=stop_events())
    genuine = event("office", 1, "stop.classified",
                    {"station": "201", "stop_id": "s1", "reason": "material"}, user="sup")
    document = json.loads(genuine[10])["after"]
    unsigned = {k: v for k, v in document.items() if k not in ("sig", "key_id")}
    forged = [
        # Unsigned, naming the supervisor.
        ("office", 1, unsigned, "sup", "not signed with a person's key"),
        # Signed with the operator's own key, naming the supervisor.
        ("office", 2, people.sign("sup", unsigned, key=people.KEYS["op"]), "sup",
         "never certified for that person"),
        # The supervisor's genuine signature moved to another stop.
        ("office", 3, {**document, "stop_id": "s2"}, "sup", "does not match"),
        # The operator's genuine signature on another station's stop, recorded as supervisor.
        ("office", 4, people.sign("op", unsigned), "op", "may not classify another"),
        # 201's own stop, by its operator, who has a key: unsigned is refused.
        ("201", 3, {**unsigned, "signed_by": "op"}, "op", "not signed with a person's key"),
    ]
    with caplog.at_level(logging.WARNING, logger="data.view_oee"):
        for station, seq, after, user, _why in forged:
            site.store(station, events=[(station, seq, "2026-12-02T09:00:00.000Z", user,
                                         "supervisor", "stop.classified", "stop", None, None,
                                         f"f{station}{seq}", json.dumps({"after": after}))])
    lines = [r.message for r in caplog.records if "refused" in r.message]
    assert len(lines) == len(forged)
    for line, (station, seq, _after, _user, why) in zip(lines, forged):
        assert f"of station {station} seq {seq} refused" in line and why in line, line
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("", 1800.0, 1)]
    # The genuine one counts; replayed later in another event it changes nothing more.
    site.store("office", events=[genuine[:1] + (5,) + genuine[2:]])
    own = event("201", 3, "stop.classified",
                {"station": "201", "stop_id": "s1", "reason": "setup"},
                at="2026-12-02T10:00:00.000Z")
    site.store("201", events=[own])  # the operator's signed classification of its own stop
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("setup", 1800.0, 1)]
    # (written later, by a PC holding the office's key: its event's time is the newest)
    site.store("office", events=[genuine[:1] + (6, "2026-12-03T00:00:00.000Z") + genuine[3:9]
                                 + ("replay",) + genuine[10:]])
    assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("setup", 1800.0, 1)]


def test_someone_the_site_gave_no_key_classifies_their_own_stations_stop_unsigned(tmp_path):
    """An account from before person keys has no certified key: its unsigned classification
    counts from the stop's own station only (the station's chain is all there is), never for
    another station's stop."""
    from dataclasses import replace

    from utils.trust.person_documents import ViewSignatures

    state = people.directory()
    state.users["op"] = replace(state.users["op"], public_key=None)
    site = Site(tmp_path)
    site.writer.extensions[0].signatures = ViewSignatures(lambda: state, "office")
    try:
        site.store(events=stop_events())
        keyless = {"kind": "stop_classification", "site": people.SITE, "station": "201",
                   "stop_id": "s1", "reason": "setup", "note": "", "signed_by": "op",
                   "signed_at": "2026-12-02T08:00:00.000Z", "key_id": None}
        site.store("202", events=[("202", 1, "2026-12-02T08:00:00.000Z", "op", "supervisor",
                                   "stop.classified", "stop", None, None, "k1",
                                   json.dumps({"after": keyless}))])
        assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("", 1800.0, 1)]
        site.store(events=[("201", 3, "2026-12-02T08:00:00.000Z", "op", "operator",
                            "stop.classified", "stop", None, None, "k2",
                            json.dumps({"after": keyless}))])
        assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("setup", 1800.0, 1)]
    finally:
        site.close()


def test_a_classification_whose_note_holds_direction_characters_keeps_its_reason_not_its_note(
        tmp_path, caplog):
    """A keyless account's classification (counted from the stop's own station unsigned)
    with a right-to-left override in its note (the service refuses such a note since
    2026-12-05; one written before may be in a journal): its signed reason counts, its note
    is left out, said once."""
    import logging
    from dataclasses import replace

    from utils.trust.person_documents import ViewSignatures

    state = people.directory()
    state.users["op"] = replace(state.users["op"], public_key=None)
    site = Site(tmp_path)
    extension = site.writer.extensions[0]
    extension.signatures = ViewSignatures(lambda: state, "office")
    try:
        site.store(events=stop_events())
        spoofed = {"kind": "stop_classification", "site": people.SITE, "station": "201",
                   "stop_id": "s1", "reason": "setup", "note": "ok \u202ereggarc",
                   "signed_by": "op", "signed_at": "2026-12-02T08:00:00.000Z", "key_id": None}
        with caplog.at_level(logging.WARNING):
            site.store(events=[("201", 3, "2026-12-02T08:00:00.000Z", "op", "operator",
                                "stop.classified", "stop", None, None, "k2",
                                json.dumps({"after": spoofed}))])
        assert site.report.pareto(utc(1, 0), utc(3, 0)) == [("setup", 1800.0, 1)]
        assert [row[0] for row in site.writer.connection.execute(
            "SELECT note FROM oee_stops")] == [None]
        assert any("is not kept" in r.getMessage() for r in caplog.records)
        assert extension.refusals.take() == []
    finally:
        site.close()


def test_a_stop_opened_on_waking_from_weeks_asleep_is_taken_one_from_years_back_is_not(site):
    """A PC asleep for weeks opens its stop on waking, from its last box: genuine (a review
    found it refused at 7 days); a start further from its event than a stop may last (100
    days) is what no station writes."""
    woke = "2026-12-01T23:00:00.000Z"
    asleep = event("201", 1, "stop.opened", {"stop_id": "s1", "started_at":
                                             "2026-11-10T08:00:00.000Z", "size": "#0",
                                             "reason": ""}, at=woke)
    years = event("202", 1, "stop.opened", {"stop_id": "s2", "started_at":
                                            "2000-01-01T00:00:00.000Z", "size": "#0",
                                            "reason": ""}, at=woke)
    site.store("201", events=[asleep])
    site.store("202", events=[years])
    assert [row[0] for row in site.table("oee_stops")] == ["201"]
    [(station, problem)] = site.writer.extensions[0].refusals.take()
    assert station == "202" and "than a stop may last" in problem


def test_a_shifts_ideal_time_sums_each_sizes_own_rate(site):
    # Shift 2 of 1 Dec, station 201: 6 boxes of #0 (catalog: 12 an hour, 300 s each), 4 of #1
    # (not in the catalog: the default 12 an hour, 300 s) and, once the catalog names #1 at 6
    # an hour, 600 s each; a #0 box voided later counts for nothing. Station 202 in the same
    # shift only stops: no box, no ideal time.
    records = [box(n, utc(1, 14, n)) for n in range(1, 8)]
    records += [box(n, utc(1, 15, n), size="#1", defect="Furo" if n == 8 else "N/A")
                for n in range(8, 12)]
    site.store(records=records)
    site.store(records=[box(7, utc(1, 14, 7), version=2, status="voided")])
    site.store("202", events=stop_events("202", stop_id="t1", start=utc(1, 16),
                                         end=utc(1, 17), breaks=()))
    rows = {row.station: row.figures for row in site.report.shifts(utc(1, 14), utc(1, 15))}
    assert (rows["201"].boxes, rows["201"].good, rows["201"].ideal_s) == (10, 9, 10 * 300.0)
    assert (rows["202"].boxes, rows["202"].ideal_s, rows["202"].downtime_s) == (0, 0.0, 3600.0)
    site.catalog = Catalog(downtime=DowntimeSettings(
        rates=(SizeRate("#0", 12.0, 15), SizeRate("#1", 6.0, 15)),
        breaks=(PlannedBreak("21:45", 30),)))
    rows = {row.station: row.figures for row in site.report.shifts(utc(1, 14), utc(1, 15))}
    assert rows["201"].ideal_s == 6 * 300.0 + 4 * 600.0
    # 8 h (14:00-22:00) minus the 21:45 break's first 15 min, nothing down: P by hand.
    assert rows["201"].planned_s == 27_900
    assert rows["201"].performance == pytest.approx(4200 / 27_900)
    only = site.report.shifts(utc(1, 14), utc(1, 15), station="202")
    assert [row.station for row in only] == ["202"]
