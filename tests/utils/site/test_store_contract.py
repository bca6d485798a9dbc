"""The journal part of the site store's contract (utils/site/ports.py `SiteStore`), run
against the shared folder's store and an in-memory one (tests/utils/site/memory_store.py, a
stand-in for the PostgreSQL store to come): a PC's journal published, listed and read back in
order, from any position, with its sizes and its signed head; resumed after an outage without a
gap or a duplicate; junk and oversize refused unread; an unreachable store raising OSError;
and the site records beside the journals (a document per name, replaced, listed, read back).
Then a real site view (its own SQLite database) catches up from the in-memory store and
verifies it, with nothing folder-specific in between.

Last, the directory part (`DirectoryEntries`): an entry created once, two writers racing for a
number (one wins, the other is told TAKEN), junk, an empty entry and oversize refused unread, a
link where an entry belongs refused (the folder: a store of bytes has no links), a refused
entry set aside with its reason, an unreachable store raising OSError; and a real directory log
(`utils/trust/dirlog.py`, each PC its own SQLite copy) over each store: an admin adds a user, the
root certifies a PC, another PC reads the same state, a forged entry is refused and set aside,
a lost tail is written back, and two admin PCs appending at once land each entry once."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

from config.constants import Role
from data import audit_repo, view_repo
from data.database import open_database
from data.view_db import open_view_database
from utils.audit.chain import Actor
from utils.audit.verify import TamperKind
from utils.clock import ManualClock
from utils.context import AppContext
from utils.site.folder_store import FolderSiteStore
from utils.site.journal_read import LINE_MAX_BYTES, BadLine, JournalEvent, JournalSeal
from utils.site.layout import SITE_FILE_NAME
from utils.site.ports import FIRST_CHAIN, EntryWrite, JournalPublisher, RecordKind, SiteStore
from utils.site.share_files import ReadState
from utils.site.signed import document_bytes
from utils.site.site_view import SiteView
from utils.trust.crypto import SigningKeyPair
from utils.trust.directory_state import ROOT
from utils.trust.dirlog import DirectoryLog, make_entry, make_op

from tests.utils.site.memory_store import MemorySiteStore
from tests.utils.site.sitekit import ADMIN_PW

STATION = "206"
HEAD_MAX = 16 * 1024
FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3.98"}


@dataclass
class StoreHarness:
    """One implementation of the site store, and the ways to play a hostile writer."""

    store: SiteStore
    put_line: Callable[[bytes], None]  # raw bytes at the end of STATION's first chain
    put_head: Callable[[bytes], None]  # raw bytes where STATION's signed head belongs
    go_away: Callable[[], None]


def _folder(site, tmp_path: Path) -> StoreHarness:
    journal = site.share / "stations" / STATION / FIRST_CHAIN

    def put_line(data: bytes) -> None:
        newest = max(journal.glob("*.jsonl"))
        with newest.open("ab") as segment:
            segment.write(data)

    def go_away() -> None:  # the share unmounted: its folder is not there any more
        site.share.rename(tmp_path / "unmounted")

    return StoreHarness(FolderSiteStore(site.share), put_line,
                        (journal.parent / "checkpoint.json").write_bytes, go_away)


def _memory(_site, _tmp_path: Path) -> StoreHarness:
    store = MemorySiteStore(part_max_bytes=8 * 1024)  # a few events a part: positions span parts

    def go_away() -> None:
        store.online = False

    return StoreHarness(store, lambda data: store.put_line(STATION, FIRST_CHAIN, data),
                        lambda data: store.put_checkpoint(STATION, data), go_away)


@pytest.fixture(params=[_folder, _memory], ids=["folder", "memory"])
def station(request, site, tmp_path):
    ctx = site.station(tmp_path, STATION)
    harness = request.param(site, tmp_path)
    yield ctx, harness
    ctx.close()
    if (tmp_path / "unmounted").exists():  # the share back, for the admin's own teardown
        (tmp_path / "unmounted").rename(site.share)


def _record(ctx: AppContext, count: int) -> None:
    for number in range(count):
        ctx.changes.record(Actor.system(), "test.event", entity="test", entity_id=str(number))


def _publish(ctx: AppContext, store: SiteStore) -> JournalPublisher:
    writer = store.journal_writer(STATION, ctx.database, ctx.anchor, ctx.trust.pc_key)
    while writer.sync():
        pass
    return writer


def _events(store: SiteStore, **start: int) -> list[JournalEvent]:
    return [entry for entry in store.read_journal(STATION, FIRST_CHAIN, **start)
            if isinstance(entry, JournalEvent)]


def _local_seqs(ctx: AppContext) -> list[int]:
    with ctx.database.read() as connection:
        return sorted(event["seq"] for event in audit_repo.list_events(connection))


def test_a_published_journal_is_listed_and_read_back_in_order(station):
    ctx, harness = station
    store = harness.store
    _record(ctx, 60)
    writer = _publish(ctx, store)
    assert STATION in store.list_stations().names
    assert store.list_chains(STATION).names == [FIRST_CHAIN]
    assert store.journal_published(STATION, FIRST_CHAIN)
    entries = list(store.read_journal(STATION, FIRST_CHAIN))
    events = [entry for entry in entries if isinstance(entry, JournalEvent)]
    assert [event.seq for event in events] == _local_seqs(ctx) == list(range(1, len(events) + 1))
    if isinstance(store, MemorySiteStore):
        assert events[-1].segment > 1  # its parts are small: reading crosses from one to the next
    assert writer.last_exported_seq == events[-1].seq
    assert isinstance(entries[-1], JournalSeal)  # published sealed
    assert entries[-1].document["seq"] == events[-1].seq
    # From any position on, the rest in order; sizes say what is left to read.
    middle = events[len(events) // 2]
    assert _events(store, start_segment=middle.segment, start_offset=middle.end_offset) == \
        events[len(events) // 2 + 1:]
    assert store.journal_size(STATION, FIRST_CHAIN) > \
        store.journal_size(STATION, FIRST_CHAIN, middle.segment, middle.end_offset) > 0
    assert store.journal_size(STATION, FIRST_CHAIN, entries[-1].segment,
                              entries[-1].end_offset) == 0
    head = store.read_checkpoint(STATION, max_bytes=HEAD_MAX)
    assert head.state == ReadState.OK
    assert (head.document["seq"], head.document["head_hash"]) == (events[-1].seq, events[-1].hash)
    # A chain the station does not have reads as nothing; a name no chain has is refused.
    assert list(store.read_journal(STATION, "journal-0123456789abcdef")) == []
    assert not store.journal_published(STATION, "journal-0123456789abcdef")
    with pytest.raises(FileNotFoundError):
        list(store.read_journal(STATION, "../../elsewhere"))
    assert store.list_chains("nobody").names == []


def test_publishing_resumes_after_an_outage_and_a_restart_without_gap_or_duplicate(station):
    ctx, harness = station
    store = harness.store
    _record(ctx, 3)
    writer = _publish(ctx, store)
    marker = store.change_marker(STATION, None)
    assert store.change_marker(STATION, marker) == marker  # nothing new: the same marker
    _record(ctx, 2)
    writer.reset()  # after an outage: only what the store holds is trusted
    assert writer.sync() == 2
    assert store.change_marker(STATION, marker) != marker
    _record(ctx, 4)
    _publish(ctx, store)  # a new publisher (the PC restarted) finds where the journal ends
    assert [event.seq for event in _events(store)] == _local_seqs(ctx)


def test_junk_and_oversize_lines_are_handed_out_unread_as_bad_lines(station):
    ctx, harness = station
    store = harness.store
    _record(ctx, 3)
    _publish(ctx, store)
    harness.put_line(b"\x00\xffnot json at all{\n")
    harness.put_line(b'{"kind": "event", "pad": "' + b"x" * LINE_MAX_BYTES + b'"}\n')
    harness.put_line(b'{"kind": "event", "seq": 4')  # torn: no end of line yet
    entries = list(store.read_journal(STATION, FIRST_CHAIN))
    bad = [entry for entry in entries if isinstance(entry, BadLine)]
    assert [line.reason.split(":")[0] for line in bad] == ["unreadable line", "line too long"]
    assert [event.seq for event in entries if isinstance(event, JournalEvent)] == [1, 2, 3]


def test_a_junk_or_oversize_head_is_refused_unread(station):
    ctx, harness = station
    _record(ctx, 1)
    _publish(ctx, harness.store)
    harness.put_head(b"{{{{")
    read = harness.store.read_checkpoint(STATION, max_bytes=HEAD_MAX)
    assert read.state == ReadState.NOT_READY and read.document is None
    harness.put_head(b'{"pad": "' + b"x" * HEAD_MAX + b'"}')
    read = harness.store.read_checkpoint(STATION, max_bytes=HEAD_MAX)
    assert read.state == ReadState.TOO_LARGE and read.document is None


def test_a_store_that_went_away_raises_oserror(station):
    ctx, harness = station
    store = harness.store
    _record(ctx, 1)
    writer = _publish(ctx, store)
    harness.go_away()
    with pytest.raises(OSError):
        store.check()
    with pytest.raises(OSError):
        store.list_stations()
    _record(ctx, 1)
    writer.reset()
    with pytest.raises(OSError):
        writer.sync()
    with pytest.raises(OSError):
        store.publish_record(RecordKind.LOGIN_FAILURES, STATION, b'{"v": 1}')
    with pytest.raises(OSError):
        store.list_records(RecordKind.LOGIN_FAILURES)


# -- site records: a signed document per name, replaced by its one writer -------------------------

def test_a_site_record_is_replaced_listed_and_read_back(station):
    _ctx, harness = station
    store = harness.store
    kind = RecordKind.LOGIN_FAILURES
    assert store.list_records(kind) == []
    assert store.read_record(kind, STATION, max_bytes=HEAD_MAX).state == ReadState.MISSING
    store.publish_record(kind, STATION, b'{"v": 1, "n": "first"}')
    store.publish_record(kind, "201", b'{"v": 1, "n": "other"}')
    found = store.list_records(kind)
    assert [record.name for record in found] == ["201", STATION]
    read = store.read_record(kind, STATION, max_bytes=HEAD_MAX)
    assert read.state == ReadState.OK and read.document == {"v": 1, "n": "first"}
    store.publish_record(kind, STATION, b'{"v": 1, "n": "second, longer"}')
    again = {record.name: record.marker for record in store.list_records(kind)}
    assert again[STATION] != found[1].marker and again["201"] == found[0].marker
    assert store.read_record(kind, STATION, max_bytes=HEAD_MAX).document["n"] == "second, longer"


def test_a_junk_or_oversize_record_is_refused_unread(station):
    _ctx, harness = station
    store = harness.store
    kind = RecordKind.LOGIN_FAILURES
    store.publish_record(kind, STATION, b"{{{{")
    assert store.read_record(kind, STATION, max_bytes=HEAD_MAX).state == ReadState.NOT_READY
    store.publish_record(kind, STATION, b"[" * 5000 + b"]" * 5000)
    assert store.read_record(kind, STATION, max_bytes=HEAD_MAX).state == ReadState.BEYOND_LIMITS
    store.publish_record(kind, STATION, b'{"pad": "' + b"x" * HEAD_MAX + b'"}')
    read = store.read_record(kind, STATION, max_bytes=HEAD_MAX)
    assert read.state == ReadState.TOO_LARGE and read.document is None


# -- a site view over the in-memory store: nothing folder-specific in between ---------------------

@pytest.fixture
def memory_site(site, tmp_path):
    """Station 206 registers boxes and publishes its journal to an in-memory store only."""
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    ctx = site.station(tmp_path, STATION)
    ctx.directory.refresh()
    operator = ctx.auth.login("op", "Initial-Pass-1").session
    ctx.production.set_lot(operator, "L1", 100)
    records = [ctx.production.register_box(operator, FORM) for _ in range(5)]
    store = MemorySiteStore(part_max_bytes=8 * 1024)
    _publish(ctx, store)
    view = SiteView(site.admin, store=store,
                    database=open_view_database(tmp_path / "memory-view.sqlite3"))
    # Nothing went to the share: the view below can only have read the in-memory store.
    assert not list((site.share / "stations").glob(f"{STATION}/journal*/*.jsonl"))
    yield ctx, store, view, records
    view.close()
    view.database.dispose()
    ctx.close()


def test_a_site_view_catches_up_from_the_in_memory_store_and_verifies_it(memory_site):
    ctx, store, view, records = memory_site
    assert view.journal_stations() == [STATION]
    assert view.remaining_bytes(STATION) == store.journal_size(STATION, FIRST_CHAIN) > 0
    reports = view.ingest()
    assert [(report.station, report.broken_seq) for report in reports] == [(STATION, None)]
    assert view.remaining_bytes(STATION) == 0
    for record in records:
        assert view.current_record(record.record_id)["box"] == record.box
    with view.database.read() as connection:
        source = view_repo.source(connection, STATION)
    assert source["last_seq"] == _local_seqs(ctx)[-1]
    assert view.witness_checkpoint(STATION).seq == source["last_seq"]
    result = view.verify_station(STATION)
    assert result.ok, result.detail
    assert result.events_checked == source["last_seq"]


def test_a_line_nobody_sealed_in_the_in_memory_store_is_named_by_its_label(memory_site):
    _ctx, store, view, _records = memory_site
    view.ingest()
    store.put_line(STATION, FIRST_CHAIN, b"not a line the station wrote\n")
    result = view.verify_station(STATION)
    assert not result.ok and result.kind == TamperKind.INSERTED
    assert f"memory:{STATION}/{FIRST_CHAIN}#" in result.detail
    assert any(where.startswith(f"memory:{STATION}/") for where in view.problems[STATION])


# -- the site directory log's entries (DirectoryEntries): numbered, each created once --------------

ENTRY_MAX = 4 * 1024


@dataclass
class EntriesHarness:
    """One store's directory part, and the ways to play a hostile writer or an outage."""

    store: SiteStore
    put_entry: Callable[[int, bytes], None]  # a writer's raw bytes at a free number
    link_entry: Callable[[int, Path], None] | None  # a link there (None: no such thing)
    reasons: Callable[[int], list[str]]  # why each entry of that number was set aside
    lose_entry: Callable[[int], None]  # the store loses an entry (a rolled-back share)
    go_away: Callable[[], None]


