"""The streaming verifier (utils/audit/verify.py) on rows made in memory, one branch per test.

`verify_stream` reads rows, not a database: each test hands it the rows a tampered table would
yield (seq, prev_hash, hash, key_id, mac, body), made with the real hash and HMAC of
utils/audit, so every finding, its first bad event, its message and the result's counters are
pinned in milliseconds. test_audit_tamper.py and test_audit_with_key.py do the same tampering
on real database files; these are fast enough to run against every mutant (docs/mutation.md).
"""

from __future__ import annotations

import json
import threading
from typing import Callable

import pytest

from data.audit_repo import StoredCheckpoint
from models.canonical import canonical_bytes
from utils.audit.chain import event_hash, genesis_hash
from utils.audit.keys import KeyRing, SigningKey
from utils.audit.verify import (
    LOOKAHEAD_ROWS, MAX_UNCHECKED, Row, TamperKind, VerifyResult, verify_stream,
)

STATION = "206"
GENESIS = genesis_hash("site-test", STATION)
KEY = SigningKey("local:aaaaaaaaaaaa", bytes(range(32)))
STRANGER = SigningKey("local:bbbbbbbbbbbb", bytes(range(1, 33)))  # not in the verifier's ring
COPY = " (a copy of event 1: a genuine event put back at another place)"


def event(seq: int, prev: bytes, *, key: SigningKey = KEY, claimed: object = None,
          tag: str = "") -> Row:
    """A row whose hash is right and whose MAC is made with `key`; its body says `claimed`
    (default: `seq`) is its number."""
    # json.dumps, not canonical_bytes: any bytes are a body to the verifier, and the blocks of
    # MAX_UNCHECKED events below are made ten times faster.
    body = json.dumps({"seq": seq if claimed is None else claimed, "station": STATION,
                       "tag": tag}, separators=(",", ":")).encode()
    digest = event_hash(prev, body)
    return (seq, prev, digest, key.key_id.encode(), key.mac(digest), body)


def chain(count: int, *, key: SigningKey = KEY, genesis: bytes = GENESIS) -> list[Row]:
    rows: list[Row] = []
    prev = genesis
    for seq in range(1, count + 1):
        rows.append(event(seq, prev, key=key))
        prev = rows[-1][2]
    return rows


def at(row: Row, seq: int) -> Row:
    """The same row with only its seq column changed (a renumbering attacker)."""
    return (seq, *row[1:])


def bad_mac(row: Row) -> Row:
    return (*row[:4], bytes(32), row[5])


def signed(seq: int, row: Row, *, key: SigningKey = KEY, ts: str = "2026-11-22T12:00:00.000Z",
           sig: str | None = None) -> StoredCheckpoint:
    """A checkpoint at `seq` naming `row`'s hash, signed with `key` (or carrying `sig`)."""
    unsigned = StoredCheckpoint(STATION, seq, row[2].hex(), ts, key.key_id, "")
    return StoredCheckpoint(STATION, seq, row[2].hex(), ts, key.key_id,
                            key.sign(unsigned.payload()) if sig is None else sig)


def verify(rows: list[Row], *, batch: int = 1000, keyring: KeyRing | None = None,
           **options) -> VerifyResult:
    batches = [rows[i:i + batch] for i in range(0, len(rows), batch)]
    return verify_stream(iter(batches), station=STATION, genesis=GENESIS,
                         keyring=keyring or KeyRing(KEY), **options)


def check(rows: list[Row], **options) -> VerifyResult:
    """verify(), and again with the column check (the second thread) naming the same first bad
    event: at one event the hash pass's finding is the more precise one and wins."""
    result = verify(rows, **options)
    if result.first_bad_seq is not None:
        again = verify(rows, consistency=lambda: result.first_bad_seq, **options)
        assert (again.first_bad_seq, again.kind, again.detail) == (
            result.first_bad_seq, result.kind, result.detail)
    return result


