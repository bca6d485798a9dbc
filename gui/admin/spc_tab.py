"""SPC: per station and size, the individuals and moving-range charts of CAM-D or CAM-W with
their frozen limits, the Western Electric signals flagged with the rule's name, Cp/Cpk with its
sample size, and the site table of every chart with a baseline and whether it is in control.

Everything shown comes from the site view (utils/mes/spc_service.py over data/view_spc.py,
kept on ingest); a refresh reads one chart's last points and the small status table. The plot
items are created once and updated with setData (the rule labels are a pool of text items).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QListWidget, QPushButton,
    QSplitter, QTableView, QVBoxLayout, QWidget,
)

from models.canonical import parse_utc
from utils.auth import Session
from utils.changes import Changes
from utils.mes import spc_service
from utils.site.site_view import SiteView

from gui.admin.refresh_when_shown import RefreshWhenShown
from gui.admin.site_now import SiteNow
from gui.admin.spc_freeze_dialog import FreezeDialog
from gui.admin.spc_model import SIGNAL_COLOURS, SpcStatusModel
from gui.admin.spc_texts import (
    baseline_text, capability_text, measurement_text, number, rules_text,
)
from gui.admin.value_axis import value_axes
from gui.admin.view_bridge import ViewBridge
from gui.admin.view_status import ViewStatus
from gui.labels import wrapped_label
from gui.site_time import site_text
from gui.theme import TOUCH_MIN_PX

POINT_CHOICES = (50, 200, 1000)
MAX_LABELS = 30  # rule labels drawn on the chart (the newest); the list below has them all
LABEL_ANCHOR = (0.5, 1.2)  # a rule label's place: centred above its point
# Where the lines' names sit along them (a share of the x range): the centre line's starts
# right of the newest point, above its line; UCL's ends at the edge above its line and LCL's
# below its own, so the three stay apart however close the limits are.
NAME_PLACES = {"centre": (0.885, (0, 1)), "ucl": (0.985, (1, 1)), "lcl": (0.985, (1, 0))}
LIMIT_PEN = pg.mkPen("#c62828", width=1.5, style=Qt.PenStyle.DashLine)
ZONE_PEN = pg.mkPen("#9e9e9e", width=1, style=Qt.PenStyle.DotLine)
CENTRE_PEN = pg.mkPen("#2e7d32", width=1.5)


class _Chart:
    """One plot (individuals or moving range): its points, flagged points and limit lines."""

    def __init__(self, plot: pg.PlotItem, zones: bool, names: dict[str, str]):
        self.plot = plot
        self.curve = plot.plot([], [], pen=pg.mkPen("#1565c0", width=1), symbol="o",
                               symbolSize=5, symbolBrush="#1565c0", symbolPen=None)
        self.flagged = pg.ScatterPlotItem(size=11, brush=SIGNAL_COLOURS["critical"], pen=None)
        plot.addItem(self.flagged)
        self.lines: dict[str, pg.InfiniteLine] = {}
        kinds = ["centre", "ucl", "lcl"] + (["+1", "-1", "+2", "-2"] if zones else [])
        for name in kinds:
            pen = CENTRE_PEN if name == "centre" else LIMIT_PEN if name in ("ucl", "lcl") \
                else ZONE_PEN
            position, anchor = NAME_PLACES.get(name, (0.985, (1, 1)))
            line = pg.InfiniteLine(angle=0, pen=pen, movable=False,
                                   label=names.get(name, ""),
                                   labelOpts={"position": position, "color": pen.color(),
                                              "anchors": [anchor, anchor]})
            line.setVisible(False)
            plot.addItem(line)
            self.lines[name] = line

    def show(self, xs, ys, flagged_x, flagged_y, lines: dict[str, float | None]) -> None:
        self.curve.setData(xs, ys)
        self.flagged.setData(flagged_x, flagged_y)
        for name, line in self.lines.items():
            value = lines.get(name)
            line.setVisible(value is not None)
            if value is not None:
                line.setValue(value)
        self.plot.enableAutoRange(axis="y")
        # Room right of the newest point for the lines' names (NAME_PLACES).
        count = len(xs) + 1
        self.plot.setXRange(-0.5, count + max(4.0, count * 0.15), padding=0)


class SpcTab(RefreshWhenShown):
    def __init__(self, site: SiteNow, view: SiteView, changes: Changes, session: Session,
                 bridge: ViewBridge | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.site, self.view, self.changes, self.session = site, view, changes, session
        self.setObjectName("spcTab")
        self.data: spc_service.ChartData | None = None
        self.chart_choice = QComboBox()
        self.chart_choice.setObjectName("spcChart")
        self.chart_choice.setAccessibleName(self.tr("Station and size"))
        self.measurement = QComboBox()
        self.measurement.setObjectName("spcMeasurement")
        self.measurement.setAccessibleName(self.tr("Measurement"))
        for key in ("cam_d", "cam_w"):
            self.measurement.addItem(measurement_text(key), key)
        self.points = QComboBox()
        self.points.setObjectName("spcPoints")
        self.points.setAccessibleName(self.tr("Points shown"))
        for count in POINT_CHOICES:
            self.points.addItem(self.tr("last %1 points").replace("%1", str(count)), count)
        self.points.setCurrentIndex(1)
        self.freeze_button = QPushButton(self.tr("Freeze baseline…"))
        self.freeze_button.setObjectName("spcFreeze")
        self.freeze_button.setToolTip(self.tr("Admins: compute and freeze this chart's control "
                                              "limits from a stable period (audited)"))
        self.freeze_button.setVisible(spc_service.may_freeze(session))
        self.freeze_button.clicked.connect(self.open_freeze)
        bar = QHBoxLayout()
        for text, widget in ((self.tr("Chart"), self.chart_choice),
                             (self.tr("Measurement"), self.measurement), (None, self.points)):
            if text:
                bar.addWidget(QLabel(text))
            widget.setMinimumHeight(TOUCH_MIN_PX)
            bar.addWidget(widget)
        bar.addStretch(1)
        self.freeze_button.setMinimumHeight(TOUCH_MIN_PX)
        bar.addWidget(self.freeze_button)
        # How current the site view is (the charts always end at the newest point: live).
        self.currency = ViewStatus(bridge, site.timezone, site.clock)

        self.model = SpcStatusModel(self._when, self)
        self.table = QTableView()
        self.table.setObjectName("spcCharts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._table_clicked)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Charts with frozen limits")))
        left_layout.addWidget(self.table, 1)

        pg.setConfigOptions(antialias=True, background="w", foreground="k")
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setObjectName("spcPlots")
        values = self.plots.addPlot(row=0, col=0, axisItems=value_axes(), enableMenu=False)
        values.setTitle(self.tr("Individuals"))
        values.setLabel("bottom", self.tr("point (oldest to newest)"))
        ranges = self.plots.addPlot(row=1, col=0, axisItems=value_axes(), enableMenu=False)
        ranges.setTitle(self.tr("Moving range"))
        ranges.setXLink(values)
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 2)
        # The lines' short names (UCL, CL, LCL: LSC, LC, LIC in Portuguese).
        names = {"centre": self.tr("CL"), "ucl": self.tr("UCL"), "lcl": self.tr("LCL")}
        self.values_chart = _Chart(values, True, names)
        self.ranges_chart = _Chart(ranges, False, names)
        self.labels: list[pg.TextItem] = []
        self._placed: list[tuple[pg.TextItem, float, float, bool]] = []  # label, x, y, rule 1
        for _ in range(MAX_LABELS):
            label = pg.TextItem(color=SIGNAL_COLOURS["critical"], anchor=LABEL_ANCHOR)
            label.setVisible(False)
            # Outside the range's bounds: showing or hiding one (_declutter) moves no axis.
            values.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        values.vb.setDefaultPadding(0.12)  # room above the highest point for its label
        values.vb.sigResized.connect(self._declutter)
        values.vb.sigRangeChanged.connect(self._declutter)
        self.baseline_label = wrapped_label("spcBaseline")
        self.capability_label = wrapped_label("spcCapability")
        for label in (self.baseline_label, self.capability_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.signals = QListWidget()
        self.signals.setObjectName("spcSignals")
        self.signals.setAccessibleName(self.tr("Signals"))
        self.signals.setMaximumHeight(110)
        # A signal's rules on as many lines as they need, never cut at the right edge.
        self.signals.setWordWrap(True)
        self.signals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.plots, 1)
        right_layout.addWidget(self.baseline_label)
        right_layout.addWidget(self.capability_label)
        right_layout.addWidget(QLabel(self.tr("Signals (newest first)")))
        right_layout.addWidget(self.signals)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([545, 815])  # the site table's five columns whole at 1366 px, pt_BR too
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.currency)
        layout.addWidget(splitter, 1)
        self.chart_choice.currentIndexChanged.connect(self.show_chart)
        self.measurement.currentIndexChanged.connect(self.show_chart)
        self.points.currentIndexChanged.connect(self.show_chart)
        if bridge is not None:
            bridge.changed.connect(self._view_changed)
        self.refresh()

    # -- reading -------------------------------------------------------------------------

    def _when(self, text: str) -> str:
        return site_text(self.site, parse_utc(text))

    def _view_changed(self, change) -> None:
        if change.records or "spc" in change.extensions:
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def chart(self) -> tuple[str, str, str] | None:
        choice = self.chart_choice.currentData()
        return None if choice is None else (*choice, self.measurement.currentData())

    def refresh(self) -> None:
        """The site table and the chooser again, then the chart shown."""
        view = self.view
        self.model.set_rows(spc_service.site_statuses(view))
        choices = spc_service.chart_choices(view)
        current = self.chart_choice.currentData()
        if choices != [self.chart_choice.itemData(i) for i in range(self.chart_choice.count())]:
            self.chart_choice.blockSignals(True)
            self.chart_choice.clear()
            for station, size in choices:
                self.chart_choice.addItem(f"{station} · {size}", (station, size))
            index = self.chart_choice.findData(current) if current is not None else -1
            self.chart_choice.setCurrentIndex(max(index, 0))
            self.chart_choice.blockSignals(False)
        self.show_chart()

    def show_chart(self, *_args) -> None:
        chart = self.chart()
        self.freeze_button.setEnabled(chart is not None)
        settings = self.site.catalog.spc
        data = None if chart is None else spc_service.chart(
            self.view, settings, *chart, last=self.points.currentData())
        self.data = data
        xs = list(range(len(data.values))) if data else []
        values = data.values if data else []
        flagged = [i for i, rules in enumerate(data.rules) if rules] if data else []
        limits = data.baseline.limits if data and data.baseline else None
        lines = {} if limits is None else {
            "centre": limits.mean, "ucl": limits.ucl, "lcl": limits.lcl,
            "+1": limits.zone(1)[1], "-1": limits.zone(1)[0], "+2": limits.zone(2)[1],
            "-2": limits.zone(2)[0]}
        self.values_chart.show(xs, values, flagged, [values[i] for i in flagged], lines)
        ranges = data.ranges if data else []
        self.ranges_chart.show(xs[1:], ranges[1:], [], [], {} if limits is None else {
            "centre": limits.mr_bar, "ucl": limits.mr_ucl})
        self._place_labels(rule_labels(data.rules) if data else [], values)
        self.baseline_label.setText(baseline_text(data.baseline if data else None, self._when))
        self.capability_label.setText(capability_text(
            data.capability if data else None, bool(data and data.baseline),
            settings.min_capability_points))
        self.signals.clear()
        for index in reversed(flagged):
            self.signals.addItem(self.tr("%1 · value %2 · %3")
                                 .replace("%1", self._when(data.times[index]))
                                 .replace("%2", number(values[index], 2))
                                 .replace("%3", rules_text(data.rules[index])))
        if chart is not None:
            row = self.model.row_of(chart)
            if row is not None:
                self.table.selectRow(row)

    def _place_labels(self, spots: list[tuple[int, str]], values: list[float]) -> None:
        """The newest MAX_LABELS rule labels at their points, then those that would overlap
        another hidden (_declutter)."""
        self._placed = []
        for label in self.labels:
            label.setVisible(False)
        for label, (index, text) in zip(self.labels, spots[-MAX_LABELS:]):
            label.setText(text)
            label.setPos(index, values[index])
            self._placed.append((label, index, values[index], text.startswith("1")))
        self._declutter()

    def _declutter(self, *_args) -> None:
        """Show the rule labels that overlap no other on screen: rule 1's first (a point
        beyond 3σ), then the newest. A label with no room above its point (the chart's top
        edge) goes below it. Again whenever the chart's size or range changes."""
        view = self.values_chart.plot.vb
        top = view.sceneBoundingRect().top()
        kept: list[QRectF] = []
        for label, x, y, _first in sorted(self._placed, key=lambda p: (not p[3], -p[1])):
            size = label.textItem.boundingRect()
            point = view.mapViewToScene(QPointF(x, y))
            anchor = LABEL_ANCHOR
            if point.y() - anchor[1] * size.height() < top:
                anchor = (anchor[0], 1 - anchor[1])
            label.setAnchor(anchor)
            rect = QRectF(point.x() - anchor[0] * size.width(),
                          point.y() - anchor[1] * size.height(), size.width(), size.height())
            shown = not any(rect.intersects(other) for other in kept)
            label.setVisible(shown)
            if shown:
                kept.append(rect)

    def _table_clicked(self, index) -> None:
        station, size, measurement = self.model.chart_at(index.row())
        self.measurement.setCurrentIndex(self.measurement.findData(measurement))
        self.chart_choice.setCurrentIndex(self.chart_choice.findData((station, size)))

    # -- freezing ------------------------------------------------------------------------

    def open_freeze(self) -> FreezeDialog | None:
        """The freeze dialog for the chart shown, its period the points shown by default."""
        chart = self.chart()
        if chart is None:
            return None
        data = self.data
        now = self.site.clock.now()
        start = parse_utc(data.times[0]) if data and data.times else now
        end = parse_utc(data.times[-1]) if data and data.times else now
        dialog = FreezeDialog(self.site.timezone, self.view, self.changes, self.session,
                              self.site.catalog.spc, chart, start, end, self)
        dialog.accepted.connect(self._frozen)
        dialog.open()
        return dialog

    def _frozen(self) -> None:
        # This PC's own event reaches its site view through the follower (woken by the
        # commit); taking it in now shows the limits at once.
        self.view.ingest_local(wait=False)
        self.refresh()


def rule_labels(rules: list[tuple[int, ...]]) -> list[tuple[int, str]]:
    """Where the chart names rules, oldest first: (point, "2,3,4"). One label for a run of
    consecutive flagged points, at its start, naming every rule the run broke (a drift breaks
    rules 2, 3 and 4 point after point: a label at each change piled into a clump); a point
    beyond 3σ (rule 1) starts a label of its own. The signals list has every point."""
    spots: list[tuple[int, set[int]]] = []
    for index, broken in enumerate(rules):
        if not broken:
            continue
        if 1 in broken or not spots or not rules[index - 1] or 1 in rules[index - 1]:
            spots.append((index, set()))
        spots[-1][1].update(broken)
    return [(index, ",".join(map(str, sorted(names)))) for index, names in spots]
