"""The dashboard's downtime charts: a Pareto of downtime by stop reason (bars in hours, the
cumulative share as a line, the 80 % line) and the site's OEE per day (availability,
performance and quality with it). pyqtgraph items created once, then `setData` / `setOpts`;
figures from utils/mes/oee_report.py (kept on ingest). The trend's legend sits under its plot,
where it covers no line; a period without stops says so instead of drawing an empty axis."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from gui.admin.dashboard_layout import EmptyNote, dashboard_plot
from gui.downtime_texts import reason_label
from utils.clock import Clock
from utils.mes.oee_report import OeeReport

TREND_DAYS = 31  # "Everything" shows the last month of the trend
PARETO_LINE = 80.0
TREND_SERIES = (("oee", "#1565c0", 3), ("availability", "#2e7d32", 1),
                ("performance", "#ef6c00", 1), ("quality", "#6a1b9a", 1))
TREND_TOP = 105.0  # the trend's top at least: 100 % with a little room above



class DowntimeCharts:
    """Two plots added to the dashboard's chart layout at `row`, the trend's legend under it
    (at `row` + 1)."""

    def __init__(self, clock: Clock, oee: OeeReport, charts: pg.GraphicsLayoutWidget, row: int):
        self.clock = clock
        self.oee = oee
        translate = QCoreApplication.translate
        self.pareto_plot = dashboard_plot(charts, row, 0, translate(
            "DashboardDowntime", "Downtime by stop reason (hours)"))
        self.trend_plot = dashboard_plot(charts, row, 1, translate(
            "DashboardDowntime", "OEE per day (%)"))
        self.pareto_plot.getAxis("bottom").setHeight(44)
        self.pareto_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#c62828")
        self.pareto_plot.addItem(self.pareto_bars)
        self.pareto_line = self.pareto_plot.plot([], [], pen=pg.mkPen("#37474f", width=2),
                                                 symbol="o", symbolSize=5)
        # Under the plot, not in it: inside, it covered the lines near 100 %.
        self.legend = pg.LegendItem(labelTextSize="8pt", colCount=4)
        charts.addItem(self.legend, row=row + 1, col=1)
        names = {"oee": translate("DashboardDowntime", "OEE"),
                 "availability": translate("DashboardDowntime", "availability"),
                 "performance": translate("DashboardDowntime", "performance"),
                 "quality": translate("DashboardDowntime", "quality")}
        self.trend_lines = {
            key: self.trend_plot.plot([], [], pen=pg.mkPen(color, width=width), name=names[key],
                                      symbol="o" if key == "oee" else None, symbolSize=5)
            for key, color, width in TREND_SERIES}
        for key, _color, _width in TREND_SERIES:
            self.legend.addItem(self.trend_lines[key], names[key])
        self.trend_plot.setYRange(0, TREND_TOP)
        self.no_stops = EmptyNote(self.pareto_plot, translate(
            "DashboardDowntime", "No stops in this period"))
        self.no_days = EmptyNote(self.trend_plot, translate(
            "DashboardDowntime", "No shifts worked in this period"))
        self.pareto_limit = pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(
            "#37474f", style=Qt.PenStyle.DashLine))
        self.pareto_plot.addItem(self.pareto_limit)
        self.pareto: list[tuple[str, float, int]] = []
        self.trend = []

    def figures(self, start: datetime | None, station: str | None) -> tuple[list, list]:
        """The stops' Pareto and the OEE by day, read (no widget: a task thread may call it)."""
        now = self.clock.now()
        begin = start or now - timedelta(days=TREND_DAYS)
        report = self.oee
        # Shifts that started up to 8 h before the period's start run into it.
        pareto = report.pareto(begin - timedelta(hours=8), now, station, now=now)
        if station:
            days = report.days(begin, now, station, now=now)
        else:
            days = report.trend(begin, now, now=now)
        return pareto, days

    def show(self, figures: tuple[list, list]) -> None:
        """Draw what `figures` read (on the GUI thread)."""
        self.pareto, days = figures
        hours = np.array([seconds / 3600 for _reason, seconds, _n in self.pareto], dtype=float)
        x = np.arange(len(hours), dtype=float)
        self.no_stops.show(not self.pareto)
        self.pareto_bars.setOpts(x=x, height=hours)
        total = float(hours.sum())
        # The cumulative share drawn on the bars' scale: 100 % at the total's height.
        cumulative = np.cumsum(hours) if total else hours
        self.pareto_line.setData(x, cumulative)
        self.pareto_limit.setPos(total * PARETO_LINE / 100)
        self.pareto_limit.setVisible(total > 0)
        self.pareto_plot.getAxis("bottom").setTicks([[
            (i, ("" if i % 2 == 0 else "\n") + reason_label(reason))
            for i, (reason, _s, _n) in enumerate(self.pareto)]])
        self.trend = days
        self.no_days.show(not days)
        x = np.arange(len(days), dtype=float)
        highest = TREND_TOP
        for key, _color, _width in TREND_SERIES:
            values = [getattr(d.figures, key) for d in days]
            y = np.array([np.nan if v is None else v * 100 for v in values], dtype=float)
            self.trend_lines[key].setData(x, y, connect="finite")
            if np.isfinite(y).any():
                highest = max(highest, float(np.nanmax(y)) * 1.05)
        # A performance above 100 % (boxes faster than the catalog's ideal time) stays in view.
        self.trend_plot.setYRange(0, highest)
        step = max(1, len(days) // 10)
        self.trend_plot.getAxis("bottom").setTicks([[(i, d.day[5:]) for i, d in
                                                     enumerate(days) if i % step == 0]])
