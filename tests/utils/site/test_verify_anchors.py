"""Verify checks the signature of anchor seals only (one at least every VERIFY_ANCHOR_EVERY
events, and the last), every seal's place always; a failed anchor is walked back seal by seal.

Shown here on a journal written by the station's own writer with a seal after every event (as
a running station seals about every box), tampered with in every way the attack tests use:
each tampering is named exactly as checking every seal names it (same first bad event, same
kind), at any anchor spacing. The one difference is the trade-off the README states: a seal
with a bad signature in its right place between two good anchors is not named."""

from __future__ import annotations

import hashlib
import json

import pytest

from config.constants import Role
from models.canonical import canonical_bytes
from utils.site import site_verify
from utils.site.journal import JournalWriter
from utils.site.journal_read import list_segments, read_journal
from utils.site.journal_check import ChainCheck
from utils.site.layout import SiteLayout
from utils.site.seals import pc_seal_check

from tests.utils.site.sitekit import ADMIN_PW

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}
BOXES = 14


@pytest.fixture
def journal(site, tmp_path):
    """Station 206's journal on the share, a seal after every event; yields (site, path of
    its segment, the station's PC key)."""
    station = site.station(tmp_path, "206")
    session = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(session, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    station.directory.refresh()
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    writer = JournalWriter(station.database, SiteLayout(site.share).station("206").ensure(),
                           station.anchor, station.trust.pc_key, seal_every=1)
    for _ in range(BOXES):
        station.production.register_box(operator, FORM)
    writer.sync()
    [(_number, path)] = list_segments(writer.station.journal)
    yield site, path, station.trust.pc_key
    station.close()


# -- tampering, on the journal's lines ------------------------------------------------------------

def _lines(path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _write(path, lines: list[dict]) -> None:
    path.write_bytes(b"".join(canonical_bytes(line) + b"\n" for line in lines))


def _event_at(lines: list[dict], seq: int) -> int:
    return next(i for i, line in enumerate(lines) if line["kind"] == "event"
                and line["seq"] == seq)


def _seal_of(lines: list[dict], seq: int) -> int:
    return next(i for i, line in enumerate(lines) if line["kind"] == "seal"
                and line["seq"] == seq)


def modified(lines, key):
    """Event 5's content changed, its hash left."""
    lines[_event_at(lines, 5)]["body"] += " "
    return lines


def deleted(lines, key):
    """Event 6 and its seal removed."""
    index = _event_at(lines, 6)
    return lines[:index] + lines[index + 2:]


def inserted(lines, key):
    """Event 3 (and its seal) again after event 9's seal."""
    index, at = _event_at(lines, 3), _seal_of(lines, 9) + 1
    return lines[:at] + lines[index:index + 2] + lines[at:]


def reordered(lines, key):
    """Events 7 and 8 (each with its seal) swapped."""
    index = _event_at(lines, 7)
    return lines[:index] + lines[index + 2:index + 4] + lines[index:index + 2] + lines[index + 4:]


def rewritten_without_the_key(lines, key):
    """Event 6 changed and the chain recomputed from it on, the seals moved to the new
    hashes (their signatures are the old ones: made without the key)."""
    start = _event_at(lines, 6)
    lines[start]["body"] += " "
    prev = lines[start]["prev"]
    for line in lines[start:]:
        if line["kind"] == "event":
            line["prev"] = prev
            line["hash"] = prev = hashlib.sha256(bytes.fromhex(prev)
                                                 + line["body"].encode()).hexdigest()
        elif line["kind"] == "seal":
            line["hash"] = prev
    return lines


def event_appended_after_the_last_seal(lines, key):
    """A well-linked event appended by someone without the key: not sealed, so not taken."""
    last = lines[_event_at(lines, max(x["seq"] for x in lines if x["kind"] == "event"))]
    body = last["body"] + " "
    digest = hashlib.sha256(bytes.fromhex(last["hash"]) + body.encode()).hexdigest()
    return lines + [{**last, "seq": last["seq"] + 1, "prev": last["hash"], "hash": digest,
                     "body": body}]


def last_seal_spoiled(lines, key):
    lines[max(i for i, x in enumerate(lines) if x["kind"] == "seal")]["sig"] = "0" * 128
    return lines


def anchor_and_an_earlier_seal_spoiled(lines, key):
    """Event 8's seal (an anchor when they come every 4 events) and event 6's."""
    for seq in (6, 8):
        lines[_seal_of(lines, seq)]["sig"] = "0" * 128
    return lines


def seal_moved_to_another_event_and_signed(lines, key):
    """Event 6's seal names event 5's hash, validly signed: its place is wrong."""
    index = _seal_of(lines, 6)
    unsigned = {k: v for k, v in lines[index].items() if k != "sig"}
    unsigned["hash"] = lines[_event_at(lines, 5)]["hash"]
    lines[index] = {**unsigned, "sig": key.sign(unsigned)}
    return lines


# Every seal after the tampering is bad or misplaced, so the result is the same at any
# anchor spacing. (Two spoiled seals with a good anchor after them are the trade-off: see
# the tests of the walk back below.)
TAMPERING = [modified, deleted, inserted, reordered, rewritten_without_the_key,
             event_appended_after_the_last_seal, last_seal_spoiled,
             seal_moved_to_another_event_and_signed]


def _check(site, path, **options):
    check = ChainCheck("206", pc_seal_check(site.admin.trust), **options)
    released = [event.seq for run in check.runs(read_journal(path.parent)) for event in run.events]
    broken = None if check.broken is None else (check.broken.seq, check.broken.kind)
    return broken, released, [event.seq for event in check.pending]


@pytest.mark.parametrize("tamper", TAMPERING, ids=lambda f: f.__name__)
def test_each_tampering_is_named_as_checking_every_seal_names_it(journal, tamper):
    site, path, key = journal
    _write(path, tamper(_lines(path), key))
    every_seal = _check(site, path, every_seal=True)
    for spacing in (1, 2, 4, 5, site_verify.VERIFY_ANCHOR_EVERY):
        anchors = _check(site, path, verify_after=spacing)
        # The same first bad event and kind, the same events vouched for before it. (After a
        # bad seal, checking every seal stops reading at once; anchors have read on to the
        # anchor: what is read but not vouched for differs, and is not taken either way.)
        assert anchors[:2] == every_seal[:2], spacing
        if every_seal[0] is None:
            assert anchors == every_seal, spacing
    if tamper is not event_appended_after_the_last_seal:
        assert every_seal[0] is not None  # each of them is a break
    else:
        assert every_seal[2] and every_seal[2] == [every_seal[1][-1] + 1]  # waits unsealed


def test_the_expected_first_bad_events(journal):
    """What those breaks are (so the comparison above compares something)."""
    site, path, key = journal
    original = _lines(path)
    expected = {modified: (5, "modified"), deleted: (6, "deleted"), inserted: (3, "inserted"),
                reordered: (7, "deleted"), rewritten_without_the_key: (6, "forged"),
                anchor_and_an_earlier_seal_spoiled: (6, "forged"),
                seal_moved_to_another_event_and_signed: (6, "forged")}
    for tamper, broken in expected.items():
        _write(path, tamper(json.loads(json.dumps(original)), key))
        assert _check(site, path, verify_after=4)[0] == broken, tamper.__name__


def test_verify_of_the_site_walks_back_from_a_failed_anchor(journal, monkeypatch):
    """Anchors every 4 events: event 8's seal (an anchor) and event 6's are spoiled. Verify
    names event 6 exactly; the events up to event 5 were vouched for by their own seals."""
    site, path, key = journal
    monkeypatch.setattr(site_verify, "VERIFY_ANCHOR_EVERY", 4)
    _write(path, anchor_and_an_earlier_seal_spoiled(_lines(path), key))
    result = site.admin.site_view.verify_station("206")
    assert not result.ok and (result.first_bad_seq, result.kind) == (6, "forged")
    assert result.events_checked == 5
    assert "seal of event 6" in result.detail and "does not verify" in result.detail


def test_a_bad_seal_between_good_anchors_is_not_named(journal, monkeypatch):
    """The trade-off: event 6's seal spoiled (its place right), the anchor after it (event
    8's) good. Checking every seal names it; verify does not, and calls every event intact:
    event 8's seal vouches for events 1-8 through the hash chain."""
    site, path, key = journal
    monkeypatch.setattr(site_verify, "VERIFY_ANCHOR_EVERY", 4)
    lines = _lines(path)
    lines[_seal_of(lines, 6)]["sig"] = "0" * 128
    _write(path, lines)
    assert _check(site, path, every_seal=True)[0] == (6, "forged")
    result = site.admin.site_view.verify_station("206")
    total = max(line["seq"] for line in lines if line["kind"] == "event")
    assert result.ok and result.events_checked == total


def test_verify_of_the_site_names_a_spoiled_last_seal(journal):
    site, path, key = journal
    lines = last_seal_spoiled(_lines(path), key)
    _write(path, lines)
    last = max(line["seq"] for line in lines if line["kind"] == "event")
    result = site.admin.site_view.verify_station("206")
    assert not result.ok and (result.first_bad_seq, result.kind) == (last, "forged")
    assert result.events_checked == last - 1
