"""What every table model shares (gui/table_model.py ColumnTableModel): `data` answers for cells
in the rows only and asks the model's `cell_data` for the rest, so no model repeats the index
checks; a model that neither says what its cells show nor answers `data` itself fails loudly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from gui.table_model import ColumnTableModel


class _Sizes(ColumnTableModel):
    COLUMNS = ("size", "boxes")

    def __init__(self) -> None:
        super().__init__()
        self._rows = []
        self._headers = ("Size", "Boxes")
        self.asked: list[tuple[str, str, int]] = []

    def cell_data(self, row: dict, column: str, role: int) -> object:
        self.asked.append((row["size"], column, role))
        return str(row[column]) if role == Qt.ItemDataRole.DisplayRole else None


def test_data_asks_cell_data_for_cells_in_the_rows_only(qtmodeltester):
    model = _Sizes()
    model.set_rows([{"size": "#0", "boxes": 12}, {"size": "#1", "boxes": 3}])
    qtmodeltester.check(model)
    model.asked.clear()
    assert model.data(model.index(1, 1)) == "3"
    assert model.asked == [("#1", "boxes", Qt.ItemDataRole.DisplayRole)]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.ToolTipRole) is None
    model.asked.clear()
    assert model.data(QModelIndex()) is None
    assert model.data(model.createIndex(2, 0)) is None  # a row that is not there (any more)
    assert model.asked == []


def test_row_at_gives_the_item_of_a_row_of_the_rows_shown_now():
    model = _Sizes()
    model.set_rows([{"size": "#0", "boxes": 12}, {"size": "#1", "boxes": 3}])
    assert model.row_at(1) == {"size": "#1", "boxes": 3}
    model.set_rows([{"size": "#2", "boxes": 5}])
    assert model.row_at(0)["size"] == "#2"
    with pytest.raises(IndexError):
        model.row_at(1)


def test_a_model_that_says_nothing_about_its_cells_fails_loudly():
    """Loudly and early: when the class is declared, not when a view first asks for a cell."""
    with pytest.raises(TypeError, match="Silent says nothing about its cells"):
        class Silent(ColumnTableModel):
            COLUMNS = ("size",)


def test_a_model_answering_data_itself_needs_no_cell_data():
    class OwnData(ColumnTableModel):
        COLUMNS = ("size",)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "#0" if role == Qt.ItemDataRole.DisplayRole else None

    model = OwnData()
    model._rows, model._headers = [{"size": "#0"}], ("Size",)
    assert model.data(model.index(0, 0)) == "#0"
