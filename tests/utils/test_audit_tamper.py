"""The tamper matrix: every way an attacker with write access to the SQLite file can rewrite
history, each done with plain sqlite3 on the real file (dropping the append-only triggers first,
as an attacker would), and the exact finding the verifier must report.

Chains are built through the real `AuditLog` on a real database file: 60 durable events,
a signed checkpoint every 20 (rows at 20, 40 and 60) and the local witness file at 60.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

import pytest

from data.audit_repo import StoredCheckpoint
from data.database import Database, open_database
from models.audit_event import AuditEvent
from models.canonical import format_utc
from utils.audit.chain import (
    Actor, AuditLog, checkpoint_to_json, event_hash, genesis_hash, read_checkpoint_file,
)
from utils.audit.keys import KeyRing, SigningKey, key_id_for, load_or_create_local_key
from utils.audit.database_verify import verify_database
from utils.audit.verify import TamperKind, VerifyResult, verify_stream
from utils.changes import Changes, Topic
from utils.clock import ManualClock

ANCHOR = "site-test"
STATION = "206"
EVENTS = 60
EVERY = 20
ATTACKER_SECRET = bytes(range(32))

TRIGGERS = {
    table: (f"{table}_no_update", f"{table}_no_delete")
    for table in ("audit_events", "audit_checkpoints", "record_versions")
}


@dataclass
class Chain:
    """A station's audit chain in a real database file, plus the attacker's tools."""

    root: Path
    path: Path
    database: Database
    key: SigningKey
    checkpoint_file: Path
    clock: ManualClock
    audit: AuditLog

    # -- the honest side ---------------------------------------------------------------------

    def add(self, count: int) -> None:
        users = (("ana", "admin"), ("bob", "operator"), ("caio", "supervisor"))
        for _ in range(count):
            self.clock.advance(seconds=7)
            user, role = users[self.size() % len(users)]
            Changes(self.database, self.audit).record(
                Actor(user, role), "user.login", entity="user", entity_id=user,
                after={"n": self.size() + 1, "host": "pc-206", "ok": True})

    def size(self) -> int:
        with closing(sqlite3.connect(self.path)) as con:
            return con.execute("SELECT count(*) FROM audit_events").fetchone()[0]

    def verify(self, **options) -> VerifyResult:
        results = verify_database(self.database, anchor=ANCHOR, keyring=KeyRing(self.key),
                                  witness_files=(self.checkpoint_file,), **options)
        assert [r.station for r in results] == [STATION]
        return results[0]

    def reopen(self) -> None:
        self.database.dispose()
        self.database = open_database(self.path)
        self.audit.database = self.database

    # -- the attacker's side -----------------------------------------------------------------

    @contextmanager
    def attacker(self, *tables: str) -> Iterator[sqlite3.Connection]:
        """Raw sqlite3 on the file with the append-only triggers of `tables` dropped."""
        con = sqlite3.connect(self.path, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            for table in tables:
                for trigger in TRIGGERS[table]:
                    con.execute(f"DROP TRIGGER {trigger}")
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def row(self, seq: int) -> dict:
        with closing(sqlite3.connect(self.path)) as con:
            con.row_factory = sqlite3.Row
            found = con.execute("SELECT * FROM audit_events WHERE station = ? AND seq = ?",
                                (STATION, seq)).fetchone()
        assert found is not None, f"no event {seq}"
        return dict(found)

    def rows(self) -> list[dict]:
        with closing(sqlite3.connect(self.path)) as con:
            con.row_factory = sqlite3.Row
            return [dict(r) for r in con.execute(
                "SELECT * FROM audit_events WHERE station = ? ORDER BY seq", (STATION,))]


def forge_event(seq: int, prev: bytes, *, key_id: str, mac_key: SigningKey | None = None,
                mac: bytes | None = None, user: str = "mallory", role: str = "admin",
                action: str = "user.login", after: object = None) -> dict:
    """A well-formed event row whose hash is right (anyone can compute it) and whose MAC is
    whatever the attacker can produce: with a key of their own, or made up."""
    event = AuditEvent(station=STATION, seq=seq, ts="2026-11-22T12:30:00.000Z", user=user,
                       role=role, action=action, entity="user", entity_id=user, host="pc-206",
                       after=after if after is not None else {"forged": True})
    body = event.body()
    digest = event_hash(prev, body)
    if mac is None:
        mac = mac_key.mac(digest) if mac_key is not None else bytes(32)
    return dict(station=STATION, seq=seq, ts=event.ts, username=user, role=role, action=action,
                entity="user", entity_id=user, command_id=None, prev_hash=prev, hash=digest,
                key_id=key_id, mac=mac, body=body)


def insert_row(con: sqlite3.Connection, row: dict) -> None:
    row = {k: v for k, v in row.items() if k != "id"}
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    con.execute(f"INSERT INTO audit_events ({columns}) VALUES ({marks})", tuple(row.values()))


def renumber(con: sqlite3.Connection, *, above: int, delta: int) -> None:
    """Shift the seq column of every event above `above` by `delta`, one row at a time in the
    order that keeps UNIQUE(station, seq) satisfied. Nothing is recomputed."""
    order = "DESC" if delta > 0 else "ASC"
    ids = [r[0] for r in con.execute(
        f"SELECT id FROM audit_events WHERE station = ? AND seq > ? ORDER BY seq {order}",
        (STATION, above))]
    for row_id in ids:
        con.execute("UPDATE audit_events SET seq = seq + ? WHERE id = ?", (delta, row_id))


def make_chain(root: Path, events: int, clock: ManualClock | None = None) -> Chain:
    """A chain of `events` events in `root` (x.sqlite3, its key k.key and its witness cp.json);
    a chain already there is opened as the station reopens it and goes on."""
    root.mkdir(parents=True, exist_ok=True)
    path = root / "x.sqlite3"
    database = open_database(path)
    key = load_or_create_local_key(root / "k.key")
    clock = clock or ManualClock()
    checkpoint_file = root / "cp.json"
    audit = AuditLog(database, anchor=ANCHOR, station=STATION, key=key,
                     checkpoint_file=checkpoint_file, checkpoint_every=EVERY, clock=clock,
                     host="pc-206")
    chain = Chain(root, path, database, key, checkpoint_file, clock, audit)
    chain.add(events)
    return chain


@dataclass(frozen=True)
class ChainTemplate:
    """A closed chain's folder, and the time its clock had reached."""

    folder: Path
    now: datetime

    def copy(self, root: Path) -> Chain:
        """A copy of the chain's files in `root`, opened as the station reopens them. Each
        test tampers with its own copy; building the 60 durable events once per module instead
        of once per test saves about 0.6 s a test."""
        shutil.copytree(self.folder, root, dirs_exist_ok=True)
        return make_chain(root, 0, ManualClock(self.now))