def found(result: VerifyResult) -> tuple:
    assert result.ok is False and result.cancelled is False, result
    return result.first_bad_seq, result.kind, result.detail


# --- the intact chain and the result ---------------------------------------------------------

def test_an_intact_chain_is_ok_with_every_counter():
    rows = chain(5)
    result = verify(rows, checkpoints=[signed(3, rows[2])])
    assert result == VerifyResult(STATION, True, 5, None, None, "5 events intact",
                                  cancelled=False, head_seq=5, checkpoints_checked=1,
                                  unverifiable_macs=0, unsealed=0, records_checked=0,
                                  record_id=None, record_version=None)


def test_an_empty_chain_is_ok_and_says_nothing_was_checked():
    result = verify([])
    assert (result.ok, result.events_checked, result.head_seq, result.detail) == (
        True, 0, 0, "0 events intact")


def test_the_result_as_json_has_every_field_and_the_kind_as_plain_text():
    rows = chain(3)
    tampered = verify([rows[0], rows[1], (*rows[2][:5], b'{"seq":3}')])
    data = tampered.to_json()
    assert data == {
        "station": STATION, "ok": False, "events_checked": 2, "first_bad_seq": 3,
        "kind": "modified", "detail": "event 3 was changed after it was written",
        "cancelled": False, "head_seq": 2, "checkpoints_checked": 0, "unverifiable_macs": 0,
        "unsealed": 0, "records_checked": 0, "record_id": None, "record_version": None}
    assert type(data["kind"]) is str
    assert verify(rows).to_json()["kind"] is None


def test_the_kinds_are_the_words_reports_and_journals_store():
    assert {kind.name: kind.value for kind in TamperKind} == {
        "MODIFIED": "modified", "DELETED": "deleted", "INSERTED": "inserted",
        "REORDERED": "reordered", "TRUNCATED": "truncated", "FORGED": "forged",
        "FORKED": "forked", "FOREIGN": "foreign", "NOT_A_MEMBER": "not_a_member",
        "RECORD_MODIFIED": "record_modified", "RECORD_INSERTED": "record_inserted",
        "RECORD_DELETED": "record_deleted"}


# --- modified, duplicate, deleted, moved -----------------------------------------------------

def test_a_body_changed_after_writing_is_modified_and_checking_stops_before_it():
    rows = chain(5)
    rows[2] = (*rows[2][:5], rows[2][5].replace(b'"tag":""', b'"tag":"x"'))
    result = check(rows)
    assert found(result) == (3, TamperKind.MODIFIED, "event 3 was changed after it was written")
    assert (result.events_checked, result.head_seq) == (2, 2)


def test_two_rows_with_one_number_are_an_insertion():
    rows = chain(4)
    result = check([rows[0], rows[1], rows[1], rows[2], rows[3]])
    assert found(result) == (2, TamperKind.INSERTED, "two events carry number 2")
    assert result.events_checked == 2


def test_a_missing_number_is_deleted():
    rows = chain(5)
    result = check([rows[0], rows[1], rows[3], rows[4]])
    assert found(result) == (3, TamperKind.DELETED, "event 3 is missing")
    assert (result.events_checked, result.head_seq) == (2, 2)


def test_a_missing_first_event_is_deleted():
    rows = chain(3)
    assert found(check(rows[1:])) == (1, TamperKind.DELETED, "event 1 is missing")


def test_a_missing_number_whose_event_turns_up_later_was_moved():
    rows = chain(5)
    result = check([rows[0], rows[1], rows[3], rows[2], rows[4]])
    assert found(result) == (3, TamperKind.REORDERED,
                             "event 3 was moved to a later place in the chain")


@pytest.mark.parametrize("fillers, kind", [(LOOKAHEAD_ROWS - 1, TamperKind.REORDERED),
                                           (LOOKAHEAD_ROWS, TamperKind.DELETED)])
