"""The watchers wake their PC for writes only (utils/site/view_watch.py `written_events`): a real
watchdog observer on a real folder. Without the filter inotify also reports every open and
close, so the station reading the command it was woken for woke itself again (an extra inbox
listing per command), and a site view reading a journal segment woke its follower again."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from utils.site.view_watch import stop_observer, written_events


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
def test_reading_a_file_wakes_nobody_writing_one_does(tmp_path, appends):
    folder = tmp_path / "inbox"
    folder.mkdir()
    command = folder / "0123.json"
    command.write_bytes(b"{}")
    recorder = _Recorder()
    observer = Observer()
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


def test_an_append_to_an_open_segment_wakes_the_follower(tmp_path):
    folder = tmp_path / "journal"
    folder.mkdir()
    segment = folder / "000001.jsonl"
    segment.write_bytes(b"")
    recorder = _Recorder()
    observer = Observer()
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


def test_a_command_read_while_it_has_two_names_runs_when_its_temp_name_goes(site, tmp_path):
    """A write-once command is hard-linked from its temp file, whose name is removed after:
    read in between, it has two names and is not ready (utils/site/share_fs.py). Only the
    removal of the temp name says it is; that wakes the station, which otherwise would wait
    for its rescan (a minute here)."""
    from config.constants import CommandType
    from utils.atomic_io import _temp_name
    from utils.site.commands import issue_command
    from utils.site.signed import document_bytes

    from tests.utils.site.sitekit import admin_session, site_layout, start_sync, wait_until

    station = site.station(tmp_path, "206", status_interval_ms=60_000,
                           rescan_interval_ms=60_000)
    service = start_sync(station, watch=True)
    inbox = site_layout(site.share).station("206").inbox
    spy = _Recorder()  # sees the station open the command (this test never does)
    spy_observer = Observer()
    spy_observer.schedule(spy, str(inbox), recursive=False)
    spy_observer.start()
    try:
        wait_until(lambda: service.counters["heartbeats"] > 0 and service.scheduler.observer)
        ana = admin_session(site)
        document = issue_command(ana.signer, CommandType.PING, "206", None, issued_by="ana",
                                 role=ana.role, now=site.admin.clock.now())
        name = f"{document['id']}.json"
        temp = inbox / _temp_name(name)
        temp.write_bytes(document_bytes(document))
        os.link(temp, inbox / name)  # the command's name appears: the station is woken
        with spy.seen:  # and reads it while it still has two names: not ready
            assert spy.seen.wait_for(lambda: ("opened", name) in spy.events, 10)
        temp.unlink()  # the writer is done
        ack = site_layout(site.share).station("206").acks / name
        wait_until(ack.exists, timeout=10)
    finally:
        stop_observer(spy_observer, "test watcher")
        service.stop()
        station.close()


def test_the_panel_is_woken_again_when_an_acks_temp_name_goes(tmp_path):
    """An ack is write-once too: linked under its name, its temp name removed after. The
    panel woken by the link may read it with two names (not ready); the temp name's removal
    must wake it again, or the outcome waits for the next poll (seen in bench_sync as the
    admin's 50 ms fallback in one round trip of six)."""
    from utils.atomic_io import _temp_name
    from utils.site.view_watch import AckWatch

    acks = tmp_path / "acks"
    acks.mkdir()

    class OneFolder:
        def ack_watch_folder(self, station_id: str):
            return acks

    wakes: list[str] = []
    woken = threading.Condition()

    def wake() -> None:
        with woken:
            wakes.append("wake")
            woken.notify_all()

    watch = AckWatch(OneFolder(), wake)
    assert watch.follow(["206"]) and watch.watched == {"206"}
    try:
        temp = acks / _temp_name("0123.json")
        temp.write_bytes(b"{}")
        os.link(temp, acks / "0123.json")
        with woken:
            assert woken.wait_for(lambda: len(wakes) >= 1, 10)  # the name appeared
            count = len(wakes)
        temp.unlink()
        with woken:
            assert woken.wait_for(lambda: len(wakes) > count, 10)  # now it is ready
    finally:
        watch.stop()
