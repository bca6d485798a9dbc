"""Keeping the site view current: one thread that catches up with every station's journal (in
time order, with progress), then follows them while anyone needs the view, and stops when the
last user lets go.

Who needs it: an office PC's sync service (always), and the admin panel on any PC while it is
open (`acquire` when it opens, `release` when it closes). An idle production PC therefore reads
nothing of other stations.

Catching up takes the station whose view is oldest next, a chunk at a time, so the view fills
in time order and "showing data up to HH:MM" means every station's records up to then. Progress
is the share of journal bytes read. A round of every station is stored in groups of batches
(one transaction per GROUP_EVENTS events or GROUP_SECONDS: utils/site/site_ingest.py), and
progress is told when a round is committed. Following: a watcher on each journal folder wakes
the thread (a hint: it sees nothing written by other hosts on SMB/NFS), and a rescan every
`rescan_s` looks at each journal's newest segment (a few no-follow look-ups per station) and
reads those that changed. The share may vanish at any moment: what was stored stays, the state
says since when the share is gone, and reading resumes where it stopped when it is back (no
duplicate: positions are stored with the data). Only the share itself away (the store's
check, its listing of stations) is offline: one station's place refused, or its files not
readable, is that station's (named in `SiteView.problems`), and so is a fault in taking its
journal (named broken in the state: `SiteView.station_stuck`), while catching up as while
following: the others are read on, and that one is read by the next pass that can.
The phase and the state told are utils/site/view_state.py's.

State changes and stored batches reach listeners (plain callbacks, from this thread); the GUI
turns them into signals (gui/admin/view_bridge.py).

This module is over 400 lines because its thread is one loop whose phases (catching up,
following, the share offline) share one state, one set of positions and one watcher; their
transitions are the job, and split they would be read in three places.

How it fits: docs/architecture.md §3 (threads) and §4 (a box into every PC's site view).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Callable

from data import view_repo
from models.canonical import format_utc, parse_utc
from utils.changes import Change
from utils.clock import Clock, SystemClock
from utils.heap import give_back_freed_memory
from utils.site.ports import PlaceRefused
from utils.site.site_ingest import GROUP_EVENTS, ViewChange
from utils.site.site_view import SiteView
from utils.site.view_state import Broken, Phase, ViewState  # what it tells (re-exported)
from utils.site.view_watch import JournalWatch

log = logging.getLogger(__name__)

CHUNK_EVENTS = 20_000  # per station and turn while catching up: a few tenths of a second
ROUND_BYTES = 64 * 2 ** 20  # journal bytes read per round of every station while catching up
FOLLOW_RESCAN_S = 1.0  # the safety rescan (local with a watcher, and on a network share)
WITNESS_EVERY_S = 30.0  # published checkpoints are read this often (and after a journal grew)
STATE_EVERY_S = 0.25  # progress is published at most this often while catching up


class ViewFollower:
    def __init__(self, view: SiteView, *, clock: Clock | None = None,
                 rescan_s: float | None = None, watch: bool = True,
                 chunk_events: int = CHUNK_EVENTS, group_events: int = GROUP_EVENTS,
                 observer_factory: Callable[[], Any] | None = None):
        self.view = view
        self.clock = clock or SystemClock()
        self.rescan_s = rescan_s if rescan_s is not None else FOLLOW_RESCAN_S
        self.watch = watch and view.store is not None
        self.chunk_events = chunk_events
        self.group_events = group_events
        self.observer_factory = observer_factory
        self._users = 0
        self._users_lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._watcher = JournalWatch(view.store, self.wake, observer_factory)
        self._seen: dict[str, tuple] = {}
        self._unreadable: dict[str, str] = {}  # station -> its error, said once
        self._next_witness: dict[str, float] = {}
        self._state = ViewState(has_share=view.store is not None)
        self._state_lock = threading.Lock()
        self._listeners: list[Callable[[ViewState], None]] = []
        self._published_at = 0.0
        self.passes = 0  # follow passes done (tests wait on it)
        self._events_caught_up = 0  # by the catch-up under way (journals' events stored)

    # -- users -------------------------------------------------------------------------------

    def acquire(self) -> None:
        """Someone needs the view current: start following if nobody did."""
        with self._users_lock:
            self._users += 1
            if self._users == 1:
                self._start()

    def release(self) -> None:
        """One user less; the last one stops the thread (and waits for it)."""
        with self._users_lock:
            if self._users == 0:
                return
            self._users -= 1
            if self._users == 0:
                self._stop_thread()

    def stop(self) -> None:
        """Stop following whoever still holds the view (the PC is shutting down)."""
        with self._users_lock:
            if self._users:
                self._users = 0
                self._stop_thread()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def catch_up_now(self) -> bool:
        """Catch up once on the calling thread (the command line: no thread to follow with);
        True when every journal was read to its end. State listeners see the progress."""
        if self.running:
            raise RuntimeError("the view is being followed by its thread already")
        self._stop.clear()
        done = self._catch_up()
        if done:
            self._set_state(phase=Phase.STOPPED)
        return done

    def wake(self) -> None:
        """Something may have changed (this PC committed, a watcher saw a journal grow)."""
        self._wake.set()

    def add_state_listener(self, listener: Callable[[ViewState], None]) -> None:
        self._listeners.append(listener)

    def remove_state_listener(self, listener: Callable[[ViewState], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def state(self) -> ViewState:
        with self._state_lock:
            return self._state

    # -- the thread --------------------------------------------------------------------------

    def _on_change(self, _change: Change) -> None:
        """This PC committed something: its own events go into the view at once."""
        self.wake()

    def _start(self) -> None:
        self._stop.clear()
        self._wake.clear()
        self.view.ctx.changes.bus.subscribe(self._on_change)
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"shopfloor-site-view-{self.view.ctx.station_id}")
        self._thread.start()

    def _stop_thread(self) -> None:
        self._stop.set()
        self._wake.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=30)
        self._stop_observer()
        self.view.ctx.changes.bus.unsubscribe(self._on_change)
        self._set_state(phase=Phase.STOPPED, progress=None, complete_up_to=None)

    def _run(self) -> None:
        caught_up = False
        while not self._stop.is_set():
            try:
                if not caught_up:
                    caught_up = self._catch_up()
                else:
                    self._follow_pass()
            except Exception:  # one bad pass must not end following; the next one retries
                log.exception("Site view pass failed")
            if caught_up and not self._stop.is_set():
                self._wake.wait(self.rescan_s)
                self._wake.clear()
            elif not caught_up and not self._stop.is_set():
                self._wake.wait(self.rescan_s)  # the share is away: try again shortly
                self._wake.clear()

    def _stations(self) -> list[str] | None:
        """The journals to read, or None when the share cannot be listed (state: offline)."""
        if self.view.store is None:
            return []
        try:
            self.view.store.check()
            stations = self.view.journal_stations()
        except OSError as exc:
            self._offline(exc)
            return None
        if self.view.listing_refused is not None:  # "every journal read" would be untrue
            refusal = self.view.stations_refused()
            self._offline(refusal, refused=refusal.where)
            return None
        return stations

    def _catch_up(self) -> bool:
        """Read every journal to its end, oldest view first; True when done (False: the
        share went away or the thread is stopping; what was read stays)."""
        # Said at once: listing and sizing every journal takes a moment on a large site. Not
        # while the share is away: the retries (one a rescan) keep saying since when it is, and
        # the catching up is said once the journals are listed (`_read_to_the_end`).
        if self.state().phase != Phase.OFFLINE:
            self._set_state(phase=Phase.CATCHING_UP, progress=0.0, complete_up_to=None)
        self.view.begin_catch_up()
        self._events_caught_up = 0
        done = False
        try:
            done = self._read_to_the_end()
        finally:
            self.view.end_catch_up(complete=done)
            # A catch-up that read journals freed hundreds of MB (its page cache, the parsing)
            # that the allocator would keep for good (utils/heap.py); one that read nothing
            # (the share away, retried every rescan) has nothing to give back.
            if self._events_caught_up:
                give_back_freed_memory()
        if done:
            self._set_state(phase=Phase.FOLLOWING, progress=None, complete_up_to=None,
                            checked_at=self.clock.now(), offline_since=None, refused=None,
                            broken=self._broken())
        return done

    def _read_to_the_end(self) -> bool:
        """`_catch_up`'s reading: every journal in rounds of time."""
        self.view.ingest_local()
        stations = self._stations()
        if stations is None:
            return False
        if self._thread is not None:  # a one-off catch-up (the command line) watches nothing
            self._watch(stations)
        # Taken before anything is read: a journal that grows after its last read here (while
        # other stations are read) then differs from it, and the first follow pass reads it.
        markers = self._markers(stations)
        remaining: dict[str, int] = {}
        failed: set[str] = set()  # left to the follow passes (named), never marked as read
        for station in stations:
            try:
                remaining[station] = self.view.remaining_bytes(station)
            except OSError as exc:
                if not self._station_failed(station, exc):
                    return False  # the share itself is away
                failed.add(station)
        total = sum(remaining.values())
        done = 0
        fronts = self._fronts([s for s, left in remaining.items() if left])
        self._set_state(phase=Phase.CATCHING_UP, progress=0.0 if total else 1.0,
                        complete_up_to=_moment(_least(fronts)), offline_since=None,
                        refused=None)
        # Rounds in time: every station read up to a horizon, then the horizon moves on, so
        # "showing data up to" is the horizon (every station complete up to it). A round is
        # about ROUND_BYTES of journals, whatever the number of stations.
        step = self._step(fronts, total)
        horizon = _moment(_least(fronts))
        complete = _least(fronts)  # every station is read up to here
        while not self._stop.is_set() and any(left > 0 for left in remaining.values()):
            horizon = None if horizon is None else horizon + step
            until = None if horizon is None else format_utc(horizon)
            # A round is stored in groups of batches (SiteIngest.grouped: a transaction per
            # GROUP_EVENTS events); where each station stands is read once they are committed.
            read: list[tuple[str, bool]] = []
            try:
                with self.view.grouped(self.group_events):
                    for station in sorted(s for s, left in remaining.items() if left > 0):
                        if self._stop.is_set():
                            break
                        front = fronts.get(station)
                        if until is not None and front is not None and front > until:
                            continue
                        try:
                            report = self.view.ingest_station(
                                station, max_events=self.chunk_events, until=until)
                        except OSError as exc:
                            if not self._station_failed(station, exc):
                                raise  # the share is away: offline, below
                            failed.add(station)
                            read.append((station, False))  # the follow passes retry it
                            continue
                        except Exception as exc:  # a fault: that one is named (broken)
                            self.view.station_stuck(station, exc)
                            failed.add(station)
                            read.append((station, False))
                            continue
                        self._events_caught_up += report.ingested
                        assert self.view.store is not None
                        self.view.store.check()  # a vanished share reads as empty journals
                        read.append((station, report.more))
                lefts = {station: self.view.remaining_bytes(station) if more else 0
                         for station, more in read}
                self.view.store.check()  # a vanished share reads as empty journals
                for station, left in lefts.items():
                    if station in failed:  # not read: not counted, not witnessed
                        remaining[station] = 0
                        fronts.pop(station, None)
                        continue
                    done += max(0, remaining[station] - left)
                    remaining[station] = left
                    fronts[station] = self._front(station) or fronts.get(station) or ""
                    if not left:
                        fronts.pop(station, None)
                        self._witness(station, force=True)
            except OSError as exc:
                self._offline(exc)
                return False
            if self._stop.is_set():
                break  # a round cut short: its horizon is not reached everywhere
            complete = until
            # Told once a round, when every station is read up to its horizon (told inside
            # the loop, all but the first station's were held back by STATE_EVERY_S, and the
            # tabs saw each round's progress only at the next one).
            self._publish_progress(done / total if total else 1.0, complete)
        if self._stop.is_set():
            return False
        self._seen.update({s: marker for s, marker in markers.items() if s not in failed})
        return True

    def _follow_pass(self) -> None:
        self.view.ingest_local()
        stations = self._stations()
        if stations is None:
            return
        self._watch(stations)
        for station in stations:
            if self._stop.is_set():
                return
            try:
                self._follow_station(station)
            except OSError as exc:
                if not self._station_failed(station, exc):
                    return  # the share itself is away: offline
            except Exception as exc:  # a fault stops that station (named), not the others
                self.view.station_stuck(station, exc)
        self.passes += 1
        self._set_state(phase=Phase.FOLLOWING, progress=None, complete_up_to=None,
                        checked_at=self.clock.now(), offline_since=None, refused=None,
                        broken=self._broken())

    def _follow_station(self, station: str) -> None:
        """Read a station's journals when its change marker moved; its checkpoint now and
        then. OSError (PlaceRefused for a refused place of it) when it cannot be read."""
        assert self.view.store is not None
        self.view.store.check()  # a vanished share reads as empty journals
        marker = self._marker(station)
        if marker[1:] != self._seen.get(station, ())[1:]:  # not the folder's time
            report = self.view.ingest_station(station)
            self._seen[station] = marker
            self._witness(station, force=report.ingested > 0)
        else:
            self._witness(station)
        self._unreadable.pop(station, None)

    def _station_failed(self, station: str, exc: OSError) -> bool:
        """One station could not be followed: False when the share itself is away (the view
        goes offline); else its refused place is named for it (`SiteView.problems`), or the
        error said once, and the other stations are followed on (it is retried each pass)."""
        assert self.view.store is not None
        try:
            self.view.store.check()
        except OSError as outage:
            self._offline(outage)
            return False
        if isinstance(exc, PlaceRefused):
            self.view._place_refused(station, exc)
        elif self._unreadable.get(station) != str(exc):
            self._unreadable[station] = str(exc)
            log.warning("Site view: station %s not readable now (%s); the other stations are "
                        "followed, it is tried again at each pass", station, exc)
        return True

    # -- helpers -----------------------------------------------------------------------------

    def _marker(self, station: str) -> tuple:
        """What changes when one of a station's journals grows (the store's change hint)."""
        assert self.view.store is not None
        return self.view.store.change_marker(station, self._seen.get(station))

    def _markers(self, stations: list[str]) -> dict[str, tuple]:
        """Each station's change marker now (one that cannot be read is left out: read again
        by the first follow pass)."""
        found = {}
        for station in stations:
            try:
                found[station] = self._marker(station)
            except OSError:
                self._seen.pop(station, None)
        return found

    def _witness(self, station: str, force: bool = False) -> None:
        now = self.clock.monotonic()
        if force or now >= self._next_witness.get(station, 0.0):
            self.view.witness_checkpoint(station)
            self._next_witness[station] = now + WITNESS_EVERY_S

    def _step(self, fronts: dict[str, str], total: int) -> timedelta:
        """How far the horizon moves per round: the span still to read over the rounds that
        about ROUND_BYTES of journals each make."""
        earliest = _moment(_least(fronts))
        if earliest is None:
            return timedelta(days=1)
        span = max(timedelta(hours=1), self.clock.now() - earliest)
        rounds = max(1, total // ROUND_BYTES)
        return max(timedelta(minutes=10), span / rounds)

    def _fronts(self, stations: list[str]) -> dict[str, str]:
        """Per station, the time its view reaches (its first event's if nothing is read)."""
        fronts = {}
        for station in stations:
            front = self._front(station)
            if front is None:
                try:
                    front = self.view.first_event_ts(station)
                except OSError:
                    front = None
            if front is not None:
                fronts[station] = front
        return fronts

    def _front(self, station: str) -> str | None:
        """Where the view of a station's journals reaches: the least of its chains'."""
        with self.view.database.read() as connection:
            fronts = [s["last_ts"] for s in view_repo.station_sources(connection, station)
                      if s["kind"] == "journal" and s["last_ts"]]
        return min(fronts) if fronts else None

    def _broken(self) -> tuple[Broken, ...]:
        """Broken journals, then the stations stuck on a fault (`SiteView.station_stuck`):
        "following" with a station left behind says which."""
        with self.view.database.read() as connection:
            broken = tuple(Broken(s["station"], s["broken_seq"], s["broken_kind"],
                                  s["broken_detail"] or "")
                           for s in view_repo.sources(connection) if s["broken_seq"] is not None)
        return broken + tuple(self.view.stuck.copy().values())

    def _offline(self, exc: BaseException, *, refused: str | None = None) -> None:
        state = self.state()
        if state.phase != Phase.OFFLINE or state.refused != refused:
            log.warning("Site view: the share cannot be read (%s); showing what this PC holds",
                        exc)
            since = state.offline_since if state.phase == Phase.OFFLINE else self.clock.now()
            self._set_state(phase=Phase.OFFLINE, offline_since=since, refused=refused)

    def _publish_progress(self, progress: float, up_to: str | None) -> None:
        now = self.clock.monotonic()
        if now - self._published_at < STATE_EVERY_S:
            with self._state_lock:  # kept current for whoever asks, told only now and then
                self._state = replace(self._state, progress=progress,
                                      complete_up_to=_moment(up_to))
            return
        self._published_at = now
        self._set_state(progress=progress, complete_up_to=_moment(up_to))

    def _set_state(self, **changes: Any) -> None:
        with self._state_lock:
            self._state = replace(self._state, **changes)
            state = self._state
        for listener in list(self._listeners):
            try:
                listener(state)
            except Exception:
                log.exception("Site view state listener failed")

    # -- the watcher (a hint; the rescan is the truth: view_watch.py) -----------------------

    def _watch(self, stations: list[str]) -> None:
        if self.watch and not self._watcher.follow(stations):
            self.watch = False

    def _stop_observer(self) -> None:
        self._watcher.stop()


def _least(fronts: dict[str, str]) -> str | None:
    return min(fronts.values()) if fronts else None


def _moment(text: str | None) -> datetime | None:
    try:
        return None if not text else parse_utc(text)
    except ValueError:
        return None


__all__ = ["Broken", "Phase", "ViewChange", "ViewFollower", "ViewState"]
