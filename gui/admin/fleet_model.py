"""Every station as a row: state in colour and words, who, what lot, metrics, skew.

Thresholds colour the metric cells (stable / warning / critical). Values of a station that is
not online are kept and shown in grey, flagged as last known.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from config.catalogs import DEFAULT_THRESHOLDS
from utils.site.fleet import Liveness, StationView

_Index = QModelIndex | QPersistentModelIndex


LEVEL_COLORS = {"warning": QColor("#fff3cd"), "critical": QColor("#f8d7da")}
STATE_COLORS = {Liveness.ONLINE: QColor("#1b7f3b"), Liveness.STALE: QColor("#b26a00"),
                Liveness.OFFLINE: QColor("#b00020"), Liveness.STOPPED: QColor("#555555")}
# Brushes made once: a refresh tick asks for thousands of cells.
_LEVEL_BRUSHES = {level: QBrush(color) for level, color in LEVEL_COLORS.items()}
_STATE_BRUSHES = {state: QBrush(color) for state, color in STATE_COLORS.items()}
_BLACK, _GREY = QBrush(QColor("black")), QBrush(QColor("#888888"))
_METRIC_COLUMNS = ("cpu", "memory", "disk")
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class _Row:
    """One station's cells, ready for the view (compared to tell which rows changed)."""

    display: tuple[str, ...]
    sort: tuple[Any, ...]
    foreground: tuple[QBrush | None, ...]
    background: tuple[QBrush | None, ...]
    tooltip: str | None
    search: str  # every cell's text: the search box filters on this one value


def metric(view: StationView, name: str) -> float | None:
    metrics = (view.status or {}).get("metrics") or {}
    return (metrics.get(name) or {}).get("value")


class FleetTableModel(QAbstractTableModel):
    COLUMNS = ("station", "state", "last_seen", "user", "lot", "cpu", "memory", "disk",
               "version", "skew", "pending")

    def __init__(self, parent: QObject | None = None, thresholds=DEFAULT_THRESHOLDS):
        super().__init__(parent)
        self.thresholds = thresholds
        self._views: list[StationView] = []
        self._headers = (self.tr("Station"), self.tr("State"), self.tr("Last seen"),
                         self.tr("User"), self.tr("Lot / box"), self.tr("CPU %"),
                         self.tr("Memory %"), self.tr("Disk %"), self.tr("Version"),
                         self.tr("Clock skew"), self.tr("Pending"))
        self._states = {Liveness.ONLINE: self.tr("online"), Liveness.STALE: self.tr("stale"),
                        Liveness.OFFLINE: self.tr("offline"), Liveness.STOPPED: self.tr("stopped")}
        self._last_known = self.tr("Last known values")
        self._rows: list[_Row] = []
        # Columns whose values changed in the last in-place update (the view re-sorts only when
        # its sort column is one of them).
        self.changed_columns: set[int] = set()

    def update_views(self, views: list[StationView]) -> bool:
        """Same stations: refresh values in place (no reset, selection kept), telling the view
        only about rows that changed; else reset (returns True). Every cell is computed here, once per update,
        so the view's many data() calls while painting, sizing and sorting are lookups."""
        rows = [self._row(view) for view in views]
        if [v.station_id for v in views] == [v.station_id for v in self._views]:
            changed = [i for i, (old, new) in enumerate(zip(self._rows, rows)) if old != new]
            self.changed_columns = {column for i in changed
                                    for column, (a, b) in enumerate(zip(self._rows[i].sort,
                                                                        rows[i].sort)) if a != b}
            self._views, self._rows = list(views), rows
            if changed:
                self.dataChanged.emit(self.index(changed[0], 0),
                                      self.index(changed[-1], len(self.COLUMNS) - 1))
            return False
        self.beginResetModel()
        self._views, self._rows = list(views), rows
        self.changed_columns = set(range(len(self.COLUMNS)))
        self.endResetModel()
        return True

    def _row(self, view: StationView) -> "_Row":
        """Every cell of one station, in one pass (this runs for 200 stations per tick)."""
        status = view.status or {}
        metrics = status.get("metrics") or {}
        values = [(metrics.get(name) or {}).get("value") for name in _METRIC_COLUMNS]
        if view.last_seen is None:
            seen = "—"
        else:
            local = view.last_seen.astimezone()
            seen = f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
        lot = status.get("lot")
        display = (
            view.station_id + (" ⚠" if view.duplicate_id_suspected else ""),
            self._states.get(view.liveness, str(view.liveness)),
            seen,
            (status.get("user") or {}).get("username") or "—",
            "—" if not lot else f"{lot['code']} · {lot['current_box']}/{lot['total_boxes']}",
            *("—" if value is None else f"{value:.0f}" for value in values),
            status.get("version") or "—",
            "—" if view.skew_s is None else f"{view.skew_s:+.1f} s",
            str(status.get("pending_commands", 0)),
        )
        numbers = [-1.0 if value is None else value for value in values]
        sort = (*display[:5], *numbers, *display[8:])
        online = view.liveness == Liveness.ONLINE
        rest = None if online else _GREY  # last known values of a station not online
        foreground = (None, _STATE_BRUSHES.get(view.liveness, _BLACK), *([rest] * 9))
        background = (None, None, None, None, None,
                      *(_LEVEL_BRUSHES.get(self.thresholds[name].level(value))
                        for name, value in zip(_METRIC_COLUMNS, values)),
                      None, None, None)
        return _Row(display, sort, foreground, background,
                    None if online else self._last_known, " ".join(display))

    def text_lengths(self) -> list[int]:
        """The longest text of each column (the view widens a column when it grows)."""
        lengths = [0] * len(self.COLUMNS)
        for row in self._rows:
            for column, text in enumerate(row.display):
                if len(text) > lengths[column]:
                    lengths[column] = len(text)
        return lengths

    def view_at(self, row: int) -> StationView:
        return self._views[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._views)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self._headers)):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._views):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[column]
        if role == Qt.ItemDataRole.UserRole:  # sorting: raw values
            return row.sort[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            return row.foreground[column]  # grey: last known values of a station not online
        if role == Qt.ItemDataRole.BackgroundRole:
            return row.background[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip
        if role == SEARCH_ROLE:
            return row.search
        return None

    def alarms(self) -> list[tuple[str, str, str]]:
        """(station, what, level) for every station offline or with a metric over a threshold."""
        found = []
        for view in self._views:
            if view.liveness in (Liveness.OFFLINE, Liveness.STALE):
                found.append((view.station_id, "state", "critical" if view.liveness ==
                              Liveness.OFFLINE else "warning"))
            for name in ("cpu", "memory", "disk"):
                level = self.thresholds[name].level(metric(view, name))
                if level in ("warning", "critical") and view.liveness == Liveness.ONLINE:
                    found.append((view.station_id, name, level))
        return found
