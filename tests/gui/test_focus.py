"""Focus an operator can see and trust: after login the first field is CAM-D (typed for every
box), the field with the keyboard has a thick amber ring, Up/Down on a closed list opens it
instead of silently changing it, and a passing mouse wheel changes nothing unfocused."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication

from gui.theme import FOCUS_COLOR

from tests.gui.conftest import wait_for
from tests.gui.test_station_window import OP_PW, login, set_lot


def focused():
    return QApplication.focusWidget()


def test_after_login_the_first_field_has_a_visible_ring(qtbot, station):
    station.window.activateWindow()
    login(qtbot, station, "op", OP_PW)
    form = station.window.form
    assert focused() is station.window.lot_button  # no lot yet: the one way forward
    set_lot(station)
    station.controller.logout()
    login(qtbot, station, "op", OP_PW)
    wait_for(lambda: focused() is form.cam_d)
    image = form.cam_d.grab().toImage()
    ring = QColor(image.pixel(1, image.height() // 2))
    assert ring.name() == QColor(FOCUS_COLOR).name()
    unfocused = form.cam_w.grab().toImage()
    assert QColor(unfocused.pixel(1, unfocused.height() // 2)).name() != QColor(FOCUS_COLOR).name()


def test_tab_goes_in_the_order_of_the_work(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    form.cam_d.setFocus()
    order = [form.cam_d]
    for _ in range(9):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        order.append(focused())
    names = [w.objectName() for w in order]
    assert names == ["cam_d", "cam_w", "rej1_defect", "rej1_location", "rej2_defect",
                     "rej2_location", "rej3_defect", "rej3_location", "size", "primary"]


def test_arrow_keys_open_a_list_instead_of_changing_it(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    defect = station.window.form.fields["rej1_defect"]
    defect.setFocus()
    qtbot.keyClick(defect, Qt.Key.Key_Down)
    assert defect.currentIndex() == 0 and defect.currentData() is None  # still "(none)"
    wait_for(lambda: defect.view().isVisible())
    qtbot.keyClick(defect.view(), Qt.Key.Key_Down)
    qtbot.keyClick(defect.view(), Qt.Key.Key_Return)  # chosen where it can be seen
    wait_for(lambda: not defect.view().isVisible())
    assert defect.currentText() == "Amassada"


def test_a_passing_wheel_changes_nothing_unfocused(qtbot, station):
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    form = station.window.form
    form.cam_d.setFocus()
    location = form.fields["rej2_location"]
    centre = QPointF(location.rect().center())
    wheel = QWheelEvent(centre, QPointF(location.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(location, wheel)
    assert location.currentIndex() == 0
