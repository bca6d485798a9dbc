"""reload_keeping_place (gui/admin/keep_place.py), as the Production and Audit tabs use it:
new rows arrive at the top of a newest-first table while someone reads it."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class NewestFirst(QAbstractTableModel):
    """Rows newest first; `arrive` stores new ones, shown above at the next reload (as the
    site view stores a station's journal and the tab's model reads it on reload)."""

    def __init__(self, count: int):
        super().__init__()
        self.rows = [{"id": n} for n in reversed(range(count))]
        self.stored = list(self.rows)

    def arrive(self, count: int) -> None:
        newest = self.stored[0]["id"] + 1
        self.stored[:0] = [{"id": n} for n in reversed(range(newest, newest + count))]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        return str(self.rows[index.row()]["id"]) if role == Qt.ItemDataRole.DisplayRole else None

    def row_data(self, row: int) -> dict[str, Any]:
        return self.rows[row] if 0 <= row < len(self.rows) else {}

    def reload(self, keep=()) -> list[int | None]:
        self.beginResetModel()
        self.rows = list(self.stored)
        self.endResetModel()
        ids = [r["id"] for r in self.rows]
        return [None if r is None or r["id"] not in ids else ids.index(r["id"]) for r in keep]


@pytest.fixture
def table(qtbot):
    from PySide6.QtWidgets import QTableView

    from gui.app import make_application

    make_application([])
    view = QTableView()
    view.setModel(NewestFirst(300))
    view.resize(300, 200)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _top(table) -> int:
    return table.model().row_data(table.rowAt(0))["id"]


def test_a_reader_scrolled_down_keeps_the_rows_in_view_and_the_selection(table):
    from gui.admin.keep_place import reload_keeping_place

    model = table.model()
    table.scrollTo(model.index(100, 0), table.ScrollHint.PositionAtTop)
    table.selectRow(105)
    top, selected = _top(table), model.row_data(105)["id"]
    model.arrive(7)
    reload_keeping_place(table, model)
    assert _top(table) == top
    assert model.row_data(table.currentIndex().row())["id"] == selected
    assert table.currentIndex().row() == 112


def test_a_reader_at_the_top_sees_the_newest(table):
    from gui.admin.keep_place import reload_keeping_place

    model = table.model()
    table.selectRow(2)
    model.arrive(5)
    reload_keeping_place(table, model)
    assert table.verticalScrollBar().value() == 0 and _top(table) == model.rows[0]["id"]
    assert table.currentIndex().row() == 7
