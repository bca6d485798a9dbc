"""A layout that scrolls when the screen is too short for it (1366 x 768 with a taskbar): the
part of a dialog or tab whose fields may not fit, with what is around it kept in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLayout, QScrollArea, QVBoxLayout, QWidget


def scrolled(layout: QLayout | QWidget, name: str = "") -> QScrollArea:
    """`layout` in a resizable, frameless scroll area that Tab passes through to its fields
    (a widget is put at the top, the room below it left empty)."""
    if isinstance(layout, QWidget):
        widget, layout = layout, QVBoxLayout()
        layout.addWidget(widget)
        layout.addStretch(1)
    content = QWidget()
    content.setLayout(layout)
    scroll = QScrollArea()
    if name:
        scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll
