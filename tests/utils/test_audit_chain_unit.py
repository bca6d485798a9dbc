"""Appending to the audit chain (utils/audit/chain.py), one rule per test, on small real
database files and witness files in tmp_path.

What is pinned: the hash inputs (genesis and link), the numbering, every stored column, when
a checkpoint is signed and what it holds, what reaches the witness file and when it refuses to
move (backwards, or onto a chain that lost the witnessed event), and how an unreadable witness
is reported. test_audit_tamper.py checks the same chain against an attacker; these are fast
enough to run against every mutant (docs/mutation.md).
"""

from __future__ import annotations

import hashlib
import json
import logging
import socket
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from data.audit_repo import StoredCheckpoint
from data.database import Database, open_database
from models.audit_event import AuditEvent
from models.canonical import canonical_bytes, format_utc
from utils.audit.chain import (
    WITNESS_LIMITS, Actor, AuditLog, checkpoint_from_json, checkpoint_to_json, event_hash,
    genesis_hash, read_checkpoint_file, write_checkpoint_file,
)
from utils.audit.keys import SigningKey
from utils.clock import ManualClock
from utils.file_lock import FileLock

ANCHOR = "site-test"
STATION = "206"
KEY = SigningKey("local:aaaaaaaaaaaa", bytes(range(32)))
ANA = Actor("ana", "admin")


@pytest.fixture
def database(tmp_path) -> Iterator[Database]:
    opened = open_database(tmp_path / "x.sqlite3")
    yield opened
    opened.dispose()


def audit_log(database: Database, tmp_path: Path, *, station: str = STATION, every: int = 3,
              clock: ManualClock | None = None, witness: bool = True) -> AuditLog:
    return AuditLog(database, anchor=ANCHOR, station=station, key=KEY,
                    checkpoint_file=tmp_path / "cp.json" if witness else None,
                    checkpoint_every=every, clock=clock or ManualClock(), host="pc-206")


def append(log: AuditLog, count: int = 1, **fields) -> list[AuditEvent]:
    """`count` events, each in a transaction of its own, as the unit of work does."""
    made = []
    for _ in range(count):
        with log.database.write() as connection:
            made.append(log.append(connection, ANA, "user.login", **fields))
    return made


def rows(database: Database, table: str = "audit_events") -> list[dict]:
    with closing(sqlite3.connect(database.path)) as con:
        con.row_factory = sqlite3.Row
        return [dict(row) for row in con.execute(f"SELECT * FROM {table} ORDER BY seq, id")]


def checkpoint(seq: int = 3, head: str = "ab" * 32, ts: str = "2026-11-22T12:00:00.000Z",
               station: str = STATION) -> StoredCheckpoint:
    unsigned = StoredCheckpoint(station, seq, head, ts, KEY.key_id, "")
    return StoredCheckpoint(station, seq, head, ts, KEY.key_id, KEY.sign(unsigned.payload()))


# --- the hash inputs -------------------------------------------------------------------------

def test_the_genesis_hash_is_sha256_of_the_canonical_anchor_and_station():
    text = b'{"anchor":"site-test","genesis":true,"station":"206"}'
    assert canonical_bytes({"genesis": True, "anchor": ANCHOR, "station": STATION}) == text
    assert genesis_hash(ANCHOR, STATION) == hashlib.sha256(text).digest()
    assert genesis_hash(ANCHOR, "207") != genesis_hash(ANCHOR, STATION)


def test_an_event_hash_is_sha256_of_the_previous_hash_then_the_utf8_body():
    prev = bytes(range(32))
    body = '{"after":"café"}'
    expected = hashlib.sha256(prev + body.encode("utf-8")).digest()
    assert event_hash(prev, body) == expected
    assert event_hash(prev, body.encode("utf-8")) == expected


def test_the_system_actor_has_no_user_and_the_system_role():
    assert Actor.system() == Actor(None, "system")


# --- appending -------------------------------------------------------------------------------

