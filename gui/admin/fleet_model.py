"""Every station as a row: state in colour and words, who, what lot, metrics, skew.

Thresholds colour the metric cells (stable / warning / critical) and make the station's alarms,
kept with its row. Values of a station that is not online are kept and shown in grey, flagged
as last known. The table shows the stations that match both the search text and the state
filter.

The model sorts and searches itself (no QSortFilterProxyModel): the view asks for about a
thousand cells per repaint, and each call that crosses from C++ into Python costs; through a
proxy the count doubles (bench_gui.py). The cells are computed by `rows_for`, which touches no
Qt object's state and runs on the poller's thread; the GUI thread only swaps them in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from utils.site.alarm_acks import Alarm  # (station, what: "state" or a metric, level)
from utils.site.fleet import Liveness, StationView

from gui.admin.fleet_production import DOWN_BRUSH as _DOWN_BRUSH, production_cell
from gui.table_model import ColumnTableModel, Index as _Index


LEVEL_COLORS = {"warning": QColor("#fff3cd"), "critical": QColor("#f8d7da")}
STATE_COLORS = {Liveness.ONLINE: QColor("#1b7f3b"), Liveness.STALE: QColor("#b26a00"),
                Liveness.OFFLINE: QColor("#b00020"), Liveness.STOPPED: QColor("#555555")}
# Brushes made once: a refresh tick asks for thousands of cells.
_LEVEL_BRUSHES = {level: QBrush(color) for level, color in LEVEL_COLORS.items()}
_STATE_BRUSHES = {state: QBrush(color) for state, color in STATE_COLORS.items()}
_BLACK, _GREY = QBrush(QColor("black")), QBrush(QColor("#888888"))
METRIC_COLUMNS = ("cpu", "memory", "disk")  # (their alarms are known only while it reports)
# Roles as plain ints: data() looks them up in a dict on every call.
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
CHANGE_CHUNK_ROWS = 32
# The state filter's choices (FleetTableModel.set_state_filter) and the states each shows; a
# station stopped on purpose is listed with the offline ones (the summary line counts them apart).
STATE_FILTERS: dict[str, frozenset[str]] = {
    "online": frozenset({Liveness.ONLINE}), "stale": frozenset({Liveness.STALE}),
    "offline": frozenset({Liveness.OFFLINE, Liveness.STOPPED})}
ALL_STATIONS, WITH_ALARMS = "all", "alarms"


@dataclass(frozen=True, slots=True)
class _Row:
    """One station's cells, ready for the view (compared to tell which rows changed)."""

    station_id: str
    display: tuple[str, ...]
    sort: tuple[Any, ...]
    foreground: tuple[QBrush | None, ...]
    background: tuple[QBrush | None, ...]
    tooltip: tuple[str | None, ...]
    search: str  # every cell's text, case-folded: what the search box looks in
    liveness: str  # what the state filter looks at
    alarms: tuple[Alarm, ...]  # this station's, for the alarm list and the state filter


def _station_alarms(view: StationView, levels: list[str]) -> tuple[Alarm, ...]:
    """A station not reporting (stale: warning, offline: critical), or, while it reports, each
    metric at warning or critical (`levels`: the metrics' threshold levels, in column order).
    A stopped station exited cleanly: no alarm. Files of the station refused on the share
    (forged, not a member, a journal that does not match its signed head) alarm whatever its
    state: someone is writing there who should not."""
    refused = (((view.station_id, "files", "critical"),)
               if view.problem or view.journal_anomaly else ())
    if view.journal_held:  # its events do not reach the site view: a person must look
        refused += ((view.station_id, "journal", "critical"),)
    if view.journal_waiting:  # changes of records no journal read so far made: not shown
        refused += ((view.station_id, "waiting", "warning"),)
    if view.liveness == Liveness.OFFLINE:
        return ((view.station_id, "state", "critical"),) + refused
    if view.liveness == Liveness.STALE:
        return ((view.station_id, "state", "warning"),) + refused
    if view.liveness != Liveness.ONLINE:
        return refused
    return tuple((view.station_id, name, level) for name, level in zip(METRIC_COLUMNS, levels)
                 if level in ("warning", "critical")) + refused


def alarms_of(rows: list[_Row]) -> list[Alarm]:
    """Every station's alarms, in the rows' (station) order."""
    return [alarm for row in rows for alarm in row.alarms]


def moment_text(moment: datetime, zone: tzinfo, today: date) -> str:
    """A moment in `zone`: the time of day, with the date in front when it is not `today`
    (a station last seen yesterday must not read as seen today)."""
    local = moment.astimezone(zone)
    clock = f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    if local.date() == today:
        return clock
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {clock}"


def text_lengths(rows: list[_Row]) -> list[int]:
    """The longest text of each column (the view widens a column when it grows)."""
    lengths = [0] * len(FleetTableModel.COLUMNS)
    for row in rows:
        for column, text in enumerate(row.display):
            if len(text) > lengths[column]:
                lengths[column] = len(text)
    return lengths


