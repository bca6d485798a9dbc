"""The Qt side of the sync service: remote effects arrive as signals on the GUI thread.

The sync service calls `StationEffects` methods on its command thread. Each call becomes a
`Request` emitted through a queued signal; a GUI slot handles it and calls `request.answer()`.
The command thread waits for that answer with a bound (a message waits until the operator
acknowledges it). When the window closes, every open request is answered "application closing"
so no command thread is left waiting.

How it fits: docs/architecture.md §3 (threads: how the sync service reaches the GUI).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, Signal

from models.lot import Lot
from utils.site.commands import Command
from utils.site.share_health import ShareState

EFFECT_TIMEOUT_S = 15.0
MESSAGE_TIMEOUT_S = 8 * 3600.0  # a message waits for the operator for a whole shift


class RequestKind(StrEnum):
    """What the sync service asks of the window (one per StationEffects method)."""

    MESSAGE = "message"
    LOGOUT = "logout"
    LOCK = "lock"
    UNLOCK = "unlock"
    LOT = "lot"
    PRODUCT = "product"
    CONFIG = "config"
    CLOSE = "close"
    RESTART = "restart"


@dataclass
class Request:
    kind: RequestKind
    command: Command
    data: dict[str, Any] = field(default_factory=dict)
    _done: threading.Event = field(default_factory=threading.Event)
    _result: dict[str, Any] = field(default_factory=dict)

    def answer(self, **result: Any) -> None:
        self._result.update(result)
        self._done.set()

    def wait(self, timeout: float) -> dict[str, Any]:
        if not self._done.wait(timeout):
            return {"answered": False, "note": f"no answer from the application within {timeout:.0f} s"}
        return dict(self._result)


class SyncBridge(QObject):
    """Implements utils.site.effects.StationEffects for the station window."""

    requested = Signal(object)  # Request
    share_state_changed = Signal(object)  # ShareState
    catalog_changed_signal = Signal(object)  # config.catalog.Catalog

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._open: list[Request] = []
        self._lock = threading.Lock()
        self._closing = False
        self.user: tuple[str, str] | None = None  # set by the GUI on login/logout

    # -- called by the sync service (any thread) -----------------------------------------------

    def _ask(self, kind: RequestKind, command: Command, timeout: float = EFFECT_TIMEOUT_S,
             **data: Any) -> dict[str, Any]:
        request = Request(kind, command, data)
        with self._lock:
            if self._closing:
                return {"answered": False, "note": "the application is closing"}
            self._open.append(request)
        self.requested.emit(request)
        try:
            return request.wait(timeout)
        finally:
            with self._lock:
                if request in self._open:
                    self._open.remove(request)

    def show_message(self, command: Command) -> dict[str, Any]:
        return self._ask(RequestKind.MESSAGE, command, MESSAGE_TIMEOUT_S)

    def force_logout(self, command: Command) -> dict[str, Any]:
        return self._ask(RequestKind.LOGOUT, command)

    def lock_entry(self, command: Command, reason: str) -> dict[str, Any]:
        return self._ask(RequestKind.LOCK, command, reason=reason)

    def unlock_entry(self, command: Command) -> dict[str, Any]:
        return self._ask(RequestKind.UNLOCK, command)

    def lot_changed(self, command: Command, lot: Lot) -> dict[str, Any]:
        return self._ask(RequestKind.LOT, command, lot=lot)

    def product_changed(self, command: Command, size: str) -> dict[str, Any]:
        return self._ask(RequestKind.PRODUCT, command, size=size)

    def config_changed(self, command: Command, changes: dict[str, Any]) -> dict[str, Any]:
        return self._ask(RequestKind.CONFIG, command, changes=changes)

    def close_app(self, command: Command, force: bool) -> dict[str, Any]:
        return self._ask(RequestKind.CLOSE, command, MESSAGE_TIMEOUT_S if not force else EFFECT_TIMEOUT_S,
                         force=force)

    def restart_app(self, command: Command, force: bool) -> dict[str, Any]:
        return self._ask(RequestKind.RESTART, command, MESSAGE_TIMEOUT_S if not force else EFFECT_TIMEOUT_S,
                         force=force)

    def current_user(self) -> tuple[str, str] | None:
        return self.user

    def catalog_changed(self, catalog) -> None:
        """A newer site catalog is in use: the window refreshes its lists (no answer needed)."""
        self.catalog_changed_signal.emit(catalog)

    def on_share_state(self, state: ShareState) -> None:
        self.share_state_changed.emit(state)

    # -- called by the GUI on close ----------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._closing = True
            pending = list(self._open)
        for request in pending:
            request.answer(answered=False, note="the application is closing")
