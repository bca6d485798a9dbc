"""One site view from any PC, whatever the order or the timing in which it reads the journals.

A share with three production stations and an office PC (boxes, a signed correction and a
void of stations' records made on the office PC, a record made there for a station, a stop
classified from the office, a handover, an SPC freeze) is read by fresh site views on a second
office PC in different orders: one whole catch-up, station by station in reverse order, a
view that followed the day in small batches while the stations wrote, the follower's catch-up
in time order; and by the office PC and a station themselves (their own chains read from their
own databases). What a supervisor sees (current records, versions, every aggregate and
feature table, events) must be the same in each.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from config.constants import Role
from config.downtime import DowntimeSettings
from config.spc import SpcSettings, SpecLimit
from data.view_db import open_view_database
from models.canonical import parse_utc
from models.shifts import shift_of
from utils.mes import spc_service
from utils.mes.downtime import DowntimeService
from utils.production import Meaning, Signature
from utils.site import site_ingest
from utils.site.journal import JournalWriter
from utils.site.site_view import SiteView
from utils.site.view_follower import ViewFollower

from tests.utils.site.memberkit import MemberStation
from tests.utils.site.sitekit import ADMIN_PW, OPERATOR_PW, add_user, admin_session, site_layout

STATIONS = ("205", "206", "207")
SPC_SETTINGS = SpcSettings((SpecLimit("#00", "cam_d", 0.5, 2.5),))
BASELINE = [1.5, 1.6, 1.4, 1.5, 1.7, 1.5, 1.4, 1.6, 1.5, 1.3,
            1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5]
# What differs between two views of the same journals without being the site's truth: the
# events' arrival ids, a view's own bookkeeping (versions moved per commit, its time zone).
_SKIPPED_TABLES = {"view_meta", "view_sources"}
_SKIPPED_COLUMNS = {"view_events": {"id"}}


def _form(cam_d: float, defect: str = "N/A", size: str = "#00") -> dict:
    return {"size": size, "rej1_defect": defect,
            "rej1_location": "Cap" if defect != "N/A" else "N/A",
            "cam_d": f"{cam_d:.2f}".replace(".", ","), "cam_w": "1,0"}


class Plant:
    """The site: office1 (the admin's PC, ana), stations 205-207 (operator op), office2 (the
    PC whose fresh views are compared), each PC's journal written to the share on `export`."""

    def __init__(self, site, tmp_path: Path, closing: list):
        self.site, self.tmp_path = site, tmp_path
        self.stations = {sid: MemberStation(site, tmp_path, sid) for sid in STATIONS}
        closing.extend(s.ctx for s in self.stations.values())
        add_user(site, "sup", Role.SUPERVISOR)
        for pc in [site.admin, *(s.ctx for s in self.stations.values())]:
            # No planned breaks: the stops are the same whatever the time of day.
            pc.apply_catalog(replace(pc.catalog, downtime=DowntimeSettings(breaks=())))
            pc.directory.refresh()
        self.office2 = site.station(tmp_path, "office2", kind="office")
        closing.append(self.office2)
        layout = site_layout(site.share)
        self.writers = [s.writer for s in self.stations.values()] + [
            JournalWriter(ctx.database, layout.station(ctx.station_id).ensure(), ctx.anchor,
                          ctx.trust.pc_key) for ctx in (site.admin, self.office2)]
        self.admin = admin_session(site)

    def export(self) -> None:
        for writer in self.writers:
            while writer.sync():
                pass

    def box(self, station_id: str, form: dict) -> str:
        station = self.stations[station_id]
        return station.ctx.production.register_box(station.operator, form).record_id

    def fresh_view(self, name: str) -> SiteView:
        """A new, empty site view on office2 (its own database file)."""
        return SiteView(self.office2, database=open_view_database(self.tmp_path / f"{name}.db"))


# -- the day ------------------------------------------------------------------------------------

