"""Audit: the site-wide trail (every station's journal and this PC's own chain, in the site
view) with filters, live by default (the range runs "until now"; events appear as they arrive,
the selection and the scroll position kept), the event's full content, site-wide verification
with a per-station result table, and exports to CSV and PDF for inspectors.

The table reads the events for the filters a page at a time as it scrolls (newest first); the
exports hold every event for the filters (utils/audit/trail.py), written in the background."""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from config.constants import Permission
from models.canonical import format_utc, parse_utc
from utils.atomic_io import atomic_write_with
from data import view_repo
from utils.audit.trail import (
    ExportCancelled, TrailFilter, export_trail_csv, record_export, trail_for_report, trail_page,
    trail_stations,
)
from utils.audit.verify import VerifyResult
from utils.auth import Session
from utils.context import AppContext
from utils.site.site_view import GUI_LOCAL_EVENTS
from utils.permissions import PermissionDenied, require

from gui.admin.time_range import LiveRange
from gui.admin.view_status import ViewStatus
from gui.fast_cells import FastCellDelegate
from gui.pdf_pages import Section, print_sections
from gui.table_model import ColumnTableModel, Index as _Index
from gui.theme import SIZE_SAMPLE_ROWS
from gui.tasks import Task
from gui.verify_dialog import kind_texts, run_verify

PAGE_ROWS = 500  # events read at a time as the table scrolls
PAGES_KEPT = 16
# A printed report beyond this would run to hundreds of pages: the person is asked to narrow
# the filters or take the CSV, which has no limit.
PDF_EVENT_LIMIT = 5000
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)  # an int: compared on every cell painted


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
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
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
        self._count = count
        self._pages.clear()
        self._cells = {}
        self.endResetModel()
        return rows

    def _position(self, connection, event: dict[str, Any], count: int) -> int | None:
        row = view_repo.events_before(connection, event, **asdict(self.filters))
        return row if row < count else None

    def rowCount(self, parent=None) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent is not None and parent.isValid() else self._count

    def row_data(self, row: int) -> dict[str, Any]:
        number, within = divmod(row, PAGE_ROWS)
        page = self._pages.get(number)
        if page is None:
            page = trail_page(self.view, self.changes, self.session, self.filters, PAGE_ROWS,
                              number * PAGE_ROWS)
            self._pages[number] = page
            if len(self._pages) > PAGES_KEPT:
                dropped, _ = self._pages.popitem(last=False)
                for gone in range(dropped * PAGE_ROWS, (dropped + 1) * PAGE_ROWS):
                    self._cells.pop(gone, None)
        else:
            self._pages.move_to_end(number)
        return page[within] if within < len(page) else {}

    def row_of(self, event: dict[str, Any]) -> int | None:
        """The row of an event under the current filters, or None if it is not there."""
        with self.view.database.read() as connection:
            row = self._position(connection, event, self._count)
        if row is None:
            return None
        found = self.row_data(row)
        return row if (found.get("station"), found.get("seq")) == (event["station"],
                                                                   event["seq"]) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if role != _DISPLAY or not 0 <= row < self._count or not 0 <= column < len(self.COLUMNS):
            return None
        return self._texts(row)[column]

    def paint_cell(self, row: int, column: int) -> tuple[str, None, None]:
        """Text of a shown cell, no colours (gui/fast_cells.py)."""
        return self._texts(row)[column], None, None

    def _texts(self, row: int) -> tuple[str, ...]:
        cells = self._cells.get(row)
        if cells is None:
            record = self.row_data(row)
            cells = tuple(display_value(record, column, self.zone) for column in self.COLUMNS)
            if record:
                self._cells[row] = cells
        return cells


def display_value(row: dict[str, Any], column: str, zone: ZoneInfo | None = None) -> str:
    """Times in the site's time zone, like the filters (every PC of a site agrees)."""
    value = row.get(column)
    if column == "ts" and value:
        return parse_utc(value).astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    return "" if value is None else str(value)


