"""What every table model of ours shares: one row per item in `_rows`, the columns named in
COLUMNS, their translated titles in `_headers` (horizontal header only), the rows replaced
whole (`set_rows`), the item of a row (`row_at`), a cell's row and column name (`cell`) and
`data` answering for cells in the rows only (a model says what a cell shows in `cell_data`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ColumnTableModel(QAbstractTableModel):
    COLUMNS: tuple[str, ...] = ()
    _rows: Sequence[Any]
    _headers: tuple[str, ...]
    # What the model shows for `role` in `column` of `row` (None: nothing). Every model that
    # leaves `data` to this class defines it; a model that does neither cannot be declared.
    cell_data: Callable[[Any, str, int], Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.data is ColumnTableModel.data and not callable(getattr(cls, "cell_data", None)):
            raise TypeError(f"{cls.__name__} says nothing about its cells: define cell_data "
                            f"(or data)")

    def set_rows(self, rows: Sequence[Any]) -> None:
        """Show these rows instead of the ones shown (a reset: views keep no row of before)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        """The item shown in row `row` (of this model, not of a proxy over it)."""
        return self._rows[row]

    def cell(self, index: Index) -> tuple[Any, str] | None:
        """The row and the column's name at `index`; None for an index outside the rows."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()], self.COLUMNS[index.column()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's value for `role`, from `cell_data`; None for an index outside the rows."""
        cell = self.cell(index)
        return None if cell is None else self.cell_data(cell[0], cell[1], role)


    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None
