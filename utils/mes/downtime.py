"""A station's stops: opened live when no box comes for N minutes, closed by the next box,
declared with a reason by the operator, classified later by the operator or a supervisor.

How a stop comes to be (the decision, also in the README): the station RECORDS it live. While
the station app runs, `tick` (every few seconds, and right after each box) opens an
unqualified stop once N minutes (the catalog's setting for the station's size) of working
time (planned breaks not counted) have passed since the last box, or since the app started
if that is later: the time the app was not running is not known, so it is not attributed.
The stop starts at that last box (the machine stopped then, not N minutes later) and is closed
at the time of the next box, with the planned breaks it spanned. Both are audit events of the
station's chain (`stop.opened`, `stop.closed`), so every PC's site view takes the same facts
from the journal and agrees: nobody re-derives stops from gaps between boxes elsewhere.
The open stop is kept in this PC's database (a meta key, written in the same unit of work as
its event), so it survives a restart; a box registered while the app was closed around a
crash still closes it at its own time on the next tick.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select

from config.constants import Permission
from config.downtime import UNQUALIFIED
from data import meta_repo, schema
from data import audit_repo
from models.canonical import format_utc, parse_utc
from models.downtime import CLASSIFY_KIND, NOTE_MAX, break_intervals, overlap_seconds
from models.validation import validate_text
from utils.audit.chain import Actor
from utils.changes import Topic
from utils.permissions import require
from utils.site.station_state import SIZE_META_KEY
from utils.trust.person_documents import NoSigningKey, signed

OPEN_KEY = "downtime.open_stop"
R = schema.record_versions
M = schema.meta_info

# Built once: the heartbeat asks for the production state every second, and building these
# statements cost more than running them (SQLAlchemy, measured: docs/architecture.md §6).
_FACTS_META = select(M.c.key, M.c.value).where(M.c.key.in_([OPEN_KEY, SIZE_META_KEY]))
_LAST_BOX = select(func.max(R.c.recorded_at)).where(
    R.c.station_id == bindparam("station"), R.c.version == 1, R.c.origin == "station")


class StopRefused(ValueError):
    """A declaration or classification that cannot be taken: `code` says why for the screen
    ("not_a_reason": not one of the catalog's stop reasons, "already_open": a stop is open
    already), the message for the log."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class OpenStop:
    stop_id: str
    started_at: datetime
    size: str | None
    reason: str  # "" = unqualified


@dataclass(frozen=True)
class ProductionState:
    """What the fleet and the station window show: running, idle, break or down."""

    state: str  # running | idle | break | down
    since: datetime | None
    reason: str | None = None  # down: the stop's reason ("" unqualified)
    stop_id: str | None = None

    def document(self) -> dict[str, Any]:
        """The status heartbeat's `production` field (older readers ignore it)."""
        return {"state": self.state,
                "since": None if self.since is None else format_utc(self.since),
                "reason": self.reason, "stop_id": self.stop_id}


@dataclass(frozen=True)
class StopRow:
    """One of this station's stops as its own chain tells it (the station window's list)."""

    stop_id: str
    started_at: datetime
    ended_at: datetime | None
    reason: str
    classified_by: str | None


