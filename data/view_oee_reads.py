"""Reading the site view's downtime and OEE figures (kept on ingest by data/view_oee.py): a
station's shifts, output, stops and their reasons over a range, and the stops still open.
"""

from __future__ import annotations

from typing import Any


def _query(db: Any, sql: str, params: tuple) -> list[tuple]:
    """Rows as plain tuples, from a SQLAlchemy connection (the readers) or the writer's sqlite3
    one. A reader's query runs on its driver connection, inside the same read transaction:
    the OEE tab reads thousands of rows, and wrapping each in a SQLAlchemy Row cost as much
    as SQLite's own work."""
    raw = getattr(getattr(db, "connection", None), "driver_connection", None)
    rows = (raw if raw is not None else db).execute(sql, params).fetchall()
    return rows if not rows or type(rows[0]) is tuple else [tuple(row) for row in rows]


def shift_lines(db: Any, low: str, high: str, ideal_seconds: dict[str, float], default_s: float,
                station: str | None = None) -> list[tuple]:
    """(station, shift_start, day, shift_no, stop_s, stops, boxes, rejected, ideal_s) of the
    shifts starting in [low, high) in which the station recorded anything, oldest first, with
    ideal_s = Σ boxes × the ideal seconds of their size (`ideal_seconds` per size the catalog
    names, `default_s` for the others): one query, so the OEE tab's thousands of lines cost no
    Python loop over sizes. oee_shift keeps each shift's boxes summed over its sizes; only
    when the catalog names sizes is oee_output read, through its key, per line."""
    where = " AND s.station = ?" if station else ""
    if ideal_seconds:
        case = "CASE size " + "WHEN ? THEN ? " * len(ideal_seconds) + "ELSE ? END"
        ideal = (f"(SELECT coalesce(sum(boxes * {case}), 0.0) FROM oee_output AS o "
                 "WHERE o.station = s.station AND o.shift_start = s.shift_start)")
        ideal_params: tuple = (*(v for pair in ideal_seconds.items() for v in pair), default_s)
    else:
        ideal, ideal_params = "s.boxes * ?", (default_s,)
    return _query(db,
        "SELECT s.station, s.shift_start, s.day, s.shift_no, s.stop_s, s.stops, s.boxes, "
        f"s.rejected, {ideal} FROM oee_shift AS s WHERE s.shift_start >= ? AND "
        "s.shift_start < ? AND (s.boxes != 0 OR s.stops != 0 OR s.stop_s > 0)" + where +
        " ORDER BY s.shift_start, s.station",
        (*ideal_params, low, high, *((station,) if station else ())))


# The two ranges the readers below take: the shifts that start in [low, high), and local days
# first_day..last_day, both included (ISO dates).
_SHIFTS = "shift_start >= ? AND shift_start < ?"
_DAYS = "day >= ? AND day <= ?"


def shift_totals(db: Any, low: str, high: str) -> list[tuple]:
    """(shift_start, day, stations with activity, stop seconds) per shift, for the site."""
    return _query(db, f"SELECT shift_start, day, stations, stop_s FROM oee_site_shift WHERE "
                      f"{_SHIFTS} AND stations > 0 ORDER BY shift_start", (low, high))


def site_day_output(db: Any, first_day: str, last_day: str) -> list[tuple]:
    """(day, size, boxes, rejected) for the site, days first_day..last_day (local dates)."""
    return _query(db, f"SELECT day, size, boxes, rejected FROM oee_site_output WHERE {_DAYS} "
                      "AND boxes != 0", (first_day, last_day))


def site_day_reasons(db: Any, first_day: str, last_day: str) -> list[tuple]:
    """(reason, seconds, stops) for the site over days first_day..last_day."""
    return _query(db, f"SELECT reason, sum(seconds), sum(stops) FROM oee_site_reason WHERE "
                      f"{_DAYS} GROUP BY reason", (first_day, last_day))


def day_output(db: Any, low: str, high: str) -> list[tuple]:
    """(day, size, boxes, rejected) for the site, per local day of the shifts in [low, high)."""
    return _query(db, f"SELECT day, size, sum(boxes), sum(rejected) FROM oee_output WHERE "
                      f"{_SHIFTS} GROUP BY day, size", (low, high))


def reason_totals(db: Any, low: str, high: str, station: str | None = None
                  ) -> list[tuple[str, float, int]]:
    """(reason, downtime seconds, stops) of closed stops in the shifts in [low, high), most
    downtime first ("" = unqualified)."""
    where = " AND station = ?" if station else ""
    return _query(db,
        f"SELECT reason, sum(seconds), sum(stops) FROM oee_reason WHERE {_SHIFTS}" + where +
        " GROUP BY reason HAVING sum(seconds) > 0.5 OR sum(stops) > 0 ORDER BY 2 DESC, 1",
        (low, high, *((station,) if station else ())))


STOP_COLUMNS = ("station", "stop_id", "started_at", "ended_at", "breaks", "size", "reason",
                "note", "opened_by", "classified_by", "classified_at")


def stops_between(db: Any, low: str, high: str, station: str | None = None,
                  limit: int = 5000) -> list[dict[str, Any]]:
    """Stops overlapping [low, high) (open ones included), oldest first."""
    where = " AND station = ?" if station else ""
    rows = _query(db,
        f"SELECT {', '.join(STOP_COLUMNS)} FROM oee_stops WHERE started_at IS NOT NULL AND "
        "started_at < ? AND (ended_at IS NULL OR ended_at > ?)" + where +
        " ORDER BY started_at, station LIMIT ?",
        (high, low, *((station,) if station else ()), limit))
    return [dict(zip(STOP_COLUMNS, row)) for row in rows]


def open_stops(db: Any) -> list[dict[str, Any]]:
    """Every stop not closed yet (at most a few per station)."""
    rows = _query(db, f"SELECT {', '.join(STOP_COLUMNS)} FROM oee_stops WHERE ended_at IS NULL "
                      "AND started_at IS NOT NULL ORDER BY started_at", ())
    return [dict(zip(STOP_COLUMNS, row)) for row in rows]
