"""A long table read again while someone looks at it (new rows arrived from the stations): the
selected row stays selected, the rows in view stay where they were, and a table scrolled to
the top keeps the newest in sight. The Production and Audit tabs both reload this way."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


class PagedModel(Protocol):
    def row_data(self, row: int) -> dict[str, Any]: ...

    def reload(self, keep: list[dict[str, Any] | None] = ...) -> list[int | None]: ...

    def index(self, row: int, column: int, parent: QModelIndex = ...) -> QModelIndex: ...


def reload_keeping_place(table: QTableView, model: PagedModel) -> None:
    """Reload `model` (shown in `table`) with the selection and the scroll position kept."""
    index = table.currentIndex()
    selected = model.row_data(index.row()) if index.isValid() else None
    scroll = table.verticalScrollBar()
    at_top = scroll.value() == 0
    top_row = table.rowAt(0)
    anchor = model.row_data(top_row) if top_row >= 0 and not at_top else None
    # The rows' new places are found in the same read as the new count (model.reload).
    anchor_row, selected_row = model.reload([anchor or None, selected])
    if anchor and anchor_row is not None:
        table.scrollTo(model.index(anchor_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    if selected and selected_row is not None:
        select_quietly(table, selected_row)
        if anchor is None and not at_top:
            table.scrollTo(model.index(selected_row, 0))
    if at_top:
        scroll.setValue(0)


def select_quietly(table: QTableView, row: int) -> None:
    """Select `row` again after a reload: the same record or event as before, so nothing
    listening to the selection (its details, its history) reads it again."""
    table.selectionModel().blockSignals(True)
    table.selectRow(row)
    table.selectionModel().blockSignals(False)


def clear_unless_selected(table: QTableView, shown: QWidget) -> None:
    """A reload (a reset model) drops the selection without a signal: what `shown` says of
    a row no longer selected, maybe no longer listed (its details, its history), goes with
    it."""
    if not table.currentIndex().isValid():
        shown.clear()
