"""The verify, log viewer and about dialogs, driven on a real AppContext (offscreen Qt).

Nothing here calls exec(): the dialogs open with open(), and the tests wait for their state
with tests.gui.conftest.wait_for (bounded; the work runs on plain Python threads).
"""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from config.constants import Role
from config.settings import Settings
from config.version import APP_VERSION
from data import audit_repo
from utils.audit.verify import TamperKind, VerifyResult
from utils.clock import ManualClock
from utils.context import AppContext

from gui.about_dialog import AboutDialog
from gui.log_viewer import LogViewer
from gui.verify_dialog import run_verify

from tests.gui.conftest import wait_for

ADMIN_PW = "Quarry-Lantern-42"
WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)


@pytest.fixture
def ctx(tmp_path):
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="206"))
    context.auth.create_first_admin("ana", "Ana", ADMIN_PW)
    yield context
    context.close()


@pytest.fixture
def window(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent


def admin(ctx):
    return ctx.auth.login("ana", ADMIN_PW).session


def verify_with(ctx):
    return lambda progress, cancel: ctx.verify_audit(progress=progress, cancel=cancel)


def actions(ctx, action):
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, action=action)


# -- verify ----------------------------------------------------------------------------------

def test_verify_on_an_intact_chain_says_intact(qtbot, ctx, window, runner):
    admin(ctx)  # a second event, so the chain has more than its first link
    dialog = run_verify(window, runner, verify_with(ctx))
    finished: list = []
    dialog.finished_with.connect(finished.append)
    wait_for(lambda: finished, timeout=WAIT_MS / 1000)
    results = finished[0]
    assert [r.ok for r in results] == [True]
    events = results[0].events_checked
    assert events >= 2
    assert dialog.outcome == "intact"
    # The body says what was checked, not the heading again (gui pass s19, item 22).
    assert dialog.result_heading.text() == "The audit trail is intact"
    assert dialog.result_text.startswith(f"Checked: {events} events in 1 chain, each with its "
                                         "content, its place in its chain and its signature.")
    assert dialog.result_heading.text() not in dialog.result_text
    assert dialog.isModal() and dialog.isVisible()
    assert not dialog.cancel_button.isVisible()  # the window now shows the result
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_verify_on_a_tampered_chain_names_the_event_and_the_kind(qtbot, ctx, window, runner):
    admin(ctx)
    # What an attacker with the database file does: drop the guard, rewrite who did event 2.
    with closing(sqlite3.connect(ctx.paths.database_file)) as connection:
        connection.execute("DROP TRIGGER audit_events_no_update")
        connection.execute("UPDATE audit_events SET username = 'mallory' WHERE seq = 2")
        connection.commit()
    dialog = run_verify(window, runner, verify_with(ctx))
    wait_for(lambda: dialog.outcome is not None, timeout=WAIT_MS / 1000)
    assert dialog.outcome == "tampered"
    text = dialog.result_text
    assert "Station 206, event 2: modified." in text
    assert "An event was changed after it was written." in text
    assert "call your administrator" in text and "do not restore backups" in text
    assert "intact" not in text


def test_verify_names_a_record_that_differs_from_its_event(qtbot, ctx, window, runner):
    session = admin(ctx)
    ctx.production.set_lot(session, "L1", 5)
    record = ctx.production.register_box(session, {"size": "#00", "cam_d": "4,42",
                                                   "cam_w": "3,98"})
    with closing(sqlite3.connect(ctx.paths.database_file)) as connection:
        connection.execute("DROP TRIGGER record_versions_no_update")
        connection.execute("UPDATE record_versions SET cam_d = 99.9")
        connection.commit()
    dialog = run_verify(window, runner, verify_with(ctx))
    wait_for(lambda: dialog.outcome is not None, timeout=WAIT_MS / 1000)
    assert dialog.outcome == "tampered"
    text = dialog.result_text
    assert f"Station 206, record {record.record_id} version 1: record changed." in text
    assert "differs from what its audit event says" in text
    assert "cam_d is 99.9, the chain says 4.42" in text  # the administrator's detail


