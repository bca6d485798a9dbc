"""The Lots tab's table model (gui/admin/lots_tab.py): one row per lot the site view holds,
with its release status in the person's language and its times in the site's zone."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt

from models.lot_status import LotStatus

from gui.admin.lot_texts import site_time, status_heading, status_text
from gui.table_model import ColumnTableModel


class LotsModel(ColumnTableModel):
    COLUMNS = ("lot", "status", "records", "stations", "first_at", "last_at")

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None):
        super().__init__(parent)
        self.zone = zone
        self._rows: list[dict[str, Any]] = []
        self._headers = (self.tr("Lot"), status_heading(), self.tr("Records"),
                         self.tr("Stations"), self.tr("First box"), self.tr("Last box"))

    def lot_at(self, row: int) -> str:
        return self._rows[row]["lot"]

    def cell_data(self, row: dict[str, Any], column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "status":
                return status_text(row["status"])
            if column in ("first_at", "last_at"):
                return site_time(row[column], self.zone)
            if column == "stations":
                return ", ".join(sorted(str(row["stations"] or "").split(",")))
            return str(row[column])
        if role == Qt.ItemDataRole.ForegroundRole and column == "status":
            return {LotStatus.RELEASED: Qt.GlobalColor.darkGreen,
                    LotStatus.REJECTED: Qt.GlobalColor.darkRed,
                    LotStatus.ON_HOLD: Qt.GlobalColor.darkYellow}.get(row["status"])
        return None
