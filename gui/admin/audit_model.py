"""The Audit tab's Qt models: the events for the filters, read a page at a time from the site
view as the table scrolls (newest first), and the per-station results of a verification. No
widgets here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from config.constants import Permission
from data import view_repo
from models.validation import has_forbidden_characters, without_forbidden_characters
from utils.audit.trail import TrailFilter, local_time_text, trail_count, trail_page
from utils.audit.verify import VerifyResult
from utils.auth import Session
from utils.permissions import require
from utils.site.share_files import printable

from gui.admin.paged_rows import PagedRows
from gui.header import role_name
from gui.table_model import ColumnTableModel, Index as _Index
from gui.verify_texts import kind_texts, result_word

PAGE_ROWS = 500  # events read at a time as the table scrolls
PAGES_KEPT = 16
CELL_MAX = 300  # characters of a cell: longer than any id or name the program writes
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)  # an int: compared on every cell painted


@dataclass(frozen=True)
class FirstPage:
    """The events a table shows first: read on a task's thread (`read_first_page`), shown on
    the GUI thread (`AuditEventsModel.show_first`)."""

    filters: TrailFilter
    count: int
    rows: list[dict[str, Any]]
    texts: dict[int, tuple[str, ...]]  # the rows' cells as shown, by row


def read_first_page(view, changes, session: Session, filters: TrailFilter,
                    zone: ZoneInfo | None) -> FirstPage:
    """The count, the first page for `filters` and its cells' texts (a time's parsing and
    zone conversion, made once): plain objects, for any thread."""
    rows = trail_page(view, changes, session, filters, PAGE_ROWS)
    texts = {row: row_texts(record, zone) for row, record in enumerate(rows) if record}
    return FirstPage(filters, trail_count(view, changes, session, filters), rows, texts)


class AuditEventsModel(ColumnTableModel):
    """The events for the filters, newest first, read a page at a time from the site view (a
    year of a large plant is millions of events; only the pages on screen are in memory)."""

    COLUMNS = ("ts", "station", "seq", "username", "role", "action", "entity", "entity_id",
               "command_id")

    def __init__(self, parent: QObject | None = None, zone: ZoneInfo | None = None, *,
                 view=None, changes=None, session: Session | None = None):
        super().__init__(parent)
        self.zone = zone
        self.view, self.changes, self.session = view, changes, session
        self.filters = TrailFilter()
        self._pages = PagedRows(
            lambda limit, offset: trail_page(self.view, self.changes, self.session, self.filters,
                                             limit, offset),
            PAGES_KEPT, dropped=self._forget_cells)
        # A row's texts, made the first time it is painted: the view asks for every visible
        # cell on each repaint, and a time needs parsing and a time-zone conversion.
        self._cells: dict[int, tuple[str, ...]] = {}
        self._rows: list[dict[str, Any]] = []  # unused: rows come from pages
        self._headers = (self.tr("Time"), self.tr("Station"), self.tr("Event"), self.tr("User"),
                         self.tr("Role"), self.tr("Action"), self.tr("Entity"), self.tr("Id"),
                         self.tr("Command"))

    def set_filters(self, filters: TrailFilter) -> None:
        self.filters = filters
        self.reload()

    def reload(self, keep: list[dict[str, Any] | None] = ()) -> list[int | None]:
        """Count again and forget every page; the new rows of the events in `keep`, found in
        the same read of the view as the count (see SiteRecordsModel.reload)."""
        require(self.session, Permission.AUDIT_VIEW, self.changes, target="audit trail")
        with self.view.database.read() as connection:
            count = view_repo.count_events(connection, **asdict(self.filters))
            rows = [None if event is None else self._position(connection, event, count)
                    for event in keep]
        self.beginResetModel()
        self._pages.reset(count, PAGE_ROWS)
        self._cells = {}
        self.endResetModel()
        return rows

    def show_first(self, first: FirstPage) -> None:
        """Show what `read_first_page` read (on another thread), as `set_filters` would have."""
        self.filters = first.filters
        self.beginResetModel()
        self._pages.reset(first.count, PAGE_ROWS, first.rows)
        self._cells = dict(first.texts)
        self.endResetModel()

    def _position(self, connection, event: dict[str, Any], count: int) -> int | None:
        row = view_repo.events_before(connection, event, **asdict(self.filters))
        return row if row < count else None

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else self._pages.count

    def row_data(self, row: int) -> dict[str, Any]:
        return self._pages.row(row)

    def _forget_cells(self, rows: range) -> None:
        for gone in rows:
            self._cells.pop(gone, None)

    def row_of(self, event: dict[str, Any]) -> int | None:
        """The row of an event under the current filters, or None if it is not there."""
        with self.view.database.read() as connection:
            row = self._position(connection, event, self._pages.count)
        if row is None:
            return None
        found = self.row_data(row)
        same = (found.get("station"), found.get("seq")) == (event["station"], event["seq"])
        return row if same and event.get("hash") in (None, found.get("hash")) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if role != _DISPLAY or not 0 <= row < self._pages.count or not 0 <= column < len(self.COLUMNS):
            return None
        return self._texts(row)[column]

    def paint_cell(self, row: int, column: int) -> tuple[str, None, None]:
        """Text of a shown cell, no colours (gui/fast_cells.py)."""
        return self._texts(row)[column], None, None

    def _texts(self, row: int) -> tuple[str, ...]:
        cells = self._cells.get(row)
        if cells is None:
            record = self.row_data(row)
            cells = row_texts(record, self.zone)
            if record:
                self._cells[row] = cells
        return cells


def row_texts(row: dict[str, Any], zone: ZoneInfo | None) -> tuple[str, ...]:
    """An event's cells as AuditEventsModel shows them."""
    return tuple(display_value(row, column, zone) for column in AuditEventsModel.COLUMNS)


