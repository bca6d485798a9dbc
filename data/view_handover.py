"""Every station's shift handovers in the site view, kept on ingest (a `ViewExtension`), and the
searchable history the admin panel reads.

The facts are the stations' `handover.*` audit events (models/handover.py). The view already
checked that each came from a sealed journal of a PC certified for its station; its content is
still someone's input (a copy of the PC's files signs anything as that PC), so each is checked
here for what the station's service writes (a handover names the station whose chain carries
it; counts are integers from 0 to what a database column holds, a shift's number is one of the
day's shifts: 10**30 stopped the station's journal for good; times are canonical UTC texts and
a day a real date, bounded as a record's; no text holds control or direction characters, which
the history would show as signed; a signature's key is text), and refused with a WARNING line,
the station's anomaly (data/view_extensions.py `Refusals`), never a crash. A handover is
signed once: a second `handover.signed` for the same station and shift (a chain that forked,
or a forgery) is refused and the first kept; an acknowledgement is taken once, and only from
the handover's own station (the incoming person signs at that station). The person's
signature is checked when the history is read (utils/mes/handover.py), against the site
directory of that moment.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from typing import Any, Sequence

from sqlalchemy import Column, Float, Index, Integer, PrimaryKeyConstraint, String, Table, Text

from data.schema import identifier, timestamp
from data.view_buckets import Buckets
from data.view_extensions import EVENT_COLUMNS, RecordChange, Refusals, signed_shape_problem
from data.view_schema import metadata
from models.bounded_json import parse_json
from models.canonical import canonical_json
from models.handover import (
    ACK_ACTION, ACK_KIND, DOC_KIND, NOTE_ACTION, NOTE_KIND, NOTES_MAX, SIGNED_ACTION,
    handover_key, text_problem,
)
from models.record_checks import record_time_errors
from models.shifts import SHIFT_STARTS
from models.validation import INT_MAX, validate_int, validate_lot_code

log = logging.getLogger(__name__)

NAME = "handover"
TEXT_MAX = 200  # names, codes, times in a document
SEARCH_MAX = 200  # characters of a search text

view_handovers = Table(
    "view_handovers", metadata,
    identifier("station"),
    Column("handover", String(160), nullable=False),
    Column("seq", Integer, nullable=False),  # the signing event in the station's chain
    Column("shift_day", String(10), nullable=False),
    Column("shift_number", Integer, nullable=False),
    timestamp("shift_start"),
    identifier("signed_by"),
    Column("full_name", Text, nullable=False),
    timestamp("signed_at"),
    Column("boxes", Integer, nullable=False),
    Column("rejections", Integer, nullable=False),
    Column("stop_minutes", Float, nullable=True),  # None: the station records no stops
    Column("alarms", Integer, nullable=False),
    Column("issues", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Column("document", Text, nullable=False),  # the signed document, canonical JSON
    identifier("ack_by", nullable=True),
    timestamp("ack_at", nullable=True),
    Column("ack_document", Text, nullable=True),
    Column("addenda", Integer, nullable=False, default=0),
    Column("search", Text, nullable=False),  # lower-case words a supervisor may look for
    PrimaryKeyConstraint("station", "handover"),
)
Index("ix_view_handovers_start", view_handovers.c.shift_start)

view_handover_notes = Table(
    "view_handover_notes", metadata,
    identifier("station"),
    Column("seq", Integer, nullable=False),
    Column("handover", String(160), nullable=False),
    identifier("signed_by"),
    timestamp("signed_at"),
    Column("note", Text, nullable=False),
    Column("document", Text, nullable=False),
    PrimaryKeyConstraint("station", "seq"),
)
Index("ix_view_handover_notes_handover", view_handover_notes.c.station,
      view_handover_notes.c.handover)

_COLUMNS = tuple(c.name for c in view_handovers.columns)
_BODY = EVENT_COLUMNS.index("body")


class Refused(ValueError):
    """An event that is not a well-formed handover fact (the WARNING says why)."""


class HandoverView:
    """The `ViewExtension` of shift handovers (data/view_registry.py)."""

    name = NAME
    actions = frozenset({SIGNED_ACTION, ACK_ACTION, NOTE_ACTION})
    tables = ("view_handovers", "view_handover_notes")

    def __init__(self) -> None:
        self.refusals = Refusals(NAME)

    def records_changed(self, db: sqlite3.Connection, changes: Sequence[RecordChange],
                        buckets: Buckets) -> bool:
        return False  # a handover's figures are the signed summary, not today's records

    def events_stored(self, db: sqlite3.Connection, events: Sequence[tuple],
                      buckets: Buckets) -> bool:
        changed = False
        for event in events:
            station, seq, action = event[0], event[1], event[5]
            try:
                document = _document(event)
                if action == SIGNED_ACTION:
                    changed |= _signed(db, station, seq, document)
                elif action == ACK_ACTION:
                    changed |= _acknowledged(db, station, document)
                else:
                    changed |= _note(db, station, seq, document)
            except Refused as refusal:
                log.warning("Site view: %s event %s of station %s is not taken as a handover "
                            "fact: %s", action, seq, station, refusal)
                self.refusals.add(station, seq, action, refusal)
        return changed


def _document(event: tuple) -> dict[str, Any]:
    try:
        body = parse_json(event[_BODY])
    except ValueError as exc:
        raise Refused(f"its body is not readable JSON ({exc.__class__.__name__})") from None
    after = body.get("after") if isinstance(body, dict) else None
    if not isinstance(after, dict):
        raise Refused("it carries no document")
    if after.get("station") != event[0]:
        raise Refused("it names another station than the one whose chain carries it")
    if after.get("handover") != event[7]:
        raise Refused("its document and its event name different handovers")
    if (problem := text_problem(after) or signed_shape_problem(after)) is not None:
        raise Refused(problem)
    for name in ("handover", "signed_by", "signed_at"):
        _text(after, name)
    _time(after, "signed_at")
    return after


def _time(document: dict[str, Any], name: str) -> str:
    """A time as the station writes it (format_utc of its clock), bounded as a record's."""
    if errors := record_time_errors(name, document.get(name), required=True):
        raise Refused(f"its {errors[0].message}")
    return document[name]


