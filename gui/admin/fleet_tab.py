"""Fleet: every station in a table (search, colours), live CPU / memory / disk plots of the
selected stations, and the alarm list with acknowledgement.

Plot items are created once per station and updated with setData (pyqtgraph's own advice);
the data are NumPy copies from the fleet's ring buffers.
"""

from __future__ import annotations

import math
import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")  # PySide6 is already imported: keep it

import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QSortFilterProxyModel, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QGraphicsItem, QHeaderView, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from utils.auth import Session  # noqa: E402
from utils.site.fleet import FleetMonitor, StationView  # noqa: E402

from gui.admin.fleet_model import SEARCH_ROLE, FleetTableModel  # noqa: E402

PLOTTED = (("cpu", "CPU %"), ("memory", "Memory %"), ("disk", "Disk %"))
MAX_PLOTTED_STATIONS = 8
HISTORY_S = 3600  # the plots show the last hour (the fleet keeps 3,600 samples per station)
# The time axis moves in steps, not with every sample: an axis whose range changes redraws its
# ticks and labels, which costs more than the curves (bench_gui.py).
X_STEP_S = 30


class FleetTab(QWidget):
    def __init__(self, fleet: FleetMonitor, ctx, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.fleet = fleet
        self.ctx = ctx
        self.session = session
        self.setObjectName("fleetTab")
        self.model = FleetTableModel(self, thresholds=ctx.catalog.thresholds)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # One precomputed text per row to search: filtering on every column asks the model for
        # each of 11 cells of every changed row, on every tick.
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(SEARCH_ROLE)
        # Sorted and filtered again only when it can change the order (see update_views): the
        # proxy's own dynamic re-sort runs on every tick for all 200 rows.
        self.proxy.setDynamicSortFilter(False)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.search = QLineEdit()
        self.search.setObjectName("fleetSearch")
        self.search.setPlaceholderText(self.tr("Search stations, users, lots…"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.summary = QLabel()
        self.summary.setObjectName("fleetSummary")
        self.table = QTableView()
        self.table.setObjectName("fleetTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(34)
        # Columns fitted to the rows in view when the stations change, not on every tick:
        # re-measuring on each update cost more than the rest of a refresh (bench_gui.py). The
        # person can widen a column; the texts of a column keep their width from tick to tick.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        pg.setConfigOptions(antialias=False, background="w", foreground="k")
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setObjectName("fleetPlots")
        self._plot_items: dict[str, pg.PlotItem] = {}
        labels = {"cpu": self.tr("CPU %"), "memory": self.tr("Memory %"), "disk": self.tr("Disk %")}
        for row, (name, _english) in enumerate(PLOTTED):
            plot = self.plots.addPlot(row=row, col=0,
                                      axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
            plot.setLabel("left", labels[name])
            # Fixed ranges: per cent from 0 to 100, and the last hour (see _follow_time): no
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
            if row == 0:
                plot.addLegend(offset=(-10, 10))
            self._plot_items[name] = plot
        self._curves: dict[tuple[str, str], pg.PlotDataItem] = {}
        self._drawn: dict[tuple[str, str], tuple[int, float]] = {}  # (samples, last time) shown
        self._x_range: tuple[float, float] | None = None
        self._follow_time()

        self.alarms = QListWidget()
        self.alarms.setObjectName("alarms")
        self.ack_button = QPushButton(self.tr("Acknowledge alarm…"))
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self._acknowledged: set[tuple[str, str, str]] = set()
        self._alarms_shown: list[tuple[str, str, str]] | None = None
        self._sized_lengths = [0] * len(FleetTableModel.COLUMNS)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.summary)  # its own line: long in Portuguese
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(QLabel(self.tr("Alarms")))
        left_layout.addWidget(self.alarms, 1)
        left_layout.addWidget(self.ack_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.plots)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([860, 540])  # the table's columns first; the plots take the rest
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- updates from the poller -------------------------------------------------------------------

    def update_views(self, views: list[StationView]) -> None:
        self.model.thresholds = self.ctx.catalog.thresholds  # a newly published site catalog
        if self.model.update_views(views):
            self.table.resizeColumnsToContents()
            self._sized_lengths = self.model.text_lengths()
        else:
            # A column whose texts got longer (a lot was set) is widened; others keep width.
            lengths = self.model.text_lengths()
            for column, (now, sized) in enumerate(zip(lengths, self._sized_lengths)):
                if now > sized:
                    self.table.resizeColumnToContents(column)
            self._sized_lengths = [max(a, b) for a, b in zip(lengths, self._sized_lengths)]
            if self.model.changed_columns and (
                    self.table.horizontalHeader().sortIndicatorSection()
                    in self.model.changed_columns
                    or self.proxy.filterRegularExpression().pattern()):
                self.proxy.invalidate()  # the order or the search result may have changed
        counts: dict[str, int] = {}
        for view in views:
            counts[str(view.liveness)] = counts.get(str(view.liveness), 0) + 1
        self.summary.setText(self.tr("%1 stations · %2 online · %3 stale · %4 offline")
                             .replace("%1", str(len(views)))
                             .replace("%2", str(counts.get("online", 0)))
                             .replace("%3", str(counts.get("stale", 0)))
                             .replace("%4", str(counts.get("offline", 0) + counts.get("stopped", 0))))
        self._refresh_alarms()
        self._refresh_plots()

    def selected_stations(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [self.model.view_at(self.proxy.mapToSource(index).row()).station_id
                for index in rows]

    def _selection_changed(self, *_args) -> None:
        self._refresh_plots()

    def _follow_time(self, first_sample: float | None = None) -> None:
        """Show the last hour, or from the first plotted sample when there is less history
        (rounded down to the minute, so a new station's curve is not a dot at the right edge);
        the right edge rounded up to the next X_STEP_S."""
        now = self.fleet.clock.now().timestamp()
        end = math.ceil(now / X_STEP_S) * X_STEP_S
        start = end - HISTORY_S
        if first_sample is not None:
            start = max(start, min(math.floor(first_sample / 60) * 60, end - 60))
        if (start, end) != self._x_range:
            self._x_range = (start, end)
            for plot in self._plot_items.values():
                plot.setXRange(start, end, padding=0)

    def _refresh_plots(self) -> None:
        wanted = self.selected_stations()[:MAX_PLOTTED_STATIONS]
        first_sample = None
        for key in [k for k in self._curves if k[0] not in wanted]:
            curve = self._curves.pop(key)
            self._drawn.pop(key, None)
            self._plot_items[key[1]].removeItem(curve)
        for index, station_id in enumerate(wanted):
            # One-pixel lines without antialiasing: Qt's raster engine draws wider or smoothed
            # lines of 3,600 points many times slower (bench_gui.py), and the dashboard turns
            # pyqtgraph's global antialias option on, so it is set per curve.
            pen = pg.mkPen(pg.intColor(index, hues=MAX_PLOTTED_STATIONS), width=1)
            for name, _label in PLOTTED:
                series = self.fleet.series(station_id, name)
                key = (station_id, name)
                curve = self._curves.get(key)
                if curve is None:  # created once, then only setData
                    curve = self._plot_items[name].plot(name=station_id if name == "cpu" else None,
                                                        pen=pen, antialias=False)
                    # Drawn with at most a few points per pixel (peaks kept, so a spike shows).
                    curve.setDownsampling(auto=True, method="peak")
                    # About one bin per pixel (two points: its low and high); pyqtgraph's
                    # default of five samples per pixel means no downsampling for an hour of
                    # samples in a plot narrower than 720 px. No setter exists for it.
                    curve.opts["autoDownsampleFactor"] = 1.0
                    curve.setClipToView(True)
                    self._curves[key] = curve
                if series is None or not len(series[0]):
                    continue
                first = float(series[0][0])
                first_sample = first if first_sample is None else min(first_sample, first)
                drawn = (len(series[0]), float(series[0][-1]))
                if self._drawn.get(key) == drawn:
                    continue  # no new sample since the last tick: nothing to redraw
                self._drawn[key] = drawn
                curve.setData(series[0], series[1], connect="finite")
        self._follow_time(first_sample)
        # Let the plots take their new time range now: done inside the paint (pyqtgraph's
        # default), the range change asks for a second full repaint of every plot.
        self.plots.scene().prepareForPaint()

    # -- alarms --------------------------------------------------------------------------------

    def _refresh_alarms(self) -> None:
        names = {"state": self.tr("not reporting"), "cpu": self.tr("CPU"),
                 "memory": self.tr("memory"), "disk": self.tr("disk")}
        levels = {"warning": self.tr("warning"), "critical": self.tr("critical")}
        current = [a for a in self.model.alarms() if a not in self._acknowledged]
        if current == self._alarms_shown:
            return  # the same alarms: keep the list (and what the person selected in it)
        self._alarms_shown = current
        self.alarms.clear()
        for station, what, level in current:
            item = QListWidgetItem(self.tr("Station %1: %2 (%3)").replace("%1", station)
                                   .replace("%2", names[what]).replace("%3", levels[level]))
            item.setData(Qt.ItemDataRole.UserRole, (station, what, level))
            item.setForeground(Qt.GlobalColor.darkRed if level == "critical" else Qt.GlobalColor.darkYellow)
            self.alarms.addItem(item)

    def acknowledge_selected(self, note: str | None = None) -> bool:
        item = self.alarms.currentItem()
        if item is None:
            return False
        if note is None:
            note, ok = QInputDialog.getText(self, self.tr("Acknowledge alarm"),
                                            self.tr("Note (what you are doing about it):"))
            if not ok:
                return False
        alarm = item.data(Qt.ItemDataRole.UserRole)
        self.ctx.audit.record(self.session.actor, "alarm.ack", entity="station", entity_id=alarm[0],
                              after={"alarm": alarm[1], "level": alarm[2], "note": note})
        self._acknowledged.add(tuple(alarm))
        self._refresh_alarms()
        return True
