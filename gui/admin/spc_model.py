"""The SPC tab's site table: every chart with a frozen baseline, one row per station, size and
measurement: whether its last 8 points broke a rule (the fleet alarm's state, so its header says
"Last 8 points": "in control" beside a chart full of older signals read as a contradiction), and
when its newest signal was, however old."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from gui.admin.spc_texts import measurement_text, rules_text
from gui.table_model import ColumnTableModel

SIGNAL_COLOURS = {"critical": "#c62828", "warning": "#b26a00"}


class SpcStatusModel(ColumnTableModel):
    COLUMNS = ("station", "size", "measurement", "state", "last_signal")

    def __init__(self, when: Callable[[str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._when = when  # a canonical UTC time in the site's words
        self._rows: list[dict[str, Any]] = []
        self._headers = (self.tr("Station"), self.tr("Size"), self.tr("Measurement"),
                         self.tr("Last 8 points"), self.tr("Last signal"))
        self._header_tips = {
            "state": self.tr("Whether one of the chart's last 8 points broke a rule (the fleet "
                             "alarm). Older signals stay on the chart and in its list."),
            "last_signal": self.tr("The newest point that broke a rule under the limits in "
                                   "force, however old.")}

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.COLUMNS)):
            return self._header_tips.get(self.COLUMNS[section])
        return super().headerData(section, orientation, role)

    def chart_at(self, row: int) -> tuple[str, str, str]:
        entry = self._rows[row]
        return entry["station"], entry["size"], entry["measurement"]

    def row_of(self, chart: tuple[str, str, str]) -> int | None:
        return next((row for row in range(len(self._rows)) if self.chart_at(row) == chart), None)

    def cell_data(self, entry: dict[str, Any], column: str, role: int) -> Any:
        rules = entry["open_rules"].split(",") if entry["open_rules"] else []
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "measurement":
                return measurement_text(entry["measurement"])
            if column == "state":
                if not rules:
                    return self.tr("in control")
                if role == Qt.ItemDataRole.ToolTipRole:  # since when, and the rules' names
                    return self.tr("Since %1: %2").replace(
                        "%1", self._when(entry["open_since"])).replace("%2", rules_text(rules))
                return self.tr("out of control: rule %1").replace("%1", ", ".join(rules))
            if column == "last_signal":
                return self._when(entry["last_signal"]) if entry["last_signal"] else "—"
            return entry[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "state" and rules:
            return QBrush(QColor(SIGNAL_COLOURS["critical" if "1" in rules else "warning"]))
        return None