def _folder_entries(tmp_path: Path) -> EntriesHarness:
    share = tmp_path / "share"
    share.mkdir()
    (share / SITE_FILE_NAME).write_text("{}")
    log_folder = share / "directory" / "log"

    def put_entry(seq: int, data: bytes) -> None:
        log_folder.mkdir(parents=True, exist_ok=True)
        (log_folder / f"{seq:08d}.json").write_bytes(data)

    def link_entry(seq: int, target: Path) -> None:
        log_folder.mkdir(parents=True, exist_ok=True)
        os.symlink(target, log_folder / f"{seq:08d}.json")

    def reasons(seq: int) -> list[str]:
        aside = share / "quarantine" / "directory"
        return [path.read_text().strip() for path in sorted(aside.glob(f"{seq:08d}*.reason"))]

    return EntriesHarness(FolderSiteStore(share), put_entry, link_entry, reasons,
                          lambda seq: (log_folder / f"{seq:08d}.json").unlink(),
                          lambda: share.rename(tmp_path / "unmounted"))


def _memory_entries(_tmp_path: Path) -> EntriesHarness:
    store = MemorySiteStore()

    def go_away() -> None:
        store.online = False

    return EntriesHarness(store, store.put_entry, None,
                          lambda seq: [why for number, _data, why in store.entries_set_aside
                                       if number == seq],
                          lambda seq: store.entries.pop(seq), go_away)


