"""No value changes that the person did not see coming.

A closed drop-down list (QComboBox) changes its value on Up/Down and under a passing mouse
wheel, with nothing on screen saying that the list had the keyboard: an operator pressing Down
turned "(none)" into "Amassada". Installed once on the application: Up or Down on a closed,
non-editable list opens it instead (the choice is then made where it can be seen, and Enter
takes it), and the wheel only turns a list or a number box that has the focus (otherwise it
scrolls the page under it, as the person meant).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

from gui.app_events import install_once


class InputGuard(QObject):
    KINDS = (QEvent.Type.KeyPress, QEvent.Type.Wheel)

    def handle(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(watched, QComboBox) \
                and not watched.isEditable():
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) \
                    and key_event.modifiers() == Qt.KeyboardModifier.NoModifier:
                watched.showPopup()
                return True
        if kind == QEvent.Type.Wheel and isinstance(watched, (QComboBox, QAbstractSpinBox)) \
                and not watched.hasFocus():
            event.ignore()  # to the scroll area behind it
            return True
        return False


def install_input_guard(app) -> InputGuard:
    return install_once(app, InputGuard)
