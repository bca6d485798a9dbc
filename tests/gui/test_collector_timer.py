"""The cyclic garbage collector runs in the GUI thread, on a timer (gui/collector_timer.py):
off automatically while the app lives, each due generation collected by the timer, back on
when the app stops."""

from __future__ import annotations

import gc
import threading
import weakref

from tests.gui.conftest import wait_for


class _Cycle:
    def __init__(self):
        self.me = self


def test_cycles_are_collected_by_the_timer_in_the_gui_thread(qapp):
    from gui.collector_timer import GuiThreadCollector

    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(qapp, interval_ms=10)
    try:
        assert not gc.isenabled()
        collected_in: list[str] = []

        class Watched(_Cycle):
            def __del__(self):
                collected_in.append(threading.current_thread().name)

        watched = weakref.ref(Watched())
        # A background thread allocates far past the young generation's threshold: with the
        # automatic collector it would collect the cycle there; now nothing happens there.
        worker = threading.Thread(target=lambda: [_Cycle() for _ in range(50_000)],
                                  name="worker")
        worker.start()
        worker.join(10)
        wait_for(lambda: watched() is None, timeout=5)
        assert collected_in == [threading.main_thread().name]
    finally:
        collector.stop()
        assert gc.isenabled()
        if not was_enabled:
            gc.disable()


def test_the_oldest_generation_waits_for_a_quarter_more_long_lived_objects(qapp, monkeypatch):
    """As the automatic collector: a full collection (every object the process holds, on the
    GUI thread) only once the oldest generation grew by a quarter since the last one, counted
    from what the collections of the middle generation moved there."""
    from gui.collector_timer import GuiThreadCollector

    was_enabled = gc.isenabled()
    gc.collect()  # the young generations empty: what follows moves only what the test makes
    collector = GuiThreadCollector(qapp, interval_ms=60_000)  # ticks called by hand here
    collected: list[int] = []
    real = gc.collect

    def collect(generation: int = 2) -> int:  # the younger generations for real, never all
        collected.append(generation)
        return real(generation) if generation < 2 else 0

    monkeypatch.setattr(gc, "get_count", lambda: (10**6, 10**6, 10**6))  # all three due
    monkeypatch.setattr(gc, "collect", collect)
    try:
        collector.collect_due(), collector.collect_due()
        assert collected == [1, 1]  # the oldest generation has not grown: the younger two only
        kept = [[n] for n in range(len(gc.get_objects(2)) // 3)]  # a third more, long-lived
        collector.collect_due()  # the middle generation's collection moves them to the oldest
        assert collected == [1, 1, 1]
        collector.collect_due()
        assert collected == [1, 1, 1, 2] and kept
        collector.collect_due()
        assert collected == [1, 1, 1, 2, 1]  # counted again from the full collection
    finally:
        monkeypatch.undo()
        collector.stop()
        if not was_enabled:
            gc.disable()


def test_a_tick_does_not_walk_the_long_lived_objects(qapp, monkeypatch):
    """Counting the oldest generation walks every long-lived object (about 19 ms a million on
    the GUI thread); ticks that do not collect it do not count it."""
    from gui.collector_timer import GuiThreadCollector

    was_enabled = gc.isenabled()
    collector = GuiThreadCollector(qapp, interval_ms=60_000)  # ticks called by hand here
    walked: list[int] = []
    real = gc.get_objects

    def get_objects(generation: int | None = None) -> list:
        walked.append(generation)
        return real(generation)

    monkeypatch.setattr(gc, "get_count", lambda: (10**6, 10**6, 10**6))  # all three due
    monkeypatch.setattr(gc, "get_objects", get_objects)
    try:
        for _ in range(3):
            collector.collect_due()
        assert 2 not in walked and None not in walked
    finally:
        monkeypatch.undo()
        collector.stop()
        if not was_enabled:
            gc.disable()