class VerifyResultsModel(ColumnTableModel):
    # What a person looks for first (which station, whether it is intact, what was done to it
    # and where) comes first: the table shares the tab's width with the event detail.
    COLUMNS = ("station", "result", "kind", "first_bad", "events")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[VerifyResult] = []
        self._headers = (self.tr("Station"), self.tr("Result"), self.tr("Kind"),
                         self.tr("First bad event"), self.tr("Events checked"))

    def set_results(self, results: list[VerifyResult]) -> None:
        self.beginResetModel()
        self._rows = list(results)
        self.endResetModel()

    def result_at(self, row: int) -> VerifyResult:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "station":
                return result.station
            if column == "result":
                if result.cancelled:
                    return self.tr("cancelled")
                return self.tr("intact") if result.ok else self.tr("TAMPERED")
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
            return QBrush(QColor("#d4edda") if result.ok else QColor("#f8d7da"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.detail
        return None


class StationFilter(QComboBox):
    """The station filter, filled again each time its list opens: stations whose journals
    reach the read-model after the panel opened can be picked without reopening it."""

    about_to_open = Signal()

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


class AuditTab(QWidget):
    def __init__(self, ctx: AppContext, session: Session, runner, site_view=None, bridge=None,
                 parent: QWidget | None = None):
        require(session, Permission.AUDIT_VIEW, ctx.changes, target="audit trail")
        super().__init__(parent)
        self.ctx = ctx
        self.session = session
        self.runner = runner
        self.site_view = site_view
        self.view = site_view if site_view is not None else ctx.site_view
        self.zone = ZoneInfo(ctx.timezone)
        self.setObjectName("auditTab")
        self.station = StationFilter()
        self.station.setObjectName("auditStation")
        self.station.about_to_open.connect(self._fill_stations)
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("user"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("action, e.g. record.edit"))
        self.range = LiveRange(ctx.timezone, ctx.clock,
                               ctx.clock.now() - timedelta(days=7))
        self.range.changed.connect(self.refresh)
        self.currency = ViewStatus(bridge, ctx.timezone, ctx.clock)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("Verify audit integrity…"))
        self.verify_button.clicked.connect(self.verify)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.review_button = QPushButton(self.tr("Reviews…"))
        self.review_button.setObjectName("auditReview")
        self.review_button.setToolTip(self.tr("The signed reviews of the audit trail, and "
                                              "signing the review of this range"))
        self.review_button.clicked.connect(lambda: self.open_review())
        self.model = AuditEventsModel(self, self.zone, view=self.view, changes=ctx.changes,
                                      session=session)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Audit events"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(FastCellDelegate(self.table))  # a page is 5,000 rows
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        # Columns fitted once per page to its first rows (resizeColumnsToContents in refresh):
        # a header in ResizeToContents mode measured every one of the 5,000 rows whenever the
        # tab was laid out — seconds on the GUI thread with a full page (bench_gui.py).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit()
        self.detail.setAccessibleName(self.tr("The selected event in full"))
        self.detail.setReadOnly(True)
        self.detail.setObjectName("auditDetail")
        self.results = VerifyResultsModel(self)
        self.results_table = QTableView()
        self.results_table.setAccessibleName(self.tr("Verification result per station"))
        self.results_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.results_table.setObjectName("verifyResults")
        self.results_table.setModel(self.results)
        self.results_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.results_table.horizontalHeader().setResizeContentsPrecision(0)
        self.results_table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel()

        filters = QHBoxLayout()
        for widget in (QLabel(self.tr("Station")), self.station, self.user, self.action,
                       self.range, self.apply_button):
            filters.addWidget(widget)
        actions = QHBoxLayout()
        for widget in (self.verify_button, self.csv_button, self.pdf_button,
                       self.review_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.status)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.detail)
        right.addWidget(self.results_table)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setSizes([900, 450])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.currency)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self._fitted = False
        self._fill_stations()
        if bridge is not None:
            bridge.changed.connect(self.view_changed)
        self.refresh()

    def open_review(self):
        """The audit-trail review of the range shown (a live range ends now)."""
        from gui.admin.audit_review_dialog import AuditReviewDialog

        start, end = self.range.bounds()
        dialog = AuditReviewDialog(self.ctx, self.session, start,
                                   end if end is not None else self.ctx.clock.now(),
                                   self.runner, self)
        dialog.open()
        return dialog

    def set_range(self, start: datetime, end: datetime | None = None) -> None:
        """Show [start, end) as a fixed range; end None: from start until now (live)."""
        self.range.set_range(start, end)

    def _filters(self) -> TrailFilter:
        start, end = self.range.bounds()
        return TrailFilter(station=self.station.currentData(),
                           user=self.user.text().strip() or None,
                           action=self.action.text().strip() or None, start=format_utc(start),
                           end=None if end is None else format_utc(end))

    def _fill_stations(self) -> None:
        chosen = self.station.currentData()
        self.station.blockSignals(True)  # the choice is kept, not changed
        self.station.clear()
        self.station.addItem(self.tr("all"), None)
        for station in trail_stations(self.view):
            self.station.addItem(station, station)
        self.station.setCurrentIndex(max(0, self.station.findData(chosen)))
        self.station.blockSignals(False)

    def refresh(self) -> None:
        """Apply the filters: count again and read the first page."""
        # This PC's own new events at once (a backlog is the follower's: GUI_LOCAL_EVENTS).
        self.view.ingest_local(wait=False, max_events=GUI_LOCAL_EVENTS)
        self.model.set_filters(self._filters())
        self.currency.set_fixed_until(self.range.fixed_until())
        if not self._fitted and self.model.rowCount():
            self.table.resizeColumnsToContents()  # once: later pages keep the widths
            self._fitted = True
        self._show_count()

    def view_changed(self, _change) -> None:
        """New events arrived: show them, the selected event kept selected and the rows in
        view where they were (at the top, the newest stay in sight)."""
        if self.range.fixed_until() is not None:
            return  # a fixed range ending in the past gains nothing new (said on the tab)
        selected = self._selected_event()
        scroll = self.table.verticalScrollBar()
        at_top = scroll.value() == 0
        top_row = self.table.rowAt(0)
        anchor = self.model.row_data(top_row) if top_row >= 0 and not at_top else None
        anchor_row, row = self.model.reload([anchor or None, selected])
        if anchor and anchor_row is not None:
            self.table.scrollTo(self.model.index(anchor_row, 0),
                                QAbstractItemView.ScrollHint.PositionAtTop)
        if selected:
            if row is not None:
                self.table.selectionModel().blockSignals(True)
                self.table.selectRow(row)
                self.table.selectionModel().blockSignals(False)
        if at_top:
            scroll.setValue(0)
        self._show_count()

    def _selected_event(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.row_data(index.row()) if index.isValid() else None

    def _show_count(self) -> None:
        self.status.setText(self.tr("%n event(s)", "", self.model.rowCount()))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        body = self.model.row_data(current.row()).get("body") or ""
        try:
            self.detail.setPlainText(json.dumps(json.loads(body), indent=2, ensure_ascii=False))
        except ValueError:
            self.detail.setPlainText(body)

    # -- verification ------------------------------------------------------------------------

    def verify(self):
        if self.site_view is not None:
            work = lambda progress, cancel: self.site_view.verify_site(progress=progress, cancel=cancel)  # noqa: E731
        else:
            work = lambda progress, cancel: self.ctx.verify_audit(progress=progress, cancel=cancel)  # noqa: E731
        self.verify_dialog = run_verify(self, self.runner, work)
        self.verify_dialog.finished_with.connect(self.results.set_results)
        return self.verify_dialog

    # -- exports -------------------------------------------------------------------------------

    def export_csv(self, path: str | None = None) -> Task | None:
        """Every event for the filters (not only the page shown), written in the background;
        the status line follows it. Returns the running task, or None when no file was chosen."""
        out = self._export_path(path, "audit.csv", "CSV (*.csv)")
        if out is None:
            return None
        database, changes, session, zone = self.view, self.ctx.changes, self.session, self.zone
        filters = self._filters()

        def work(progress, cancel):  # on the task's thread: plain objects only, no widgets
            return export_trail_csv(database, changes, session, filters, out, zone, cancel=cancel,
                                    progress=lambda done: progress(done, None))

        self.csv_task = self._run_export(self.csv_button, out, work)
        return self.csv_task

    def export_pdf(self, path: str | None = None) -> Task | None:
        """Every event for the filters as a printable report with each event's reason and
        changes, up to PDF_EVENT_LIMIT events (beyond that nothing is written and the person is
        told why), made and printed in the background: a report of thousands of rows held the
        window for seconds. Returns the running task, or None when no file was chosen."""
        out = self._export_path(path, "audit.pdf", "PDF (*.pdf)")
        if out is None:
            return None
        database, changes, session, zone = self.view, self.ctx.changes, self.session, self.zone
        filters, limit = self._filters(), PDF_EVENT_LIMIT
        # Every text the report needs, in the person's language, made here on the GUI thread.
        headers = [self.model.headerData(i, Qt.Orientation.Horizontal)
                   for i in range(len(REPORT_COLUMNS))] + [self.tr("Details")]
        title = self.tr("Audit trail")
        subtitle = (self.tr("Stations: %1 · from %2 to %3 · generated %4 by %5")
                    .replace("%1", self.station.currentText())
                    .replace("%2", _site_time(filters.start, zone))
                    .replace("%3", _site_time(filters.end, zone))
                    .replace("%4", _site_time(format_utc(self.ctx.clock.now()), zone))
                    .replace("%5", session.full_name))
        command_word = self.tr("command %1")

        def work(_progress, _cancel):  # QTextDocument and QPdfWriter work off the GUI thread
            rows = trail_for_report(database, changes, session, filters, limit)
            if rows is None:
                return None
            heading, header, rows_html = report_html(rows, headers, title, subtitle, zone,
                                                     command_word)
            atomic_write_with(out, lambda temp: _print_pdf(heading, header, rows_html, temp))
            record_export(changes, session, "pdf", out, len(rows), filters)
            return len(rows)

        self.pdf_task = self._run_export(self.pdf_button, out, work)
        return self.pdf_task

    def _export_path(self, path: str | None, name: str, kinds: str) -> Path | None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit trail"),
                                                  str(Path.home() / name), kinds)
        return Path(path) if path else None

    def _run_export(self, button: QPushButton, out: Path, work) -> Task:
        """Run an export in the background; the status line follows it and says how it ended
        (a None result: too many events for a report, nothing written)."""
        button.setEnabled(False)
        self.status.setText(self.tr("Exporting the audit trail to %1…").replace("%1", str(out)))

        def progress(done: int, _total: Any) -> None:
            self.status.setText(self.tr("Exporting the audit trail: %n event(s) so far…", "",
                                        done))

        def done(count: int | None) -> None:
            button.setEnabled(True)
            if count is None:
                self.status.setText(self.tr(
                    "More than %1 events match the filters: too many for a printed report. "
                    "Nothing was written; narrow the station, user, action or time range, or "
                    "export CSV, which holds them all.").replace("%1", str(PDF_EVENT_LIMIT)))
                return
            self.status.setText(self.tr("Exported %n event(s) to %1", "", count)
                                .replace("%1", str(out)))

        def failed(exc: BaseException) -> None:
            button.setEnabled(True)
            self.status.setText(self._export_error(exc))

        return self.runner.run(work, on_done=done, on_error=failed, on_progress=progress)

    def _export_error(self, exc: BaseException) -> str:
        if isinstance(exc, ExportCancelled):
            return self.tr("Export cancelled; no file was written.")
        if isinstance(exc, PermissionDenied):
            return self.tr("Your role may not export the audit trail; no file was written.")
        return self.tr("The audit trail could not be exported (%1); no file was written. Check "
                       "that the folder exists and can be written to, then try again."
                       ).replace("%1", getattr(exc, "strerror", None) or type(exc).__name__)


