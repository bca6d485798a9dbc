"""Releasing a lot: its state as the site knows it, acknowledging its exceptions, signing a
decision about it, and refusing changes to a released lot's records.

Where a lot's status lives: nowhere but in the signed decisions (utils/release/decisions.py),
each an audit event of the PC where the person signed it. That PC's chain carries it through its
journal to every member's site view, so the status reads the same on every PC that has read the
journals; a PC that has not read them yet shows the status it knows. The lot's records are the
site view's too (every station's, and this PC's own at once).

Every decision is refused, with nothing saved, unless: the person's role may release lots (a
refusal is audited); the decision may follow the lot's status (releasing needs a complete lot,
or one on hold; a released lot is reopened first); a reason is given (all but a release); the
lot's content is still what the person reviewed (its hash); every exception is acknowledged (a
release); and the signature holds: user name and password at the session's first signing, the
password later (utils/auth.py), and in a site the person's own key, opened at login.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable
from zoneinfo import ZoneInfo

from config.constants import Permission
from data import lot_repo
from models.canonical import format_utc
from models.lot_status import (
    ACK_ACTION, ALLOWED_FROM, DECISION_ACTIONS, FROZEN, LOT_STATUS_ENTITY, DecisionKind,
    LotStatus, content_hash,
)
from models.refusal import CodedRefusal
from models.validation import validate_reason, validate_text
from utils.auth import Session
from utils.changes import Topic
from utils.e_signature import check_signature
from utils.permissions import require
from utils.release.decisions import (
    DOCUMENT_KIND, Decision, History, check_event, fold, sign_document,
)
from utils.release.exceptions import (
    ALARM_ACTIONS, LOCK_ACTIONS, LotException, chain_exceptions, event_exceptions,
    record_exceptions,
)

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

LOT_SET_ACTIONS = ("lot.set",)


class ReleaseError(CodedRefusal):
    """A decision or acknowledgement refused; nothing was saved. `code` is stable."""


@dataclass(frozen=True)
class Acknowledgement:
    exception_id: str
    by: str
    at: str
    note: str


@dataclass
class LotState:
    """One lot as this PC knows it now."""

    lot: str
    records: list[dict[str, Any]]
    content_hash: str
    planned_boxes: int | None  # from the stations' lot settings (None: never announced)
    history: History
    acknowledgements: dict[str, Acknowledgement] = field(default_factory=dict)

    @property
    def status(self) -> LotStatus:
        return self.history.status

    @property
    def stations(self) -> list[str]:
        return sorted({r["station_id"] for r in self.records})

    @property
    def period(self) -> tuple[str, str] | None:
        times = [r["recorded_at"] for r in self.records]
        return (min(times), max(times)) if times else None

    @property
    def release_valid(self) -> bool | None:
        """For a released lot: does its content still match what was signed? (None: not
        released.) False is an invalidated release: a change reached the lot anyway (a
        station that did not know yet), and the lot must be reviewed and released again."""
        if self.status is not LotStatus.RELEASED:
            return None
        release = self.history.last_release
        return release is not None and release.content_hash == self.content_hash

    @property
    def invalidated(self) -> list[Decision]:
        """Releases in the chain whose content the lot no longer has (reopened and changed,
        or changed behind them)."""
        return [d for d in self.history.chain
                if d.kind is DecisionKind.RELEASE and d.content_hash != self.content_hash]


class ReleaseService:
    def __init__(self, ctx: "AppContext", *,
                 live_skew: Callable[[str], float | None] | None = None):
        self.ctx = ctx
        self.changes = ctx.changes
        # The fleet monitor's clock skew per station, when this PC runs one (the admin panel).
        self.live_skew = live_skew

    # -- reading ---------------------------------------------------------------------------

    def _view(self):
        view = self.ctx.site_view
        view.ingest_local()  # this PC's own newest records and decisions, at once
        return view

    def lots(self, session: Session) -> list[dict[str, Any]]:
        """Lots with records, newest first, each with its status."""
        require(session, Permission.LOT_VIEW, self.changes)
        view = self._view()
        with view.database.read() as connection:
            rows = lot_repo.lots(connection)
        state = self.ctx.trust.state if self.ctx.trust is not None else None
        with view.database.read() as connection:
            for row in rows:  # the status only: no lot's records are read or hashed here
                decisions = lot_repo.lot_events(connection, row["lot"], DECISION_ACTIONS)
                settings = lot_repo.lot_events(connection, row["lot"], LOT_SET_ACTIONS)
                planned = _planned_boxes(settings)
                base = (LotStatus.COMPLETE if planned is not None and row["active"] >= planned
                        else LotStatus.OPEN)
                row["status"] = fold([check_event(e, row["lot"], state=state,
                                                  own_station=self.ctx.station_id)
                                      for e in decisions], base).status
        return rows

    def state(self, session: Session, lot: str) -> LotState:
        require(session, Permission.LOT_VIEW, self.changes, target=lot)
        return self._state(self._view(), lot)

    def _state(self, view, lot: str) -> LotState:
        with view.database.read() as connection:
            records = lot_repo.lot_records(connection, lot)
            decisions = lot_repo.lot_events(connection, lot, DECISION_ACTIONS)
            acks = lot_repo.lot_events(connection, lot, (ACK_ACTION,))
            settings = lot_repo.lot_events(connection, lot, LOT_SET_ACTIONS)
        planned = _planned_boxes(settings)
        active_boxes = {(r["station_id"], r["box"]) for r in records if r["status"] == "active"}
        base = (LotStatus.COMPLETE if planned is not None and len(active_boxes) >= planned
                else LotStatus.OPEN)
        state = self.ctx.trust.state if self.ctx.trust is not None else None
        checked = [check_event(e, lot, state=state, own_station=self.ctx.station_id)
                   for e in decisions]
        history = fold(checked, base)
        for refused in history.refused:
            log.info("Lot %s: event %d of %s is not taken as a decision: %s", lot, refused.seq,
                     refused.station, refused.reason)
        state_ = LotState(lot, records, content_hash(lot, records), planned, history)
        for event in acks:
            after = event["body"].get("after")
            if isinstance(after, dict) and isinstance(after.get("exception"), str):
                state_.acknowledgements.setdefault(after["exception"], Acknowledgement(
                    after["exception"], str(event["username"]), event["ts"],
                    str(after.get("note") or "")))
        return state_

    def exceptions(self, session: Session, lot: str, *, lot_state: LotState | None = None,
                   verified: dict[str, Any] | None = None) -> list[LotException]:
        """What needs a look before release (utils/release/exceptions.py). `verified`: the
        results of a verify just run for the lot's stations (else: as the view read them)."""
        require(session, Permission.LOT_VIEW, self.changes, target=lot)
        view = self._view()
        current = lot_state or self._state(view, lot)
        return self._exceptions(view, current, verified)

    def _exceptions(self, view, current: LotState,
                    verified: dict[str, Any] | None) -> list[LotException]:
        stations = set(current.stations)
        period = current.period
        with view.database.read() as connection:
            versions = lot_repo.lot_versions(connection, [r["record_id"] for r in current.records])
            events = ([] if period is None else lot_repo.station_events(
                connection, stations, (*LOCK_ACTIONS, *ALARM_ACTIONS), *period))
            sources = lot_repo.sources(connection, stations)
        found = record_exceptions(current.records, versions, self.ctx.catalog,
                                  self.ctx.clock.now())
        found += event_exceptions(events, stations)
        found += chain_exceptions(stations, sources, dict(view.problems), verified,
                                  self.live_skew)
        return found

    # -- acknowledging ---------------------------------------------------------------------

    def acknowledge(self, session: Session, lot: str, exception: LotException,
                    note: str) -> Acknowledgement:
        """A person has looked at an exception: audited, with their note (may be short)."""
        require(session, Permission.LOT_RELEASE, self.changes, target=lot)
        text, errors = validate_text("note", note, required=True, max_length=500)
        if errors or text is None:
            raise ReleaseError("note", "Say what you checked (a note is required); nothing "
                                       "was saved.")
        event = self.changes.record(
            session.actor, ACK_ACTION, topic=Topic.RELEASE, entity=LOT_STATUS_ENTITY,
            entity_id=lot, after={"exception": exception.id, "kind": exception.kind,
                                  "station": exception.station, "detail": exception.detail,
                                  "note": text})
        return Acknowledgement(exception.id, session.username, event.ts, text)

    # -- deciding --------------------------------------------------------------------------

    def decide(self, session: Session, lot: str, kind: DecisionKind, *, password: str,
               reviewed_hash: str, username: str | None = None,
               reason: str | None = None) -> Decision:
        """Sign a decision about the lot; see the module's docstring for every refusal."""
        require(session, Permission.LOT_RELEASE, self.changes, target=lot)
        reason_text = validate_reason(reason) if kind.needs_reason else None
        view = self._view()
        current = self._state(view, lot)
        now = self.ctx.clock.now()  # one reading: checked against the last decision, signed
        self._check(session, current, kind, reviewed_hash, now)
        acknowledged: list[str] = []
        if kind is DecisionKind.RELEASE:
            exceptions = self._exceptions(view, current, None)
            waiting = [e for e in exceptions if e.id not in current.acknowledgements]
            if waiting:
                raise ReleaseError("unacknowledged",
                                   f"{len(waiting)} exception(s) of lot {lot} are not "
                                   f"acknowledged yet; nothing was signed.")
            acknowledged = sorted(e.id for e in exceptions)
        check_signature(self.ctx, session, password, username, ReleaseError)
        document = sign_document(session.signer, {
            "kind": DOCUMENT_KIND, "site": self.ctx.settings.site_id, "lot": lot,
            "decision": str(kind), "meaning": kind.meaning(reason_text), "reason": reason_text,
            "content_hash": current.content_hash, "records": len(current.records),
            "acknowledged": acknowledged, "prev": current.history.head,
            "signed_by": session.username, "full_name": session.full_name,
            "role": str(session.role), "signed_at": format_utc(now),
            "local_time": self.local_time(now), "zone": self.ctx.timezone})
        with self.changes.begin(session.actor, Topic.RELEASE) as tx:
            event = tx.audit(kind.action, entity=LOT_STATUS_ENTITY, entity_id=lot,
                             before={"status": str(current.status),
                                     "decision": current.history.head},
                             after=document, reason=reason_text)
        view.ingest_local()
        checked = check_event({"station": event.station, "seq": event.seq, "action": event.action,
                               "entity_id": lot, "username": event.user,
                               "body": {"after": document}}, lot,
                              state=None if self.ctx.trust is None else self.ctx.trust.state,
                              own_station=self.ctx.station_id)
        assert isinstance(checked, Decision), checked  # we just made it: a bug otherwise
        log.info("Lot %s: %s signed by %s", lot, document["meaning"], session.username)
        return checked

    def _check(self, session: Session, current: LotState, kind: DecisionKind,
               reviewed_hash: str, now: datetime) -> None:
        if not current.records:
            raise ReleaseError("no_records", f"Lot {current.lot} has no records on this PC; "
                                             f"nothing was signed.")
        status = current.status
        if status not in ALLOWED_FROM[kind]:
            raise ReleaseError("transition",
                               f"Lot {current.lot} is {status}: it cannot be {kind.meaning(None)} "
                               f"now; nothing was signed.")
        if reviewed_hash != current.content_hash:
            raise ReleaseError("content_changed",
                               f"Lot {current.lot} changed since you reviewed it; review it "
                               f"again. Nothing was signed.")
        last = current.history.chain[-1].signed_at if current.history.chain else ""
        if format_utc(now) < last:
            # Every PC refuses a decision signed before the one it follows
            # (utils/release/decisions.py): signed now, it would be shown nowhere.
            raise ReleaseError("clock_behind",
                               f"This PC's clock is behind the time lot {current.lot}'s last "
                               f"decision was signed ({last}); nothing was signed: set this "
                               f"PC's clock right, then sign again.")

    def local_time(self, moment: datetime) -> str:
        """A time as the site reads it: its local date and time, offset and zone."""
        zone = self.ctx.timezone
        return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M:%S %z} ({zone})"

    # -- guarding the records --------------------------------------------------------------

    def frozen(self, lot: str) -> str | None:
        """Why the lot's records may not change now (released or rejected), else None. What
        this PC's site view knows: a station that has not read the release yet may still
        write; the release then shows as invalidated."""
        if not self.ctx.holds_site_view:
            return None
        view = self.ctx.site_view
        with view.database.read() as connection:  # a box is registered every few seconds:
            if not lot_repo.lot_events(connection, lot, DECISION_ACTIONS):  # cheap when none
                return None
        status = self._state(view, lot).status
        if status in FROZEN:
            return (f"Lot {lot} is {status}: its records cannot change until a quality person "
                    f"reopens it with a reason and a signature. Nothing was saved.")
        return None


def _planned_boxes(settings: list[dict[str, Any]]) -> int | None:
    """The lot's planned boxes: each station's latest lot setting for it, added up."""
    latest: dict[str, int] = {}
    for event in settings:  # oldest first
        after = event["body"].get("after")
        if isinstance(after, dict) and type(after.get("total_boxes")) is int:
            latest[event["station"]] = after["total_boxes"]
    return sum(latest.values()) if latest else None

