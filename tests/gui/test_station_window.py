"""The station window driven like an operator would, offscreen, on a real database."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from config.constants import CommandType, Role
from utils.site.commands import Command

from tests.gui.conftest import wait_for

OP_PW = "Otter-Own-Pass-1"
SUP_PW = "Sable-Own-Pass-1"


def login(qtbot, station, username, password):
    page = station.window.login_page
    qtbot.keyClicks(page.username, username)
    qtbot.keyClick(page.username, Qt.Key.Key_Return)
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def set_lot(station, code="L2503-001", total="3", current="1"):
    dialog = station.window.open_lot_dialog()
    dialog.code.setText(code)
    dialog.total.setText(total)
    dialog.current.setText(current)
    dialog.apply()
    return dialog


def fill(form, defect="Rachada", location="Cap/Body", cam_d="4,42", cam_w="3,98"):
    if defect:
        form.fields["rej1_defect"].setCurrentText(defect)
    if location:
        form.fields["rej1_location"].setCurrentText(location)
    form.cam_d.setText(cam_d)
    form.cam_w.setText(cam_w)


# -- login ---------------------------------------------------------------------------------------

def test_login_success_shows_the_work_page(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    assert station.controller.session.username == "op"
    assert station.window.pages.currentIndex() == 1
    assert "Olga Operadora" in station.window.header.user.text()


def test_badge_scanner_flow_and_wrong_password(qtbot, station):
    page = station.window.login_page
    qtbot.keyClicks(page.username, "op")
    qtbot.keyClick(page.username, Qt.Key.Key_Return)
    assert page.password.hasFocus() or station.window.isVisible()
    qtbot.keyClicks(page.password, "wrong-password")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert page.error.text() == "Wrong username or password."
    login_unknown = page.error.text()
    page.reset()
    login(qtbot, station, "nobody", "wrong-password")
    assert page.error.text() == login_unknown  # no enumeration
    assert station.controller.session is None


def test_lockout_message_names_the_time(qtbot, station):
    page = station.window.login_page
    for attempt in range(3):
        page.reset()
        login(qtbot, station, "op", f"wrong-{attempt}-pass")
    assert "locked until" in page.error.text()
    page.reset()
    login(qtbot, station, "op", OP_PW)
    assert station.controller.session is None and "locked until" in page.error.text()


def test_forced_change_at_first_login(qtbot, station, monkeypatch):
    from gui import login_page

    answers = iter(["123", "Nutmeg-Own-Pass-9"])

    class ScriptedDialog(login_page.ChangePasswordDialog):
        shown_errors: list[str] = []

        def exec(self):  # the dialog is answered as a person would, twice
            value = next(answers)
            self.first.setText(value)
            self.second.setText(value)
            return 1

        def show_error(self, text):
            ScriptedDialog.shown_errors.append(text)
            super().show_error(text)

    monkeypatch.setattr(login_page, "ChangePasswordDialog", ScriptedDialog)
    login(qtbot, station, "newbie", "Initial-Pass-new")
    assert ScriptedDialog.shown_errors and "at least 8" in ScriptedDialog.shown_errors[0]
    assert station.controller.session is not None
    assert station.controller.session.username == "newbie"
    assert station.controller.ctx.auth.login("newbie", "Nutmeg-Own-Pass-9").ok


def test_idle_logout_with_countdown(qtbot, station, clock):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    clock.advance(minutes=4, seconds=35)
    window.idle.check()
    assert window.countdown.isVisible() and "25 s" in window.countdown.text()
    qtbot.keyClick(window.form.cam_d, Qt.Key.Key_1)  # someone is here: the countdown stops
    window.idle.check()
    assert not window.countdown.isVisible()
    clock.advance(minutes=4, seconds=35)
    window.idle.check()
    assert window.countdown.isVisible()
    clock.advance(seconds=25)
    window.idle.check()
    assert station.controller.session is None
    assert "without activity" in window.login_page.error.text()
    from data import audit_repo

    with station.ctx.database.read() as c:
        logouts = audit_repo.list_events(c, action="logout")
    assert '"reason":"idle"' in logouts[-1]["body"]


def test_a_new_idle_timeout_is_in_force_at_once(qtbot, station, clock):
    """A set_config of idle_logout_minutes answers "applied": the window's timeout follows the
    settings' replacement (told on the command's worker thread) without a restart."""
    login(qtbot, station, "op", OP_PW)
    window, ctx = station.window, station.ctx
    assert window.idle.policy.timeout == timedelta(minutes=5)
    worker = threading.Thread(target=ctx.settings_holder.replace,
                              args=(ctx.settings.with_changes(idle_logout_minutes=1),))
    worker.start()
    worker.join(timeout=10)
    wait_for(lambda: window.idle.policy.timeout == timedelta(minutes=1))
    clock.advance(seconds=35)
    window.idle.check()
    assert window.countdown.isVisible() and "25 s" in window.countdown.text()
    clock.advance(seconds=25)
    window.idle.check()
    assert station.controller.session is None


# -- entry -----------------------------------------------------------------------------------------

def test_register_happy_path_and_last_box_asks_for_next_lot(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station, total="2")
    window = station.window
    fill(window.form)
    qtbot.mouseClick(window.form.save, Qt.MouseButton.LeftButton)
    assert window.form.confirmation.text() == "Saved: lot L2503-001, box 1."
    assert window.model.rowCount() == 1
    assert "box 2/2" in window.header.lot.text()
    fill(window.form, defect=None, location=None, cam_d="1,5", cam_w="2")
    window.form.submit()
    assert window.form.confirmation.text() == "Saved: lot L2503-001, box 2."  # the last box
    assert window.model.rowCount() == 2
    assert window.lot_dialog.isVisible()  # asked for the next lot at once
    assert "complete" in window.header.lot.text()
    assert "2 boxes" in window.totals.text()


@pytest.mark.parametrize("field, value, message", [
    ("cam_d", "", "Required."),
    ("cam_d", "abc", "Type a number, e.g. 3.5."),
    ("cam_d", "150", "Must be from 0 to 100."),
    ("cam_w", "1.000,5", "Type a number, e.g. 3.5."),
    ("cam_w", "-1", "Must be from 0 to 100."),
])
def test_validation_messages_next_to_the_field(qtbot, station, field, value, message):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    fill(form)
    getattr(form, field).setText(value)
    form.submit()
    assert form.errors[field].text() == message
    assert form.confirmation.text() == ""
    assert station.window.model.rowCount() == 0  # nothing saved


def test_rejection_pair_messages(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    fill(form, defect="Rachada", location=None)
    form.fields["rej1_location"].setCurrentIndex(0)
    form.fields["rej2_location"].setCurrentText("Cap")
    form.submit()
    assert form.errors["rej1_location"].text().startswith("Choose where the defect is")
    assert form.errors["rej2_defect"].text() == "Choose the defect for this location."


def test_lot_dialog_validation_and_no_lot_message(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    assert "Set the lot" in station.window.form.general_error.text()
    assert not station.window.form.save.isEnabled()
    dialog = set_lot(station, code="", total="0")
    assert dialog.errors["lot"].text() == "Required."
    assert dialog.errors["total_boxes"].text() == "Must be from 1 to 100000."
    dialog.reject()


def test_operator_cannot_correct_supervisor_can_with_signature(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    fill(station.window.form)
    station.window.form.submit()
    assert not station.window.correct_button.isVisible()
    station.controller.logout()
    login(qtbot, station, "sup", SUP_PW)
    window = station.window
    assert window.correct_button.isVisible()
    window.table.selectRow(0)
    from gui.correction_dialog import CorrectionDialog

    dialog = CorrectionDialog(station.controller, window.model.row_data(0), window)
    dialog.cam_d.setText("4,0")
    dialog.reason.setText("measured again on the bench")
    dialog.password.setText("not my password")
    dialog.apply()
    assert "Wrong password" in dialog.error.text()
    dialog.password.setText(SUP_PW)
    dialog.apply()
    assert dialog.result() == dialog.DialogCode.Accepted
    row = window.model.row_data(0)
    assert row["cam_d"] == 4.0 and row["version"] == 2 and row["operator"] == "op"
    assert row["editor"] == "sup"


def test_records_model_passes_qtmodeltester(qtbot, qtmodeltester, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station, total="5")
    for _ in range(3):
        fill(station.window.form)
        station.window.form.submit()
    qtmodeltester.check(station.window.model)


# -- always-on-top window ------------------------------------------------------------------------

def test_register_window_refuses_close_and_hides_for_supervisors(qtbot, station):
    from tests.gui.test_register_window import another_program_in_front

    register = station.window.register_window
    another_program_in_front(qtbot)  # the register window is for when the station is covered
    assert register.isVisible()
    assert register.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    register.close()
    assert register.isVisible()
    login(qtbot, station, "sup", SUP_PW)
    assert not register.isVisible()
    station.controller.logout()
    login(qtbot, station, "op", OP_PW)
    another_program_in_front(qtbot)
    assert register.isVisible()


# -- remote effects through the bridge -------------------------------------------------------------

def command(kind: CommandType, clock, **params) -> Command:
    now = clock.now()
    return Command("c" * 32, kind, "206", params, "sup", Role.SUPERVISOR, now,
                   now + timedelta(minutes=10), {})


def call_in_thread(function, *args):
    """Effects are called from the sync service's command thread and wait for the GUI."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(result=function(*args)))
    thread.start()
    return thread, box


