"""The one way the GUI runs work in the background (verify, export, import, reports).

`TaskRunner.run(work, on_done=..., on_error=..., on_progress=...)` runs `work(progress, cancel)`
on a plain Python thread (so it is joined, and seen by the tests' thread-leak check) and calls
the callbacks on the GUI thread through queued signals. `work` never touches widgets; it gets a
`progress(done, total)` function and a `threading.Event` it should check to stop early.
Every task is tracked so the window can cancel and wait for all of them when it closes.

How it fits: docs/architecture.md §3, "Threads".
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from utils.refusals import is_refusal, log_refusal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted from the worker arrive queued."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, object)


class Task:
    def __init__(self, work: Callable[[Callable[[int, int | None], None], threading.Event], Any]):
        self.work = work
        self.thread = threading.Thread(target=self.run, name="shopfloor-task", daemon=True)
        self.cancel = threading.Event()
        self.finished = threading.Event()
        self.relay = _Relay()

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.relay.progress.emit(done, total), self.cancel)
        except BaseException as exc:  # reported to the person; a bug's traceback is logged
            if self.cancel.is_set():  # stopped as asked: not a failure
                log.info("Background task stopped after cancel: %s", type(exc).__name__)
            elif is_refusal(exc):  # a refusal the person is told about: one line
                log_refusal(log, exc, "Background task")
            elif isinstance(exc, OSError):  # a file or the share (read-only, full, away): the
                # person is told; it is this PC's surroundings, not a bug, so no traceback
                log.warning("Background task could not use a file or the share: %s", exc)
            else:
                log.error("Background task failed:\n%s", traceback.format_exc())
            # Finished before the outcome is handed over: its callback, on the GUI thread, may
            # run before this thread goes on, and must see the task done (`busy` False).
            self.finished.set()
            self.relay.failed.emit(exc)
        else:
            self.finished.set()
            self.relay.done.emit(result)
        finally:
            self.finished.set()


class TaskRunner(QObject):
    """Owns the running tasks of one window."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: list[Task] = []
        # Set by shutdown (the window is closing): results that arrive after it, already
        # queued, are dropped instead of reaching widgets that may be gone.
        self._closed = False

    def run(self, work, *, on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None,
            on_progress: Callable[[int, Any], None] | None = None) -> Task:
        task = Task(work)
        if on_done:
            task.relay.done.connect(self._unless_closed(on_done))
        if on_error:
            task.relay.failed.connect(self._unless_closed(on_error))
        if on_progress:
            task.relay.progress.connect(self._unless_closed(on_progress))
        task.relay.done.connect(lambda _r, t=task: self._forget(t))
        task.relay.failed.connect(lambda _e, t=task: self._forget(t))
        self._tasks.append(task)
        task.thread.start()
        return task

    def _unless_closed(self, callback: Callable[..., None]) -> Callable[..., None]:
        def call(*args: Any) -> None:
            if not self._closed:
                callback(*args)
        return call

    def _forget(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)

    @property
    def busy(self) -> bool:
        return any(not task.finished.is_set() for task in self._tasks)

    def shutdown(self, timeout_s: float = 30.0) -> bool:
        """Cancel every task and wait for them; True when all stopped. The window is closing:
        no callback runs after this."""
        self._closed = True
        tasks, self._tasks = list(self._tasks), []
        for task in tasks:
            task.cancel.set()
        for task in tasks:
            task.thread.join(timeout_s)
        return not any(task.thread.is_alive() for task in tasks)
