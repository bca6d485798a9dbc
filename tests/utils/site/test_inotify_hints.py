"""Our folder watcher on Linux (utils/site/inotify_hints.py), on real folders: what it refuses
(a folder behind a link), what it survives (a watched folder removed, a handler that fails),
that it stops and gives its descriptors back, and that the sync service and the panel's
watchers use it. What wakes a reader is tested with watchdog's observer alike in
test_watch_filter.py."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import pytest

from utils.site import inotify_hints
from utils.site.folder_transport import FolderTransport
from utils.site.inotify_hints import InotifyHints, make_observer
from utils.site.view_watch import AckWatch, Hint, stop_observer, written_events

pytestmark = pytest.mark.skipif(not inotify_hints.available(), reason="no inotify here")


class Woken:
    """A reader's wake, counted, with a bounded wait."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def __call__(self) -> None:
        with self.changed:
            self.count += 1
            self.changed.notify_all()

    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: self.count >= count, timeout), self.count


def _watching(folder: Path, wake: Woken) -> InotifyHints:
    observer = InotifyHints()
    observer.schedule(Hint(wake, ".json"), str(folder), event_filter=written_events())
    observer.start()
    return observer


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_a_folder_behind_a_link_is_not_watched(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "inbox").symlink_to(real, target_is_directory=True)
    observer = InotifyHints()
    try:
        with pytest.raises(OSError):
            observer.schedule(Hint(lambda: None, ".json"), str(tmp_path / "inbox"))
        with pytest.raises(OSError):  # a file is no folder either
            (tmp_path / "file.json").write_text("{}")
            observer.schedule(Hint(lambda: None, ".json"), str(tmp_path / "file.json"))
    finally:
        stop_observer(observer, "test watcher")


def test_a_removed_folder_is_let_go_and_the_others_still_wake(tmp_path):
    gone, kept = tmp_path / "gone", tmp_path / "kept"
    gone.mkdir()
    kept.mkdir()
    wake = Woken()
    observer = _watching(gone, wake)
    observer.schedule(Hint(wake, ".json"), str(kept), event_filter=written_events())
    try:
        gone.rmdir()
        (kept / "0001.json").write_text("{}")
        wake.wait_for(1)
        assert observer.is_alive()
    finally:
        stop_observer(observer, "test watcher")


def test_a_failing_handler_is_logged_and_the_watching_goes_on(tmp_path, caplog):
    folder = tmp_path / "acks"
    folder.mkdir()
    wake = Woken()
    calls = []

    class Failing(Hint):
        def dispatch(self, event) -> None:
            calls.append(event)
            if len(calls) == 1:
                raise RuntimeError("a bug in a handler")
            super().dispatch(event)

    observer = InotifyHints()
    observer.schedule(Failing(wake, ".json"), str(folder), event_filter=written_events())
    observer.start()
    try:
        with caplog.at_level(logging.ERROR, logger="utils.site.inotify_hints"):
            (folder / "0001.json").write_text("{}")
            (folder / "0002.json").write_text("{}")
            wake.wait_for(1)
        assert "the handler failed" in caplog.text
        assert observer.is_alive()
    finally:
        stop_observer(observer, "test watcher")


def test_stopping_ends_the_thread_and_gives_the_descriptors_back(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    before = _open_descriptors()
    wake = Woken()
    observer = _watching(folder, wake)
    (folder / "0001.json").write_text("{}")
    wake.wait_for(1)
    stop_observer(observer, "test watcher")
    assert not observer.is_alive()
    assert _open_descriptors() == before


def test_a_file_moved_into_place_is_named_by_its_new_name(tmp_path):
    folder = tmp_path / "stations"
    folder.mkdir()
    seen = []
    wake = Woken()

    class Spy(Hint):
        def dispatch(self, event) -> None:
            seen.append((event.event_type, Path(event.dest_path or event.src_path).name))
            super().dispatch(event)

    observer = InotifyHints()
    observer.schedule(Spy(wake, ".json"), str(folder),
                      event_filter=written_events())
    observer.start()
    try:
        temp = folder / ".status.json.0123.tmp"
        temp.write_text("{}")
        os.replace(temp, folder / "status.json")
        wake.wait_for(1)
    finally:
        stop_observer(observer, "test watcher")
    assert ("moved", "status.json") in seen


def test_the_panel_and_the_sync_service_use_it(tmp_path, site):
    from tests.utils.site.sitekit import site_layout, start_sync, wait_until

    assert isinstance(make_observer(), InotifyHints)
    station = site.station(tmp_path, "206", status_interval_ms=60_000,
                           rescan_interval_ms=60_000)
    service = start_sync(station, watch=True)
    watch = AckWatch(FolderTransport(site.share), lambda: None)
    try:
        wait_until(lambda: service.scheduler.observer is not None)
        assert isinstance(service.scheduler.observer, InotifyHints)
        assert watch.follow(["206"]) and site_layout(site.share).station("206").acks.is_dir()
        assert isinstance(watch._observer, InotifyHints)
    finally:
        watch.stop()
        service.stop()
        station.close()


def test_a_flood_that_fills_the_queue_is_said_once_and_the_watching_goes_on(tmp_path, caplog):
    """Anyone may write in the share: more files than the kernel queues while the handler is
    busy, twice. The overflow is logged once (not once a flood), and a file written after
    each flood still wakes its reader."""
    limit = int(Path("/proc/sys/fs/inotify/max_queued_events").read_text())
    if limit > 20_000:
        pytest.skip(f"a queue of {limit} events takes too many files to fill")
    folder = tmp_path / "inbox"
    folder.mkdir()
    busy = threading.Event()
    go_on = threading.Event()
    handed = Woken()  # every event handed to the handler
    woken_by: list[str] = []
    wake = Woken()

    class Slow(Hint):
        def dispatch(self, event) -> None:
            busy.set()
            go_on.wait(30)
            woken_by.append(Path(event.src_path).name)
            handed()
            super().dispatch(event)

    def flood(name: str) -> None:
        """A file that keeps the handler busy, more files than the queue holds, then the
        queue read to its end: a file written after it is not lost in the flood."""
        busy.clear()
        go_on.clear()
        before = handed.count
        (folder / f"{name}.json").write_text("{}")
        assert busy.wait(10)
        for number in range(limit // 2 + 100):  # two events a file: created, closed
            (folder / f"{name}-{number}.json").write_bytes(b"")
        go_on.set()
        handed.wait_for(before + limit)  # what the queue held (the rest was dropped)
        (folder / f"after-{name}.json").write_text("{}")
        with wake.changed:
            assert wake.changed.wait_for(lambda: f"after-{name}.json" in woken_by, 10)

    observer = InotifyHints()
    observer.schedule(Slow(wake, ".json"), str(folder), event_filter=written_events())
    observer.start()
    try:
        with caplog.at_level(logging.INFO, logger="utils.site.inotify_hints"):
            flood("first")
            flood("second")
        assert caplog.text.count("events were dropped") == 1
        assert observer.is_alive()
    finally:
        go_on.set()
        stop_observer(observer, "test watcher")