def test_remote_lock_unlock_and_lot(qtbot, station, clock):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    bridge = station.bridge
    station.ctx.production.locked_reason = "cleaning the machine"  # what the executor does
    thread, box = call_in_thread(bridge.lock_entry, command(CommandType.LOCK, clock, reason="x"),
                                 "cleaning the machine")
    wait_for(lambda: "result" in box)
    thread.join()
    assert station.window.banner.isVisible() and "cleaning" in station.window.banner_text.text()
    assert not station.window.form.save.isEnabled()
    station.ctx.production.locked_reason = None
    thread, box = call_in_thread(bridge.unlock_entry, command(CommandType.UNLOCK, clock))
    wait_for(lambda: "result" in box)
    thread.join()
    assert not station.window.banner.isVisible() and station.window.form.save.isEnabled()
    lot = station.ctx.production.set_lot(station.controller.session, "L9", 7, 3)
    thread, box = call_in_thread(bridge.lot_changed, command(CommandType.SET_LOT, clock), lot)
    wait_for(lambda: "result" in box)
    thread.join()
    assert "L9 · box 3/7" in station.window.header.lot.text()
    assert box["result"]["lot"] == "L9"


def test_remote_message_waits_for_acknowledgement(qtbot, station, clock):
    login(qtbot, station, "op", OP_PW)
    thread, box = call_in_thread(station.bridge.show_message,
                                 command(CommandType.MESSAGE, clock, text="Clean the hopper"))
    wait_for(lambda: getattr(station.window, "remote_message", None) is not None
             and station.window.remote_message.isVisible())
    assert "result" not in box  # still waiting for the operator
    station.window.remote_message.accept()
    wait_for(lambda: "result" in box)
    thread.join()
    assert box["result"]["acknowledged_by"] == "op" and box["result"]["acknowledged_at"]


