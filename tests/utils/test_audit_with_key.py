"""Verify against someone who holds the key.

Every tamper in test_audit_tamper.py also breaks an event's MAC, and the MAC finding answers
first. Here every event is made with this PC's real local key (utils/audit/keys), as its owner
or a thief of the PC could: what remains to tell the truth is the comparison with signed
checkpoints, the duplicate-number branch, the anchor and the link analysis. Each case must be
named with its kind and its first bad event, and no MAC may be the reason.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from models.audit_event import AuditEvent
from utils.audit.chain import event_hash, genesis_hash, read_checkpoint_file
from utils.audit.keys import KeyRing
from utils.audit.verify import TamperKind, verify_stream

from tests.utils.test_audit_tamper import (
    ANCHOR, EVENTS, EVERY, STATION, ChainTemplate, assert_tampered, chain_template, insert_row,
    make_chain, renumber,
)


@pytest.fixture(scope="module")
def built_chain(tmp_path_factory) -> ChainTemplate:
    return chain_template(tmp_path_factory.mktemp("chain"), EVENTS)


@pytest.fixture
def chain(tmp_path, built_chain):
    copied = built_chain.copy(tmp_path)
    yield copied
    copied.database.dispose()


def keyed_event(chain, seq: int, prev: bytes, *, after: object = None) -> dict:
    """A well-formed event row made with the PC's own key: hash and MAC both valid."""
    event = AuditEvent(station=STATION, seq=seq, ts="2026-11-22T13:00:00.000Z", user="ana",
                       role="admin", action="user.login", entity="user", entity_id="ana",
                       host="pc-206", after=after if after is not None else {"n": seq})
    body = event.body()
    digest = event_hash(prev, body)
    return dict(station=STATION, seq=seq, ts=event.ts, username="ana", role="admin",
                action="user.login", entity="user", entity_id="ana", command_id=None,
                prev_hash=prev, hash=digest, key_id=chain.key.key_id,
                mac=chain.key.mac(digest), body=body)


def macs_all_valid(chain) -> bool:
    return all(chain.key.mac(row["hash"]) == row["mac"] for row in chain.rows())


