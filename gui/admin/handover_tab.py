"""The admin panel's Handovers tab: every station's shift handovers, searchable (words in the
station, people, notes, lots and defects; a period; only those waiting for acknowledgement),
each shown whole below the list with its signatures checked against the site directory.

Read from the site view (data/view_handover.py, kept on ingest), in the background; it follows
the view: a handover arriving from a station's journal appears while the tab is shown.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit,
    QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from data.view_handover import HistoryFilter
from models.canonical import format_utc
from utils.auth import Session
from utils.mes.handover import HandoverHistory

from gui.admin.handover_model import HandoverModel
from gui.admin.site_now import SiteNow
from gui.admin.view_bridge import ViewBridge
from gui.admin.view_status import ViewStatus
from gui.handover_texts import HandoverTexts
from gui.labels import wrapped_label
from gui.tasks import TaskRunner

PERIODS = (7, 31, 365, None)  # days back; None: all


class HandoverTab(QWidget):
    def __init__(self, history: HandoverHistory, site: SiteNow, session: Session,
                 runner: TaskRunner, bridge: ViewBridge | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.site, self.session, self.runner = site, session, runner
        self.history = history
        self.zone = ZoneInfo(site.timezone)
        self.texts = HandoverTexts(self)
        self.setObjectName("handoverTab")
        self.search = QLineEdit()
        self.search.setObjectName("handoverSearch")
        self.search.setPlaceholderText(self.tr("Search: station, person, notes, lot, defect"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search handovers"))
        # Typing searches after a pause, not on every key.
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(300)
        self.debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.debounce.start())
        self.period = QComboBox()
        self.period.setObjectName("handoverPeriod")
        self.period.setAccessibleName(self.tr("Period"))
        for days, text in zip(PERIODS, (self.tr("Last 7 days"), self.tr("Last 31 days"),
                                        self.tr("Last 365 days"), self.tr("All"))):
            self.period.addItem(text, days)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.waiting = QCheckBox(self.tr("Only those not acknowledged"))
        self.waiting.setObjectName("handoverWaiting")
        self.waiting.toggled.connect(lambda _on: self.refresh())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.period)
        filters.addWidget(self.waiting)
        filters.addWidget(self.refresh_button)
        # How current the site view is (every period ends now: live).
        self.currency = ViewStatus(bridge, site.timezone, site.clock)
        self.model = HandoverModel(self.zone, self)
        self.table = QTableView()
        self.table.setObjectName("handoverTable")
        self.table.setAccessibleName(self.tr("Shift handovers"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # names whole; what is left goes to the last
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.page = QTextBrowser()
        self.page.setObjectName("handoverDetails")
        self.page.setAccessibleName(self.tr("The chosen handover"))
        self.page.setTabChangesFocus(True)
        self.page.setOpenLinks(False)
        self.status = wrapped_label()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.currency)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        self._generation = 0
        self.loaded = 0  # readings finished (tests wait on it)
        if bridge is not None:
            bridge.changed.connect(self._view_changed)
        self.refresh()

    def _view_changed(self, change) -> None:
        if "handover" in getattr(change, "extensions", ()) and self.isVisible():
            self.refresh()

    def wanted(self) -> HistoryFilter:
        days = self.period.currentData()
        start = (None if days is None
                 else format_utc(self.site.clock.now() - timedelta(days=days)))
        return HistoryFilter(text=self.search.text(), start=start,
                             waiting_only=self.waiting.isChecked())

    def refresh(self):
        wanted = self.wanted()
        chosen = self.selected()
        self._generation += 1
        generation = self._generation

        def done(rows: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return  # a newer reading is on its way
            self.model.set_rows(rows)
            self.status.setText(self.tr("Handovers shown: %1 (newest first; at most %2)")
                                .replace("%1", str(len(rows))).replace("%2", str(wanted.limit)))
            for number, row in enumerate(rows):
                if chosen is not None and (row["station"], row["handover"]) == chosen:
                    self.table.selectRow(number)
            if not rows or chosen is None:
                self.show_selected()
            self.loaded += 1

        return self.runner.run(lambda _p, _c: self.history.search(self.session, wanted),
                               on_done=done, on_error=self._failed)

    def selected(self) -> tuple[str, str] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.row_at(rows[0].row())
        return row["station"], row["handover"]

    def show_selected(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.page.setHtml("<p>" + self.tr("Choose a handover to read it whole.") + "</p>")
            return None
        row = self.model.row_at(rows[0].row())

        def done(notes: list[dict[str, Any]]) -> None:
            problem = row["problem"] or next((n["problem"] for n in notes if n["problem"]), None)
            self.page.setHtml(self.texts.signed_html(
                json.loads(row["document"]), self.zone,
                acknowledgement=None if row["ack_document"] is None
                else json.loads(row["ack_document"]),
                notes=[json.loads(n["document"]) for n in notes], problem=problem))

        return self.runner.run(
            lambda _p, _c: self.history.notes(self.session, row["station"], row["handover"]),
            on_done=done, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The handovers could not be read (%1); try Refresh.")
                            .replace("%1", type(exc).__name__))