def test_the_first_event_starts_from_the_genesis_and_every_column_is_stored(database, tmp_path):
    clock = ManualClock(datetime(2026, 11, 22, 12, 0, 0, 123000, tzinfo=timezone.utc))
    log = audit_log(database, tmp_path, clock=clock)
    with database.write() as connection:
        made = log.append(connection, ANA, "box.registered", entity="box", entity_id="B-1",
                          before={"qty": 1}, after={"qty": 2}, reason="recount",
                          command_id="cmd-9")
    expected = AuditEvent(station=STATION, seq=1, ts="2026-11-22T12:00:00.123Z", user="ana",
                          role="admin", action="box.registered", entity="box",
                          entity_id="B-1", host="pc-206", before={"qty": 1},
                          after={"qty": 2}, reason="recount", command_id="cmd-9")
    assert made == expected
    [row] = rows(database)
    digest = event_hash(genesis_hash(ANCHOR, STATION), expected.body())
    assert {k: v for k, v in row.items() if k != "id"} == {
        "station": STATION, "seq": 1, "ts": "2026-11-22T12:00:00.123Z", "username": "ana",
        "role": "admin", "action": "box.registered", "entity": "box", "entity_id": "B-1",
        "command_id": "cmd-9", "prev_hash": genesis_hash(ANCHOR, STATION), "hash": digest,
        "key_id": KEY.key_id, "mac": KEY.mac(digest), "body": expected.body()}


def test_the_system_actor_is_stored_without_a_user(database, tmp_path):
    log = audit_log(database, tmp_path)
    with database.write() as connection:
        made = log.append(connection, Actor.system(), "pc.started")
    assert (made.user, made.role, made.entity, made.entity_id, made.before, made.after,
            made.reason, made.command_id) == (None, "system", None, None, None, None, None, None)
    [row] = rows(database)
    assert (row["username"], row["role"], row["entity"], row["entity_id"],
            row["command_id"]) == (None, "system", None, None, None)


def test_each_event_is_numbered_after_the_last_and_links_to_its_hash(database, tmp_path):
    clock = ManualClock()
    log = audit_log(database, tmp_path, clock=clock, every=100)
    for _ in range(3):
        clock.advance(seconds=2)
        append(log)
    stored = rows(database)
    assert [row["seq"] for row in stored] == [1, 2, 3]
    assert [row["prev_hash"] for row in stored[1:]] == [row["hash"] for row in stored[:2]]
    assert [row["ts"] for row in stored] == [
        "2026-11-22T12:00:02.000Z", "2026-11-22T12:00:04.000Z", "2026-11-22T12:00:06.000Z"]
    for row in stored:
        assert row["hash"] == event_hash(row["prev_hash"], row["body"])
        assert json.loads(row["body"])["seq"] == row["seq"]


def test_a_new_log_on_the_same_file_continues_the_chain(database, tmp_path):
    append(audit_log(database, tmp_path, every=100), 2)
    append(audit_log(database, tmp_path, every=100))
    stored = rows(database)
    assert [row["seq"] for row in stored] == [1, 2, 3]
    assert stored[2]["prev_hash"] == stored[1]["hash"]


def test_each_station_has_a_chain_of_its_own(database, tmp_path):
    append(audit_log(database, tmp_path, every=100), 2)
    append(audit_log(database, tmp_path, station="207", every=100))
    other = [row for row in rows(database) if row["station"] == "207"]
    assert [(row["seq"], row["prev_hash"]) for row in other] == [(1, genesis_hash(ANCHOR, "207"))]


def test_without_a_clock_or_host_the_system_clock_and_this_computers_name_are_used(
        database, tmp_path):
    log = AuditLog(database, anchor=ANCHOR, station=STATION, key=KEY)
    before = format_utc(datetime.now(timezone.utc))
    [made] = append(log)
    after = format_utc(datetime.now(timezone.utc))
    assert before <= made.ts <= after
    assert made.host == socket.gethostname()
    assert log.checkpoint_file is None and log.checkpoint_every == 500


# --- checkpoints -----------------------------------------------------------------------------

def test_a_checkpoint_is_signed_every_n_events_exactly(database, tmp_path):
    clock = ManualClock()
    log = audit_log(database, tmp_path, clock=clock, every=3)
    for _ in range(7):
        clock.advance(seconds=1)
        append(log)
    events = {row["seq"]: row for row in rows(database)}
    stored = rows(database, "audit_checkpoints")
    assert [(cp["seq"], cp["head_hash"]) for cp in stored] == [
        (3, events[3]["hash"].hex()), (6, events[6]["hash"].hex())]
    for cp in stored:
        signed = StoredCheckpoint(cp["station"], cp["seq"], cp["head_hash"], cp["ts"],
                                  cp["key_id"], cp["sig"])
        assert (signed.station, signed.key_id) == (STATION, KEY.key_id)
        assert signed.ts == events[signed.seq]["ts"]
        assert KEY.check(signed.payload(), signed.sig)


