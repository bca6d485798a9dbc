"""Dashboard: Top-5 defects, Pareto with the 80 % line and the critical list, mean CAM-D and
CAM-W per station (two bars each, each coloured by its quality band, outlined when above the
target) with the target line and a ranking, and production per hour and per shift. The numbers come from the site view's
aggregates (utils.dashboard_figures.dashboard: sums kept on ingest, never a scan of every record); the
charts are pyqtgraph items created once and updated in place as records arrive. The charts keep a
readable height and scroll (gui/admin/dashboard_layout.py); an empty one says so in words."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import (
    QHBoxLayout, QVBoxLayout, QWidget,
)

from config.catalog import QualityBands
from utils import dashboard_figures
from utils.site.site_view import SiteView
from utils.mes.oee_report import OeeReport

from gui.admin.dashboard_downtime import DowntimeCharts
from gui.admin.dashboard_layout import EmptyNote, dashboard_plot, fit_height
from gui.admin.figures_tab import FiguresTab
from gui.admin.latest_task import LatestTask
from gui.admin.site_now import SiteNow
from gui.admin.view_bridge import follow_view
from gui.labels import wrapped_label
from gui.numbers import format_number, format_shortest
from gui.scrolled import scrolled

BAND_COLORS = {"excellent": "#1b7f3b", "good": "#7cb342", "attention": "#f9a825",
               "critical": "#c62828", "unknown": "#9e9e9e"}
REFRESH_MS = 10_000
MAX_SHIFT_BARS = 21  # one week of three shifts; older ones are in the exports
# Two bars per station: CAM-D left of the station's tick, CAM-W right of it. The fill colour is
# the band, so the measure is told apart by the fill pattern (solid / hatched), not by colour.
MEANS_OFFSET = 0.2
MEANS_WIDTH = 0.38
MEASURE_PATTERN = {"cam_d": Qt.BrushStyle.SolidPattern, "cam_w": Qt.BrushStyle.BDiagPattern}
LEGEND_GREY = "#616161"
ABOVE_TARGET_COLOR = "#000000"


def band_of(value: float, bands: QualityBands) -> str:
    """The band of one mean; "unknown" when a station has no such measurement."""
    return "unknown" if pd.isna(value) else bands.rank(float(value))


def above_target_pen() -> QPen:
    """The outline of a bar above the target, whatever its band's colour."""
    return pg.mkPen(ABOVE_TARGET_COLOR, width=3)


def band_brush(band: str, measure: str) -> QBrush:
    return QBrush(QColor(BAND_COLORS[band]), MEASURE_PATTERN[measure])


def number_text(value: float, spec: str = ".2f") -> str:
    """A number as the person reads it (decimal comma in Portuguese): `spec` ".Nf" for N
    decimals, "g" for as many as it has."""
    if spec == "g":
        return format_shortest(value)
    return format_number(value, int(spec.strip(".f") or 0))