@dataclass(frozen=True, slots=True)
class RowDiff:
    """Which rows changed between `base` and the next rows, and the first and last column
    with a changed cell in any of them (last = -1: no cell shown differs)."""

    base: list[_Row]
    changed: list[int]
    first: int
    last: int


def diff_rows(base: list[_Row], rows: list[_Row]) -> RowDiff:
    """What changed from `base` to `rows` (same stations, same order). Only the columns that
    changed are repainted: a tick usually changes 4 or 5 of the 12 (time, box, CPU, memory).
    Each row compares only the slices outside the column range found so far (one tuple
    comparison each): 200 rows of 12 cells compared one by one cost milliseconds."""
    changed = [i for i, (old, new) in enumerate(zip(base, rows)) if old != new]
    width = len(FleetTableModel.COLUMNS)
    first, last = width, -1
    for i in changed:
        a, b = base[i], rows[i]
        if a.foreground != b.foreground:  # a station's state changed: its whole row
            first, last = 0, width - 1
            break
        if a.display[:first] != b.display[:first] or a.background[:first] != b.background[:first]:
            first = next(c for c in range(first)
                         if a.display[c] != b.display[c] or a.background[c] is not b.background[c])
        if a.display[last + 1:] != b.display[last + 1:] or a.background[last + 1:] != b.background[last + 1:]:
            last = max(c for c in range(last + 1, width)
                       if a.display[c] != b.display[c] or a.background[c] is not b.background[c])
    return RowDiff(base, changed, first, last)