def test_the_default_is_a_checkpoint_every_500_events(database, tmp_path):
    log = AuditLog(database, anchor=ANCHOR, station=STATION, key=KEY, clock=ManualClock(),
                   host="pc-206")
    with database.write() as connection:
        for _ in range(499):
            log.append(connection, ANA, "user.login")
    assert rows(database, "audit_checkpoints") == []
    with database.write() as connection:
        log.append(connection, ANA, "user.login")
    assert [cp["seq"] for cp in rows(database, "audit_checkpoints")] == [500]


def test_a_new_log_counts_from_the_last_stored_checkpoint(database, tmp_path):
    append(audit_log(database, tmp_path, every=3), 4)  # a checkpoint at 3
    append(audit_log(database, tmp_path, every=3), 2)  # 5 is two after it, 6 is three
    assert [cp["seq"] for cp in rows(database, "audit_checkpoints")] == [3, 6]


def test_a_checkpoint_another_log_wrote_meanwhile_is_not_counted(database, tmp_path):
    """The seq of the last checkpoint is read once per log: one written by another process
    in between only makes ours come early (at 6, three after our own at 3, not after 4)."""
    ours = audit_log(database, tmp_path, every=3)
    append(ours, 3)  # ours signs 3
    other = audit_log(database, tmp_path, every=3)
    append(other, 1)
    other.checkpoint_now()  # the other signs 4
    append(ours, 2)
    assert [cp["seq"] for cp in rows(database, "audit_checkpoints")] == [3, 4, 6]


def test_a_checkpoint_reaches_the_witness_file_only_after_the_commit(database, tmp_path):
    log = audit_log(database, tmp_path, every=2)
    witness = tmp_path / "cp.json"
    append(log)
    assert log.write_witness() is None and not witness.exists()
    with database.write() as connection:
        log.append(connection, ANA, "user.login")
    assert not witness.exists()
    written = log.write_witness()
    stored = rows(database, "audit_checkpoints")
    assert written is not None and checkpoint_to_json(written) == {
        "v": 1, **{k: stored[0][k] for k in ("station", "seq", "head_hash", "ts", "key_id",
                                             "sig")}}
    assert read_checkpoint_file(witness) == {STATION: written}
    assert log.write_witness() is None  # handed over once


def test_a_rolled_back_checkpoint_is_forgotten_and_made_again_at_the_next_event(database,
                                                                              tmp_path):
    log = audit_log(database, tmp_path, every=2)
    append(log)
    with pytest.raises(RuntimeError):
        with log.writing() as connection:
            log.append(connection, ANA, "user.login")  # seq 2: a checkpoint, in this transaction
            raise RuntimeError("rolled back")
    assert log.write_witness() is None and rows(database, "audit_checkpoints") == []
    append(log)  # seq 2 again, another event: checkpointed now, not two events later
    stored = rows(database, "audit_checkpoints")
    assert [cp["seq"] for cp in stored] == [2]
    written = log.write_witness()
    assert written is not None and written.head_hash == stored[0]["head_hash"]


def test_a_checkpoint_now_that_fails_leaves_nothing_to_hand_on(database, tmp_path):
    log = audit_log(database, tmp_path, every=10)
    append(log, 2)
    real = log._write_checkpoint_row

    def then_fail(connection, seq, head):
        real(connection, seq, head)
        raise RuntimeError("the commit does not happen")

    log._write_checkpoint_row = then_fail
    with pytest.raises(RuntimeError):
        log.checkpoint_now()
    del log._write_checkpoint_row
    assert log.write_witness() is None and rows(database, "audit_checkpoints") == []
    assert not (tmp_path / "cp.json").exists()
    made = log.checkpoint_now()  # the head signed for real this time
    assert made is not None and made.seq == 2


def test_a_checkpoint_is_handed_on_by_the_thread_whose_transaction_made_it(database, tmp_path):
    import threading

    log = audit_log(database, tmp_path, every=1)
    made: list = []
    other = threading.Thread(target=lambda: made.extend(append(log)))
    other.start()
    other.join(timeout=30)
    assert made and log.write_witness() is None  # not this thread's to hand on
    append(log)
    written = log.write_witness()
    assert written is not None and written.seq == 2


def test_without_a_witness_file_the_checkpoint_is_still_returned(database, tmp_path):
    log = audit_log(database, tmp_path, every=1, witness=False)
    append(log)
    written = log.write_witness()
    assert written is not None and written.seq == 1
    assert list(tmp_path.glob("*.json")) == []


