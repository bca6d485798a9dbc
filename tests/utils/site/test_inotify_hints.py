"""Our folder watcher on Linux (utils/site/inotify_hints.py), on real folders: what it refuses
(a folder behind a link), what it survives (a watched folder removed, a handler that fails),
that it stops and gives its descriptors back, and that the sync service and the panel's
watchers use it. What wakes a reader is tested with watchdog's observer alike in
test_watch_filter.py."""

from __future__ import annotations

import gc
import logging
import os
import struct
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


class Recording(Hint):
    """A reader's handler that also keeps what it was handed: (event type, file name)."""

    def __init__(self, wake: Woken) -> None:
        super().__init__(wake, ".json")
        self.seen: list[tuple[str, str]] = []

    def dispatch(self, event) -> None:
        self.seen.append((event.event_type, Path(event.dest_path or event.src_path).name))
        super().dispatch(event)


def _recorded_folder(tmp_path: Path, name: str) -> tuple[Path, Woken, Recording, InotifyHints]:
    """A new folder, watched, with a handler that keeps what it is handed."""
    folder = tmp_path / name
    folder.mkdir()
    wake = Woken()
    handler = Recording(wake)
    return folder, wake, handler, _watching(folder, handler)


def _watching(folder: Path, handler: Hint) -> InotifyHints:
    """A started watcher of `folder` for files written."""
    observer = InotifyHints()
    observer.schedule(handler, str(folder), event_filter=written_events())
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
        with pytest.raises(NotADirectoryError):  # O_NOFOLLOW | O_DIRECTORY on a link
            observer.schedule(Hint(lambda: None, ".json"), str(tmp_path / "inbox"))
        with pytest.raises(NotADirectoryError):  # a file is no folder either
            (tmp_path / "file.json").write_text("{}")
            observer.schedule(Hint(lambda: None, ".json"), str(tmp_path / "file.json"))
    finally:
        stop_observer(observer, "test watcher")


def test_a_removed_folder_is_let_go_and_the_others_still_wake(tmp_path):
    gone, kept = tmp_path / "gone", tmp_path / "kept"
    gone.mkdir()
    kept.mkdir()
    wake = Woken()
    observer = _watching(gone, Hint(wake, ".json"))
    observer.schedule(Hint(wake, ".json"), str(kept), event_filter=written_events())
    try:
        assert observer.folders() == sorted([str(gone), str(kept)])
        gone.rmdir()
        (kept / "0001.json").write_text("{}")
        wake.wait_for(1)  # in order: the removal was read before this file's events
        assert observer.folders() == [str(kept)]
        assert observer.is_alive()
        gone.mkdir()  # made again: watched again when asked, and it wakes its own reader
        again = Woken()
        handler = Recording(again)
        observer.schedule(handler, str(gone), event_filter=written_events())
        (gone / "0002.json").write_text("{}")
        again.wait_for(1)
        assert "0002.json" in [name for _kind, name in handler.seen]
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
    observer = _watching(folder, Hint(wake, ".json"))
    (folder / "0001.json").write_text("{}")
    wake.wait_for(1)
    stop_observer(observer, "test watcher")
    assert not observer.is_alive()
    assert _open_descriptors() == before


def test_a_file_moved_into_place_is_named_by_its_new_name(tmp_path):
    folder, wake, handler, observer = _recorded_folder(tmp_path, "stations")
    try:
        temp = folder / ".status.json.0123.tmp"
        temp.write_text("{}")
        os.replace(temp, folder / "status.json")
        wake.wait_for(1)
    finally:
        stop_observer(observer, "test watcher")
    assert ("moved", "status.json") in handler.seen


def test_the_panel_and_the_sync_service_use_it(tmp_path, site):
    from tests.utils.site.sitekit import site_layout, start_sync, wait_until

    made = make_observer()
    assert isinstance(made, InotifyHints)
    stop_observer(made, "test watcher")  # never started: its descriptors given back
    station = site.station(tmp_path, "206", status_interval_ms=60_000,
                           rescan_interval_ms=60_000)
    service = start_sync(station, watch=True)
    watch = AckWatch(FolderTransport(site.share), lambda: None)
    try:
        wait_until(lambda: service.scheduler.observer is not None)
        assert isinstance(service.scheduler.observer, InotifyHints)
        assert site_layout(site.share).station("206").acks.is_dir()
        assert watch.follow(["206"]) and watch.watched == frozenset({"206"})
        assert isinstance(watch._observer, InotifyHints)
    finally:
        watch.stop()
        service.stop()
        station.close()


