"""The OEE tab's rows: one per station and shift (or per station and day), as texts in the
reader's language with the values they sort by and the period each row is about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from models.shifts import SHIFT_STARTS
from utils.mes.oee import Oee
from utils.mes.oee_report import DayOee, ShiftOee

from gui.downtime_texts import duration_text, percent_text

COLUMNS = ("day", "shift", "station", "planned", "downtime", "stops", "boxes", "good",
           "availability", "performance", "quality", "oee")


@dataclass(frozen=True)
class LineKey:
    """What a line is about: a station over [start, end), with its figures."""

    station: str
    start: datetime
    end: datetime
    figures: Oee
    title: str


def _ratio(value: float | None) -> float:
    return -1.0 if value is None else value


def _cells(day: str, shift: str, station: str, figures: Oee, stops: int | None):
    texts = (day, shift, station, duration_text(figures.planned_s),
             duration_text(figures.downtime_s), "—" if stops is None else str(stops),
             str(figures.boxes), str(figures.good), percent_text(figures.availability),
             percent_text(figures.performance), percent_text(figures.quality),
             percent_text(figures.oee))
    sort = (f"{day} {shift}", shift, station, figures.planned_s, figures.downtime_s, stops or 0,
            figures.boxes, figures.good, _ratio(figures.availability),
            _ratio(figures.performance), _ratio(figures.quality), _ratio(figures.oee))
    return texts, sort


def shift_lines(rows: list[ShiftOee]) -> list[tuple]:
    lines = []
    for row in rows:
        texts, sort = _cells(row.day, str(row.shift), row.station, row.figures, row.stops)
        lines.append((texts, sort, LineKey(row.station, row.shift_start, row.shift_end,
                                           row.figures, f"{row.station} · {row.day} · "
                                           f"{row.shift}")))
    return lines


def day_lines(rows: list[DayOee], zone_name: str) -> list[tuple]:
    zone = ZoneInfo(zone_name)
    lines = []
    for row in rows:
        texts, sort = _cells(row.day, "1–3", row.station or "—", row.figures, None)
        # The day's shifts: from its first shift's start to the next day's (models/shifts.py).
        day = date.fromisoformat(row.day)
        start = datetime.combine(day, SHIFT_STARTS[0], tzinfo=zone)
        end = datetime.combine(day + timedelta(days=1), SHIFT_STARTS[0], tzinfo=zone)
        lines.append((texts, sort, LineKey(row.station or "", start, end,
                                           row.figures, f"{row.station} · {row.day}")))
    return lines
