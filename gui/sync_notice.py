"""The red notice under a window's header saying why this PC does not sync for its station
(gui/app_texts.py words it), with the button that acts on it where a person reads it: a
supervisor confirming a takeover on a touch screen should not have to find a 22 px menu.

The button only triggers the window's menu action (gui/app_window.py `takeover_action`): one
code path, whichever the person uses, and the window decides when it is offered."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from gui.labels import wrapped_label
from gui.theme import ERROR_COLOR, TOUCH_MIN_PX


class SyncNotice(QFrame):
    def __init__(self, action: QAction, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncNoticeBar")
        self.setStyleSheet(f"QFrame#syncNoticeBar {{ background: {ERROR_COLOR}; }}")
        self.label = wrapped_label("syncNotice")
        self.label.setStyleSheet("color: white; font-size: 15px; padding: 6px 12px;")
        self.button = QPushButton(self.tr("Confirm the takeover…"))
        self.button.setObjectName("takeoverButton")
        self.button.setMinimumHeight(TOUCH_MIN_PX)
        # White on the red bar: the one thing to press there.
        self.button.setStyleSheet("background: white; color: black; font-weight: bold;")
        self.button.clicked.connect(action.trigger)
        self.button.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 12, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def say(self, text: str | None) -> None:
        """Show `text` (None or empty: this PC syncs, the notice goes)."""
        self.label.setText(text or "")
        self.setVisible(bool(text))

    def offer(self, shown: bool) -> None:
        """The button, while the window offers the action to the person logged in."""
        self.button.setVisible(shown)
