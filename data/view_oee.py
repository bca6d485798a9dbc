"""Downtime and OEE figures in the site view, kept on ingest (a data/view_extensions.py
feature), and the reads the OEE tab and the dashboard make of them.

Facts come from the stations' audit events (utils/mes/downtime.py writes them):

- `stop.opened`     after = {stop_id, started_at, size, reason}   (reason "" = unqualified)
- `stop.closed`     after = {stop_id, started_at, ended_at, breaks: [[from, to], ...]}
                    (the planned breaks the stop spanned, by the plan in force at the station)
- `stop.classified` after = {kind, site, station, stop_id, reason, note, signed_by,
                    full_name, role, signed_at, key_id, sig}: a document signed with the
                    person's own key (any PC: a supervisor may classify from the office, so it
                    may arrive before the stop itself). Another station's stop counts only when
                    a certified key of a supervisor or an admin signed it; a station's own, when
                    the person who may classify signed it (unsigned only for someone the site
                    gave no key); the signed time orders the classifications

and from the records (boxes and rejected boxes per station, shift and size).

- `oee_stops`   one row per stop (open ones have no `ended_at`)
- `oee_shift`   per station and shift: boxes, rejected boxes, downtime seconds, stops started
- `oee_output`  per station, shift and size: boxes and rejected boxes (performance needs the
                ideal rate of each size, read from the catalog when shown)
- `oee_reason`  per station, shift and reason: downtime seconds and stops (the Pareto)

A closed stop's seconds are split over the shifts it touched, its planned-break parts taken
out (models/downtime.py). An event whose content does not make sense, or holds what the
station's service never writes (a time that is not its clock's canonical UTC text from 1900 to
2200, as a record's: year 9999 overflowed every shift computation and stopped the station's
journal for good; a size with control or direction characters), is refused with one WARNING
line, is the station's anomaly (data/view_extensions.py `Refusals`), and changes nothing;
ingest goes on. The tables are defined in data/view_oee_schema.py.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from datetime import datetime, timedelta
from typing import Any, Sequence


from config.constants import Permission, role_allows
from data.view_buckets import Buckets
from data.view_extensions import (
    NoSignatures, PersonSignatures, RecordChange, Refusals, signed_shape_problem,
)
from data.view_oee_schema import TABLE_NAMES
from models.canonical import format_utc, parse_utc
from models.downtime import CLASSIFY_KIND, NOTE_MAX, Interval, merge, pieces
from models.record_checks import SIZE_MAX, record_time_errors, stored_text_errors
from models.shifts import shift_of

log = logging.getLogger(__name__)

NAME = "oee"
ACTIONS = frozenset({"stop.opened", "stop.closed", "stop.classified"})
MAX_STOP = timedelta(days=100)  # longer is not a stop anyone will classify: refused
# How far from the event that opens it a stop may start: the station opens one when no box
# came for its idle time, from the last box, and a PC asleep for weeks opens it on waking; as
# long as a stop may last. An open stop counts until now: one opened years back filled every
# shift since with downtime.
MAX_OPEN_LAG = MAX_STOP
MAX_BREAKS = 2000
ID_PATTERN = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
REASON_PATTERN = re.compile(r"^([a-z][a-z0-9_]{0,31})?$")

NO_DEFECT = (None, "", "N/A")


def rejected(record: dict[str, Any]) -> bool:
    """A box with at least one rejection recorded is not a good box."""
    return any(record.get(f"rej{n}_defect") not in NO_DEFECT for n in (1, 2, 3))


def _active(boxes: int, stops: int, seconds: float) -> bool:
    """A station-shift counts as planned when it recorded a box or a stop."""
    return boxes != 0 or stops != 0 or seconds > 0


def _add_site_reason(db: sqlite3.Connection, day: str, reason: str, seconds: float,
                     stops: int) -> None:
    db.execute("INSERT INTO oee_site_reason (day, reason, seconds, stops) VALUES (?, ?, ?, ?) "
               "ON CONFLICT (day, reason) DO UPDATE SET seconds = seconds + excluded.seconds, "
               "stops = stops + excluded.stops", (day, reason, seconds, stops))


class Refused(ValueError):
    """An event's content that does not make sense (named in the WARNING line)."""


def _time(value: Any, what: str) -> datetime:
    """A time as the station's service writes it (format_utc of its clock), bounded as a
    record's time is (models/record_checks.py)."""
    errors = record_time_errors(what, value, required=True)
    if errors:
        raise Refused(errors[0].message)
    return parse_utc(value)


