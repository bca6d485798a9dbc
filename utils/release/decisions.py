"""Signed decisions about a lot, and the status they add up to.

A decision (complete, release, hold, reject, reopen) is a document signed with the person's own
key (Part 11 §11.70: the meaning, the printed name, the time in UTC and in the site's zone, the
content hash of the lot at that moment, the exceptions acknowledged, and the decision it follows),
kept in the `after` of an audit event of the PC where it was made. Every PC reads every member's
events through its site view and checks each one here:

- in a site, a decision counts only when it is signed by a key the site directory certified for
  the person it names, and that person's role may release lots: an event written by a
  production PC, or put on the share, without the person's key is refused, whatever it says;
- on a PC in no site (a single-PC install) there are no person keys: a decision counts only from
  this PC's own chain (its events are MACed with this PC's key and verified with it);
- decisions are read as a chain: each names the one it follows (`prev`), the first names none.
  A genuine signature replayed later, or onto another lot, names a predecessor that is not the
  lot's current decision (or another lot): it is ignored and listed as such, never applied.
  Two decisions made on the same state from two PCs: the earlier counts, the other is listed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable

from config.constants import Permission
from models.canonical import canonical_bytes
from models.lot_status import ALLOWED_FROM, DecisionKind, LotStatus
from utils.trust.crypto import SIG, SigningKeyPair
from utils.trust.directory_state import DirectoryState
from utils.trust.person_documents import role_allowed

DOCUMENT_KIND = "lot_decision"
SIGNED_FIELDS = ("kind", "site", "lot", "decision", "meaning", "reason", "content_hash", "records",
                 "acknowledged", "prev", "signed_by", "full_name", "role", "signed_at",
                 "local_time", "zone", "key_id")


@dataclass(frozen=True)
class Decision:
    """A decision that passed its checks (its place in the lot's chain is decided by `fold`)."""

    id: str  # SHA-256 of the signed document: what the next decision names as `prev`
    kind: DecisionKind
    lot: str
    meaning: str
    reason: str | None
    content_hash: str
    records: int
    acknowledged: tuple[str, ...]
    prev: str | None
    signed_by: str
    full_name: str
    role: str
    signed_at: str  # canonical UTC
    local_time: str  # in the site's zone, as printed
    signed_with_key: bool
    station: str  # the PC whose chain carries it
    seq: int


@dataclass(frozen=True)
class Refused:
    """An event about the lot that is not a decision of anyone's (forged, replayed, broken)."""

    station: str
    seq: int
    reason: str


@dataclass
class History:
    """The lot's decisions in force, in order, and what was left out and why."""

    status: LotStatus
    chain: list[Decision] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)

    @property
    def head(self) -> str | None:
        return self.chain[-1].id if self.chain else None

    @property
    def last_release(self) -> Decision | None:
        releases = [d for d in self.chain if d.kind is DecisionKind.RELEASE]
        return releases[-1] if releases else None


def decision_id(document: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(document)).hexdigest()


def sign_document(signer: SigningKeyPair | None, document: dict[str, Any]) -> dict[str, Any]:
    """The document with the person's key id and signature (unsigned on a PC in no site)."""
    if signer is None:
        return {**document, "key_id": None}
    signed = {**document, "key_id": signer.key_id}
    return {**signed, SIG: signer.sign(_payload(signed))}


def _payload(document: dict[str, Any]) -> dict[str, Any]:
    return {name: document.get(name) for name in SIGNED_FIELDS}


