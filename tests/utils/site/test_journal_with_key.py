"""A station's journal against someone who holds its keys.

Every line here is made with the station's real keys: events with its local MAC key, seals and
signed heads with its certified PC key (the product's JournalWriter writes them). What must
still tell the truth on the admin's side (utils/site/site_view.py verify_station, through
utils/site/journal_check.py ChainCheck) is the comparison with heads signed or read before, the
duplicate-number branch, the anchor and the link check; each case is named with its kind.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing

import pytest

from config.constants import Role
from data import meta_repo
from data.database import open_database
from models.audit_event import AuditEvent
from utils.audit.chain import Actor, AuditLog, event_hash
from utils.changes import Changes
from utils.clock import ManualClock
from utils.site.journal import JournalWriter
from utils.site.journal_read import list_segments

from tests.utils.site.sitekit import ADMIN_PW, make_site, site_layout

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@pytest.fixture
def setup(tmp_path):
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206", checkpoint_every_events=5)
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    station.directory.refresh()
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    writer = JournalWriter(station.database, site_layout(site.share).station("206").ensure(),
                           station.anchor, station.trust.pc_key)
    view = site.admin.site_view
    yield site, station, operator, writer, view
    view.close()
    station.close()
    site.admin.close()


def register(station, operator, count: int) -> None:
    for _ in range(count):
        station.production.register_box(operator, FORM)


def head(station) -> tuple[int, bytes]:
    with closing(sqlite3.connect(station.database.path)) as con:
        return con.execute("SELECT seq, hash FROM audit_events WHERE station = '206' "
                           "ORDER BY seq DESC LIMIT 1").fetchone()


def keyed_row(station, seq: int, prev: bytes, after: dict) -> tuple:
    """An event row made with the station's own local key (hash and MAC valid)."""
    event = AuditEvent(station="206", seq=seq, ts="2026-11-22T13:00:00.000Z", user="op",
                       role="operator", action="user.login", entity="user", entity_id="op",
                       host="pc-206", after=after)
    body = event.body()
    digest = event_hash(prev, body)
    return ("206", seq, event.ts, "op", "operator", "user.login", "user", "op", None, prev,
            digest, station.key.key_id, station.key.mac(digest), body)


def insert(station, row: tuple) -> None:
    with closing(sqlite3.connect(station.database.path)) as con:  # INSERT: no trigger refuses
        con.execute("INSERT INTO audit_events (station, seq, ts, username, role, action, entity, "
                    "entity_id, command_id, prev_hash, hash, key_id, mac, body) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        con.commit()


def sync(writer) -> None:
    while writer.sync():
        pass


def intact_first(view) -> None:
    view.ingest()
    assert view.verify_station("206").ok


# --- a duplicate number in the journal stream -------------------------------------------------

def test_an_event_line_given_twice_is_inserted(setup):
    site, station, operator, writer, view = setup
    register(station, operator, 4)
    sync(writer)
    intact_first(view)
    segment = list_segments(writer.station.journal)[-1][1]
    line = next(raw for raw in segment.read_bytes().splitlines(keepends=True)
                if json.loads(raw).get("kind") == "event" and json.loads(raw)["seq"] == 3)
    with open(segment, "ab") as handle:
        handle.write(line)  # a genuine line, its MAC and hash right, put again at the end
    result = view.verify_station("206")
    assert (result.ok, result.kind, result.first_bad_seq) == (False, "inserted", 3)
    assert "appears again" in result.detail


# --- a fork: the station's database put back from a backup and continued ----------------------

def test_a_station_restored_from_a_backup_and_continued_is_a_fork(setup, tmp_path):
    """The station's database as it was after 2 boxes is put back after it had exported 6;
    the PC goes on with its real keys (a new journal on the share, sealed and its head signed
    by the certified PC key). The admin read and witnessed the first history."""
    site, station, operator, writer, view = setup
    register(station, operator, 2)
    backup = tmp_path / "station-backup.sqlite3"
    with closing(sqlite3.connect(station.database.path)) as source, \
            closing(sqlite3.connect(backup)) as copy:
        source.backup(copy)
    register(station, operator, 4)
    sync(writer)
    intact_first(view)
    # The restored copy continues: its own AuditLog, the station's own local key.
    restored = open_database(backup)
    try:
        with restored.write() as connection:
            anchor = meta_repo.get_or_create(connection, "chain_anchor")
        assert anchor == station.anchor
        log = AuditLog(restored, anchor=anchor, station="206", key=station.key,
                       clock=ManualClock(), host="pc-206")
        for n in range(8):
            Changes(restored, log).record(Actor("op", "operator"), "user.login", entity="user",
                                          entity_id="op", after={"after_restore": n})
        shutil.rmtree(writer.station.journal)
        sync(JournalWriter(restored, writer.station, anchor, station.trust.pc_key))
    finally:
        restored.dispose()
    result = view.verify_station("206")
    assert (result.ok, result.kind) == (False, "forked"), result.detail
    assert "every seal verifies" in result.detail


# --- a chain that starts from another station's anchor -----------------------------------------

def test_a_journal_of_a_chain_from_another_anchor_is_foreign(setup, tmp_path):
    site, station, operator, writer, view = setup
    register(station, operator, 3)
    sync(writer)
    intact_first(view)
    other = open_database(tmp_path / "other.sqlite3")
    try:
        log = AuditLog(other, anchor="another-station-anchor", station="206", key=station.key,
                       clock=ManualClock(), host="pc-206")
        for n in range(12):
            Changes(other, log).record(Actor("op", "operator"), "user.login", entity="user",
                                       entity_id="op", after={"n": n})
        shutil.rmtree(writer.station.journal)
        sync(JournalWriter(other, writer.station, "another-station-anchor",
                           station.trust.pc_key))
    finally:
        other.dispose()
    result = view.verify_station("206")
    assert (result.ok, result.kind, result.first_bad_seq) == (False, "foreign", 1)
    assert "another chain anchor" in result.detail


# --- a last event that fails to link ----------------------------------------------------------

def test_a_sealed_last_event_that_fails_to_link_is_modified(setup):
    """Someone holding the station's keys adds an event whose hash and MAC are right but which
    links to nothing; the writer exports it and seals it with the PC key."""
    site, station, operator, writer, view = setup
    register(station, operator, 3)
    sync(writer)
    intact_first(view)
    seq, _hash = head(station)
    insert(station, keyed_row(station, seq + 1, b"\x22" * 32, {"fork": True}))
    sync(writer)
    result = view.verify_station("206")
    assert (result.ok, result.kind, result.first_bad_seq) == (False, "modified", seq + 1)
    assert "does not link" in result.detail
    report = view.ingest_station("206")
    assert (report.broken_seq, report.broken_kind) == (seq + 1, "modified")


def test_the_same_on_the_station_itself(setup):
    """The station's own verify names the same event, though its MAC is valid."""
    site, station, operator, writer, view = setup
    register(station, operator, 3)
    station.audit.checkpoint_now()
    seq, _hash = head(station)
    insert(station, keyed_row(station, seq + 1, b"\x22" * 32, {"fork": True}))
    results = {r.station: r for r in station.verify_audit()}
    assert (results["206"].kind, results["206"].first_bad_seq) == ("modified", seq + 1)
