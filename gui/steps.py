"""Work on the GUI thread split in steps: a generator that yields between steps and returns
what it made. Run a step per event-loop turn (gui/admin/lazy_tabs.py `prepare`), the timers
and paints of the window run between them; or all at once (`finish`) when the result is needed
now. The same steps either way: one way to build a thing, not two.

A step may yield `OffThread(work)`: work with no widget in it (reading a database, importing
modules). Run in steps, it runs on a task's thread (gui/tasks.py) and the next step waits for
it; all at once, it runs here. Either way its result is what the `yield` gives back.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")

Steps = Generator[Any, Any, T]


@dataclass(frozen=True)
class OffThread(Generic[T]):
    """Work for a task's thread between two steps: plain objects only, never a widget."""

    work: Callable[[], T]


def finish(steps: Steps[T], waiting: OffThread[Any] | None = None, *,
           each: Callable[[Any], None] | None = None) -> T:
    """Every step left, now; what the steps made. `waiting`: work the steps asked for last and
    still wait for (a driver gave up on it), done here first. `each`: told what every step
    yields, as it yields it (how many steps, which of them work off the thread)."""
    answer: Any = None if waiting is None else waiting.work()
    while True:
        try:
            asked = steps.send(answer)
        except StopIteration as done:
            return done.value
        if each is not None:
            each(asked)
        answer = asked.work() if isinstance(asked, OffThread) else None
