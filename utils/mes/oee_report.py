"""OEE per station and shift, per day, the site's daily trend and the downtime Pareto, read
from the site view's downtime figures (data/view_oee_reads.py) with the catalog's ideal rates and
shift plan, as of an injected `now`.

Which time is planned: the shift's length (up to `now` for the shift under way) minus the
plan's breaks, for every shift in which the station recorded a box or a stop; a shift without
either was not planned for it. An open stop counts up to `now`, with the plan's breaks taken
out (a closed one carries the breaks the station took out when it closed it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Callable
from zoneinfo import ZoneInfo

from config.catalog import Catalog
from data import view_oee_reads
from models.canonical import format_utc, parse_utc
from models.downtime import break_intervals, pieces, planned_seconds
from models.shifts import SHIFT_STARTS, shift_of
from utils.mes.oee import Oee, Output, combine, figures, oee


@dataclass(frozen=True)
class ShiftOee:
    station: str
    shift_start: datetime
    shift_end: datetime
    day: str
    shift: int
    stops: int
    figures: Oee


@dataclass(frozen=True)
class DayOee:
    day: str
    station: str | None  # None: the whole site
    figures: Oee


class OeeReport:
    def __init__(self, view_database: Any, catalog: Callable[[], Catalog],
                 zone: Callable[[], str], clock: Any):
        self.database = view_database
        self.catalog = catalog
        self.zone = zone
        self.clock = clock
        self._planned: dict[tuple, tuple[datetime, float]] = {}

    def _planned_s(self, shift_start: datetime, now: datetime) -> tuple[datetime, float]:
        """The shift's end and its planned seconds (up to `now` for the shift under way),
        cached per zone, plan and shift: a year's trend asks for a thousand shifts."""
        zone, plan = self.zone(), self.catalog().downtime.breaks
        key = (zone, plan, shift_start)
        found = self._planned.get(key)
        if found is None:
            if len(self._planned) > 50_000:
                self._planned.clear()
            end = shift_of(shift_start, zone).end_utc
            found = self._planned[key] = (end, planned_seconds(shift_start, end, zone, plan))
        end, whole = found
        if now >= end:
            return end, whole
        part = min(end, max(now, shift_start))  # the shift under way: up to now
        return end, planned_seconds(shift_start, part, zone, plan)

    def _cover(self, start: datetime, end: datetime
               ) -> tuple[list[tuple[datetime, datetime]], tuple[str, str] | None]:
        """[start, end) as the local days whose three shifts all start inside it (read from the
        site's daily sums) and the rest at its ends (read per station and shift)."""
        zone = ZoneInfo(self.zone())

        def first_shift(day: date) -> datetime:
            return datetime.combine(day, SHIFT_STARTS[0], tzinfo=zone)

        low = start.astimezone(zone).date() - timedelta(days=1)
        while first_shift(low) < start:
            low += timedelta(days=1)
        high = end.astimezone(zone).date()
        while first_shift(high + timedelta(days=1)) > end:
            high -= timedelta(days=1)
        if low > high:
            return [(start, end)], None
        edges = [(start, first_shift(low)), (first_shift(high + timedelta(days=1)), end)]
        return [(a, b) for a, b in edges if a < b], (low.isoformat(), high.isoformat())

    def _open_pieces(self, connection: Any, low: datetime, high: datetime, now: datetime,
                     station: str | None) -> list[tuple[dict[str, Any], Any]]:
        """Each open stop's pieces inside [low, min(high, now)), planned breaks out."""
        found = []
        zone, plan = self.zone(), self.catalog().downtime.breaks
        for stop in view_oee_reads.open_stops(connection):
            if station and stop["station"] != station:
                continue
            start = max(parse_utc(stop["started_at"]), low)
            end = min(high, now)
            if start >= end:
                continue
            for piece in pieces(start, end, zone, break_intervals(start, end, zone, plan)):
                found.append((stop, piece))
        return found

    def shifts(self, start: datetime, end: datetime, station: str | None = None,
               now: datetime | None = None) -> list[ShiftOee]:
        """Every station's OEE in every shift starting in [start, end) it was active in, oldest
        shift first. A week of a 200-station plant is thousands of lines: their sums come from
        one query (view_oee_reads.shift_lines) and the planned time once per shift."""
        now = now or self.clock.now()
        low, high = format_utc(start), format_utc(end)
        settings = self.catalog().downtime
        ideal = {rate.size: settings.ideal_seconds(rate.size) for rate in settings.rates}
        default_s = 3600.0 / settings.default_ideal_boxes_per_hour
        # (day, shift, stop seconds, stops, boxes, rejected, ideal seconds) per line
        cells: dict[tuple[str, str], list] = {}
        with self.database.read() as connection:
            for row in view_oee_reads.shift_lines(connection, low, high, ideal, default_s,
                                                  station):
                cells[(row[0], row[1])] = [row[2], row[3], row[4], row[5], row[6], row[7],
                                           row[8]]
            opened = self._open_pieces(connection, start, end, now, station)
        for stop, piece in opened:
            key = (stop["station"], format_utc(piece.shift_start))
            cell = cells.setdefault(key, [piece.day, piece.shift, 0.0, 0, 0, 0, 0.0])
            cell[2] += piece.seconds
            if piece.start == parse_utc(stop["started_at"]):
                cell[3] += 1
        lines = cells.items()
        if opened:  # lines of open stops alone come after the query's, which is in order
            lines = sorted(lines, key=lambda item: (item[0][1], item[0][0]))
        shifts: dict[str, tuple[datetime, datetime, float]] = {}
        result = []
        for (st, shift_text), (day, number, stop_s, stops, boxes, bad, ideal_s) in lines:
            shift = shifts.get(shift_text)
            if shift is None:
                shift_start = parse_utc(shift_text)
                shift = shifts[shift_text] = (shift_start, *self._planned_s(shift_start, now))
            result.append(ShiftOee(st, shift[0], shift[1], day, number, stops,
                                   figures(shift[2], stop_s, ideal_s, boxes, boxes - bad)))
        return result

    def days(self, start: datetime, end: datetime, station: str | None = None,
             now: datetime | None = None) -> list[DayOee]:
        """Per station and local day (the day a shift started on): its shifts together."""
        grouped: dict[tuple[str, str], list[Oee]] = {}
        for row in self.shifts(start, end, station, now):
            grouped.setdefault((row.day, row.station), []).append(row.figures)
        return [DayOee(day, st, combine(parts)) for (day, st), parts in sorted(grouped.items())]

    def trend(self, start: datetime, end: datetime, now: datetime | None = None
              ) -> list[DayOee]:
        """The site's OEE per local day of [start, end): every active station-shift together.
        Reads one row per shift and per day and size, whatever the number of stations."""
        now = now or self.clock.now()
        low, high = format_utc(start), format_utc(end)
        settings = self.catalog().downtime
        planned: dict[str, float] = {}
        downtime: dict[str, float] = {}
        with self.database.read() as connection:
            for shift_text, day, stations, stop_s in view_oee_reads.shift_totals(connection, low,
                                                                           high):
                _end, seconds = self._planned_s(parse_utc(shift_text), now)
                planned[day] = planned.get(day, 0.0) + stations * seconds
                downtime[day] = downtime.get(day, 0.0) + (stop_s or 0.0)
            output: dict[str, dict[str, Output]] = {}
            edges, days = self._cover(start, end)
            rows = [] if days is None else view_oee_reads.site_day_output(connection, *days)
            for edge_start, edge_end in edges:
                rows += view_oee_reads.day_output(connection, format_utc(edge_start),
                                            format_utc(edge_end))
            for day, size, boxes, bad in rows:
                sums = output.setdefault(day, {})
                known = sums.get(size, Output(0, 0))
                sums[size] = Output(known.boxes + boxes, known.rejected + bad)
            opened = self._open_pieces(connection, start, end, now, None)
        for _stop, piece in opened:
            downtime[piece.day] = downtime.get(piece.day, 0.0) + piece.seconds
        return [DayOee(day, None, oee(planned[day], downtime.get(day, 0.0),
                                      output.get(day, {}), settings))
                for day in sorted(planned)]

    def pareto(self, start: datetime, end: datetime, station: str | None = None,
               now: datetime | None = None) -> list[tuple[str, float, int]]:
        """(reason, downtime seconds, stops) in the shifts of [start, end), open stops up to
        now included, most downtime first; reason "" is unqualified."""
        now = now or self.clock.now()
        totals: dict[str, list[float]] = {}
        with self.database.read() as connection:
            edges, days = ([(start, end)], None) if station else self._cover(start, end)
            rows = [] if days is None else view_oee_reads.site_day_reasons(connection, *days)
            for edge_start, edge_end in edges:
                rows += view_oee_reads.reason_totals(connection, format_utc(edge_start),
                                               format_utc(edge_end), station)
            for reason, seconds, stops in rows:
                entry = totals.setdefault(reason, [0.0, 0])
                entry[0] += seconds or 0.0
                entry[1] += stops or 0
            opened = self._open_pieces(connection, start, end, now, station)
        for stop, piece in opened:
            entry = totals.setdefault(stop["reason"] or "", [0.0, 0])
            entry[0] += piece.seconds
            if piece.start == parse_utc(stop["started_at"]):
                entry[1] += 1
        return sorted(((r, s, int(n)) for r, (s, n) in totals.items() if s > 0.5 or n > 0),
                      key=lambda item: (-item[1], item[0]))

    # -- the rows behind a number --------------------------------------------------------------

    def stops(self, start: datetime, end: datetime, station: str | None = None
              ) -> list[dict[str, Any]]:
        with self.database.read() as connection:
            return view_oee_reads.stops_between(connection, format_utc(start), format_utc(end),
                                          station)

    def records(self, station: str, start: datetime, end: datetime, limit: int = 5000
                ) -> list[dict[str, Any]]:
        """The station's current records of [start, end) (voided ones too, marked)."""
        columns = ("record_id", "recorded_at", "lot", "box", "size", "rej1_defect",
                   "rej2_defect", "rej3_defect", "operator", "status", "version")
        with self.database.read() as connection:
            rows = connection.exec_driver_sql(
                f"SELECT {', '.join(columns)} FROM view_records WHERE station_id = ? AND "
                "recorded_at >= ? AND recorded_at < ? ORDER BY recorded_at LIMIT ?",
                (station, format_utc(start), format_utc(end), limit)).fetchall()
        return [dict(zip(columns, row)) for row in rows]
