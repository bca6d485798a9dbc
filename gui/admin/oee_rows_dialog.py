"""The rows behind one OEE line: how its numbers combine, the stops (with who classified them
and when; a supervisor may classify them here) and the records of that station and period."""

from __future__ import annotations

from typing import Callable
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QPushButton, QTableView, QWidget,
)

from config.constants import Permission, role_allows
from models.canonical import parse_utc
from utils.auth import Session
from utils.mes.downtime import DowntimeService
from utils.mes.oee_report import OeeReport

from gui.admin.oee_model import LineKey
from gui.admin.oee_texts import computation
from gui.admin.site_now import SiteNow
from gui.downtime_model import TextRowsModel
from gui.downtime_texts import STOP_REFUSALS, duration_text, reason_label, stop_refusal_text
from gui.labels import wrapped_label
from gui.layouts import vbox
from gui.records_model import status_text


def _table(model: TextRowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class OeeRowsDialog(QDialog):
    def __init__(self, site: SiteNow, oee: OeeReport, downtime: Callable[[], DowntimeService],
                 session: Session, line: LineKey, parent: QWidget | None = None):
        super().__init__(parent)
        self.site, self.oee, self.downtime = site, oee, downtime
        self.session = session
        self.line = line
        self.zone = ZoneInfo(site.timezone)
        self.setObjectName("oeeRowsDialog")
        self.setWindowTitle(self.tr("Behind the numbers: %1").replace("%1", line.title))
        self.figures = QLabel(computation(line.figures))
        self.figures.setObjectName("oeeComputation")
        self.stops_model = TextRowsModel(
            ("start", "end", "length", "reason", "by", "at", "note"),
            (self.tr("Started"), self.tr("Ended"), self.tr("Length"), self.tr("Reason"),
             self.tr("Classified by"), self.tr("Classified at"), self.tr("Note")), self)
        self.stops = _table(self.stops_model, "oeeStops")
        self.records_model = TextRowsModel(
            ("time", "lot", "box", "size", "rejections", "operator", "status"),
            (self.tr("Time"), self.tr("Lot"), self.tr("Box"), self.tr("Size"),
             self.tr("Rejections"), self.tr("Operator"), self.tr("Status")), self)
        self.records = _table(self.records_model, "oeeRecords")
        self.reason = QComboBox()
        self.reason.setObjectName("oeeReason")
        for code in site.catalog.downtime.reasons:
            self.reason.addItem(reason_label(code), code)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.note.setMaxLength(500)
        self.classify_button = QPushButton(self.tr("Classify the selected stop"))
        self.classify_button.setObjectName("oeeClassify")
        self.classify_button.clicked.connect(self._classify)
        self.message = wrapped_label("oeeMessage")
        classify = QHBoxLayout()
        for widget in (QLabel(self.tr("Reason")), self.reason, self.note, self.classify_button):
            classify.addWidget(widget)
        may_classify = role_allows(session.role, Permission.DOWNTIME_CLASSIFY)
        for widget in (self.reason, self.note, self.classify_button):
            widget.setVisible(may_classify)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        vbox(self, self.figures, QLabel(self.tr("Stops")), (self.stops, 1), classify,
             self.message, QLabel(self.tr("Records")), (self.records, 2), close)
        self.resize(980, 700)
        self.refresh()

    def _time(self, text: str | None) -> str:
        if not text:
            return "…"
        return parse_utc(text).astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    def refresh(self) -> None:
        line, now = self.line, self.site.clock.now()
        stops = self.oee.stops(line.start, line.end, line.station or None)
        self.stops_model.set_rows([
            ((self._time(s["started_at"]), self._time(s["ended_at"]),
              duration_text(((parse_utc(s["ended_at"]) if s["ended_at"] else now)
                             - parse_utc(s["started_at"])).total_seconds()),
              reason_label(s["reason"]), s["classified_by"] or "—",
              self._time(s["classified_at"]) if s["classified_at"] else "—", s["note"] or ""),
             (s["started_at"], s["ended_at"] or "", 0, s["reason"], s["classified_by"] or "",
              s["classified_at"] or "", s["note"] or ""), (s["station"], s["stop_id"]))
            for s in stops])
        records = self.oee.records(line.station, line.start, line.end) if line.station \
            else []
        self.records_model.set_rows([
            ((self._time(r["recorded_at"]), r["lot"], str(r["box"]), r["size"],
              ", ".join(d for d in (r["rej1_defect"], r["rej2_defect"], r["rej3_defect"])
                        if d and d != "N/A") or "—", r["operator"],
              status_text(r["status"], r["version"])),
             (r["recorded_at"], r["lot"], r["box"], r["size"], "", r["operator"], r["status"]),
             r["record_id"]) for r in records])

    def _classify(self) -> None:
        rows = self.stops.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Choose a stop in the list first."))
            return
        station, stop_id = self.stops_model.key(rows[0].row())
        try:
            self.downtime().classify(self.session, station, stop_id,
                                     self.reason.currentData(), self.note.text())
        except STOP_REFUSALS as refused:
            self.message.setText(stop_refusal_text(refused))
            return
        self.note.clear()
        self.message.setText(self.tr("Recorded: stop of station %1 is now %2. The figures "
                                     "follow once the site view takes this PC's event.")
                             .replace("%1", station).replace("%2",
                                                             self.reason.currentText()))
