"""The Commands tab's history as a Qt model: each command sent, its station, parameters and
state, and the outcome said as one sentence in the person's language (command_outcomes.py), its
time in the site's zone asked at each paint. No widgets here.
"""

from __future__ import annotations

from typing import Any, Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from models.canonical import parse_utc

from gui.admin.command_outcomes import outcome_text
from gui.admin.command_texts import pairs_text, type_label
from gui.i18n import coded_text
from gui.table_model import ColumnTableModel

STATE_COLORS = {"pending": "#555555", "done": "#1b7f3b", "failed": "#b00020",
                "rejected": "#b00020", "expired": "#b26a00", "timed_out": "#b26a00",
                "duplicate": "#555555"}


class CommandHistoryModel(ColumnTableModel):
    COLUMNS = ("issued_at", "target", "type", "params", "state", "outcome")

    def __init__(self, parent: QObject | None = None,
                 zone: Callable[[], ZoneInfo] | None = None):
        super().__init__(parent)
        # The site's zone, asked at each paint: an admin may change it while the panel is open.
        self.zone = zone or (lambda: ZoneInfo("UTC"))
        self._rows: list[dict[str, Any]] = []
        self._headers = (self.tr("Sent"), self.tr("Station"), self.tr("Command"),
                         self.tr("Parameters"), self.tr("State"), self.tr("Outcome"))
        self._states = {"pending": self.tr("pending"), "done": self.tr("done"),
                        "failed": self.tr("failed"), "rejected": self.tr("rejected"),
                        "expired": self.tr("expired"), "timed_out": self.tr("timed out"),
                        "duplicate": self.tr("duplicate")}

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def cell_data(self, row: dict[str, Any], column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(column)
            if column == "state":
                return coded_text(value, self._states)
            if column == "params":
                return pairs_text(value) if isinstance(value, dict) and value else ""
            if column == "issued_at":  # stored in UTC; shown in the site's time, like every tab
                return parse_utc(str(value)).astimezone(self.zone()).strftime("%Y-%m-%d %H:%M:%S")
            if column == "type":
                return type_label(value)
            if column == "outcome":  # the station's English and plain values, said in ours
                return outcome_text(row, self.zone())[0]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QBrush(QColor(STATE_COLORS.get(row.get("state"), "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column in ("outcome", "params"):
            # The cell may be cut on a narrow screen: the whole sentence, never raw data.
            text = self.cell_data(row, column, Qt.ItemDataRole.DisplayRole)
            return (text + "\n" + self.tr("Double-click (or Details…) for the details.")
                    if text else None)
        return None
