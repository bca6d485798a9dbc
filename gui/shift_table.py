"""The station's table of this shift's records, the one beside the entry form.

The rejections are what the operator reads there, so their column takes the room the short
columns (time, lot, box, size, CAM, operator, status: each as wide as its content) leave, and
a record's rejections are shown one a line, its row growing: the column then needs the widest
single rejection ("Apara Retida (Cap/Body)", about 190 px), not two or three side by side
(about 380 px, more than a 1280 x 720 screen leaves it).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from gui.empty_view import EmptyViewText
from gui.records_model import RecordsTableModel
from gui.table_view import read_table

# The height of a record with at most one rejection (a row with more grows to fit them).
ROW_PX = 36


def shift_records_model(parent: QWidget) -> RecordsTableModel:
    """This shift's records, newest first, their rejections one a line."""
    return RecordsTableModel(parent, rejections_per_line=True)


def shift_records_table(model: RecordsTableModel, accessible_name: str) -> QTableView:
    """The table, whole rows selected, nothing edited in place (corrections have a dialog)."""
    table = read_table(model, accessible_name, "recordsTable")
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(model.COLUMNS.index("rejections"), QHeaderView.ResizeMode.Stretch)
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(ROW_PX)
    rows.setDefaultSectionSize(ROW_PX)
    # A shift's few hundred rows at most: measuring them on a layout costs little.
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Its rows are read as the window opens (a blank table at a first login looked broken).
    EmptyViewText(table, QCoreApplication.translate(
        "ShiftTable", "Nothing has been registered in this shift yet."))
    return table