def test_the_missing_event_is_looked_for_in_exactly_the_lookahead(fillers, kind):
    """The row where the number jumps is the first one looked at: the event found in the
    LOOKAHEAD_ROWS-th row looked at was moved; one row further, it was not looked for."""
    rows = chain(3)
    filler = event(9, b"\x00" * 32)
    result = verify([rows[0], rows[1], *[filler] * fillers, rows[2]], batch=10 ** 6)
    assert result.first_bad_seq == 3 and result.kind == kind


def test_the_search_for_a_renumbered_event_counts_the_row_that_started_it():
    """Event 3 deleted and 4.. renumbered: the pending row resolves "deleted" on the row after
    it, and that row is the search's first; the genuine event 3 then sits at the search's
    LOOKAHEAD_ROWS-th row (found) or one further (not found)."""
    rows = chain(4)
    renumbered = at(rows[3], 3)  # event 4 moved into number 3 (event 3 deleted)
    filler = event(9, b"\x00" * 32)
    near = verify([rows[0], rows[1], renumbered, *[filler] * (LOOKAHEAD_ROWS - 1), rows[2]],
                  batch=10 ** 6)
    far = verify([rows[0], rows[1], renumbered, *[filler] * LOOKAHEAD_ROWS, rows[2]],
                 batch=10 ** 6)
    assert (near.first_bad_seq, near.kind) == (3, TamperKind.REORDERED)
    assert (far.first_bad_seq, far.kind) == (3, TamperKind.DELETED)


def test_a_row_renumbered_up_that_still_links_was_moved_and_checking_stops_there():
    """The row where the number jumps is itself the missing event: found at once, and the
    rest is not read (progress is not told of that batch or any later one)."""
    rows = chain(6)
    calls: list[int] = []
    result = verify([rows[0], rows[1], at(rows[2], 4), at(rows[3], 5), rows[4], rows[5]],
                    batch=2, progress=lambda done, _total: calls.append(done))
    assert found(result) == (3, TamperKind.REORDERED,
                             "event 3 was moved to a later place in the chain")
    assert calls == [2] and result.events_checked == 2


def test_once_the_moved_event_is_found_the_rest_is_not_read():
    rows = chain(7)
    calls: list[int] = []
    result = verify([rows[0], rows[1], rows[3], rows[2], rows[4], rows[5], rows[6]], batch=2,
                    progress=lambda done, _total: calls.append(done))
    assert (result.first_bad_seq, result.kind) == (3, TamperKind.REORDERED)
    assert calls == [2]


# --- rows that do not link to their predecessor ----------------------------------------------

def test_two_neighbours_that_changed_places_are_reordered():
    rows = chain(5)
    result = check([rows[0], rows[1], at(rows[3], 3), at(rows[2], 4), rows[4]])
    assert found(result) == (3, TamperKind.REORDERED, "events 3 and 4 are out of order")


def test_an_extra_row_before_the_rest_is_inserted_and_named_with_the_one_before():
    rows = chain(4)
    extra = event(3, b"\x01" * 32, tag="extra")
    result = check([rows[0], rows[1], extra, at(rows[2], 4), at(rows[3], 5)])
    assert found(result) == (3, TamperKind.INSERTED,
                             "event 3 does not belong to the chain; the next one continues "
                             "from event 2")


def test_a_genuine_event_put_back_before_the_rest_is_named_as_a_copy():
    rows = chain(4)
    result = check([rows[0], rows[1], at(rows[0], 3), at(rows[2], 4), at(rows[3], 5)])
    assert found(result) == (3, TamperKind.INSERTED,
                             f"event 3 does not belong to the chain{COPY}; the next one "
                             f"continues from event 2")


def test_an_extra_row_that_links_like_the_next_one_was_inserted_before_it():
    rows = chain(4)
    extra = event(2, rows[0][2], tag="extra")  # links to event 1, as event 2 does
    result = check([rows[0], extra, at(rows[1], 3), at(rows[2], 4), at(rows[3], 5)])
    assert found(result) == (2, TamperKind.INSERTED, "event 2 was inserted before event 3")


