"""The signed audit-trail review (EU GMP Annex 11 §9): a person reviews a period's events that
matter and signs that they did.

What matters: every event of every station in the site view for the period except the routine
of sessions (logins, logouts and the password re-entries that precede a signed change: the
change itself is listed). Changes, refusals, failed logins, lockouts, signatures of records and
lots, commands, exports and verifications all stay.

The review is signed like a lot decision (utils/release): the user name and password at the
session's first signing, the password later; in a site with the person's own key, over the
period, the number of events and a SHA-256 of their (station, seq, body) in order, so a review
cannot be moved onto another period or stand for events added since. It is an audit event of
this PC (`audit.review`) and reaches every PC through its journal; `reviews` lists every PC's,
each checked (a review not signed by a certified key of a person whose role may review is
listed as not valid), and each valid one's period hashed again: events dated inside it that
arrived after the signing (a station offline during the review, a PC clock set back) leave the
signature true of what was reviewed, but the review no longer covers the period (`events_now`).
A period is hashed again only when an event dated inside it reached the view since it was last
hashed (`PeriodCoverage`, data/view_review_memo.py): a year's period is millions of events.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Iterator

from config.constants import Permission
from data import lot_repo, view_repo, view_review_memo
from data.view_review_memo import PeriodMemo
from models.canonical import format_utc
from models.refusal import CodedRefusal
from models.validation import validate_text
from utils.auth import Session
from utils.changes import Topic
from utils.e_signature import check_signature
from utils.permissions import require
from utils.trust.crypto import SIG
from utils.trust.person_documents import role_allowed

if TYPE_CHECKING:
    from utils.context import AppContext

REVIEW_ACTION = "audit.review"
ROUTINE_ACTIONS = frozenset({"login", "logout", "signature"})
SIGNED_FIELDS = ("kind", "site", "start", "end", "events", "events_hash", "note", "signed_by",
                 "full_name", "role", "signed_at", "local_time", "zone", "key_id")


class ReviewError(CodedRefusal):
    """Refused; nothing was changed. `code` is stable."""


@dataclass(frozen=True)
class Review:
    start: str
    end: str
    events: int
    events_hash: str
    note: str
    signed_by: str
    full_name: str
    signed_at: str
    local_time: str
    station: str
    seq: int
    valid: bool
    problem: str | None = None
    # How many events matter in the period now, when they no longer hash to what was signed;
    # None while they still do (and for a review not valid: its counts are nobody's word).
    events_now: int | None = None

    @property
    def covers_period(self) -> bool:
        """Whether the period's events on this PC are still those the review covered."""
        return self.events_now is None


def events_that_matter(ctx: "AppContext", session: Session, start: str, end: str
                       ) -> Iterator[dict[str, Any]]:
    """The period's events a reviewer reads, oldest first (streamed)."""
    require(session, Permission.AUDIT_VIEW, ctx.changes, target="audit review")
    with ctx.site_view.database.read() as connection:
        yield from _matter(connection, start, end)


def _matter(connection: Any, start: str, end: str) -> Iterator[dict[str, Any]]:
    for event in view_repo.iter_events(connection, start=start, end=end):
        if event["action"] not in ROUTINE_ACTIONS:
            yield event


def digest(ctx: "AppContext", session: Session, start: str, end: str) -> tuple[int, str]:
    """How many events matter in [start, end) and the SHA-256 of their identities: hashed
    once, then remembered as the listing remembers it (`PeriodCoverage`), so the signing that
    follows a review, and the listing after it, do not read a year's events again."""
    require(session, Permission.AUDIT_VIEW, ctx.changes, target="audit review")
    view = ctx.site_view
    view.ingest_local()
    with view.database.read() as connection:
        coverage = PeriodCoverage(connection)
        found = coverage.digest(start, end)
    view_review_memo.remember(view.database, coverage.learned)
    return found


def _period_digest(connection: Any, start: str, end: str) -> tuple[int, str]:
    """The count and hash of `digest` (the events that matter: not ROUTINE_ACTIONS), read in
    the caller's transaction (one snapshot): data/view_review_memo.py `period_digest`."""
    return view_review_memo.period_digest(connection, start, end, ROUTINE_ACTIONS)


def sign_review(ctx: "AppContext", session: Session, start: str, end: str, *, password: str,
                reviewed_hash: str, note: str, username: str | None = None) -> Review:
    """Sign the review of [start, end): refused unless the role may review, the events are
    still those reviewed, and the signature holds. Nothing is saved on a refusal."""
    require(session, Permission.AUDIT_REVIEW, ctx.changes, target=f"{start}/{end}")
    text, errors = validate_text("note", note, required=True, max_length=1000)
    if errors or text is None:
        raise ReviewError("note", "Say what you found (a note is required); nothing was signed.")
    if end > format_utc(ctx.clock.now()):
        # A period still open keeps changing (this very signature is an event of it).
        raise ReviewError("period_open", "A review covers a period that has ended; choose an "
                                         "end in the past. Nothing was signed.")
    count, events_hash = digest(ctx, session, start, end)
    if events_hash != reviewed_hash:
        raise ReviewError("content_changed", "Events arrived for this period since you "
                                             "reviewed it; review it again. Nothing was signed.")
    check_signature(ctx, session, password, username, ReviewError)
    now = ctx.clock.now()
    document: dict[str, Any] = {
        "kind": "audit_review", "site": ctx.settings.site_id, "start": start, "end": end,
        "events": count, "events_hash": events_hash, "note": text,
        "signed_by": session.username, "full_name": session.full_name,
        "role": str(session.role), "signed_at": format_utc(now),
        "local_time": ctx.release.local_time(now), "zone": ctx.timezone,
        "key_id": None if session.signer is None else session.signer.key_id}
    if session.signer is not None:
        document[SIG] = session.signer.sign(_payload(document))
    event = ctx.changes.record(session.actor, REVIEW_ACTION, topic=Topic.AUDIT,
                               entity="audit_review", entity_id=f"{start}/{end}", after=document,
                               reason=text)
    ctx.site_view.ingest_local()
    return _review(document, event.station, event.seq, True, None)


