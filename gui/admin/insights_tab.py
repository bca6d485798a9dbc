"""Insights: per-station statistics (the old system's "AI" panel, here plainly statistics).

A summary table (the whole site and each station: quality score, mean CAM, half-split trend,
worst shift, top defect, anomalies), the details of the selected station (means, trend halves,
shifts, top defects and locations, defect frequencies with risk bands, anomalies) and its
recommendations, worded here from the codes utils.insights returns. Every number can show the
records it was computed from ("Show rows…"): each figure names them as queries, read only when
the dialog opens. The figures come from utils.insights, over the site view's aggregates.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableView, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from config.catalogs import QualityBands
from utils import insights
from utils.insights import Rows, StationInsight

from gui.admin.dashboard_tab import BAND_COLORS, REFRESH_MS
from gui.admin.refresh_when_shown import RefreshWhenShown
from gui.admin.record_filters import RecordFilters
from gui.admin.view_status import ViewStatus
from gui.messages import location_text
from gui.numbers import format_number
from gui.records_model import RecordsTableModel
from gui.table_model import ColumnTableModel, Index as _Index
from gui.window_state import fit_to_screen

ROWS_ROLE = Qt.ItemDataRole.UserRole + 1  # the queries of the records behind a detail
WHAT_ROLE = Qt.ItemDataRole.UserRole + 2  # what that number is, for the rows dialog's title
COUNT_ROLE = Qt.ItemDataRole.UserRole + 3  # how many records that is, when known
TREND_COLORS = {"worsening": "#c62828", "improving": "#1b7f3b"}
RISK_COLORS = {"high": "#c62828", "medium": "#b26a00"}


def number(value: float | None, digits: int = 2) -> str:
    """A figure in the user's notation (decimal comma in Portuguese); "—" for no value."""
    if value is None:
        return "—"
    return format_number(value, digits)