def test_a_first_event_from_another_anchor_with_a_valid_mac_is_foreign():
    rows = chain(3, genesis=genesis_hash("another-site", STATION))
    assert found(check(rows)) == (
        1, TamperKind.FOREIGN, "the first event does not start from this station's anchor, "
        "and its MAC is valid: a chain made for another station or installation")


@pytest.mark.parametrize("change", ["bad mac", "unknown key"])
def test_a_first_event_from_another_anchor_without_a_valid_mac_is_forged(change):
    rows = chain(3, genesis=genesis_hash("another-site", STATION),
                 key=STRANGER if change == "unknown key" else KEY)
    if change == "bad mac":
        rows[0] = bad_mac(rows[0])
    assert found(check(rows)) == (
        1, TamperKind.FORGED, "the first event does not start from this station's anchor")


def test_a_lone_first_event_from_another_anchor_is_foreign():
    rows = chain(1, genesis=genesis_hash("another-site", STATION))
    assert check(rows).kind == TamperKind.FOREIGN


def test_an_event_renumbered_down_says_the_one_before_it_was_deleted():
    rows = chain(5)
    result = check([rows[0], rows[1], at(rows[3], 3), at(rows[4], 4)])
    assert found(result) == (3, TamperKind.DELETED,
                             "event 3 is missing (the following ones were renumbered)")


def test_the_last_event_renumbered_down_says_the_one_before_it_was_deleted():
    rows = chain(4)
    result = check([rows[0], rows[1], at(rows[3], 3)])
    assert found(result) == (3, TamperKind.DELETED,
                             "event 3 is missing (the following ones were renumbered)")


def test_the_last_event_renumbered_down_is_found_moved_when_it_turns_up():
    rows = chain(4)
    result = check([rows[0], rows[1], at(rows[3], 3), rows[2]])
    assert (result.first_bad_seq, result.kind) == (3, TamperKind.REORDERED)


def test_a_genuine_event_put_back_at_the_end_was_added():
    rows = chain(3)
    result = check([*rows, at(rows[0], 4)])
    assert found(result) == (4, TamperKind.INSERTED, f"event 4 was added at the end{COPY}")
    assert result.events_checked == 3


def test_a_genuine_event_put_back_in_place_of_another_replaced_it():
    rows = chain(4)
    result = check([rows[0], rows[1], at(rows[0], 3), rows[3]])
    assert found(result) == (3, TamperKind.MODIFIED,
                             f"event 3 was replaced{COPY}")


@pytest.mark.parametrize("claimed", [3, True, "1", None, [1]])
def test_an_event_that_does_not_link_is_modified_unless_its_body_names_an_earlier_number(
        claimed):
    """A body whose `seq` is its own number, not a number (true is not 1), or unreadable."""
    rows = chain(4)
    if claimed is None:
        rewritten = (3, b"\x02" * 32, event_hash(b"\x02" * 32, b"not json"),
                     *event(3, b"\x02" * 32)[3:5], b"not json")
        rewritten = (*rewritten[:4], KEY.mac(rewritten[2]), rewritten[5])
    elif claimed == [1]:
        body = canonical_bytes([1])
        digest = event_hash(b"\x02" * 32, body)
        rewritten = (3, b"\x02" * 32, digest, KEY.key_id.encode(), KEY.mac(digest), body)
    else:
        rewritten = event(3, b"\x02" * 32, claimed=claimed)
    result = check([rows[0], rows[1], rewritten, rows[3]])
    assert found(result) == (3, TamperKind.MODIFIED,
                             "event 3 does not link to event 2: it was changed and re-hashed, "
                             "or written on another branch of the chain")


def test_a_last_event_that_does_not_link_is_modified():
    rows = chain(3)
    result = check([rows[0], rows[1], event(3, b"\x02" * 32)])
    assert found(result) == (3, TamperKind.MODIFIED,
                             "event 3 does not link to event 2: it was changed and re-hashed, "
                             "or written on another branch of the chain")
    assert result.events_checked == 2