def chain_template(folder: Path, events: int) -> ChainTemplate:
    built = make_chain(folder, events)
    built.database.dispose()  # closed: the copies are whole files, no write-ahead log left
    return ChainTemplate(folder, built.clock.now())


@pytest.fixture(scope="module")
def built_chain(tmp_path_factory) -> ChainTemplate:
    return chain_template(tmp_path_factory.mktemp("chain"), EVENTS)


@pytest.fixture
def chain(tmp_path, built_chain) -> Iterator[Chain]:
    copied = built_chain.copy(tmp_path)
    yield copied
    copied.database.dispose()


def assert_tampered(result: VerifyResult, seq: int, kind: TamperKind) -> None:
    assert result.ok is False, result
    assert not result.cancelled, result
    assert (result.first_bad_seq, result.kind) == (seq, kind), result.detail


# --- the intact chain ----------------------------------------------------------------------------

def test_intact_chain_verifies(chain):
    with closing(sqlite3.connect(chain.path)) as con:
        checkpoint_seqs = [r[0] for r in con.execute(
            "SELECT seq FROM audit_checkpoints WHERE station = ? ORDER BY seq", (STATION,))]
    assert checkpoint_seqs == [20, 40, 60]
    assert read_checkpoint_file(chain.checkpoint_file)[STATION].seq == 60

    result = chain.verify()
    assert result.ok is True, result
    assert result.events_checked == EVENTS and result.head_seq == EVENTS
    assert result.first_bad_seq is None and result.kind is None and not result.cancelled
    assert result.checkpoints_checked == 4  # 3 rows plus the witness file
    assert result.unverifiable_macs == 0


