"""The sync loop gathers a burst of committed changes into one journal export
(utils/site/scheduler.py, EXPORT_GATHER_S): one append and one fsync on the share instead of
one per change, and none beside a command's own durable writes. The status a change of state
asks for is gathered the same way (STATUS_GATHER_S), and a pass lists the inbox only when
something may have put a command there."""

from __future__ import annotations

import threading
import time

import pytest

from config.constants import CommandType
from tests.utils.site.sitekit import drop, issue, start_sync, wait_ack, wait_until
from utils.audit.chain import Actor
from utils.site.scheduler import EXPORT_GATHER_S, STATUS_GATHER_S


@pytest.fixture
def quiet_station(site, tmp_path, closing):
    """A station syncing with nothing due for a minute: only what a test does wakes its loop."""
    station = site.station(tmp_path, "206", status_interval_ms=60_000,
                           rescan_interval_ms=60_000)
    closing.append(station)
    service = start_sync(station, watch=False)
    closing.append(service)
    return station, service


def test_a_burst_of_changes_goes_to_the_share_in_one_export(quiet_station):
    station, service = quiet_station
    writes: list[tuple[int, int]] = []  # (exported before, exported after) of each export
    lock = threading.Lock()
    real_export = service.exporter.export

    def counted_export() -> None:  # the real export runs; its effect is noted
        before = service.journal.last_exported_seq
        real_export()
        with lock:
            writes.append((before, service.journal.last_exported_seq))

    service.exporter.export = counted_export
    first = station.changes.record(Actor.system(), "test.first", entity="test")
    wait_until(lambda: service.journal.last_exported_seq >= first.seq)
    events = []
    for n in range(10):  # each change seen by a pass of the loop before the next is made
        events.append(station.changes.record(Actor.system(), "test.burst", entity="test",
                                             entity_id=str(n)))
        committed = time.monotonic()
        wait_until(lambda: service.scheduler.loop_beat > committed, step=0.001)
    wait_until(lambda: any(after >= events[-1].seq for _before, after in list(writes)))
    with lock:
        exports = [(a, b) for a, b in writes if b >= events[0].seq and a < events[-1].seq]
    # Ten commits, each woke the loop: one export (two or three if this machine took longer
    # than the gathering window to make them), where every pass used to export.
    assert 1 <= len(exports) <= 3, exports
    assert EXPORT_GATHER_S <= 0.5  # other PCs' views follow within 2 s (issue 14)


def test_a_command_run_inside_a_pass_waits_for_its_burst_too(site, quiet_station):
    """The loop's own pass runs the command (its rescan finds it) and commits the command's
    changes there: they are gathered like a change made between passes, never exported in
    that same pass (beside the command's ack, on one disk)."""
    station, service = quiet_station
    wait_until(lambda: not service.exporter.dirty.is_set())  # the start's export is done
    exported: list[float] = []  # when each export began (time.monotonic)
    real_export = service.exporter.export

    def noted_export() -> None:
        exported.append(time.monotonic())
        real_export()

    service.exporter.export = noted_export
    committed: list[float] = []
    station.changes.bus.subscribe(lambda _change: committed.append(time.monotonic()))
    document = issue(site, CommandType.PING)
    drop(site.share, "206", document)
    service.wake()
    wait_ack(site.share, "206", document["id"])
    wait_until(lambda: exported and committed and exported[-1] > committed[0])
    first = min(t for t in exported if t > committed[0])
    assert first - committed[0] >= EXPORT_GATHER_S


def test_a_pass_woken_by_a_commit_does_not_list_the_inbox(quiet_station):
    """Only what may have put a command there (the watcher, a finished command, a wake, the
    interval) lists the inbox: a command's own commits woke about four passes, each listing
    the inbox again, a round trip to the server on a network share."""
    station, service = quiet_station
    wait_until(lambda: service.counters["heartbeats"] >= 1)
    link = service.inbox.link
    real_listing = link.pending_commands
    listings: list[float] = []

    def counted_listing(**kwargs):
        listings.append(time.monotonic())
        return real_listing(**kwargs)

    link.pending_commands = counted_listing
    for n in range(5):  # each commit wakes the loop, each seen by a pass
        station.changes.record(Actor.system(), "test.commit", entity="test", entity_id=str(n))
        committed = time.monotonic()
        wait_until(lambda: service.scheduler.loop_beat > committed, step=0.001)
    assert listings == []
    asked = time.monotonic()
    service.wake()  # someone says a command may be there: listed at once
    wait_until(lambda: any(t >= asked for t in listings), step=0.001)


def test_on_a_network_share_the_inbox_keeps_its_own_rescan(site, tmp_path, closing,
                                                          monkeypatch):
    """Another PC's command is never seen by a watcher on a mounted share: none is started,
    and the inbox is listed at the network share's 500 ms (a live, blind watcher stretched
    it to the 1 s of a local folder it sees whole)."""
    from utils.site import netshare

    monkeypatch.setattr(netshare, "network_filesystem_reason", lambda _folder: "cifs")
    station = site.station(tmp_path, "206", status_interval_ms=60_000, rescan_interval_ms=None)
    closing.append(station)
    service = start_sync(station, watch=True)
    closing.append(service)
    wait_until(lambda: service.counters["heartbeats"] >= 1)
    assert service.scheduler.observer is None
    assert service.scheduler.rescan_interval() == netshare.NETWORK_RESCAN_MS / 1000
    # No watcher is no dead watcher: the supervisor (every 0.5 s) restarts nothing.
    beat = service.scheduler.loop_beat
    wait_until(lambda: service.scheduler.loop_beat > beat + 1.0, step=0.05)
    assert service.scheduler.restarts["observer"] == 0


def test_a_burst_of_state_changes_publishes_one_status(quiet_station):
    _station, service = quiet_station
    wait_until(lambda: service.counters["heartbeats"] >= 1)  # the first, at start
    statuses: list[float] = []  # when each status was written (time.monotonic)
    real_beat = service.heartbeat.beat

    def counted_beat() -> None:  # the real status is written; when is noted
        real_beat()
        statuses.append(time.monotonic())

    service.heartbeat.beat = counted_beat
    asked = []
    for _n in range(10):  # a command run, a login...: each asks for a status, each seen by a pass
        service.notify_state_changed()
        asked.append(time.monotonic())
        wait_until(lambda: service.scheduler.loop_beat > asked[-1], step=0.001)
    wait_until(lambda: statuses and statuses[-1] > asked[-1], step=0.001)
    during = [t for t in statuses if t >= asked[0]]
    # Ten asked, each woke the loop: one status (two or three if this machine took longer
    # than the gathering window to ask), where every pass used to write one; and the last
    # asked for is published, within the window of the first (not a minute later).
    assert 1 <= len(during) <= 3, during
    assert during[-1] >= asked[-1]
    assert STATUS_GATHER_S <= 0.5  # the panel polls statuses every 0.5 s
