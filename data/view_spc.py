"""SPC in the site view: the frozen baselines, the Western Electric signals of every point
and each chart's open signal, kept on ingest (a `ViewExtension`, data/view_extensions.py).

A chart is one station, size and measurement (CAM-D or CAM-W). Its points are the station's
active records of that size with that measurement, in the records' order (recorded_at,
record_id), from its baseline's start on. Its limits are those of its newest frozen baseline
(a `spc.baseline.freeze` event: an admin's act, audited on the PC where it was made and carried
by that PC's journal like any event). The freeze is a document signed with the admin's own key
(utils/mes/spc_service.py); it counts only when that signature is a key the site directory
certified for an admin (`PersonSignatures`, data/view_extensions.py), so a PC's key, copied,
cannot freeze anything; its signed time (`frozen_at`) orders the baselines, and the same signed
freeze taken twice is a replay, refused.

What is kept, and why it is enough for a refresh that reads a handful of rows:

- `spc_baselines`  every freeze (the newest per chart is in force);
- `spc_signals`    the points that broke a rule, with the rules: judged again only around the
                   records that changed (a point's rules look at the 7 points before it, so a
                   change can only alter the flags of the 7 points after it) and wholly when a
                   new baseline arrives;
- `spc_charts`     every (station, size) with records, for the tab's chooser: the number of
                   records whose current version has it (a correction of the size moves one
                   from the old chart to the new, and a chart left with none leaves the list,
                   whichever of the two versions a PC reads first);
- `spc_status`     per chart its last point and the rules broken among its last 8 points (the
                   fleet alarm: open while one of them broke a rule; 8 in-control points later
                   the chart is back in control and the alarm clears).

The body of a freeze comes from a journal the view certified, but its content is still someone's
input: types and ranges are checked (its times as a record's: models/record_checks.py) and a
bad one is refused with a WARNING line, the station's anomaly (data/view_extensions.py
`Refusals`).
"""

from __future__ import annotations

import logging
import math
import sqlite3
from dataclasses import dataclass
from typing import Any, Iterator, Sequence

from sqlalchemy import Column, Float, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from config.constants import Permission
from config.spc import SPC_MEASUREMENTS
from data.schema import identifier, timestamp
from data.view_buckets import Buckets
from data.view_extensions import (
    NoSignatures, PersonSignatures, RecordChange, Refusals, signed_shape_problem,
)
from data.view_schema import clustered, metadata, place
from models.bounded_json import parse_json
from models.canonical import format_utc, parse_utc
from models.record_checks import record_time_errors
from models.spc import CONTEXT, Limits, flag

log = logging.getLogger(__name__)

FREEZE_ACTION = "spc.baseline.freeze"
FREEZE_KIND = "spc_baseline_freeze"  # the signed document's kind
STATUS_WINDOW = CONTEXT + 1  # the last points whose signals keep a chart's alarm open
CHUNK = 5000
MAX_POINTS = 10_000_000


def _chart() -> list[Column]:
    """A chart's key (station, size, measurement): the start of every SPC table's key."""
    return [identifier("station"),
            Column("size", String(20), nullable=False),
            Column("measurement", String(8), nullable=False)]


spc_baselines = Table(
    "spc_baselines", metadata,
    *_chart(),
    timestamp("frozen_at"),
    identifier("source_station"),
    Column("source_seq", Integer, nullable=False),
    identifier("frozen_by", nullable=True),
    timestamp("start"),  # the baseline's points: [start, end)
    timestamp("end"),
    Column("n", Integer, nullable=False),
    Column("mean", Float, nullable=False),
    Column("mr_bar", Float, nullable=False),
    Column("reason", Text, nullable=True),
    PrimaryKeyConstraint("station", "size", "measurement", "frozen_at", "source_station",
                         "source_seq"),
)

spc_signals = clustered(
    "spc_signals",
    *_chart(),
    timestamp("recorded_at"),
    identifier("record_id"),
    Column("value", Float, nullable=False),
    Column("rules", String(16), nullable=False),  # "1,4"
    key=("station", "size", "measurement", "recorded_at", "record_id"),
)
Index("ix_spc_signals_time", spc_signals.c.recorded_at)

spc_status = Table(
    "spc_status", metadata,
    *_chart(),
    *place("last", nullable=True),
    Column("open_rules", String(16), nullable=True),  # rules among the last 8 points; NULL: none
    timestamp("open_since", nullable=True),  # the oldest of those signals' points
    PrimaryKeyConstraint("station", "size", "measurement"),
)