def test_remote_logout(qtbot, station, clock):
    login(qtbot, station, "op", OP_PW)
    thread, box = call_in_thread(station.bridge.force_logout, command(CommandType.LOGOUT, clock))
    wait_for(lambda: "result" in box)
    thread.join()
    assert station.controller.session is None and box["result"]["logged_out"] == "op"
    assert "logged you out" in station.window.login_page.error.text()


def test_remote_close_asks_the_operator_and_can_be_declined(qtbot, station, clock):
    login(qtbot, station, "op", OP_PW)
    thread, box = call_in_thread(station.bridge.close_app,
                                 command(CommandType.CLOSE_APP, clock), False)
    wait_for(lambda: getattr(station.window, "remote_close", None) is not None
             and station.window.remote_close.isVisible())
    from PySide6.QtWidgets import QMessageBox

    station.window.remote_close.done(QMessageBox.StandardButton.No)
    wait_for(lambda: "result" in box)
    thread.join()
    assert box["result"]["closing"] is False and station.window.isVisible()


def test_forced_close_quits(qtbot, station, clock):
    login(qtbot, station, "op", OP_PW)
    codes = []
    station.window.quit_requested.connect(codes.append)
    thread, box = call_in_thread(station.bridge.close_app, command(CommandType.CLOSE_APP, clock), True)
    wait_for(lambda: codes and "result" in box)
    thread.join()
    assert codes == [0] and box["result"]["closing"] is True


def test_bridge_answers_pending_requests_when_closing(qtbot, station, clock):
    thread, box = call_in_thread(station.bridge.show_message,
                                 command(CommandType.MESSAGE, clock, text="hello"))
    wait_for(lambda: getattr(station.window, "remote_message", None) is not None)
    station.bridge.close()
    wait_for(lambda: "result" in box)
    thread.join()
    assert box["result"]["answered"] is False


def test_scanned_lot_code_goes_to_the_lot_dialog(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    qtbot.keyClicks(window.scan_lot, "L2511-077")
    qtbot.keyClick(window.scan_lot, Qt.Key.Key_Return)
    dialog = window.lot_dialog
    assert dialog.isVisible() and dialog.code.text() == "L2511-077"
    dialog.total.setText("12")
    dialog.apply()
    assert "L2511-077 · box 1/12" in window.header.lot.text()


def test_alt_f4_by_an_operator_says_why_nothing_happens(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    window.close()  # what Alt+F4 asks the window to do
    assert window.isVisible() and station.controller.session is not None
    box = window.quit_refusal
    assert box.isVisible() and "ask a supervisor to close the station" in box.text()
    window.close()  # pressed again: still one box
    assert window.quit_refusal is box
    box.accept()
    station.controller.logout()
    login(qtbot, station, "sup", SUP_PW)
    codes = []
    window.quit_requested.connect(codes.append)
    window.close()  # a supervisor may close it
    assert codes == [0]
