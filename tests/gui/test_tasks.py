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
    seen_busy = []
    task = runner.run(lambda progress, cancel: 42,
                      on_done=lambda result: (called.append(result),
                                              seen_busy.append(runner.busy)))
    wait_for(lambda: called == [42], timeout=5)  # (qtbot.waitUntil: see wait_for's docstring)
    assert task.finished.is_set() and seen_busy == [False]  # done, as its callback saw it
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


def test_a_refusal_is_one_line_a_bug_keeps_its_traceback(qtbot, caplog):
    from utils.passwords import PasswordPolicyError

    runner = TaskRunner()
    errors: list = []

    def refuse(progress, cancel):
        raise PasswordPolicyError("common", "this password is too common")

    def crash(progress, cancel):
        raise RuntimeError("a bug")

    with caplog.at_level(logging.INFO, logger="gui.tasks"):
        runner.run(refuse, on_error=errors.append)
        wait_for(lambda: len(errors) == 1)
        runner.run(crash, on_error=errors.append)
        wait_for(lambda: len(errors) == 2)
    assert runner.shutdown(5)
    refused, failed = caplog.records
    assert refused.levelno == logging.INFO and "\n" not in refused.getMessage()
    assert "PasswordPolicyError common" in refused.getMessage()
    assert failed.levelno == logging.ERROR and "Traceback" in failed.getMessage()


def test_a_file_that_cannot_be_written_is_one_warning_line_not_a_traceback(qtbot, caplog):
    """An export into a read-only folder (or a full disk, a share away): the person is told
    by the tab; the log says it in one line, as for any refusal, never as a bug."""
    runner = TaskRunner()
    errors: list = []

    def write_refused(progress, cancel):
        raise PermissionError(13, "Permission denied", "/read-only/records.csv")

    with caplog.at_level(logging.INFO, logger="gui.tasks"):
        runner.run(write_refused, on_error=errors.append)
        wait_for(lambda: len(errors) == 1)
    assert runner.shutdown(5)
    [record] = caplog.records
    assert record.levelno == logging.WARNING and "Traceback" not in record.getMessage()
    assert "/read-only/records.csv" in record.getMessage()
