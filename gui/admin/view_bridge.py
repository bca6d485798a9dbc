"""The Qt side of the site view: what the follower thread reports arrives as signals on the GUI
thread, changes coalesced so the tabs refresh at most a few times a second.

`changed` carries one ViewChange merging every batch stored since the last one (which
stations' records changed, how many events and records); `state_changed` carries the latest
ViewState (how current the view is). Created with the admin window; `close` detaches it.

How it fits: docs/architecture.md §3 (threads) and §4 (a box shown on another PC).
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from utils.site.site_ingest import ViewChange
from utils.site.site_view import SiteView
from utils.site.view_follower import ViewFollower, ViewState

COALESCE_MS = 300


def follow_view(tab: QObject, bridge: "ViewBridge | None", *, tick: Callable[[], None],
                view_changed: Callable[[object], None], interval_ms: int) -> QTimer:
    """A figures tab's two ways of staying current, made alike for every such tab: the site
    view's changes (`bridge.changed`, coalesced: a correction on any PC shows without
    Refresh), and a timer, returned, that moves a sliding period ("last 24 hours") on with
    the clock."""
    timer = QTimer(tab)
    timer.timeout.connect(tick)
    timer.start(interval_ms)
    if bridge is not None:
        bridge.changed.connect(view_changed)
    return timer


class ViewBridge(QObject):
    changed = Signal(object)  # ViewChange, merged
    state_changed = Signal(object)  # ViewState
    _arrived = Signal()
    _state_arrived = Signal(object)

    def __init__(self, view: SiteView, follower: ViewFollower, parent: QObject | None = None,
                 *, coalesce_ms: int = COALESCE_MS):
        super().__init__(parent)
        self.view = view
        self.follower = follower
        self._lock = threading.Lock()
        self._pending: ViewChange | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(coalesce_ms)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._schedule)
        self._state_arrived.connect(self.state_changed)
        view.add_listener(self._on_change)
        follower.add_state_listener(self._on_state)

    def state(self) -> ViewState:
        return self.follower.state()

    def close(self) -> None:
        self.view.remove_listener(self._on_change)
        self.follower.remove_state_listener(self._on_state)
        self._timer.stop()

    # -- from the follower's thread (or from whoever stored into the view) --------------------

    def _on_change(self, change: ViewChange) -> None:
        with self._lock:
            if self._pending is None:
                self._pending = ViewChange()
            self._pending.merge(change)
        self._arrived.emit()

    def _on_state(self, state: ViewState) -> None:
        self._state_arrived.emit(state)

    # -- on the GUI thread -------------------------------------------------------------------

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        with self._lock:
            change, self._pending = self._pending, None
        if change is not None:
            self.changed.emit(change)