def test_checkpoint_now_on_an_empty_chain_signs_nothing(database, tmp_path):
    log = audit_log(database, tmp_path)
    assert log.checkpoint_now() is None
    assert rows(database, "audit_checkpoints") == [] and not (tmp_path / "cp.json").exists()


def test_checkpoint_now_signs_the_head_and_writes_the_witness(database, tmp_path):
    clock = ManualClock()
    log = audit_log(database, tmp_path, clock=clock, every=3)
    append(log, 4)
    clock.advance(minutes=5)
    made = log.checkpoint_now()
    head = rows(database)[-1]
    assert made is not None
    assert (made.seq, made.head_hash, made.ts) == (4, head["hash"].hex(),
                                                   "2026-11-22T12:05:00.000Z")
    assert [cp["seq"] for cp in rows(database, "audit_checkpoints")] == [3, 4]
    assert read_checkpoint_file(tmp_path / "cp.json")[STATION] == made
    append(log, 2)  # counted from the checkpoint at 4: none at 6
    assert [cp["seq"] for cp in rows(database, "audit_checkpoints")] == [3, 4]


def test_checkpoint_now_on_a_signed_head_gives_the_newest_checkpoint_again(database, tmp_path):
    log = audit_log(database, tmp_path, every=2)
    append(log, 6)  # checkpoints at 2, 4 and 6, no witness written yet
    assert not (tmp_path / "cp.json").exists()
    again = log.checkpoint_now()
    stored = rows(database, "audit_checkpoints")
    assert [cp["seq"] for cp in stored] == [2, 4, 6]
    assert again is not None and (again.seq, again.sig) == (6, stored[2]["sig"])
    assert read_checkpoint_file(tmp_path / "cp.json")[STATION] == again


# --- the witness file: never backwards, never onto a chain that lost the witnessed event ------

def test_the_witness_moves_forward_along_the_same_chain(database, tmp_path):
    log = audit_log(database, tmp_path, every=2)
    append(log, 2)
    log.write_witness()
    append(log, 2)
    log.write_witness()
    assert read_checkpoint_file(tmp_path / "cp.json")[STATION].seq == 4


def test_the_witness_stays_when_another_chain_no_longer_holds_its_event(tmp_path, caplog):
    """An older copy put back and continued writes different events at the same numbers:
    the witness of the original keeps the evidence for verify."""
    original = open_database(tmp_path / "a.sqlite3")
    restored = open_database(tmp_path / "b.sqlite3")
    try:
        first = audit_log(original, tmp_path, every=2)
        append(first, 2)
        witnessed = first.write_witness()
        second = audit_log(restored, tmp_path, every=2)
        append(second, 1)
        append(second, 3, reason="continued")
        with caplog.at_level(logging.ERROR, logger="utils.audit.chain"):
            second.write_witness()
    finally:
        original.dispose()
        restored.dispose()
    assert read_checkpoint_file(tmp_path / "cp.json")[STATION] == witnessed
    assert [r.getMessage() for r in caplog.records if r.name == "utils.audit.chain"] == [
        "Station 206: the chain no longer holds event 2 as it was signed earlier (an older "
        "copy put back and continued?); the witness of event 2 is kept for verify"]


def test_checkpoint_json_holds_the_payload_and_the_signature():
    made = checkpoint()
    assert checkpoint_to_json(made) == {
        "v": 1, "station": STATION, "seq": 3, "head_hash": "ab" * 32,
        "ts": "2026-11-22T12:00:00.000Z", "key_id": KEY.key_id, "sig": made.sig}
    assert checkpoint_from_json(checkpoint_to_json(made)) == made


def test_checkpoint_json_fields_are_read_as_their_types():
    read = checkpoint_from_json({"station": 206, "seq": "7", "head_hash": "cd", "ts": "t",
                                 "key_id": "k", "sig": "s", "v": 1})
    assert read == StoredCheckpoint("206", 7, "cd", "t", "k", "s")
    assert [type(value) for value in read.__dict__.values()] == [str, int, str, str, str, str]