# Every (station, size) with records: the tab's chooser (a DISTINCT over a year of records
# would read them all), with how many records' current versions name it.
spc_charts = Table(
    "spc_charts", metadata,
    identifier("station"),
    Column("size", String(20), nullable=False),
    Column("records", Integer, nullable=False),
    PrimaryKeyConstraint("station", "size"),
)

Chart = tuple[str, str, str]  # station, size, measurement
Key = tuple[str, str]  # a point's place: (recorded_at, record_id)


@dataclass(frozen=True)
class Baseline:
    """The baseline in force on a chart, as frozen."""

    station: str
    size: str
    measurement: str
    frozen_at: str
    frozen_by: str | None
    start: str
    end: str
    limits: Limits
    reason: str | None


def _points_sql(measurement: str, where: str, order: str, limit: str = "") -> str:
    # `measurement` is one of SPC_MEASUREMENTS (checked by every caller): a column name.
    return (f"SELECT recorded_at, record_id, {measurement} FROM view_records "
            f"WHERE station_id = ? AND size = ? AND status = 'active' AND {measurement} IS NOT "
            f"NULL AND {where} ORDER BY recorded_at {order}, record_id {order} {limit}")


def baseline(db: sqlite3.Connection, station: str, size: str, measurement: str
             ) -> Baseline | None:
    row = db.execute(
        "SELECT frozen_at, frozen_by, start, \"end\", n, mean, mr_bar, reason FROM spc_baselines "
        "WHERE station = ? AND size = ? AND measurement = ? "
        "ORDER BY frozen_at DESC, source_station DESC, source_seq DESC LIMIT 1",
        (station, size, measurement)).fetchone()
    if row is None:
        return None
    return Baseline(station, size, measurement, row[0], row[1], row[2], row[3],
                    Limits(row[4], row[5], row[6]), row[7])


def points(db: sqlite3.Connection, station: str, size: str, measurement: str, *,
           start: str = "", end: str | None = None, last: int | None = None
           ) -> list[tuple[str, str, float]]:
    """A chart's points in order: those in [start, end), or the `last` ones from `start` on."""
    if measurement not in SPC_MEASUREMENTS:
        raise ValueError(measurement)
    if last is not None:
        rows = db.execute(_points_sql(measurement, "recorded_at >= ?", "DESC", "LIMIT ?"),
                          (station, size, start, last)).fetchall()
        return [tuple(row) for row in reversed(rows)]
    where, values = "recorded_at >= ?", [station, size, start]
    if end is not None:
        where += " AND recorded_at < ?"
        values.append(end)
    return [tuple(row) for row in db.execute(_points_sql(measurement, where, "ASC"), values)]


def signals(db: sqlite3.Connection, station: str, size: str, measurement: str,
            start: str = "") -> dict[Key, tuple[int, ...]]:
    return {(at, rid): tuple(int(r) for r in rules.split(",")) for at, rid, rules in db.execute(
        "SELECT recorded_at, record_id, rules FROM spc_signals WHERE station = ? AND size = ? "
        "AND measurement = ? AND recorded_at >= ?", (station, size, measurement, start))}