def display_value(row: dict[str, Any], column: str, zone: ZoneInfo | None = None) -> str:
    """Times in the site's time zone, like the filters (every PC of a site agrees); a role in
    the reader's words (a code this version does not know as it came). A text
    with control or direction characters, or longer than a cell shows, is quoted with them
    escaped (`printable`): an entity id is what its station was given (a file's name)."""
    value = row.get(column)
    if column == "ts" and value:
        value = local_time_text(value, zone)
    elif column == "role" and value:
        value = role_name(None, str(value))  # the words the Users tab shows
    text = "" if value is None else str(value)
    if len(text) > CELL_MAX or has_forbidden_characters(text):
        return printable(text, CELL_MAX)
    return text


def detail_text(body: str) -> str:
    """An event's body for the detail pane: its JSON indented, accents as they are, but a
    direction override or another invisible format character escaped (`\\u202e`): a reason
    or a file's name someone gave must not turn the text around it (a body that is no JSON is
    shown as it is, escaped the same way)."""
    try:
        text = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except ValueError:
        text = body
    return without_forbidden_characters(text, lambda ch: f"\\u{ord(ch):04x}", keep="\n")


class VerifyResultsModel(ColumnTableModel):
    # What a person looks for first (which station, whether it is intact, what was done to it
    # and where) comes first: the table shares the tab's width with the event detail.
    COLUMNS = ("station", "result", "kind", "first_bad", "events")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[VerifyResult] = []
        self._headers = (self.tr("Station"), self.tr("Result"), self.tr("Kind"),
                         self.tr("First bad event"), self.tr("Events checked"))

    def cell_data(self, result: VerifyResult, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "station":
                return result.station
            if column == "result":
                return result_word(result)
            if column == "events":
                return str(result.events_checked)
            if column == "first_bad":
                return "" if result.first_bad_seq is None else str(result.first_bad_seq)
            if result.kind is None:
                return ""
            return kind_texts().get(str(result.kind), (str(result.kind), ""))[0]
        if role == Qt.ItemDataRole.BackgroundRole:
            if result.cancelled:
                return None
            if result.kind is None and not result.ok:  # not checked: no finding either
                return QBrush(QColor("#fff3cd"))
            return QBrush(QColor("#d4edda") if result.ok else QColor("#f8d7da"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.detail
        return None
