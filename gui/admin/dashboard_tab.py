"""Dashboard: Top-5 defects, Pareto with the 80 % line and the critical list, mean CAM-D / CAM-W
per station coloured by the quality bands with the 3 % target line and a ranking, and
production per hour. The numbers come from utils.analytics (pandas); the charts are pyqtgraph
items created once and updated in place as records arrive."""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QHBoxLayout, QLabel, QVBoxLayout, QWidget,
)

from config.catalogs import QualityBands  # noqa: E402
from utils import analytics  # noqa: E402

from gui.admin.record_filters import RecordFilters  # noqa: E402
from gui.i18n import uses_decimal_comma  # noqa: E402

BAND_COLORS = {"excellent": "#1b7f3b", "good": "#7cb342", "attention": "#f9a825",
               "critical": "#c62828", "unknown": "#9e9e9e"}
REFRESH_MS = 10_000
MAX_SHIFT_BARS = 21  # one week of three shifts; older ones are in the exports


class DashboardTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None, bands: QualityBands | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._bands = bands
        self.setObjectName("dashboardTab")
        self.filters = RecordFilters(ctx)
        self.filters.changed.connect(self.refresh)
        self.critical = QLabel()
        self.critical.setObjectName("paretoCritical")
        self.critical.setWordWrap(True)
        self.ranking = QLabel()
        self.ranking.setObjectName("ranking")
        self.ranking.setWordWrap(True)
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.charts = pg.GraphicsLayoutWidget()
        self.top_plot = self.charts.addPlot(row=0, col=0, title=self.tr("Top 5 defects (share of rejections)"))
        self.pareto_plot = self.charts.addPlot(row=0, col=1, title=self.tr("Pareto"))
        self.means_plot = self.charts.addPlot(row=1, col=0,
                                              title=self.tr("Mean CAM-D / CAM-W per station (%)"))
        self.hour_plot = self.charts.addPlot(row=1, col=1, title=self.tr("Boxes per hour of the day"))
        self.shift_plot = self.charts.addPlot(row=2, col=0, colspan=2,
                                              title=self.tr("Boxes per shift (day · shift)"))
        # Items created once; refresh() only changes their data.
        self.top_plot.getAxis("bottom").setHeight(44)  # two-line labels: defect and share
        self.top_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#1565c0")
        self.top_plot.addItem(self.top_bars)
        self.pareto_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#90a4ae")
        self.pareto_plot.addItem(self.pareto_bars)
        self.pareto_line = self.pareto_plot.plot([], [], pen=pg.mkPen("#c62828", width=2),
                                                 symbol="o", symbolSize=5)
        self.pareto_plot.addItem(pg.InfiniteLine(pos=analytics.PARETO_LINE, angle=0,
                                                 pen=pg.mkPen("#c62828", style=pg.QtCore.Qt.PenStyle.DashLine)))
        self.means_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brushes=[])
        self.means_plot.addItem(self.means_bars)
        self.target_line = pg.InfiniteLine(pos=self.bands.target, angle=0,
                                           pen=pg.mkPen("#000000", width=1,
                                                        style=pg.QtCore.Qt.PenStyle.DashLine))
        self.means_plot.addItem(self.target_line)
        self.hour_bars = pg.BarGraphItem(x=list(range(24)), height=[0] * 24, width=0.8, brush="#00897b")
        self.hour_plot.addItem(self.hour_bars)
        self.shift_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#5e35b1")
        self.shift_plot.addItem(self.shift_bars)
        top = QHBoxLayout()
        top.addWidget(self.filters)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.charts, 1)
        layout.addWidget(self.critical)
        layout.addWidget(self.ranking)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)  # records keep arriving from the stations' journals
        self.frame = analytics.records_frame([])
        self.refresh()

    @property
    def bands(self) -> QualityBands:
        """The bands and target given, else the site catalog's (read at each refresh, so a
        newly published catalog shows at the next refresh)."""
        return self._bands or self.ctx.catalog.bands

    def refresh(self) -> None:
        frame = self.frame = self.filters.apply(self.filters.load())
        top = analytics.top_defects(frame)
        self.top_bars.setOpts(x=np.arange(len(top)), height=top["share"].to_numpy(float))
        self.top_plot.getAxis("bottom").setTicks([[(i, f"{d}\n{s:.0f} %") for i, (d, s) in
                                                   enumerate(zip(top["defect"], top["share"]))]])
        result = analytics.pareto(frame)
        table = result.table
        x = np.arange(len(table))
        self.pareto_bars.setOpts(x=x, height=table["share"].to_numpy(float))
        self.pareto_line.setData(x, table["cumulative"].to_numpy(float))
        self.pareto_plot.getAxis("bottom").setTicks([[(i, d) for i, d in enumerate(table["defect"])]])
        self.pareto_plot.setYRange(0, 100)
        self.critical.setText(self.tr("Critical defects (first 80 %): %1").replace(
            "%1", ", ".join(result.critical) if result.critical else "—"))
        means = analytics.station_means(frame, self.bands)
        self.target_line.setPos(self.bands.target)  # a newly published catalog moves it
        self.means_bars.setOpts(x=np.arange(len(means)), height=means["mean"].fillna(0).to_numpy(float),
                                brushes=[pg.mkBrush(BAND_COLORS[b]) for b in means["band"]])
        self.means_plot.getAxis("bottom").setTicks([[(i, s) for i, s in enumerate(means["station"])]])
        bands = {"excellent": self.tr("excellent"), "good": self.tr("good"),
                 "attention": self.tr("attention"), "critical": self.tr("critical"),
                 "unknown": self.tr("no measurements")}
        comma = uses_decimal_comma()
        self.ranking.setText(self.tr("Ranking: %1").replace("%1", " · ".join(
            f"{r.rank}. {r.station} "
            f"{(f'{r.mean:.2f}'.replace('.', ',') if comma else f'{r.mean:.2f}')} % ({bands[r.band]})"
            for r in means.itertuples()) or "—"))
        hours = analytics.per_hour(frame, self.ctx.settings.timezone)
        self.hour_bars.setOpts(height=hours.to_numpy(float))
        shifts = analytics.per_shift(frame, self.ctx.settings.timezone).tail(MAX_SHIFT_BARS)
        self.shift_bars.setOpts(x=np.arange(len(shifts)), height=shifts["boxes"].to_numpy(float))
        self.shift_plot.getAxis("bottom").setTicks([[
            (i, f"{day[5:]} · {int(number)}") for i, (day, number) in
            enumerate(zip(shifts["day"], shifts["shift"]))]])
