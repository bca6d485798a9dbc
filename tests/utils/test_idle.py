"""The idle-logout policy on an injected clock: active, a 30-second warning, then expired."""

from __future__ import annotations

import pytest

from utils.clock import ManualClock
from utils.idle import IdlePhase, IdlePolicy


def test_phases_and_countdown():
    clock = ManualClock()
    policy = IdlePolicy(15, clock)
    assert policy.phase() == IdlePhase.ACTIVE
    clock.advance(minutes=14, seconds=29)
    assert policy.phase() == IdlePhase.ACTIVE
    clock.advance(seconds=1)
    assert policy.phase() == IdlePhase.WARNING and policy.seconds_left() == 30
    clock.advance(seconds=29.5)
    assert policy.phase() == IdlePhase.WARNING and policy.seconds_left() == 1
    clock.advance(seconds=0.5)
    assert policy.phase() == IdlePhase.EXPIRED and policy.seconds_left() == 0


def test_activity_restarts_the_countdown():
    clock = ManualClock()
    policy = IdlePolicy(1, clock)
    clock.advance(seconds=45)
    assert policy.phase() == IdlePhase.WARNING
    policy.touch()
    assert policy.phase() == IdlePhase.ACTIVE and policy.seconds_left() == 60


def test_invalid_timeout_is_refused():
    with pytest.raises(ValueError):
        IdlePolicy(0, ManualClock())


def test_a_shorter_timeout_never_logs_out_without_the_warning_first():
    """Someone reading the screen for 3 minutes when the timeout drops from 5 to 2: the
    countdown starts now, whole, instead of an instant logout."""
    clock = ManualClock()
    policy = IdlePolicy(5, clock)
    clock.advance(minutes=3)
    policy.set_timeout(2)
    assert policy.phase() == IdlePhase.WARNING and policy.seconds_left() == 30
    clock.advance(seconds=30)
    assert policy.phase() == IdlePhase.EXPIRED


def test_a_new_timeout_counts_from_the_last_activity():
    clock = ManualClock()
    policy = IdlePolicy(5, clock)
    clock.advance(minutes=1)
    policy.set_timeout(2)  # a minute idle of two: a minute left
    assert policy.phase() == IdlePhase.ACTIVE
    assert policy.remaining().total_seconds() == 60
    policy.set_timeout(10)  # longer: counted from the same last activity
    assert policy.remaining().total_seconds() == 9 * 60
