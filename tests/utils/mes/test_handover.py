"""Shift handover on a real station database (utils/mes/handover.py): the night shift's summary
from registered boxes and stop events, signed by the outgoing operator, acknowledged by the
incoming one, a signed note added; every attempt to change a signed handover refused."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

import pytest
from sqlalchemy.exc import DatabaseError

from config.constants import Role
from config.settings import Settings
from data import audit_repo
from models.shifts import shift_of
from utils.audit.chain import Actor
from utils.changes import Topic
from utils.clock import ManualClock
from utils.context import AppContext
from utils.mes.handover import HandoverError, handover_id
from utils.mes.handover_summary import UNCLASSIFIED, StopLine
from utils.permissions import PermissionDenied

ZONE = "America/Sao_Paulo"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4, raising=False)
    context = AppContext.open(tmp_path / "home", clock=ManualClock(at("2026-12-01T23:00")),
                              settings=Settings(station_id="206", timezone=ZONE))
    context.auth.create_first_admin("admin", "Ana Admin", "Quarry-Lantern-42")
    admin = context.auth.login("admin", "Quarry-Lantern-42").session
    for name, role in (("op", Role.OPERATOR), ("op2", Role.OPERATOR), ("sup", Role.SUPERVISOR),
                       ("ana", Role.ANALYST)):
        context.auth.create_user(admin, name, name.title(), role, "Initial-Pass-" + "x".join(name),
                                 "new hire on shift A")
    yield context
    context.close()


def login(ctx, name):
    session = ctx.auth.login(name, "Initial-Pass-" + "x".join(name)).session
    assert session is not None
    return session


def box(ctx, session, when: str, defect: str = "N/A"):
    ctx.clock._now = at(when)
    form = {"size": "#00", "rej1_defect": defect,
            "rej1_location": "Cap" if defect != "N/A" else "N/A", "cam_d": "1,2", "cam_w": "1"}
    return ctx.production.register_box(session, form)


def stop(ctx, when: str, action: str, stop_id: str, **after):
    ctx.clock._now = at(when)
    with ctx.changes.begin(Actor("op", "operator"), Topic.AUDIT) as tx:
        tx.audit(action, entity="stop", entity_id=stop_id, after=after)


def night(ctx):
    """Shift 3 of 1 December (22:00-06:00 local, 01:00Z-09:00Z on the 2nd), hand-counted:
    4 active boxes of which 2 Rachada and 1 Furo, one voided; a stop across local midnight."""
    op, sup = login(ctx, "op"), login(ctx, "sup")
    ctx.clock._now = at("2026-12-02T00:30")
    ctx.production.set_lot(op, "L1", 10)
    box(ctx, op, "2026-12-02T00:59", "Rachada")  # 21:59 local: the evening shift's
    box(ctx, op, "2026-12-02T01:00", "Rachada")
    box(ctx, op, "2026-12-02T02:40", "Furo")
    stop(ctx, "2026-12-02T02:50", "stop.opened", "s1", started_at="2026-12-02T02:50:00.000Z")
    stop(ctx, "2026-12-02T03:25", "stop.closed", "s1", ended_at="2026-12-02T03:25:00.000Z")
    stop(ctx, "2026-12-02T03:30", "stop.classified", "s1", reason="material")
    voided = box(ctx, op, "2026-12-02T04:00")
    ctx.clock._now = at("2026-12-02T04:05")
    ctx.production.void_record(sup, voided.record_id, "box counted twice by mistake")
    box(ctx, op, "2026-12-02T05:00", "Rachada")
    box(ctx, op, "2026-12-02T08:59")
    ctx.clock._now = at("2026-12-02T09:20")  # 06:20 local: the morning shift began
    return shift_of(at("2026-12-02T03:00"), ZONE)


def handover_events(ctx):
    with ctx.database.read() as c:
        return [(e["action"], json.loads(e["body"])["after"])
                for e in audit_repo.list_events(c, station="206") if e["entity"] == "handover"]


def test_the_night_shift_is_summarised_signed_acknowledged_and_added_to(ctx):
    shift = night(ctx)
    op = login(ctx, "op")
    # 20 minutes into the next shift the ending one is what the station offers
    assert ctx.handover.offer_due() == shift == ctx.handover.shift_to_hand_over()
    summary = ctx.handover.summary(op, shift)
    assert (summary.boxes, summary.voided, summary.lots) == (4, 1, ("L1",))
    assert summary.rejections == (("Rachada", 2), ("Furo", 1))
    assert summary.stops == (StopLine("material", 1, 35.0, 0),)
    assert [i.kind for i in summary.issues] == ["lot_open"]  # 6 of 10 boxes registered

    with pytest.raises(HandoverError) as refused:  # the first signing needs the user name
        ctx.handover.sign(op, shift, "scale 2 drifts", password="Initial-Pass-oxp")
    assert refused.value.code == "username_missing" and handover_events(ctx) == []

    signed = ctx.handover.sign(op, shift, "Scale 2 drifts after 04:00.\nCheck it.",
                               password="Initial-Pass-oxp", username="op")
    assert signed.id == handover_id("206", shift) == "206/2026-12-01/3"
    [(action, document)] = handover_events(ctx)
    assert action == "handover.signed"
    assert document["notes"] == "Scale 2 drifts after 04:00.\nCheck it."
    assert document["summary"]["boxes"] == 4 and document["signed_by"] == "op"
    assert document["local_time"].startswith("2026-12-02 06:20:00 -0300")
    assert "Initial-Pass" not in json.dumps(document)
    assert ctx.handover.offer_due() is None  # signed: not offered again

    with pytest.raises(HandoverError) as refused:  # the outgoing person cannot take it
        ctx.handover.acknowledge(op, signed.id, password="Initial-Pass-oxp")
    assert refused.value.code == "own_handover"

    op2 = login(ctx, "op2")
    assert ctx.handover.waiting_for(op2).id == signed.id
    assert ctx.handover.waiting_for(op) is None
    taken = ctx.handover.acknowledge(op2, signed.id, password="Initial-Pass-oxpx2",
                                     username="op2", note="read, will check scale 2")
    assert taken.acknowledgement["signed_by"] == "op2"
    assert ctx.handover.waiting_for(op2) is None

    noted = ctx.handover.add_note(op, signed.id, "Forgot: lot L1 box 7 label torn",
                                  password="Initial-Pass-oxp")
    assert [n["note"] for n in noted.notes] == ["Forgot: lot L1 box 7 label torn"]
    again = ctx.handover.find(signed.id)
    assert again.acknowledgement["document"] == taken.acknowledgement["document"]
    assert [a for a, _ in handover_events(ctx)] == ["handover.signed", "handover.acknowledged",
                                                   "handover.note"]


def test_a_signed_handover_cannot_be_changed(ctx):
    shift = night(ctx)
    op, op2 = login(ctx, "op"), login(ctx, "op2")
    signed = ctx.handover.sign(op, shift, "all fine", password="Initial-Pass-oxp", username="op")
    # Signed again (other notes, or a later summary): refused, the first stands
    with pytest.raises(HandoverError) as refused:
        ctx.handover.sign(op2, shift, "all fine, really", password="Initial-Pass-oxpx2",
                          username="op2")
    assert refused.value.code == "already_signed"
    ctx.handover.acknowledge(op2, signed.id, password="Initial-Pass-oxpx2", username="op2")
    with pytest.raises(HandoverError) as refused:
        ctx.handover.acknowledge(login(ctx, "sup"), signed.id, password="Initial-Pass-sxuxp",
                                 username="sup")
    assert refused.value.code == "already_acknowledged"
    # A note without the signature, or an empty one: refused
    with pytest.raises(HandoverError) as refused:
        ctx.handover.add_note(op, signed.id, "later", password="wrong")
    assert refused.value.code == "signature_rejected"
    with pytest.raises(HandoverError) as refused:
        ctx.handover.add_note(op, signed.id, "  ", password="Initial-Pass-oxp")
    assert refused.value.code == "notes_required"
    # Behind the service's back: the chain's table refuses an update and a delete
    for statement in ("UPDATE audit_events SET body = '{}' WHERE action = 'handover.signed'",
                      "DELETE FROM audit_events WHERE action = 'handover.signed'"):
        with pytest.raises((DatabaseError, sqlite3.DatabaseError)):
            with ctx.database.write() as connection:
                connection.exec_driver_sql(statement)
    assert ctx.handover.find(signed.id).document["notes"] == "all fine"
    assert [a for a, _ in handover_events(ctx)] == ["handover.signed", "handover.acknowledged"]


def test_who_may_hand_over_and_what_notes_are_refused(ctx):
    shift = night(ctx)
    analyst = login(ctx, "ana")
    with pytest.raises(PermissionDenied):
        ctx.handover.sign(analyst, shift, "", password="Initial-Pass-axnxa", username="ana")
    with ctx.database.read() as c:
        [denied] = audit_repo.list_events(c, action="permission.denied")
    assert denied["entity_id"] == "handover.sign"
    op = login(ctx, "op")
    for notes, code in (("bad \u202e text", "notes"), ("x" * 2001, "notes_long")):
        with pytest.raises(HandoverError) as refused:
            ctx.handover.sign(op, shift, notes, password="Initial-Pass-oxp", username="op")
        assert refused.value.code == code
    assert handover_events(ctx) == []


def test_the_offer_follows_the_shift_clock(ctx):
    ctx.clock._now = at("2026-12-02T07:00")  # 04:00 local, two hours before the end
    shift = shift_of(ctx.clock.now(), ZONE)
    assert ctx.handover.offer_due() is None  # too early to offer
    ctx.clock._now = at("2026-12-02T08:40")  # 05:40 local: the last half hour
    assert ctx.handover.offer_due() == shift
    ctx.clock._now = at("2026-12-02T11:30")  # 08:30 local: 2.5 h into the next shift
    assert ctx.handover.offer_due() is None  # the night's went unsigned; not nagged forever
    assert ctx.handover.shift_to_hand_over() == shift_of(ctx.clock.now(), ZONE)


def test_the_offer_follows_the_catalogs_times(ctx):
    # The night shift (22:00-06:00 local, 01:00-09:00 UTC) with the catalog's own times: offered
    # from 90 min before its end, kept for 15 min into the next shift.
    from dataclasses import replace

    from config.handover import HandoverSettings

    ctx.apply_catalog(replace(ctx.catalog, handover=HandoverSettings(90, 15)))
    night = shift_of(at("2026-12-02T07:00"), ZONE)
    ctx.clock._now = at("2026-12-02T07:29")  # 04:29 local: 91 min before the end
    assert ctx.handover.offer_due() is None
    ctx.clock._now = at("2026-12-02T07:30")  # 04:30: 90 min before
    assert ctx.handover.offer_due() == night
    ctx.clock._now = at("2026-12-02T09:15")  # 06:15: 15 min into the next, night unsigned
    assert ctx.handover.offer_due() == night == ctx.handover.shift_to_hand_over()
    ctx.clock._now = at("2026-12-02T09:16")  # past the catalog's 15 min: not asked any more
    assert ctx.handover.offer_due() is None
    assert ctx.handover.shift_to_hand_over() == shift_of(ctx.clock.now(), ZONE)
    # With the defaults the same moment still offers the night's (2 h after its end).
    ctx.apply_catalog(replace(ctx.catalog, handover=HandoverSettings()))
    assert ctx.handover.offer_due() == night
    # 0 min before: only once the shift has ended.
    ctx.apply_catalog(replace(ctx.catalog, handover=HandoverSettings(0, 120)))
    ctx.clock._now = at("2026-12-02T08:59")
    assert ctx.handover.offer_due() is None
    ctx.clock._now = at("2026-12-02T09:00")
    assert ctx.handover.offer_due() == night