REPORT_COLUMNS = AuditEventsModel.COLUMNS[:8]  # the command id rides in the details column


def report_html(rows: list[dict[str, Any]], headers: list[str], title: str, subtitle: str,
                zone: ZoneInfo | None, command_word: str) -> tuple[str, str, list[str]]:
    """The printed report in parts: the heading (title and what it covers), the table's
    header row, and one table row per event."""
    heading = f"<h2>{_html(title)}</h2><p>{_html(subtitle)}</p>"
    header = "<tr>" + "".join(f"<th>{_html(text)}</th>" for text in headers) + "</tr>"
    rows_html = [
        "<tr>" + "".join(f"<td>{_html(display_value(row, c, zone))}</td>" for c in REPORT_COLUMNS)
        + f"<td>{_html(event_details(row, command_word))}</td></tr>" for row in rows]
    return heading, header, rows_html


def _print_pdf(heading: str, header: str, rows: list[str], path: Path) -> None:
    """Print the report page by page (gui/pdf_pages.py), the heading on the first."""
    print_sections(path, [Section(heading, header, rows)])


def _site_time(utc_text: str | None, zone: ZoneInfo | None) -> str:
    if not utc_text:
        return "—"
    return parse_utc(utc_text).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def event_details(row: dict[str, Any], command_word: str = "command %1") -> str:
    """An event's reason, changed fields (before → after; the audit trail's own field names,
    as the CSV and the event detail show them) and command, in one line of a report."""
    try:
        body = json.loads(row.get("body") or "{}")
    except ValueError:
        return str(row.get("body") or "")
    parts = []
    if body.get("reason"):
        parts.append(str(body["reason"]))
    before, after = body.get("before") or {}, body.get("after") or {}
    if isinstance(before, dict) and isinstance(after, dict):
        for key in sorted(set(before) | set(after)):
            if before.get(key) != after.get(key):
                parts.append(f"{key}: {_short(before.get(key))} → {_short(after.get(key))}")
    if row.get("command_id"):
        parts.append(command_word.replace("%1", str(row["command_id"])))
    return "; ".join(parts)


def _short(value: Any, limit: int = 60) -> str:
    text = "–" if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _html(text: Any) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
