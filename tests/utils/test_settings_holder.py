"""The settings holder: one replacement reaches every service and every subscriber."""

from __future__ import annotations

import logging

from config.settings import Settings
from utils.context import AppContext
from utils.settings_holder import SettingsHolder


def test_a_replacement_reaches_the_services_and_the_subscribers(home):
    ctx = AppContext.open(home)
    try:
        told: list[tuple[int, int]] = []
        ctx.settings_holder.subscribe(lambda old, new: told.append(
            (old.lockout_threshold, new.lockout_threshold)))
        before = ctx.settings.lockout_threshold
        ctx.settings_holder.replace(ctx.settings.with_changes(lockout_threshold=before + 2))
        assert ctx.settings.lockout_threshold == before + 2
        assert ctx.auth.settings.lockout_threshold == before + 2  # no copy left behind
        assert told == [(before, before + 2)]
    finally:
        ctx.close()


def test_the_same_settings_again_tell_nobody_and_a_broken_subscriber_harms_nobody(caplog):
    holder = SettingsHolder(Settings())
    told: list[Settings] = []

    def broken(_old: Settings, _new: Settings) -> None:
        raise RuntimeError("a bug in a subscriber")

    holder.subscribe(broken)
    holder.subscribe(lambda _old, new: told.append(new))
    holder.replace(Settings())
    assert told == []
    changed = Settings().with_changes(idle_logout_minutes=9)
    with caplog.at_level(logging.ERROR, logger="utils.settings_holder"):
        holder.replace(changed)
    assert told == [changed] and holder.current == changed
    assert "A settings subscriber failed" in caplog.text
    holder.unsubscribe(broken)
    holder.replace(Settings())
    assert len(told) == 2
