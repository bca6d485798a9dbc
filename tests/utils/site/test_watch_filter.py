"""The watchers wake their PC for writes only (utils/site/view_watch.py `written_events`): a real
watchdog observer on a real folder. Without the filter inotify also reports every open and
close, so the station reading the command it was woken for woke itself again (an extra inbox
listing per command), and a site view reading a journal segment woke its follower again."""

from __future__ import annotations

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
