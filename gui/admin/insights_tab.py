"""Insights: per-station statistics (the old system's "AI" panel, here plainly statistics).

A summary table (the site and each station: quality score, mean CAM, trend, worst shift, top
defect, anomalies), the selected station's details and its recommendations; every number can
show the records it was computed from ("Show rows…"), read only when the dialog opens. The
figures come from utils.insights over the site view's aggregates. This module holds the widgets
and their wiring: the summary's model is insights_model.py, the wording of the codes
utils.insights returns insights_texts.py, the rows dialog records_behind_dialog.py.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QPushButton, QSplitter, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from config.catalog import QualityBands
from utils import insights
from utils.insights import Rows, StationInsight
from utils.site.site_view import SiteView

from gui.admin.dashboard_tab import REFRESH_MS
from gui.admin.insights_details import LISTED_RUNS, InsightDetails
from gui.admin.insights_model import COUNT_ROLE, ROWS_ROLE, WHAT_ROLE, InsightsModel
from gui.admin.insights_texts import recommendation_text, recommendations_not_listed_text
from gui.admin.latest_task import LatestTask
from gui.admin.records_behind_dialog import RecordsBehindDialog
from gui.admin.site_now import SiteNow
from gui.admin.figures_tab import FiguresTab
from gui.admin.view_bridge import follow_view
from gui.labels import wrapped_label
from gui.theme import SIZE_SAMPLE_ROWS
from gui.table_view import read_table


class InsightsTab(FiguresTab):
    def __init__(self, site: SiteNow, site_view: SiteView, parent: QWidget | None = None,
                 bands: QualityBands | None = None,
                 *, bridge=None, runner=None):
        super().__init__("insightsTab", site, site_view, bands, bridge, parent)
        # With a task runner (the admin window's) the figures are computed in the background
        # and only while the tab is shown (from the view's sums: a fraction of a second over a
        # site's year, but the GUI thread never waits on the database). Without one (tests),
        # at once on this thread.
        self.runner = runner
        self._latest = (None if runner is None else
                        LatestTask(runner, self._start_computing, self._show, self._failed))
        # Refreshed as records arrive: only the stations whose records changed are computed
        # again (a year's site: ~80 ms instead of ~600; the view says which). Everything at
        # first, and after a filter changed or Refresh was pressed.
        self.live = insights.LiveInsights()
        self._everything = True
        self.note = QLabel()
        self.note.setObjectName("insightsNote")
        self.note.setProperty("role", "hint")

        self.model = InsightsModel(self)
        self.table = read_table(self.model, self.tr("Figures per station"), "insightsSummary")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(32)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Fitted to a sample of rows: a year's 201 rows measured whole took ~70 ms of the GUI
        # thread at every refresh (and refreshes follow the records as they arrive).
        header.setResizeContentsPrecision(SIZE_SAMPLE_ROWS)
        header.setStretchLastSection(True)
        self.table.selectionModel().currentChanged.connect(self._cell_changed)

        self.details = InsightDetails()
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

        self.selected = wrapped_label("insightsSelected")
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
        self.timer = follow_view(self, bridge, tick=self._tick,
                                 view_changed=self._view_changed, interval_ms=REFRESH_MS)
        self.refresh()

    # --- data -------------------------------------------------------------------------------

    def _tick(self) -> None:
        """Timer: recompute only while shown, when the period slides with the clock (new
        records come through the bridge; without one, at every tick: the sums are cheap)."""
        if not self.isVisible():
            return
        if self.runner is None or self.filters.sliding:
            self.refresh()

    def _filters_changed(self) -> None:
        """Another period or station, or Refresh pressed: everything is computed again."""
        self._everything = True
        super()._filters_changed()

    def _take_changed(self) -> set[str] | None:
        """For LiveInsights: None (everything) once after a filter changed, else no station
        beyond those the view says changed."""
        everything, self._everything = self._everything, False
        return None if everything else set()

    def refresh(self) -> None:
        """Read the sums again and recompute the figures (of the stations whose records
        changed since the last computation, and the site's)."""
        if self.runner is None:
            self._compute()
            return
        if not self.isVisible():
            self._stale = True
            return
        assert self._latest is not None
        self._latest.request()  # in the background; once more after it if asked meanwhile

    def _start_computing(self):
        """On the GUI thread as a computation begins: the filters read, the work made."""
        self.filters.refill_stations()
        view, start = self.site_view, self.filters.start()
        station, bands = self.filters.station.currentData(), self.bands
        live, changed = self.live, self._take_changed()
        self.note.setText(self.tr("Computing the statistics…"))
        # plain objects only: no widget off the GUI thread
        return lambda: live.compute(view, start, changed=changed, station=station, bands=bands)

    def _failed(self, exc: BaseException) -> None:
        self.note.setText(self.tr("The statistics could not be computed (%1); the figures shown "
                                  "are the last ones. Press Refresh to try again.")
                          .replace("%1", type(exc).__name__))

    def _compute(self) -> None:
        self.filters.refill_stations()
        self._show(self.live.compute(self.site_view, self.filters.start(),
                                     changed=self._take_changed(),
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
        self.model.set_rows(self.insights)
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
        return self.model.row_at(index.row()).station

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
        insight = self.model.row_at(current.row())
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
        rows, complete = insights.rows_behind(self.site_view, self.current_rows)
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
        self.details.show_insight(insight, name)
        shown, left_out, after = insight.listed_recommendations(LISTED_RUNS)
        for index, recommendation in enumerate(shown):
            if left_out and index == after:  # beside the runs it counts
                self.recommendations.addItem(recommendations_not_listed_text(left_out))
            text = recommendation_text(recommendation)
            item = QListWidgetItem(text)
            item.setData(ROWS_ROLE, tuple(recommendation.rows))
            item.setData(WHAT_ROLE, f"{name} · {text}")
            self.recommendations.addItem(item)
        if left_out and after == len(shown):
            self.recommendations.addItem(recommendations_not_listed_text(left_out))
        if not shown:
            self.recommendations.addItem(self.tr("Not enough records for recommendations."))
