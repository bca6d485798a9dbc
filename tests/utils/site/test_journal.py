"""Journals: a station's records reach the admin's site view once, through outages, and an
altered or rolled-back journal is caught with the first bad event and its kind."""

from __future__ import annotations

import json
import shutil

import pytest

from config.constants import Role
from sqlalchemy import select

from data import view_schema
from utils.site.journal import JournalWriter
from utils.site.journal_read import list_segments

from tests.utils.site.sitekit import ADMIN_PW, make_site

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}



@pytest.fixture
def setup(tmp_path):
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206", checkpoint_every_events=5)
    admin_session = site.admin.auth.login("ana", ADMIN_PW).session
    # The station learns its users from the site directory.
    site.admin.auth.create_user(admin_session, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    station.directory.refresh()
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L1", 100)
    writer = JournalWriter(station.database, site_layout(site).station("206").ensure(),
                           station.anchor, station.trust.pc_key, segment_max_bytes=4096)
    view = site.admin.site_view
    yield site, station, operator, writer, view
    view.close()
    station.close()
    site.admin.close()


def site_layout(site):
    from utils.site.layout import SiteLayout

    return SiteLayout(site.share)


def register(station, operator, count):
    return [station.production.register_box(operator, FORM) for _ in range(count)]


def site_records(view):
    table = view_schema.view_record_versions
    with view.database.read() as c:
        return [dict(r._mapping) for r in c.execute(select(table).where(table.c.station_id == "206"))]


def test_records_reach_the_site_view_once_across_rotation_and_resume(setup):
    site, station, operator, writer, view = setup
    register(station, operator, 30)
    assert writer.sync() > 0
    assert len(list_segments(writer.station.journal)) > 1  # rotated by size
    view.ingest()
    assert len(site_records(view)) == 30
    # A new writer (a restart) resumes where the share's journal ends: no duplicate, no gap.
    register(station, operator, 5)
    again = JournalWriter(station.database, writer.station, station.anchor, station.trust.pc_key,
                          segment_max_bytes=4096)
    while again.sync():
        pass
    view.ingest()
    view.ingest()
    records = site_records(view)
    assert len(records) == 35 and len({r["record_id"] for r in records}) == 35
    report = view.ingest_station("206")
    assert report.broken_seq is None and report.ingested == 0


def test_torn_last_line_is_trimmed_and_rewritten(setup):
    site, station, operator, writer, view = setup
    register(station, operator, 3)
    writer.sync()
    segment = list_segments(writer.station.journal)[-1][1]
    with open(segment, "ab") as handle:
        handle.write(b'{"kind": "event", "seq": 99')  # a crash mid-append
    register(station, operator, 2)
    fresh = JournalWriter(station.database, writer.station, station.anchor, station.trust.pc_key)
    fresh.sync()
    view.ingest()
    assert len(site_records(view)) == 5
    assert all(r.ok for r in [view.verify_station("206")])


def _rewrite_event(path, seq, change):
    lines = path.read_bytes().splitlines(keepends=True)
    out = []
    for line in lines:
        entry = json.loads(line)
        if entry.get("kind") == "event" and entry["seq"] == seq:
            entry = change(entry)
            if entry is None:
                continue
            line = (json.dumps(entry) + "\n").encode()
        out.append(line)
    path.write_bytes(b"".join(out))


@pytest.mark.parametrize("tamper, kind", [
    (lambda e: {**e, "body": e["body"].replace('"Rachada"', '"Amassada"')}, "modified"),
    (lambda e: None, "deleted"),
])
def test_altered_journal_is_flagged_with_first_bad_event(setup, tamper, kind):
    site, station, operator, writer, view = setup
    register(station, operator, 6)
    writer.sync()
    segment = list_segments(writer.station.journal)[0][1]
    target = 4
    _rewrite_event(segment, target, tamper)
    result = view.verify_station("206")
    assert not result.ok and result.first_bad_seq == target and result.kind == kind
    report = view.ingest_station("206")
    assert report.broken_seq == target and report.broken_kind == kind
    assert len(site_records(view)) < 6  # nothing after the bad event entered the site view


def test_rolled_back_journal_is_truncated(setup, tmp_path):
    site, station, operator, writer, view = setup
    register(station, operator, 4)
    writer.sync()
    old_copy = tmp_path / "old-journal"
    shutil.copytree(writer.station.journal, old_copy)
    register(station, operator, 10)  # checkpoints every 5 events
    station.audit.checkpoint_now()
    writer.sync()
    assert view.verify_station("206").ok  # witnesses the newer checkpoint
    shutil.rmtree(writer.station.journal)
    shutil.copytree(old_copy, writer.station.journal)
    result = view.verify_station("206")
    assert not result.ok and result.kind == "truncated"


def test_journal_recomputed_without_the_key_is_forged(setup):
    """An attacker edits event 2 and recomputes every later hash, but cannot make MACs."""
    import hashlib

    site, station, operator, writer, view = setup
    register(station, operator, 3)
    writer.sync()
    segment = list_segments(writer.station.journal)[0][1]
    lines, previous_hash, out = segment.read_bytes().splitlines(keepends=True), None, []
    for line in lines:
        entry = json.loads(line)
        if entry.get("kind") == "event" and entry["seq"] >= 2:
            if entry["seq"] == 2:
                entry["body"] = entry["body"][:-1] + ',"zz":"mallory"}'  # content changed
            entry["prev"] = previous_hash
            entry["hash"] = hashlib.sha256(bytes.fromhex(entry["prev"]) + entry["body"].encode()).hexdigest()
            line = (json.dumps(entry) + "\n").encode()
        if entry.get("kind") == "event":
            previous_hash = entry["hash"]
        out.append(line)
    segment.write_bytes(b"".join(out))
    result = view.verify_station("206")
    # Recomputed hashes are caught by the head the station's PC signed; without a shared
    # key per event, the damage is placed after the last head that still matches (here the
    # first event on: the journal's only heads are after event 5).
    assert not result.ok and result.kind == "forged" and 1 <= result.first_bad_seq <= 2


def test_an_event_line_reads_the_same_in_the_writers_form_and_in_any_other():
    """Lines as the writer makes them are read through a fast path; the same event written any
    other valid way (spaces, another key order) reads the same through the general one."""
    from utils.site.journal import event_line
    from utils.site.journal_read import JournalEvent, _entry

    body = json.dumps({"action": "record.edit", "reason": 'a "quoted" \\ reason, ünï ✓'},
                      ensure_ascii=False)
    line = event_line((7, b"\x01" * 32, b"\x02" * 32, "site:k1", b"\x03" * 32, body))
    fast = _entry(line, 2, 100)
    entry = json.loads(line)
    other = (json.dumps(dict(reversed(list(entry.items()))), indent=1)
             .replace("\n", " ") + "\n").encode()
    general = _entry(other, 2, 100)
    assert isinstance(fast, JournalEvent) and fast == general
    assert (fast.seq, fast.body, fast.key_id) == (7, body, "site:k1")
    assert fast.prev == "01" * 32 and fast.hash == "02" * 32 and fast.mac == "03" * 32


def _share_bytes(writer):
    return {path.name: path.read_bytes() for _n, path in list_segments(writer.station.journal)}


def test_a_pc_that_took_the_station_over_publishes_its_chain_beside_the_old_journal(
        setup, tmp_path):
    """A new PC certified for station 206 by a takeover starts its own chain: the journal on
    the share is the old PC's. Appending would make it unreadable for every site view from
    there on: the new PC's writer publishes its whole chain in a folder of its own
    (journal-<chain id>), leaves the old journal byte for byte, and finds its folder again
    after a reset; the admin's view holds both PCs' records."""
    from config.paths import resolve_paths
    from config.settings import Settings
    from utils.context import AppContext
    from utils.settings_store import save_settings
    from utils.site.membership import join_site_membership
    from tests.utils.site.sitekit import PASSPHRASE

    site, station, operator, writer, view = setup
    register(station, operator, 3)
    while writer.sync():
        pass
    before = _share_bytes(writer)
    home = tmp_path / "home-206-new"
    paths = resolve_paths(home).ensure()
    save_settings(paths.settings_file, Settings())
    join_site_membership(paths, Settings(), site.share, PASSPHRASE, station_id="206",
                         takeover_reason="old PC's disk failed")
    new = AppContext.open(home)
    try:
        new.directory.refresh()
        new_operator = new.auth.login("op", "Initial-Pass-1").session
        new.production.set_lot(new_operator, "L2", 10)
        new.production.register_box(new_operator, FORM)
        new_writer = JournalWriter(new.database, writer.station, new.anchor, new.trust.pc_key)
        while new_writer.sync():
            pass
        assert new_writer.chain is not None and new_writer.fork_seq == 0
        assert new_writer.folder.name == f"journal-{new_writer.chain}"
        published = new_writer.last_exported_seq
        new_writer.reset()
        assert new_writer.sync() == 0 and new_writer.folder.name.startswith("journal-")
        assert new_writer.last_exported_seq == published  # its folder found again, no copy
        assert _share_bytes(writer) == before
        view.ingest()
        records = site_records(view)
        assert len(records) == 4  # the old PC's three, intact, and the new PC's box
        assert {r["lot"] for r in records} == {"L1", "L2"}
    finally:
        new.close()


def test_a_database_put_back_without_a_restore_does_not_publish_a_second_history(setup):
    """The station's database goes back to an older copy (not through `shopfloor restore`)
    while the share's journal holds events exported after it: nothing to publish while its
    chain is a part of the journal's; once it records events of its own there, the writer
    holds them (no restore recorded at the fork: a copy ran on elsewhere), appends nothing
    and starts no folder."""
    from utils.site.journal import JournalNotOurs

    site, station, operator, writer, view = setup
    register(station, operator, 2)
    while writer.sync():
        pass
    before = _share_bytes(writer)
    # What a copy put back looks like to the writer: its own chain ends before the share's.
    with station.database.write() as connection:
        connection.exec_driver_sql("DROP TRIGGER IF EXISTS audit_events_no_delete")
        last = connection.exec_driver_sql("SELECT max(seq) FROM audit_events").scalar()
        connection.exec_driver_sql("DELETE FROM audit_events WHERE seq = ?", (last,))
    fresh = JournalWriter(station.database, writer.station, station.anchor,
                          station.trust.pc_key)
    assert fresh.sync() == 0
    register(station, operator, 1)
    with pytest.raises(JournalNotOurs, match="records no restore"):
        fresh.sync()
    assert _share_bytes(writer) == before
    assert [p.name for p in writer.station.folder.iterdir() if p.name.startswith("journal")] \
        == ["journal"]
