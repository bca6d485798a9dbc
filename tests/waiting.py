"""The one way tests wait: poll a condition until a monotonic deadline, then fail.

Waiting is on a condition, never on a duration: `pause.wait(step)` only spaces the polls. The
deadline is taken from the monotonic clock, so a slow predicate or a loaded machine cannot
stretch the bound (counting steps would), and a wall-clock change cannot shorten it. GUI tests
pass `pump` (QApplication.processEvents) so queued signals are delivered while waiting.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0, step: float = 0.01, *,
               pump: Callable[[], Any] | None = None) -> Any:
    """The first truthy value of `predicate()`; AssertionError when none came within `timeout`
    seconds. The predicate is tried once more at the deadline, so a bound of 0 still looks."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()  # set by nobody: its wait is an interruptible pause between polls
    while True:
        if pump is not None:
            pump()
        value = predicate()
        if value:
            return value
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"condition not met within {timeout} s")
        pause.wait(min(step, left))