def test_an_unreadable_or_oversized_body_is_not_taken_as_a_copy():
    """The body is bounded (1 MiB) before its number is read."""
    rows = chain(4)
    body = canonical_bytes({"seq": 1, "pad": "x" * (1024 * 1024)})
    digest = event_hash(b"\x02" * 32, body)
    big = (3, b"\x02" * 32, digest, KEY.key_id.encode(), KEY.mac(digest), body)
    result = check([rows[0], rows[1], big, rows[3]])
    assert (result.kind, result.detail.startswith("event 3 does not link")) == (
        TamperKind.MODIFIED, True)


# --- MACs ------------------------------------------------------------------------------------

def test_an_event_recomputed_without_the_key_is_forged():
    rows = chain(5)
    rows[2] = bad_mac(rows[2])
    result = check(rows)
    assert found(result) == (3, TamperKind.FORGED, "event 3 was recomputed without the key")
    assert result.events_checked == 5


def test_events_signed_with_a_key_the_verifier_lacks_are_counted_not_condemned():
    """An admin reading another station's journal may lack the key of its early events."""
    result = check(chain(4, key=STRANGER))
    assert (result.ok, result.unverifiable_macs, result.events_checked) == (True, 4, 4)


def test_a_key_id_that_is_not_utf8_is_an_unknown_key():
    rows = [(*row[:3], b"\xff\xfe", *row[4:]) for row in chain(2)]
    assert (verify(rows).ok, verify(rows).unverifiable_macs) == (True, 2)


def test_where_every_key_is_known_an_unknown_one_is_forged_from_the_first_event():
    result = check(chain(3, key=STRANGER), require_known_keys=True)
    assert found(result) == (1, TamperKind.FORGED, "event 1 is signed with an unknown key "
                                                   "after events signed with a known one")


def test_an_unknown_key_after_a_known_one_is_forged():
    rows = chain(2)
    rows.append(event(3, rows[1][2], key=STRANGER))
    rows.append(event(4, rows[2][2], key=STRANGER))
    result = check(rows)
    assert found(result) == (3, TamperKind.FORGED, "event 3 is signed with an unknown key "
                                                   "after events signed with a known one")
    assert result.unverifiable_macs == 0


def test_the_unknown_keys_before_the_first_known_one_are_counted():
    rows = [event(1, GENESIS, key=STRANGER)]
    rows.append(event(2, rows[0][2], key=STRANGER))
    rows.append(event(3, rows[1][2]))
    result = check(rows)
    assert (result.ok, result.unverifiable_macs) == (True, 2)


def test_an_event_slipped_in_without_the_key_is_inserted_not_forged():
    rows = chain(4)
    slipped = bad_mac(event(3, rows[1][2], tag="slipped"))
    result = check([rows[0], rows[1], slipped, at(rows[2], 4), at(rows[3], 5)])
    assert found(result) == (3, TamperKind.INSERTED,
                             "event 3 was slipped in without the key; the next event "
                             "continues from event 2")


def test_a_forged_event_followed_by_one_that_does_not_link_past_it_is_forged():
    rows = chain(4)
    forged = bad_mac(event(3, rows[1][2], tag="forged"))
    result = check([rows[0], rows[1], forged, event(4, b"\x03" * 32)])
    assert found(result) == (3, TamperKind.FORGED, "event 3 was recomputed without the key")


def test_a_forged_mac_before_a_broken_row_is_named_first():
    """The MAC of the events before whatever broke the loop is checked too, and at the same
    seq a failed MAC is the precise cause."""
    rows = chain(4)
    rows[1] = bad_mac(rows[1])
    rows[3] = (*rows[3][:5], b"{}")
    assert found(check(rows)) == (2, TamperKind.FORGED, "event 2 was recomputed without the key")


