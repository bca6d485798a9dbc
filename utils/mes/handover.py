"""Shift handover at a station: the summary signed by the outgoing person, acknowledged (signed)
by the incoming one, and signed notes added afterwards; never edited.

Every fact is an audit event of the station's own chain, written with the unit of work:

- `handover.signed`: the summary made from the data (utils/mes/handover_summary.py) and the
  outgoing person's notes, in a document signed with their own key (in a site; on a PC in no
  site the chain's MAC stands for it), after they re-entered their password (the same
  electronic signature as a lot's release: `AuthService.verify_signature`, user name too at a
  session's first signing);
- `handover.acknowledged`: the incoming person read it (their own, signed, naming the
  document's hash: what they read is what was signed);
- `handover.note`: an addendum, signed. Nothing else changes a handover: the chain is
  append-only (its triggers refuse UPDATE and DELETE) and this service refuses a second
  signing of the same shift, a second acknowledgement, and acknowledging one's own handover.

The station's journal carries the events to the share; every PC's site view keeps them in its
handover tables (data/view_handover.py), which the admin panel's history reads.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select

from config.constants import Permission, role_allows
from data import schema, view_handover
from data.view_handover import HistoryFilter
from data.records_repo import RecordFilter, list_current_rows
from models.canonical import canonical_bytes, format_utc
from models.handover import (
    ACK_ACTION, ACK_KIND, ACTIONS, DOC_KIND, ENTITY, NOTE_ACTION, NOTE_KIND, NOTES_MAX,
    SIGNED_ACTION, handover_key,
)
from models.refusal import CodedRefusal
from models.shifts import Shift, shift_of
from models.validation import has_forbidden_characters
from utils.auth import Session
from utils.changes import Topic
from utils.e_signature import check_signature
from utils.mes.handover_summary import (
    ALARM_PREFIXES, STOP_PREFIX, HandoverSummary, StationState, summarize,
)
from utils.permissions import require
from utils.trust.person_documents import document_problem, signed

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

# How far back a stop that runs into the shift may have begun and still be found.
STOP_LOOKBACK = timedelta(days=7)


class HandoverError(CodedRefusal):
    """A handover refused; nothing was saved. `code` is stable (the GUI translates it)."""


def handover_id(station: str, shift: Shift) -> str:
    return handover_key(station, shift.day, shift.number)


def document_hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def validate_notes(text: Any, *, required: bool) -> str:
    """The notes as kept: trimmed, lines allowed, control and direction characters refused."""
    if not isinstance(text, str):
        raise HandoverError("notes", "The notes must be text; nothing was saved.")
    lines = [line.rstrip() for line in text.strip().replace("\r\n", "\n").split("\n")]
    if any(has_forbidden_characters(line) for line in lines):
        raise HandoverError("notes", "The notes contain control or direction characters; "
                                     "nothing was saved.")
    cleaned = "\n".join(lines).strip()
    if required and not cleaned:
        raise HandoverError("notes_required", "Write the note first; nothing was saved.")
    if len(cleaned) > NOTES_MAX:
        raise HandoverError("notes_long", f"The notes are longer than {NOTES_MAX} characters; "
                                          f"nothing was saved.")
    return cleaned


@dataclass
class Handover:
    """One handover of this station as this PC's chain holds it."""

    id: str
    document: dict[str, Any]
    seq: int
    acknowledgement: dict[str, Any] | None = None
    notes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, Any]:
        return self.document["summary"]

    @property
    def signed_by(self) -> str:
        return self.document["signed_by"]