@pytest.fixture(params=[_folder_entries, _memory_entries], ids=["folder", "memory"])
def entries(request, tmp_path) -> EntriesHarness:
    return request.param(tmp_path)


def test_a_directory_entry_is_created_once_and_read_back(entries):
    store = entries.store
    assert not store.has_entry(1)
    assert store.read_entry(1, max_bytes=ENTRY_MAX).state == ReadState.MISSING
    assert store.create_entry(1, b'{"seq": 1, "who": "first"}') == EntryWrite.WRITTEN
    assert store.create_entry(1, b'{"seq": 1, "who": "second"}') == EntryWrite.TAKEN
    read = store.read_entry(1, max_bytes=ENTRY_MAX)
    assert read.state == ReadState.OK and read.document == {"seq": 1, "who": "first"}
    assert store.has_entry(1) and not store.has_entry(2)
    assert store.create_entry(2, b'{"seq": 2}') == EntryWrite.WRITTEN
    with pytest.raises(ValueError):
        store.read_entry(0, max_bytes=ENTRY_MAX)  # entries are numbered from 1


def test_two_writers_racing_for_one_number_one_wins_the_other_is_told_taken(entries):
    store = entries.store
    for seq in range(1, 9):
        start = threading.Barrier(2)
        outcomes: dict[str, EntryWrite] = {}

        def write(who: str, number: int = seq, barrier: threading.Barrier = start) -> None:
            barrier.wait(timeout=10)
            outcomes[who] = store.create_entry(number, f'{{"who": "{who}"}}'.encode())

        writers = [threading.Thread(target=write, args=(who,)) for who in ("ana", "bia")]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=10)
        assert not any(writer.is_alive() for writer in writers)
        assert sorted(outcomes.values()) == [EntryWrite.TAKEN, EntryWrite.WRITTEN]
        [winner] = [who for who, outcome in outcomes.items() if outcome == EntryWrite.WRITTEN]
        assert store.read_entry(seq, max_bytes=ENTRY_MAX).document == {"who": winner}


