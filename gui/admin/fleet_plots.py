"""The Fleet tab's live plots: CPU, memory and disk per cent of the selected stations over the
last hour, one line per station in all three, a legend whose sample switches a station's lines
off and on. The lines come made (fleet_traces.py, on the poller's thread); `show_frame` only
swaps them into items created once (pyqtgraph's advice: no new items per update).
"""

from __future__ import annotations

from datetime import datetime

import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem, QWidget

from gui.admin.fleet_traces import PlotFrame
from gui.admin.trace_item import TraceSetItem
from gui.admin.value_axis import value_axes

PLOTTED = ("cpu", "memory", "disk")
MAX_PLOTTED_STATIONS = 8


class FleetPlots(pg.GraphicsLayoutWidget):
    def __init__(self, now: datetime, parent: QWidget | None = None):
        """`now` in the site's time zone: the time axis reads in it."""
        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        super().__init__(parent)
        self.setObjectName("fleetPlots")
        self._plot_items: dict[str, pg.PlotItem] = {}
        self._settled_items: dict[str, TraceSetItem] = {}
        self._live_items: dict[str, TraceSetItem] = {}
        labels = {"cpu": self.tr("CPU %"), "memory": self.tr("Memory %"), "disk": self.tr("Disk %")}
        # The time axis reads in the site's time zone, like "last seen" beside it (pyqtgraph
        # would use this PC's own zone). pyqtgraph takes seconds west of UTC; the offset is the
        # one when the panel opens (a daylight-saving change shows after reopening it).
        site_offset = now.utcoffset()
        west_s = -int(site_offset.total_seconds()) if site_offset is not None else 0
        for row, name in enumerate(PLOTTED):
            plot = self.addPlot(row=row, col=0, axisItems={
                "bottom": pg.DateAxisItem(orientation="bottom", utcOffset=west_s),
                **value_axes()}, enableMenu=False)
            plot.setLabel("left", labels[name])
            # Fixed ranges: per cent from 0 to 100, and the last hour (fleet_traces.py): no
            # auto-range pass and no axis redraw on a tick; panning would only lose the live view.
            plot.enableAutoRange(x=False, y=False)
            plot.setYRange(0, 100, padding=0)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.showGrid(y=True, alpha=0.3)
            for side in ("left", "bottom"):
                # Axes (labels, ticks, the grid) kept as pixmaps until their range changes:
                # replaying them cost three quarters of each plot repaint (bench_gui.py).
                plot.getAxis(side).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self._settled_items[name] = TraceSetItem(cached=True)
            self._live_items[name] = TraceSetItem(cached=False)
            plot.addItem(self._settled_items[name], ignoreBounds=True)
            plot.addItem(self._live_items[name], ignoreBounds=True)
            self._plot_items[name] = plot
        self._legend = self._plot_items["cpu"].addLegend(offset=(-10, 10))
        self._legend_samples: dict[str, pg.PlotDataItem] = {}
        self._pens = [pg.mkPen(pg.intColor(i, hues=MAX_PLOTTED_STATIONS), width=1)
                      for i in range(MAX_PLOTTED_STATIONS)]
        self._hidden: set[str] = set()  # stations switched off in the legend
        self._x_range: tuple[float, float] | None = None
        self._shown_settled: dict[str, tuple] = {}  # per plot: what its settled item shows

    def cpu_view(self) -> pg.ViewBox:
        """The first plot's view box: its size is the plots' width in pixels."""
        return self._plot_items["cpu"].getViewBox()

    def show_frame(self, frame: PlotFrame) -> None:
        """Swap in the lines of a frame made off the GUI thread (fleet_traces.py)."""
        self._update_legend(frame.stations)
        if frame.x_range != self._x_range:
            self._x_range = frame.x_range
            for plot in self._plot_items.values():
                plot.setXRange(*frame.x_range, padding=0)
        start, end = frame.x_range
        for name, plot in self._plot_items.items():
            box = plot.getViewBox()
            pixel = ((end - start) / max(box.width(), 1.0), 100.0 / max(box.height(), 1.0))
            settled = frame.settled[name]
            seen = (frame.stations, pixel, settled)  # Trace compares by identity
            if self._shown_settled.get(name) != seen:  # the settled lines change every X_STEP_S
                self._shown_settled[name] = seen
                self._settled_items[name].set_traces(self._with_pens(frame.stations, settled),
                                                     pixel)
            self._live_items[name].set_traces(self._with_pens(frame.stations, frame.live[name]),
                                              pixel)
        # Let the plots take a new time range now: done inside the paint (pyqtgraph's default),
        # the range change asks for a second full repaint of every plot.
        self.scene().prepareForPaint()

    def _with_pens(self, stations, traces) -> list:
        return [(station, self._pens[i], trace)
                for i, (station, trace) in enumerate(zip(stations, traces)) if trace is not None]

    def _update_legend(self, stations: tuple[str, ...]) -> None:
        if tuple(self._legend_samples) == stations:
            return
        for station, sample in self._legend_samples.items():
            self._legend.removeItem(sample)
        self._legend_samples = {}
        self._hidden &= set(stations)
        for index, station in enumerate(stations):
            # The legend's sample stands for the station's lines in all three plots; clicking
            # it switches them off and on.
            sample = pg.PlotDataItem(pen=self._pens[index])
            sample.setVisible(station not in self._hidden)
            sample.visibleChanged.connect(lambda s=station, item=sample:
                                          self._set_station_shown(s, item.isVisible()))
            self._legend.addItem(sample, station)
            self._legend_samples[station] = sample

    def _set_station_shown(self, station: str, shown: bool) -> None:
        (self._hidden.discard if shown else self._hidden.add)(station)
        for item in (*self._settled_items.values(), *self._live_items.values()):
            item.set_hidden(frozenset(self._hidden))

    def drawn_points(self, station: str, metric: str) -> int:
        """How many points of this station's line the plot draws (settled and live parts)."""
        return (self._settled_items[metric].points(station)
                + self._live_items[metric].points(station))

    def x_range(self) -> tuple[float, float]:
        """The time axis's range (seconds since the epoch)."""
        (start, end), _y = self._plot_items["cpu"].viewRange()
        return start, end
