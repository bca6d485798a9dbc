"""File-system watchers used as hints: the site view follower's (a watcher on each station's
journal folder that wakes the follower when a segment changes), and how any of them stops
(`stop_observer`, the sync loop's inbox watcher too). Only a hint (it sees nothing written by other
hosts on SMB/NFS); the follower's rescan is the truth (utils/site/view_follower.py). The
folders come from the site store (`journal_watch_folder`); a store with none (a database)
leaves the follower to its rescan."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Callable, Protocol

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


class JournalWatch:
    def __init__(self, store: WatchedStore | None, wake: Callable[[], None],
                 observer_factory: Callable[[], Any] | None = None):
        self.store = store
        self.wake = wake
        self.observer_factory = observer_factory
        self._observer: Any = None
        self._watched: set[str] = set()

    def follow(self, stations: list[str]) -> bool:
        """Watch the journal folder of each station not watched yet; False when no watcher
        can be had (no inotify, too many watches...): the rescan carries on alone."""
        if self.store is None:
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
            handler = _Hint(self.wake)
            for station in stations:
                if station in self._watched:
                    continue
                folder = self.store.journal_watch_folder(station)
                if folder is not None and folder.is_dir():
                    self._observer.schedule(handler, str(folder), recursive=False,
                                            event_filter=written_events(appends=True))
                    self._watched.add(station)
        except Exception as exc:  # no inotify, too many watches...: the rescan carries on
            log.warning("Journal watcher not available (%s); relying on the rescan", exc)
            return False
        return True

    def stop(self) -> None:
        observer, self._observer = self._observer, None
        self._watched.clear()
        stop_observer(observer, "Journal watcher")


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
    """A watchdog handler that only wakes the follower (dispatch is all watchdog calls)."""

    def __init__(self, wake: Callable[[], None]):
        self._wake = wake

    def dispatch(self, event: Any) -> None:
        name = os.path.basename(getattr(event, "dest_path", "") or event.src_path)
        if name.endswith(".jsonl"):
            self._wake()
