"""A screen's figures computed in the background as records arrive (the Insights and Dashboard
tabs): one computation at a time on the window's TaskRunner; asked again while one runs, it
runs once more after it, with the inputs of that moment, never a queue of stale ones.

`start` runs on the GUI thread when a computation begins: it reads the screen's filters and
returns the work (plain objects only, no widget) that the task thread runs. `on_done` and
`on_error` run on the GUI thread.
"""

from __future__ import annotations

from typing import Any, Callable

from gui.tasks import TaskRunner


class LatestTask:
    def __init__(self, runner: TaskRunner, start: Callable[[], Callable[[], Any]],
                 on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]):
        self._runner = runner
        self._start = start
        self._on_done = on_done
        self._on_error = on_error
        self.running = False
        self._again = False

    def request(self) -> None:
        """Compute now, or once more after the computation under way."""
        if self.running:
            self._again = True
            return
        work = self._start()  # raising here leaves nothing running: the next request runs
        self.running = True
        self._runner.run(lambda _progress, _cancel: work(), on_done=self._done,
                         on_error=self._failed)

    def _done(self, result: Any) -> None:
        self.running = False
        self._on_done(result)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._on_error(exc)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.request()