def _steps(plant: Plant) -> list:
    """The day's activity, step by step (each ends with every PC's journal on the share)."""
    site, admin = plant.site, plant.admin
    made: dict[str, str] = {}

    def boxes():
        for index, value in enumerate(BASELINE):
            plant.box("206", _form(value))
            if index % 4 == 0:
                plant.box("205", _form(1.5, "Furo" if index % 8 == 0 else "N/A"))
                plant.box("207", _form(1.6, "Rachada", "#1"))
        made["205"] = plant.box("205", _form(1.5, "Furo"))
        made["206"] = plant.box("206", _form(1.5, "Furo", "#1"))

    def corrections():
        site.admin.site_view.ingest()  # the office PC knows the records from its view
        site.admin.production.edit_record(
            admin, made["206"], {"size": "#0", "rej1_defect": "N/A", "rej1_location": "N/A"},
            "wrong size typed at the station", base_version=1,
            signature=Signature(ADMIN_PW, Meaning.CORRECTION))
        site.admin.production.void_record(admin, made["205"], "box counted twice",
                                          base_version=1,
                                          signature=Signature(ADMIN_PW, Meaning.VOID))
        when = site.admin.clock.now().replace(microsecond=0) - timedelta(hours=1)
        made["manual"] = site.admin.production.manual_record(
            admin, "207", {**_form(1.6, "Rachada", "#1"), "lot": "L7", "box": "3"},
            "collector of 207 was down", recorded_at=when).record_id

    def stop():
        ctx = plant.stations["207"].ctx
        started = ctx.clock.now() - timedelta(minutes=20)
        vars(ctx)["downtime"] = DowntimeService(ctx, started_at=started)
        assert ctx.downtime.tick() == "opened"
        plant.box("207", _form(1.6))
        assert ctx.downtime.tick() == "closed"
        made["stop"] = ctx.downtime.recent_stops()[0].stop_id

    def classify():
        site.admin.downtime.classify(admin, "207", made["stop"], "material", "no capsules")

    def handover():
        station = plant.stations["205"]
        shift = shift_of(station.ctx.clock.now(), station.ctx.timezone)
        station.ctx.handover.sign(station.operator, shift, "Scale 2 drifts",
                                  password=OPERATOR_PW, username="op")

    def freeze():
        view = site.admin.site_view
        view.ingest()
        chart = spc_service.chart(view, SPC_SETTINGS, "206", "#00", "cam_d")
        start = parse_utc(chart.times[0])
        end = parse_utc(chart.times[len(BASELINE) - 1]) + timedelta(milliseconds=1)
        spc_service.freeze(site.admin.changes, admin, view, SPC_SETTINGS, "206", "#00",
                           "cam_d", start, end, "a stable week after setup")

    def later():
        plant.box("206", _form(3.0))  # beyond the limits: a signal
        plant.box("205", _form(1.5, "Furo"))
        plant.box("207", _form(1.6, "Rachada", "#1"))

    return [stop, boxes, corrections, classify, handover, freeze, later]


# -- what a view shows --------------------------------------------------------------------------

def _value(value):
    return round(value, 6) if isinstance(value, float) and math.isfinite(value) else value


def contents(view: SiteView) -> dict[str, list]:
    """Every table of the view, its rows sorted (floats rounded: sums in another order)."""
    found = {}
    with view.database.read() as connection:
        tables = [row[0] for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in sorted(set(tables) - _SKIPPED_TABLES):
            columns = [row[1] for row in connection.exec_driver_sql(
                f'PRAGMA table_info("{table}")')
                if row[1] not in _SKIPPED_COLUMNS.get(table, set())]
            rows = connection.exec_driver_sql(
                f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in columns)} "
                f'FROM "{table}"').all()
            found[table] = sorted((tuple(_value(v) for v in row) for row in rows), key=repr)
    return found


def differences(one: dict[str, list], other: dict[str, list]) -> dict[str, tuple]:
    """Per table: (rows only in `one`, rows only in `other`)."""
    found = {}
    for table in sorted(set(one) | set(other)):
        a, b = set(one.get(table, [])), set(other.get(table, []))
        if a != b:
            found[table] = (sorted(a - b, key=repr), sorted(b - a, key=repr))
    return found


# Additive figures: a row whose sums are all zero (a version counted, then taken out when a
# newer one replaced it) is in a view that read the two versions in that order, and not in one
# that read the newer one first. Every reader sums or filters them (> 0), so such a row shows
# nothing: it is left out of the comparison.
_ADDITIVE = {"agg_counts", "agg_defects", "agg_insight", "agg_insight_defects",
             "agg_insight_weeks", "oee_output", "oee_site_output", "oee_reason",
             "oee_site_reason", "oee_shift", "oee_site_shift"}


def _all_zero(table: str, row: tuple) -> bool:
    numbers = [v for v in row if isinstance(v, (int, float))]
    if table == "oee_shift":
        numbers = numbers[1:]  # its shift number is a key
    return bool(numbers) and not any(numbers)


def shown(dump: dict[str, list]) -> dict[str, list]:
    return {table: [row for row in rows if not (table in _ADDITIVE and _all_zero(table, row))]
            for table, rows in dump.items()}


