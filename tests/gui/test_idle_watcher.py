"""The idle watcher follows this PC's settings from its making: a timeout replaced while it is
made (a set_config on a command worker) is the one in force."""

from __future__ import annotations

from datetime import timedelta

from config.settings import Settings
from gui.idle_watcher import IdleWatcher
from utils.clock import ManualClock
from utils.settings_holder import SettingsHolder


class ReplacedWhileSubscribing(SettingsHolder):
    """A holder whose settings are replaced at the moment the watcher subscribes, before the
    subscription takes: the watcher is not told, and must read the replacement itself."""

    def subscribe(self, subscriber) -> None:
        self.replace(self.current.with_changes(idle_logout_minutes=2))
        super().subscribe(subscriber)


def test_a_timeout_replaced_while_the_watcher_is_made_is_in_force(qtbot):
    holder = ReplacedWhileSubscribing(Settings(idle_logout_minutes=15))
    watcher = IdleWatcher(holder, ManualClock())
    try:
        assert watcher.policy.timeout == timedelta(minutes=2)
    finally:
        watcher.unfollow()


def test_a_timeout_replaced_later_is_taken_on_the_gui_thread(qtbot):
    holder = SettingsHolder(Settings(idle_logout_minutes=15))
    watcher = IdleWatcher(holder, ManualClock())
    try:
        holder.replace(holder.current.with_changes(idle_logout_minutes=3))
        qtbot.waitUntil(lambda: watcher.policy.timeout == timedelta(minutes=3), timeout=5000)
    finally:
        watcher.unfollow()
    holder.replace(holder.current.with_changes(idle_logout_minutes=4))  # no longer followed
    assert watcher.policy.timeout == timedelta(minutes=3)
