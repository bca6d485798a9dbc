"""A whole shift with the keyboard alone, every key sent to the window that has the focus
through Qt's window-system entry point (as a real keyboard's keys arrive: focus, shortcuts and
popups all decide where it goes): log in, set the lot (F2), five boxes (one with a rejection
chosen from the lists), the next-lot question at the end, and log out (Ctrl+Shift+L)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import wait_for
from tests.gui.test_station_window import OP_PW


def focus():
    return QApplication.focusWidget()


def press(key, modifier=Qt.KeyboardModifier.NoModifier):
    window = QGuiApplication.focusWindow()
    assert window is not None, "no window has the keyboard"
    QTest.keyClick(window, key, modifier)
    QApplication.processEvents()


def type_text(text: str):
    for char in text:
        press(char)


def test_a_shift_with_the_keyboard_only(qtbot, station):
    window = station.window
    window.activateWindow()
    wait_for(lambda: QApplication.activeWindow() is window)
    window.login_page.reset()
    assert focus() is window.login_page.username
    type_text("op")
    press(Qt.Key.Key_Return)  # a badge scanner does the same
    type_text(OP_PW)
    press(Qt.Key.Key_Return)
    assert station.controller.session.username == "op"
    assert focus() is window.lot_button  # no lot yet: the way forward has the keyboard

    press(Qt.Key.Key_F2)  # the button's shortcut "clicks" it after its press animation
    wait_for(lambda: getattr(window, "lot_dialog", None) is not None)
    dialog = window.lot_dialog
    wait_for(lambda: focus() is dialog.code)
    type_text("L2511-300")
    press(Qt.Key.Key_Return)
    assert focus() is dialog.total
    type_text("5")
    press(Qt.Key.Key_Return)
    assert focus() is dialog.current
    press(Qt.Key.Key_Return)  # box 1, as proposed
    wait_for(lambda: not dialog.isVisible())
    form = window.form
    wait_for(lambda: focus() is form.cam_d)

    for box in range(1, 6):
        type_text(f"{box},5")
        press(Qt.Key.Key_Return)
        assert focus() is form.cam_w
        type_text("2,25")
        if box == 3:  # a rejection, chosen from the lists with the arrow keys
            press(Qt.Key.Key_Tab)
            assert focus() is form.fields["rej1_defect"]
            press(Qt.Key.Key_Down)  # opens the list; changes nothing by itself
            wait_for(lambda: QApplication.activePopupWidget() is not None)
            press(Qt.Key.Key_Down)
            press(Qt.Key.Key_Return)
            press(Qt.Key.Key_Tab)
            assert focus() is form.fields["rej1_location"]
            press(Qt.Key.Key_Down)
            wait_for(lambda: QApplication.activePopupWidget() is not None)
            press(Qt.Key.Key_Down)
            press(Qt.Key.Key_Return)
            for _ in range(6):  # rej2, rej3, size: on to the button
                press(Qt.Key.Key_Tab)
            assert focus() is form.save
        press(Qt.Key.Key_Return)
        assert form.confirmation.text() == f"Saved: lot L2511-300, box {box}.", box
        if box < 5:
            assert focus() is form.cam_d  # ready for the next box

    rows = [window.model.row_data(r) for r in range(window.model.rowCount())]
    assert len(rows) == 5
    third = next(row for row in rows if row["box"] == 3)
    assert (third["rej1_defect"], third["rej1_location"]) == ("Amassada", "Cap")
    assert third["cam_d"] == 3.5 and third["cam_w"] == 2.25

    # The lot is complete: the next lot is asked for at once; Escape leaves it for later.
    wait_for(lambda: window.lot_dialog.isVisible() and focus() is window.lot_dialog.code)
    press(Qt.Key.Key_Escape)
    wait_for(lambda: not window.lot_dialog.isVisible())
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert station.controller.session is None
    assert focus() is window.login_page.username