def restore(chain, backup: Path) -> None:
    chain.database.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{chain.path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(backup, chain.path)
    chain.reopen()


def backup_of(chain, target: Path) -> Path:
    with closing(sqlite3.connect(chain.path)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


# --- a fork: an old backup restored, then new events written with the real key ----------------

def test_old_backup_restored_and_continued_is_a_fork(tmp_path):
    """A backup taken at event 30 (SQLite's online backup) is put back after the chain reached
    60, and the PC goes on: its real AuditLog writes events 31..70 (and checkpoints at 40 and
    60) with its real key. The witness file still holds the checkpoint signed at event 60 of
    the first history."""
    chain = make_chain(tmp_path, 30)
    try:
        old = backup_of(chain, tmp_path / "at-30.sqlite3")
        chain.add(30)
        assert read_checkpoint_file(chain.checkpoint_file)[STATION].seq == 60
        restore(chain, old)
        chain.audit._last_checkpoint_seq = None  # a new process after the restore
        chain.add(40)
        assert chain.size() == 70 and macs_all_valid(chain)
        # The product itself kept the witness of the first history (it does not move forward
        # onto a chain that no longer holds event 60 as signed).
        assert read_checkpoint_file(chain.checkpoint_file)[STATION].head_hash != \
            chain.row(60)["hash"].hex()
        result = chain.verify()
        # The new history's own checkpoint at 40 is genuine: the disagreement is placed after
        # it, the last point both histories' signed heads let us tell apart.
        assert_tampered(result, 2 * EVERY + 1, TamperKind.FORKED)
        assert "checkpoint signed at event 60" in result.detail
        assert "valid MAC" in result.detail
    finally:
        chain.database.dispose()


def test_old_backup_restored_and_continued_a_little_is_truncated(chain, tmp_path):
    """Continued for fewer events than the witness saw: what the evidence shows is that the
    chain no longer reaches the signed event 60."""
    with chain.attacker("audit_events", "audit_checkpoints") as con:
        con.execute("DELETE FROM audit_events WHERE seq > 30")
        con.execute("DELETE FROM audit_checkpoints WHERE seq > 30")
    chain.audit._last_checkpoint_seq = None
    chain.add(5)
    assert macs_all_valid(chain)
    assert_tampered(chain.verify(), 36, TamperKind.TRUNCATED)


# --- a genuine event replayed at another position ---------------------------------------------

def test_genuine_event_replayed_at_the_end(chain):
    row = chain.row(10)
    with chain.attacker() as con:  # INSERT needs no trigger dropped
        insert_row(con, {**row, "seq": EVENTS + 1})
    result = chain.verify()
    assert_tampered(result, EVENTS + 1, TamperKind.INSERTED)
    assert "a copy of event 10" in result.detail


def test_genuine_event_replayed_in_the_middle(chain):
    """Event 10 put again at place 31, the real 31..60 moved one place on (nothing recomputed,
    every MAC genuine)."""
    row = chain.row(10)
    with chain.attacker("audit_events") as con:
        renumber(con, above=30, delta=+1)
        insert_row(con, {**row, "seq": 31})
    result = chain.verify()
    assert_tampered(result, 31, TamperKind.INSERTED)
    assert "a copy of event 10" in result.detail


def test_genuine_event_replayed_in_place_of_another(chain):
    """Event 45's row replaced by event 10's (its seq column kept): after the last checkpoint
    (40), so no signed head catches it first."""
    row = chain.row(10)
    with chain.attacker("audit_events") as con:
        con.execute("DELETE FROM audit_events WHERE seq = 45")
        insert_row(con, {**row, "seq": 45})
    result = chain.verify()
    assert_tampered(result, 45, TamperKind.MODIFIED)
    assert "replaced" in result.detail and "a copy of event 10" in result.detail


# --- a chain that starts from another station's anchor ----------------------------------------

def test_chain_started_from_another_anchor_is_foreign(tmp_path):
    """A database whose chain was made (with this PC's key) from the anchor of another
    station: verified as station 206 of this site, it is another chain, not a forgery."""
    other = make_chain(tmp_path / "other", 0)
    try:
        other.audit.anchor = "another-station-anchor"
        other.add(25)
        assert macs_all_valid(other)
        result = other.verify()
        assert_tampered(result, 1, TamperKind.FOREIGN)
    finally:
        other.database.dispose()


def test_foreign_first_event_without_the_key_is_still_forged(tmp_path):
    other = make_chain(tmp_path / "other", 0)
    try:
        other.audit.anchor = "another-station-anchor"
        other.add(3)
        with other.attacker("audit_events") as con:
            con.execute("UPDATE audit_events SET mac = ? WHERE seq = 1", (bytes(32),))
        assert_tampered(other.verify(), 1, TamperKind.FORGED)
    finally:
        other.database.dispose()


# --- a duplicate number in a stream ----------------------------------------------------------

def stream(chain, rows: list[dict], **options):
    tuples = [(r["seq"], r["prev_hash"], r["hash"], r["key_id"].encode(), r["mac"],
               r["body"].encode()) for r in rows]
    return verify_stream([tuples[i:i + 7] for i in range(0, len(tuples), 7)], station=STATION,
                         genesis=genesis_hash(ANCHOR, STATION), keyring=KeyRing(chain.key),
                         require_known_keys=True, **options)


def test_duplicate_number_in_a_stream_is_inserted(chain):
    """The database's UNIQUE(station, seq) forbids it; a stream (a copy, another store) may
    not: event 20 given twice, both genuine."""
    rows = chain.rows()
    doubled = rows[:20] + [rows[19]] + rows[20:]
    result = stream(chain, doubled)
    assert (result.ok, result.first_bad_seq, result.kind) == (False, 20, TamperKind.INSERTED)
    assert "two events carry number 20" in result.detail


def test_duplicate_number_with_other_content_is_inserted(chain):
    """A second, genuine-MAC event numbered 20 linking to 19: a fork at 20 in the stream."""
    rows = chain.rows()
    twin = keyed_event(chain, 20, rows[18]["hash"], after={"twin": True})
    result = stream(chain, rows[:20] + [twin] + rows[20:])
    assert (result.first_bad_seq, result.kind) == (20, TamperKind.INSERTED)


# --- a last event that fails to link -----------------------------------------------------------

def test_last_event_that_fails_to_link_is_named_itself(chain):
    """Event 61 made with the key, its hash right, but linked to nothing in the chain: event 60
    is vouched for by the checkpoint signed at 60, so event 61 is the one that is wrong."""
    with chain.attacker() as con:
        insert_row(con, keyed_event(chain, EVENTS + 1, b"\x11" * 32))
    assert macs_all_valid(chain)
    result = chain.verify()
    assert_tampered(result, EVENTS + 1, TamperKind.MODIFIED)
    assert f"does not link to event {EVENTS}" in result.detail


def test_last_event_linking_past_its_predecessor(chain):
    """Event 61 made with the key linking to event 59: a second branch from 59."""
    with chain.attacker() as con:
        insert_row(con, keyed_event(chain, EVENTS + 1, chain.row(EVENTS - 1)["hash"]))
    result = chain.verify()
    assert result.ok is False and result.kind == TamperKind.INSERTED
    assert result.first_bad_seq == EVENTS


def test_last_event_rewritten_with_the_key_after_the_last_checkpoint(tmp_path):
    """Events 41..45 after the checkpoint at 40; event 45 rewritten by someone holding the
    key (new body, hash and MAC): its own hash and MAC are right and nothing follows it, so
    only a signed head could tell; the shutdown checkpoint (witness) does."""
    chain = make_chain(tmp_path, 45)
    try:
        chain.audit.checkpoint_now()  # at exit: the witness now holds event 45
        row = chain.row(45)
        forged = keyed_event(chain, 45, row["prev_hash"], after={"rewritten": True})
        with chain.attacker("audit_events") as con:
            con.execute("DELETE FROM audit_events WHERE seq = 45")
            insert_row(con, forged)
        result = chain.verify()
        assert_tampered(result, 41, TamperKind.FORKED)
    finally:
        chain.database.dispose()
