"""The Insights tab's summary as a Qt table model: one row per StationInsight (the site, then
each station), with the records behind every cell (`rows`) and the cell in words (`describe`),
so "Show rows…" knows what a selected number was computed from. No widgets here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from utils.insights import Rows, StationInsight

from gui.admin.dashboard_tab import BAND_COLORS
from gui.admin.insights_texts import header_tip, number, signed, trend_label
from gui.table_model import ColumnTableModel, Index as _Index

ROWS_ROLE = Qt.ItemDataRole.UserRole + 1  # the queries of the records behind a detail
WHAT_ROLE = Qt.ItemDataRole.UserRole + 2  # what that number is, for the rows dialog's title
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # how many records that is, when known
TREND_COLORS = {"worsening": "#c62828", "improving": "#1b7f3b"}
RISK_COLORS = {"high": "#c62828", "medium": "#b26a00"}


class InsightsModel(ColumnTableModel):
    """One row per StationInsight: the site first, then the stations in order (not sortable:
    a sort indicator would widen every column past what fits beside the details; the dashboard
    has the ranking)."""

    COLUMNS = ("station", "boxes", "score", "mean", "trend", "worst_shift", "top_defect",
               "anomalies")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[StationInsight] = []
        self._headers = (self.tr("Station"), self.tr("Boxes"), self.tr("Score"),
                         self.tr("Mean CAM %"), self.tr("Trend"), self.tr("Worst shift"),
                         self.tr("Top defect"), self.tr("Anomalies"))

    def station_row(self, station: str | None) -> int | None:
        for row, insight in enumerate(self._rows):
            if insight.station == station:
                return row
        return None

    def station_label(self, insight: StationInsight) -> str:
        return self.tr("Site") if insight.station is None else insight.station

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tip(self.COLUMNS[section])
        return None

    def cell_data(self, insight: StationInsight, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(insight, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("boxes", "score", "mean",
                                                                     "anomalies"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == "score":
            return QBrush(QColor(BAND_COLORS[insight.band]))
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "score":
                return QBrush(QColor("#000000" if insight.band in ("good", "attention") else "#ffffff"))
            if column == "trend" and insight.trend.status in TREND_COLORS:
                return QBrush(QColor(TREND_COLORS[insight.trend.status]))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(insight, column)
        return None

    def _display(self, insight: StationInsight, column: str) -> str:
        if column == "station":
            return self.station_label(insight)
        if column == "boxes":
            return str(insight.boxes)
        if column == "score":
            return number(insight.score, 0)
        if column == "mean":
            return number(insight.mean_cam.value)
        if column == "trend":
            trend = insight.trend
            if trend.change_pct is None:
                return trend_label(trend.status)
            return f"{trend_label(trend.status)} ({signed(trend.change_pct)} %)"
        if column == "worst_shift":
            worst = insight.worst_shift
            return "—" if worst is None else self.tr("%1 (%2 %)").replace(
                "%1", str(worst.shift)).replace("%2", number(worst.mean))
        if column == "top_defect":
            top = insight.top_defects[0] if insight.top_defects else None
            return "—" if top is None else f"{top.name} ({number(top.share, 0)} %)"
        return str(insight.anomaly_count)

    def rows(self, index: _Index) -> tuple[Rows, int | None]:
        """The records behind the number in this cell, and how many they are (None: not
        counted, they are read when shown)."""
        insight = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column in ("score", "mean"):
            return insight.mean_cam.rows, insight.mean_cam.n
        if column == "trend":
            return insight.trend.rows, insight.boxes
        if column == "worst_shift":
            worst = insight.worst_shift
            return ((), 0) if worst is None else (worst.rows, worst.boxes)
        if column == "top_defect":
            if not insight.top_defects:
                return (), 0
            top = insight.top_defects[0]
            return top.rows, next((r.boxes for r in insight.risks if r.defect == top.name),
                                  None)
        if column == "anomalies":
            return insight.anomaly_rows, None
        return insight.rows, insight.boxes

    def describe(self, index: _Index) -> str:
        """What the number in this cell is, in words (the rows dialog's title)."""
        return self._describe(self._rows[index.row()], self.COLUMNS[index.column()])

    def _describe(self, insight: StationInsight, column: str) -> str:
        header = self._headers[self.COLUMNS.index(column)]
        return f"{self.station_label(insight)} · {header}: {self._display(insight, column)}"