def test_junk_empty_and_oversize_entries_are_refused_unread(entries):
    store = entries.store
    entries.put_entry(1, b"\x00\xffnot json{{")
    entries.put_entry(2, b"")
    entries.put_entry(3, b"[" * 1000 + b"]" * 1000)  # within the size, beyond the depth
    entries.put_entry(4, b'{"pad": "' + b"x" * ENTRY_MAX + b'"}')
    junk, empty, deep, big = (store.read_entry(seq, max_bytes=ENTRY_MAX) for seq in (1, 2, 3, 4))
    assert junk.state == ReadState.NOT_READY and junk.document is None
    assert (empty.state, empty.reason) == (ReadState.NOT_READY, "empty")  # a writer mid-create
    assert deep.state == ReadState.BEYOND_LIMITS and deep.document is None
    assert big.state == ReadState.TOO_LARGE and big.document is None
    # Whatever holds a number, it is taken: nobody writes over it.
    assert all(store.create_entry(seq, b"{}") == EntryWrite.TAKEN for seq in (1, 2, 3, 4))


def test_a_link_where_an_entry_belongs_is_refused_never_followed(entries, tmp_path):
    if entries.link_entry is None:
        pytest.skip("this store holds bytes only: there is no link to plant")
    store = entries.store
    secret = tmp_path / "secret.json"
    secret.write_text('{"private": true}')
    entries.link_entry(1, secret)
    read = store.read_entry(1, max_bytes=ENTRY_MAX)
    assert read.state == ReadState.NOT_A_FILE and read.document is None
    assert store.has_entry(1)
    assert store.create_entry(1, b"{}") == EntryWrite.TAKEN  # a link is a name like any other
    assert store.set_aside_entry(1, "a link where an entry belongs")
    assert secret.read_text() == '{"private": true}'  # the link moved, its target untouched
    assert store.create_entry(1, b'{"seq": 1}') == EntryWrite.WRITTEN


