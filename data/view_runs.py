"""The repeated-defect runs behind the Insights: every maximal run of one defect in 3 or more
consecutive active records of a station, kept on ingest (agg_runs, data/view_store.py) and
read here, each cut to the range asked for."""

from __future__ import annotations

from datetime import datetime
from typing import Collection, NamedTuple

from sqlalchemy import Connection

from data.view_insights import Key, station_condition
from models.canonical import format_utc


class Run(NamedTuple):  # a tuple: a year of a 200-station plant keeps tens of thousands
    """A run as agg_runs keeps it: flat (one object a run, made from its row as it is read)."""

    station: str
    defect: str
    first_at: str
    first_id: str
    last_at: str
    last_id: str
    length: int

    @property
    def first(self) -> Key:
        return self.first_at, self.first_id

    @property
    def last(self) -> Key:
        return self.last_at, self.last_id


def runs(connection: Connection, start: datetime | None, end: datetime | None,
         station: str | None = None, *, stations: Collection[str] | None = None) -> list[Run]:
    """The repeated-defect runs of [start, end): the runs kept on ingest, each cut to the
    range (a run crossing an end counts only its records inside; under 3 it is no run). Of
    one `station`, of `stations`, or of every station."""
    if stations is not None and not stations:
        return []
    conditions, params = [], []
    if start is not None:
        conditions.append("last_at >= ?")
        params.append(format_utc(start))
    if end is not None:
        conditions.append("first_at < ?")
        params.append(format_utc(end))
    only, chosen = station_condition(station, stations)
    if only:
        conditions.append(only.removeprefix(" AND "))
        params.extend(chosen)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    found = []
    low = None if start is None else format_utc(start)
    high = None if end is None else format_utc(end)
    raw = connection.connection.driver_connection  # tens of thousands of rows: no Core per row
    rows = raw.execute(
        f"SELECT station, defect, first_at, first_id, last_at, last_id, length FROM agg_runs"
        f"{where} ORDER BY station, first_at, first_id, defect", tuple(params))
    if low is None and high is None:  # nothing to cut (a year's site: nineteen thousand runs)
        return list(map(Run._make, rows))
    for row in rows:
        run = Run._make(row)
        if (low is not None and run.first_at < low) or (high is not None
                                                        and run.last_at >= high):
            cut = _cut(connection, run, low, high)
            if cut is None:
                continue
            run = cut
        if run.length >= 3:
            found.append(run)
    return found


def _cut(connection: Connection, run: Run, low: str | None, high: str | None) -> Run | None:
    """The part of a run inside [low, high)."""
    keys = [tuple(row) for row in connection.exec_driver_sql(
        "SELECT recorded_at, record_id FROM view_records WHERE station_id = ? AND "
        "status = 'active' AND (recorded_at, record_id) BETWEEN (?, ?) AND (?, ?) "
        "ORDER BY recorded_at, record_id", (run.station, *run.first, *run.last))
        if (low is None or row[0] >= low) and (high is None or row[0] < high)]
    if not keys:
        return None
    return Run(run.station, run.defect, *keys[0], *keys[-1], len(keys))