def test_a_forged_event_before_a_duplicate_that_links_past_it_was_slipped_in():
    rows = chain(3)
    slipped = bad_mac(event(3, rows[1][2], tag="slipped"))
    result = check([rows[0], rows[1], slipped, rows[2]])
    assert found(result) == (3, TamperKind.INSERTED,
                             "event 3 was slipped in without the key; the next event "
                             "continues from event 2")


def test_two_events_slipped_in_the_first_without_the_key_is_forged():
    """Events 2 and 3 were put in before the genuine event 2 (now 4): the forged MAC of the
    first is named, as the next row in the chain links to it, not past it."""
    rows = chain(2)
    slipped = bad_mac(event(2, rows[0][2], tag="slipped"))
    linked = event(3, slipped[2], tag="slipped too")
    result = check([rows[0], slipped, linked, at(rows[1], 4)])
    assert found(result) == (2, TamperKind.FORGED, "event 2 was recomputed without the key")


def test_an_event_slipped_in_before_a_gap_is_judged_by_the_last_row_read():
    rows = chain(2)
    slipped = bad_mac(event(2, rows[0][2], tag="slipped"))
    result = check([rows[0], slipped, event(4, b"\x04" * 32), at(rows[1], 5)])
    assert found(result) == (2, TamperKind.INSERTED,
                             "event 2 was slipped in without the key; the next event "
                             "continues from event 1")


def test_a_tampered_result_still_counts_the_unverifiable_macs():
    rows = chain(4, key=STRANGER)
    rows[2] = (*rows[2][:5], b"{}")
    result = check(rows)
    assert (result.first_bad_seq, result.unverifiable_macs) == (3, 2)


def test_a_block_of_max_unchecked_events_has_its_macs_checked_there():
    """Without checkpoints MACs are checked every MAX_UNCHECKED events: a forgery among the
    first ones stops the pass at event MAX_UNCHECKED (not counted), not at the end."""
    rows = chain(MAX_UNCHECKED + 1)
    rows[0] = bad_mac(rows[0])
    result = verify(rows, batch=10 ** 6)
    assert found(result) == (1, TamperKind.FORGED, "event 1 was recomputed without the key")
    assert result.events_checked == MAX_UNCHECKED - 1


def test_after_a_clean_block_the_next_events_macs_are_still_checked():
    rows = chain(MAX_UNCHECKED + 2)
    rows[-1] = bad_mac(rows[-1])
    result = verify(rows, batch=10 ** 6)
    assert found(result) == (MAX_UNCHECKED + 2, TamperKind.FORGED,
                             f"event {MAX_UNCHECKED + 2} was recomputed without the key")
    assert result.events_checked == MAX_UNCHECKED + 2


# --- checkpoints -----------------------------------------------------------------------------

def test_a_signed_checkpoint_vouches_for_the_macs_of_the_events_up_to_it():
    rows = chain(4)
    rows[1] = bad_mac(rows[1])
    result = check(rows, checkpoints=[signed(3, rows[2])])
    assert (result.ok, result.checkpoints_checked) == (True, 1)


def test_after_a_signed_checkpoint_an_unknown_key_is_forged():
    rows = chain(4, key=STRANGER)
    result = check(rows, checkpoints=[signed(3, rows[2])])
    assert found(result) == (4, TamperKind.FORGED, "event 4 is signed with an unknown key "
                                                   "after events signed with a known one")


def test_a_chain_that_differs_from_a_checkpoint_with_valid_macs_was_forked():
    rows = chain(5)
    other = chain(5)
    other[3] = event(4, other[2][2], tag="other branch")
    result = check(rows, checkpoints=[signed(2, rows[1]), signed(4, other[3])])
    assert found(result) == (
        3, TamperKind.FORKED, "the chain differs from the checkpoint signed at event 4; it "
        "agrees up to event 2, and every event carries a valid MAC: an older copy was put "
        "back and continued with this PC's key")
    assert (result.events_checked, result.head_seq, result.checkpoints_checked) == (3, 3, 2)


