"""A whole shift by touch alone, on a touch screen with an on-screen keyboard: every tap a
touch event through Qt's window-system entry point (a button's click, a field's focus, a list
opening and an item chosen all follow from it), every text what an on-screen keyboard sends
(an input-method commit to the focused field). Log in, set the lot, five boxes (one with a
rejection picked by tapping), decline the next-lot question, log out; every target tapped is
at least a fingertip tall."""

from __future__ import annotations

from PySide6.QtGui import QInputDevice, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QWidget

from gui.theme import TOUCH_MIN_PX

from tests.gui.conftest import wait_for
from tests.gui.test_station_window import OP_PW

_device = None


def finger():
    global _device
    if _device is None:
        _device = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen)
    return _device


def tap(widget: QWidget, point=None) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    assert widget.height() >= TOUCH_MIN_PX, (widget.objectName(), widget.height())
    top = widget.window()
    where = widget.mapTo(top, point if point is not None else widget.rect().center())
    window = top.windowHandle()
    QTest.touchEvent(window, finger()).press(0, where).commit()
    QTest.touchEvent(window, finger()).release(0, where).commit()
    QApplication.processEvents()


def keyboard_types(text: str) -> None:
    """The on-screen keyboard's text, sent where the focus is."""
    target = QApplication.focusWidget()
    assert target is not None
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(target, event)
    QApplication.processEvents()


def type_into(field: QWidget, text: str) -> None:
    tap(field)
    wait_for(lambda: QApplication.focusWidget() is field)
    keyboard_types(text)
    assert field.text().endswith(text)


def choose(combo: QComboBox, text: str) -> None:
    tap(combo)
    wait_for(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    view = combo.view()
    row = combo.findText(text)
    rect = view.visualRect(combo.model().index(row, 0))
    where = view.viewport().mapTo(popup, rect.center())
    QTest.touchEvent(popup.windowHandle(), finger()).press(0, where).commit()
    QTest.touchEvent(popup.windowHandle(), finger()).release(0, where).commit()
    wait_for(lambda: QApplication.activePopupWidget() is None)
    assert combo.currentText() == text


def test_a_shift_by_touch_only(qtbot, station):
    window = station.window
    window.activateWindow()
    wait_for(lambda: QApplication.activeWindow() is window)
    page = window.login_page
    type_into(page.username, "op")
    type_into(page.password, OP_PW)
    tap(page.login_button)
    assert station.controller.session.username == "op"

    tap(window.lot_button)
    wait_for(lambda: getattr(window, "lot_dialog", None) is not None
             and window.lot_dialog.isVisible())
    dialog = window.lot_dialog
    type_into(dialog.code, "L2511-400")
    type_into(dialog.total, "5")
    buttons = dialog.findChild(QDialogButtonBox)
    tap(buttons.button(QDialogButtonBox.StandardButton.Ok))
    wait_for(lambda: not dialog.isVisible())
    assert "L2511-400" in window.header.lot.toolTip()

    form = window.form
    for box in range(1, 6):
        type_into(form.cam_d, f"{box},25")
        type_into(form.cam_w, "1,5")
        if box == 2:
            choose(form.fields["rej1_defect"], "Furo")
            choose(form.fields["rej1_location"], "Body")
        tap(form.save)
        assert form.confirmation.text() == f"Saved: lot L2511-400, box {box}.", box

    rows = [window.model.row_data(r) for r in range(window.model.rowCount())]
    second = next(row for row in rows if row["box"] == 2)
    assert len(rows) == 5 and (second["rej1_defect"], second["rej1_location"]) == ("Furo", "Body")
    assert second["cam_d"] == 2.25

    wait_for(lambda: window.lot_dialog.isVisible())  # the lot is complete: the next one?
    buttons = window.lot_dialog.findChild(QDialogButtonBox)
    tap(buttons.button(QDialogButtonBox.StandardButton.Cancel))  # later
    wait_for(lambda: not window.lot_dialog.isVisible())
    tap(window.logout_button)
    assert station.controller.session is None
