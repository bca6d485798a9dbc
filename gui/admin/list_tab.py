"""The layout of the tabs that list the site's rows a page at a time (Production's records, the
audit trail's events): a row of filters, the line that says how current the site view is, a row
of actions with the tab's status in the rest of its width, and the list beside the selected row's
details taking the rest of the height. One function, so the two tabs stay alike; and the
column their count and status share (`count_and_status`), which the Audit tab, made in steps,
uses too."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget


def count_and_status(count: QWidget, status: QWidget) -> QWidget:
    """The rows' count (a live update rewrites it) above the status line (what the person's last
    action did, a file's path or why it failed: kept until their next action in the tab), one
    column in the action row's free width."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(count)
    layout.addWidget(status)
    return column


def lay_out_list_tab(tab: QWidget, *, filters: Sequence[QWidget], currency: QWidget,
                     actions: Sequence[QWidget], status: QWidget, table: QWidget,
                     details: QWidget, widths: tuple[int, int]) -> None:
    """`widths`: the list's and the details' first widths (the person may drag them)."""
    filter_row = QHBoxLayout()
    for widget in filters:
        filter_row.addWidget(widget)
    action_row = QHBoxLayout()
    for widget in actions:
        action_row.addWidget(widget)
    # The status takes the row's free width (gui/labels.py status_line: it wraps there).
    action_row.addWidget(status, 1)
    splitter = QSplitter()
    splitter.addWidget(table)
    splitter.addWidget(details)
    splitter.setSizes(list(widths))
    layout = QVBoxLayout(tab)
    layout.addLayout(filter_row)
    layout.addWidget(currency)
    layout.addLayout(action_row)
    layout.addWidget(splitter, 1)
