"""The background-task helper: results reach their callbacks on the GUI thread, and none after
the window's runner has shut down (its widgets may be gone by then)."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from gui.tasks import TaskRunner
from tests.gui.conftest import wait_for


def test_a_result_reaches_its_callback_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    called = []
    task = runner.run(lambda progress, cancel: 42, on_done=called.append)
    wait_for(lambda: called == [42], timeout=5)  # (qtbot.waitUntil: see wait_for's docstring)
    assert task.finished.is_set()
    assert runner.shutdown(5)


def test_results_queued_when_the_window_closes_reach_no_callback(qtbot):
    runner = TaskRunner()
    called = []
    task = runner.run(lambda progress, cancel: 42, on_done=called.append,
                      on_error=called.append, on_progress=lambda *args: called.append(args))
    task.thread.join(5)  # its result is queued, not yet delivered
    assert runner.shutdown(5)
    QApplication.processEvents()
    assert called == []


def test_a_task_stopped_by_its_cancel_is_not_logged_as_a_failure(qtbot, caplog):
    runner = TaskRunner()
    errors = []

    def work(progress, cancel):
        cancel.wait(5)
        raise InterruptedError("stopped as asked")

    runner.run(work, on_error=errors.append)
    with caplog.at_level(logging.INFO, logger="gui.tasks"):
        assert runner.shutdown(5)
    assert "stopped after cancel" in caplog.text and "failed" not in caplog.text
