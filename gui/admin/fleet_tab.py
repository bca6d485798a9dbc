"""Fleet: every station in a table (search, state filter, colours), live CPU / memory / disk
plots of the selected stations, and the alarm list with acknowledgement.

An acknowledgement (who, when, note; audited) covers its alarm while the alarm's condition
lasts: the alarm stays in the list, greyed, below the open ones. Once the condition clears the
acknowledgement is dropped, so the next occurrence alarms again.

A refresh is made in two halves. `prepare` runs on the poller's thread: the table's cells, the
alarms and the plots' lines (fleet_traces.py). `show_frame` runs on the GUI thread and only
swaps them in, so a tick leaves the GUI free for painting (bench_gui.py measures it).

This module holds the widgets and their wiring: the table's model is fleet_model.py, the plots
fleet_plots.py (their lines fleet_traces.py), the alarms' wording fleet_texts.py.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from utils.auth import Session
from utils.changes import Changes
from utils.permissions import PermissionDenied
from utils.site.alarm_acks import Acknowledgement, acknowledge, may_acknowledge
from utils.site.fleet import FleetMonitor, Liveness, StationView

from gui.admin.fleet_model import (
    ALL_STATIONS, METRIC_COLUMNS, WITH_ALARMS, Alarm, FleetTableModel, RowDiff, alarms_of,
    diff_rows, moment_text, text_lengths,
)
from gui.admin.fleet_plots import MAX_PLOTTED_STATIONS, FleetPlots
from gui.admin.site_now import SiteNow
from gui.admin.fleet_texts import acknowledged_text, alarm_text
from gui.admin.fleet_traces import PlotFrame, TraceBuilder
from gui.empty_view import EmptyViewText
from gui.fast_cells import FastCellDelegate
from gui.labels import wrapped_label
from gui.table_view import read_table
from gui.theme import TOUCH_MIN_PX



@dataclass(frozen=True, slots=True)
class FleetFrame:
    """One refresh, ready for the GUI thread."""

    views: list[StationView]
    rows: list  # FleetTableModel rows
    diff: RowDiff  # against the rows of the frame before
    lengths: list[int]  # longest text per column
    alarms: list[Alarm]
    counts: dict[str, int]  # stations per liveness
    plots: PlotFrame
    today: date  # in the site's time zone: times of another day are shown with their date


class FleetTab(QWidget):
    def __init__(self, fleet: FleetMonitor, site: SiteNow, changes: Changes, session: Session,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.fleet, self.site, self.changes, self.session = fleet, site, changes, session
        self.setObjectName("fleetTab")
        self.model = FleetTableModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("fleetSearch")
        self.search.setPlaceholderText(self.tr("Search stations, users, lots…"))
        self.search.textChanged.connect(self._search_changed)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("fleetStateFilter")
        self.state_filter.setMinimumHeight(TOUCH_MIN_PX)
        for text, choice in ((self.tr("All stations"), ALL_STATIONS),
                             (self.tr("Online"), "online"), (self.tr("Stale"), "stale"),
                             (self.tr("Offline or stopped"), "offline"),
                             (self.tr("With alarms"), WITH_ALARMS)):
            self.state_filter.addItem(text, choice)
        self.state_filter.currentIndexChanged.connect(self._state_filter_changed)
        self.summary = QLabel()
        self.summary.setObjectName("fleetSummary")
        # The model sorts and searches itself (fleet_model.py).
        self.table = read_table(self.model, self.tr("Stations"), "fleetTable")
        self.table.setItemDelegate(FastCellDelegate(self.table))  # repainted on every tick
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)  # one line per cell: no text layout pass per cell
        self.table.verticalHeader().setDefaultSectionSize(34)
        # Columns fitted to the rows in view when the stations change, not on every tick:
        # re-measuring on each update cost more than the rest of a refresh (bench_gui.py). The
        # person can widen a column; the texts of a column keep their width from tick to tick.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selected: list[str] = []  # station ids, kept across model resets

        # Says to select a station when none is (the plots are empty), and when more are
        # selected than plotted (`_selection_changed`, also at the end of this method).
        self.plot_hint = wrapped_label("fleetPlotHint", role="hint")
        self.plots = FleetPlots(self._site_now())
        self.traces = TraceBuilder(fleet)
        self._prepare_lock = threading.Lock()
        # Alarms other features raise (SPC: a chart out of control), read on the poller's thread.
        self.extra_alarms: Callable[[], list[Alarm]] | None = None
        self._prepared_rows: list = []  # what the last frame's diff was made against
        # Read by `prepare` on the poller's thread; only ever replaced whole on the GUI thread.
        self._plotted: tuple[str, ...] = ()
        self._width_px = 400
        self.plots.cpu_view().sigResized.connect(self._plots_resized)
        self.plots.show_frame(self.traces.frame((), self._width_px))

        self.alarms = QListWidget()
        self.alarms.setAccessibleName(self.tr("Alarms"))
        self.alarms.setObjectName("alarms")
        # One line each: an item changed in place repaints that item, not the whole list
        # laid out again.
        self.alarms.setUniformItemSizes(True)
        self.no_alarms = EmptyViewText(self.alarms)  # said once the first frame is read
        self.ack_button = QPushButton(self.tr("Acknowledge alarm…"))
        # Not connected straight to acknowledge_selected: `clicked` passes its `checked` flag,
        # which would be taken for the note and no note asked for.
        self.ack_button.clicked.connect(lambda: self.acknowledge_selected())
        self._acknowledged: dict[Alarm, Acknowledgement] = {}
        self.alarms.itemSelectionChanged.connect(self._update_ack_button)
        self._update_ack_button()
        self._current_alarms: list[Alarm] = []
        self._reporting: set[str] = set()  # stations online in the last frame
        self._today = self._site_now().date()
        # What the list shows: each alarm with its acknowledgement's text (None: open).
        self._alarms_shown: list[tuple[Alarm, str | None]] | None = None
        self._sized_lengths = [0] * len(FleetTableModel.COLUMNS)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.state_filter)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.summary)  # its own line: long in Portuguese
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(QLabel(self.tr("Alarms")))
        left_layout.addWidget(self.alarms, 1)
        left_layout.addWidget(self.ack_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.plot_hint)
        right_layout.addWidget(self.plots, 1)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1000, 400])  # the table's columns first (all of them at 1366 px)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._selection_changed()  # nothing selected yet: the hint says what to do

    # -- updates from the poller -------------------------------------------------------------------

    def prepare(self, views: list[StationView]) -> FleetFrame:
        """Everything a refresh shows, computed without touching a widget: the poller's thread
        calls this and hands the result to `show_frame` on the GUI thread."""
        thresholds = self.site.catalog.thresholds  # a newly published site catalog applies
        now = self._site_now()
        rows = self.model.rows_for(views, thresholds, zone=now.tzinfo, today=now.date(),
                                   now=now)
        with self._prepare_lock:
            diff = diff_rows(self._prepared_rows, rows)
            self._prepared_rows = rows
        counts: dict[str, int] = {}
        for view in views:
            counts[str(view.liveness)] = counts.get(str(view.liveness), 0) + 1
        alarms = alarms_of(rows) + (self.extra_alarms() if self.extra_alarms else [])
        return FleetFrame(views, rows, diff, text_lengths(rows), alarms, counts,
                          self.traces.frame(self._plotted, self._width_px), now.date())

    def _site_now(self) -> datetime:
        """Now by the fleet's clock, in the site's time zone (ZoneInfo keeps its zones cached:
        the settings' zone is looked up again each time, so a changed setting applies)."""
        return self.fleet.clock.now().astimezone(ZoneInfo(self.site.timezone))

    def update_views(self, views: list[StationView]) -> None:
        """A whole refresh on the calling (GUI) thread."""
        self.show_frame(self.prepare(views))

    def show_frame(self, frame: FleetFrame) -> None:
        # Plots first: their scene tells its view about the change through a queued call, which
        # then runs before the window's repaint request that the table posts below, and one
        # repaint draws both (plots last cost a second pass over the window per tick).
        if frame.plots.stations == self._plotted:  # else made before the selection changed
            self.plots.show_frame(frame.plots)
        if self.model.apply(frame.views, frame.rows, frame.diff):
            self.table.resizeColumnsToContents()
            self._sized_lengths = frame.lengths
            self._restore_selection()
        else:
            # A column whose texts got longer (a lot was set) is widened; others keep width.
            for column, (now, sized) in enumerate(zip(frame.lengths, self._sized_lengths)):
                if now > sized:
                    self.table.resizeColumnToContents(column)
            self._sized_lengths = [max(a, b) for a, b in zip(frame.lengths, self._sized_lengths)]
        counts = frame.counts
        # One count per translated phrase: Qt's plural forms take one number each.
        # A station shut down on purpose ("stopped") is not counted as one that went silent.
        self.summary.setText(self.tr("%1 · %2 online · %3 stale · %4 stopped · %5 offline")
                             .replace("%1", self.tr("%n station(s)", "", len(frame.views)))
                             .replace("%2", str(counts.get("online", 0)))
                             .replace("%3", str(counts.get("stale", 0)))
                             .replace("%4", str(counts.get("stopped", 0)))
                             .replace("%5", str(counts.get("offline", 0))))
        self._current_alarms = frame.alarms
        self._reporting = {view.station_id for view in frame.views
                           if view.liveness == Liveness.ONLINE}
        self._today = frame.today
        self._refresh_alarms()

    def selected_stations(self) -> list[str]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.view_at(row).station_id for row in rows]

    def _search_changed(self, text: str) -> None:
        self.model.set_search(text)
        self._restore_selection()

    def _state_filter_changed(self, _index: int) -> None:
        self.model.set_state_filter(self.state_filter.currentData())
        self._restore_selection()

    def _restore_selection(self) -> None:
        """Select again the stations that were selected before the model was reset (those
        still shown)."""
        wanted = list(self._selected)
        selection = QItemSelection()
        for station in wanted:
            row = self.model.row_of(station)
            if row is not None:
                selection.select(self.model.index(row, 0),
                                 self.model.index(row, len(FleetTableModel.COLUMNS) - 1))
        self.table.selectionModel().select(selection,
                                           QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._selected = wanted  # kept even when the search hides some of them for now

    def _selection_changed(self, *_args) -> None:
        self._selected = self.selected_stations()
        plotted = tuple(self._selected[:MAX_PLOTTED_STATIONS])
        hint = None
        if not self._selected:  # empty plots would say nothing about why
            hint = self.tr("Select one or more stations in the table to plot their CPU, "
                           "memory and disk.")
        elif len(self._selected) > MAX_PLOTTED_STATIONS:
            hint = (self.tr("Plots show the first %1 of %2 selected stations.")
                    .replace("%1", str(MAX_PLOTTED_STATIONS))
                    .replace("%2", str(len(self._selected))))
        self.plot_hint.setText(hint or "")
        self.plot_hint.setVisible(hint is not None)
        if plotted != self._plotted:
            self._plotted = plotted
            self.plots.show_frame(self.traces.frame(plotted, self._width_px))

    def drawn_points(self, station: str, metric: str) -> int:
        return self.plots.drawn_points(station, metric)

    def x_range(self) -> tuple[float, float]:
        return self.plots.x_range()

    def _plots_resized(self, viewbox) -> None:
        self._width_px = max(1, int(viewbox.width()))
        self.plots.show_frame(self.traces.frame(self._plotted, self._width_px))

    # -- plots ---------------------------------------------------------------------------------

    # -- alarms --------------------------------------------------------------------------------

    def _refresh_alarms(self) -> None:
        current = self._current_alarms
        self.no_alarms.set_text(self.tr("No alarms"))
        # An acknowledgement lasts as long as its alarm's condition: an alarm no longer
        # computed has cleared, and its next occurrence must alarm again.
        present = set(current)
        for alarm in [a for a in self._acknowledged if a not in present]:
            # A metric's alarm is only known while its station reports: one late status (the
            # station stale for a moment) must not throw its acknowledgement away.
            station, what, _level = alarm
            if what not in METRIC_COLUMNS or station in self._reporting:
                del self._acknowledged[alarm]
        # Open alarms first; the acknowledged ones below them, with who, when and the note
        # (their whole text: it names the day, which changes at midnight).
        entries = ([(alarm, None) for alarm in current if alarm not in self._acknowledged]
                   + [(alarm, self._acknowledged_text(alarm)) for alarm in current
                      if alarm in self._acknowledged])
        if entries == self._alarms_shown:
            return  # the same alarms: keep the list (and what the person selected in it)
        previous = self._alarms_shown or []
        self._alarms_shown = entries
        chosen = self.alarms.currentItem()
        chosen_alarm = None if chosen is None else tuple(chosen.data(Qt.ItemDataRole.UserRole))
        # Items changed in place (only those repaint); the list is not rebuilt on every tick.
        for row, entry in enumerate(entries):
            if row < len(previous) and previous[row] == entry:
                continue
            alarm, acknowledged = entry
            item = self.alarms.item(row)
            if item is None:
                item = QListWidgetItem()
                self.alarms.addItem(item)
            if acknowledged is None:
                item.setText(alarm_text(alarm))
                item.setForeground(Qt.GlobalColor.darkRed if alarm[2] == "critical"
                                   else Qt.GlobalColor.darkYellow)
            else:
                item.setText(acknowledged)
                item.setForeground(Qt.GlobalColor.gray)
            item.setToolTip(item.text())  # the note may be longer than the list is wide
            item.setData(Qt.ItemDataRole.UserRole, alarm)
        while self.alarms.count() > len(entries):
            self.alarms.takeItem(self.alarms.count() - 1)
        # The selection follows its alarm: acknowledging must never hit another one.
        if chosen_alarm is not None:
            rows = [row for row, (alarm, _ack) in enumerate(entries) if alarm == chosen_alarm]
            if rows:
                self.alarms.setCurrentRow(rows[0])
            else:
                self.alarms.setCurrentItem(None)
                self.alarms.clearSelection()
        self._update_ack_button()

    def _acknowledged_text(self, alarm: Alarm) -> str:
        ack = self._acknowledged[alarm]
        return acknowledged_text(alarm, ack.user, ack.note,
                                 moment_text(ack.at, ZoneInfo(self.site.timezone), self._today))

    def _chosen_open_alarm(self) -> Alarm | None:
        """The alarm selected in the list, if it is not acknowledged yet."""
        item = self.alarms.currentItem()
        if item is None or not item.isSelected():
            return None
        alarm = tuple(item.data(Qt.ItemDataRole.UserRole))
        return None if alarm in self._acknowledged else alarm

    def _update_ack_button(self, *_args) -> None:
        self.ack_button.setEnabled(may_acknowledge(self.session)
                                   and self._chosen_open_alarm() is not None)

    def acknowledge_selected(self, note: str | None = None) -> bool:
        """Acknowledge the selected open alarm (asks for the note unless given): audited, and
        shown greyed in the list until the alarm's condition clears."""
        alarm = self._chosen_open_alarm()  # read now: the list may change while the note is typed
        if alarm is None:
            return False
        if note is None:
            note, ok = QInputDialog.getText(self, self.tr("Acknowledge alarm"),
                                            self.tr("Note (what you are doing about it):"))
            if not ok:
                return False
        try:
            self._acknowledged[alarm] = acknowledge(self.changes, self.session, alarm, note)
        except PermissionDenied:  # the button is disabled for these roles; a safety net
            return False
        self._refresh_alarms()
        return True
