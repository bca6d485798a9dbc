"""This PC's settings in force: one holder, replaced whole, telling whoever follows them.

`Settings` is immutable (config/settings.py); a change makes a new one. Every service reads the
holder's `current` when it needs a value, so a replacement reaches all of them at once: nothing
keeps a copy that a later save would write back, and no module has to remember which other
services hold settings. Subscribers (the window's idle logout, gui/idle_watcher.py `IdleWatcher`)
are told after the replacement, on the replacing thread.

How it fits: docs/architecture.md §1 (the context's services) and §2 (settings, the other state
with listeners).
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from config.settings import Settings
from utils.listeners import tell_each

log = logging.getLogger(__name__)

Subscriber = Callable[[Settings, Settings], None]  # (old, new)


class SettingsHolder:
    def __init__(self, settings: Settings):
        self._lock = threading.Lock()
        self._current = settings
        self._subscribers: list[Subscriber] = []

    @property
    def current(self) -> Settings:
        return self._current

    def replace(self, new: Settings) -> None:
        """`new` is in force from now on (the caller has saved it where it must be kept)."""
        with self._lock:
            old, self._current = self._current, new
            subscribers = list(self._subscribers)
        if new == old:
            return
        tell_each(subscribers, old, new, log=log, failure="A settings subscriber failed")

    def subscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers.append(subscriber)

    def unsubscribe(self, subscriber: Subscriber) -> None:
        with self._lock:
            self._subscribers = [s for s in self._subscribers if s != subscriber]
