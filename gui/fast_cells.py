"""A table delegate that paints a cell's text and colours straight from its model's cache.

Qt's own delegate asks the model for eight roles per cell and lays the text out on every
paint; with a model written in Python each ask crosses into the interpreter. Tables repainted
several times a second (the fleet table with 200 stations, the audit page of 5,000 events)
paint through this instead: one call per cell, the model's texts as QStaticText laid out
once, elided only when they do not fit.

The model provides `paint_cell(row, column) -> (text, foreground brush or None, background
brush or None)`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QStaticText
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

PAD_PX = 3  # text inset from the cell's edges, as Qt's own delegate sizes a column
CACHE_LIMIT = 20_000  # texts kept laid out; the cache starts over beyond it
_SELECTED = QStyle.StateFlag.State_Selected


class FastCellDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        palette = view.palette()
        self._highlight = palette.brush(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
        self._highlighted_text = palette.color(QPalette.ColorGroup.Active,
                                               QPalette.ColorRole.HighlightedText)
        self._text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        self._static: dict[tuple[str, int], QStaticText] = {}
        self._metrics: QFontMetrics | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        text, foreground, background = index.model().paint_cell(index.row(), index.column())
        rect = option.rect
        if option.state & _SELECTED:
            painter.fillRect(rect, self._highlight)
            painter.setPen(self._highlighted_text)
        else:
            if background is not None:
                painter.fillRect(rect, background)
            painter.setPen(self._text if foreground is None else foreground.color())
        if not text:
            return
        room = rect.width() - PAD_PX  # a column fitted to its text has 2 × PAD_PX to spare
        static = self._static.get((text, room))
        if static is None:
            static = self._laid_out(text, room, painter)
        height = static.size().height()
        painter.drawStaticText(QPointF(rect.x() + PAD_PX, rect.y() + (rect.height() - height) / 2),
                               static)

    def shown_text(self, text: str, room: int, metrics: QFontMetrics) -> str:
        """The text as drawn in `room` pixels: whole, or cut with an ellipsis."""
        if metrics.horizontalAdvance(text) <= room:
            return text
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0))

    def _laid_out(self, text: str, room: int, painter: QPainter) -> QStaticText:
        if self._metrics is None:
            self._metrics = QFontMetrics(painter.font())
        if len(self._static) > CACHE_LIMIT:
            self._static.clear()
        static = QStaticText(self.shown_text(text, room, self._metrics))
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=painter.font())
        self._static[(text, room)] = static
        return static
