"""The journal part of the site store's contract (utils/site/ports.py `SiteStore`), run
against the shared folder's store and an in-memory one (tests/utils/site/memory_store.py, a
stand-in for the PostgreSQL store to come): a PC's journal published, listed and read back in
order, from any position, with its sizes and its signed head; resumed after an outage without a
gap or a duplicate; junk and oversize refused unread; an unreachable store raising OSError;
and the site records beside the journals (a document per name, replaced, listed, read back).
The last tests have a real site view (its own SQLite database) catch up from the in-memory
store and verify it, with nothing folder-specific in between."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from config.constants import Role
from data import audit_repo, view_repo
from data.view_db import open_view_database
from utils.audit.chain import Actor
from utils.audit.verify import TamperKind
from utils.context import AppContext
from utils.site.folder_store import FolderSiteStore
from utils.site.journal import LINE_MAX_BYTES, BadLine, JournalEvent, JournalSeal
from utils.site.ports import FIRST_CHAIN, JournalPublisher, RecordKind, SiteStore
from utils.site.share_files import ReadState
from utils.site.site_view import SiteView

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
