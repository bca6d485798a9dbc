"""The OEE tab: availability, performance, quality and OEE per station and shift (or day) for
the chosen period, the site's total, the definitions in words, and the rows behind any line
one double-click away (gui/admin/oee_rows_dialog.py). Figures come from the site view's
downtime tables (utils/mes/oee_report.py), kept on ingest; a refresh reads a few hundred rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from utils.auth import Session
from utils.mes.downtime import DowntimeService
from utils.mes.oee import combine
from utils.mes.oee_report import OeeReport
from utils.site.site_view import SiteView

from gui.admin.oee_model import OeeLinesModel, day_lines, shift_lines
from gui.admin.oee_rows_dialog import OeeRowsDialog
from gui.admin.oee_texts import definitions, over_ideal, over_ideal_note, shift_headers
from gui.admin.record_filters import RecordFilters
from gui.admin.site_now import SiteNow
from gui.admin.refresh_when_shown import RefreshWhenShown
from gui.admin.view_bridge import ViewBridge, follow_view
from gui.admin.view_status import ViewStatus
from gui.downtime_texts import percent_text
from gui.labels import wrapped_label
from gui.theme import WARN_COLOR

REFRESH_MS = 30_000  # the shift under way and open stops grow with the clock
EVERYTHING_DAYS = 400  # "Everything" reads at most this far back


class OeeTab(RefreshWhenShown):
    def __init__(self, site: SiteNow, view: SiteView, oee: OeeReport,
                 downtime: Callable[[], DowntimeService], session: Session,
                 parent: QWidget | None = None, *, bridge: ViewBridge | None = None,
                 refresh_ms: int = REFRESH_MS):
        """`downtime`: the stops service, built on first use (a classification)."""
        super().__init__(parent)
        self.site, self.oee, self.downtime = site, oee, downtime
        self.session = session
        self.setObjectName("oeeTab")
        self.filters = RecordFilters(site, view)
        # A plant's shifts over everything are hundreds of thousands of lines: the last day
        # by default (the dashboard shows the trend over the whole period).
        self.filters.period.setCurrentIndex(self.filters.period.findData(1))
        # "Everything" reads the last EVERYTHING_DAYS only: said where it is chosen.
        self.filters.period.setItemText(
            self.filters.period.findData(0),
            self.tr("Everything (last %1 days)").replace("%1", str(EVERYTHING_DAYS)))
        self.filters.changed.connect(self.refresh)
        self.grouping = QComboBox()
        self.grouping.setObjectName("oeeGrouping")
        self.grouping.addItem(self.tr("per shift"), "shift")
        self.grouping.addItem(self.tr("per day"), "day")
        self.grouping.currentIndexChanged.connect(lambda _i: self.refresh())
        self.definitions = QLabel(definitions())
        self.definitions.setObjectName("oeeDefinitions")
        self.definitions.setWordWrap(True)
        self.definitions.setTextFormat(Qt.TextFormat.RichText)
        self.total = QLabel()
        self.total.setObjectName("oeeTotal")
        self.total.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.over_ideal = wrapped_label("oeeOverIdeal")
        self.over_ideal.setStyleSheet(f"color: {WARN_COLOR};")
        self.over_ideal.hide()
        self.model = OeeLinesModel(shift_headers(), self)
        self.table = QTableView()
        self.table.setObjectName("oeeTable")
        self.table.setAccessibleName(self.tr("OEE per station and shift"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # Widths from the rows on screen only: measuring Qt's default 1000 rows asks the model
        # for 12,000 texts on every refresh.
        header.setResizeContentsPrecision(0)
        self.table.doubleClicked.connect(lambda index: self.open_rows(index.row()))
        self.rows_button = QPushButton(self.tr("Rows behind the selected line…"))
        self.rows_button.setObjectName("oeeRowsButton")
        self.rows_button.clicked.connect(self._open_selected)
        # How current the site view is (every period ends now: live).
        self.currency = ViewStatus(bridge, site.timezone, site.clock)
        top = QHBoxLayout()
        top.addWidget(self.filters)
        top.addWidget(self.grouping)
        top.addStretch(1)
        top.addWidget(self.rows_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.currency)
        layout.addWidget(self.definitions)
        layout.addWidget(self.total)
        layout.addWidget(self.over_ideal)
        layout.addWidget(self.table, 1)
        self.timer = follow_view(self, bridge, tick=self._tick,
                                 view_changed=self._view_changed, interval_ms=refresh_ms)
        self.refresh()

    def _view_changed(self, change) -> None:
        """Boxes or stops arrived: recompute now if shown, else when next shown."""
        if not (change.records or "oee" in change.extensions):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def period(self):
        now = self.site.clock.now()
        start = self.filters.start() or now - timedelta(days=EVERYTHING_DAYS)
        # Shifts that started before the period's start but run into it are shown whole.
        return start - timedelta(hours=8), now

    def refresh(self) -> None:
        self.filters.refill_stations()
        start, end = self.period()
        station = self.filters.station.currentData()
        report = self.oee
        if self.grouping.currentData() == "day":
            days = report.days(start, end, station, now=end)
            lines = day_lines(days, self.site.timezone)
            parts = [d.figures for d in days]
        else:
            shifts = report.shifts(start, end, station, now=end)
            lines = shift_lines(shifts)
            parts = [s.figures for s in shifts]
        self.model.set_rows(lines)
        total = combine(parts)
        self.total.setText(self.tr("Period: OEE %1 · availability %2 · performance %3 · "
                                   "quality %4 · %n box(es)", "", total.boxes)
                           .replace("%1", percent_text(total.oee))
                           .replace("%2", percent_text(total.availability))
                           .replace("%3", percent_text(total.performance))
                           .replace("%4", percent_text(total.quality)))
        over = sum(over_ideal(line.figures.performance) for line in lines)
        self.over_ideal.setText(over_ideal_note(over) if over else "")
        self.over_ideal.setVisible(bool(over))

    def _open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_rows(rows[0].row())

    def open_rows(self, row: int) -> OeeRowsDialog | None:
        line = self.model.key(row)
        if line is None:
            return None
        dialog = OeeRowsDialog(self.site, self.oee, self.downtime, self.session, line, self)
        dialog.open()
        return dialog