def test_the_witness_file_is_sorted_indented_text(tmp_path):
    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint(station="207", seq=1))
    write_checkpoint_file(path, checkpoint(station="206", seq=2))
    first, second = checkpoint(station="206", seq=2), checkpoint(station="207", seq=1)
    assert path.read_text("utf-8") == json.dumps(
        {"stations": {"206": checkpoint_to_json(first), "207": checkpoint_to_json(second)},
         "v": 1}, indent=1, sort_keys=True)
    assert path.read_text("utf-8").startswith('{\n "stations": {\n  "206": {\n   "head_hash"')
    assert read_checkpoint_file(path) == {"206": first, "207": second}


def test_the_witness_never_moves_backwards(tmp_path):
    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint(seq=5))
    write_checkpoint_file(path, checkpoint(seq=4), holds=lambda seq, head: True)
    assert read_checkpoint_file(path)[STATION].seq == 5


def test_two_threads_writing_the_witness_at_once_never_move_it_backwards(tmp_path,
                                                                        monkeypatch):
    """Each thread hands on its own commit's checkpoint: a writer that read the file before
    another wrote a later checkpoint must not write its older one back over it."""
    import threading

    from utils.audit import chain

    path = tmp_path / "cp.json"
    first_read, go_on, second_read = threading.Event(), threading.Event(), threading.Event()
    reading = chain.read_checkpoint_file

    def read_then_pause(where):
        found = reading(where)
        if threading.current_thread().name == "older":
            first_read.set()
            go_on.wait(10)  # holds what it read while the other thread comes
        else:
            second_read.set()
        return found

    monkeypatch.setattr(chain, "read_checkpoint_file", read_then_pause)
    older = threading.Thread(target=write_checkpoint_file, args=(path, checkpoint(seq=3)),
                             name="older")
    later = threading.Thread(target=write_checkpoint_file, args=(path, checkpoint(seq=5)),
                             name="later")
    older.start()
    try:
        assert first_read.wait(10)
        later.start()
        # One at a time: the later writer reads only once the older one has written.
        assert not second_read.wait(0.3)
    finally:
        go_on.set()
        older.join(10)
        if later.ident is not None:
            later.join(10)
    assert reading(path)[STATION].seq == 5


def test_the_witness_is_written_holding_the_lock_other_processes_take(tmp_path, monkeypatch):
    """The app, the agent and a command line of one home may each write the witness: the
    read-and-write is done holding a lock between processes (a second holder, here another
    descriptor of the same file, cannot take it meanwhile)."""
    from utils.audit import chain

    path = tmp_path / "cp.json"
    free_while_writing: list[bool] = []
    writing = chain.atomic_write_text

    def write_and_look(where, text, **options):
        other = FileLock(chain.witness_lock_file(path))
        free_while_writing.append(other.acquire())
        other.release()
        writing(where, text, **options)

    monkeypatch.setattr(chain, "atomic_write_text", write_and_look)
    write_checkpoint_file(path, checkpoint(seq=2))
    assert free_while_writing == [False]
    assert read_checkpoint_file(path)[STATION].seq == 2
    assert FileLock(chain.witness_lock_file(path)).acquire()  # given back after the write


def test_a_witness_lock_held_elsewhere_past_the_wait_leaves_the_witness_as_it_was(
        tmp_path, monkeypatch):
    """Another process holding the witness's lock (stuck, say) delays a writer at most
    WITNESS_LOCK_WAIT_S; then the write gives up with an OSError, which the unit of work
    reports as a warning (the next checkpoint writes the witness)."""
    from utils.audit import chain

    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint(seq=2))
    monkeypatch.setattr(chain, "WITNESS_LOCK_WAIT_S", 0.05)
    elsewhere = FileLock(chain.witness_lock_file(path))
    assert elsewhere.acquire()
    try:
        with pytest.raises(OSError):
            write_checkpoint_file(path, checkpoint(seq=4))
    finally:
        elsewhere.release()
    assert read_checkpoint_file(path)[STATION].seq == 2
    write_checkpoint_file(path, checkpoint(seq=4))
    assert read_checkpoint_file(path)[STATION].seq == 4


def test_a_newer_checkpoint_at_the_same_event_replaces_the_witness(tmp_path):
    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint(seq=5, ts="2026-11-22T12:00:00.000Z"))
    later = checkpoint(seq=5, ts="2026-11-22T13:00:00.000Z")
    write_checkpoint_file(path, later, holds=lambda seq, head: pytest.fail("not asked"))
    assert read_checkpoint_file(path)[STATION] == later
    other_head = checkpoint(seq=5, head="cd" * 32)
    write_checkpoint_file(path, other_head)  # no one to ask: taken
    assert read_checkpoint_file(path)[STATION] == other_head


