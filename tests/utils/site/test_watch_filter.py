"""The watchers wake their PC for writes only (utils/site/view_watch.py `written_events`): a
real observer on a real folder, watchdog's and ours (utils/site/inotify_hints.py, what Linux
uses). Without the filter inotify also reports every open and close, so the station reading
the command it was woken for woke itself again (an extra inbox listing per command), and a
site view reading a journal segment woke its follower again."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from utils.site import inotify_hints
from utils.site.view_watch import Hint, stop_observer, written_events

OBSERVERS = ["watchdog", pytest.param("inotify", marks=pytest.mark.skipif(
    not inotify_hints.available(), reason="no inotify on this system"))]


@pytest.fixture(params=OBSERVERS)
def observer_class(request):
    """Each test runs with watchdog's observer and with ours."""
    return Observer if request.param == "watchdog" else inotify_hints.InotifyHints


class _Recorder(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.lock = threading.Lock()
        self.seen = threading.Condition(self.lock)

    def on_any_event(self, event) -> None:
        with self.seen:
            self.events.append((event.event_type, Path(event.src_path).name))
            self.seen.notify_all()

    def wait_for(self, name: str, timeout: float = 10.0) -> list[tuple[str, str]]:
        with self.seen:
            if not self.seen.wait_for(lambda: any(n == name for _, n in self.events), timeout):
                raise AssertionError(f"no event for {name} within {timeout} s: {self.events}")
            return list(self.events)


@pytest.mark.parametrize("appends", [False, True])
def test_reading_a_file_wakes_nobody_writing_one_does(tmp_path, appends, observer_class):
    folder = tmp_path / "inbox"
    folder.mkdir()
    command = folder / "0123.json"
    command.write_bytes(b"{}")
    recorder = _Recorder()
    observer = observer_class()
    observer.schedule(recorder, str(folder), recursive=False,
                      event_filter=written_events(appends=appends))
    observer.start()
    try:
        assert command.read_bytes() == b"{}"  # the PC reads the file it was woken for
        (folder / "4567.json").write_bytes(b"{}")  # then something is written
        # inotify reports in order: once the new file's event is here, the read's would be too.
        events = recorder.wait_for("4567.json")
    finally:
        stop_observer(observer, "test watcher")
    assert [kind for kind, name in events if name == "0123.json"] == []
    assert ("created", "4567.json") in events


def test_an_append_to_an_open_segment_wakes_the_follower(tmp_path, observer_class):
    folder = tmp_path / "journal"
    folder.mkdir()
    segment = folder / "000001.jsonl"
    segment.write_bytes(b"")
    recorder = _Recorder()
    observer = observer_class()
    observer.schedule(recorder, str(folder), recursive=False,
                      event_filter=written_events(appends=True))
    observer.start()
    try:
        with open(segment, "ab") as handle:
            handle.write(b"{}\n")
            handle.flush()
            events = recorder.wait_for("000001.jsonl")  # while it is still open
    finally:
        stop_observer(observer, "test watcher")
    assert ("modified", "000001.jsonl") in events


def test_a_write_once_file_wakes_its_reader_when_ready_not_when_linked(tmp_path, observer_class):
    """Commands and acks are write-once: linked under their name from a temp file whose name
    is removed after. Read in between, one has two names and is not ready (share_fs.py): a
    wake on the link made a pass that read it too early (the station's inbox listing, the
    panel's ack pass, after which the next one waited out its 20 ms spacing). Only the temp
    name's removal wakes; a careless writer's file written in place still does, when closed.
    The real watcher, in the order inotify reports."""
    from utils.atomic_io import _temp_name

    folder = tmp_path / "acks"
    folder.mkdir()
    wakes: list[tuple[str, str]] = []  # the event behind each wake
    seen = threading.Condition()

    class Spy(Hint):
        def dispatch(self, event) -> None:
            self.current = event
            super().dispatch(event)

    def wake() -> None:
        with seen:
            wakes.append((spy.current.event_type, Path(spy.current.src_path).name))
            seen.notify_all()

    spy = Spy(wake, ".json", write_once=True)
    observer = observer_class()
    observer.schedule(spy, str(folder), recursive=False,
                      event_filter=written_events(write_once=True))
    observer.start()
    try:
        temp = folder / _temp_name("0123.json")
        temp.write_bytes(b"{}")
        os.link(temp, folder / "0123.json")  # its name appears, with two names
        temp.unlink()  # the writer is done: now it is ready
        (folder / "4567.json").write_bytes(b"{}")  # a careless writer, in place
        with seen:  # inotify reports in order: once the last file's wake is here, all are
            assert seen.wait_for(lambda: ("closed", "4567.json") in wakes, 10), wakes
    finally:
        stop_observer(observer, "test watcher")
    assert wakes == [("deleted", temp.name), ("closed", "4567.json")]


def test_a_linked_command_runs_when_its_temp_name_goes(site, tmp_path):
    """The station's inbox watcher is woken by a write-once command's temp name going (not by
    its link): the command runs at once, where the rescan would take a minute here."""
    from config.constants import CommandType
    from utils.atomic_io import _temp_name
    from utils.site.commands import issue_command
    from utils.site.signed import document_bytes

    from tests.utils.site.sitekit import admin_session, site_layout, start_sync, wait_until

    station = site.station(tmp_path, "206", status_interval_ms=60_000,
                           rescan_interval_ms=60_000)
    service = start_sync(station, watch=True)
    inbox = site_layout(site.share).station("206").inbox
    try:
        wait_until(lambda: service.counters["heartbeats"] > 0 and service.scheduler.observer)
        ana = admin_session(site)
        document = issue_command(ana.signer, CommandType.PING, "206", None, issued_by="ana",
                                 role=ana.role, now=site.admin.clock.now())
        name = f"{document['id']}.json"
        temp = inbox / _temp_name(name)
        temp.write_bytes(document_bytes(document))
        os.link(temp, inbox / name)
        temp.unlink()
        ack = site_layout(site.share).station("206").acks / name
        wait_until(ack.exists, timeout=10)
    finally:
        service.stop()
        station.close()
