"""read_table(): a QTableView set up the way every table a person reads in this app is: named
for screen readers, its object name for tests and style sheets, and the Tab key leaving it
(arrows move inside), so the keyboard reaches the filters and buttons around it. Two kinds of
table a person picks a row from are set up here too (short_list, long_list); what else differs
per table (delegates, a stretched column) stays with the screen that builds it.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from gui.steps import Steps, finish
from gui.theme import SIZE_SAMPLE_ROWS


def read_table(model: QAbstractItemModel, accessible_name: str,
               object_name: str | None = None) -> QTableView:
    table = QTableView()
    table.setAccessibleName(accessible_name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
    if object_name is not None:
        table.setObjectName(object_name)
    table.setModel(model)
    return table


def short_list(table: QTableView) -> QTableView:
    """A table of a few dozen rows a person picks one from (the accounts, the commands sent):
    one row selected at a time, not editable, each column as wide as its content and the last
    one stretched to the table's edge."""
    _one_row_at_a_time(table).setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def long_list(table: QTableView) -> QTableView:
    """A table of thousands of rows read a page at a time (the audit trail, the site's records):
    one row selected at a time, scrolled row by row, not editable, and its columns fitted by
    the screen to a sample of rows (resizeColumnsToContents after a refresh): a header in
    ResizeToContents mode re-measured every row on each layout, seconds on the GUI thread with
    a full page (bench_gui.py)."""
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
    header = _one_row_at_a_time(table)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
    return table


def _one_row_at_a_time(table: QTableView) -> QHeaderView:
    """What both kinds of list share: whole rows selected one at a time, no cell edited, the
    last column stretched. Gives the header, for the list's own column sizing."""
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    return header


def fit_columns_once(table: QTableView) -> None:
    """A long list's columns fitted to its first rows the first time it has any (see
    long_list); later pages and refreshes keep the widths, and any the person dragged."""
    finish(fitting_columns(table))


def fitting_columns(table: QTableView) -> Steps[None]:
    """fit_columns_once a column per step (gui/steps.py): the Audit tab's nine took 25-45 ms
    of the GUI thread in one go (each cell's size asks the model for eight roles)."""
    if table.property("columnsFitted") or not table.model().rowCount():
        return
    for column in range(table.model().columnCount()):
        table.resizeColumnToContents(column)
        yield
    table.setProperty("columnsFitted", True)