def open_charts(db: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """Every station's current chart (its size of the newest point) of each measurement whose
    last 8 points broke a rule: (station, measurement, size, rules, since)."""
    return [tuple(row) for row in db.execute(
        "SELECT s.station, s.measurement, s.size, s.open_rules, s.open_since FROM spc_status s "
        "WHERE s.open_rules IS NOT NULL AND NOT EXISTS (SELECT 1 FROM spc_status t WHERE "
        "t.station = s.station AND t.measurement = s.measurement AND "
        "(t.last_at, t.last_id) > (s.last_at, s.last_id)) ORDER BY s.station, s.measurement")]


def statuses(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every chart with a baseline, its open signal and its newest signal under the limits in
    force, however old (a new baseline judges the chart again): the tab's site table."""
    names = ("station", "size", "measurement", "last_at", "open_rules", "open_since")
    return [dict(zip((*names, "last_signal"), row)) for row in db.execute(
        f"SELECT {', '.join('s.' + name for name in names)}, (SELECT MAX(g.recorded_at) "
        "FROM spc_signals g WHERE g.station = s.station AND g.size = s.size AND "
        "g.measurement = s.measurement) FROM spc_status s ORDER BY s.station, s.size, "
        "s.measurement")]


def charts(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every (station, size) with records in the view (a voided one's too)."""
    return [tuple(row) for row in db.execute(
        "SELECT station, size FROM spc_charts ORDER BY station, size")]


def _freeze_of(event: tuple, signatures: PersonSignatures,
               refusals: Refusals) -> dict[str, Any] | None:
    """A freeze event's checked content, or None (a WARNING says why, `refusals` keeps it)."""
    station, seq, username = event[0], event[1], event[3]
    try:
        body = parse_json(event[10])
        after = body.get("after") if isinstance(body, dict) else None
        if not isinstance(after, dict) or after.get("kind") != FREEZE_KIND:
            raise ValueError("not a baseline freeze document")
        if (shape := signed_shape_problem(after)) is not None:
            raise ValueError(shape)  # before its key is looked up
        # Signed by an admin's own key: the role a PC writes in its event is anyone's to forge.
        problem = signatures.problem(station, username, after,
                                     (Permission.SPC_BASELINE_FREEZE,), "freeze control limits")
        if problem is not None:
            raise ValueError(problem)
        for name, length in (("station", 64), ("size", 20)):
            if not isinstance(after.get(name), str) or not 0 < len(after[name]) <= length:
                raise ValueError(f"bad {name}")
        if after.get("measurement") not in SPC_MEASUREMENTS:
            raise ValueError("bad measurement")
        start, end, signed_at = after.get("start"), after.get("end"), after.get("signed_at")
        for name, value in (("start", start), ("end", end), ("signed_at", signed_at)):
            if errors := record_time_errors(name, value, required=True):
                raise ValueError(errors[0].message)  # as spc_service writes: format_utc
        if not start < end:  # canonical texts compare in time order
            raise ValueError("bad period")
        n, mean, mr_bar = after.get("n"), after.get("mean"), after.get("mr_bar")
        if type(n) is not int or not 2 <= n <= MAX_POINTS:
            raise ValueError("bad n")
        for value in (mean, mr_bar):
            if type(value) not in (int, float) or not math.isfinite(value):
                raise ValueError("bad limits")
        if mr_bar <= 0:
            raise ValueError("bad limits")
        reason = after.get("reason")
        return {**{k: after[k] for k in ("station", "size", "measurement", "start", "end")},
                "n": n, "mean": float(mean), "mr_bar": float(mr_bar),
                # The signed time orders the baselines: a genuine freeze copied into a later
                # event keeps its own time and never overrides a newer one.
                "ts": format_utc(parse_utc(signed_at)), "user": username,
                "reason": reason if isinstance(reason, str) else None}
    except (ValueError, TypeError) as problem:
        log.warning("SPC: baseline freeze %s/%s refused: %s", station, seq, problem)
        refusals.add(station, seq, FREEZE_ACTION, problem)
        return None


class SpcExtension:
    """The site view's SPC figures (see the module's docstring)."""

    name = "spc"
    actions = frozenset({FREEZE_ACTION})
    tables = ("spc_baselines", "spc_signals", "spc_status", "spc_charts")

    def records_changed(self, db: sqlite3.Connection, changes: Sequence[RecordChange],
                        buckets: Buckets) -> bool:
        touched: dict[tuple[str, str], list[Key]] = {}
        moved: dict[tuple[str, str], int] = {}
        for change in changes:
            for version, sign in ((change.old, -1), (change.new, 1)):
                if version is not None and version.get("size") and version.get("recorded_at"):
                    chart = (version["station_id"], version["size"])
                    touched.setdefault(chart, []).append(
                        (version["recorded_at"], version["record_id"]))
                    moved[chart] = moved.get(chart, 0) + sign
        db.executemany("INSERT INTO spc_charts (station, size, records) VALUES (?, ?, ?) "
                       "ON CONFLICT (station, size) DO UPDATE SET records = records + "
                       "excluded.records", [(*chart, n) for chart, n in moved.items() if n])
        if any(n < 0 for n in moved.values()):
            db.execute("DELETE FROM spc_charts WHERE records <= 0")
        changed = False
        for (station, size), keys in touched.items():
            for measurement in SPC_MEASUREMENTS:
                current = baseline(db, station, size, measurement)
                if current is not None and max(keys)[0] >= current.start:
                    low = max(min(keys), (current.start, ""))
                    self._judge(db, current, low, max(keys))
                    changed = True
        return changed

    def __init__(self, signatures: PersonSignatures | None = None):
        self.signatures = signatures or NoSignatures()
        self.refusals = Refusals("spc")

    def events_stored(self, db: sqlite3.Connection, events: Sequence[tuple],
                      buckets: Buckets) -> bool:
        changed = False
        for event in events:
            freeze = _freeze_of(event, self.signatures, self.refusals)
            if freeze is None:
                continue
            if db.execute("SELECT 1 FROM spc_baselines WHERE station = ? AND size = ? AND "
                          "measurement = ? AND frozen_at = ? AND frozen_by = ?",
                          (freeze["station"], freeze["size"], freeze["measurement"],
                           freeze["ts"], freeze["user"])).fetchone():
                log.warning("SPC: baseline freeze %s/%s refused: the same signed freeze was "
                            "already taken (a replay)", event[0], event[1])
                self.refusals.add(event[0], event[1], FREEZE_ACTION,
                                  "the same signed freeze was already taken (a replay)")
                continue
            db.execute(
                "INSERT OR IGNORE INTO spc_baselines (station, size, measurement, frozen_at, "
                "source_station, source_seq, frozen_by, start, \"end\", n, mean, mr_bar, reason) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (freeze["station"], freeze["size"], freeze["measurement"], freeze["ts"],
                 event[0], event[1], freeze["user"], freeze["start"], freeze["end"],
                 freeze["n"], freeze["mean"], freeze["mr_bar"], freeze["reason"]))
            current = baseline(db, freeze["station"], freeze["size"], freeze["measurement"])
            if current is not None and current.frozen_at == freeze["ts"]:
                db.execute("DELETE FROM spc_signals WHERE station = ? AND size = ? AND "
                           "measurement = ?", (current.station, current.size, current.measurement))
                self._judge(db, current, (current.start, ""), None)
            changed = True
        return changed

    def _judge(self, db: sqlite3.Connection, chart: Baseline, low: Key, high: Key | None) -> None:
        """Judge again the points from `low` to `high` (None: to the end) and the 7 after it,
        with the 7 before `low` as context; then the chart's status."""
        station, size, measurement = chart.station, chart.size, chart.measurement
        sql_before = _points_sql(measurement, "recorded_at >= ? AND (recorded_at, record_id) < "
                                 "(?, ?)", "DESC", f"LIMIT {CONTEXT}")
        context = [row[2] for row in reversed(db.execute(
            sql_before, (station, size, chart.start, *low)).fetchall())]
        stretch = self._stretch(db, chart, low, high)
        last: Key | None = None
        rows = []
        for chunk in stretch:
            flags = flag(context, [p[2] for p in chunk], chart.limits)
            context = (context + [p[2] for p in chunk[-CONTEXT:]])[-CONTEXT:]
            last = chunk[-1][:2]
            rows.extend((station, size, measurement, at, rid, value, ",".join(map(str, rules)))
                        for (at, rid, value), rules in zip(chunk, flags) if rules)
        # From `low` itself: a point voided or moved away from there leaves no signal behind.
        last = max(k for k in (last, high, low) if k is not None)
        db.execute("DELETE FROM spc_signals WHERE station = ? AND size = ? AND measurement = ? "
                   "AND (recorded_at, record_id) BETWEEN (?, ?) AND (?, ?)",
                   (station, size, measurement, *low, *last))
        db.executemany("INSERT OR REPLACE INTO spc_signals VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self._status(db, chart)

    @staticmethod
    def _stretch(db: sqlite3.Connection, chart: Baseline, low: Key, high: Key | None
                 ) -> Iterator[list[tuple[str, str, float]]]:
        """The points from `low` to `high` and the 7 after it, in chunks."""
        station, size, measurement = chart.station, chart.size, chart.measurement
        where = "(recorded_at, record_id) >= (?, ?)"
        values: list[Any] = [station, size, *low]
        if high is not None:
            where += " AND (recorded_at, record_id) <= (?, ?)"
            values += list(high)
        cursor = db.execute(_points_sql(measurement, where, "ASC"), values)
        while chunk := [tuple(row) for row in cursor.fetchmany(CHUNK)]:
            yield chunk
        if high is not None:
            after = db.execute(_points_sql(measurement, "(recorded_at, record_id) > (?, ?)",
                                           "ASC", f"LIMIT {CONTEXT}"),
                               (station, size, *high)).fetchall()
            if after:
                yield [tuple(row) for row in after]

    @staticmethod
    def _status(db: sqlite3.Connection, chart: Baseline) -> None:
        station, size, measurement = chart.station, chart.size, chart.measurement
        recent = db.execute(_points_sql(measurement, "recorded_at >= ?", "DESC",
                                        f"LIMIT {STATUS_WINDOW}"),
                            (station, size, chart.start)).fetchall()
        rules: set[str] = set()
        since = None
        if recent:
            oldest = recent[-1][:2]
            for at, rules_text in db.execute(
                    "SELECT recorded_at, rules FROM spc_signals WHERE station = ? AND size = ? "
                    "AND measurement = ? AND (recorded_at, record_id) >= (?, ?) "
                    "ORDER BY recorded_at", (station, size, measurement, *oldest)):
                since = since or at
                rules.update(rules_text.split(","))
        last = recent[0][:2] if recent else (None, None)
        db.execute("INSERT OR REPLACE INTO spc_status VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (station, size, measurement, *last,
                    ",".join(sorted(rules)) if rules else None, since))
