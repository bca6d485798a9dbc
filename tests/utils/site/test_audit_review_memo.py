"""The audit-trail reviews' listing hashes a period again only when an event dated inside it
reached the site view since the last listing (data/view_review_memo.py): a second listing with
nothing new reads no period's events, and an event dated inside a reviewed period that arrives
late still turns the review to "no longer covers its period" at the next listing."""

from __future__ import annotations

import pytest

from data import view_repo, view_review_memo
from data.view_db import put_meta
from utils.audit import review

from tests.utils.site.releasekit import Plant
from tests.utils.site.test_audit_review_coverage import _ended_period, _sign, backdated_event


@pytest.fixture
def plant(tmp_path):
    plant = Plant(tmp_path)
    yield plant
    plant.close()


@pytest.fixture
def periods_read(monkeypatch) -> list[tuple[str, str]]:
    """Every period whose events are read from the view (each hashing reads them once)."""
    read: list[tuple[str, str]] = []
    real = view_review_memo.period_digest

    def counting(connection, start, end, excluded):
        read.append((start, end))
        return real(connection, start, end, excluded)

    monkeypatch.setattr(view_review_memo, "period_digest", counting)
    return read


def test_a_listing_with_nothing_new_in_the_period_reads_no_period_again(plant, periods_read):
    plant.make_lot("L1", 2)
    start, end = _ended_period(plant)
    signed = _sign(plant, start, end)
    periods_read.clear()

    [first] = review.reviews(plant.office, plant.qa())
    assert periods_read == []  # remembered when the review was signed
    plant.make_lot("L2", 1)  # events after the period reach the view: not the period's
    [second] = review.reviews(plant.office, plant.qa())
    [third] = review.reviews(plant.office, plant.qa())

    assert periods_read == []  # not read again
    assert first == second == third
    assert (second.valid, second.covers_period, second.events) == (True, True, signed.events)


@pytest.mark.parametrize("row_cost", [0, 10 ** 9], ids=["new events by id", "period by time"])
def test_an_event_dated_inside_the_period_arriving_after_a_listing_is_caught(
        plant, periods_read, monkeypatch, row_cost):
    """The safety of the shortcut: a memo exists and says the period is covered; a late event
    of the period must still be seen, whichever way the new events are looked for."""
    monkeypatch.setattr(view_review_memo, "ROW_COST", row_cost)
    plant.make_lot("L1", 2)
    start, end = _ended_period(plant)
    signed = _sign(plant, start, end)
    [before] = review.reviews(plant.office, plant.qa())
    assert before.covers_period

    backdated_event(plant)
    periods_read.clear()
    [late] = review.reviews(plant.office, plant.qa())
    [again] = review.reviews(plant.office, plant.qa())

    assert (late.valid, late.problem) == (True, None)  # not forged: no longer covering
    assert (late.events, late.events_now) == (signed.events, signed.events + 1)
    assert again == late
    assert periods_read == [(start, end)]  # hashed again once, then remembered


def test_a_memo_made_on_another_view_is_not_trusted(plant, periods_read):
    """A memo whose mark is above the view's newest event (not this view's: one made again)
    is read again, never taken for the period's digest, and replaced by this view's."""
    plant.make_lot("L1", 2)
    start, end = _ended_period(plant)
    signed = _sign(plant, start, end)
    database = plant.office.site_view.database
    key = view_review_memo.memo_key(start, end, review.ROUTINE_ACTIONS)
    with database.write() as connection:
        newest = view_review_memo.newest_event(connection)
        put_meta(connection, key, '{"mark": %d, "events": 1, "hash": "%s"}'
                 % (newest + 10 ** 6, "0" * 64))
    periods_read.clear()

    [listed] = review.reviews(plant.office, plant.qa())

    assert (listed.valid, listed.covers_period, listed.events) == (True, True, signed.events)
    assert periods_read == [(start, end)]
    with database.read() as connection:
        kept = view_review_memo.remembered(connection, key)
        assert kept == view_review_memo.PeriodMemo(view_review_memo.newest_event(connection),
                                                   signed.events, signed.events_hash)


def test_an_open_ended_period_sees_what_arrives_after_the_mark(plant):
    """An empty bound is no bound, as the period's reading takes it: a memo of a period with
    no end is not kept past an event that arrives later (found by a review: `ts < ''`
    matched nothing, so the memo was never invalidated)."""
    plant.make_lot("L1", 2)
    view = plant.office.site_view
    with view.database.read() as connection:
        newest = view_review_memo.newest_event(connection)
        memo = view_review_memo.PeriodMemo(newest, 1, "x")
        assert not view_review_memo.arrived_since(connection, "2000-01-01T00:00:00.000Z", "",
                                                  (), memo, newest)
    backdated_event(plant, minutes=1)
    with view.database.read() as connection:
        now = view_review_memo.newest_event(connection)
        assert now > newest
        assert view_review_memo.arrived_since(connection, "2000-01-01T00:00:00.000Z", "", (),
                                              memo, now)
        assert view_review_memo.arrived_since(connection, "", "", (), memo, now)


def test_a_periods_hash_is_the_canonical_identities_of_its_events_in_order(plant):
    """What a signed review binds, byte for byte: the SHA-256 of each event's canonical
    [station, seq, body], oldest first by (time, station, seq), routine actions left out; the
    driver's reading and its own encoding of those lists give exactly that."""
    import hashlib

    from models.canonical import canonical_bytes

    plant.make_lot("L1", 3)
    start, end = _ended_period(plant)
    with plant.office.site_view.database.read() as connection:
        expected = hashlib.sha256()
        count = 0
        for event in view_repo.iter_events(connection, start=start, end=end):
            if event["action"] not in review.ROUTINE_ACTIONS:
                expected.update(canonical_bytes([event["station"], event["seq"],
                                                 event["body"]]))
                count += 1
        assert count > 3
        assert view_review_memo.period_digest(connection, start, end, review.ROUTINE_ACTIONS) \
            == (count, expected.hexdigest())


@pytest.mark.parametrize("text", ["plain", "", 'quote " and \\ slash', "accents: Cápsula ção",
                                  "controls \x00\x1f\x7f tab\t nl\n", "\u202e\u2066 bidi",
                                  "emoji \U0001F600", "\u2028\u2029 separators",
                                  '{"after": {"lot": "L1", "n": 1.5}}'])
def test_an_identity_is_encoded_as_canonical_json_encodes_it(text):
    from models.canonical import canonical_bytes

    for station, seq in (("206", 1), ("st\u00e9", 2 ** 62), (text, 0)):
        assert view_review_memo._identity_bytes(station, seq, text) == canonical_bytes(
            [station, seq, text])
    assert view_review_memo._identity_bytes("206", True, text) == canonical_bytes(
        ["206", True, text])  # (not the columns' types: the general encoder)


def test_reviewing_signing_and_listing_a_period_hash_it_once(plant, periods_read):
    """"Review this range" hashes the period; the signing that checks it is unchanged, and the
    listing after, take the remembered digest (a year's period is millions of events)."""
    plant.make_lot("L1", 2)
    start, end = _ended_period(plant)
    periods_read.clear()
    signed = _sign(plant, start, end)  # digest, then sign_review's own digest
    [listed] = review.reviews(plant.office, plant.qa())
    assert periods_read == [(start, end)]
    assert (listed.valid, listed.covers_period, listed.events) == (True, True, signed.events)