def _text(value: Any, pattern: re.Pattern, what: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise Refused(f"{what} is not valid")
    return value


def _breaks(value: Any, start: datetime, end: datetime) -> list[Interval]:
    if not isinstance(value, list) or len(value) > MAX_BREAKS:
        raise Refused("breaks is not a list of intervals")
    found: list[Interval] = []
    for pair in value:
        if not isinstance(pair, list) or len(pair) != 2:
            raise Refused("a break is not [from, to]")
        low, high = _time(pair[0], "a break's start"), _time(pair[1], "a break's end")
        low, high = max(low, start), min(high, end)  # only the part inside the stop counts
        if low < high:
            found.append((low, high))
    return merge(found)


class OeeExtension:
    """Downtime and OEE figures per station and shift (data/view_extensions.py)."""

    name = NAME
    actions = ACTIONS
    tables = TABLE_NAMES

    def __init__(self, signatures: PersonSignatures | None = None) -> None:
        self.signatures = signatures or NoSignatures()
        self.refusals = Refusals(NAME)
        self._shifts: dict[tuple[str, str], tuple[str, str, int]] = {}

    # -- shifts ------------------------------------------------------------------------------

    def _shift(self, moment_text: str, zone: str) -> tuple[str, str, int]:
        """(shift start, local day, shift number) of a canonical time, cached per quarter hour
        (every shift starts on a quarter hour)."""
        key = (zone, moment_text[:14] + str(int(moment_text[14:16]) // 15))
        found = self._shifts.get(key)
        if found is None:
            if len(self._shifts) > 200_000:
                self._shifts.clear()
            shift = shift_of(parse_utc(moment_text), zone)
            found = self._shifts[key] = (format_utc(shift.start_utc), shift.day, shift.number)
        return found

    # -- records -----------------------------------------------------------------------------

    def records_changed(self, db: sqlite3.Connection, changes: Sequence[RecordChange],
                        buckets: Buckets) -> bool:
        output: dict[tuple[str, str, str, str], list[int]] = {}
        for change in changes:
            for version, sign in ((change.old, -1), (change.new, 1)):
                if version is None or version.get("status") != "active":
                    continue
                shift_start, day, _number = self._shift(version["recorded_at"], buckets.zone_name)
                key = (version["station_id"], shift_start, day, version.get("size") or "")
                sums = output.setdefault(key, [0, 0])
                sums[0] += sign
                sums[1] += sign if rejected(version) else 0
        output = {key: sums for key, sums in output.items() if sums != [0, 0]}
        for (station, shift_start, day, size), (boxes, bad) in output.items():
            db.execute("INSERT INTO oee_output (station, shift_start, day, size, boxes, rejected)"
                       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station, shift_start, size) DO "
                       "UPDATE SET boxes = boxes + excluded.boxes, "
                       "rejected = rejected + excluded.rejected",
                       (station, shift_start, day, size, boxes, bad))
            db.execute("INSERT INTO oee_site_output (day, size, boxes, rejected) VALUES "
                       "(?, ?, ?, ?) ON CONFLICT (day, size) DO UPDATE SET "
                       "boxes = boxes + excluded.boxes, rejected = rejected + excluded.rejected",
                       (day, size, boxes, bad))
            self._add_shift(db, station, shift_start, day, buckets.zone_name, boxes=boxes,
                            rejected=bad)
        return bool(output)

    def _add_shift(self, db: sqlite3.Connection, station: str, shift_start: str, day: str,
                   zone: str, *, boxes: int = 0, rejected: int = 0, seconds: float = 0.0,
                   stops: int = 0) -> None:
        number = self._shift(shift_start, zone)[2]
        before = db.execute("SELECT boxes, stops, stop_s FROM oee_shift WHERE station = ? AND "
                            "shift_start = ?", (station, shift_start)).fetchone()
        db.execute("INSERT INTO oee_shift (station, shift_start, day, shift_no, boxes, rejected, "
                   "stop_s, stops) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT "
                   "(station, shift_start) DO UPDATE SET boxes = boxes + excluded.boxes, "
                   "rejected = rejected + excluded.rejected, stop_s = stop_s + excluded.stop_s, "
                   "stops = stops + excluded.stops",
                   (station, shift_start, day, number, boxes, rejected, seconds, stops))
        old = before or (0, 0, 0.0)
        was = _active(*old)
        now = _active(old[0] + boxes, old[1] + stops, old[2] + seconds)
        db.execute("INSERT INTO oee_site_shift (shift_start, day, stations, stop_s) VALUES "
                   "(?, ?, ?, ?) ON CONFLICT (shift_start) DO UPDATE SET "
                   "stations = stations + excluded.stations, stop_s = stop_s + excluded.stop_s",
                   (shift_start, day, int(now) - int(was), seconds))

    # -- events ------------------------------------------------------------------------------

    def events_stored(self, db: sqlite3.Connection, events: Sequence[tuple],
                      buckets: Buckets) -> bool:
        changed = False
        for event in events:
            station, seq, ts, username, role, action = event[:6]
            try:
                body = json.loads(event[10])
                after = body.get("after") if isinstance(body, dict) else None
                if not isinstance(after, dict):
                    raise Refused("no 'after' object")
                if action == "stop.opened":
                    self._opened(db, station, username, ts, after)
                elif action == "stop.closed":
                    self._closed(db, station, after, buckets.zone_name)
                else:
                    self._classified(db, station, username, role, ts, after, buckets.zone_name)
                changed = True
            except (Refused, ValueError) as problem:
                log.warning("Site view: %s of station %s seq %s refused (%s); the rest of the "
                            "journal is taken", action, station, seq, problem)
                self.refusals.add(station, seq, action, problem)
        return changed

    def _row(self, db: sqlite3.Connection, station: str, stop_id: str) -> sqlite3.Row | None:
        return db.execute("SELECT started_at, ended_at, breaks, reason, classified_at "
                          "FROM oee_stops WHERE station = ? AND stop_id = ?",
                          (station, stop_id)).fetchone()

    def _opened(self, db: sqlite3.Connection, station: str, username: str | None, ts: str,
                after: dict) -> None:
        stop_id = _text(after.get("stop_id"), ID_PATTERN, "stop_id")
        start = _time(after.get("started_at"), "started_at")
        opened = _time(ts, "the event's time")
        if not opened - MAX_OPEN_LAG <= start <= opened + MAX_OPEN_LAG:
            raise Refused("started_at is further from the event that opens the stop than a stop "
                          "may last (100 days)")
        started = format_utc(start)
        reason = _text(after.get("reason") or "", REASON_PATTERN, "reason")
        size = after.get("size")  # the station's size then (None: none chosen yet)
        errors = stored_text_errors("size", size, required=False, max_length=SIZE_MAX)
        if errors:
            raise Refused(errors[0].message)
        # A classification that came first (from another PC) keeps its reason.
        db.execute("INSERT INTO oee_stops (station, stop_id, started_at, size, reason, opened_by)"
                   " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station, stop_id) DO UPDATE SET "
                   "started_at = excluded.started_at, size = excluded.size, "
                   "opened_by = excluded.opened_by, reason = CASE WHEN classified_at IS NULL "
                   "THEN excluded.reason ELSE reason END",
                   (station, stop_id, started, size, reason, username))

    def _closed(self, db: sqlite3.Connection, station: str, after: dict, zone: str) -> None:
        stop_id = _text(after.get("stop_id"), ID_PATTERN, "stop_id")
        start = _time(after.get("started_at"), "started_at")
        end = _time(after.get("ended_at"), "ended_at")
        if not start <= end or end - start > MAX_STOP:
            raise Refused("the stop ends before it starts, or lasts more than 100 days")
        breaks = _breaks(after.get("breaks", []), start, end)
        row = self._row(db, station, stop_id)
        if row is not None and row[1] is not None:
            raise Refused(f"stop {stop_id} was already closed")
        reason = row[3] if row is not None else ""
        breaks_text = json.dumps([[format_utc(a), format_utc(b)] for a, b in breaks])
        db.execute("INSERT INTO oee_stops (station, stop_id, started_at, ended_at, breaks, reason)"
                   " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station, stop_id) DO UPDATE SET "
                   "started_at = excluded.started_at, ended_at = excluded.ended_at, "
                   "breaks = excluded.breaks",
                   (station, stop_id, format_utc(start), format_utc(end), breaks_text, reason))
        self._count(db, station, start, end, breaks, reason, zone, 1, with_shift=True)

    def _count(self, db: sqlite3.Connection, station: str, start: datetime, end: datetime,
               breaks: list[Interval], reason: str, zone: str, sign: int, *,
               with_shift: bool) -> None:
        """Add (sign 1) or take out (-1) a closed stop's seconds per shift, under `reason`; the
        stop counts once, in the shift it started in."""
        parts = pieces(start, end, zone, breaks) or []
        first_shift = self._shift(format_utc(start), zone)
        for index, piece in enumerate(parts):
            shift_start = format_utc(piece.shift_start)
            stops = sign if index == 0 else 0
            db.execute("INSERT INTO oee_reason (station, shift_start, day, reason, seconds, stops)"
                       " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station, shift_start, reason) DO "
                       "UPDATE SET seconds = seconds + excluded.seconds, "
                       "stops = stops + excluded.stops",
                       (station, shift_start, piece.day, reason, sign * piece.seconds, stops))
            _add_site_reason(db, piece.day, reason, sign * piece.seconds, stops)
            if with_shift:
                self._add_shift(db, station, shift_start, piece.day, zone,
                                seconds=sign * piece.seconds, stops=stops)
        if not parts and with_shift:  # a stop of no length still happened
            db.execute("INSERT INTO oee_reason (station, shift_start, day, reason, seconds, stops)"
                       " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (station, shift_start, reason) DO "
                       "UPDATE SET stops = stops + excluded.stops",
                       (station, first_shift[0], first_shift[1], reason, sign))
            _add_site_reason(db, first_shift[1], reason, 0.0, sign)
            self._add_shift(db, station, first_shift[0], first_shift[1], zone, stops=sign)

    def _classified(self, db: sqlite3.Connection, source: str, username: str | None,
                    role: str | None, ts: str, after: dict, zone: str) -> None:
        station = _text(after.get("station"), ID_PATTERN, "station")
        if after.get("kind") != CLASSIFY_KIND:
            raise Refused("not a classification document")
        if (shape := signed_shape_problem(after)) is not None:
            raise Refused(shape)  # before its key is looked up
        if station != source and not role_allows(role or "", Permission.OEE_VIEW):
            # A station's chain classifies its own stops; another's only by a supervisor or
            # an admin (as the service allows).
            raise Refused(f"station {source} classifies station {station}'s stop as {role!r}")
        # The role a PC writes in its event is anyone's to forge with a copy of its key: the
        # person's own signature decides. Another station's stop: a supervisor's or an
        # admin's. Its own: whoever may classify, signed too when the site gave them a key.
        if station != source:
            problem = self.signatures.problem(
                source, username, after, (Permission.DOWNTIME_CLASSIFY, Permission.OEE_VIEW),
                "classify another station's stops")
        else:
            problem = self.signatures.problem(source, username, after,
                                              (Permission.DOWNTIME_CLASSIFY,), "classify stops",
                                              keyless_ok=True)
        if problem is not None:
            raise Refused(f"station {station}'s stop: {problem}")
        # The signed time orders the classifications: a genuine one copied into a later event
        # keeps its own time and does not override a newer one.
        ts = format_utc(_time(after.get("signed_at"), "signed_at"))
        stop_id = _text(after.get("stop_id"), ID_PATTERN, "stop_id")
        reason = _text(after.get("reason"), REASON_PATTERN, "reason")
        if not reason:
            raise Refused("a classification names a reason")
        note = after.get("note")  # as the service keeps it (utils/mes/downtime.py classify)
        errors = stored_text_errors("note", note, required=False, max_length=NOTE_MAX)
        if errors:
            # The service refuses such a note since 2026-12-05; one kept before is left out,
            # its signed reason still counts.
            log.warning("Site view: the note of station %s's classification of stop %s is not "
                        "kept (%s); its reason is", station, after.get("stop_id"),
                        errors[0].message)
            note = None
        row = self._row(db, station, stop_id)
        if row is not None and row[4] is not None and row[4] > ts:
            return  # a newer classification is already in (they may arrive in any order)
        if row is not None and row[1] is not None and row[3] != reason:
            start, end = parse_utc(row[0]), parse_utc(row[1])
            breaks = [(parse_utc(a), parse_utc(b)) for a, b in json.loads(row[2] or "[]")]
            self._count(db, station, start, end, breaks, row[3], zone, -1, with_shift=False)
            self._count(db, station, start, end, breaks, reason, zone, 1, with_shift=False)
            db.execute("DELETE FROM oee_reason WHERE station = ? AND reason = ? AND stops = 0 "
                       "AND abs(seconds) < 0.001", (station, row[3]))
        db.execute("INSERT INTO oee_stops (station, stop_id, reason, note, classified_by, "
                   "classified_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (station, stop_id) DO "
                   "UPDATE SET reason = excluded.reason, note = excluded.note, "
                   "classified_by = excluded.classified_by, "
                   "classified_at = excluded.classified_at",
                   (station, stop_id, reason, note, username, ts))


# -- reads (the OEE tab, the dashboard, the rows behind a number) --------------------------------
# Each takes this view's connection: a SQLAlchemy one (the readers) or the writer's sqlite3 one.
