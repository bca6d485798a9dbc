"""Idle logout for the GUI: any key, mouse or touch event counts as activity; a timer asks the
IdlePolicy (utils.idle) for the phase once a second and reports the countdown and the end. The
timeout follows this PC's settings (a set_config's new one is in force at once)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from config.settings import Settings
from utils.clock import Clock
from utils.idle import IdlePhase, IdlePolicy
from utils.settings_holder import SettingsHolder

ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
             QEvent.Type.TouchBegin, QEvent.Type.Wheel}


class IdleWatcher(QObject):
    countdown = Signal(int)  # seconds left, during the warning
    active = Signal()  # the warning is over (someone touched the PC)
    expired = Signal()
    # The settings were replaced (old, new): told on the replacing thread (a set_config runs
    # on a command worker), taken in on the GUI thread.
    settings_replaced = Signal(object, object)

    def __init__(self, holder: SettingsHolder, clock: Clock, parent: QObject | None = None,
                 interval_ms: int = 1000):
        """Follows `holder`: each new idle timeout of this PC's settings is in force as soon
        as the settings are replaced, until `unfollow`."""
        super().__init__(parent)
        self._warning = False
        self._running = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.settings_replaced.connect(self._settings_in_force)
        # Told first, then the timeout read: a replacement in between (a set_config on a
        # command worker) is in `current` already, or told (queued to this, the GUI thread).
        self._holder: SettingsHolder | None = holder
        holder.subscribe(self._told)
        self.policy = IdlePolicy(holder.current.idle_logout_minutes, clock)

    def unfollow(self) -> None:
        if self._holder is not None:
            self._holder.unsubscribe(self._told)
            self._holder = None

    def _told(self, old: Settings, new: Settings) -> None:
        try:
            self.settings_replaced.emit(old, new)  # queued to the GUI thread
        except RuntimeError:  # the window went without unfollowing: stop being told
            self.unfollow()

    def _settings_in_force(self, old: Settings, new: Settings) -> None:
        if new.idle_logout_minutes != old.idle_logout_minutes:
            self.set_minutes(new.idle_logout_minutes)

    def set_minutes(self, minutes: float) -> None:
        """The timeout in force changed."""
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