def test_a_flood_that_fills_the_queue_is_said_once_and_the_watching_goes_on(tmp_path, caplog):
    """Anyone may write in the share: more files than the kernel queues while the handler is
    busy, twice. The overflow is logged once (not once a flood), and a file written after
    each flood still wakes its reader."""
    queue = Path("/proc/sys/fs/inotify/max_queued_events")
    if not queue.exists():
        pytest.skip("the kernel's queue size cannot be read here")
    limit = int(queue.read_text())
    if limit > 20_000:
        pytest.skip(f"a queue of {limit} events takes too many files to fill")
    folder = tmp_path / "inbox"
    folder.mkdir()
    busy = threading.Event()
    go_on = threading.Event()
    handed = Woken()  # every event handed to the handler
    woken_by: list[str] = []
    wake = Woken()

    blocking: list[str] = []  # the file whose event keeps the handler busy

    class Slow(Hint):
        def dispatch(self, event) -> None:
            name = Path(event.src_path).name
            if blocking and name == blocking[-1]:
                busy.set()
                go_on.wait(30)
            woken_by.append(name)
            handed()
            super().dispatch(event)

    def flood(name: str) -> None:
        """A file that keeps the handler busy, more files than the queue holds, then the
        queue read to its end: a file written after it is not lost in the flood."""
        busy.clear()
        go_on.clear()
        blocking.append(f"{name}.json")
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
        assert woken_by.count("inbox") == 2  # each flood woke the folder's reader itself
        assert observer.is_alive()
    finally:
        go_on.set()
        stop_observer(observer, "test watcher")


def _inotify_instances() -> int:
    """This process's inotify descriptors."""
    count = 0
    for name in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{name}") == "anon_inode:inotify"
        except OSError:
            pass  # closed meanwhile
    return count


def test_a_folder_entry_that_is_a_folder_wakes_nobody(tmp_path):
    folder, wake, handler, observer = _recorded_folder(tmp_path, "acks")
    try:
        (folder / "evil.json").mkdir()  # anyone may make a folder with a file's name
        (folder / "0001.json").write_text("{}")
        wake.wait_for(1)
    finally:
        stop_observer(observer, "test watcher")
    names = [name for _kind, name in handler.seen]
    assert "evil.json" not in names and "0001.json" in names