def test_a_station_not_verified_for_a_fault_is_not_called_tampered(qtbot, window, runner):
    """A result with no kind (checking the station raised: a fault of the program, in the log,
    utils/site/site_verify.py) is no finding: the dialog and the Audit tab's table say "not
    verified", never "tampered"; with a real finding beside it, tampered still wins."""
    from gui.admin.audit_model import VerifyResultsModel
    from utils.audit.verify import TamperKind, VerifyResult

    fault = VerifyResult("206", False, 0, detail="checking this station stopped with a fault")
    dialog = run_verify(window, runner, lambda progress, cancel: [
        VerifyResult("205", True, 12), fault])
    wait_for(lambda: dialog.outcome is not None, timeout=WAIT_MS / 1000)
    assert dialog.outcome == "error"
    assert dialog.result_heading.text() == "Part of the audit trail could not be verified"
    assert "Station 206: the chain could not be verified." in dialog.result_text
    assert "nothing says these stations were tampered with" in dialog.result_text
    assert "tampered with\n" not in dialog.result_text
    assert "The other chains are intact: 12 events checked in 1 chain." in dialog.result_text
    model = VerifyResultsModel()
    model.set_rows([fault])
    assert model.data(model.index(0, 1)) == "NOT VERIFIED"
    forged = VerifyResult("207", False, 3, first_bad_seq=2, kind=TamperKind.FORGED)
    dialog = run_verify(window, runner, lambda progress, cancel: [fault, forged])
    wait_for(lambda: dialog.outcome is not None, timeout=WAIT_MS / 1000)
    assert dialog.outcome == "tampered"
    assert "Station 207, event 2: forged." in dialog.result_text


def test_cancel_stops_the_check_and_says_how_far_it_got(qtbot, window, runner):
    started = threading.Event()

    def slow_verify(progress, cancel):
        progress("206", 3, 10)
        started.set()
        assert cancel.wait(WAIT_MS / 1000), "the dialog never cancelled"
        return [VerifyResult("206", False, 3, cancelled=True, detail="cancelled")]

    dialog = run_verify(window, runner, slow_verify)
    wait_for(lambda: dialog.count_label.text() == "3 of 10 events checked",
             timeout=WAIT_MS / 1000)
    assert dialog.station_label.text() == "Station 206"
    assert started.is_set()
    dialog.cancel_button.click()
    assert not dialog.cancel_button.isEnabled()
    wait_for(lambda: dialog.outcome is not None, timeout=WAIT_MS / 1000)
    assert dialog.outcome == "cancelled"
    assert dialog.result_text == ("Verification cancelled after 3 events; nothing is known "
                                  "about the rest.")


def test_escape_while_running_cancels_instead_of_closing(qtbot, window, runner):
    def waits(progress, cancel):
        cancel.wait(WAIT_MS / 1000)
        return [VerifyResult("206", False, 0, cancelled=True)]

    dialog = run_verify(window, runner, waits)
    dialog.reject()
    assert dialog.isVisible()
    wait_for(lambda: dialog.outcome == "cancelled", timeout=WAIT_MS / 1000)


def test_a_failing_check_says_what_happened_and_that_nothing_changed(qtbot, window, runner):
    def broken(progress, cancel):
        raise OSError("disk I/O error")

    dialog = run_verify(window, runner, broken)
    failed: list = []
    dialog.failed.connect(failed.append)
    wait_for(lambda: failed, timeout=WAIT_MS / 1000)
    assert isinstance(failed[0], OSError)
    assert dialog.outcome == "error"
    assert "disk I/O error" in dialog.result_text
    assert "Nothing was changed" in dialog.result_text