def _payload(document: dict[str, Any]) -> dict[str, Any]:
    return {name: document.get(name) for name in SIGNED_FIELDS}


def _review(document: dict[str, Any], station: str, seq: int, valid: bool,
            problem: str | None) -> Review:
    def text(name: str) -> str:
        value = document.get(name)
        return value if isinstance(value, str) else ""

    events = document.get("events")
    return Review(text("start"), text("end"), events if type(events) is int else 0,
                  text("events_hash"), text("note"), text("signed_by"), text("full_name"),
                  text("signed_at"), text("local_time"), station, seq, valid, problem)


def reviews(ctx: "AppContext", session: Session) -> list[Review]:
    """Every review any PC signed, newest first, each checked: its signature, then whether
    its period's events on this PC still hash to what was signed (each period read once)."""
    require(session, Permission.AUDIT_VIEW, ctx.changes, target="audit reviews")
    view = ctx.site_view
    view.ingest_local()
    state = ctx.trust.state if ctx.trust is not None else None
    found = []
    with view.database.read() as connection:
        coverage = PeriodCoverage(connection)
        for event in lot_repo.events_by_action(connection, (REVIEW_ACTION,)):
            document = event["body"].get("after")
            if not isinstance(document, dict):
                continue
            problem = _problem(document, event, state, ctx.station_id)
            listed = _review(document, event["station"], event["seq"], problem is None, problem)
            if listed.valid:
                listed = _with_coverage(listed, coverage)
            found.append(listed)
    view_review_memo.remember(view.database, coverage.learned)
    return sorted(found, key=lambda r: r.signed_at, reverse=True)


class PeriodCoverage:
    """The periods' digests of one listing, read in its transaction (one snapshot): each
    period's remembered digest when no event dated inside it reached the view since, else
    hashed again (once per listing). `learned`: what to remember for the next listing."""

    def __init__(self, connection: Any):
        self._connection = connection
        # The transaction's first read: it fixes the snapshot every digest below is read in,
        # so an event this snapshot lacks is stored later, with an id above this mark.
        self._newest = view_review_memo.newest_event(connection)
        self._periods: dict[tuple[str, str], tuple[int, str]] = {}
        self.learned: dict[str, PeriodMemo] = {}

    def digest(self, start: str, end: str) -> tuple[int, str]:
        """The count and hash of `_period_digest` for [start, end) in this snapshot."""
        if (start, end) not in self._periods:
            self._periods[start, end] = self._read(start, end)
        return self._periods[start, end]

    def _read(self, start: str, end: str) -> tuple[int, str]:
        key = view_review_memo.memo_key(start, end, ROUTINE_ACTIONS)
        memo = view_review_memo.remembered(self._connection, key)
        if memo is not None and not view_review_memo.arrived_since(
                self._connection, start, end, ROUTINE_ACTIONS, memo, self._newest):
            if memo.mark != self._newest:  # still true up to here: checked from here next time
                self.learned[key] = PeriodMemo(self._newest, memo.events, memo.events_hash)
            return memo.events, memo.events_hash
        count, events_hash = _period_digest(self._connection, start, end)
        self.learned[key] = PeriodMemo(self._newest, count, events_hash)
        return count, events_hash


def _with_coverage(listed: Review, coverage: PeriodCoverage) -> Review:
    """`listed` with `events_now` set when its period's events no longer hash to what was
    signed."""
    count, events_hash = coverage.digest(listed.start, listed.end)
    if events_hash == listed.events_hash:
        return listed
    return replace(listed, events_now=count)


def _problem(document: dict[str, Any], event: dict[str, Any], state: Any,
             own_station: str) -> str | None:
    if document.get("kind") != "audit_review" or event.get("username") != document.get(
            "signed_by"):
        return "not a review by the person logged in"
    if state is None:
        return None if event["station"] == own_station else "not signed with a person's key"
    known = state.person_keys.get(document.get("key_id"))
    if known is None or known[0] != document.get("signed_by"):
        return "signed with a key the site never certified for that person"
    if not known[1].verify(_payload(document), document.get(SIG)):
        return "the signature does not match the review"
    if not role_allowed(state, known[0], document, (Permission.AUDIT_REVIEW,)):
        return "signed by a person whose role may not review the audit trail"
    return None


class AuditReviews:
    """The functions above with this installation's context bound: what the admin panel's
    review dialog receives (gui/admin/wiring.py), so that no screen holds the context."""

    def __init__(self, ctx: "AppContext"):
        self._ctx = ctx

    def reviews(self, session: Session) -> list[Review]:
        return reviews(self._ctx, session)

    def digest(self, session: Session, start: str, end: str) -> tuple[int, str]:
        return digest(self._ctx, session, start, end)

    def sign(self, session: Session, start: str, end: str, *, password: str,
             reviewed_hash: str, note: str, username: str | None = None) -> Review:
        return sign_review(self._ctx, session, start, end, password=password,
                           reviewed_hash=reviewed_hash, note=note, username=username)
