"""The sums behind the Insights, read from the aggregates the site view keeps on ingest
(data/view_store.py), and the records behind any of its numbers, read only when asked.

A range [start, end) is covered by whole weeks of `agg_insight_weeks`, then days and hours of
`agg_insight` (the partial hours at its ends from the records themselves), for the week
figures and the pieces of the order; by years, months, days and hours for the shifts and the
boxes per defect, and of the dashboard's `agg_defects` for the rejections per defect and
location. A year of a 200-station plant is about 25,000 rows, each
read without grouping or grouped in small sets. What depends on the records' order is read
with indexes, never by a pass over the range's records:

- the half-split: the record at position n // 2 of a station's order is found by walking its
  week, then day, then hour sums and reading the records of one hour (`splits`);
- the 2 σ outliers: mean and σ come from the sums, the records above the threshold are
  counted in the partial indexes on CAM-D and CAM-W (`count_above`);
- the repeated defects: the runs kept on ingest (data/view_runs.py).

How a figure names the records behind it, and reading them: data/view_rows.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Collection, Iterator, NamedTuple, Sequence

from sqlalchemy import Connection

from data.records_repo import RecordFilter
from data.view_buckets import WEEK_LEVELS, YEAR_LEVELS, Buckets
from data.view_repo import iter_records
from data.view_store import AGGREGATES_VERSION, RECORDS_VERSION
from data.view_schema import INSIGHT_SUMS
from data.view_counting import count_insight, count_record
from models.canonical import format_utc, parse_utc

Key = tuple[str, str]  # a record's place in the order: (recorded_at, record_id)
FIRST: Key = ("", "")
SUM_COLUMNS = ", ".join(f"sum({name})" for name in INSIGHT_SUMS)
PLAIN_COLUMNS = ", ".join(INSIGHT_SUMS)
BELOW = {"W": "D", "D": "H"}


def zero() -> list:
    return [0, 0, 0, 0.0, 0.0, 0, 0.0, 0.0]


def add(into: list, values: Sequence) -> list:
    """`into` (kept: callers hold it) plus `values`, item by item, each as into[i] + value:
    both the eight INSIGHT_SUMS. Spelt out: a year's Insights add some forty thousand times,
    and this is 2.6 times as fast as a loop."""
    a0, a1, a2, a3, a4, a5, a6, a7 = into
    v0, v1, v2, v3, v4, v5, v6, v7 = values
    into[:] = (a0 + v0, a1 + v1, a2 + v2, a3 + v3, a4 + v4, a5 + v5, a6 + v6, a7 + v7)
    return into


class Piece(NamedTuple):  # a tuple: a year's site has ten thousand (station, week) pieces
    """A stretch of a station's (or the site's) order: a whole bucket (level H, D or W) or one
    record (level R), with its sums (a list: merging adds into it)."""

    key: Key  # where it starts: (bucket, "") or the record's key
    level: str
    sums: list


@dataclass
class StationSums:
    """Everything summed for one station (or the site) over a range."""

    total: list = field(default_factory=zero)
    shifts: dict[int, list] = field(default_factory=dict)
    weeks: dict[str, list] = field(default_factory=dict)  # week bucket -> sums
    defect_boxes: dict[str, int] = field(default_factory=dict)
    rejections: dict[tuple[str, str], int] = field(default_factory=dict)  # (defect, location)
    pieces: dict[Key, Piece] = field(default_factory=dict)

    def merge(self, other: "StationSums") -> None:
        add(self.total, other.total)
        for mine, theirs in ((self.shifts, other.shifts), (self.weeks, other.weeks)):
            for key, values in theirs.items():
                add(mine.setdefault(key, zero()), values)
        for key, count in other.defect_boxes.items():
            self.defect_boxes[key] = self.defect_boxes.get(key, 0) + count
        for pair, count in other.rejections.items():
            self.rejections[pair] = self.rejections.get(pair, 0) + count
        for key, piece in other.pieces.items():
            known = self.pieces.get(key)
            if known is None:
                self.pieces[key] = Piece(key, piece.level, list(piece.sums))
            else:
                add(known.sums, piece.sums)


def versions(connection: Connection) -> dict[str, str]:
    """What moves when a station's records change (`records:<station>`) and when every
    aggregate is counted again (`aggregates`): data/view_store.py keeps them."""
    raw = connection.connection.driver_connection
    return dict(raw.execute(
        "SELECT key, value FROM view_meta WHERE key = ? OR (key >= ? AND key < ?)",
        (AGGREGATES_VERSION, RECORDS_VERSION, RECORDS_VERSION[:-1] + ";")))


def station_condition(station: str | None,
                      stations: Collection[str] | None) -> tuple[str, tuple]:
    """The condition (` AND station ...`) and parameters that keep one station's rows, or
    those of `stations`; nothing when both are None."""
    if station is not None and stations is not None:
        raise ValueError("one station or several, not both")
    if station is not None:
        return " AND station = ?", (station,)
    if stations is not None:
        chosen = tuple(sorted(stations))
        return f" AND station IN ({', '.join('?' * len(chosen))})", chosen
    return "", ()


def insight_sums(connection: Connection, buckets: Buckets, start: datetime | None,
                 end: datetime | None, station: str | None = None, *,
                 stations: Collection[str] | None = None) -> dict[str, StationSums]:
    """Per station: totals, shifts, weeks, boxes per defect, rejections per (defect, location)
    and the pieces of its order, over [start, end). Of one `station`, or of `stations` (a
    refresh after their records changed), or of every station."""
    found: dict[str, StationSums] = {}
    if stations is not None and not stations:
        return found
    wanted = None if stations is None else set(stations)

    def of(name: str) -> StationSums:
        sums = found.get(name)
        if sums is None:
            sums = found[name] = StationSums()
        return sums

    week_of: dict[str, str] = {}

    def week(level: str, bucket: str) -> str:
        if level == "W":
            return bucket
        known = week_of.get(bucket)
        if known is None:
            known = week_of[bucket] = format_utc(buckets.floor("W", parse_utc(bucket)))
        return known

    where_station, extra = station_condition(station, stations)
    raw = connection.connection.driver_connection  # thousands of rows: no Core per row
    # Weeks (every shift together: no grouping), then the days and hours at the range's ends.
    cover = buckets.cover(start, end, WEEK_LEVELS)
    for level, low, high in cover.parts:
        if level == "W":
            sql = (f"SELECT station, bucket, {PLAIN_COLUMNS} FROM agg_insight_weeks WHERE "
                   f"bucket >= ? AND bucket < ?{where_station}")
        else:
            sql = (f"SELECT station, bucket, {SUM_COLUMNS} FROM agg_insight WHERE level = "
                   f"'{level}' AND bucket >= ? AND bucket < ?{where_station} "
                   f"GROUP BY station, bucket")
        name: str | None = None
        weeks: dict[str, list] = {}
        pieces: dict[Key, Piece] = {}
        # Rows come grouped by station: its sums are looked up when the station changes.
        for row_station, bucket, *values in raw.execute(sql, (low, high, *extra)):
            if row_station != name:
                name = row_station
                weeks, pieces = of(name).weeks, of(name).pieces
            week_bucket = bucket if level == "W" else week(level, bucket)
            known = weeks.get(week_bucket)
            if known is None:
                weeks[week_bucket] = values[:]  # a copy: the piece keeps `values`
            else:
                add(known, values)
            pieces[(bucket, "")] = Piece((bucket, ""), level, values)
    # Shifts and boxes per defect: years, months, days and hours.
    for level, low, high in buckets.cover(start, end, YEAR_LEVELS).parts:
        params = (level, low, high, *extra)
        for name, shift, *values in raw.execute(
                f"SELECT station, shift, {SUM_COLUMNS} FROM agg_insight WHERE level = ? AND "
                f"bucket >= ? AND bucket < ?{where_station} GROUP BY station, shift", params):
            add(of(name).shifts.setdefault(shift, zero()), values)
        for name, defect, boxes in raw.execute(
                f"SELECT station, defect, sum(boxes) FROM agg_insight_defects WHERE level = ? "
                f"AND bucket >= ? AND bucket < ?{where_station} GROUP BY station, defect",
                params):
            boxes_of = of(name).defect_boxes
            boxes_of[defect] = boxes_of.get(defect, 0) + boxes
    # Rejections per (defect, location): the dashboard's own aggregates (and their years).
    for level, low, high in buckets.cover(start, end, YEAR_LEVELS).parts:
        for name, defect, location, count in raw.execute(
                f"SELECT station, defect, location, sum(rejections) FROM agg_defects WHERE "
                f"level = ? AND bucket >= ? AND bucket < ?{where_station} "
                f"GROUP BY station, defect, location", (level, low, high, *extra)):
            rejections = of(name).rejections
            rejections[(defect, location)] = rejections.get((defect, location), 0) + count
    # The partial hours at the ends: their records, each a piece of its own.
    for low, high in cover.raw:
        for record in _records(connection, low, high, station):
            if wanted is not None and record["station_id"] not in wanted:
                continue
            sums = of(record["station_id"])
            values = record_sums(record, buckets)
            if values is None:
                continue
            shift, week_bucket, values = values
            add(sums.shifts.setdefault(shift, zero()), values)
            add(sums.weeks.setdefault(week_bucket, zero()), values)
            key = (record["recorded_at"], record["record_id"])
            sums.pieces[key] = Piece(key, "R", values)
            boxes: dict = {}
            count_insight(record, 1, buckets, {}, boxes)
            for (_level, _b, _s, defect), count in boxes.items():
                sums.defect_boxes[defect] = sums.defect_boxes.get(defect, 0) + count
    for low, high in cover.raw:  # every cover's partial hours are the same
        for record in _records(connection, low, high, station):
            if wanted is not None and record["station_id"] not in wanted:
                continue
            counts: dict = {}
            defects: dict = {}
            count_record(record, 1, buckets, counts, defects)
            rejections = of(record["station_id"]).rejections
            for (level, _b, _s, defect, location), count in defects.items():
                if level == "H":
                    rejections[(defect, location)] = rejections.get((defect, location), 0) + count
    # Every record is in one shift: the totals are the shifts' (a few per station, where the
    # weeks are fifty).
    for sums in found.values():
        for values in sums.shifts.values():
            add(sums.total, values)
    return {name: sums for name, sums in found.items() if sums.total[0] > 0}


def record_sums(record: dict[str, Any], buckets: Buckets) -> tuple[int, str, list] | None:
    """(shift, week bucket, sums) of one active record, as ingest counts it; None when it
    counts nowhere."""
    sums: dict = {}
    count_insight(record, 1, buckets, sums, {})
    for (_level, bucket, _station, shift), values in sums.items():
        return shift, buckets.insight_of(bucket)[2], values
    return None


def _records(connection: Connection, low: str, high: str, station: str | None
             ) -> Iterator[dict[str, Any]]:
    return iter_records(connection, RecordFilter(start=parse_utc(low), end=parse_utc(high),
                                                 station_id=station, include_voided=False))


# -- the half-split ---------------------------------------------------------------------------

def splits(connection: Connection, buckets: Buckets, figures: dict[str | None, StationSums],
           positions: dict[str | None, int]) -> dict[str | None, tuple[Key, list]]:
    """For each station (None: the site, whose pieces are every station's together), the key
    of the record at `positions[station]` (0-based) of its order and the sums of every record
    before it. Each walks its pieces to the one holding that record, then that piece's finer
    pieces (days of a week, hours of a day, the records of an hour) until it is one record.
    The finer pieces are read once per bucket for every station that needs it: the stations of
    a plant mostly split in the same week, day and hour."""
    # Pieces sort by their key (unique in a station): no key function for ten thousand of them.
    state = {name: (sorted(figures[name].pieces.values()),
                    position, zero()) for name, position in positions.items()
             if position < figures[name].total[0]}
    found: dict[str | None, tuple[Key, list]] = {}
    raw = connection.connection.driver_connection
    while state:
        wanted: dict[tuple[str, str], list[str | None]] = {}
        for name, (pieces, position, before) in state.items():
            for piece in pieces:
                if position < piece.sums[0]:
                    break
                position -= piece.sums[0]
                add(before, piece.sums)
            else:  # the sums and the pieces disagree (cannot happen): no split
                piece = None
            if piece is None or piece.level == "R":
                if piece is not None:
                    found[name] = (piece.key, before)
                continue
            state[name] = (pieces, position, before)
            wanted.setdefault((piece.level, piece.key[0]), []).append(name)
        state = {name: state[name] for names in wanted.values() for name in names}
        for (level, bucket), names in wanted.items():
            stations = [name for name in names if name is not None]
            finer = _inside(raw, buckets, level, bucket, stations) if stations else {}
            for name in stations:
                state[name] = (finer.get(name, []), state[name][1], state[name][2])
            if None in names:
                state[None] = (_inside_site(raw, buckets, level, bucket, finer, stations),
                               state[None][1], state[None][2])
    return found


def _inside(raw, buckets: Buckets, level: str, bucket: str, stations: list[str]
            ) -> dict[str, list[Piece]]:
    """Per station (of `stations`), the pieces one level finer that make up a bucket, in
    order: days of a week, hours of a day, the records of an hour."""
    end = format_utc(buckets.next(level, parse_utc(bucket)))
    found: dict[str, list[Piece]] = {}
    chosen = tuple(stations)
    only = f" AND {'station' if level in BELOW else 'station_id'} IN " \
           f"({', '.join('?' * len(chosen))})"
    if level in BELOW:
        finer = BELOW[level]
        for name, start, *values in raw.execute(
                f"SELECT station, bucket, {SUM_COLUMNS} FROM agg_insight WHERE level = ? AND "
                f"bucket >= ? AND bucket < ?{only} GROUP BY station, bucket ORDER BY bucket",
                (finer, bucket, end, *chosen)):
            found.setdefault(name, []).append(Piece((start, ""), finer, values))
        return found
    for name, recorded_at, record_id, cam_d, cam_w in raw.execute(
            f"SELECT station_id, recorded_at, record_id, cam_d, cam_w FROM view_records "
            f"WHERE status = 'active' AND recorded_at >= ? AND recorded_at < ?{only} "
            f"ORDER BY recorded_at, record_id", (bucket, end, *chosen)):
        found.setdefault(name, []).append(Piece((recorded_at, record_id), "R",
                                                _one(cam_d, cam_w)))
    return found


def _inside_site(raw, buckets: Buckets, level: str, bucket: str,
                 per_station: dict[str, list[Piece]], stations: list[str]) -> list[Piece]:
    """The site's pieces one level finer that make up a bucket, in order: every station's
    days of a week (or hours of a day) summed in SQL, or every record of an hour. The
    stations' records of that hour already read (`per_station`, of `stations`) are not read
    again."""
    end = format_utc(buckets.next(level, parse_utc(bucket)))
    if level in BELOW:
        finer = BELOW[level]
        return [Piece((start, ""), finer, values) for start, *values in raw.execute(
            f"SELECT bucket, {SUM_COLUMNS} FROM agg_insight WHERE level = ? AND bucket >= ? "
            f"AND bucket < ? GROUP BY bucket ORDER BY bucket", (finer, bucket, end))]
    others = ""
    if stations:
        others = f" AND station_id NOT IN ({', '.join('?' * len(stations))})"
    pieces = [piece for name in stations for piece in per_station.get(name, [])]
    pieces += [Piece((recorded_at, record_id), "R", _one(cam_d, cam_w))
               for recorded_at, record_id, cam_d, cam_w in raw.execute(
                   f"SELECT recorded_at, record_id, cam_d, cam_w FROM view_records WHERE "
                   f"status = 'active' AND recorded_at >= ? AND recorded_at < ?{others}",
                   (bucket, end, *stations))]
    pieces.sort()  # by key: every record is one piece, its key unique
    return pieces


def _one(cam_d: float | None, cam_w: float | None) -> list:
    """One record's sums (as count_insight adds them)."""
    d, w = cam_d is not None, cam_w is not None
    return [1, int(d or w), int(d), cam_d if d else 0.0, cam_d * cam_d if d else 0.0,
            int(w), cam_w if w else 0.0, cam_w * cam_w if w else 0.0]


# -- the 2 σ outliers -------------------------------------------------------------------------

def count_above(connection: Connection, measure: str, thresholds: dict[str, float],
                start: datetime | None, end: datetime | None, *,
                other: dict[str, float] | None = None) -> dict[str, tuple[int, int]]:
    """Per station, its active records in [start, end) whose `measure` ("cam_d" or "cam_w") is
    above its threshold, and how many of those have a CAM-W above the station's threshold in
    `other` (with measure "cam_d" only: the index holds CAM-W beside it; 0 for a station
    without one), counted in the measure's index in one pass. Stations with none: (0, 0)."""
    if other is not None and measure != "cam_d":
        raise ValueError("both measurements are counted from the CAM-D index")
    conditions, times = _time_conditions("r", start, end)
    both = "coalesce(sum(r.cam_w > ?), 0)" if other is not None else "0"
    # One statement per station (the same text: prepared once), not one for all stations:
    # an aggregate over one index range needs no grouping, which costs more than the calls.
    sql = (f"SELECT count(*), {both} FROM view_records AS r INDEXED BY "
           f"ix_view_records_{measure} WHERE r.station_id = ? AND r.status = 'active' AND "
           f"r.{measure} > ?{conditions}")
    raw = connection.connection.driver_connection
    found: dict[str, tuple[int, int]] = {}
    for name, threshold in thresholds.items():
        params = (name, threshold, *times)
        if other is not None:
            params = (other.get(name), *params)
        above, above_both = raw.execute(sql, params).fetchone()
        found[name] = (above, above_both)
    return found


def _time_conditions(alias: str, start: datetime | None, end: datetime | None
                     ) -> tuple[str, tuple]:
    text, params = "", ()
    if start is not None:
        text += f" AND {alias}.recorded_at >= ?"
        params += (format_utc(start),)
    if end is not None:
        text += f" AND {alias}.recorded_at < ?"
        params += (format_utc(end),)
    return text, params
