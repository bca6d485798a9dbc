"""The OEE tab's rows: one per station and shift (or per station and day), as texts in the
reader's language with the values they sort by and the period each row is about.

A week of a 200-station plant is thousands of lines, so the model does the work a proxy and
eager texts did per refresh in Python, once per cell: it sorts its own list (one Python sort,
not a proxy calling data() twice per comparison) and builds a line's texts only when the view
first asks for them (the rows on screen), keeping them until the next refresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QModelIndex, QObject, Qt

from models.shifts import SHIFT_STARTS
from utils.mes.oee import Oee
from utils.mes.oee_report import DayOee, ShiftOee

from gui.admin.oee_texts import over_ideal, over_ideal_tip, performance_cell
from gui.downtime_texts import duration_text, percent_text
from gui.table_model import ColumnTableModel, Index

COLUMNS = ("day", "shift", "station", "planned", "downtime", "stops", "boxes", "good",
           "availability", "performance", "quality", "oee")
PERFORMANCE = COLUMNS.index("performance")


@dataclass(frozen=True)
class LineKey:
    """What a line is about: a station over [start, end), with its figures."""

    station: str
    start: datetime
    end: datetime
    figures: Oee
    title: str


class Line:
    """One row: the figures it shows; its sort values, key and texts made when first asked
    (a refresh makes thousands of lines; the view asks for the few on screen)."""

    __slots__ = ("day", "shift", "station", "figures", "stops", "start", "end", "title",
                 "texts")

    def __init__(self, day: str, shift: str, station: str, figures: Oee, stops: int | None,
                 start: datetime, end: datetime, title: str):
        self.day, self.shift, self.station = day, shift, station
        self.figures, self.stops = figures, stops
        self.start, self.end, self.title = start, end, title
        self.texts: tuple[str, ...] | None = None

    def text(self, column: int) -> str:
        if self.texts is None:
            figures = self.figures
            self.texts = (self.day, self.shift, self.station, duration_text(figures.planned_s),
                          duration_text(figures.downtime_s),
                          "—" if self.stops is None else str(self.stops), str(figures.boxes),
                          str(figures.good), percent_text(figures.availability),
                          performance_cell(figures.performance), percent_text(figures.quality),
                          percent_text(figures.oee))
        return self.texts[column]

    def value(self, column: int) -> Any:
        """What the column sorts by (a ratio of no meaning sorts below 0)."""
        if column == 0:
            return f"{self.day} {self.shift}"
        if column < 3:
            return self.shift if column == 1 else self.station
        figures = self.figures
        found = (figures.planned_s, figures.downtime_s, self.stops or 0, figures.boxes,
                 figures.good, figures.availability, figures.performance, figures.quality,
                 figures.oee)[column - 3]
        return -1.0 if found is None else found

    def key(self) -> LineKey:
        return LineKey(self.station if self.station != "—" else "", self.start, self.end,
                       self.figures, self.title)


def shift_lines(rows: list[ShiftOee]) -> list[Line]:
    return [Line(row.day, str(row.shift), row.station, row.figures, row.stops, row.shift_start,
                 row.shift_end, f"{row.station} · {row.day} · {row.shift}") for row in rows]


def day_lines(rows: list[DayOee], zone_name: str) -> list[Line]:
    zone = ZoneInfo(zone_name)
    lines = []
    for row in rows:
        # The day's shifts: from its first shift's start to the next day's (models/shifts.py).
        day = date.fromisoformat(row.day)
        start = datetime.combine(day, SHIFT_STARTS[0], tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), SHIFT_STARTS[0], tzinfo=zone)
        lines.append(Line(row.day, "1–3", row.station or "—", row.figures, None, start, end,
                          f"{row.station} · {row.day}"))
    return lines


class OeeLinesModel(ColumnTableModel):
    """The lines, sorted by the column the header names (QTableView calls sort())."""

    def __init__(self, headers: tuple[str, ...], parent: QObject | None = None):
        super().__init__(parent)
        self.COLUMNS = COLUMNS
        self._headers = headers
        self._rows: list[Line] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, lines: list[Line]) -> None:
        self.beginResetModel()
        self._rows = list(lines)
        if self._order is not None:
            self._sort_rows(*self._order)
        self.endResetModel()

    def key(self, row: int) -> LineKey | None:
        return self._rows[row].key() if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._rows) or not 0 <= column < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[row].text(column)
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[row].value(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (role == Qt.ItemDataRole.ToolTipRole and column == PERFORMANCE
                and over_ideal(self._rows[row].figures.performance)):
            return over_ideal_tip()
        return None

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        if 0 <= column < len(COLUMNS):
            # Stable: equal values keep the report's order (oldest shift, then station).
            self._rows.sort(key=lambda line: line.value(column),
                            reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        lines = [self._rows[index.row()] if index.isValid() else None for index in before]
        self._sort_rows(column, order)
        where = {id(line): row for row, line in enumerate(self._rows)}
        self.changePersistentIndexList(
            before, [QModelIndex() if line is None else
                     self.index(where[id(line)], index.column())
                     for line, index in zip(lines, before)])
        self.layoutChanged.emit()
