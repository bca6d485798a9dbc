"""The SPC tab's site table: every chart with a frozen baseline and whether it is in control
(the rules broken among its last 8 points), one row per station, size and measurement."""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from gui.admin.spc_texts import measurement_text, rules_text
from gui.table_model import ColumnTableModel

SIGNAL_COLOURS = {"critical": "#c62828", "warning": "#b26a00"}


class SpcStatusModel(ColumnTableModel):
    COLUMNS = ("station", "size", "measurement", "state", "since")

    def __init__(self, when: Callable[[str], str], parent: QObject | None = None):
        super().__init__(parent)
        self._when = when  # a canonical UTC time in the site's words
        self._rows: list[dict[str, Any]] = []
        self._headers = (self.tr("Station"), self.tr("Size"), self.tr("Measurement"),
                         self.tr("State"), self.tr("Since"))

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
                text = rules_text(rules)
                return text if role == Qt.ItemDataRole.ToolTipRole else (
                    self.tr("out of control: rule %1").replace("%1", ", ".join(rules)))
            if column == "since":
                return self._when(entry["open_since"]) if entry["open_since"] else "—"
            return entry[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == "state" and rules:
            return QBrush(QColor(SIGNAL_COLOURS["critical" if "1" in rules else "warning"]))
        return None
