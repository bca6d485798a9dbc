"""Python's cyclic garbage collector, run by a timer in the GUI thread.

Left automatic, the collector runs in whichever thread happens to allocate when its count is
due. A Qt object caught in a reference cycle is then destroyed on that thread (the site view's
follower, the sync service), while Qt objects must be destroyed in the thread that owns them:
the process crashed (a segmentation fault inside a collection on the follower's thread, seen
twice while rendering every screen in one process, tests/gui/screenshots.py). With
`GuiThreadCollector` the automatic collector is off, and a timer in the GUI thread collects
each generation whose count passed its threshold, as the automatic collector would have, once a
second at most. Processes without a window (the agent, the command line) keep the automatic
collector: they hold no Qt objects.

The oldest generation also keeps the automatic collector's other rule: it is collected only
when the objects that reached it since its last collection are more than a quarter of those it
held then (a full collection of an open panel scans every object the process holds, 50 ms and
more on the GUI thread; counted alone, it would run every couple of minutes). Those that reached
it are counted as the automatic collector counts them: the survivors of each collection of the
middle generation (the young objects it looked at, less those it found unreachable). Counting
the oldest generation itself would walk every long-lived object (about 19 ms a million) each
time it comes due; that walk is left to the full collection, which walks them anyway.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    """Owned by the application: the automatic collector off while it lives (`stop` puts it
    back on)."""

    def __init__(self, parent: QObject, interval_ms: int = 1000):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived = len(gc.get_objects(2))  # the oldest generation at its last collection
        self._promoted = 0  # objects moved into it since (see the module's docstring)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(interval_ms)

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold (with the younger
        ones), in this thread; returns the objects found unreachable."""
        counts = gc.get_count()
        due = -1
        for generation in range(3):
            if counts[generation] <= self._thresholds[generation]:
                break
            due = generation
        if due == 2 and self._promoted <= self._long_lived // 4:
            due = 1  # too few new long-lived objects yet (see the module's docstring)
        if due < 0:
            return 0
        if due == 1:
            looked_at = len(gc.get_objects(0)) + len(gc.get_objects(1))
            found = gc.collect(1)
            self._promoted += max(0, looked_at - found)  # the survivors go to the oldest
            return found
        found = gc.collect(due)
        if due == 2:
            self._long_lived = len(gc.get_objects(2))
            self._promoted = 0
        return found

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