class HandoverService:
    def __init__(self, ctx: "AppContext"):
        self.ctx = ctx
        self.changes = ctx.changes

    # -- which shift -----------------------------------------------------------------------

    def shift_to_hand_over(self, now: datetime | None = None) -> Shift:
        """The shift ending now (or that ended a little ago and is not signed yet)."""
        now = now or self.ctx.clock.now()
        current = shift_of(now, self.ctx.timezone)
        previous = shift_of(current.start_utc - timedelta(seconds=1), self.ctx.timezone)
        # The operator finishes the last box, then signs: the shift just ended stays the one
        # to hand over for the catalog's time after its end (config/handover.py).
        if (now - current.start_utc <= self.ctx.catalog.handover.offer_after_end
                and self.find(handover_id(self.ctx.station_id, previous)) is None):
            return previous
        return current

    def offer_due(self, now: datetime | None = None) -> Shift | None:
        """The shift whose handover the station window should offer now, else None: from the
        catalog's time before a shift's end (30 min by default), and into the next shift for
        its time after the end (2 h by default) while the last is unsigned."""
        now = now or self.ctx.clock.now()
        shift = self.shift_to_hand_over(now)
        if self.find(handover_id(self.ctx.station_id, shift)) is not None:
            return None
        if shift.end_utc - now <= self.ctx.catalog.handover.offer_before_end:  # or ended
            return shift
        return None

    # -- the summary -----------------------------------------------------------------------

    def summary(self, session: Session, shift: Shift, *,
                pending_on_share: int | None = None) -> HandoverSummary:
        require(session, Permission.HANDOVER_SIGN, self.changes, target=self.ctx.station_id)
        return self._summary(shift, pending_on_share)

    def _summary(self, shift: Shift, pending_on_share: int | None) -> HandoverSummary:
        now = self.ctx.clock.now()
        station = self.ctx.station_id
        as_of = format_utc(min(now, shift.end_utc))
        audit = schema.audit_events
        wanted = or_(audit.c.action.like(f"{STOP_PREFIX}%"), audit.c.action == "command.done",
                     *(audit.c.action.like(f"{prefix}%") for prefix in ALARM_PREFIXES))
        in_shift = and_(audit.c.ts >= format_utc(shift.start_utc), audit.c.ts <= as_of, wanted)
        earlier_stops = and_(audit.c.ts >= format_utc(shift.start_utc - STOP_LOOKBACK),
                             audit.c.ts < format_utc(shift.start_utc),
                             audit.c.action.like(f"{STOP_PREFIX}%"))
        query = (select(audit.c.station, audit.c.seq, audit.c.ts, audit.c.username,
                        audit.c.action, audit.c.entity_id, audit.c.body)
                 .where(audit.c.station == station, or_(in_shift, earlier_stops)))
        with self.ctx.database.read() as connection:
            records = list_current_rows(connection, RecordFilter(
                start=shift.start_utc, end=shift.end_utc, station_id=station))
            events = [_event(row._mapping) for row in connection.execute(query)]
        lot = self.ctx.production.current_lot()
        state = StationState(self.ctx.production.locked_reason,
                             lot.code if lot else None,
                             lot.registered_count if lot else None,
                             lot.total_boxes if lot else None, pending_on_share)
        return summarize(station, shift, now, records, events, state)

    # -- signing, acknowledging, adding a note ----------------------------------------------

    def sign(self, session: Session, shift: Shift, notes: str, *, password: str,
             username: str | None = None, pending_on_share: int | None = None) -> Handover:
        """The outgoing person signs the shift's summary with their notes."""
        require(session, Permission.HANDOVER_SIGN, self.changes, target=self.ctx.station_id)
        text = validate_notes(notes, required=False)
        ident = handover_id(self.ctx.station_id, shift)
        if self.find(ident) is not None:
            raise HandoverError("already_signed",
                                f"The handover of {ident} is already signed; it cannot change. "
                                f"Add a signed note to it instead. Nothing was saved.")
        summary = self._summary(shift, pending_on_share)
        document = self._signed(session, password, username, {
            "kind": DOC_KIND, "handover": ident, "station": self.ctx.station_id,
            "shift_day": shift.day, "shift_number": shift.number,
            "summary": summary.to_dict(), "notes": text})
        with self.changes.begin(session.actor, Topic.HANDOVER) as tx:
            event = tx.audit(SIGNED_ACTION, entity=ENTITY, entity_id=ident, after=document)
        log.info("Handover %s signed by %s", ident, session.username)
        return Handover(ident, document, event.seq)

    def acknowledge(self, session: Session, ident: str, *, password: str,
                    username: str | None = None, note: str = "") -> Handover:
        """The incoming person has read the handover: signed, naming the document read."""
        require(session, Permission.HANDOVER_SIGN, self.changes, target=ident)
        handover = self._existing(ident)
        if handover.acknowledgement is not None:
            raise HandoverError("already_acknowledged",
                                f"The handover of {ident} was already acknowledged by "
                                f"{handover.acknowledgement['signed_by']}; nothing was saved.")
        if handover.signed_by == session.username:
            raise HandoverError("own_handover",
                                f"{session.username} signed the handover of {ident}: the "
                                f"person taking the station over acknowledges it. Nothing was "
                                f"saved.")
        handover.acknowledgement = self._signed_about(
            handover, ACK_KIND, ACK_ACTION, validate_notes(note, required=False), session,
            password, username)
        log.info("Handover %s acknowledged by %s", ident, session.username)
        return handover

    def add_note(self, session: Session, ident: str, text: str, *, password: str,
                 username: str | None = None) -> Handover:
        """An addendum to a signed handover: the only way anything is added to one."""
        require(session, Permission.HANDOVER_SIGN, self.changes, target=ident)
        handover = self._existing(ident)
        handover.notes.append(self._signed_about(
            handover, NOTE_KIND, NOTE_ACTION, validate_notes(text, required=True), session,
            password, username))
        return handover

    def _signed_about(self, handover: Handover, kind: str, action: str, note: str,
                      session: Session, password: str, username: str | None) -> dict[str, Any]:
        """A person's signed act about a signed handover (its acknowledgement, an addendum):
        naming the very document by its hash, audited in one transaction."""
        document = self._signed(session, password, username, {
            "kind": kind, "handover": handover.id, "station": self.ctx.station_id,
            "document": document_hash(handover.document), "note": note})
        with self.changes.begin(session.actor, Topic.HANDOVER) as tx:
            tx.audit(action, entity=ENTITY, entity_id=handover.id, after=document)
        return document

    def _signed(self, session: Session, password: str, username: str | None,
                body: dict[str, Any]) -> dict[str, Any]:
        """`body` with who signed, when (UTC and the site's local time), signed by the person's
        key; refused unless the electronic signature (password re-entered) holds."""
        check_signature(self.ctx, session, password, username, HandoverError)
        now = self.ctx.clock.now()
        document = {**body, "site": self.ctx.settings.site_id, "signed_by": session.username,
                    "full_name": session.full_name, "role": str(session.role),
                    "signed_at": format_utc(now), "local_time": self.ctx.release.local_time(now)}
        return signed(session.signer, document)

    # -- reading this station's handovers ---------------------------------------------------

    def find(self, ident: str) -> Handover | None:
        """A handover of this station with its acknowledgement and notes (this PC's chain)."""
        audit = schema.audit_events
        query = (select(audit.c.seq, audit.c.action, audit.c.body)
                 .where(audit.c.station == self.ctx.station_id, audit.c.entity == ENTITY,
                        audit.c.entity_id == ident, audit.c.action.in_(ACTIONS))
                 .order_by(audit.c.seq))
        with self.ctx.database.read() as connection:
            rows = list(connection.execute(query))
        handover: Handover | None = None
        for seq, action, body in rows:
            after = json.loads(body).get("after")
            if action == SIGNED_ACTION and handover is None:
                handover = Handover(ident, after, seq)
            elif handover is not None and action == ACK_ACTION and handover.acknowledgement is None:
                handover.acknowledgement = after
            elif handover is not None and action == NOTE_ACTION:
                handover.notes.append(after)
        return handover

    def _existing(self, ident: str) -> Handover:
        handover = self.find(ident)
        if handover is None:
            raise HandoverError("unknown", f"No signed handover {ident} on this station; "
                                           f"nothing was saved.")
        return handover

    def latest(self) -> Handover | None:
        """This station's most recent signed handover."""
        audit = schema.audit_events
        query = (select(audit.c.entity_id).where(
            audit.c.station == self.ctx.station_id, audit.c.action == SIGNED_ACTION)
            .order_by(audit.c.seq.desc()).limit(1))
        with self.ctx.database.read() as connection:
            ident = connection.execute(query).scalar()
        return None if ident is None else self.find(ident)

    def waiting_for(self, session: Session) -> Handover | None:
        """The handover the person who just logged in should read and acknowledge: this
        station's latest, signed by someone else, not acknowledged yet, from the last day."""
        if not role_allows(session.role, Permission.HANDOVER_SIGN):
            return None
        latest = self.latest()
        if latest is None or latest.acknowledgement is not None:
            return None
        if latest.signed_by == session.username:
            return None
        signed_at = latest.document.get("signed_at", "")
        if signed_at < format_utc(self.ctx.clock.now() - timedelta(days=1)):
            return None  # an old one nobody took: the history shows it, the login does not nag
        return latest


