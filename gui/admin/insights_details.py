"""The Insights tab's details of one station (or the site) as a tree: means, trend halves,
shifts, top defects and locations, defect frequencies with their risk bands, anomalies. Every
figure carries the queries of the records behind it (ROWS_ROLE), what it is in words
(WHAT_ROLE) and how many records that is (COUNT_ROLE), for the tab's "Show rows…".

Repeated-defect runs are listed longest first, at most LISTED_RUNS of them, then one line
with how many more (the same in the recommendations): a year of a 200-station plant has
about 19,000 runs, and a tree and a recommendations list of all of them took a second of the
GUI thread at every refresh, for lists nobody reads to their end. Each station lists its own
the same way; only the runs listed are made into anomalies and recommendations
(StationInsight.listed_anomalies, listed_recommendations).
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from utils.insights import Rows, StationInsight

from gui.admin.insights_model import COUNT_ROLE, RISK_COLORS, ROWS_ROLE, TREND_COLORS, WHAT_ROLE
from gui.admin.insights_texts import (
    anomaly_text, header_tip, number, runs_not_listed_label, runs_not_listed_text, signed,
    trend_label,
)
from gui.messages import location_text

LISTED_RUNS = 50  # repeated-defect runs listed, longest first (the rest counted in one line)


class InsightDetails(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName(self.tr("Figures of the selected station"))
        self.setObjectName("insightsDetails")
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(False)

    def show_insight(self, insight: StationInsight, name: str) -> None:
        """Every figure of `insight`, under `name` (the station, or the site)."""
        def group(title: str, unit: str = "", tip: str = "") -> QTreeWidgetItem:
            item = QTreeWidgetItem([title, unit])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setForeground(1, QBrush(QColor("#555555")))
            for column in (0, 1):
                item.setToolTip(column, tip or title)
            self.addTopLevelItem(item)
            return item

        def add(parent: QTreeWidgetItem, label: str, value: str, rows: Rows,
                count: int | None, color: str | None = None, tip: str = "") -> QTreeWidgetItem:
            item = QTreeWidgetItem([label, value])
            item.setData(0, ROWS_ROLE, tuple(rows))
            item.setData(0, COUNT_ROLE, count)
            item.setData(0, WHAT_ROLE, f"{name} · {parent.text(0)} · {label}: {value}")
            for column in (0, 1):  # the tree is narrow: the whole text is one hover away
                item.setToolTip(column, tip or f"{label}: {value}")
            if color:
                item.setForeground(1, QBrush(QColor(color)))
            parent.addChild(item)
            return item

        means = group(self.tr("Mean CAM"), "%")
        mean = insight.mean_cam
        add(means, self.tr("Quality score"), number(insight.score, 0), mean.rows, mean.n,
            tip=self.tr("Quality score: 100 − 10 × mean CAM, from 0 to 100"))
        add(means, self.tr("Mean CAM"), number(mean.value), mean.rows, mean.n,
            tip=self.tr("Average of mean CAM-D and mean CAM-W"))
        add(means, self.tr("CAM-D"), number(insight.cam_d.value), insight.cam_d.rows,
            insight.cam_d.n)
        add(means, self.tr("CAM-W"), number(insight.cam_w.value), insight.cam_w.rows,
            insight.cam_w.n)

        trend = insight.trend
        trend_tip = header_tip("trend")
        trends = group(self.tr("Trend: %1").replace("%1", trend_label(trend.status)),
                       "%", trend_tip)
        add(trends, self.tr("First half (n = %1)").replace("%1", str(trend.first.n)),
            number(trend.first.value), trend.first.rows, trend.first.n)
        add(trends, self.tr("Second half (n = %1)").replace("%1", str(trend.second.n)),
            number(trend.second.value), trend.second.rows, trend.second.n)
        add(trends, self.tr("Change"), signed(trend.change_pct), trend.rows, insight.boxes,
            TREND_COLORS.get(trend.status), trend_tip)

        shifts = group(self.tr("Mean CAM by shift"), "%", header_tip("worst_shift"))
        for figure in insight.shifts:
            worst = insight.worst_shift is not None and figure.shift == insight.worst_shift.shift
            label = self.tr("Shift %1 (n = %2)").replace("%1", str(figure.shift)).replace(
                "%2", str(figure.boxes))
            if worst:
                label = self.tr("%1 · worst").replace("%1", label)
            add(shifts, label, number(figure.mean), figure.rows, figure.boxes,
                TREND_COLORS["worsening"] if worst else None)

        of_rejections = self.tr("% of rejections")
        for title, figures in ((self.tr("Top defects"), insight.top_defects),
                               (self.tr("Top locations"), insight.top_locations)):
            parent = group(title, of_rejections)
            for share in figures:
                boxes = next((r.boxes for r in insight.risks if r.defect == share.name), None) \
                    if figures is insight.top_defects else None
                add(parent, self.tr("%1 (%2×)").replace("%1", share.name).replace("%2", str(share.count)),
                    number(share.share, 1), share.rows, boxes)
        unrecorded = insight.locations_not_recorded
        if unrecorded is not None:
            # Beside the ranking, not in it: the old system did not record these locations.
            # Short, so the narrow tree does not cut it; the tooltip says the rest.
            add(parent, self.tr("not recorded (%1×)").replace("%1", str(unrecorded.count)),
                number(unrecorded.share, 1), unrecorded.rows, None, "#777777",
                self.tr("%1: rejections imported from the old system without their location. "
                        "Not ranked; per cent of all rejections, while the locations above "
                        "count only known locations.").replace(
                            "%1", location_text(unrecorded.name)))

        risk_names = {"high": self.tr("high"), "medium": self.tr("medium"), "low": self.tr("low")}
        risks = group(self.tr("Defect frequency · risk"), self.tr("% of boxes"),
                      self.tr("Per cent of the boxes with the defect: from 20 % high, from 10 % "
                              "medium, else low. A frequency, not a prediction."))
        for risk in insight.risks:
            label = risk.defect if risk.location is None else self.tr("%1 (%2)").replace(
                "%1", risk.defect).replace("%2", risk.location)
            add(risks, label, f"{number(risk.frequency, 1)} · {risk_names[risk.band]}",
                risk.rows, risk.boxes, RISK_COLORS.get(risk.band))

        anomalies = group(self.tr("Anomalies (%1)").replace("%1", str(insight.anomaly_count)),
                          "", header_tip("anomalies"))
        shown, left_out = insight.listed_anomalies(LISTED_RUNS)
        for anomaly in shown:
            label, value = anomaly_text(anomaly)
            count = {"cam_outlier": anomaly.count,
                     "repeated_defect": anomaly.params.get("length")}.get(anomaly.kind)
            add(anomalies, label, value, anomaly.rows, count, RISK_COLORS["high"])
        if left_out:  # short in the narrow tree; the sentence on hover
            add(anomalies, runs_not_listed_label(left_out), "", (), None,
                tip=runs_not_listed_text(left_out))
        self.expandAll()