def same(one: SiteView, other: SiteView, *, leaving_out: frozenset = frozenset()) -> dict:
    """The tables where two views differ (empty: the same view)."""
    a, b = shown(contents(one)), shown(contents(other))
    assert a["view_records"] and a["view_events"] and a["oee_stops"] and a["spc_baselines"] \
        and a["view_handovers"]
    return {table: diff for table, diff in differences(a, b).items() if table not in leaving_out}


# -- the orders ---------------------------------------------------------------------------------

def catch_up_whole(plant: Plant) -> SiteView:
    """(a) One ingest of every journal: the stations in the share's order."""
    view = plant.fresh_view("whole")
    view.ingest()
    return view


def station_by_station_reversed(plant: Plant) -> SiteView:
    """(b) Station by station in reverse order (the office PCs before the stations), this
    PC's own chain last."""
    view = plant.fresh_view("reversed")
    for station_id in reversed(view.journal_stations()):
        view.ingest_station(station_id)
    view.ingest_local()
    return view


def follower_in_time_order(plant: Plant) -> SiteView:
    """The follower's catch-up: every station a little at a time, in time order."""
    view = plant.fresh_view("follower")
    assert ViewFollower(view, chunk_events=3, group_events=1).catch_up_now()
    return view


@pytest.fixture
def plant(site, tmp_path, closing):
    return Plant(site, tmp_path, closing)


@pytest.fixture
def day(plant, monkeypatch, closing):
    """The day played on the share, followed meanwhile by a view of office2 (c): after each
    step, in batches of 2 events, the stations in a rotating order; and by the office PC's
    and station 206's own views (their own chains from their own databases)."""
    following = plant.fresh_view("following")
    closing.append(following)
    own = [plant.site.admin.site_view, plant.stations["206"].ctx.site_view]
    for number, step in enumerate(_steps(plant)):
        step()
        plant.export()
        with monkeypatch.context() as patch:
            patch.setattr(site_ingest, "INGEST_BATCH", 2)
            stations = following.journal_stations()
            turn = number % len(stations)
            for station_id in stations[turn:] + stations[:turn]:
                following.ingest_station(station_id)
            following.ingest_local()
        for view in own:
            view.ingest()
    return plant, following, own


def _views(closing, *views: SiteView) -> list[SiteView]:
    closing.extend(views)
    return list(views)


def test_following_the_day_in_small_batches_or_catching_up_gives_the_same_view(day, closing):
    """A fresh catch-up, the follower's catch-up in time order, a view that followed the day
    in small batches, and the office PC's and station 206's own views: one view."""
    plant, following, own = day
    whole, follower = _views(closing, catch_up_whole(plant), follower_in_time_order(plant))
    for view in (follower, following, *own):
        assert same(whole, view) == {}
    for view in (follower, following):
        assert view.anomalies() == whole.anomalies() == {}


def test_reading_the_stations_in_reverse_order_gives_the_same_figures(day, closing):
    """Station by station in reverse order (the office's correction of 206's box before the
    box itself): the same records, versions, aggregates, stops, handovers and SPC."""
    plant = day[0]
    whole, backwards = _views(closing, catch_up_whole(plant), station_by_station_reversed(plant))
    assert same(whole, backwards) == {}
    assert backwards.anomalies() == {}


def test_the_spc_chart_chooser_is_the_same_whichever_order(day, closing):
    plant = day[0]
    whole, backwards = _views(closing, catch_up_whole(plant), station_by_station_reversed(plant))
    assert spc_service.chart_choices(whole) == spc_service.chart_choices(backwards)


# -- hostile and timing variants ----------------------------------------------------------------

def _forged_version(plant: Plant, station_id: str, after: dict) -> None:
    """An event of `station_id`'s own chain carrying a record version its key signs (what a
    copy of that PC's key, or a tool on it, can write), exported."""
    from utils.audit.chain import Actor
    from utils.changes import Topic

    ctx = plant.stations[station_id].ctx
    with ctx.changes.begin(Actor("op", "operator"), Topic.RECORDS) as tx:
        tx.audit("record.edit", entity="record", entity_id=after["record_id"], after=after,
                 reason="changed at the station")
    plant.export()


def _record_event(ctx, record_id: str) -> dict:
    import json

    from data import audit_repo

    with ctx.database.read() as connection:
        events = [json.loads(e["body"]) for e in audit_repo.list_events(connection, limit=10_000)
                  if e["entity_id"] == record_id]
    return events[-1]["after"]


