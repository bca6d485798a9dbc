"""Audit: the site-wide trail (every station's journal and this PC's own chain, in the site
view) with filters, live by default (the range runs "until now"; events appear as they arrive,
the selection and the scroll position kept), the event's full content, site-wide verification
with a per-station result table, and exports to CSV and PDF for inspectors.

The table reads the events for the filters a page at a time as it scrolls (newest first); the
exports hold every event for the filters (utils/audit/trail.py), written in the background.
The events' count has its own line, which live updates rewrite; the status line under it says
what the person's last action did (an export's path, why it failed) until their next one.
This module holds the widgets and their wiring; the models are audit_model.py, the printed
report audit_report.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from config.constants import Permission
from models.canonical import format_utc
from utils.audit.trail import ExportCancelled, TrailFilter, export_trail_csv, trail_stations
from utils.audit.review import AuditReviews
from utils.auth import AuthService, Session
from utils.changes import Changes
from utils.site.site_ingest import GUI_LOCAL_EVENTS
from utils.site.site_view import SiteView
from utils.permissions import PermissionDenied, require

from gui.admin import audit_report
from gui.admin.audit_model import AuditEventsModel, FirstPage, detail_text, read_first_page
from gui.admin.audit_report import ReportTexts, site_time
from gui.admin.keep_place import clear_unless_selected, reload_keeping_place
from gui.admin.list_tab import apply_filters, count_and_status
from gui.admin.site_now import SiteNow
from gui.admin.site_verify import SiteVerify
from gui.admin.time_range import LiveRange, read_zone
from gui.admin.view_bridge import ViewBridge
from gui.admin.view_status import ViewStatus
from gui.fast_cells import FastCellDelegate
from gui.labels import status_line
from gui.steps import OffThread, Steps, finish
from gui.table_view import fitting_columns, long_list, read_table
from gui.tasks import Task, TaskRunner
from gui.verify_dialog import VerifyDialog


# The verify results' height: a header and four stations (the splitter moves it).
RESULTS_HEIGHT_PX = 150


class StationFilter(QComboBox):
    """The station filter, filled again each time its list opens: stations whose journals
    reach the read-model after the panel opened can be picked without reopening it."""

    about_to_open = Signal()

    def showPopup(self) -> None:
        self.about_to_open.emit()
        super().showPopup()


def _adding(into: QBoxLayout | QSplitter, *widgets: QWidget) -> Steps[None]:
    """Each widget into the tab and styled now, a step each: else the tab's first layout
    styles them all in one go."""
    for widget in widgets:
        into.addWidget(widget)
        widget.ensurePolished()
        yield


class AuditTab(QWidget):
    def __init__(self, site: SiteNow, view: SiteView, changes: Changes, session: Session,
                 runner: TaskRunner, *, verifier: SiteVerify, reviews: AuditReviews,
                 auth: AuthService, bridge: ViewBridge | None = None,
                 parent: QWidget | None = None, in_steps: bool = False):
        """`verifier`: the integrity check the Verify button runs (the whole site's, or this
        PC's own chain) with its last per-station results, which the tab shows (the panel's
        own, also run from its menu); `reviews` and `auth`: the review dialog's signing.
        `in_steps`: the rest of the tab is made by `steps` (gui/steps.py), a turn each, and
        is not usable before they are done (see `made_in_steps`)."""
        require(session, Permission.AUDIT_VIEW, changes, target="audit trail")
        super().__init__(parent)
        self.site, self.changes, self.session, self.runner = site, changes, session, runner
        self.verifier, self.reviews, self.auth = verifier, reviews, auth
        if verifier.parent() is None:  # the tab's own (a tab shown alone), not the panel's
            verifier.setParent(self)
        self.view = view
        self.zone = ZoneInfo(site.timezone)
        self.setObjectName("auditTab")
        self._shown = self._missed_change = False  # its first rows; a change before them
        self.steps = self._build(bridge)
        if not in_steps:
            finish(self.steps)

    @classmethod
    def made_in_steps(cls, site: SiteNow, *args: Any, **kwargs: Any) -> Steps["AuditTab"]:
        """The tab made a few milliseconds at a time (gui/admin/lazy_tabs.py `prepare`): built
        in one go it held the GUI thread 189 ms while a verify's result was being read. The
        first step yields the empty tab, to be put in its place at once: each widget is then
        made where it stays (moving a made tab into the window styled every widget in it
        again: 17 ms of the GUI thread, 200 ms with the site view catching up beside it)."""
        yield OffThread(lambda: read_zone(site.timezone))
        tab = cls(site, *args, **kwargs, in_steps=True)
        yield tab  # a page to put in its place now (LazyTabs)
        yield from tab.steps
        return tab

    def _build(self, bridge: ViewBridge | None) -> Steps[None]:
        # A widget or two per step: about a millisecond each to make and style (with the
        # application's style sheet) on this project's 2-core VM, three to ten times that while
        # another thread holds the interpreter lock (the site view catching up). Each widget is
        # styled in the step that makes it, not all at once when the tab is first laid out. The
        # first read of the view runs on a task's thread (gui/steps.py).
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        layout.addLayout(filters)
        self.station = StationFilter()
        self.station.setObjectName("auditStation")
        self.station.about_to_open.connect(self._fill_stations)
        yield from _adding(filters, QLabel(self.tr("Station")), self.station)
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("user"))
        self.action = QLineEdit()
        # Short enough to be read whole in both languages; the whole rule in the tooltip.
        self.action.setPlaceholderText(self.tr("action, e.g. record or record.edit"))
        self.action.setToolTip(self.tr("An action (record.edit), or a family of actions "
                                       "(record: record.create, record.edit and the others)"))
        yield from _adding(filters, self.user, self.action)
        filters.setStretchFactor(self.action, 2)  # a user name is short, an action is not
        self.range = LiveRange(self.site.timezone, self.site.clock,
                               self.site.clock.now() - timedelta(days=7))
        self.range.changed.connect(self.refresh)
        yield  # made, then styled: the heaviest widgets take two steps
        yield from _adding(filters, self.range)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.clicked.connect(self.refresh)
        yield from _adding(filters, self.apply_button)
        view, changes, session, zone = self.view, self.changes, self.session, self.zone
        chosen = self._filters()

        def first_read() -> tuple[list[str], FirstPage]:  # on a task's thread: no widgets
            # This PC's own new events at once (a backlog is the follower's).
            view.ingest_local(wait=False, max_events=GUI_LOCAL_EVENTS)
            return trail_stations(view), read_first_page(view, changes, session, chosen, zone)

        if bridge is not None:  # what arrives from here on is shown too (view_changed)
            bridge.changed.connect(self.view_changed)
        stations, first = yield OffThread(first_read)
        self.currency = ViewStatus(bridge, self.site.timezone, self.site.clock)
        yield from _adding(layout, self.currency)
        actions = QHBoxLayout()
        layout.addLayout(actions)
        self.verify_button = QPushButton(self.tr("Verify audit integrity…"))
        self.verify_button.clicked.connect(self.verify)
        self.csv_button = QPushButton(self.tr("Export CSV…"))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        yield from _adding(actions, self.verify_button, self.csv_button)
        self.pdf_button = QPushButton(self.tr("Export PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.review_button = QPushButton(self.tr("Reviews…"))
        self.review_button.setObjectName("auditReview")
        self.review_button.setToolTip(self.tr("The signed reviews of the audit trail, and "
                                              "signing the review of this range"))
        self.review_button.clicked.connect(lambda: self.open_review())
        yield from _adding(actions, self.pdf_button, self.review_button)
        self.status = status_line("auditStatus")  # paths and errors: it wraps
        self.status.hide()  # until an action has something to say
        self.count = status_line("auditCount")  # the events: live updates rewrite it
        column = count_and_status(self.count, self.status)
        yield from _adding(actions, column)
        actions.setStretchFactor(column, 1)  # the row's free width
        # The events beside the selected one in full; the per-station verify results below
        # across the whole width (in the events' column their five headers were cut off).
        below = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(below, 1)
        splitter = QSplitter()
        below.addWidget(splitter)
        self.model = AuditEventsModel(self, self.zone, view=self.view, changes=self.changes,
                                      session=self.session)
        self.table = read_table(self.model, self.tr("Audit events"), "auditTable")
        self.table.setItemDelegate(FastCellDelegate(self.table))  # a page is 5,000 rows
        long_list(self.table)  # columns fitted once, to the first rows (refresh)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        yield
        yield from _adding(splitter, self.table)
        self.detail = QPlainTextEdit()
        self.detail.setAccessibleName(self.tr("The selected event in full"))
        self.detail.setReadOnly(True)
        self.detail.setObjectName("auditDetail")
        self.detail.setPlaceholderText(self.tr("Choose an event in the list to see it here "
                                               "in full."))
        yield from _adding(splitter, self.detail)
        splitter.setSizes([900, 450])
        self.results = self.verifier.results  # a check run before the tab was built shows too
        self.results_table = read_table(self.results, self.tr("Verification result per station"),
                                        "verifyResults")
        self.results_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.results_table.horizontalHeader().setResizeContentsPrecision(0)
        self.results_table.horizontalHeader().setStretchLastSection(True)
        yield
        yield from _adding(below, self.results_table)
        below.setStretchFactor(0, 1)  # a taller window: more events; the results keep their
        below.setSizes([RESULTS_HEIGHT_PX * 3, RESULTS_HEIGHT_PX])  # few stations' height
        self._fill_stations(stations)
        self.model.show_first(first)
        self._shown = True
        self.currency.set_fixed_until(self.range.fixed_until())
        self._show_count()
        yield
        yield from fitting_columns(self.table)  # once, to the first read's rows
        if self._missed_change:  # the view changed after the first read: shown now
            self._missed_change = False
            self.view_changed(None)

    def open_review(self):
        """The audit-trail review of the range shown (a live range ends now)."""
        from gui.admin.audit_review_dialog import AuditReviewDialog

        start, end = self.range.bounds()
        dialog = AuditReviewDialog(self.reviews, self.auth, self.site, self.session, start,
                                   end if end is not None else self.site.clock.now(),
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

    def _fill_stations(self, stations: list[str] | None = None) -> None:
        """The station filter's list: `stations`, or read from the view now."""
        chosen = self.station.currentData()
        self.station.blockSignals(True)  # the choice is kept, not changed
        self.station.clear()
        self.station.addItem(self.tr("all"), None)
        for station in trail_stations(self.view) if stations is None else stations:
            self.station.addItem(station, station)
        self.station.setCurrentIndex(max(0, self.station.findData(chosen)))
        self.station.blockSignals(False)

    def refresh(self) -> None:
        """Apply the filters: count again and read the first page (the person did something
        else: the last action's message goes)."""
        self.status.say("")
        apply_filters(self.view, lambda: self.model.set_filters(self._filters()),
                      self.currency, self.range, self.table)
        self._show_count()
        clear_unless_selected(self.table, self.detail)

    def view_changed(self, _change) -> None:
        """New events arrived: show them, the selected event kept selected and the rows in
        view where they were (at the top, the newest stay in sight)."""
        if not self._shown:
            self._missed_change = True  # the tab is being made: shown once its rows are
            return
        # A fixed range is read again too: events carry their station's own time, so a
        # station that syncs late (or a catch-up) brings events inside a range long past.
        reload_keeping_place(self.table, self.model)
        self._show_count()
        clear_unless_selected(self.table, self.detail)  # the selected event still listed: kept

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n event(s)", "", self.model.rowCount()))

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        self.detail.setPlainText(detail_text(self.model.row_data(current.row()).get("body")
                                             or ""))

    # -- verification ------------------------------------------------------------------------

    def verify(self) -> VerifyDialog:
        return self.verifier.run(self)

    @property
    def verify_dialog(self) -> VerifyDialog | None:
        """The last verify's dialog, from this tab's button or the panel's menu."""
        return self.verifier.dialog

    # -- exports -------------------------------------------------------------------------------

    def export_csv(self, path: str | None = None) -> Task | None:
        """Every event for the filters (not only the page shown), written in the background;
        the status line follows it. Returns the running task, or None when no file was chosen."""
        out = self._export_path(path, "audit.csv", "CSV (*.csv)")
        if out is None:
            return None
        database, changes, session, zone = self.view, self.changes, self.session, self.zone
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
        database, changes, session, zone = self.view, self.changes, self.session, self.zone
        filters, limit = self._filters(), audit_report.PDF_EVENT_LIMIT
        # Every text the report needs, in the person's language, made here on the GUI thread.
        headers = [self.model.headerData(i, Qt.Orientation.Horizontal)
                   for i in range(len(audit_report.REPORT_COLUMNS))] + [self.tr("Details")]
        title = self.tr("Audit trail")
        subtitle = (self.tr("Stations: %1 · from %2 to %3 · generated %4 by %5")
                    .replace("%1", self.station.currentText())
                    .replace("%2", site_time(filters.start, zone))
                    .replace("%3", site_time(filters.end, zone))
                    .replace("%4", site_time(format_utc(self.site.clock.now()), zone))
                    .replace("%5", session.full_name))
        command_word = self.tr("command %1")

        def work(_progress, _cancel):  # QTextDocument and QPdfWriter work off the GUI thread
            return audit_report.write_report(database, changes, session, filters, limit, out,
                                             ReportTexts(headers, title, subtitle, command_word),
                                             zone)

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
        self.status.say(self.tr("Exporting the audit trail to %1…").replace("%1", str(out)))

        def progress(done: int, _total: Any) -> None:
            self.status.say(self.tr("Exporting the audit trail: %n event(s) so far…", "", done))

        def done(count: int | None) -> None:
            button.setEnabled(True)
            if count is None:
                self.status.say(self.tr(
                    "More than %1 events match the filters: too many for a printed report. "
                    "Nothing was written; narrow the station, user, action or time range, or "
                    "export CSV, which holds them all.").replace("%1", str(audit_report.PDF_EVENT_LIMIT)))
                return
            self.status.say(self.tr("Exported %n event(s) to %1", "", count).replace("%1", str(out)))

        def failed(exc: BaseException) -> None:
            button.setEnabled(True)
            self.status.say(self._export_error(exc))

        return self.runner.run(work, on_done=done, on_error=failed, on_progress=progress)

    def _export_error(self, exc: BaseException) -> str:
        if isinstance(exc, ExportCancelled):
            return self.tr("Export cancelled; no file was written.")
        if isinstance(exc, PermissionDenied):
            return self.tr("Your role may not export the audit trail; no file was written.")
        return self.tr("The audit trail could not be exported (%1); no file was written. Check "
                       "that the folder exists and can be written to, then try again."
                       ).replace("%1", getattr(exc, "strerror", None) or type(exc).__name__)
