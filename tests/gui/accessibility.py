"""What a keyboard or screen-reader user meets in a window: its Tab chain, walked with real Tab
keys through the window system, and the name a screen reader says for each input (Qt's
accessible name: set, or taken from the label whose buddy it is)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QAbstractSpinBox, QApplication, QComboBox, QLineEdit,
    QPlainTextEdit, QTextEdit, QWidget,
)

from tests.gui.conftest import wait_for

INPUTS = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QPlainTextEdit, QTextEdit,
          QAbstractItemView)


def shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window()) and widget.isVisible() and widget.isEnabled()


def inputs_of(window: QWidget) -> list[QWidget]:
    """The inputs a person can reach in `window` (not its own sub-windows)."""
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not shown(widget) or widget.window() is not window:
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QComboBox,
                                                                                QAbstractSpinBox)):
            continue  # the line edit inside an editable list or a number box: one input
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        found.append(widget)
    return found


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return "" if interface is None else interface.text(QAccessible.Text.Name).strip()


def unnamed(window: QWidget) -> list[str]:
    """Inputs a screen reader would announce without a name ("edit", "combo box")."""
    return [f"{type(w).__name__} {w.objectName() or '?'}" for w in inputs_of(window)
            if not spoken_name(w)]


def activate(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()
    wait_for(lambda: QApplication.activeWindow() is window)


def tab_chain(window: QWidget, start: QWidget, limit: int = 80) -> list[QWidget]:
    """The widgets Tab visits from `start` until it comes back to it (real Tab keys)."""
    activate(window)
    start.setFocus(Qt.FocusReason.TabFocusReason)
    wait_for(lambda: QApplication.focusWidget() is start)
    chain = [start]
    for _ in range(limit):
        QTest.keyClick(QGuiApplication.focusWindow(), Qt.Key.Key_Tab)
        QApplication.processEvents()
        current = QApplication.focusWidget()
        if current is start:
            return chain
        chain.append(current)
    raise AssertionError(f"Tab never came back to {start.objectName()}")


def _box(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def reading_order_breaks(chain: list[QWidget]) -> list[str]:
    """Places where Tab goes backwards in reading order (up a row, or left within one)."""
    problems = []
    for before, after in zip(chain, chain[1:]):
        a, b = _box(before), _box(after)
        same_row = abs(a.center().y() - b.center().y()) < min(a.height(), b.height()) / 2
        backwards = (b.center().x() < a.left() if same_row
                     else b.center().y() < a.top())
        if backwards:
            problems.append(f"{before.objectName() or type(before).__name__} → "
                            f"{after.objectName() or type(after).__name__}")
    return problems