def test_a_chain_that_differs_from_a_checkpoint_with_a_forged_mac_names_that_event():
    rows = chain(5)
    rows[2] = bad_mac(rows[2])
    other = event(4, rows[2][2], tag="other branch")
    result = check(rows, checkpoints=[signed(1, rows[0]), signed(4, other)])
    assert found(result) == (3, TamperKind.FORGED, "event 3 was recomputed without the key")


def test_a_chain_that_differs_from_a_checkpoint_with_unverifiable_macs_is_forged_after_it():
    rows = chain(5, key=STRANGER)
    other = event(4, rows[2][2], tag="other branch")
    result = check(rows, checkpoints=[signed(4, other)])
    assert found(result) == (1, TamperKind.FORGED,
                             "the chain differs from the checkpoint signed at event 4")


def test_unverifiable_macs_before_the_last_good_checkpoint_do_not_hide_a_fork():
    """Unknown keys counted before a good checkpoint: only those after it decide."""
    rows = [event(1, GENESIS, key=STRANGER)]
    for seq in range(2, 6):
        rows.append(event(seq, rows[-1][2]))
    other = event(4, rows[2][2], tag="other branch")
    result = check(rows, checkpoints=[signed(2, rows[1]), signed(4, other)])
    assert (result.first_bad_seq, result.kind) == (3, TamperKind.FORKED)


def test_any_disagreeing_checkpoint_at_a_number_counts():
    rows = chain(4)
    other = event(3, rows[1][2], tag="other branch")
    result = check(rows, checkpoints=[signed(3, rows[2]), signed(3, other)])
    assert (result.first_bad_seq, result.kind) == (1, TamperKind.FORKED)


def test_a_chain_shorter_than_a_signed_checkpoint_is_truncated():
    rows = chain(7)
    result = check(rows[:5], checkpoints=[signed(6, rows[5]), signed(7, rows[6])])
    assert found(result) == (6, TamperKind.TRUNCATED,
                             "the chain ends at event 5 but event 7 was signed earlier")
    assert (result.events_checked, result.head_seq, result.checkpoints_checked) == (5, 5, 2)


def test_a_checkpoint_at_the_head_is_not_a_truncation():
    rows = chain(5)
    assert check(rows, checkpoints=[signed(5, rows[4])]).ok is True


def test_a_truncation_is_not_reported_over_a_finding_in_the_chain():
    rows = chain(7)
    rows[1] = (*rows[1][:5], b"{}")
    result = check(rows[:5], checkpoints=[signed(7, rows[6])])
    assert (result.first_bad_seq, result.kind) == (2, TamperKind.MODIFIED)


@pytest.mark.parametrize("how", ["bad signature", "unknown key"])
def test_a_forged_checkpoint_bounds_the_damage_after_the_last_good_one(how):
    rows = chain(6)
    forged = (signed(5, rows[4], sig="0" * 64) if how == "bad signature"
              else signed(5, rows[4], key=STRANGER))
    result = verify(rows, checkpoints=[signed(2, rows[1]), signed(3, rows[2]), forged,
                                       signed(6, rows[5])])
    assert found(result) == (4, TamperKind.FORGED,
                             "the checkpoint at event 5 is not signed with a key of this site")
    assert (result.events_checked, result.checkpoints_checked) == (6, 4)


def test_a_forged_checkpoint_with_no_good_one_before_it_bounds_from_the_first_event():
    rows = chain(3)
    result = verify(rows, checkpoints=[signed(3, rows[2], sig="0" * 64), signed(3, rows[2])])
    assert (result.first_bad_seq, result.kind) == (1, TamperKind.FORGED)


def test_a_forged_checkpoint_beyond_the_head_is_forged_not_truncated():
    rows = chain(3)
    result = verify(rows, checkpoints=[signed(9, rows[2], sig="0" * 64)])
    assert (result.first_bad_seq, result.kind) == (1, TamperKind.FORGED)


