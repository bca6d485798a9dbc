"""The register window hides nothing of the station window: it shows only while another
program is in front, opens clear of the header's share status and clock, can be dragged,
comes back where the operator left it and never ends up off the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.conftest import wait_for

def another_program_in_front(qtbot) -> QWidget:
    """A window that is not the station's takes the front (what another program does)."""
    other = QWidget()
    other.setObjectName("anotherProgram")
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    wait_for(lambda: QApplication.activeWindow() is not None
             and QApplication.activeWindow().objectName() in ("anotherProgram", "registerWindow"))
    return other


def station_in_front(station) -> None:
    station.window.bring_forward()
    wait_for(lambda: QApplication.activeWindow() is station.window)


def test_shown_only_while_another_program_is_in_front(qtbot, station):
    register = station.window.register_window
    station_in_front(station)
    assert not register.isVisible()  # the station window is in front: nothing to cover it
    another_program_in_front(qtbot)
    assert register.isVisible()
    register.button.click()  # brings the station window forward, and goes away
    wait_for(lambda: QApplication.activeWindow() is station.window)
    assert not register.isVisible()
    dialog = station.window.open_lot_dialog()  # a dialog of the station window: still in front
    wait_for(lambda: QApplication.activeWindow() is dialog)
    assert not register.isVisible()
    dialog.reject()


def test_opens_clear_of_the_header_and_inside_the_screen(qtbot, station):
    window = station.window
    area = QGuiApplication.primaryScreen().availableGeometry()
    window.setGeometry(area)  # the station window filling the screen, as on the floor
    another_program_in_front(qtbot)
    register = window.register_window
    frame = register.frameGeometry()
    assert area.contains(frame)
    for label in (window.header.share, window.header.clock):
        top_left = label.mapToGlobal(QPoint(0, 0))
        assert not frame.intersects(label.rect().translated(top_left))


def drag(widget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(widget, end)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_dragged_remembered_and_kept_on_screen(qtbot, station, ctx):
    from gui.register_window import RegisterWindow

    another_program_in_front(qtbot)
    register = station.window.register_window
    before = register.pos()
    grip = register.grip.geometry().center()
    drag(register, grip, grip + QPoint(-300, -200))
    wait_for(lambda: register.pos() != before)
    moved = register.pos()
    assert (ctx.paths.config_dir / "window-state.ini").is_file()
    again = RegisterWindow("206", config_dir=ctx.paths.config_dir)  # the next start
    qtbot.addWidget(again)
    again.place()
    assert again.pos() == moved
    drag(register, register.grip.geometry().center(), QPoint(5000, 5000))  # off every screen
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(register.frameGeometry())
