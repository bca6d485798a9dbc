"""A catalog section's table of rows that an admin adds to and removes from (the stops
section's rates per size, the SPC section's limits): the table, with its "Add …" and "Remove
selected" buttons in a row under it, all touch-sized (an office PC may be a touch screen too);
and the short text field of a list typed one entry per line (`one_per_line`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPlainTextEdit, QPushButton, QTableWidget,
    QWidget,
)

from gui.theme import TOUCH_MIN_PX


def one_per_line(object_name: str, max_height: int, placeholder: str = "") -> QPlainTextEdit:
    """A catalog list typed one entry per line (planned breaks, extra stop reasons, label
    printers): a plain-text field no taller than `max_height`, `placeholder` as an example."""
    field = QPlainTextEdit()
    field.setObjectName(object_name)
    field.setPlaceholderText(placeholder)
    field.setMaximumHeight(max_height)
    return field


class CatalogRows(QTableWidget):
    def __init__(self, name: str, headers: Sequence[str], add_text: str,
                 parent: QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self.setObjectName(name)
        self.setHorizontalHeaderLabels(list(headers))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(TOUCH_MIN_PX)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setMinimumHeight(120)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        # The section puts this row of buttons under the table in its own layout.
        self.buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button):
            button.setMinimumHeight(TOUCH_MIN_PX)
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)

    def remove_selected(self) -> None:
        """Every row with a selected cell (from the last, so the row numbers hold)."""
        for row in sorted({index.row() for index in self.selectedIndexes()}, reverse=True):
            self.removeRow(row)

    def cell_text(self, row: int, column: int) -> str:
        """A cell's text; "" for a cell nobody typed in (it has no item)."""
        item = self.item(row, column)
        return "" if item is None else item.text()
