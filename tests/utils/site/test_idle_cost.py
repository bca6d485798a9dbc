"""What an idle station pays per pass, counted on a real share folder and a real SQLite file
(docs/architecture.md §6, "What an idle pass and a command cost"): the heartbeat's
database transactions, and the files a heartbeat, a rescan and an idle flush/export open, list
and rename. Counts, not times: they hold on a busy machine and fail on waste (issue 17's
measured acceptance: the heartbeat had grown from two read transactions to five)."""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from typing import Callable, Iterator

import pytest
from sqlalchemy import event

from utils.site.folder_transport import FolderTransport
from utils.site.ports import Presence

from tests.utils.site.sitekit import start_sync, wait_until

# File-system events Python audits (sys.addaudithook): opens (also os.open with a dir_fd),
# listings, renames, removals, new folders. os.stat and fsync raise none.
FILE_EVENTS = ("open", "os.scandir", "os.listdir", "os.rename", "os.remove", "os.mkdir")

_counting = threading.local()
_hooked = False


def _audit(name: str, _args: tuple) -> None:
    counter = getattr(_counting, "counter", None)
    if counter is not None and name in FILE_EVENTS:
        counter[name] += 1


def _file_events(call: Callable[[], object]) -> Counter:
    """The file events of one call, on this thread only (the sync's own threads are idle, and
    another test's threads never count here)."""
    global _hooked
    if not _hooked:  # an audit hook cannot be removed: one per process, inert unless counting
        sys.addaudithook(_audit)
        _hooked = True
    _counting.counter = Counter()
    try:
        call()
        return _counting.counter
    finally:
        _counting.counter = None


@pytest.fixture
def idle_station(site, tmp_path) -> Iterator:
    """A started station whose own loop has stopped after its first status (no watcher), so
    the test runs each part of a pass itself and the loop never runs one beside it."""
    ctx = site.station(tmp_path, "206", status_interval_ms=60_000, rescan_interval_ms=60_000)
    service = start_sync(ctx, watch=False)
    try:
        wait_until(lambda: service.counters["heartbeats"] > 0, timeout=30)
        service.scheduler.stop()  # its first pass ends (status, inbox, acks, export), then none
        service.scheduler.join()
        yield ctx, service
    finally:
        service.stop()
        ctx.close()


@pytest.fixture
def fsyncs(monkeypatch) -> Counter:
    """os.fsync calls from this thread (the real fsync runs; atomic_io looks it up per call)."""
    counted: Counter = Counter()
    real = os.fsync
    me = threading.get_ident()

    def _fsync(fd: int) -> None:
        if threading.get_ident() == me:
            counted["fsync"] += 1
        real(fd)

    monkeypatch.setattr(os, "fsync", _fsync)
    return counted


def _transactions(ctx, call: Callable[[], object]) -> int:
    """Transactions begun by `call`, on this thread only (the loop's own passes, such as the
    start's export after its gathering delay, may run meanwhile and never count here)."""
    begun = [0]
    me = threading.get_ident()

    def _begin(_connection) -> None:
        if threading.get_ident() == me:
            begun[0] += 1

    event.listen(ctx.database.engine, "begin", _begin)
    try:
        call()
    finally:
        event.remove(ctx.database.engine, "begin", _begin)
    return begun[0]


def test_a_heartbeat_reads_the_database_in_three_transactions(idle_station):
    ctx, service = idle_station
    service.heartbeat.beat()  # warm: the first pass may load what later ones reuse
    # The lot, the product size, and the production state (open stop, size and last box in
    # one read). Issue 17's code took five: the production state read each fact on its own.
    assert _transactions(ctx, service.heartbeat.beat) <= 3
    # Nothing written: a heartbeat changes nothing in this PC's database.
    assert service.status_document()["production"]["state"] in ("running", "idle", "break")


def test_an_idle_pass_opens_and_lists_a_bounded_number_of_files(idle_station, fsyncs):
    ctx, service = idle_station
    service.heartbeat.beat()
    fsyncs.clear()
    beat = _file_events(service.heartbeat.beat)
    assert fsyncs["fsync"] == 0  # a status after the run's first is not fsynced
    # One status written (its temp file, one rename); the rest are the no-follow walks of
    # share/stations/<id> (each access opens the folders on the way, refusing links) and the
    # metrics' /proc files. Nothing listed.
    assert beat["os.rename"] == 1
    assert beat["open"] <= 14
    assert beat["os.scandir"] + beat["os.listdir"] == 0
    rescan = _file_events(service.inbox.rescan)
    assert rescan["os.scandir"] + rescan["os.listdir"] == 1  # the inbox, listed once
    assert rescan["open"] <= 4 and rescan["os.rename"] == 0
    # With no ack to write and no event to export, the flush and the export touch no file and
    # read the database once each. First what the start left (its events: the loop exports
    # them after its gathering, 0.2 s, which a loaded machine may not have reached yet).
    for part in (service.ledger.flush_acks, service.exporter.export):
        part()
        assert sum(_file_events(part).values()) == 0
        assert _transactions(ctx, part) == 1


def test_a_status_is_fsynced_once_per_opening_of_the_station_folder(site, fsyncs):
    """The first status of a run, or after the share came back, is durable (file and folder:
    after a power cut the lease finds this run's session); the ones replacing it every
    interval are not. Births and deaths always are."""
    link = FolderTransport(site.share).station("206")
    link.open()
    counts = []
    for kind in (Presence.STATUS, Presence.STATUS, Presence.STATUS, Presence.BIRTH):
        fsyncs.clear()
        link.publish(kind, b'{"v": 1}')
        counts.append(fsyncs["fsync"])
    link.open()  # the share came back: the folder is made again where needed
    fsyncs.clear()
    link.publish(Presence.STATUS, b'{"v": 1}')
    counts.append(fsyncs["fsync"])
    assert counts == [2, 0, 0, 2, 2]
