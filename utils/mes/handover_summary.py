"""What a shift left behind at a station, made from the data: the handover's summary.

Pure: it takes the shift's records, the station's audit events and the station's state at
signing time as plain values, and a `now`; it reads no database. utils/mes/handover.py
gathers the inputs from this PC's own database and signs the result.

What each section counts (written in the README's "Shift handover" too):
- boxes: the active records registered in the shift (voided ones are counted apart);
- rejections by defect: each rejection line of an active record (a box can have three), N/A
  left out, the most frequent first;
- stops by reason: audit events whose action begins with "stop." (the downtime feature's
  facts). Assumed shape, the downtime feature being built alongside: the events of one stop
  share its `entity_id`; their `after` carries `reason` (a catalog code; empty or missing:
  not classified yet), `started_at` and, once it ended, `ended_at` (canonical UTC). A stop
  counts for the part of it inside the shift (one that began in the previous shift, or runs
  past midnight, counts only its minutes inside). This version always records stops (the
  station opens one when no box comes for a while, utils/mes/downtime.py), so a shift
  without any is an empty list. Only a summary signed by an older version that recorded no
  stops lacks them (`None` or no key): the screens say so instead of "no stops";
- alarms: what interrupted or warned the station during the shift, from its own chain: entry
  locked or unlocked and messages by remote command, and any event whose action begins with
  "alarm." (an alarm acknowledged at this PC). SPC signals are judged in the site view, not
  recorded in a station's chain, and `spc.` events are an admin's baseline freezes, not
  alarms: the summary does not list them (the Fleet tab does);
- open issues: what the next shift inherits: entry locked now, the lot not complete, stops
  not classified or still running, changes not yet on the share.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable, Mapping

from config.catalog import NO_REJECTION
from models.canonical import format_utc, parse_utc
from models.shifts import Shift
from models.validation import without_forbidden_characters

STOP_PREFIX = "stop."
ALARM_PREFIXES = ("alarm.",)
COMMAND_ALARMS = ("lock", "unlock", "message")  # command types that count as alarms
UNCLASSIFIED = ""  # the reason of a stop nobody classified yet
MAX_LINES = 50  # alarms kept in a summary: a storm of events must not make a huge document


@dataclass(frozen=True)
class StationState:
    """The station as it is at signing time (not in the events)."""

    locked_reason: str | None = None
    lot: str | None = None
    lot_box: int | None = None  # the last box registered
    lot_total: int | None = None
    pending_on_share: int | None = None  # changes not yet in the share's journal (None: no site)


@dataclass(frozen=True)
class StopLine:
    reason: str  # catalog code, or UNCLASSIFIED
    stops: int
    minutes: float  # inside the shift, up to `as_of`
    running: int  # of them still running at `as_of`


@dataclass(frozen=True)
class Alarm:
    kind: str  # lock | unlock | message | the event's action ("alarm.x", "spc.y")
    at: str  # canonical UTC
    by: str | None
    detail: str


@dataclass(frozen=True)
class Issue:
    kind: str  # locked | lot_open | stops_unclassified | stops_running | not_on_share
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class HandoverSummary:
    station: str
    shift_day: str
    shift_number: int
    start: str  # canonical UTC
    end: str
    as_of: str  # when the summary was made (the shift's end if it is over)
    boxes: int
    voided: int
    lots: tuple[str, ...]
    rejections: tuple[tuple[str, int], ...]  # (defect, count), most first
    stops: tuple[StopLine, ...]  # empty: no stop in the shift
    alarms: tuple[Alarm, ...]
    issues: tuple[Issue, ...]

    def to_dict(self) -> dict[str, Any]:
        """The summary as it goes into the signed document (plain JSON values)."""
        return {
            "station": self.station, "shift_day": self.shift_day,
            "shift_number": self.shift_number, "start": self.start, "end": self.end,
            "as_of": self.as_of, "boxes": self.boxes, "voided": self.voided,
            "lots": list(self.lots),
            "rejections": [[defect, count] for defect, count in self.rejections],
            "stops": [{"reason": s.reason, "stops": s.stops, "minutes": s.minutes,
                       "running": s.running} for s in self.stops],
            "alarms": [{"kind": a.kind, "at": a.at, "by": a.by, "detail": a.detail}
                       for a in self.alarms],
            "issues": [{"kind": i.kind, "detail": i.detail} for i in self.issues],
        }


def summarize(station: str, shift: Shift, now: datetime, records: Iterable[Mapping[str, Any]],
              events: Iterable[Mapping[str, Any]], state: StationState) -> HandoverSummary:
    """The summary of `shift` at `station` as of `now` (the shift's end once it is over).

    `records`: current versions (records_repo rows) of the station; those outside the shift
    are ignored. `events`: the station's audit events (station, seq, ts, username, action,
    entity_id, after parsed) from somewhat before the shift start (a stop may have begun
    earlier) to `now`."""
    start, end = format_utc(shift.start_utc), format_utc(shift.end_utc)
    as_of_time = min(now, shift.end_utc)
    as_of = format_utc(as_of_time)
    boxes = voided = 0
    lots: list[str] = []
    defects: Counter[str] = Counter()
    for record in records:
        if not start <= record["recorded_at"] < end or record["recorded_at"] > as_of:
            continue
        if record["status"] != "active":
            voided += 1
            continue
        boxes += 1
        if record["lot"] not in lots:
            lots.append(record["lot"])
        for slot in (1, 2, 3):
            defect = record.get(f"rej{slot}_defect")
            if defect and defect != NO_REJECTION:
                defects[defect] += 1
    ordered = sorted(events, key=lambda e: (e["ts"], e["seq"]))
    stops = stop_lines(ordered, shift.start_utc, as_of_time)
    return HandoverSummary(
        station, shift.day, shift.number, start, end, as_of, boxes, voided, tuple(lots),
        tuple(sorted(defects.items(), key=lambda item: (-item[1], item[0]))),
        stops, tuple(alarms_in(ordered, start, as_of)), tuple(open_issues(state, stops)))


def stop_lines(events: list[Mapping[str, Any]], start: datetime, as_of: datetime
               ) -> tuple[StopLine, ...]:
    """Stops by reason inside [start, as_of]: each stop's events folded (the latest value of
    each field wins), its minutes clipped to the window."""
    stops: dict[str, dict[str, Any]] = {}
    for event in events:
        if not str(event["action"]).startswith(STOP_PREFIX) or event["ts"] > format_utc(as_of):
            continue
        key = str(event.get("entity_id") or f"{event['station']}:{event['seq']}")
        folded = stops.setdefault(key, {"started_at": event["ts"]})
        after = event.get("after")
        if isinstance(after, dict):
            folded.update({k: v for k, v in after.items()
                           if k in ("reason", "started_at", "ended_at")})
    lines: dict[str, list[float]] = {}
    running: Counter[str] = Counter()
    for folded in stops.values():
        begin = _moment(folded.get("started_at"))
        finish = _moment(folded.get("ended_at"))
        if begin is None:
            continue  # not a stop we can place; a malformed event is not a guess
        still_running = finish is None or finish > as_of
        finish = as_of if still_running else finish
        minutes = (min(finish, as_of) - max(begin, start)).total_seconds() / 60
        if minutes <= 0 and not (still_running and begin <= as_of):
            continue  # wholly outside the shift
        reason = folded.get("reason")
        reason = reason if isinstance(reason, str) and reason else UNCLASSIFIED
        lines.setdefault(reason, []).append(max(0.0, minutes))
        if still_running:
            running[reason] += 1
    return tuple(sorted(
        (StopLine(reason, len(spans), round(sum(spans), 1), running[reason])
         for reason, spans in lines.items()),
        key=lambda line: (-line.minutes, line.reason)))


def alarms_in(events: list[Mapping[str, Any]], start: str, as_of: str) -> list[Alarm]:
    found: list[Alarm] = []
    for event in events:
        if not start <= event["ts"] <= as_of:
            continue
        action = str(event["action"])
        after = event.get("after") if isinstance(event.get("after"), dict) else {}
        if action == "command.done" and after.get("type") in COMMAND_ALARMS:
            params = after.get("params") if isinstance(after.get("params"), dict) else {}
            detail = params.get("reason") or params.get("text") or ""
            found.append(Alarm(str(after["type"]), event["ts"], _text(after.get("issued_by")),
                               _quoted(detail)))
        elif action.startswith(ALARM_PREFIXES):
            detail = after.get("note") or after.get("rule") or after.get("alarm") or ""
            found.append(Alarm(action, event["ts"], _text(event.get("username")),
                               _quoted(detail)))
    return found[-MAX_LINES:]  # the latest, when there were more


def open_issues(state: StationState, stops: tuple[StopLine, ...]) -> list[Issue]:
    issues: list[Issue] = []
    if state.locked_reason:
        issues.append(Issue("locked", {"reason": state.locked_reason}))
    if state.lot and state.lot_total is not None and (state.lot_box or 0) < state.lot_total:
        issues.append(Issue("lot_open", {"lot": state.lot, "box": state.lot_box or 0,
                                         "total": state.lot_total}))
    if stops:
        unclassified = sum(s.stops for s in stops if s.reason == UNCLASSIFIED)
        if unclassified:
            issues.append(Issue("stops_unclassified", {"count": unclassified}))
        running = sum(s.running for s in stops)
        if running:
            issues.append(Issue("stops_running", {"count": running}))
    if state.pending_on_share:
        issues.append(Issue("not_on_share", {"count": state.pending_on_share}))
    return issues


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_utc(value)
    except ValueError:
        return None


def _quoted(detail: Any) -> str:
    """What a person typed (an alarm acknowledgement's note, pasted from an e-mail with a tab
    or a zero-width space), quoted in the signed summary: such characters made spaces, so every
    PC's site view takes the handover (models/handover.py `text_problem` refuses them)."""
    return without_forbidden_characters(str(detail))[:200]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