class FleetTableModel(ColumnTableModel):
    COLUMNS = ("station", "state", "last_seen", "user", "lot", "cpu", "memory", "disk",
               "version", "skew", "pending", "production")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._headers = (self.tr("Station"), self.tr("State"), self.tr("Last seen"),
                         self.tr("User"), self.tr("Lot / box"), self.tr("CPU %"),
                         self.tr("Memory %"), self.tr("Disk %"), self.tr("Version"),
                         self.tr("Clock skew"), self.tr("Pending"), self.tr("Production"))
        self._states = {Liveness.ONLINE: self.tr("online"), Liveness.STALE: self.tr("stale"),
                        Liveness.OFFLINE: self.tr("offline"), Liveness.STOPPED: self.tr("stopped")}
        self._last_known = self.tr("Last known values")
        self._views: list[StationView] = []  # as the poller gives them (by station id)
        self._rows: list[_Row] = []  # the same order
        self._shown: list[int] = []  # positions in _rows, in the table's order (search, sort)
        self._cells: dict[int, list[tuple]] = {}  # role -> cells of each shown row
        self._sort_column = 0
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._search = ""
        self._state_filter = ALL_STATIONS

    # -- rows: any thread --------------------------------------------------------------------------

    def rows_for(self, views: list[StationView], thresholds, *, zone: tzinfo,
                 today: date, now: datetime | None = None) -> list[_Row]:
        """Every cell of every station, metric cells coloured by `thresholds`, times in `zone`
        (with the date when it is not `today`). Reads only texts fixed at construction, so the
        poller's thread can call it while the GUI paints."""
        return [self._row(view, thresholds, zone, today, now) for view in views]

    def _row(self, view: StationView, thresholds, zone: tzinfo, today: date,
             now: datetime | None = None) -> _Row:
        """Every cell of one station, in one pass (this runs for 200 stations per tick)."""
        status = view.status or {}
        metrics = status.get("metrics") or {}
        values = [(metrics.get(name) or {}).get("value") for name in METRIC_COLUMNS]
        levels = [thresholds[name].level(value) for name, value in zip(METRIC_COLUMNS, values)]
        seen = "—" if view.last_seen is None else moment_text(view.last_seen, zone, today)
        lot = status.get("lot")
        pending = status.get("pending_commands", 0)
        production = production_cell(status.get("production"), now)
        display = (
            view.station_id + (" ⚠" if view.duplicate_id_suspected else ""),
            self._states.get(view.liveness, str(view.liveness)),
            seen,
            (status.get("user") or {}).get("username") or "—",
            "—" if not lot else f"{lot['code']} · {lot['current_box']}/{lot['total_boxes']}",
            *("—" if value is None else f"{value:.0f}" for value in values),
            status.get("version") or "—",
            # Whole seconds: the figure includes how long the file waited to be read (up to a
            # poll interval), so tenths would only flicker.
            "—" if view.skew_s is None else f"{round(view.skew_s):+d} s",
            str(pending),
            production[0],
        )
        sort = (view.station_id, display[1],
                -1.0 if view.last_seen is None else view.last_seen.timestamp(), *display[3:5],
                *(-1.0 if value is None else value for value in values), display[8],
                float("-inf") if view.skew_s is None else round(view.skew_s),
                pending if isinstance(pending, int) else -1, production[1])
        online = view.liveness == Liveness.ONLINE
        rest = None if online else _GREY  # last known values of a station not online
        foreground = (None, _STATE_BRUSHES.get(view.liveness, _BLACK), *([rest] * 10))
        background = (None, None, None, None, None,
                      *(_LEVEL_BRUSHES.get(level) for level in levels),
                      None, None, None, _DOWN_BRUSH if production[1] >= 0 and online else None)
        tooltip = (None if online else self._last_known,) * len(self.COLUMNS)
        return _Row(view.station_id, display, sort, foreground, background, tooltip,
                    " ".join(display).casefold(), str(view.liveness),
                    _station_alarms(view, levels))

    # -- the table: GUI thread ---------------------------------------------------------------------

    def apply(self, views: list[StationView], rows: list[_Row], diff: RowDiff | None = None) -> bool:
        """Same stations: values swapped in place (selection kept), the view told only about
        rows that changed, moved when the sort or search result changed. Else the model is
        reset (returns True: the caller restores the selection). `diff` is `diff_rows` of the
        rows shown now and `rows`, made on the poller's thread (used only if it was made
        against what the model holds)."""
        if [view.station_id for view in views] != [view.station_id for view in self._views]:
            self.beginResetModel()
            self._views, self._rows = list(views), rows
            self._shown = self._order()
            self._fill_cells()
            self.endResetModel()
            return True
        if diff is None or diff.base is not self._rows:
            diff = diff_rows(self._rows, rows)
        self._views, self._rows = list(views), rows
        if not diff.changed:
            return False
        shown = self._order()
        if sorted(shown) != sorted(self._shown):  # the search finds other stations now
            self.beginResetModel()
            self._shown = shown
            self._fill_cells()
            self.endResetModel()
            return True
        if shown != self._shown:
            self._move_to(shown)
            return False
        self._fill_cells()
        position = {source: place for place, source in enumerate(self._shown)}
        places = [position[i] for i in diff.changed if i in position]
        if places and diff.last >= 0:
            # In chunks: told about a range reaching far below what is in view, the view
            # repaints all of its width instead of the changed columns (Qt 6.12).
            low, high = min(places), max(places)
            for top in range(low, high + 1, CHANGE_CHUNK_ROWS):
                bottom = min(top + CHANGE_CHUNK_ROWS - 1, high)
                self.dataChanged.emit(self.index(top, diff.first), self.index(bottom, diff.last))
        return False

    def set_search(self, text: str) -> None:
        """Show only stations with `text` in any cell (case does not matter)."""
        self._search = text.casefold()
        self._filter_again()

    def set_state_filter(self, choice: str) -> None:
        """Show only stations in a state: ALL_STATIONS, WITH_ALARMS or a key of STATE_FILTERS
        (together with the search)."""
        if choice != ALL_STATIONS and choice != WITH_ALARMS and choice not in STATE_FILTERS:
            raise ValueError(f"unknown state filter {choice!r}")
        self._state_filter = choice
        self._filter_again()

    def _filter_again(self) -> None:
        self.beginResetModel()
        self._shown = self._order()
        self._fill_cells()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Called by the view when a header is clicked; the order is kept on every update."""
        if not 0 <= column < len(self.COLUMNS):
            return
        self._sort_column, self._sort_order = column, order
        shown = self._order()
        if shown != self._shown:
            self._move_to(shown)

    def _order(self) -> list[int]:
        search, choice = self._search, self._state_filter
        states = STATE_FILTERS.get(choice)
        positions = [i for i, row in enumerate(self._rows)
                     if (not search or search in row.search)
                     and (choice == ALL_STATIONS or (row.alarms if states is None
                                                     else row.liveness in states))]
        column = self._sort_column
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        # Python's sort is stable: equal values keep the station order, either way.
        positions.sort(key=lambda i: self._rows[i].sort[column], reverse=descending)
        return positions

    def _move_to(self, shown: list[int]) -> None:
        """New order of the same rows; selected and current rows follow their station."""
        self.layoutAboutToBeChanged.emit()
        place = {source: new for new, source in enumerate(shown)}
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(place[self._shown[index.row()]], index.column())
                       for index in old_indexes]
        self._shown = shown
        self._fill_cells()
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    def _fill_cells(self) -> None:
        rows = [self._rows[i] for i in self._shown]
        self._cells = {DISPLAY: [row.display for row in rows],
                       FOREGROUND: [row.foreground for row in rows],
                       BACKGROUND: [row.background for row in rows],
                       TOOLTIP: [row.tooltip for row in rows]}

    def view_at(self, row: int) -> StationView:
        """The station shown in table row `row`."""
        return self._views[self._shown[row]]

    def row_of(self, station_id: str) -> int | None:
        """The table row showing this station (None: not shown)."""
        for place, source in enumerate(self._shown):
            if self._rows[source].station_id == station_id:
                return place
        return None

    # -- Qt's interface (called by C++ for every cell painted: keep it lean) -----------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._shown)

    def paint_cell(self, row: int, column: int) -> tuple[str, QBrush | None, QBrush | None]:
        """Text, foreground and background of a shown cell (gui/fast_cells.py)."""
        cells = self._cells
        return (cells[DISPLAY][row][column], cells[FOREGROUND][row][column],
                cells[BACKGROUND][row][column])

    def data(self, index: _Index, role: int = DISPLAY) -> Any:
        cells = self._cells.get(role)
        row = index.row()
        if cells is None or row < 0:
            return None
        try:
            return cells[row][index.column()]
        except IndexError:
            return None