def test_every_kind_has_a_name_and_an_explanation():
    from gui.verify_texts import kind_texts

    from utils.site.view_state import NOT_STORED

    kinds = kind_texts()
    # Every kind of tampering, and the site view's one kind that is no tampering (a station's
    # events it could not store) that the panel's line names the same way.
    assert set(kinds) == {str(kind) for kind in TamperKind} | {NOT_STORED}
    assert {"modified", "deleted", "inserted", "reordered", "truncated", "forged",
            "not_a_member", "record_modified", "record_inserted", "record_deleted"} <= set(kinds)
    assert all(name and meaning.endswith(".") for name, meaning in kinds.values())


# -- log viewer ------------------------------------------------------------------------------

def test_log_viewer_refuses_an_operator_and_audits_it(qtbot, ctx, window):
    ctx.auth.create_user(admin(ctx), "bob", "Bob", Role.OPERATOR, "Initial-Pass-1",
                         "new hire on shift A")
    operator = ctx.auth.login("bob", "Initial-Pass-1").session
    assert LogViewer.open_for(operator, ctx, window) is None
    denied = actions(ctx, "permission.denied")
    assert [(e["username"], e["entity_id"]) for e in denied] == [("bob", "logs.view")]
    refusal = window.findChild(QMessageBox, "logRefused")
    assert refusal is not None and refusal.isVisible()
    assert "Only an administrator can view the log" in refusal.text()
    assert window.findChild(LogViewer) is None


def test_log_viewer_shows_the_last_lines_filtered_and_saves_them(qtbot, ctx, window, tmp_path):
    ctx.paths.log_file.write_text(
        "".join(f"2026-11-22T12:00:{i:02d}.000Z INFO     [MainThread] test: line {i}"
                f"{' SYNC ok' if i % 3 == 0 else ''}\n" for i in range(30)), encoding="utf-8")
    viewer = LogViewer.open_for(admin(ctx), ctx, window)
    assert viewer is not None and viewer.isVisible()
    assert viewer.count.minimum() == 100 and viewer.count.maximum() == 5000
    assert viewer.text.isReadOnly()
    shown = viewer.text.toPlainText().splitlines()
    assert len(shown) == 30 and shown[-1].endswith("line 29")

    viewer.filter_edit.setText("sync")  # case-insensitive; applied once typing pauses
    wait_for(lambda: len(viewer.text.toPlainText().splitlines()) == 10, timeout=WAIT_MS / 1000)
    shown = viewer.text.toPlainText().splitlines()
    assert all("SYNC" in line for line in shown)
    assert shown[0].endswith("line 0 SYNC ok") and shown[-1].endswith("line 27 SYNC ok")
    assert viewer.status.text().startswith("10 lines containing")

    target = tmp_path / "out" / "log.txt"
    target.parent.mkdir()
    assert viewer.save_as(ask=lambda suggested: str(target)) == target
    assert target.read_text(encoding="utf-8").splitlines() == shown
    assert viewer.save_as(ask=lambda suggested: "") is None  # the person cancelled the chooser


def test_log_viewer_with_no_log_file_says_so(qtbot, ctx, window):
    viewer = LogViewer.open_for(admin(ctx), ctx, window)
    assert viewer.text.toPlainText() == ""
    assert viewer.status.text().startswith("There is no log file yet")
    assert not viewer.save_button.isEnabled()


# -- about -----------------------------------------------------------------------------------

def test_about_shows_version_station_and_folders(qtbot, ctx, window):
    dialog = AboutDialog(ctx, window)
    dialog.open()
    text = dialog.text()
    assert f"Version {APP_VERSION}" in text
    assert APP_VERSION != "unknown"
    assert "Station: 206" in text
    for folder in (ctx.paths.data_dir, ctx.paths.log_dir, ctx.paths.config_dir):
        assert str(folder) in text
    assert "Python: " in text and "Qt: " in text
    assert dialog.fields["data"].text() == str(ctx.paths.data_dir)
