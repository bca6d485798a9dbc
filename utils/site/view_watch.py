"""File-system watchers used as hints: one folder per station watched, a write there wakes a
thread. The site view follower's (`JournalWatch`: each station's journal folder, a segment
grew) and the admin panel's (`AckWatch`: each station's acks folder, an ack came), and how any
of them stops (`stop_observer`, the sync loop's inbox watcher too). Only a hint (it sees nothing
written by other hosts on SMB/NFS); the reader's rescan or poll is the truth
(utils/site/view_follower.py, gui/admin/fleet_poller.py). The folders come from the port
(`journal_watch_folder` of the site store, `ack_watch_folder` of the live transport); one with
none (a database, a broker) leaves the reader to its rescan."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Callable, Protocol

from utils.atomic_io import is_temp_name
from utils.site.inotify_hints import OVERFLOWED, make_observer

log = logging.getLogger(__name__)


def written_events(*, appends: bool = False, write_once: bool = False) -> list[Any]:
    """The watchdog events that mean "something was written here" (a watcher's filter).

    Without a filter inotify reports every open and close too, so a PC reading the file it
    was woken for wakes itself again (and again: each pass reads). Kept: a file moved into
    place (how atomic writers publish), a write closed (a careless writer in place) and a file
    created; `appends`: each write to a file kept open (a journal segment). `write_once`: the
    files are linked under their name from a temp file whose name is removed after (commands,
    acks: utils/atomic_io.py `atomic_create_bytes`); read in between, one has two names and is
    not ready (share_fs.py), so the link is no news: the temp name's removal is, and the
    creation is left out (a pass woken by it read a file not ready, and the panel's next ack
    pass waited out its spacing)."""
    from watchdog.events import (  # imported here: watchdog costs start-up time
        FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
    )

    events: list[Any] = [FileMovedEvent, FileClosedEvent]
    events += [FileDeletedEvent] if write_once else [FileCreatedEvent]
    return events + [FileModifiedEvent] if appends else events


class WatchedStore(Protocol):
    def journal_watch_folder(self, station_id: str) -> Path | None: ...


class WatchedTransport(Protocol):
    def ack_watch_folder(self, station_id: str) -> Path | None: ...


class FolderHints:
    """One watcher thread, one watched folder per station; a file of ours written in any of
    them calls `wake`. `folder_of` names a station's folder (None: none to watch)."""

    def __init__(self, folder_of: Callable[[str], Path | None] | None,
                 wake: Callable[[], None], *, suffix: str, appends: bool, what: str,
                 write_once: bool = False,
                 observer_factory: Callable[[], Any] | None = None):
        self.folder_of = folder_of
        self.wake = wake
        self.suffix = suffix
        self.appends = appends
        # Write-once files wake their reader when their temp name goes (written_events).
        self.write_once = write_once
        self.what = what
        self.observer_factory = observer_factory
        self._observer: Any = None
        self._watched: dict[str, str] = {}  # station -> its folder watched
        self._unwatchable: set[str] = set()  # said once each

    def follow(self, stations: Iterable[str]) -> bool:
        """Watch the folder of each station not watched yet (and again one whose folder was
        removed since); False when no watcher can be had (no inotify, too many
        instances...): the rescan or poll carries on alone. A station whose folder cannot
        be watched (a link, no watches left) is said once and left to the rescan."""
        if self.folder_of is None:
            return False
        try:
            if self._observer is None:
                factory = self.observer_factory or make_observer
                observer = factory()
                observer.daemon = True
                try:
                    observer.start()
                except BaseException:  # no thread to be had: its descriptors given back now
                    stop_observer(observer, self.what)
                    raise
                self._observer = observer
            handler = Hint(self.wake, self.suffix, write_once=self.write_once)
            events = written_events(appends=self.appends, write_once=self.write_once)
        except Exception as exc:  # no inotify, too many instances...: the rescan carries on
            log.warning("%s not available (%s); relying on the rescan", self.what, exc)
            return False
        observer = self._observer
        self._forget_let_go(observer)
        for station in stations:
            if station in self._watched:
                continue
            try:
                folder = self.folder_of(station)
                if folder is None or not folder.is_dir():
                    continue  # not made yet: watched when it is
                observer.schedule(handler, str(folder), recursive=False, event_filter=events)
            except FileNotFoundError:
                continue  # removed meanwhile: watched when it is made again
            except OSError as exc:  # a link, no folder, no watches left: this one only
                if station not in self._unwatchable:
                    self._unwatchable.add(station)
                    log.info("%s: %s not watched (%s); its rescan reads it", self.what,
                             station, exc)
                continue
            self._watched[station] = str(folder)
        return True

    def _forget_let_go(self, observer: Any) -> None:
        """Stations whose folder the watcher let go (removed, renamed away or replaced since)
        are watched again at this call, the folder now at that name. watchdog's observer does
        not say: there such a folder stays unwatched, its rescan reading it."""
        folders = getattr(observer, "folders", None)
        if folders is None or not self._watched:
            return
        held = set(folders())
        for station, folder in list(self._watched.items()):
            if folder not in held:
                del self._watched[station]

    @property
    def watched(self) -> frozenset[str]:
        """The stations whose folder is watched now."""
        return frozenset(self._watched)

    def stop(self) -> None:
        observer, self._observer = self._observer, None
        self._watched.clear()
        stop_observer(observer, self.what)


class JournalWatch(FolderHints):
    """The site view follower's: a station's journal segment grew."""

    def __init__(self, store: WatchedStore | None, wake: Callable[[], None],
                 observer_factory: Callable[[], Any] | None = None):
        super().__init__(None if store is None else store.journal_watch_folder, wake,
                         suffix=".jsonl", appends=True, what="Journal watcher",
                         observer_factory=observer_factory)


class AckWatch(FolderHints):
    """The admin panel's: an ack came into a station's acks folder (a write-once file,
    published by a link or a rename, so no appends)."""

    def __init__(self, transport: WatchedTransport | None, wake: Callable[[], None],
                 observer_factory: Callable[[], Any] | None = None):
        super().__init__(None if transport is None else transport.ack_watch_folder, wake,
                         suffix=".json",
                         appends=False, write_once=True, what="Ack watcher",
                         observer_factory=observer_factory)


def stop_observer(observer: Any, what: str) -> None:
    """Stop and join a folder watcher (None: nothing to stop), started or not (ours gives its
    descriptors back either way); a failure is logged, never raised (the rescan goes on
    either way)."""
    if observer is None:
        return
    try:
        observer.stop()
        if isinstance(observer, threading.Thread) and observer.ident is None:
            return  # watchdog's, never started: no thread to wait for, nothing open
        observer.join(timeout=5)
    except Exception as exc:
        log.warning("%s did not stop cleanly: %s", what, exc)
        return
    if observer.is_alive():
        log.warning("%s did not stop within 5 s; left to end on its own", what)


class Hint:
    """A watcher's handler that only wakes its reader (dispatch is all a watcher calls), for a
    file of the kind watched (a writer's temp file is not one yet). `write_once`: woken when a
    file is ready, by its temp name's removal, not by its link (written_events); the filter
    says so already, the handler again for any observer that does not filter."""

    def __init__(self, wake: Callable[[], None], suffix: str, *, write_once: bool = False):
        self._wake = wake
        self._suffix = suffix
        self._write_once = write_once

    def dispatch(self, event: Any) -> None:
        if event.event_type == OVERFLOWED:  # events were dropped: whatever they were, look
            self._wake()
            return
        name = os.path.basename(getattr(event, "dest_path", "") or event.src_path)
        if event.event_type == "deleted":
            if self._write_once and is_temp_name(name):  # its temp name gone: now it is ready
                self._wake()
        elif event.event_type == "created" and self._write_once:
            return  # linked, with two names until its temp name goes: not ready yet
        elif name.endswith(self._suffix) and not is_temp_name(name):
            self._wake()
