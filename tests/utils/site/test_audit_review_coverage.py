"""A signed audit-trail review and the events of its period that arrive after it (s17 attack2,
finding 4): a station offline during the review exports later, or a PC with its clock set back
writes an event dated inside the period. The review's signature stays valid (it is true of
what was read), but the list says it no longer covers the period, with both counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models.canonical import format_utc
from utils.audit import review
from utils.audit.chain import Actor
from utils.changes import Topic
from utils.clock import ManualClock, SystemClock

from tests.utils.site.releasekit import FORM, QA_PW, Plant
from tests.waiting import wait_until


@pytest.fixture
def plant(tmp_path):
    plant = Plant(tmp_path)
    yield plant
    plant.close()


def _ended_period(plant: Plant) -> tuple[str, str]:
    """A day up to a millisecond from now, waited out: a period that has ended."""
    now = plant.office.clock.now()
    end_at = now + timedelta(milliseconds=1)
    wait_until(lambda: plant.office.clock.now() > end_at, timeout=1, step=0.001)
    return format_utc(now - timedelta(days=1)), format_utc(end_at)


def _sign(plant: Plant, start: str, end: str) -> review.Review:
    qa = plant.qa()
    _count, reviewed = review.digest(plant.office, qa, start, end)
    return review.sign_review(plant.office, qa, start, end, password=QA_PW + "x",
                              username="qa", reviewed_hash=reviewed, note="read every change")


def test_a_review_whose_period_is_unchanged_covers_it(plant):
    plant.make_lot("L1", 2)
    signed = _sign(plant, *_ended_period(plant))
    plant.make_lot("L2", 1)  # after the period: not the review's business
    [listed] = review.reviews(plant.office, plant.qa())
    assert (listed.valid, listed.problem, listed.events_now) == (True, None, None)
    assert listed.covers_period and listed.events == signed.events


def test_events_of_an_offline_station_arriving_after_the_review_leave_it_valid_but_not_covering(
        plant):
    plant.make_lot("L1", 2)
    # Station 206 goes on working while its journal does not reach the share (offline).
    plant.station.production.set_lot(plant.operator, "L2", 5)
    plant.station.production.register_box(plant.operator, FORM)
    start, end = _ended_period(plant)
    signed = _sign(plant, start, end)
    assert signed.valid and signed.covers_period
    plant.station_journal.sync()  # back online: its box of the period arrives
    plant.office.site_view.ingest()

    [listed] = review.reviews(plant.office, plant.qa())

    count_now, _hash = review.digest(plant.office, plant.qa(), start, end)
    assert count_now > signed.events
    assert (listed.valid, listed.problem) == (True, None)  # the signature is not forged
    assert not listed.covers_period and listed.events_now == count_now
    assert listed.events == signed.events


def backdated_event(plant: Plant, minutes: int = 30) -> None:
    """Station 206 writes an event dated inside the period (its clock set back); its journal
    reaches the share and the office's view takes it."""
    audit = plant.station.changes.audit
    audit.clock = ManualClock(plant.office.clock.now() - timedelta(minutes=minutes))
    try:
        plant.station.changes.record(Actor("op", "operator"), "record.void", topic=Topic.RECORDS,
                                     entity="record", entity_id="x", reason="backdated")
    finally:
        audit.clock = SystemClock()
    plant.station_journal.sync()
    plant.office.site_view.ingest()


def test_an_event_dated_inside_the_period_by_a_clock_set_back_is_caught(plant):
    plant.make_lot("L1", 2)
    start, end = _ended_period(plant)
    signed = _sign(plant, start, end)
    backdated_event(plant)

    [listed] = review.reviews(plant.office, plant.qa())

    assert listed.valid and listed.problem is None
    assert (listed.events, listed.events_now) == (signed.events, signed.events + 1)


def test_a_review_not_valid_is_not_hashed_again(plant):
    """A forged review's counts are nobody's word: it is listed as not valid, nothing more."""
    plant.make_lot("L1", 1)
    signed = _sign(plant, *_ended_period(plant))
    plant.station.changes.record(Actor("qa", "quality"), "audit.review", entity="audit_review",
                                 entity_id="x", after={**signed.__dict__, "kind": "audit_review",
                                                       "key_id": None, "events_hash": "0" * 64})
    plant.station_journal.sync()
    plant.office.site_view.ingest()
    listed = {r.station: r for r in review.reviews(plant.office, plant.qa())}
    assert (listed["206"].valid, listed["206"].events_now) == (False, None)
    assert listed["office1"].covers_period  # the forgery dated now is after the period