def _text(document: dict[str, Any], name: str, limit: int = TEXT_MAX) -> str:
    value = document.get(name)
    if not isinstance(value, str) or not value or len(value) > limit:
        raise Refused(f"its {name} is missing, not text, or too long")
    return value


def _count(summary: dict[str, Any], name: str) -> int:
    value = summary.get(name)
    if not _is_count(value):
        raise Refused(f"its summary's {name} is not a count")
    return value


def _is_count(value: Any) -> bool:
    """A count: a whole number from 0 to what a database's INTEGER holds (a larger one, summed
    or stored, raised OverflowError and stopped the station's journal)."""
    return type(value) is int and 0 <= value <= INT_MAX


def _signed(db: sqlite3.Connection, station: str, seq: int, document: dict[str, Any]) -> bool:
    if document.get("kind") != DOC_KIND:
        raise Refused("it is not a handover document")
    day, number = document.get("shift_day"), document.get("shift_number")
    if not isinstance(day, str) or type(number) is not int \
            or document["handover"] != handover_key(station, day, number):
        raise Refused("its shift does not match its id")
    # A shift is one of the day's (models/shifts.py), on a day a record's time may be on.
    if validate_int("shift_number", number, minimum=1, maximum=len(SHIFT_STARTS))[1] \
            or record_time_errors("shift_day", f"{day}T00:00:00.000Z", required=True):
        raise Refused("its shift is not a day's shift")
    summary = document.get("summary")
    if not isinstance(summary, dict):
        raise Refused("it has no summary")
    boxes = _count(summary, "boxes")
    start = _time(summary, "start")
    rejections = summary.get("rejections")
    if not isinstance(rejections, list) or not all(
            isinstance(r, list) and len(r) == 2 and isinstance(r[0], str)
            and _is_count(r[1]) for r in rejections):
        raise Refused("its rejections are not (defect, count) pairs")
    stops = summary.get("stops")
    if stops is not None and not (isinstance(stops, list) and all(
            isinstance(s, dict) and isinstance(s.get("minutes"), (int, float))
            and not isinstance(s.get("minutes"), bool) and 0 <= s["minutes"] < 10**6
            for s in stops)):
        raise Refused("its stops are malformed")
    alarms, issues = summary.get("alarms"), summary.get("issues")
    if not isinstance(alarms, list) or not isinstance(issues, list):
        raise Refused("its alarms or open issues are not lists")
    notes = document.get("notes")
    if not isinstance(notes, str) or len(notes) > NOTES_MAX:
        raise Refused("its notes are not text or too long")
    full_name = document.get("full_name") if isinstance(document.get("full_name"), str) else ""
    lots = [lot for lot in summary.get("lots") or [] if isinstance(lot, str)]
    if any(validate_lot_code(lot)[1] for lot in lots):
        raise Refused("its lots are not lot codes")
    search = " ".join([station, document["signed_by"], full_name, notes, day,
                       *lots, *(r[0] for r in rejections)]).lower()
    row = (station, document["handover"], seq, day, number, start, document["signed_by"],
           full_name[:TEXT_MAX], document["signed_at"], boxes,
           sum(r[1] for r in rejections),
           None if stops is None else round(sum(s["minutes"] for s in stops), 1),
           len(alarms), len(issues), notes, canonical_json(document), None, None, None, 0,
           search)
    inserted = db.execute(
        f"INSERT OR IGNORE INTO view_handovers ({', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join('?' * len(_COLUMNS))})", row).rowcount
    if not inserted:
        raise Refused(f"{document['handover']} is already signed (the first signing stands)")
    return True