def test_intact_chain_still_verifies_after_reopen_and_more_events(chain):
    chain.reopen()
    chain.add(5)
    result = chain.verify()
    assert result.ok is True and result.events_checked == EVENTS + 5, result


# --- modified ------------------------------------------------------------------------------------

@pytest.mark.parametrize("column,value", [
    ("username", "mallory"),
    ("role", "supervisor"),
    ("action", "record.void"),
    ("ts", "2026-11-22T11:00:00.000Z"),
    ("entity_id", "bob"),
])
def test_edited_column_is_modified(chain, column, value):
    with chain.attacker("audit_events") as con:
        con.execute(f"UPDATE audit_events SET {column} = ? WHERE station = ? AND seq = 7",
                    (value, STATION))
    assert_tampered(chain.verify(), 7, TamperKind.MODIFIED)


def test_edited_body_is_modified(chain):
    body = chain.row(7)["body"]
    tampered = body.replace('"n":7', '"n":700')
    assert tampered != body
    with chain.attacker("audit_events") as con:
        con.execute("UPDATE audit_events SET body = ? WHERE station = ? AND seq = 7",
                    (tampered, STATION))
    assert_tampered(chain.verify(), 7, TamperKind.MODIFIED)


def test_edited_body_and_matching_columns_is_modified(chain):
    """The attacker keeps the indexed columns in step with the body: the hash still breaks."""
    row = chain.row(7)
    tampered = row["body"].replace(f'"user":"{row["username"]}"', '"user":"mallory"')
    assert tampered != row["body"]
    with chain.attacker("audit_events") as con:
        con.execute("UPDATE audit_events SET body = ?, username = 'mallory' "
                    "WHERE station = ? AND seq = 7", (tampered, STATION))
    assert_tampered(chain.verify(), 7, TamperKind.MODIFIED)


# --- deleted -------------------------------------------------------------------------------------

@pytest.mark.parametrize("victim", [1, 10, 33])
def test_deleted_event(chain, victim):
    with chain.attacker("audit_events") as con:
        con.execute("DELETE FROM audit_events WHERE station = ? AND seq = ?", (STATION, victim))
    assert_tampered(chain.verify(), victim, TamperKind.DELETED)


def test_deleted_event_and_later_ones_renumbered(chain):
    with chain.attacker("audit_events") as con:
        con.execute("DELETE FROM audit_events WHERE station = ? AND seq = 10", (STATION,))
        renumber(con, above=10, delta=-1)
    assert [r["seq"] for r in chain.rows()] == list(range(1, EVENTS))  # no gap any more
    assert_tampered(chain.verify(), 10, TamperKind.DELETED)


def test_several_deleted_and_renumbered(chain):
    with chain.attacker("audit_events") as con:
        con.execute("DELETE FROM audit_events WHERE station = ? AND seq IN (10, 11, 12)",
                    (STATION,))
        renumber(con, above=12, delta=-3)
    assert_tampered(chain.verify(), 10, TamperKind.DELETED)


# --- inserted and forged events -------------------------------------------------------------------

def test_forged_event_inserted_in_the_middle(chain):
    """A made-up event 11 linked to event 10, the real 11..60 renumbered 12..61 (nothing else
    recomputed). The real event 11 still continues from event 10: an extra event sits in the
    chain."""
    prev = chain.row(10)["hash"]
    forged = forge_event(11, prev, key_id=chain.key.key_id, mac=b"\x5a" * 32)
    with chain.attacker("audit_events") as con:
        renumber(con, above=10, delta=+1)
        insert_row(con, forged)
    assert_tampered(chain.verify(), 11, TamperKind.INSERTED)


def test_forged_event_with_unknown_key_inserted_in_the_middle(chain):
    """Same insertion, the MAC made with a key the site does not know."""
    attacker = SigningKey(key_id_for("local", ATTACKER_SECRET), ATTACKER_SECRET)
    prev = chain.row(10)["hash"]
    forged = forge_event(11, prev, key_id=attacker.key_id, mac_key=attacker)
    with chain.attacker("audit_events") as con:
        renumber(con, above=10, delta=+1)
        insert_row(con, forged)
    assert_tampered(chain.verify(), 11, TamperKind.INSERTED)


