"""The dashboard's figures over any range, from the aggregates the site view keeps on ingest
(data/view_store.py): whole months, days and hours inside the range from `agg_counts` and
`agg_defects`, the partial hours at its ends from the records themselves. A year of a large
plant is a few thousand aggregate rows, never millions of records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, func, select

from data import view_schema
from data.records_repo import RecordFilter
from data.view_buckets import Buckets
from data.view_repo import iter_records
from data.view_counting import count_record
from models.canonical import parse_utc

A = view_schema.agg_counts
D = view_schema.agg_defects
HOUR_COLUMNS = [A.c[name] for name in view_schema.HOURS]


@dataclass
class SiteCounts:
    """Sums over a range: per station [boxes, CAM-D sum, CAM-D count, CAM-W sum, CAM-W count],
    rejections per defect and per (defect, location), boxes per local hour of day, and boxes
    of the latest hours that have any (newest first: (hour bucket start, boxes))."""

    stations: dict[str, list] = field(default_factory=dict)
    defects: dict[str, int] = field(default_factory=dict)
    locations: dict[tuple[str, str], int] = field(default_factory=dict)
    hours: list[int] = field(default_factory=lambda: [0] * 24)
    recent_hours: list[tuple[str, int]] = field(default_factory=list)

    @property
    def boxes(self) -> int:
        return sum(values[0] for values in self.stations.values())


def site_counts(connection: Connection, buckets: Buckets, start: datetime | None,
                end: datetime | None, station: str | None = None, *,
                recent_hours: int = 0) -> SiteCounts:
    """Every figure of the dashboard for [start, end) (None: open), one station or all."""
    counts = SiteCounts()
    cover = buckets.cover(start, end)
    for level, low, high in cover.parts:
        # Summed by SQLite, one row per station and per (defect, location): a year of 200
        # stations is ~146,000 aggregate rows, and fetching each into Python took most of the
        # dashboard's refresh (1.1 s of 1.1 s profiled on the full-year site).
        query = select(A.c.station, *(func.sum(column) for column in (
            A.c.boxes, A.c.cam_d_sum, A.c.cam_d_n, A.c.cam_w_sum, A.c.cam_w_n, *HOUR_COLUMNS))
        ).where(A.c.level == level, A.c.bucket >= low, A.c.bucket < high).group_by(A.c.station)
        if station:
            query = query.where(A.c.station == station)
        for row in connection.execute(query):
            _add_station(counts, row[0], row[1:6])
            hours = counts.hours
            for index, value in enumerate(row[6:]):
                hours[index] += value
        defect_query = select(D.c.defect, D.c.location, func.sum(D.c.rejections)).where(
            D.c.level == level, D.c.bucket >= low, D.c.bucket < high
        ).group_by(D.c.defect, D.c.location)
        if station:
            defect_query = defect_query.where(D.c.station == station)
        for defect, location, rejections in connection.execute(defect_query):
            counts.defects[defect] = counts.defects.get(defect, 0) + rejections
            pair = (defect, location)
            counts.locations[pair] = counts.locations.get(pair, 0) + rejections
    raw_hours: dict[str, int] = {}
    for low, high in cover.raw:
        _add_raw(connection, buckets, counts, raw_hours, low, high, station)
    if recent_hours:
        counts.recent_hours = _recent_hours(connection, cover, raw_hours, station, recent_hours)
    _drop_empty(counts)
    return counts


def _add_station(counts: SiteCounts, station: str, values) -> None:
    known = counts.stations.get(station)
    if known is None:
        counts.stations[station] = list(values)
    else:
        for index, value in enumerate(values):
            known[index] += value


def _add_raw(connection: Connection, buckets: Buckets, counts: SiteCounts,
             raw_hours: dict[str, int], low: str, high: str, station: str | None) -> None:
    """The records of a partial hour, counted as ingest counts them."""
    record_filter = RecordFilter(start=parse_utc(low), end=parse_utc(high), station_id=station,
                                 include_voided=False)
    hour_counts: dict = {}
    defects: dict = {}
    for record in iter_records(connection, record_filter):
        count_record(record, 1, buckets, hour_counts, defects)
    for (level, bucket, station_id), values in hour_counts.items():
        if level != "H":
            continue
        _add_station(counts, station_id, values[:5])
        for index, value in enumerate(values[5:]):
            counts.hours[index] += value
        raw_hours[bucket] = raw_hours.get(bucket, 0) + values[0]
    for (level, _bucket, _station, defect, location), value in defects.items():
        if level != "H":
            continue
        counts.defects[defect] = counts.defects.get(defect, 0) + value
        counts.locations[(defect, location)] = counts.locations.get((defect, location), 0) + value


def _recent_hours(connection: Connection, cover, raw_hours: dict[str, int], station: str | None,
                  limit: int) -> list[tuple[str, int]]:
    """The latest `limit` hour buckets with boxes in the range, newest first: the hour rows
    read backwards from the range's end (a few hundred rows, not the whole range)."""
    found: dict[str, int] = dict(raw_hours)  # the partial hours at the ends
    if not cover.parts:
        return sorted(((b, n) for b, n in found.items() if n > 0), reverse=True)[:limit]
    # The whole hours between them (every part is whole buckets; their hour rows exist).
    low = min(part[1] for part in cover.parts)
    high = max(part[2] for part in cover.parts)
    query = (select(A.c.bucket, A.c.boxes).where(A.c.level == "H", A.c.bucket >= low,
                                                 A.c.bucket < high, A.c.boxes > 0)
             .order_by(A.c.bucket.desc()))
    if station:
        query = query.where(A.c.station == station)
    for bucket, boxes in connection.execute(query):
        if bucket not in found and len(found) >= limit:
            break
        found[bucket] = found.get(bucket, 0) + boxes
    ordered = sorted(((b, n) for b, n in found.items() if n > 0), reverse=True)
    return ordered[:limit]


def _drop_empty(counts: SiteCounts) -> None:
    """Rows of stations whose records were all voided or corrected away count nothing."""
    counts.stations = {s: v for s, v in counts.stations.items() if v[0] > 0}
    counts.defects = {d: n for d, n in counts.defects.items() if n > 0}
    counts.locations = {p: n for p, n in counts.locations.items() if n > 0}