class DowntimeService:
    def __init__(self, ctx: Any, started_at: datetime | None = None):
        self.ctx = ctx
        self.station = ctx.station_id
        # Before this the app did not run here: a gap before it is not known to be a stop.
        self.started_at = started_at or ctx.clock.now()

    # -- what is -------------------------------------------------------------------------------

    def _facts(self, *, last_box: bool = True) -> tuple[OpenStop | None, str | None,
                                                        datetime | None]:
        """The open stop, the size and the last box, read in one transaction."""
        with self.ctx.database.read() as connection:
            meta = dict(connection.execute(_FACTS_META).all())
            last = connection.execute(_LAST_BOX, {"station": self.station}).scalar() \
                if last_box else None
        machine = self.ctx.catalog.machine(self.station)
        size = meta.get(SIZE_META_KEY) or (machine.size if machine else None)
        return (_open_stop(meta.get(OPEN_KEY)), size,
                None if last is None else parse_utc(last))

    def open_stop(self) -> OpenStop | None:
        return self._facts(last_box=False)[0]

    def size(self) -> str | None:
        return self._facts(last_box=False)[1]

    def last_box_at(self) -> datetime | None:
        return self._facts()[2]

    def _first_box_after(self, moment: datetime) -> datetime | None:
        with self.ctx.database.read() as connection:
            text = connection.execute(select(func.min(R.c.recorded_at)).where(
                R.c.station_id == self.station, R.c.version == 1, R.c.origin == "station",
                R.c.recorded_at > format_utc(moment))).scalar()
        return None if text is None else parse_utc(text)

    def state(self, now: datetime | None = None) -> ProductionState:
        """Running, idle, break or down now (asked by every heartbeat: one read)."""
        now = now or self.ctx.clock.now()
        stop, size, last = self._facts()
        if stop is not None:
            return ProductionState("down", stop.started_at, stop.reason, stop.stop_id)
        plan = self.ctx.catalog.downtime
        if break_intervals(now, now + timedelta(seconds=1), self.ctx.timezone, plan.breaks):
            return ProductionState("break", None)
        limit = timedelta(minutes=plan.rate(size).stop_after_minutes)
        if last is not None and now - last < limit:
            return ProductionState("running", last)
        return ProductionState("idle", last)

    # -- the live rule -------------------------------------------------------------------------

    def tick(self, now: datetime | None = None) -> str | None:
        """Open or close the automatic stop as the clock says; returns "opened", "closed" or
        None. Quick: one read transaction when nothing changes."""
        now = now or self.ctx.clock.now()
        stop, size, last = self._facts()
        if stop is not None:
            box = self._first_box_after(stop.started_at)
            if box is None:
                return None
            self._close(stop, box)
            return "closed"
        plan = self.ctx.catalog.downtime
        reference = self.started_at if last is None else max(last, self.started_at)
        if now <= reference:
            return None
        zone = self.ctx.timezone
        working = (now - reference).total_seconds() - overlap_seconds(
            reference, now, break_intervals(reference, now, zone, plan.breaks))
        if working < plan.rate(size).stop_after_minutes * 60:
            return None
        self._open(Actor.system(), reference, UNQUALIFIED)
        return "opened"

    def _open(self, actor: Actor, started_at: datetime, reason: str) -> OpenStop:
        stop = OpenStop(uuid.uuid4().hex[:16], started_at, self.size(), reason)
        with self.ctx.changes.begin(actor, Topic.DOWNTIME) as tx:
            meta_repo.put(tx.connection, OPEN_KEY, json.dumps(
                {"stop_id": stop.stop_id, "started_at": format_utc(started_at),
                 "size": stop.size, "reason": reason}))
            tx.audit("stop.opened", entity="stop", entity_id=f"{self.station}/{stop.stop_id}",
                     after={"stop_id": stop.stop_id, "started_at": format_utc(started_at),
                            "size": stop.size, "reason": reason})
        return stop

    def _close(self, stop: OpenStop, ended_at: datetime) -> None:
        breaks = break_intervals(stop.started_at, ended_at, self.ctx.timezone,
                                 self.ctx.catalog.downtime.breaks)
        with self.ctx.changes.begin(Actor.system(), Topic.DOWNTIME) as tx:
            meta_repo.put(tx.connection, OPEN_KEY, "")
            tx.audit("stop.closed", entity="stop", entity_id=f"{self.station}/{stop.stop_id}",
                     after={"stop_id": stop.stop_id, "started_at": format_utc(stop.started_at),
                            "ended_at": format_utc(ended_at),
                            "breaks": [[format_utc(a), format_utc(b)] for a, b in breaks]})

    # -- what people do ------------------------------------------------------------------------

    def _reason(self, reason: Any) -> str:
        if not isinstance(reason, str) or reason not in self.ctx.catalog.downtime.reasons:
            raise StopRefused("not_a_reason", f"{reason!r} is not one of the catalog's stop reasons")
        return reason

    def declare(self, session: Any, reason: Any) -> OpenStop:
        """The operator says the machine is down now, and why (a stop with its reason)."""
        require(session, Permission.DOWNTIME_CLASSIFY, self.ctx.changes, target=self.station)
        reason = self._reason(reason)
        if self.open_stop() is not None:
            raise StopRefused("already_open", "a stop is already open: classify it instead")
        return self._open(session.actor, self.ctx.clock.now(), reason)

    def classify(self, session: Any, station: str, stop_id: str, reason: Any,
                 note: str = "") -> None:
        """Give a stop its reason (again: the newest classification counts; all are audited
        with who and when), signed with the person's own key (NoSigningKey: in a site that key
        is not open, and the stop is another station's or the site gave this person a key)."""
        require(session, Permission.DOWNTIME_CLASSIFY, self.ctx.changes,
                target=f"{station}/{stop_id}")
        if station != self.station:
            # Another station's stop: only who sees every station's stops (a supervisor, an
            # admin), not an operator of this one. The site view refuses the rest too.
            require(session, Permission.OEE_VIEW, self.ctx.changes, target=f"{station}/{stop_id}")
        reason = self._reason(reason)
        # What every PC's site view refuses (data/view_oee.py) is refused here first: a
        # note holding control or direction characters, or longer than the view keeps.
        note, errors = validate_text("note", note, required=False, max_length=NOTE_MAX)
        if errors:
            raise StopRefused("bad_note", errors[0].message)
        note = note or ""
        trust = self.ctx.trust
        if trust is not None and session.signer is None and (
                station != self.station or trust.state.person_key(session.username) is not None):
            raise NoSigningKey()
        # Every PC's site view takes it only with the person's signature (data/view_oee.py):
        # the role the event records is this PC's word, which a copy of its key could forge.
        document = signed(session.signer, {
            "kind": CLASSIFY_KIND, "site": self.ctx.settings.site_id, "station": station,
            "stop_id": stop_id, "reason": reason, "note": note,
            "signed_by": session.username, "full_name": session.full_name,
            "role": str(session.role), "signed_at": format_utc(self.ctx.clock.now())})
        stop = self.open_stop() if station == self.station else None
        with self.ctx.changes.begin(session.actor, Topic.DOWNTIME) as tx:
            if stop is not None and stop.stop_id == stop_id:
                meta_repo.put(tx.connection, OPEN_KEY, json.dumps(
                    {"stop_id": stop.stop_id, "started_at": format_utc(stop.started_at),
                     "size": stop.size, "reason": reason}))
            tx.audit("stop.classified", entity="stop", entity_id=f"{station}/{stop_id}",
                     after=document)

    def recent_stops(self, limit: int = 50) -> list[StopRow]:
        """This station's newest stops, from its own chain (newest first)."""
        stops: dict[str, dict[str, Any]] = {}
        with self.ctx.database.read() as connection:
            for action in ("stop.opened", "stop.closed", "stop.classified"):
                for event in audit_repo.list_events(connection, station=self.station,
                                                    action=action, limit=limit * 4,
                                                    newest_first=True):
                    after = json.loads(event["body"]).get("after") or {}
                    if after.get("station", self.station) != self.station:
                        continue  # a stop of another station classified at this PC
                    row = stops.setdefault(after["stop_id"], {"reason": "", "by": None,
                                                              "at": None})
                    if action == "stop.opened":
                        row["started_at"] = after["started_at"]
                        row.setdefault("opened_reason", after.get("reason") or "")
                    elif action == "stop.closed":
                        row["ended_at"] = after["ended_at"]
                    elif row["at"] is None or event["ts"] > row["at"]:
                        row.update(reason=after["reason"], by=event["username"], at=event["ts"])
        found = [StopRow(stop_id, parse_utc(row["started_at"]),
                         parse_utc(row["ended_at"]) if row.get("ended_at") else None,
                         row["reason"] if row["at"] else row.get("opened_reason", ""),
                         row["by"])
                 for stop_id, row in stops.items() if "started_at" in row]
        return sorted(found, key=lambda s: s.started_at, reverse=True)[:limit]


def _open_stop(text: str | None) -> OpenStop | None:
    """The open stop kept in the meta key ("" or absent: none open)."""
    if not text:
        return None
    raw = json.loads(text)
    return OpenStop(raw["stop_id"], parse_utc(raw["started_at"]), raw.get("size"),
                    raw.get("reason") or UNQUALIFIED)
