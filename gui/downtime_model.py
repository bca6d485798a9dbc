"""Tables of downtime and OEE: rows of texts already in the reader's language, each with the
value it sorts by and an optional key (the stop or shift the row is about)."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt

from gui.table_model import ColumnTableModel, Index


class TextRowsModel(ColumnTableModel):
    """A read-only table: `set_rows` gives (texts, sort values, key) per row."""

    def __init__(self, columns: tuple[str, ...], headers: tuple[str, ...],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.COLUMNS = columns
        self._headers = headers
        self._rows: list[tuple[Sequence[str], Sequence[Any], Any]] = []

    def key(self, row: int) -> Any:
        return self._rows[row][2] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        texts, sort_values, _key = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return texts[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return sort_values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            value = sort_values[index.column()]
            if isinstance(value, (int, float)):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def index_of_key(self, key: Any) -> QModelIndex:
        for row, entry in enumerate(self._rows):
            if entry[2] == key:
                return self.index(row, 0)
        return QModelIndex()
