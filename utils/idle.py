"""The idle-logout policy: when a terminal left alone must warn, then log out.

Pure logic on an injected clock; the GUI feeds it activity and polls `phase()` from a timer,
so the countdown is testable without waiting.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from utils.clock import Clock

WARNING_SECONDS = 30


class IdlePhase(StrEnum):
    ACTIVE = "active"
    WARNING = "warning"  # show the countdown
    EXPIRED = "expired"  # log out now


class IdlePolicy:
    def __init__(self, timeout_minutes: float, clock: Clock, *,
                 warning_seconds: float = WARNING_SECONDS):
        self.warning_seconds = warning_seconds
        self.clock = clock
        self._last_activity = clock.monotonic()
        self._set(timeout_minutes)

    def _set(self, timeout_minutes: float) -> None:
        if timeout_minutes <= 0:
            raise ValueError("idle timeout must be positive")
        self.timeout = timedelta(minutes=timeout_minutes)
        # The warning never takes more than the whole timeout (a 1-minute timeout still works).
        self.warning = min(timedelta(seconds=self.warning_seconds), self.timeout)

    def set_timeout(self, timeout_minutes: float) -> None:
        """A new timeout from now on (a set_config), counted from the last activity; a shorter
        one never logs out without the warning first (someone reading the screen for longer
        than the new timeout still gets the countdown)."""
        self._set(timeout_minutes)
        at_least = self.clock.monotonic() - (self.timeout - self.warning).total_seconds()
        self._last_activity = max(self._last_activity, at_least)

    def touch(self) -> None:
        """Keyboard, mouse, touch or a scanner: the person is here."""
        self._last_activity = self.clock.monotonic()

    def remaining(self) -> timedelta:
        left = self.timeout.total_seconds() - (self.clock.monotonic() - self._last_activity)
        return timedelta(seconds=max(0.0, left))

    def phase(self) -> IdlePhase:
        left = self.remaining()
        if left <= timedelta(0):
            return IdlePhase.EXPIRED
        if left <= self.warning:
            return IdlePhase.WARNING
        return IdlePhase.ACTIVE

    def seconds_left(self) -> int:
        """Whole seconds for the countdown label (rounded up: it never shows 0 before the end)."""
        left = self.remaining().total_seconds()
        return int(left) + (0 if left == int(left) else 1)
