"""The shift's records as a Qt table model (plain rows from the service; no widget logic)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt

from models.canonical import parse_utc

from gui.messages import rejections_text
from gui.numbers import format_number
from gui.table_model import ColumnTableModel, Index as _Index


class RecordsTableModel(ColumnTableModel):
    COLUMNS = ("time", "lot", "box", "size", "rejections", "cam_d", "cam_w", "operator", "status")

    def __init__(self, parent: QObject | None = None, *, with_station: bool = False,
                 newest_first: bool = True, rejections_per_line: bool = False):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self.newest_first = newest_first
        # The station's table shows a record's rejections one a line (gui/shift_table.py):
        # its column then needs the widest one, not all three side by side.
        self._rejections_separator = "\n" if rejections_per_line else ", "
        if with_station:  # the admin's site-wide list: which station, and the date too
            self.COLUMNS = ("station_id", "date", *RecordsTableModel.COLUMNS)
        headers = {"station_id": self.tr("Station"), "date": self.tr("Date")}
        self._extra = tuple(headers[c] for c in self.COLUMNS if c in headers)
        self._headers = self._extra + (self.tr("Time"), self.tr("Lot"), self.tr("Box"), self.tr("Size"),
                         self.tr("Rejections"), self.tr("CAM-D %"), self.tr("CAM-W %"),
                         self.tr("Operator"), self.tr("Status"))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        # Newest first: the operator looks at the last box.
        self._rows = list(reversed(rows)) if self.newest_first else list(rows)
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row = self.row_data(index.row())
        if not row:
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("box", "cam_d", "cam_w"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "rejections":  # the column may be cut on a narrow screen
                return self._display(row, column)
            if row.get("reason"):
                return row["reason"]
        return None

    def _display(self, row: dict[str, Any], column: str) -> str:
        if column in ("time", "date"):  # the local time where the box was registered
            moment = parse_utc(row["recorded_at"]) + timedelta(minutes=row["utc_offset_minutes"])
            return moment.strftime("%H:%M:%S" if column == "time" else "%Y-%m-%d")
        if column == "rejections":
            return rejections_text(row, self._rejections_separator)
        if column in ("cam_d", "cam_w"):
            value = row.get(column)
            return "—" if value is None else format_number(value, 2)
        if column == "status":
            return status_text(row["status"], row["version"])
        value = row.get(column)
        return "" if value is None else str(value)

    def totals(self) -> dict[str, Any]:
        """Boxes, rejections and mean measurements of the active records shown."""
        active = [r for r in self._rows if r["status"] == "active"]
        rejections = sum(1 for r in active for i in range(1, 4) if r.get(f"rej{i}_defect"))

        def mean(key: str) -> float | None:
            values = [r[key] for r in active if r.get(key) is not None]
            return sum(values) / len(values) if values else None

        return {"boxes": len(active), "rejections": rejections, "cam_d": mean("cam_d"),
                "cam_w": mean("cam_w")}


def status_text(status: str, version: int) -> str:
    """A record's status as the record tables show it (the station's, the Production tab's,
    the OEE tab's records behind a line): voided, corrected (a version after the first) or
    saved."""
    if status == "voided":
        return QCoreApplication.translate("RecordsTableModel", "voided")
    if version > 1:
        return QCoreApplication.translate("RecordsTableModel", "corrected")
    return QCoreApplication.translate("RecordsTableModel", "saved")
