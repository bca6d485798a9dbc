"""The tabs that list the site's rows a page at a time (Production's records, the audit trail's
events): their layout (a row of filters, the line that says how current the site view is, a row
of actions with the tab's status in the rest of its width, and the list beside the selected
row's details taking the rest of the height), the column their count and status share
(`count_and_status`, which the Audit tab, made in steps, uses too), and what their Apply does
(`apply_filters`). One place, so the two tabs stay alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QHBoxLayout, QSplitter, QTableView, QVBoxLayout, QWidget

from utils.site.site_ingest import GUI_LOCAL_EVENTS
from utils.site.site_view import SiteView

from gui.admin.time_range import LiveRange
from gui.admin.view_status import ViewStatus
from gui.table_view import fit_columns_once


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


def apply_filters(view: SiteView, set_filters: Callable[[], None], currency: ViewStatus,
                  live_range: LiveRange, table: QTableView) -> None:
    """Apply, in both tabs: this PC's own new rows taken into the view at once (a backlog is
    the follower's: GUI_LOCAL_EVENTS), the tab's filters set on its model, the currency line
    told whether the range is fixed, the columns fitted once (later pages keep the widths)."""
    view.ingest_local(wait=False, max_events=GUI_LOCAL_EVENTS)
    set_filters()
    currency.set_fixed_until(live_range.fixed_until())
    fit_columns_once(table)