def test_a_refused_entry_is_set_aside_with_its_reason_and_its_number_freed(entries):
    store = entries.store
    entries.put_entry(3, b'{"forged": true}')
    assert store.set_aside_entry(3, "bad signature") is True
    assert not store.has_entry(3)
    assert store.read_entry(3, max_bytes=ENTRY_MAX).state == ReadState.MISSING
    assert store.set_aside_entry(3, "again") is False  # gone already: nothing moved
    assert entries.reasons(3) == ["bad signature"]
    assert store.create_entry(3, b'{"seq": 3}') == EntryWrite.WRITTEN
    entries.put_entry(4, b"junk")
    store.set_aside_entry(4, "unreadable")
    entries.put_entry(4, b"more junk")  # the same number refused twice: both kept
    store.set_aside_entry(4, "unreadable again")
    assert sorted(entries.reasons(4)) == ["unreadable", "unreadable again"]


def test_a_directory_store_that_went_away_raises_oserror_and_writes_nothing(entries, tmp_path):
    store = entries.store
    store.create_entry(1, b'{"seq": 1}')
    entries.go_away()
    with pytest.raises(OSError):
        store.check()
    with pytest.raises(OSError):
        store.create_entry(2, b'{"seq": 2}')
    assert not (tmp_path / "share").exists()  # no phantom share made on the local disk


# -- a real site directory log over either store: what admins do, nothing folder-specific -------

T0 = datetime(2026, 12, 1, 8, 0, tzinfo=timezone.utc)
SITE = "site-1"


def _account(username: str, role: str, *, version: int = 1, key: SigningKeyPair | None = None,
             active: bool = True) -> dict:
    return {"username": username, "full_name": username.title(), "role": role,
            "active": active, "must_change_password": False, "badge_id": None,
            "password_hash": "h", "version": version,
            "public_key": None if key is None else key.public.hex,
            "sealed_key": None if key is None else {"public_key": key.public.hex}}


