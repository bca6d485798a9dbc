"""Counting records into the site view's aggregates: a record's share of the dashboard's counts
(per level, bucket and station) and of the Insights' sums, and the repeated-defect runs around a
changed stretch of a station's records. Used by the writer (data/view_store.py) on ingest and by
the readers that count a partial bucket's records themselves (view_figures, view_insights).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from config.catalog import NO_REJECTION
from data.view_buckets import Buckets

RUN_CHUNK = 64  # records read at a time around a changed stretch of a station's records
ORDER_COLUMNS = "recorded_at, record_id, rej1_defect, rej2_defect, rej3_defect"


def count_record(record: dict[str, Any], sign: int, buckets: Buckets, counts: dict,
                 defects: dict) -> None:
    """Add (sign 1) or take away (-1) one active record's share of the aggregates: per
    (level, bucket, station) boxes, CAM sums and counts and boxes per local hour of day (hours,
    days, months); per (level, bucket, station, defect, location) rejections (and years)."""
    if record.get("status") != "active" or not record.get("recorded_at"):
        return
    station = record["station_id"]
    try:
        hour_bucket, day_bucket, month_bucket, year_bucket, hour = buckets.of(
            record["recorded_at"])
    except ValueError:  # a date that does not exist: listed, but counted nowhere
        return
    cam_d, cam_w = record.get("cam_d"), record.get("cam_w")
    rejections = [(record.get(f"rej{i}_defect"), record.get(f"rej{i}_location") or "")
                  for i in range(1, 4)]
    rejections = [(d, l) for d, l in rejections if d and d != NO_REJECTION]
    for level, bucket in (("H", hour_bucket), ("D", day_bucket), ("M", month_bucket)):
        key = (level, bucket, station)
        values = counts.get(key)
        if values is None:
            values = counts[key] = [0, 0.0, 0, 0.0, 0] + [0] * 24
        values[0] += sign
        if cam_d is not None:
            values[1] += sign * cam_d
            values[2] += sign
        if cam_w is not None:
            values[3] += sign * cam_w
            values[4] += sign
        values[5 + hour] += sign
        for defect, location in rejections:
            defect_key = (level, bucket, station, defect, location)
            defects[defect_key] = defects.get(defect_key, 0) + sign
    for defect, location in rejections:
        defect_key = ("Y", year_bucket, station, defect, location)
        defects[defect_key] = defects.get(defect_key, 0) + sign


def defects_of(record: dict[str, Any]) -> set[str]:
    """The defects a record's rejections name (N/A and empty left out)."""
    return {d for d in (record.get("rej1_defect"), record.get("rej2_defect"),
                        record.get("rej3_defect")) if d and d != NO_REJECTION}


def count_insight(record: dict[str, Any], sign: int, buckets: Buckets, sums: dict,
                  defect_boxes: dict) -> None:
    """Add (sign 1) or take away (-1) one active record's share of the Insights' hour sums:
    per ("H", hour bucket, station, shift) the INSIGHT_SUMS; per ("H", hour bucket, station,
    defect) the box once when any of its rejections names the defect. `roll_up` adds the
    days, months and years (per shift, in agg_insight) and gives the weeks (every shift together,
    agg_insight_weeks): every record of an hour is in one day, week, month and shift."""
    if record.get("status") != "active" or not record.get("recorded_at"):
        return
    try:
        hour_bucket, _day, _week, _month, _year, shift = buckets.insight_of(
            record["recorded_at"])
    except ValueError:  # a date that does not exist: listed, but counted nowhere
        return
    station = record["station_id"]
    cam_d, cam_w = record.get("cam_d"), record.get("cam_w")
    key = ("H", hour_bucket, station, shift)
    values = sums.get(key)
    if values is None:
        values = sums[key] = [0, 0, 0, 0.0, 0.0, 0, 0.0, 0.0]
    values[0] += sign
    if cam_d is not None or cam_w is not None:
        values[1] += sign
    if cam_d is not None:
        values[2] += sign
        values[3] += sign * cam_d
        values[4] += sign * cam_d * cam_d
    if cam_w is not None:
        values[5] += sign
        values[6] += sign * cam_w
        values[7] += sign * cam_w * cam_w
    for defect in defects_of(record):
        defect_key = ("H", hour_bucket, station, defect)
        defect_boxes[defect_key] = defect_boxes.get(defect_key, 0) + sign


def roll_up(buckets: Buckets, sums: dict, defect_boxes: dict) -> dict:
    """Add each hour's sums (count_insight) to its day's, month's and year's (per shift, as
    the hours), and its boxes per defect to its day's, month's and year's. Returns the weeks'
    sums of every shift together, per (station, week bucket): what agg_insight_weeks keeps."""
    weeks: dict[tuple[str, str], list] = {}
    for key, values in list(sums.items()):
        _hour, day, week, month, year, _shift = buckets.insight_of(key[1])
        for level, bucket in (("D", day), ("M", month), ("Y", year)):
            upper = sums.setdefault((level, bucket, key[2], key[3]),
                                    [0, 0, 0, 0.0, 0.0, 0, 0.0, 0.0])
            for index, value in enumerate(values):
                upper[index] += value
        upper = weeks.setdefault((key[2], week), [0, 0, 0, 0.0, 0.0, 0, 0.0, 0.0])
        for index, value in enumerate(values):
            upper[index] += value
    for key, count in list(defect_boxes.items()):
        _hour, day, _week, month, year, _shift = buckets.insight_of(key[1])
        for level, bucket in (("D", day), ("M", month), ("Y", year)):
            upper_key = (level, bucket, key[2], key[3])
            defect_boxes[upper_key] = defect_boxes.get(upper_key, 0) + count
    return weeks


def runs_of(rows: list[tuple], defect: str, length: int = 3
            ) -> list[tuple[tuple[str, str], tuple[str, str], int]]:
    """The maximal runs of `defect` in at least `length` consecutive rows (recorded_at,
    record_id, three defects) in order: (first key, last key, length)."""
    found = []
    start = None
    count = 0
    previous = None
    for row in [*rows, None]:
        if row is not None and defect in row[2:5]:
            if count == 0:
                start = row[:2]
            count += 1
        else:
            if count >= length:
                found.append((start, previous, count))
            count = 0
        previous = None if row is None else row[:2]
    return found


class Neighbours:
    """A station's active records just before (or after) a point of its order, nearest
    first, read RUN_CHUNK at a time as far as a defect keeps going."""

    def __init__(self, db: sqlite3.Connection, station: str, key: tuple[str, str], *,
                 backward: bool):
        self.db, self.station, self.backward = db, station, backward
        self.rows: list[tuple] = []
        self._next = key
        self._done = False

    def having(self, defect: str) -> list[tuple]:
        """The nearest records that all have `defect` (the first one without it stops)."""
        index = 0
        while True:
            while index < len(self.rows):
                if defect not in self.rows[index][2:5]:
                    return self.rows[:index]
                index += 1
            if self._done:
                return self.rows[:index]
            self._read()

    def _read(self) -> None:
        op, order = ("<", "DESC") if self.backward else (">", "")
        rows = self.db.execute(
            f"SELECT {ORDER_COLUMNS} FROM view_records WHERE station_id = ? AND "
            f"status = 'active' AND (recorded_at, record_id) {op} (?, ?) "
            f"ORDER BY recorded_at {order}, record_id {order} LIMIT {RUN_CHUNK}",
            (self.station, *self._next)).fetchall()
        self.rows.extend(rows)
        if len(rows) < RUN_CHUNK:
            self._done = True
        else:
            self._next = rows[-1][:2]