def signed(value: float | None) -> str:
    return "—" if value is None else ("+" if value > 0 else "") + number(value, 1)


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

    def set_insights(self, rows: list[StationInsight]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def insight(self, row: int) -> StationInsight:
        return self._rows[row]

    def station_row(self, station: str | None) -> int | None:
        for row, insight in enumerate(self._rows):
            if insight.station == station:
                return row
        return None

    def station_label(self, insight: StationInsight) -> str:
        return self.tr("Site") if insight.station is None else insight.station

    def trend_label(self, status: str) -> str:
        return {"improving": self.tr("improving"), "worsening": self.tr("worsening"),
                "stable": self.tr("stable"),
                insights.NOT_ENOUGH_DATA: self.tr("not enough data")}[status]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(self.COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        insight = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
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
            return self.describe(index)
        return None

    def header_tip(self, column: str) -> str:
        tips = {"station": self.tr("Site: every record of the period together"),
                "boxes": self.tr("Records (boxes) in the period"),
                "score": self.tr("Quality score: 100 − 10 × mean CAM, from 0 to 100"),
                "mean": self.tr("Average of mean CAM-D and mean CAM-W"),
                "trend": self.tr("Mean CAM of the second half of the records against the first; "
                                 "within ±10 % is stable"),
                "worst_shift": self.tr("Shift with the highest mean CAM (at least 3 boxes)"),
                "top_defect": self.tr("Most frequent defect and its share of the rejections"),
                "anomalies": self.tr("CAM above mean + 2σ, week over week rise above 30 %, "
                                     "a defect in 3 or more consecutive boxes")}
        return tips[column]

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
                return self.trend_label(trend.status)
            return f"{self.trend_label(trend.status)} ({signed(trend.change_pct)} %)"
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
        insight = self._rows[index.row()]
        return f"{self.station_label(insight)} · {self._headers[index.column()]}: " \
               f"{self._display(insight, self.COLUMNS[index.column()])}"


class RecordsBehindDialog(QDialog):
    """The records a number was computed from, in time order (the first ROWS_LIMIT of them
    when there are more: `complete` False says so)."""

    def __init__(self, what: str, rows: list[dict[str, Any]], parent: QWidget | None = None,
                 *, complete: bool = True):
        super().__init__(parent)
        self.setObjectName("recordsBehind")
        self.setWindowTitle(self.tr("Records behind a number"))
        self.model = RecordsTableModel(self, with_station=True, newest_first=False)
        self.model.set_rows(rows)
        totals = self.model.totals()  # so the person can check the number against its rows
        self.label = QLabel(self.tr("%n record(s) behind: %2\nMean CAM-D of these records: %3 % "
                                    "· mean CAM-W: %4 % · rejections: %5", "", len(rows))
                            .replace("%2", what)
                            .replace("%3", number(totals["cam_d"])).replace("%4", number(totals["cam_w"]))
                            .replace("%5", str(totals["rejections"])))
        if not complete:
            self.label.setText(self.label.text() + "\n" + self.tr(
                "Only the first %1 records in time order are shown: choose a shorter period "
                "or one station to see the rest.").replace("%1", str(len(rows))))
        self.label.setWordWrap(True)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("The records behind the figure"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.model.COLUMNS.index("rejections"),
                                    QHeaderView.ResizeMode.Stretch)  # full text in its tooltip
        self.table.verticalHeader().setDefaultSectionSize(34)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1100, 600)
        fit_to_screen(self)

    def record_ids(self) -> list[str]:
        return [self.model.row_data(row)["record_id"] for row in range(self.model.rowCount())]


class InsightsTab(RefreshWhenShown):
    def __init__(self, ctx, parent: QWidget | None = None, bands: QualityBands | None = None,
                 *, bridge=None, runner=None):
        super().__init__(parent)
        self.ctx = ctx
        self._bands = bands
        # With a task runner (the admin window's) the figures are computed in the background
        # and only while the tab is shown (from the view's sums: a fraction of a second over a
        # site's year, but the GUI thread never waits on the database). Without one (tests),
        # at once on this thread.
        self.runner = runner
        self._bridge = bridge
        self._computing = False
        self._again = False
        self.setObjectName("insightsTab")
        self.filters = RecordFilters(ctx)
        self.filters.changed.connect(self.refresh)
        self.currency = ViewStatus(bridge, ctx.timezone, ctx.clock)
        self.note = QLabel()
        self.note.setObjectName("insightsNote")
        self.note.setProperty("role", "hint")

        self.model = InsightsModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Figures per station"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setObjectName("insightsSummary")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentChanged.connect(self._cell_changed)

        self.details = QTreeWidget()
        self.details.setAccessibleName(self.tr("Figures of the selected station"))
        self.details.setObjectName("insightsDetails")
        self.details.setColumnCount(2)
        self.details.setHeaderLabels([self.tr("Figure"), self.tr("Value")])
        self.details.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.details.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.details.header().setStretchLastSection(False)
        self.details.currentItemChanged.connect(self._detail_changed)
        self.recommendations = QListWidget()
        self.recommendations.setAccessibleName(self.tr("Recommendations"))
        self.recommendations.setObjectName("insightsRecommendations")
        self.recommendations.setWordWrap(True)
        self.recommendations.setSpacing(3)
        self.recommendations.currentItemChanged.connect(self._recommendation_changed)
        self.detail_title = QLabel()
        self.detail_title.setObjectName("insightsDetailTitle")
        self.detail_title.setStyleSheet("font-weight: bold;")

        self.selected = QLabel()
        self.selected.setObjectName("insightsSelected")
        self.selected.setWordWrap(True)
        self.show_rows_button = QPushButton(self.tr("Show rows…"))
        self.show_rows_button.setObjectName("showRows")
        self.show_rows_button.clicked.connect(self.show_rows)

        top = QHBoxLayout()
        top.addWidget(self.filters)
        top.addStretch(1)
        top.addWidget(self.note)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.details, 1)
        recommendation_box = QWidget()
        recommendation_layout = QVBoxLayout(recommendation_box)
        recommendation_layout.setContentsMargins(0, 0, 0, 0)
        recommendation_layout.addWidget(QLabel(self.tr("Recommendations (rules over these statistics)")))
        recommendation_layout.addWidget(self.recommendations, 1)
        # Left: the summary and, under it, what to do; right: every figure of the selection.
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(recommendation_box)
        left.setSizes([520, 170])
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(left)
        middle.addWidget(detail_box)
        middle.setSizes([840, 420])
        bottom = QHBoxLayout()
        bottom.addWidget(self.selected, 1)
        bottom.addWidget(self.show_rows_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.currency)
        layout.addWidget(middle, 1)
        layout.addLayout(bottom)

        self.insights: list[StationInsight] = []
        self.current_rows: Rows = ()
        self.current_what = ""
        self.dialog: RecordsBehindDialog | None = None
        self._detail_insight: StationInsight | None = None
        self._stale = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.timer.start(REFRESH_MS)  # a sliding period moves on with the clock
        if bridge is not None:
            # A correction on any PC shows here without Refresh (coalesced by the bridge).
            bridge.changed.connect(self._view_changed)
        self.refresh()

    @property
    def bands(self) -> QualityBands:
        """The bands given, else the site catalog's (a newly published one shows at the next
        refresh)."""
        return self._bands or self.ctx.catalog.bands

    # --- data -------------------------------------------------------------------------------

    def _tick(self) -> None:
        """Timer: recompute only while shown, when the period slides with the clock (new
        records come through the bridge; without one, at every tick: the sums are cheap)."""
        if not self.isVisible():
            return
        if self.runner is None or self.filters.sliding:
            self.refresh()

    def refresh(self) -> None:
        """Read the sums again and recompute every figure."""
        if self.runner is None:
            self._compute()
            return
        if not self.isVisible():
            self._stale = True
            return
        self._request()

    def _request(self) -> None:
        """Compute in the background; one more time after it if asked meanwhile."""
        if self._computing:
            self._again = True
            return
        self._computing = True
        self.filters.refill_stations()
        view, start = self.ctx.site_view, self.filters.start()
        station, bands = self.filters.station.currentData(), self.bands
        self.note.setText(self.tr("Computing the statistics…"))

        def work(_progress, _cancel):  # plain objects only: no widget off the GUI thread
            return insights.site_insights(view, start, station=station, bands=bands)

        self.runner.run(work, on_done=self._computed, on_error=self._failed)

    def _computed(self, computed) -> None:
        self._computing = False
        self._show(computed)
        if self._again:
            self._again = False
            self._request()

    def _failed(self, exc: BaseException) -> None:
        self._computing = False
        self.note.setText(self.tr("The statistics could not be computed (%1); the figures shown "
                                  "are the last ones. Press Refresh to try again.")
                          .replace("%1", type(exc).__name__))

    def _compute(self) -> None:
        self.filters.refill_stations()
        self._show(insights.site_insights(self.ctx.site_view, self.filters.start(),
                                          station=self.filters.station.currentData(),
                                          bands=self.bands))

    @property
    def boxes(self) -> int:
        """The records the figures shown are over."""
        return self.insights[0].boxes if self.insights and self.insights[0].station is None \
            else sum(insight.boxes for insight in self.insights)

    def _show(self, computed) -> None:
        previous = self._current_station()
        column = self.table.currentIndex().column()
        self.insights = computed
        self.model.set_insights(self.insights)
        self.note.setText(self.tr("%n record(s) · descriptive statistics, not predictions", "",
                                  self.boxes) if self.boxes else
                          self.tr("No records in this period."))
        row = self.model.station_row(previous)  # the same number stays selected, if still there
        self.select_station(previous if row is not None else
                            (self.insights[0].station if self.insights else None),
                            InsightsModel.COLUMNS[column] if row is not None and column >= 0
                            else "station")

    def _current_station(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.insight(index.row()).station

    def select_station(self, station: str | None, column: str = "station") -> None:
        """Make this station's row (None: the site) current, on the given column."""
        row = self.model.station_row(station)
        if row is None:
            self._show_details(None)
            self._set_current((), "", 0)
            return
        source = self.model.index(row, InsightsModel.COLUMNS.index(column))
        self.table.setCurrentIndex(source)
        self._cell_changed(self.table.currentIndex(), QModelIndex())

    # --- selection: which number "Show rows" means ------------------------------------------

    def _set_current(self, rows: Rows, what: str, count: int | None) -> None:
        """`count` None: how many records is not known until they are read."""
        self.current_rows, self.current_what = tuple(rows), what
        if not what:
            text = ""
        elif count is None:
            text = self.tr("Selected: %1").replace("%1", what)
        else:
            text = self.tr("Selected: %1 (%n record(s))", "", count).replace("%1", what)
        self.selected.setText(text)
        self.show_rows_button.setEnabled(bool(rows) and count != 0)

    def _cell_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        insight = self.model.insight(current.row())
        if insight is not self._detail_insight:  # another station, or recomputed
            self._show_details(insight)
        rows, count = self.model.rows(current)
        self._set_current(rows, self.model.describe(current), count)

    def _detail_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None and current.data(0, ROWS_ROLE) is not None:
            self._set_current(current.data(0, ROWS_ROLE), current.data(0, WHAT_ROLE),
                              current.data(0, COUNT_ROLE))

    def _recommendation_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None and current.data(ROWS_ROLE) is not None:
            self._set_current(current.data(ROWS_ROLE), current.data(WHAT_ROLE), None)

    def show_rows(self) -> RecordsBehindDialog | None:
        """Open the records behind the selected number (non-blocking, like the other dialogs):
        read now, by the figure's queries, at most insights.ROWS_LIMIT of them."""
        if not self.current_rows:
            return None
        rows, complete = insights.rows_behind(self.ctx.site_view, self.current_rows)
        self.dialog = RecordsBehindDialog(self.current_what, rows, self, complete=complete)
        self.dialog.open()
        return self.dialog

    # --- details and recommendations --------------------------------------------------------

    def _show_details(self, insight: StationInsight | None) -> None:
        self.details.clear()
        self.recommendations.clear()
        self._detail_insight = insight
        if insight is None:
            self.detail_title.setText("")
            return
        name = self.model.station_label(insight)
        self.detail_title.setText(self.tr("Details: %1").replace("%1", name))

        def group(title: str, unit: str = "", tip: str = "") -> QTreeWidgetItem:
            item = QTreeWidgetItem([title, unit])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setForeground(1, QBrush(QColor("#555555")))
            for column in (0, 1):
                item.setToolTip(column, tip or title)
            self.details.addTopLevelItem(item)
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
        trend_tip = self.model.header_tip("trend")
        trends = group(self.tr("Trend: %1").replace("%1", self.model.trend_label(trend.status)),
                       "%", trend_tip)
        add(trends, self.tr("First half (n = %1)").replace("%1", str(trend.first.n)),
            number(trend.first.value), trend.first.rows, trend.first.n)
        add(trends, self.tr("Second half (n = %1)").replace("%1", str(trend.second.n)),
            number(trend.second.value), trend.second.rows, trend.second.n)
        add(trends, self.tr("Change"), signed(trend.change_pct), trend.rows, insight.boxes,
            TREND_COLORS.get(trend.status), trend_tip)

        shifts = group(self.tr("Mean CAM by shift"), "%", self.model.header_tip("worst_shift"))
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
                          "", self.model.header_tip("anomalies"))
        for anomaly in insight.anomalies:
            label, value = self.anomaly_text(anomaly)
            count = {"cam_outlier": anomaly.count,
                     "repeated_defect": anomaly.params.get("length")}.get(anomaly.kind)
            add(anomalies, label, value, anomaly.rows, count, RISK_COLORS["high"])
        self.details.expandAll()

        for recommendation in insight.recommendations:
            text = self.recommendation_text(recommendation)
            item = QListWidgetItem(text)
            item.setData(ROWS_ROLE, tuple(recommendation.rows))
            item.setData(WHAT_ROLE, f"{name} · {text}")
            self.recommendations.addItem(item)
        if not insight.recommendations:
            self.recommendations.addItem(self.tr("Not enough records for recommendations."))

    def anomaly_text(self, anomaly: insights.Anomaly) -> tuple[str, str]:
        """A short label and the value for the details tree."""
        p = anomaly.params
        if anomaly.kind == "cam_outlier":
            measure = self.tr("CAM-D") if p["measure"] == "cam_d" else self.tr("CAM-W")
            return (self.tr("%1 > %2 (mean + 2σ)").replace("%1", measure)
                    .replace("%2", number(p["threshold"])),
                    self.tr("%n box(es)", "", int(p["count"])))
        if anomaly.kind == "week_increase":
            return (self.tr("Week of %1").replace("%1", p["week"]),
                    self.tr("%1 → %2 (%3 %)").replace("%1", number(p["previous"]))
                    .replace("%2", number(p["current"])).replace("%3", signed(p["change_pct"])))
        return (self.tr("%1 · %2 in a row").replace("%1", p["station"]).replace("%2", p["defect"]),
                self.tr("%n box(es)", "", int(p["length"])))

    def recommendation_text(self, recommendation: insights.Recommendation) -> str:
        """The sentence for a recommendation code (every literal here is for lupdate)."""
        p, code = recommendation.params, recommendation.code
        if code == "critical_band":
            return (self.tr("Mean CAM %1 % is in the critical band (from %2 %): inspect the "
                            "machine and the process first.")
                    .replace("%1", number(p["mean"])).replace("%2", number(p["limit"], 1)))
        if code == "week_increase":
            if p["change_pct"] is None:
                return (self.tr("Week of %1: mean CAM rose from 0 to %2 %. Look for what changed "
                                "that week.").replace("%1", p["week"])
                        .replace("%2", number(p["current"])))
            return (self.tr("Week of %1: mean CAM rose %2 % over the week before (%3 % → %4 %). "
                            "Look for what changed that week.").replace("%1", p["week"])
                    .replace("%2", number(p["change_pct"], 0)).replace("%3", number(p["previous"]))
                    .replace("%4", number(p["current"])))
        if code == "worsening_trend":
            return (self.tr("Mean CAM rose %1 % from the first to the second half of the period "
                            "(%2 % → %3 %). Check recent changes of lot, material or settings.")
                    .replace("%1", number(p["change_pct"], 0) if p["change_pct"] is not None
                             else "—").replace("%2", number(p["first"]))
                    .replace("%3", number(p["second"])))
        if code == "repeated_defect":
            return (self.tr("%1 in %2 consecutive boxes at station %3: check the tooling and "
                            "the settings for this defect.").replace("%1", p["defect"])
                    .replace("%2", str(p["length"])).replace("%3", p["station"]))
        if code == "cam_outliers":
            return (self.tr("Boxes with CAM above the mean + 2σ: %1. Review them.")
                    .replace("%1", str(p["count"])))
        if code == "high_risk_defect":
            if p["location"] is None:
                return (self.tr("%1 is in %2 % of the boxes: act on this defect first.")
                        .replace("%1", p["defect"]).replace("%2", number(p["frequency"], 0)))
            return (self.tr("%1 is in %2 % of the boxes, mostly at %3: act on this defect first.")
                    .replace("%1", p["defect"]).replace("%2", number(p["frequency"], 0))
                    .replace("%3", p["location"]))
        if code == "worst_shift":
            return (self.tr("Shift %1 has mean CAM %2 %, above the overall %3 %: review how "
                            "that shift works.").replace("%1", str(p["shift"]))
                    .replace("%2", number(p["mean"])).replace("%3", number(p["overall"])))
        if code == "attention_band":
            return (self.tr("Mean CAM %1 % is in the attention band (from %2 %): keep watching "
                            "this station.").replace("%1", number(p["mean"]))
                    .replace("%2", number(p["limit"], 1)))
        if code == "no_action":
            return self.tr("No rule fired: no action suggested.")
        return code  # a code newer than this window: shown as is rather than hidden
