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
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Callable, Protocol

from utils.atomic_io import is_temp_name

log = logging.getLogger(__name__)


def written_events(*, appends: bool) -> list[Any]:
    """The watchdog events that mean "something was written here" (a watcher's filter).

    Without a filter inotify reports every open and close too, so a PC reading the file it
    was woken for wakes itself again (and again: each pass reads). Kept: a file created or
    moved into place (how write-once and atomic writers publish) and a write closed (a careless
    writer in place); `appends`: each write to a file kept open (a journal segment)."""
    from watchdog.events import (  # imported here: watchdog costs start-up time
        FileClosedEvent, FileCreatedEvent, FileModifiedEvent, FileMovedEvent,
    )

    events: list[Any] = [FileCreatedEvent, FileMovedEvent, FileClosedEvent]
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
        # Write-once files are linked under their name first and their temp name removed
        # after: read in between, one has two names and is not ready (share_fs.py), so the
        # temp name's removal wakes the reader again (as it wakes the station's inbox loop).
        self.write_once = write_once
        self.what = what
        self.observer_factory = observer_factory
        self._observer: Any = None
        self._watched: set[str] = set()

    def follow(self, stations: Iterable[str]) -> bool:
        """Watch the folder of each station not watched yet; False when no watcher can be had
        (no inotify, too many watches...): the rescan or poll carries on alone."""
        if self.folder_of is None:
            return False
        try:
            if self._observer is None:
                if self.observer_factory is not None:
                    self._observer = self.observer_factory()
                else:
                    # Imported here: watchdog costs start-up time, and a PC that never
                    # follows the site (no panel open, a production PC) never needs it.
                    from watchdog.observers import Observer

                    self._observer = Observer()
                self._observer.daemon = True
                self._observer.start()
            handler = _Hint(self.wake, self.suffix)
            events = written_events(appends=self.appends)
            if self.write_once:
                from watchdog.events import FileDeletedEvent  # here: see written_events

                events.append(FileDeletedEvent)
            for station in stations:
                if station in self._watched:
                    continue
                folder = self.folder_of(station)
                if folder is not None and folder.is_dir():
                    self._observer.schedule(handler, str(folder), recursive=False,
                                            event_filter=events)
                    self._watched.add(station)
        except Exception as exc:  # no inotify, too many watches...: the rescan carries on
            log.warning("%s not available (%s); relying on the rescan", self.what, exc)
            return False
        return True

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
    """Stop and join a watchdog observer (None: nothing to stop); a failure is logged, never
    raised (the rescan goes on either way)."""
    if observer is not None:
        try:
            observer.stop()
            observer.join(timeout=5)
        except Exception as exc:
            log.warning("%s did not stop cleanly: %s", what, exc)


class _Hint:
    """A watchdog handler that only wakes its reader (dispatch is all watchdog calls), for a
    file of the kind watched (a writer's temp file is not one yet)."""

    def __init__(self, wake: Callable[[], None], suffix: str):
        self._wake = wake
        self._suffix = suffix

    def dispatch(self, event: Any) -> None:
        name = os.path.basename(getattr(event, "dest_path", "") or event.src_path)
        if event.event_type == "deleted":
            if is_temp_name(name):  # a write-once file's temp name gone: now it is ready
                self._wake()
        elif name.endswith(self._suffix) and not is_temp_name(name):
            self._wake()