def test_the_chain_is_asked_about_the_witnessed_event_before_moving(tmp_path):
    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint(seq=5, head="ab" * 32))
    asked: list[tuple[int, str]] = []

    def holds(seq: int, head: str) -> bool:
        asked.append((seq, head))
        return seq == 5 and head == "ab" * 32

    write_checkpoint_file(path, checkpoint(seq=8, head="cd" * 32), holds=holds)
    assert asked == [(5, "ab" * 32)]
    assert read_checkpoint_file(path)[STATION].seq == 8
    write_checkpoint_file(path, checkpoint(seq=9, head="ef" * 32), holds=lambda s, h: False)
    assert read_checkpoint_file(path)[STATION].seq == 8


def test_a_first_witness_for_a_station_is_taken_without_asking(tmp_path):
    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint(station="207", seq=9))
    write_checkpoint_file(path, checkpoint(seq=2), holds=lambda s, h: pytest.fail("not asked"))
    assert sorted(read_checkpoint_file(path)) == ["206", "207"]


# --- reading the witness file ----------------------------------------------------------------

def test_a_missing_witness_file_is_empty_and_not_worth_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="utils.audit.chain"):
        assert read_checkpoint_file(tmp_path / "none.json") == {}
    assert caplog.records == []


@pytest.mark.parametrize("content, reason", [
    (b'{"v": 1}', "'stations'"),
    (b'{"v": 1, "stations": {"206": {"seq": 1}}}', "'station'"),
    (b'{"v": 1, "stations": []}', "'list' object has no attribute 'items'"),
    (b'[1]', "list indices must be integers or slices, not str"),
    (b'{"v": 1, "stations": {"206": {"station": "206", "seq": "x", "head_hash": "",'
     b' "ts": "", "key_id": "", "sig": ""}}}', "invalid literal for int() with base 10: 'x'"),
])
def test_an_unreadable_witness_file_is_empty_with_a_warning_that_says_why(
        tmp_path, caplog, content, reason):
    path = tmp_path / "cp.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="utils.audit.chain"):
        assert read_checkpoint_file(path) == {}
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, f"Checkpoint file {path} unreadable: {reason}")]


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b'{"a": 1, "a": 2}'])
def test_a_damaged_witness_file_is_empty_with_a_warning(tmp_path, caplog, content):
    path = tmp_path / "cp.json"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="utils.audit.chain"):
        assert read_checkpoint_file(path) == {}
    assert [r.getMessage().startswith(f"Checkpoint file {path} unreadable: ")
            for r in caplog.records] == [True]


def test_a_folder_in_place_of_the_witness_file_is_unreadable(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="utils.audit.chain"):
        assert read_checkpoint_file(tmp_path) == {}
    assert len(caplog.records) == 1


@pytest.mark.parametrize("extra, readable", [(0, True), (1, False)])
def test_a_witness_file_of_16_mib_is_read_and_one_byte_more_is_refused(tmp_path, extra,
                                                                       readable):
    assert WITNESS_LIMITS.max_bytes == 16 * 1024 * 1024
    path = tmp_path / "cp.json"
    write_checkpoint_file(path, checkpoint())
    text = path.read_bytes()
    path.write_bytes(text + b" " * (WITNESS_LIMITS.max_bytes + extra - len(text)))
    assert (read_checkpoint_file(path) != {}) is readable


def test_an_oversized_witness_file_is_refused_after_reading_one_byte_past_the_limit(
        tmp_path, caplog):
    """Counted in bytes, not characters (its times here hold two-byte letters), and only
    16 MiB + 1 bytes are read, whatever the file's size: the warning says how many."""
    path = tmp_path / "cp.json"
    text = json.dumps({"v": 1, "stations": {STATION: checkpoint_to_json(checkpoint(
        ts="é" * 1000))}}, ensure_ascii=False).encode("utf-8")
    assert len(text) > len(text.decode("utf-8")) + 999
    path.write_bytes(text + b" " * (WITNESS_LIMITS.max_bytes + 100 - len(text)))
    with caplog.at_level(logging.WARNING, logger="utils.audit.chain"):
        assert read_checkpoint_file(path) == {}
    limit = WITNESS_LIMITS.max_bytes
    assert [r.getMessage() for r in caplog.records] == [
        f"Checkpoint file {path} unreadable: {limit + 1} bytes, more than the {limit} allowed"]