@pytest.mark.parametrize("mac_kind", ["wrong-mac", "absent-mac", "own-key"])
def test_forged_event_appended_at_the_tail(chain, mac_kind):
    """Event 61 with a correct hash linked to event 60, but no access to the site key:
    a made-up MAC under the real key id, no MAC at all, or a MAC under the attacker's key."""
    prev = chain.row(EVENTS)["hash"]
    attacker = SigningKey(key_id_for("local", ATTACKER_SECRET), ATTACKER_SECRET)
    forged = {
        "wrong-mac": lambda: forge_event(EVENTS + 1, prev, key_id=chain.key.key_id,
                                         mac=b"\x00" * 32),
        "absent-mac": lambda: forge_event(EVENTS + 1, prev, key_id="", mac=b""),
        "own-key": lambda: forge_event(EVENTS + 1, prev, key_id=attacker.key_id,
                                       mac_key=attacker),
    }[mac_kind]()
    with chain.attacker() as con:  # INSERT needs no trigger dropped
        insert_row(con, forged)
    assert_tampered(chain.verify(), EVENTS + 1, TamperKind.FORGED)


def test_single_event_rehashed_without_the_key(chain):
    """Event 7 rewritten and its hash recomputed (the MAC cannot be)."""
    row = chain.row(7)
    body = row["body"].replace('"n":7', '"n":700')
    with chain.attacker("audit_events") as con:
        con.execute("UPDATE audit_events SET body = ?, hash = ? WHERE id = ?",
                    (body, event_hash(row["prev_hash"], body), row["id"]))
    assert_tampered(chain.verify(), 7, TamperKind.FORGED)


# --- reordered -----------------------------------------------------------------------------------

def swap(chain: Chain, a: int, b: int) -> None:
    """Two events change places: each row takes the other's sequence number."""
    first, second = chain.row(a), chain.row(b)
    with chain.attacker("audit_events") as con:
        con.execute("UPDATE audit_events SET seq = -1 WHERE id = ?", (first["id"],))
        con.execute("UPDATE audit_events SET seq = ? WHERE id = ?", (a, second["id"]))
        con.execute("UPDATE audit_events SET seq = ? WHERE id = ?", (b, first["id"]))


def test_adjacent_events_swapped(chain):
    swap(chain, 15, 16)
    assert_tampered(chain.verify(), 15, TamperKind.REORDERED)


def test_swapped_row_contents_are_reordered(chain):
    """Same swap done the other way round: the rows keep their ids and seq, every other
    column (body, hashes, MAC, indexed columns) is exchanged."""
    first, second = chain.row(15), chain.row(16)
    columns = [c for c in first if c not in ("id", "seq")]
    assignments = ", ".join(f"{c} = ?" for c in columns)
    with chain.attacker("audit_events") as con:
        con.execute(f"UPDATE audit_events SET {assignments} WHERE id = ?",
                    (*[second[c] for c in columns], first["id"]))
        con.execute(f"UPDATE audit_events SET {assignments} WHERE id = ?",
                    (*[first[c] for c in columns], second["id"]))
    assert_tampered(chain.verify(), 15, TamperKind.REORDERED)


def test_distant_events_swapped(chain):
    swap(chain, 15, 18)
    assert_tampered(chain.verify(), 15, TamperKind.REORDERED)


# --- truncated -----------------------------------------------------------------------------------

@pytest.mark.parametrize("evidence", ["rows-and-witness", "witness-only", "rows-only"])
def test_tail_cut_below_last_checkpoint(chain, evidence):
    """Events 46..60 deleted; the checkpoint at 60 survives in the table, the witness file, or
    both (the attacker deletes what they can reach)."""
    with chain.attacker("audit_events", "audit_checkpoints") as con:
        con.execute("DELETE FROM audit_events WHERE station = ? AND seq > 45", (STATION,))
        if evidence == "witness-only":
            con.execute("DELETE FROM audit_checkpoints WHERE station = ? AND seq > 45",
                        (STATION,))
    if evidence == "rows-only":
        chain.checkpoint_file.unlink()
    assert_tampered(chain.verify(), 46, TamperKind.TRUNCATED)