def _office_record_changed_by_207(plant: Plant, box: str):
    """A record the office PC made for station 207, then changed by 207 unsigned (its own
    record: allowed for a program on the station); both exported."""
    site = plant.site
    made = site.admin.production.manual_record(
        plant.admin, "207", {**_form(1.6, "Rachada", "#1"), "lot": "L7", "box": box},
        "collector of 207 was down")
    plant.export()
    after = {**_record_event(site.admin, made.record_id), "version": 2, "cam_d": 2.5,
             "editor": "op", "edited_at": "2026-01-01T00:00:00.000Z", "base_version": 1,
             "signature": None}
    _forged_version(plant, "207", after)
    return made


def test_a_station_change_of_a_record_the_office_made_for_it_is_taken_in_any_order(
        plant, closing):
    made = _office_record_changed_by_207(plant, "3")
    whole, backwards = _views(closing, catch_up_whole(plant), station_by_station_reversed(plant))
    assert whole.current_record(made.record_id)["version"] \
        == backwards.current_record(made.record_id)["version"]
    assert whole.anomalies() == backwards.anomalies()


def test_a_change_waiting_for_its_record_is_its_stations_alarm_until_the_record_is_read(
        plant, closing):
    made = _office_record_changed_by_207(plant, "4")
    view = _views(closing, plant.fresh_view("207-first"))[0]
    view.ingest_station("207")  # the office PC's journal, with version 1, not read yet
    assert "1 change(s) of records whose first version" in view.waiting_changes()["207"]
    assert view.current_record(made.record_id) is None
    view.ingest()
    assert view.waiting_changes() == {} and "207" not in view.anomalies()
    assert view.current_record(made.record_id)["version"] == 2


def test_two_equal_corrections_of_a_record_give_one_current_version_in_any_order(
        plant, closing):
    site = plant.site
    record_id = plant.box("206", _form(1.5))
    plant.export()
    site.admin.site_view.ingest()
    edited = site.admin.production.edit_record(
        plant.admin, record_id, {"cam_d": "1,7"}, "transcription error", base_version=1,
        signature=Signature(ADMIN_PW, Meaning.CORRECTION))
    plant.export()
    after = {**_record_event(plant.stations["206"].ctx, record_id), "version": 2,
             "cam_d": 1.9, "editor": "op", "base_version": 1, "signature": None,
             "edited_at": _record_event(site.admin, record_id)["edited_at"]}
    assert after["edited_at"] == _record_event(site.admin, edited.record_id)["edited_at"]
    _forged_version(plant, "206", after)
    whole, backwards = _views(closing, catch_up_whole(plant), station_by_station_reversed(plant))
    assert whole.current_record(record_id)["cam_d"] == backwards.current_record(record_id)["cam_d"]


def test_a_classification_stands_whenever_a_pc_reads_it(plant, closing):
    site = plant.site
    steps = {step.__name__: step for step in _steps(plant)}
    steps["stop"]()
    plant.export()
    site.admin.site_view.ingest()
    stop_id = plant.stations["207"].ctx.downtime.recent_stops()[0].stop_id
    supervisor = site.admin.auth.login("sup", OPERATOR_PW).session
    site.admin.downtime.classify(supervisor, "207", stop_id, "material", "no capsules")
    plant.export()
    before = _views(closing, plant.fresh_view("before"))[0]
    before.ingest()
    site.admin.auth.set_role(plant.admin, "sup", Role.OPERATOR, "moved to the line")
    plant.office2.directory.refresh()
    after = _views(closing, plant.fresh_view("after"))[0]
    after.ingest()

    def reason(view):
        with view.database.read() as connection:
            return connection.exec_driver_sql(
                "SELECT reason, classified_by FROM oee_stops WHERE stop_id = ?",
                (stop_id,)).one()

    assert reason(before) == ("material", "sup")
    assert reason(after) == reason(before)


def test_a_copied_version_one_never_takes_a_record_whichever_is_read_first(plant, closing):
    # The record's id was made for station 205 (models/record_ids.py): a version 1 naming 207
    # is refused on every PC, read before or after 205's own.
    record_id = plant.box("205", _form(1.5, "Furo"))
    plant.export()
    copied = {**_record_event(plant.stations["205"].ctx, record_id), "station": "207"}
    _forged_version(plant, "207", copied)
    whole, backwards = _views(closing, catch_up_whole(plant), station_by_station_reversed(plant))
    assert whole.current_record(record_id)["station_id"] == "205"
    assert backwards.current_record(record_id)["station_id"] == "205"
    for view in (whole, backwards):
        assert "made for another station" in view.anomalies().get("207", ""), view.anomalies()
