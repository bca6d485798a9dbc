"""Idle logout for the GUI: any key, mouse or touch event counts as activity; a timer asks the
IdlePolicy (utils.idle) for the phase once a second and reports the countdown and the end."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from utils.clock import Clock
from utils.idle import IdlePhase, IdlePolicy

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.TouchBegin, QEvent.Type.Wheel}


class IdleWatcher(QObject):
    countdown = Signal(int)  # seconds left, during the warning
    active = Signal()  # the warning is over (someone touched the PC)
    expired = Signal()

    def __init__(self, minutes: float, clock: Clock, parent: QObject | None = None,
                 interval_ms: int = 1000):
        super().__init__(parent)
        self.policy = IdlePolicy(minutes, clock)
        self._warning = False
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def set_minutes(self, minutes: float) -> None:
        """The timeout in force changed (this PC's settings were replaced)."""
        self.policy.set_timeout(minutes)
        self.check()

    def start(self) -> None:
        self.policy.touch()
        self._running = True
        self._warning = False
        self.timer.start()

    def stop(self) -> None:
        self._running = False
        self.timer.stop()

    def handle(self, watched: QObject, event: QEvent) -> bool:
        """Any input on any window (subscribed to the application's one filter for ACTIVITY)."""
        if self._running:
            self.policy.touch()
            if self._warning:
                self._warning = False
                self.active.emit()
        return False

    def check(self) -> None:
        if not self._running:
            return
        phase = self.policy.phase()
        if phase == IdlePhase.EXPIRED:
            self.stop()
            self.expired.emit()
        elif phase == IdlePhase.WARNING:
            self._warning = True
            self.countdown.emit(self.policy.seconds_left())
        elif self._warning:
            self._warning = False
            self.active.emit()