def test_last_event_deleted_is_truncated(chain):
    with chain.attacker("audit_events") as con:
        con.execute("DELETE FROM audit_events WHERE station = ? AND seq = ?", (STATION, EVENTS))
    assert_tampered(chain.verify(), EVENTS, TamperKind.TRUNCATED)


def test_every_event_deleted_station_known_from_the_witness(chain):
    with chain.attacker("audit_events", "audit_checkpoints") as con:
        con.execute("DELETE FROM audit_events")
        con.execute("DELETE FROM audit_checkpoints")
    assert_tampered(chain.verify(), 1, TamperKind.TRUNCATED)


def test_old_copy_of_the_database_restored(tmp_path):
    chain = make_chain(tmp_path, 30)
    try:
        backup = tmp_path / "old.sqlite3"
        with closing(sqlite3.connect(chain.path)) as source, \
                closing(sqlite3.connect(backup)) as target:
            source.backup(target)
        chain.add(30)
        assert read_checkpoint_file(chain.checkpoint_file)[STATION].seq == 60
        assert chain.verify().ok

        chain.database.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{chain.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(backup, chain.path)
        chain.reopen()
        assert chain.size() == 30
        assert_tampered(chain.verify(), 31, TamperKind.TRUNCATED)
    finally:
        chain.database.dispose()


# --- recomputed with another key -----------------------------------------------------------------

@pytest.mark.parametrize("start,label,rewrite_witness", [
    (1, "own", False),
    (1, "own", True),
    (1, "site", False),
    (7, "site", False),
    (7, "own", False),
])
def test_chain_recomputed_with_another_key(chain, start, label, rewrite_witness):
    """Event 7 rewritten; hashes and MACs recomputed from event `start` on with the attacker's
    own key (under its own key id, or pretending to be the site key's id); every checkpoint
    re-signed with it, and optionally the local witness file too."""
    secret = ATTACKER_SECRET
    attacker = SigningKey(key_id_for("local", secret) if label == "own" else chain.key.key_id,
                          secret)
    rows = chain.rows()
    heads: dict[int, bytes] = {}
    prev = genesis_hash(ANCHOR, STATION)
    with chain.attacker("audit_events", "audit_checkpoints") as con:
        for row in rows:
            body = row["body"]
            if row["seq"] == 7:
                body = body.replace('"n":7', '"n":700')
            if row["seq"] >= start:
                digest = event_hash(prev, body)
                con.execute("UPDATE audit_events SET body = ?, prev_hash = ?, hash = ?, "
                            "key_id = ?, mac = ? WHERE id = ?",
                            (body, prev, digest, attacker.key_id, attacker.mac(digest),
                             row["id"]))
            else:
                digest = row["hash"]
            heads[row["seq"]] = digest
            prev = digest
        for cp_id, seq, ts in con.execute(
                "SELECT id, seq, ts FROM audit_checkpoints WHERE station = ?",
                (STATION,)).fetchall():
            unsigned = StoredCheckpoint(STATION, seq, heads[seq].hex(), ts, attacker.key_id, "")
            con.execute("UPDATE audit_checkpoints SET head_hash = ?, key_id = ?, sig = ? "
                        "WHERE id = ?", (unsigned.head_hash, attacker.key_id,
                                         attacker.sign(unsigned.payload()), cp_id))
    if rewrite_witness:
        unsigned = StoredCheckpoint(STATION, EVENTS, heads[EVENTS].hex(),
                                    format_utc(chain.clock.now()), attacker.key_id, "")
        forged = StoredCheckpoint(**{**unsigned.__dict__, "sig": attacker.sign(unsigned.payload())})
        chain.checkpoint_file.write_text(json.dumps(
            {"v": 1, "stations": {STATION: checkpoint_to_json(forged)}}), encoding="utf-8")
    assert_tampered(chain.verify(), start, TamperKind.FORGED)


# --- forged checkpoints --------------------------------------------------------------------------

def test_checkpoint_row_with_bad_signature(chain):
    """A new checkpoint row at 50 naming the real head of event 50, signed with nonsense.
    The verifier's first bad seq for a forged checkpoint is the first event after the last
    valid checkpoint below it (40)."""
    head = chain.row(50)["hash"].hex()
    with chain.attacker() as con:
        con.execute("INSERT INTO audit_checkpoints (station, seq, head_hash, ts, key_id, sig) "
                    "VALUES (?, 50, ?, '2026-11-22T12:30:00.000Z', ?, ?)",
                    (STATION, head, chain.key.key_id, "0" * 64))
    assert_tampered(chain.verify(), 41, TamperKind.FORGED)


def test_existing_checkpoint_signature_altered(chain):
    with chain.attacker("audit_checkpoints") as con:
        con.execute("UPDATE audit_checkpoints SET sig = ? WHERE station = ? AND seq = 40",
                    ("f" * 64, STATION))
    assert_tampered(chain.verify(), 21, TamperKind.FORGED)


def test_forged_checkpoint_beyond_the_head_is_not_a_truncation(chain):
    """An unsigned claim that the chain once reached 100 proves nothing about truncation."""
    with chain.attacker() as con:
        con.execute("INSERT INTO audit_checkpoints (station, seq, head_hash, ts, key_id, sig) "
                    "VALUES (?, 100, ?, '2026-11-22T12:30:00.000Z', ?, ?)",
                    (STATION, "ab" * 32, chain.key.key_id, "0" * 64))
    assert_tampered(chain.verify(), EVENTS + 1, TamperKind.FORGED)


# --- progress and cancellation -------------------------------------------------------------------

BIG = 12_000  # more than two of the verifier's 5,000-row batches


@pytest.fixture(scope="module")
def built_big_chain(tmp_path_factory) -> ChainTemplate:
    built = make_chain(tmp_path_factory.mktemp("big_chain"), 0)
    actor = Actor("ana", "admin")
    for start in range(0, BIG, 4_000):
        with Changes(built.database, built.audit).begin(actor, Topic.AUDIT) as tx:
            for n in range(start, start + 4_000):
                tx.audit("user.login", entity="user", entity_id="ana", after={"n": n + 1})
    built.database.dispose()
    return ChainTemplate(built.root, built.clock.now())


@pytest.fixture
def big_chain(tmp_path, built_big_chain) -> Iterator[Chain]:
    copied = built_big_chain.copy(tmp_path)
    yield copied
    copied.database.dispose()


def test_progress_reports_increasing_counts(big_chain):
    calls: list[tuple[str, int, int | None]] = []
    result = big_chain.verify(progress=lambda station, done, total: calls.append(
        (station, done, total)))
    assert result.ok is True and result.events_checked == BIG, result
    assert len(calls) >= 3
    counts = [done for _station, done, _total in calls]
    assert counts == sorted(counts) and len(set(counts)) == len(counts)
    assert counts[-1] == BIG
    assert {station for station, _d, _t in calls} == {STATION}
    assert {total for _s, _d, total in calls} == {BIG}


def test_cancel_after_first_progress_call(big_chain):
    cancel = threading.Event()
    calls: list[int] = []

    def progress(_station: str, done: int, _total: int | None) -> None:
        calls.append(done)
        cancel.set()

    result = big_chain.verify(progress=progress, cancel=cancel)
    assert result.cancelled is True
    assert result.ok is False
    assert result.first_bad_seq is None and result.kind is None  # not a tamper finding
    assert len(calls) == 1
    assert 0 < result.events_checked < BIG


def test_verify_stream_cancel_callable(chain):
    """The streaming verifier with a plain cancel callable that turns True after the first
    progress call."""
    rows = [(r["seq"], r["prev_hash"], r["hash"], r["key_id"].encode(), r["mac"],
             r["body"].encode()) for r in chain.rows()]
    batches = [rows[i:i + 10] for i in range(0, len(rows), 10)]
    calls: list[int] = []
    result = verify_stream(iter(batches), station=STATION, genesis=genesis_hash(ANCHOR, STATION),
                           keyring=KeyRing(chain.key), total=len(rows),
                           progress=lambda done, total: calls.append(done),
                           cancel=lambda: bool(calls))
    assert result.cancelled is True and result.ok is False
    assert calls == [10] and result.events_checked == 10

    full: list[int] = []
    intact = verify_stream(iter(batches), station=STATION, genesis=genesis_hash(ANCHOR, STATION),
                           keyring=KeyRing(chain.key), total=len(rows),
                           progress=lambda done, total: full.append(done))
    assert intact.ok is True and full == [10, 20, 30, 40, 50, 60]