class DashboardTab(FiguresTab):
    def __init__(self, site: SiteNow, site_view: SiteView, oee: OeeReport,
                 parent: QWidget | None = None,
                 bands: QualityBands | None = None, *,
                 refresh_ms: int = REFRESH_MS, bridge=None, runner=None):
        super().__init__("dashboardTab", site, site_view, bands, bridge, parent)
        # With the window's task runner the figures are read in the background, while the tab
        # is shown (a year's plant: 130-200 ms at every arrival of records, which froze the
        # panel on the GUI thread); without one (tests, screenshots) at once on this thread.
        self._latest = (None if runner is None else
                        LatestTask(runner, self._start_reading, self._show, self._failed))
        self.critical = wrapped_label("paretoCritical")
        self.ranking = wrapped_label("ranking")
        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.charts = pg.GraphicsLayoutWidget()

        def plot(row: int, col: int, title: str, colspan: int = 1) -> pg.PlotItem:
            return dashboard_plot(self.charts, row, col, title, colspan)

        self.top_plot = plot(0, 0, self.tr("Top 5 defects (share of rejections)"))
        self.pareto_plot = plot(0, 1, self.tr("Pareto"))
        self.means_plot = plot(1, 0, self.tr("Mean CAM-D / CAM-W per station (%)"))
        self.hour_plot = plot(1, 1, self.tr("Boxes per hour of the day"))
        self.shift_plot = plot(3, 0, self.tr("Boxes per shift (day · shift)"), colspan=2)
        # Items created once; refresh() only changes their data.
        self.top_plot.getAxis("bottom").setHeight(44)  # two-line labels: defect and share
        self.pareto_plot.getAxis("bottom").setHeight(44)  # names on two staggered lines
        self.top_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#1565c0")
        self.top_plot.addItem(self.top_bars)
        self.pareto_bars = pg.BarGraphItem(x=[], height=[], width=0.6, brush="#90a4ae")
        self.pareto_plot.addItem(self.pareto_bars)
        self.pareto_line = self.pareto_plot.plot([], [], pen=pg.mkPen("#c62828", width=2),
                                                 symbol="o", symbolSize=5)
        self.pareto_limit = pg.InfiniteLine(pos=dashboard_figures.PARETO_LINE, angle=0,
                                            pen=pg.mkPen("#c62828", style=Qt.PenStyle.DashLine))
        self.pareto_plot.addItem(self.pareto_limit)
        # The legend goes under the plot, not over it: inside, it would hide the top of the bars.
        legend = pg.LegendItem(colCount=4, labelTextSize="8pt")  # two rows, the fold below
        self.charts.addItem(legend, row=2, col=0)
        # The single `brush` is only the legend's sample; each bar is drawn with its band's.
        self.means_bars: dict[str, pg.BarGraphItem] = {}
        for measure, name in (("cam_d", self.tr("CAM-D")), ("cam_w", self.tr("CAM-W"))):
            bars = pg.BarGraphItem(x=[], height=[], width=MEANS_WIDTH, brushes=[],
                                   brush=QBrush(QColor(LEGEND_GREY), MEASURE_PATTERN[measure]),
                                   pen=pg.mkPen(LEGEND_GREY))
            self.means_plot.addItem(bars)
            legend.addItem(bars, name)
            self.means_bars[measure] = bars
        # The band key: samples kept out of the plot, their labels follow the catalog's limits.
        self.band_samples = {band: pg.BarGraphItem(x=[], height=[], width=1, brush=BAND_COLORS[band])
                             for band in ("excellent", "good", "attention", "critical")}
        for sample in self.band_samples.values():
            legend.addItem(sample, "")
        # The bands are the catalog's (the ranking and Insights judge by them too) and the
        # target is its own line: a "good" bar may stand above the target, so such a bar is
        # outlined and the key says what the outline means (a green bar over the dashed line,
        # unmarked, read as "on target").
        self.above_sample = pg.BarGraphItem(x=[], height=[], width=1, brush="#ffffff",
                                            pen=above_target_pen())
        legend.addItem(self.above_sample, "")
        self.means_legend = legend
        self.target_line = pg.InfiniteLine(pos=self.bands.target, angle=0,
                                           pen=pg.mkPen("#000000", width=1,
                                                        style=Qt.PenStyle.DashLine),
                                           label="", labelOpts={"position": 0.03, "color": "#000000",
                                                                "anchors": [(0, 1), (0, 1)]})
        self.means_plot.addItem(self.target_line)
        self.hour_bars = pg.BarGraphItem(x=list(range(24)), height=[0] * 24, width=0.8, brush="#00897b")
        self.hour_plot.addItem(self.hour_bars)
        self.hour_plot.setXRange(-0.6, 23.6, padding=0)  # hours 0-23: no tick at -1 or 24
        self.shift_bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#5e35b1")
        self.shift_plot.addItem(self.shift_bars)
        self.downtime = DowntimeCharts(site.clock, oee, self.charts, row=4)  # issue 15: Pareto, OEE trend
        no_rejections = self.tr("No rejections in this period")
        no_boxes = self.tr("No boxes in this period")
        self.empty = {"top": EmptyNote(self.top_plot, no_rejections),
                      "pareto": EmptyNote(self.pareto_plot, no_rejections, (self.pareto_limit,)),
                      "means": EmptyNote(self.means_plot,
                                         self.tr("No CAM-D or CAM-W measured in this period"),
                                         (self.target_line,)),
                      "hours": EmptyNote(self.hour_plot, no_boxes, (self.hour_bars,)),
                      "shifts": EmptyNote(self.shift_plot, no_boxes)}
        fit_height(self.charts)
        top = QHBoxLayout()
        top.addWidget(self.filters)
        top.addStretch(1)
        # The critical defects (or why the figures could not be read) above the charts, in view
        # while they scroll; the ranking under them, read with the per-station bars.
        charts = QVBoxLayout()
        charts.setContentsMargins(0, 0, 0, 0)
        charts.addWidget(self.charts, 1)
        charts.addWidget(self.ranking)
        self.scroll = scrolled(charts, "dashboardCharts")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.currency)
        layout.addWidget(self.critical)
        layout.addWidget(self.scroll, 1)
        self.timer = follow_view(self, bridge, tick=self.refresh,
                                 view_changed=self._view_changed, interval_ms=refresh_ms)
        self.figures: dashboard_figures.Dashboard | None = None
        self._stale = False
        self.refresh()

    def refresh(self) -> None:
        """Read the figures of the period and station chosen and draw them."""
        if self._latest is None:
            self._show(self._start_reading()())
        elif not self.isVisible():
            self._stale = True  # drawn when shown (RefreshWhenShown)
        else:
            self._latest.request()

    @property
    def reading(self) -> bool:
        """Figures are being read in the background (the ones drawn are the last ones)."""
        return self._latest is not None and self._latest.running

    def _start_reading(self):
        """On the GUI thread: the filters read; the reading (plain objects, no widget)."""
        self.filters.refill_stations()
        view, start, station = self.site_view, self.filters.start(), \
            self.filters.station.currentData()
        bands, zone, downtime = self.bands, self.site.timezone, self.downtime

        def read():
            return (dashboard_figures.dashboard(view, start, None, station, bands=bands,
                                                timezone=zone, shift_limit=MAX_SHIFT_BARS),
                    downtime.figures(start, station))
        return read

    def _failed(self, exc: BaseException) -> None:
        self.critical.setText(self.tr("The figures could not be read (%1); the charts show the "
                                      "last ones. Press Refresh to try again.")
                              .replace("%1", type(exc).__name__))

    def _show(self, read) -> None:
        figures, downtime = read
        self.figures = figures
        top = figures.defects.head(5)
        self.empty["top"].show(top.empty)
        self.top_bars.setOpts(x=np.arange(len(top)), height=top["share"].to_numpy(float))
        self.top_plot.getAxis("bottom").setTicks([[(i, f"{d}\n{s:.0f} %") for i, (d, s) in
                                                   enumerate(zip(top["defect"], top["share"]))]])
        result = figures.pareto
        table = result.table
        x = np.arange(len(table))
        self.empty["pareto"].show(table.empty)
        self.pareto_bars.setOpts(x=x, height=table["share"].to_numpy(float))
        self.pareto_line.setData(x, table["cumulative"].to_numpy(float))
        # Every other name one line lower: a long name ("Cápsula Fina") may then take the room
        # of two bars without running into its neighbour's.
        self.pareto_plot.getAxis("bottom").setTicks([[(i, d if i % 2 == 0 else "\n" + d)
                                                      for i, d in enumerate(table["defect"])]])
        self.pareto_plot.setYRange(0, 100)
        self.critical.setText(self.tr("Critical defects (first 80 %): %1").replace(
            "%1", ", ".join(result.critical) if result.critical else "—"))
        self._show_means(figures.means)
        self.hour_bars.setOpts(height=figures.hours.to_numpy(float))
        self.empty["hours"].show(not figures.hours.to_numpy(float).any())
        shifts = figures.shifts
        self.empty["shifts"].show(shifts.empty)
        self.shift_bars.setOpts(x=np.arange(len(shifts)), height=shifts["boxes"].to_numpy(float))
        self.shift_plot.getAxis("bottom").setTicks([[
            (i, f"{day[5:]} · {int(number)}") for i, (day, number) in
            enumerate(zip(shifts["day"], shifts["shift"]))]])
        self.downtime.show(downtime)

    def _show_means(self, means: pd.DataFrame) -> None:
        """CAM-D and CAM-W bars per station in ranking order, the target line, the band key and
        the ranking (by the mean of the two, lowest first, as dashboard_figures ranks them)."""
        bands = self.bands
        measured = bool(means[["cam_d", "cam_w"]].notna().to_numpy().any())
        self.empty["means"].show(not measured)
        x = np.arange(len(means), dtype=float)
        for measure, offset in (("cam_d", -MEANS_OFFSET), ("cam_w", MEANS_OFFSET)):
            found = [band_of(value, bands) for value in means[measure]]
            self.means_bars[measure].setOpts(
                x=x + offset, height=means[measure].fillna(0).to_numpy(float),
                brushes=[band_brush(band, measure) for band in found],
                # pyqtgraph 0.14 fails on an empty `pens` list; None (no bars) is the same.
                pens=[above_target_pen() if pd.notna(value) and value > bands.target
                      else pg.mkPen(BAND_COLORS[band])
                      for value, band in zip(means[measure], found)] or None)
        self.means_plot.getAxis("bottom").setTicks([[(i, s) for i, s in enumerate(means["station"])]])
        self.target_line.setPos(bands.target)  # a newly published catalog moves it
        # Room above the tallest bar and the target line, so the line's label (written above
        # it) is never cut off by the top of the plot.
        tallest = max([bands.target, *(float(v) for m in ("cam_d", "cam_w")
                                       for v in means[m].dropna())])
        self.means_plot.setYRange(0, tallest * 1.25 + 0.1, padding=0)
        self.target_line.label.setFormat(self.tr("target %1 %").replace(
            "%1", number_text(bands.target, "g")))
        limits = {"excellent": self.tr("excellent below %1 %"), "good": self.tr("good below %1 %"),
                  "attention": self.tr("attention below %1 %"),
                  "critical": self.tr("critical from %1 %")}
        edges = {"excellent": bands.excellent, "good": bands.good,
                 "attention": bands.attention, "critical": bands.attention}
        for band, sample in self.band_samples.items():
            self.means_legend.getLabel(sample).setText(
                limits[band].replace("%1", number_text(edges[band], "g")))
        self.means_legend.getLabel(self.above_sample).setText(
            self.tr("outlined: above the target (%1 %)").replace(
                "%1", number_text(bands.target, "g")))
        names = {"excellent": self.tr("excellent"), "good": self.tr("good"),
                 "attention": self.tr("attention"), "critical": self.tr("critical"),
                 "unknown": self.tr("no measurements")}
        self.ranking.setText(self.tr("Ranking by the mean of CAM-D and CAM-W, lowest first: %1")
                             .replace("%1", " · ".join(
                                 f"{r.rank}. {r.station} {number_text(r.mean)} % ({names[r.band]})"
                                 if pd.notna(r.mean) else f"{r.rank}. {r.station} ({names[r.band]})"
                                 for r in means.itertuples()) or "—"))
