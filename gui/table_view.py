"""read_table(): a QTableView set up the way every table a person reads in this app is: named
for screen readers, its object name for tests and style sheets, and the Tab key leaving it
(arrows move inside), so the keyboard reaches the filters and buttons around it. What differs
per table (selection, resizing, delegates) stays with the screen that builds it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QTableView


def read_table(model: QAbstractItemModel, accessible_name: str,
               object_name: str | None = None) -> QTableView:
    table = QTableView()
    table.setAccessibleName(accessible_name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
    if object_name is not None:
        table.setObjectName(object_name)
    table.setModel(model)
    return table