class HandoverHistory:
    """Every station's handovers as this PC's site view holds them (the admin panel's tab)."""

    def __init__(self, ctx: "AppContext"):
        self.ctx = ctx

    def search(self, session: Session, wanted: HistoryFilter) -> list[dict[str, Any]]:
        """Matching handovers, newest shift first, each with `problem`: why its signature or
        its acknowledgement's does not hold (None: both hold, or it is not acknowledged)."""
        require(session, Permission.HANDOVER_VIEW, self.ctx.changes)
        view = self.ctx.site_view
        view.ingest_local(wait=False)  # this PC's own newest, unless the follower is at it
        with view.database.read() as connection:
            rows = view_handover.history(connection, wanted)
        state = self.ctx.trust.state if self.ctx.trust is not None else None
        for row in rows:
            row["problem"] = self._problem(row["document"], row["station"], state)
            if row["problem"] is None and row["ack_document"] is not None:
                row["problem"] = self._problem(row["ack_document"], row["station"], state)
        return rows

    def notes(self, session: Session, station: str, ident: str) -> list[dict[str, Any]]:
        require(session, Permission.HANDOVER_VIEW, self.ctx.changes)
        with self.ctx.site_view.database.read() as connection:
            notes = view_handover.notes_of(connection, station, ident)
        state = self.ctx.trust.state if self.ctx.trust is not None else None
        for note in notes:
            note["problem"] = self._problem(note["document"], station, state)
        return notes

    def _problem(self, text: str, station: str, state: Any) -> str | None:
        problem = signature_problem(json.loads(text), state, own_station=self.ctx.station_id,
                                    event_station=station)
        if problem is not None:
            log.info("Handover document of station %s: %s", station, problem)
        return problem


def _event(row: Any) -> dict[str, Any]:
    body = json.loads(row["body"])
    return {"station": row["station"], "seq": row["seq"], "ts": row["ts"],
            "username": row["username"], "action": row["action"],
            "entity_id": row["entity_id"], "after": body.get("after")}


def signature_problem(document: dict[str, Any], state: Any, *, own_station: str,
                      event_station: str) -> str | None:
    """Why a handover document is not a valid person's signature, or None.

    In a site: signed with the key the site directory certified for the person it names, whose
    role may sign handovers. On a PC in no site only its own chain's documents count (the
    chain's MAC is the signature there)."""
    if state is None:
        return None if event_station == own_station else "not signed with a person's key"
    return document_problem(state, document, (Permission.HANDOVER_SIGN,), "sign handovers")
