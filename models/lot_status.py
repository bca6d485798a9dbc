"""A lot's release status, the decisions that move it, and the hash of a lot's content.

A lot's status is not a column anywhere: it is what the signed decisions about the lot say, read
in the order each names its predecessor (utils/release/decisions.py). The content hash binds a
decision to exactly the record versions the person saw (Part 11 §11.70): every current version
of every record of the lot (voided ones too), in canonical JSON, sorted by record id.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any, Iterable, Mapping

from models.canonical import canonical_bytes


class LotStatus(StrEnum):
    OPEN = "open"  # boxes still expected
    COMPLETE = "complete"  # every box registered (or declared complete): ready for review
    RELEASED = "released"
    ON_HOLD = "on_hold"
    REJECTED = "rejected"


class DecisionKind(StrEnum):
    """What a signed decision does; its audit action is `lot.<kind>`."""

    COMPLETE = "complete"  # a lot that ended short of its planned boxes, declared complete
    RELEASE = "release"
    HOLD = "hold"
    REJECT = "reject"
    REOPEN = "reopen"

    @property
    def action(self) -> str:
        return f"lot.{self.value}"

    @property
    def needs_reason(self) -> bool:
        return self is not DecisionKind.RELEASE

    def meaning(self, reason: str | None) -> str:
        """The signature's meaning as printed and signed: "released", "rejected: <reason>"."""
        word = MEANING_WORDS[self]
        return word if reason is None else f"{word}: {reason}"


MEANING_WORDS = {DecisionKind.COMPLETE: "complete", DecisionKind.RELEASE: "released",
                 DecisionKind.HOLD: "on hold", DecisionKind.REJECT: "rejected",
                 DecisionKind.REOPEN: "reopened"}
DECISION_ACTIONS = frozenset(kind.action for kind in DecisionKind)
ACK_ACTION = "lot.exception_ack"  # an exception of the review acknowledged by a person
LOT_STATUS_ENTITY = "lot_status"  # the audit entity of decisions and acknowledgements

# Which decision may follow which status. Releasing needs a lot that is complete (or on hold);
# a released, held or rejected lot is changed only after it is reopened with a reason.
ALLOWED_FROM: dict[DecisionKind, frozenset[LotStatus]] = {
    DecisionKind.COMPLETE: frozenset({LotStatus.OPEN}),
    DecisionKind.RELEASE: frozenset({LotStatus.COMPLETE, LotStatus.ON_HOLD}),
    DecisionKind.HOLD: frozenset({LotStatus.OPEN, LotStatus.COMPLETE}),
    DecisionKind.REJECT: frozenset({LotStatus.COMPLETE, LotStatus.ON_HOLD}),
    DecisionKind.REOPEN: frozenset({LotStatus.RELEASED, LotStatus.ON_HOLD,
                                    LotStatus.REJECTED}),
}
# Statuses under which the lot's records may not change (a change is refused until reopened).
FROZEN = frozenset({LotStatus.RELEASED, LotStatus.REJECTED})

# The record fields a lot's content is made of (the site view's record columns, without where
# this PC read them from: two PCs hash one lot alike).
CONTENT_FIELDS = ("record_id", "version", "station_id", "lot", "box", "size", "unit_weight_kg",
                  "rej1_defect", "rej1_location", "rej2_defect", "rej2_location",
                  "rej3_defect", "rej3_location", "cam_d", "cam_w", "operator", "recorded_at",
                  "utc_offset_minutes", "origin", "status", "reason", "editor", "edited_at",
                  "base_version")


def content_hash(lot: str, records: Iterable[Mapping[str, Any]]) -> str:
    """SHA-256 (hex) of the lot's current record versions: the canonical JSON of {"lot": code},
    then of each record (CONTENT_FIELDS) sorted by record id, each line ended by a newline.
    Hashed line by line: one canonical text of 5,000 records is one call of the JSON encoder
    that holds the interpreter (and the window, when a background task makes it) for 150 ms."""
    rows = sorted(({name: row.get(name) for name in CONTENT_FIELDS} for row in records),
                  key=lambda row: (str(row["record_id"]), row["version"] or 0))
    hasher = hashlib.sha256(canonical_bytes({"lot": lot}) + b"\n")
    for row in rows:
        hasher.update(canonical_bytes(row) + b"\n")
    return hasher.hexdigest()
