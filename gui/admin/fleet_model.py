"""Every station as a row: state in colour and words, who, what lot, metrics, skew.

Thresholds colour the metric cells (stable / warning / critical). Values of a station that is
not online are kept and shown in grey, flagged as last known.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from config.catalogs import DEFAULT_THRESHOLDS
from utils.site.fleet import Liveness, StationView

_Index = QModelIndex | QPersistentModelIndex


LEVEL_COLORS = {"warning": QColor("#fff3cd"), "critical": QColor("#f8d7da")}
STATE_COLORS = {Liveness.ONLINE: QColor("#1b7f3b"), Liveness.STALE: QColor("#b26a00"),
                Liveness.OFFLINE: QColor("#b00020"), Liveness.STOPPED: QColor("#555555")}


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

    def update_views(self, views: list[StationView]) -> None:
        """Same stations: refresh values in place (no reset, selection kept); else reset."""
        if [v.station_id for v in views] == [v.station_id for v in self._views]:
            self._views = list(views)
            if views:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(views) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._views = list(views)
        self.endResetModel()

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
        view = self._views[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(view, column)
        if role == Qt.ItemDataRole.UserRole:  # sorting: raw values
            if column in ("cpu", "memory", "disk"):
                return metric(view, column) or -1.0
            return self._display(view, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "state":
                return QBrush(STATE_COLORS.get(view.liveness, QColor("black")))
            if view.liveness != Liveness.ONLINE and column not in ("station",):
                return QBrush(QColor("#888888"))  # last known values
        if role == Qt.ItemDataRole.BackgroundRole and column in ("cpu", "memory", "disk"):
            color = LEVEL_COLORS.get(self.thresholds[column].level(metric(view, column)))
            return None if color is None else QBrush(color)
        if role == Qt.ItemDataRole.ToolTipRole and view.liveness != Liveness.ONLINE:
            return self.tr("Last known values")
        return None

    def _display(self, view: StationView, column: str) -> str:
        status = view.status or {}
        if column == "station":
            return view.station_id + (" ⚠" if view.duplicate_id_suspected else "")
        if column == "state":
            return self._states.get(view.liveness, str(view.liveness))
        if column == "last_seen":
            return "—" if view.last_seen is None else view.last_seen.astimezone().strftime("%H:%M:%S")
        if column == "user":
            return (status.get("user") or {}).get("username") or "—"
        if column == "lot":
            lot = status.get("lot")
            return "—" if not lot else f"{lot['code']} · {lot['current_box']}/{lot['total_boxes']}"
        if column in ("cpu", "memory", "disk"):
            value = metric(view, column)
            return "—" if value is None else f"{value:.0f}"
        if column == "version":
            return status.get("version") or "—"
        if column == "skew":
            return "—" if view.skew_s is None else f"{view.skew_s:+.1f} s"
        if column == "pending":
            return str(status.get("pending_commands", 0))
        return ""

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
