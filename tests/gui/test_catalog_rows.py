"""The catalog sections' table of rows (gui/admin/catalog_rows.py): "Remove selected" takes
every selected row and only those, a cell nobody typed in reads as "", the buttons are
touch-sized."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableWidgetItem

from gui.admin.catalog_rows import CatalogRows
from gui.theme import TOUCH_MIN_PX


def test_remove_selected_takes_the_selected_rows_only(qtbot):
    rows = CatalogRows("someRows", ("Size", "Rate"), "Add size")
    qtbot.addWidget(rows)
    for text in ("#0", "#1", "#2", "#3"):
        row = rows.rowCount()
        rows.insertRow(row)
        rows.setItem(row, 0, QTableWidgetItem(text))
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 2):
        rows.selectionModel().select(rows.model().index(row, 0), flags)
    rows.remove_button.click()
    assert [rows.cell_text(row, 0) for row in range(rows.rowCount())] == ["#1", "#3"]
    assert rows.cell_text(0, 1) == ""  # never typed in: no item
    assert rows.objectName() == "someRows" and rows.add_button.text() == "Add size"
    assert rows.horizontalHeaderItem(1).text() == "Rate"
    assert min(rows.add_button.minimumHeight(), rows.remove_button.minimumHeight()) \
        >= TOUCH_MIN_PX