def check_event(event: dict[str, Any], lot: str, *, state: DirectoryState | None,
                own_station: str) -> Decision | Refused:
    """One decision event of the site view (body parsed) as a Decision, or why it is none."""
    station, seq = event["station"], event["seq"]

    def refused(reason: str) -> Refused:
        return Refused(station, seq, reason)

    document = event["body"].get("after")
    if not isinstance(document, dict) or document.get("kind") != DOCUMENT_KIND:
        return refused("not a lot decision")
    if document.get("lot") != lot or event.get("entity_id") != lot:
        return refused("made for another lot")
    try:
        kind = DecisionKind(document.get("decision"))
    except ValueError:
        return refused("an unknown decision")
    if event.get("action") != kind.action:
        return refused("the event and the decision disagree")
    signer = document.get("signed_by")
    if not isinstance(signer, str) or event.get("username") != signer:
        return refused("signed in the name of someone who was not logged in")
    if state is not None:
        problem = _signature_problem(state, document)
        if problem is not None:
            return refused(problem)
    elif station != own_station:
        return refused("not signed with a person's key (this PC is in no site: only its own "
                       "decisions count)")
    texts = ("meaning", "content_hash", "full_name", "role", "signed_at", "local_time")
    if not all(isinstance(document.get(name), str) for name in texts):
        return refused("a decision with a missing field")
    acknowledged = document.get("acknowledged") or []
    if not isinstance(acknowledged, list) or not all(isinstance(a, str) for a in acknowledged):
        return refused("a decision with a malformed list of acknowledgements")
    prev = document.get("prev")
    records = document.get("records")
    reason = document.get("reason")
    if prev is not None and not isinstance(prev, str) or type(records) is not int:
        return refused("a decision with a malformed field")
    if reason is not None and not isinstance(reason, str):
        return refused("a decision with a malformed reason")
    return Decision(decision_id(document), kind, lot, document["meaning"], reason,
                    document["content_hash"], records, tuple(acknowledged), prev, signer,
                    document["full_name"], document["role"], document["signed_at"],
                    document["local_time"], state is not None, station, seq)


def _signature_problem(state: DirectoryState, document: dict[str, Any]) -> str | None:
    if document.get("site") != state.site_id:
        return "made for another site"
    signature = document.get(SIG)
    if not isinstance(signature, str):
        return "not signed with a person's key"
    known = state.person_keys.get(document.get("key_id"))
    if known is None or known[0] != document.get("signed_by"):
        return "signed with a key the site never certified for that person"
    if not known[1].verify(_payload(document), signature):
        return "the signature does not match the decision"
    if not role_allowed(state, known[0], document, (Permission.LOT_RELEASE,)):
        return "signed by a person whose role may not release lots"
    return None


def fold(checked: Iterable[Decision | Refused], base: LotStatus) -> History:
    """The chain of decisions in force from the first (prev None), and the status it leads to.

    `base` is the status the records give (open, or complete when every planned box is there).
    """
    history = History(base)
    decisions: list[Decision] = []
    for item in checked:
        if isinstance(item, Refused):
            history.refused.append(item)
        else:
            decisions.append(item)
    decisions.sort(key=lambda d: (d.signed_at, d.id, d.station, d.seq))
    applied: set[str] = set()  # decision ids in force
    used: set[tuple[str, int]] = set()  # the events that carried them
    declared_complete = False
    head: str | None = None
    head_at = ""  # when the decision in force was signed
    while True:
        # A decision signed before the one it follows is refused: who signs under a role
        # they have since lost cannot date an act back behind what was decided after it.
        following = [d for d in decisions
                     if d.prev == head and d.id not in applied and d.signed_at >= head_at]
        taken = next((d for d in following if history.status in ALLOWED_FROM[d.kind]), None)
        if taken is None:
            break
        applied.add(taken.id)
        used.add((taken.station, taken.seq))
        history.chain.append(taken)
        head, head_at = taken.id, taken.signed_at
        if taken.kind is DecisionKind.COMPLETE:
            declared_complete = True
        history.status = _status_after(taken.kind, base, declared_complete)
    for decision in decisions:
        if (decision.station, decision.seq) in used:
            continue
        history.refused.append(Refused(
            decision.station, decision.seq,
            f"{decision.meaning} by {decision.signed_by} at {decision.signed_at} does not "
            f"follow the lot's decisions in force (replayed, or made on a state another "
            f"decision had already changed); not applied"))
    return history


def _status_after(kind: DecisionKind, base: LotStatus, declared_complete: bool) -> LotStatus:
    if kind is DecisionKind.RELEASE:
        return LotStatus.RELEASED
    if kind is DecisionKind.HOLD:
        return LotStatus.ON_HOLD
    if kind is DecisionKind.REJECT:
        return LotStatus.REJECTED
    # complete, or reopened: back to what the records (or an earlier declaration) say
    return LotStatus.COMPLETE if declared_complete or base is LotStatus.COMPLETE else base
