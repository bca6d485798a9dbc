"""A sentence in the middle of an empty list or table ("No alarms"), where a blank white box
left a new user wondering whether it was still loading, broken, or really empty. One helper for
every item view (QTableView, QListWidget, QTableWidget); the dashboard's plots have their own
(gui/admin/dashboard_layout.py EmptyNote), a plot being no item view.

The sentence is drawn on the view's viewport while its model has no rows, in the hints' colour,
and is the view's description for screen readers while it is shown. A screen that reads its rows
in the background gives the sentence once they are read (`set_text`): "No alarms" said before
the first reading would say something nobody checked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QAbstractItemView

from gui.theme import HINT_COLOR

MARGIN_PX = 12


class EmptyViewText(QObject):
    """What `view` says while it has no rows; a child of the view (it lives as long as it)."""

    def __init__(self, view: QAbstractItemView, text: str = ""):
        super().__init__(view)
        self.setObjectName("emptyViewText")
        self.view = view
        self._text, self._described = text, ""
        view.viewport().installEventFilter(self)

    def set_text(self, text: str) -> None:
        """The sentence ("" : none, the view stays blank while it has nothing to show)."""
        if text == self._text:
            return  # a screen says it on every refresh: no repaint for nothing
        self._text = text
        self.view.viewport().update()

    def shown_text(self) -> str:
        """The sentence the view shows now: "" while it has rows (or no sentence)."""
        model = self.view.model()
        return self._text if model is not None and model.rowCount() == 0 else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # Drawn before the view paints: an empty view paints nothing over the middle.
        if event.type() == QEvent.Type.Paint and watched is self.view.viewport():
            text = self.shown_text()
            described = self.view.accessibleDescription()
            if described != text and described in ("", self._described):
                self._described = text  # rows came or went since (another description kept)
                self.view.setAccessibleDescription(text)
            if text:
                painter = QPainter(watched)
                painter.setPen(QColor(HINT_COLOR))
                painter.drawText(watched.rect().adjusted(MARGIN_PX, MARGIN_PX, -MARGIN_PX,
                                                         -MARGIN_PX),
                                 int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                                 text)
                painter.end()
        return False


def shown_empty_text(view: QAbstractItemView) -> str:
    """What `view` says about being empty now ("" : it has rows, or says nothing)."""
    note = view.findChild(EmptyViewText, "emptyViewText")
    return "" if note is None else note.shown_text()
