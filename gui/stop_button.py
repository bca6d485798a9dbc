"""The station window's stop button: it shows the machine's state (running, idle, planned
break, down for how long and why), opens the stops dialog, and drives the live stop rule:
every `TICK_MS` and right after each box it asks the service (utils/mes/downtime.py) to open
or close the automatic stop. The rule is quick (two indexed reads when nothing changes)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from gui.downtime_texts import duration_text, reason_label, state_label
from gui.periodic_failure import PeriodicFailure

if TYPE_CHECKING:
    from gui.stops_dialog import StopsDialog

log = logging.getLogger(__name__)
TICK_MS = 15_000
_STYLES = {"down": "background: #f8d7da; font-weight: bold;", "running": "", "idle": "",
           "break": ""}


class StopButton(QPushButton):
    def __init__(self, controller, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("stopButton")
        self.setAccessibleName(self.tr("Machine state and stops"))
        self.setMinimumHeight(44)
        self._failure = PeriodicFailure(log, "The stop button's state")
        self.clicked.connect(self.open_dialog)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        self.refresh()

    def tick(self) -> None:
        """The live rule, then the label. A failure (a bug, or the database unreadable) is
        logged once with its traceback, retried next tick, never in the operator's way."""
        try:
            self.controller.ctx.downtime.tick()
            self.refresh()
        except Exception as exc:  # noqa: BLE001 (any error: never an error box per tick)
            self._failure.failed(exc)
        else:
            self._failure.worked()

    def refresh(self) -> None:
        ctx = self.controller.ctx
        now = ctx.clock.now()
        state = ctx.downtime.state(now)
        # What the button does first (an operator looks for where a stop is declared), the
        # machine's state after it.
        if state.state == "down" and state.since is not None:
            text = self.tr("Stops… (down %1 · %2)").replace(
                "%1", duration_text((now - state.since).total_seconds())).replace(
                "%2", reason_label(state.reason))
        else:
            text = self.tr("Stops… (%1)").replace("%1", state_label(state.state))
        self.setText(text)
        self.setStyleSheet(_STYLES.get(state.state, ""))

    def open_dialog(self) -> StopsDialog | None:
        session = self.controller.session
        if session is None:
            return None
        from gui.stops_dialog import StopsDialog  # when first opened, not at start-up

        dialog = StopsDialog(self.controller.ctx, session, self.window())
        dialog.finished.connect(lambda _code: self.refresh())
        dialog.open()
        return dialog

    def shutdown(self) -> None:
        self.timer.stop()