def test_a_finding_in_the_events_wins_over_a_forged_checkpoint_before_it():
    rows = chain(6)
    rows[4] = (*rows[4][:5], b"{}")
    result = verify(rows, checkpoints=[signed(2, rows[1], sig="0" * 64)])
    assert found(result) == (5, TamperKind.MODIFIED, "event 5 was changed after it was written")


# --- the column check in a second thread ------------------------------------------------------

def test_columns_that_differ_from_the_body_are_modified_from_the_second_thread():
    seen: list[tuple[str, bool]] = []
    stopped: list[bool] = []

    def consistency() -> int | None:
        seen.append((threading.current_thread().name, threading.current_thread().daemon))
        return 4

    result = verify(chain(6), consistency=consistency, stop_consistency=lambda: stopped.append(1))
    assert found(result) == (4, TamperKind.MODIFIED,
                             "event 4's stored columns differ from what was hashed")
    assert result.events_checked == 6
    assert seen == [("audit-consistency-206", True)] and stopped == []


def test_columns_that_agree_leave_the_chain_ok():
    assert verify(chain(3), consistency=lambda: None).ok is True


def test_at_the_same_event_a_finding_of_the_hash_pass_wins_over_the_columns():
    rows = chain(5)
    rows[2] = (*rows[2][:5], b"{}")
    result = verify(rows, consistency=lambda: 3)
    assert result.detail == "event 3 was changed after it was written"


def test_columns_that_differ_win_over_a_forged_checkpoint_earlier():
    rows = chain(6)
    result = verify(rows, checkpoints=[signed(2, rows[1], sig="0" * 64)],
                    consistency=lambda: 5)
    assert (result.first_bad_seq, result.kind) == (5, TamperKind.MODIFIED)


def test_an_earlier_finding_wins_over_a_later_one():
    rows = chain(6)
    rows[4] = (*rows[4][:5], b"{}")
    result = verify(rows, consistency=lambda: 2)
    assert (result.first_bad_seq, result.detail) == (
        2, "event 2's stored columns differ from what was hashed")


# --- progress and cancel ---------------------------------------------------------------------

def test_progress_is_told_after_each_whole_batch_with_the_total():
    calls: list[tuple[int, int | None]] = []
    result = verify(chain(5), batch=2, total=5, progress=lambda done, total: calls.append(
        (done, total)))
    assert result.ok is True and calls == [(2, 5), (4, 5), (5, 5)]


def test_progress_is_not_told_of_the_batch_where_checking_stopped():
    rows = chain(5)
    rows[2] = (*rows[2][:5], b"{}")
    calls: list[int] = []
    verify(rows, batch=2, progress=lambda done, _total: calls.append(done))
    assert calls == [2]


def cancel_after(polls: int) -> Callable[[], bool]:
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > polls

    return cancel


def test_cancel_is_asked_before_each_batch_and_stops_with_what_was_checked():
    stopped: list[int] = []
    gate = threading.Event()

    def consistency() -> int | None:
        gate.wait(10)  # bounded: stop_consistency opens it, as sqlite3's interrupt would
        return 1

    result = verify(chain(5), batch=2, cancel=cancel_after(2), consistency=consistency,
                    stop_consistency=lambda: (stopped.append(1), gate.set()))
    assert result == VerifyResult(STATION, False, 4, cancelled=True, detail="cancelled",
                                  head_seq=4)
    assert stopped == [1]


def test_cancel_before_the_first_batch_checks_nothing():
    rows = chain(3)
    rows[0] = bad_mac(rows[0])
    result = verify(rows, cancel=cancel_after(0))
    assert (result.ok, result.cancelled, result.events_checked, result.head_seq, result.kind) == (
        False, True, 0, 0, None)


def test_a_cancel_that_never_fires_changes_nothing():
    assert verify(chain(4), batch=1, cancel=lambda: False).ok is True