def _acknowledged(db: sqlite3.Connection, station: str, document: dict[str, Any]) -> bool:
    if document.get("kind") != ACK_KIND:
        raise Refused("it is not a handover acknowledgement")
    note = document.get("note")
    if not isinstance(note, str) or len(note) > NOTES_MAX:
        raise Refused("its note is not text or too long")
    updated = db.execute(
        "UPDATE view_handovers SET ack_by = ?, ack_at = ?, ack_document = ?, "
        "search = search || ' ' || ? WHERE station = ? AND handover = ? AND ack_by IS NULL",
        (document["signed_by"], document["signed_at"], canonical_json(document),
         f"{document['signed_by']} {note}".lower(), station, document["handover"])).rowcount
    if not updated:
        raise Refused(f"{document['handover']} is unknown or already acknowledged")
    return True


def _note(db: sqlite3.Connection, station: str, seq: int, document: dict[str, Any]) -> bool:
    if document.get("kind") != NOTE_KIND:
        raise Refused("it is not a handover note")
    note = document.get("note")
    if not isinstance(note, str) or not note or len(note) > NOTES_MAX:
        raise Refused("its note is empty, not text or too long")
    updated = db.execute(
        "UPDATE view_handovers SET addenda = addenda + 1, search = search || ' ' || ? "
        "WHERE station = ? AND handover = ?",
        (f"{document['signed_by']} {note}".lower(), station, document["handover"])).rowcount
    if not updated:
        raise Refused(f"{document['handover']} is unknown")
    db.execute("INSERT OR IGNORE INTO view_handover_notes (station, seq, handover, signed_by, "
               "signed_at, note, document) VALUES (?, ?, ?, ?, ?, ?, ?)",
               (station, seq, document["handover"], document["signed_by"],
                document["signed_at"], note, canonical_json(document)))
    return True


# -- reading: the admin panel's history ----------------------------------------------------

@dataclass(frozen=True)
class HistoryFilter:
    text: str = ""  # words that must all appear (station, people, notes, lots, defects)
    station: str | None = None
    start: str | None = None  # canonical UTC, inclusive (the shift's start)
    end: str | None = None  # exclusive
    waiting_only: bool = False  # not acknowledged yet
    limit: int = 500


def history(db: Any, wanted: HistoryFilter) -> list[dict[str, Any]]:
    """Handovers matching the filter, the newest shift first."""
    conditions, values = [], []
    for word in wanted.text.lower().split()[:10]:
        conditions.append("instr(search, ?) > 0")  # instr: a % or _ typed is not a pattern
        values.append(word[:SEARCH_MAX])
    if wanted.station:
        conditions.append("station = ?")
        values.append(wanted.station)
    if wanted.start:
        conditions.append("shift_start >= ?")
        values.append(wanted.start)
    if wanted.end:
        conditions.append("shift_start < ?")
        values.append(wanted.end)
    if wanted.waiting_only:
        conditions.append("ack_by IS NULL")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    cursor = _run(db, f"SELECT {', '.join(_COLUMNS)} FROM view_handovers {where} "
                      f"ORDER BY shift_start DESC, station LIMIT ?", (*values, wanted.limit))
    return [dict(zip(_COLUMNS, row)) for row in cursor]


def notes_of(db: Any, station: str, handover: str) -> list[dict[str, Any]]:
    cursor = _run(db, "SELECT signed_by, signed_at, note, document FROM view_handover_notes "
                      "WHERE station = ? AND handover = ? ORDER BY seq", (station, handover))
    return [dict(zip(("signed_by", "signed_at", "note", "document"), row)) for row in cursor]


def _run(db: Any, sql: str, values: tuple) -> Any:
    """The view's writer holds a sqlite3 connection, its readers a SQLAlchemy one."""
    if isinstance(db, sqlite3.Connection):
        return db.execute(sql, values)
    return db.exec_driver_sql(sql, values)