@pytest.fixture
def pcs(entries, tmp_path):
    """A factory of PCs of one site: each its own SQLite database, all on the one store."""
    root = SigningKeyPair.generate()
    databases = []

    def pc(name: str) -> DirectoryLog:
        database = open_database(tmp_path / f"{name}.sqlite3")
        databases.append(database)
        return DirectoryLog(entries.store, database, site_id=SITE, root=root.public,
                            clock=ManualClock(T0))

    yield entries, root, pc
    for database in databases:
        database.dispose()


def test_a_real_directory_log_keeps_accounts_and_pc_certificates_in_the_store(pcs):
    entries, root, pc = pcs
    ana, office = SigningKeyPair.generate(), SigningKeyPair.generate()
    admin_pc = pc("admin")
    admin_pc.start(make_op(ROOT, root, SITE, "site.genesis",
                           {"root_public_key": root.public.hex}, T0))
    admin_pc.append(make_op(ROOT, root, SITE, "user.put", _account("ana", "admin", key=ana), T0))
    admin_pc.append(make_op("person:ana", ana, SITE, "user.put", _account("op", "operator"), T0))
    certify = {"station": "201", "kind": "office", "public_key": office.public.hex, "host": "b"}
    assert admin_pc.append(make_op(ROOT, root, SITE, "pc.certify", certify, T0)) == 4
    # Another PC reads the same state from the store, every entry checked.
    station = pc("station")
    assert len(station.refresh().taken) == 4
    assert station.state.head_hash == admin_pc.state.head_hash
    assert station.state.users["op"].role == "operator"
    assert station.state.member("201").public_key == office.public
    # A writer without keys takes the next number: refused by the log, set aside by the store
    # with the log's reason, and the number is free again for a real admin.
    forged = make_entry(5, station.state.head_hash,
                        make_op("person:ana", SigningKeyPair.generate(), SITE, "user.put",
                                _account("eve", "admin"), T0))
    entries.put_entry(5, document_bytes(forged))
    report = station.refresh()
    assert "eve" not in station.state.users and station.state.head_seq == 4
    assert report.refused == ["entry 5: bad signature by person:ana"]
    assert entries.reasons(5) == ["bad signature by person:ana"]
    assert admin_pc.append(make_op("person:ana", ana, SITE, "user.put",
                                   _account("op", "operator", version=2, active=False), T0)) == 5
    assert not station.refresh().taken[0]["data"]["active"]
    # The store loses its tail (a rolled-back share): a PC that holds it writes it back.
    entries.lose_entry(5)
    entries.lose_entry(4)
    assert admin_pc.refresh().healed == 2
    newcomer = pc("newcomer")
    newcomer.refresh()
    assert newcomer.state.head_hash == admin_pc.state.head_hash
    assert not newcomer.state.users["op"].active


def test_two_admin_pcs_appending_at_once_each_entry_lands_once_in_one_chain(pcs):
    _entries, root, pc = pcs
    ana = SigningKeyPair.generate()
    first = pc("first")
    first.start(make_op(ROOT, root, SITE, "site.genesis",
                        {"root_public_key": root.public.hex}, T0))
    first.append(make_op(ROOT, root, SITE, "user.put", _account("ana", "admin", key=ana), T0))
    second = pc("second")
    second.refresh()
    start = threading.Barrier(2)
    numbers: dict[str, list[int]] = {"first": [], "second": []}

    def add_users(name: str, directory: DirectoryLog) -> None:
        start.wait(timeout=10)
        for number in range(4):
            account = _account(f"{name}{number}", "operator")
            numbers[name].append(directory.append(
                make_op("person:ana", ana, SITE, "user.put", account, T0)))

    admins = [threading.Thread(target=add_users, args=(name, directory))
              for name, directory in (("first", first), ("second", second))]
    for admin in admins:
        admin.start()
    for admin in admins:
        admin.join(timeout=60)
    assert not any(admin.is_alive() for admin in admins)
    assert sorted(numbers["first"] + numbers["second"]) == list(range(3, 11))
    first.refresh()
    second.refresh()
    assert first.state.head_seq == second.state.head_seq == 10
    assert first.state.head_hash == second.state.head_hash
    assert {f"{name}{n}" for name in numbers for n in range(4)} <= set(first.state.users)
