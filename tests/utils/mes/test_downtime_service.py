"""A station's stops on a real database: opened after N minutes of working time without a box
(breaks not counted), closed by the next box with the breaks it spanned, declared and
classified with who and when, refused for the wrong role or reason, kept across a restart."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timezone

import pytest

from config.constants import Role
from config.downtime import DowntimeSettings, PlannedBreak, SizeRate
from config.settings import Settings
from data import audit_repo
from utils.clock import ManualClock
from utils.context import AppContext
from utils.mes.downtime import DowntimeService, StopRefused
from utils.permissions import PermissionDenied

FORM = {"size": "#0", "rej1_defect": "N/A", "rej1_location": "N/A", "cam_d": "1", "cam_w": "1"}


def utc(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=timezone.utc)


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    clock = ManualClock(utc(9, 0))
    context = AppContext.open(tmp_path / "home", clock=clock,
                              settings=Settings(station_id="203", timezone="UTC"))
    context.apply_catalog(replace(context.catalog, downtime=DowntimeSettings(
        rates=(SizeRate("#0", 12.0, 10),), breaks=(PlannedBreak("10:00", 30),))))
    context.auth.create_first_admin("admin", "Ana Admin", "Quarry-Lantern-42")
    admin = context.auth.login("admin", "Quarry-Lantern-42").session
    for name, role in (("op", Role.OPERATOR), ("ana", Role.ANALYST)):
        context.auth.create_user(admin, name, name.title(), role, "Initial-Pass-" + "x".join(name),
                                 "new hire on shift A")
    yield context
    context.close()


def login(ctx, name):
    return ctx.auth.login(name, "Initial-Pass-" + "x".join(name)).session


def events(ctx, action):
    with ctx.database.read() as connection:
        return [dict(e, after=json.loads(e["body"])["after"])
                for e in audit_repo.list_events(connection, station="203", action=action)]


def test_no_box_for_n_working_minutes_opens_a_stop_from_the_last_box(ctx):
    op = login(ctx, "op")
    ctx.production.set_lot(op, "L1", 100, 1)
    ctx.clock.advance(minutes=52)  # 09:52
    ctx.production.register_box(op, FORM)
    service = ctx.downtime
    assert service.state().state == "running"
    ctx.clock.advance(minutes=7)  # 09:59: 7 minutes
    assert service.tick() is None
    ctx.clock.advance(minutes=30)  # 10:29: 8 working minutes (the break 10:00-10:30 is not)
    assert service.tick() is None and service.state().state == "break"
    ctx.clock.advance(minutes=2)  # 10:31: 9 working minutes
    assert service.tick() is None and service.state().state == "idle"
    ctx.clock.advance(minutes=1)  # 10:32: 10
    assert service.tick() == "opened"
    stop = service.open_stop()
    assert stop.started_at == utc(9, 52) and stop.reason == "" and stop.size == "#0"
    state = service.state()
    assert (state.state, state.since, state.reason) == ("down", utc(9, 52), "")
    assert state.document()["since"] == "2026-12-01T09:52:00.000Z"
    opened = events(ctx, "stop.opened")
    assert opened[-1]["username"] is None and opened[-1]["role"] == "system"
    # The next box closes it at its own time, with the break it spanned.
    ctx.clock.advance(minutes=8)  # 10:40
    ctx.production.register_box(op, FORM)
    ctx.clock.advance(seconds=5)
    assert service.tick() == "closed" and service.open_stop() is None
    closed = events(ctx, "stop.closed")[-1]["after"]
    assert closed["ended_at"] == "2026-12-01T10:40:00.000Z"
    assert closed["breaks"] == [["2026-12-01T10:00:00.000Z", "2026-12-01T10:30:00.000Z"]]
    assert service.tick() is None  # nothing more to do
    assert [(s.started_at, s.ended_at) for s in service.recent_stops()] == [
        (utc(9, 52), utc(10, 40))]


def test_time_before_the_app_ran_is_not_attributed(ctx):
    service = DowntimeService(ctx, started_at=utc(9, 0))
    ctx.clock.advance(minutes=9)
    assert service.tick() is None
    ctx.clock.advance(minutes=1)
    assert service.tick() == "opened" and service.open_stop().started_at == utc(9, 0)


def test_an_open_stop_survives_a_restart(ctx, tmp_path):
    service = ctx.downtime
    ctx.clock.advance(minutes=20)
    assert service.tick() == "opened"
    again = DowntimeService(ctx)
    assert again.open_stop() == service.open_stop()
    assert again.tick() is None  # no second stop while one is open


def test_declare_and_classify_are_audited_with_who_and_when(ctx):
    op = login(ctx, "op")
    service = ctx.downtime
    stop = service.declare(op, "maintenance")
    assert service.state().reason == "maintenance"
    assert events(ctx, "stop.opened")[-1]["username"] == "op"
    with pytest.raises(StopRefused):
        service.declare(op, "setup")  # one at a time
    ctx.clock.advance(minutes=3)
    service.classify(op, "203", stop.stop_id, "setup", "  changing the die  ")
    classified = events(ctx, "stop.classified")[-1]
    assert classified["username"] == "op" and classified["ts"] == "2026-12-01T09:03:00.000Z"
    # The classification is a document of the person's (unsigned: this PC is in no site).
    assert classified["after"] == {
        "kind": "stop_classification", "site": None, "station": "203",
        "stop_id": stop.stop_id, "reason": "setup", "note": "changing the die",
        "signed_by": "op", "full_name": "Op", "role": "operator",
        "signed_at": "2026-12-01T09:03:00.000Z", "key_id": None}
    assert service.open_stop().reason == "setup"
    assert service.recent_stops()[0].classified_by == "op"
    with pytest.raises(StopRefused):
        service.classify(op, "203", stop.stop_id, "coffee")


def test_a_note_with_direction_or_control_characters_is_refused_and_nothing_changes(ctx):
    """What every PC's site view refuses (data/view_oee.py) is refused at the station first:
    a note that would spoof the panel's text (a right-to-left override) is never written."""
    op = login(ctx, "op")
    stop = ctx.downtime.declare(op, "maintenance")
    before = len(events(ctx, "stop.classified"))
    with pytest.raises(StopRefused) as refused:
        ctx.downtime.classify(op, "203", stop.stop_id, "setup", "die \u202egnignahc")
    assert refused.value.code == "bad_note"
    assert len(events(ctx, "stop.classified")) == before
    assert ctx.downtime.open_stop().reason == "maintenance"


def test_an_operator_classifies_only_this_stations_stops(ctx):
    op = login(ctx, "op")
    with pytest.raises(PermissionDenied):
        ctx.downtime.classify(op, "206", "abc", "setup")
    assert events(ctx, "permission.denied")[-1]["entity_id"] == "oee.view"
    assert events(ctx, "stop.classified") == []


def test_an_analyst_may_not_classify_and_the_refusal_is_audited(ctx):
    analyst = login(ctx, "ana")
    with pytest.raises(PermissionDenied):
        ctx.downtime.classify(analyst, "203", "abc", "setup")
    assert events(ctx, "permission.denied")[-1]["entity_id"] == "downtime.classify"
    assert events(ctx, "stop.classified") == []
