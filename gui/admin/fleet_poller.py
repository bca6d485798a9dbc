"""A long-lived worker that keeps the fleet view fresh: it polls station status and tracks
sent commands off the GUI thread and hands plain snapshots to the GUI through a signal.
With a `prepare` function (FleetTab.prepare), it also turns each snapshot into what the view
shows, so the GUI thread only swaps it in. An ack written into a station's acks folder wakes
it at once (`AckWatch`, where the transport has a folder to watch): the outcome reaches the
Commands tab in milliseconds, not at the next poll; the poll remains the truth.

Started with the admin window, stopped and joined when it closes (tests fail otherwise).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from utils.site.fleet import FleetMonitor, StationView
from utils.site.view_watch import AckWatch

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 0.5
# Updates kept alive here after they were sent: the GUI thread then lets go of an old update
# without being the one to free its thousands of objects (200 stations' documents and cells
# took the GUI 1.5 ms per tick); this thread frees it when it falls out of the queue.
KEEP_SENT = 4
# Anyone may write into a station's acks folder, and every write wakes the ack watcher: the
# passes it causes are spaced by at least this, so a flood of files costs at most this rate
# of `track()` calls (a genuine ack still shows within it).
ACK_PASS_GAP_S = 0.02


class FleetPoller(QObject):
    updated = Signal(object)  # prepare(list[StationView] copies), or the list itself
    commands_finished = Signal(object)  # list of finished sent-command rows

    def __init__(self, fleet: FleetMonitor, parent: QObject | None = None,
                 interval_s: float = POLL_INTERVAL_S,
                 prepare: Callable[[list[StationView]], object] | None = None):
        super().__init__(parent)
        self.fleet = fleet
        self.prepare = prepare
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._sent: deque[object] = deque(maxlen=KEEP_SENT)
        self._ack_came = threading.Event()
        self._full_pass = threading.Event()
        self._acks = AckWatch(fleet.transport, self._on_ack)
        self.ack_passes = 0  # passes made because an ack came (counted for the tests)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="shopfloor-fleet", daemon=True)
        self._thread.start()

    def poll_now(self) -> None:
        self._full_pass.set()
        self._wake.set()

    def _on_ack(self) -> None:  # on the watcher's thread: only wakes this one
        self._ack_came.set()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self._acks.stop()

    def make_update(self, views: list[StationView]) -> object:
        """What the GUI is sent for this snapshot, kept alive here for KEEP_SENT passes."""
        update = views if self.prepare is None else self.prepare(views)
        self._sent.append(update)
        return update

    def _run(self) -> None:
        next_poll = 0.0
        last_ack_pass = float("-inf")
        while not self._stop.is_set():
            now = time.monotonic()
            self._wake.clear()
            acks_came = self._ack_came.is_set()
            if acks_came and now < last_ack_pass + ACK_PASS_GAP_S and now < next_poll:
                # Too soon after the last one: wait out the gap, which more acks do not cut
                # short (a stop does; a poll due comes at its time).
                self._stop.wait(min(last_ack_pass + ACK_PASS_GAP_S, next_poll) - now)
                continue
            self._ack_came.clear()
            try:
                if now >= next_poll or self._full_pass.is_set():
                    self._full_pass.clear()
                    next_poll = now + self.interval_s
                    self.fleet.poll()
                    finished = self.fleet.track()
                    views = self.fleet.snapshot()
                    # Watched before the frame is shown: a command sent from what it shows
                    # finds its station's acks folder watched.
                    self._acks.follow(view.station_id for view in views)
                    self.updated.emit(self.make_update(views))
                elif acks_came:  # woken by an ack: its outcome only, statuses at their interval
                    last_ack_pass = now
                    self.ack_passes += 1
                    finished = self.fleet.track()
                else:
                    finished = []
                if finished:
                    self.commands_finished.emit(finished)
            except Exception:  # the share may be gone; the next pass tries again
                log.exception("Fleet poll failed")
            self._wake.wait(max(0.0, next_poll - time.monotonic()))
