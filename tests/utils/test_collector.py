"""The collector's pause: off inside, back on after the last of overlapping pauses (threads
computing at the same time), left off when it was off before, back on after an error."""

from __future__ import annotations

import gc
import threading

import pytest

from utils.collector import paused_collector


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_off_inside_and_back_on_after_an_error():
    with pytest.raises(RuntimeError):
        with paused_collector():
            assert not gc.isenabled()
            raise RuntimeError("a bug in the computation")
    assert gc.isenabled()


def test_left_off_when_it_was_off_before():
    gc.disable()
    with paused_collector():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_in_two_threads_end_with_the_last():
    inside, leave = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with paused_collector():
            inside.set()
            assert leave.wait(10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    thread.start()
    try:
        assert inside.wait(10)
        with paused_collector():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other thread is still inside its pause
    finally:
        leave.set()
        thread.join(10)
    assert not thread.is_alive() and seen == [False]
    assert gc.isenabled()