def test_a_join_that_gives_up_waiting_still_gets_the_descriptors_back(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    before = _open_descriptors()
    busy, go_on = threading.Event(), threading.Event()

    class Stuck(Hint):
        def dispatch(self, event) -> None:
            busy.set()
            go_on.wait(30)

    observer = InotifyHints()
    observer.schedule(Stuck(lambda: None, ".json"), str(folder), event_filter=written_events())
    observer.start()
    try:
        (folder / "0001.json").write_text("{}")
        assert busy.wait(10)
        observer.stop()
        observer.join(timeout=0.01)  # the handler is busy: the thread outlives the wait
        assert observer.is_alive()
    finally:
        observer.stop()
        go_on.set()
    observer.join(timeout=10)
    assert not observer.is_alive()
    assert _open_descriptors() == before


def test_the_panel_watches_its_other_stations_when_one_folder_is_a_link(tmp_path, caplog):
    from utils.site.view_watch import FolderHints

    real, linked = tmp_path / "b", tmp_path / "a"
    real.mkdir()
    (tmp_path / "elsewhere").mkdir()
    linked.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    wake = Woken()
    hints = FolderHints({"a": linked, "b": real}.get, wake, suffix=".json", appends=False,
                        what="Test watcher")
    try:
        with caplog.at_level(logging.INFO, logger="utils.site.view_watch"):
            assert hints.follow(["a", "b"])
            assert hints.follow(["a", "b"])  # asked again: said once
        assert hints.watched == frozenset({"b"})
        assert caplog.text.count("a not watched") == 1
        (real / "0001.json").write_text("{}")
        wake.wait_for(1)
    finally:
        hints.stop()


def test_a_journal_folder_that_is_a_link_is_not_offered_for_watching(tmp_path):
    from utils.site.folder_store import FolderSiteStore

    share = tmp_path / "share"
    store = FolderSiteStore(share)
    station = store.layout.station("206")
    station.journal.parent.mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    station.journal.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert store.journal_watch_folder("206") is None
    station.journal.unlink()
    station.journal.mkdir()
    assert store.journal_watch_folder("206") == station.journal
    assert store.journal_watch_folder("../206") is None


def test_an_inbox_watcher_that_cannot_watch_gives_its_descriptors_back(tmp_path, site,
                                                                         monkeypatch):
    """No watches left (ENOSPC), again at every retry of the supervisor: each watcher made is
    closed, not left open (the per-user limit is 128 instances)."""
    import errno

    from tests.utils.site.sitekit import start_sync, wait_until

    tries = []

    def no_watches_left(self, *args, **kwargs):
        tries.append(1)
        raise OSError(errno.ENOSPC, "no inotify watches left")

    gc.collect()  # an earlier test's watcher, dropped, is closed now rather than midway
    before = _inotify_instances()
    monkeypatch.setattr(InotifyHints, "schedule", no_watches_left)
    station = site.station(tmp_path, "206", status_interval_ms=60_000,
                           rescan_interval_ms=60_000)
    service = start_sync(station, watch=True)
    try:
        wait_until(lambda: len(tries) >= 3, timeout=10)  # the start, then the supervisor's
        assert _inotify_instances() == before
    finally:
        service.stop()
        station.close()
    assert _inotify_instances() == before


def test_an_overflow_wakes_each_reader_once(tmp_path):
    """The kernel's "events were dropped" (its watch number is -1): each handler is woken once,
    even one shared by several folders, with an event only a Hint understands."""
    first, second, own = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    for folder in (first, second, own):
        folder.mkdir()
    shared, alone = Woken(), Woken()
    observer = InotifyHints()
    handler = Hint(shared, ".jsonl", write_once=False)
    try:
        observer.schedule(handler, str(first), event_filter=written_events())
        observer.schedule(handler, str(second), event_filter=written_events())
        observer.schedule(Hint(alone, ".json", write_once=True), str(own),
                          event_filter=written_events(write_once=True))
        observer._hand_over(struct.pack("iIII", -1, inotify_hints.IN_Q_OVERFLOW, 0, 0))
        assert (shared.count, alone.count) == (1, 1)
    finally:
        stop_observer(observer, "test watcher")


def test_a_hint_wakes_on_an_overflow_whatever_it_watches():
    woken = Woken()
    Hint(woken, ".jsonl", write_once=True).dispatch(
        inotify_hints.FolderEvent(inotify_hints.OVERFLOWED, "/share/stations/206/journal"))
    assert woken.count == 1


def test_a_watcher_dropped_before_it_started_gives_its_descriptors_back_at_once(tmp_path):
    before = _open_descriptors()
    observer = InotifyHints()
    assert _open_descriptors() == before + 3
    del observer  # no cycle holds it before `start`: closed by its finalizer now
    assert _open_descriptors() == before


def test_a_stopped_watcher_watches_nothing_more_and_does_not_start_again(tmp_path):
    """Its descriptor number may be another watcher's by then: never used again."""
    folder = tmp_path / "acks"
    folder.mkdir()
    observer = _watching(folder, Hint(lambda: None, ".json"))
    stop_observer(observer, "test watcher")
    with pytest.raises(OSError):
        observer.schedule(Hint(lambda: None, ".json"), str(folder))
    with pytest.raises(RuntimeError):
        observer.start()
    unstarted = InotifyHints()
    unstarted.stop()
    with pytest.raises(RuntimeError):
        unstarted.start()
    unstarted.join()


@pytest.mark.parametrize("replaced_by", ["a folder renamed in", "a link"])
def test_a_folder_renamed_away_is_let_go_and_the_one_at_its_name_watched(tmp_path,
                                                                          replaced_by):
    """A share writer renames a station's acks folder away and puts another folder (or a
    link) at its name: the kernel says nothing (no removal), so the watcher compares the
    folder at each name with the one it watches (which also catches a removal whose notice
    a full queue dropped). The folder now at the name is watched at the next pass; a link
    never is."""
    from utils.site.view_watch import FolderHints

    acks = tmp_path / "acks"
    acks.mkdir()
    wake = Woken()
    hints = FolderHints({"206": acks}.get, wake, suffix=".json", appends=False,
                        what="Test watcher")
    try:
        assert hints.follow(["206"]) and hints.watched == frozenset({"206"})
        acks.rename(tmp_path / "moved")
        if replaced_by == "a link":
            (tmp_path / "elsewhere").mkdir()
            acks.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
        else:
            acks.mkdir()
        assert hints.follow(["206"])
        if replaced_by == "a link":
            assert hints.watched == frozenset()
            return
        assert hints.watched == frozenset({"206"})
        (acks / "0002.json").write_text("{}")  # in the folder now at the name: it wakes
        wake.wait_for(1, timeout=5)
    finally:
        hints.stop()


def test_a_watcher_whose_thread_cannot_start_gives_its_descriptors_back(tmp_path,
                                                                         monkeypatch):
    from utils.site.view_watch import FolderHints

    folder = tmp_path / "acks"
    folder.mkdir()
    before = _inotify_instances()

    def no_thread(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", no_thread)
    hints = FolderHints({"206": folder}.get, lambda: None, suffix=".json", appends=False,
                        what="Test watcher")
    for _attempt in range(3):
        assert not hints.follow(["206"])
    monkeypatch.undo()
    assert _inotify_instances() == before
