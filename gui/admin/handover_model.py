"""The rows of the admin panel's handover history: one per station and shift, newest first."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from gui.admin.lot_texts import site_time
from gui.numbers import format_number
from gui.table_model import ColumnTableModel
from gui.theme import ERROR_COLOR


class HandoverModel(ColumnTableModel):
    COLUMNS = ("shift", "station", "signed_by", "boxes", "rejections", "stops", "alarms",
               "issues", "acknowledged", "addenda", "signature")

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None):
        super().__init__(parent)
        self.zone = zone
        self._rows: list[dict[str, Any]] = []
        self._headers = (self.tr("Shift"), self.tr("Station"), self.tr("Handed over by"),
                         self.tr("Boxes"), self.tr("Rejections"), self.tr("Stop minutes"),
                         self.tr("Alarms"), self.tr("Open issues"), self.tr("Acknowledged by"),
                         self.tr("Addenda"), self.tr("Signatures"))

    def cell_data(self, row: dict[str, Any], column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and (
                (column == "signature" and row["problem"]) or
                (column == "acknowledged" and row["ack_by"] is None)):
            return QColor(ERROR_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column == "signature" and row["problem"]:
            return row["problem"]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                "boxes", "rejections", "stops", "alarms", "issues", "addenda"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: dict[str, Any], column: str) -> Any:
        if column == "shift":
            return (self.tr("%1 · shift %2")
                    .replace("%1", site_time(row["shift_start"], self.zone))
                    .replace("%2", str(row["shift_number"])))
        if column == "signed_by":
            return f"{row['full_name']} ({row['signed_by']})"
        if column == "stops":
            return "—" if row["stop_minutes"] is None else format_number(row["stop_minutes"], 0)
        if column == "acknowledged":
            return (self.tr("waiting") if row["ack_by"] is None else
                    f"{row['ack_by']} · {site_time(row['ack_at'], self.zone)}")
        if column == "signature":
            return self.tr("do not hold") if row["problem"] else self.tr("valid")
        return row[{"station": "station", "boxes": "boxes", "rejections": "rejections",
                    "alarms": "alarms", "issues": "issues", "addenda": "addenda"}[column]]
