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
