"""Streaming verification of one station's audit chain.

Reports ok, events checked, the first bad sequence number and its kind:

- modified  an event's content or indexed columns no longer match its hash (or an event was
            rewritten and re-hashed, breaking its successor's link)
- deleted   a sequence number is missing, or the chain skips an event
- inserted  an extra event sits in the chain (a duplicate number or a fork)
- reordered two events changed places
- truncated the chain is shorter than a checkpoint signed earlier (tail cut, old copy restored)
- forged    an event or checkpoint whose hash is consistent but whose HMAC does not verify
            with the site's keys: recomputed without the key
- forked    a signed checkpoint names another event at its seq, while every event carries a
            valid MAC: an older copy was put back and continued with the station's own key
            (or someone holding it rewrote history); nothing was recomputed without the key
- foreign   the chain does not start from this station's anchor, with valid MACs: a chain
            made for another station or installation (a copied database, another journal)
- not_a_member (journals only) the station is not a member of the site (no PC certified for
            it): neither intact nor tampered, said apart from both; nothing of it is trusted
- record_modified / record_inserted / record_deleted (this PC's record table, against the
            chain: utils/audit/records.py) a stored record version differs from what its event
            says, no event wrote it, or its event's version is missing; the result names the
            record and version

The hash pass runs in Python over raw bytes; the check that indexed columns agree with the
hashed body runs at the same time inside SQLite on a second connection (see data.audit_repo).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Callable, Iterable, Sequence

from data.audit_repo import StoredCheckpoint
from models.bounded_json import DEFAULT_LIMITS, parse_json
from utils.audit.keys import KeyRing

Row = tuple[int, bytes, bytes, bytes, bytes, bytes]  # seq, prev, hash, key_id, mac, body


class TamperKind(StrEnum):
    MODIFIED = "modified"
    DELETED = "deleted"
    INSERTED = "inserted"
    REORDERED = "reordered"
    TRUNCATED = "truncated"
    FORGED = "forged"
    FORKED = "forked"  # a signed checkpoint disagrees, every MAC is valid: rolled back, continued
    FOREIGN = "foreign"  # the chain starts from another station's (or site's) anchor
    NOT_A_MEMBER = "not_a_member"  # a station no PC is certified for: nothing of it is trusted
    RECORD_MODIFIED = "record_modified"  # a stored version differs from its event
    RECORD_INSERTED = "record_inserted"  # a stored version no event wrote
    RECORD_DELETED = "record_deleted"  # an event's version is not stored


class VerifyCancelled(Exception):
    pass


@dataclass
class VerifyResult:
    station: str
    ok: bool
    events_checked: int
    first_bad_seq: int | None = None
    kind: TamperKind | None = None
    detail: str = ""
    cancelled: bool = False
    head_seq: int = 0
    checkpoints_checked: int = 0
    unverifiable_macs: int = 0
    unsealed: int = 0  # journals: events after the last seal ("not yet sealed", not tampering)
    records_checked: int = 0  # record versions compared with their events (utils/audit/records)
    record_id: str | None = None  # the first record version the chain does not prove
    record_version: int | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        data["kind"] = None if self.kind is None else str(self.kind)
        return data


@dataclass(order=True)
class _Finding:
    seq: int
    priority: int  # at the same seq, the more specific finding wins (lower number)
    kind: TamperKind = field(compare=False)
    detail: str = field(compare=False)


# At the same seq the more specific finding wins. A forged checkpoint only bounds where the
# damage starts (after the last good checkpoint), so it counts only when no event itself is
# found bad.
_SPECIFIC, _GENERIC, _BOUND = 0, 1, 2
LOOKAHEAD_ROWS = 200_000
MAX_UNCHECKED = 20_000  # without checkpoints, MACs are checked in blocks of this size


class _Pending:
    """A row whose own hash is right but which does not link to its predecessor."""

    def __init__(self, row: Row, expected_prev: bytes, previous: Row | None,
                 mac_valid: Callable[[Row], bool]):
        self.row, self.expected_prev, self.previous = row, expected_prev, previous
        self.mac_valid = mac_valid

    def resolve(self, following: Row | None) -> _Finding:
        seq, prev, digest, _kid, _mac, body = self.row
        claimed = _claimed_seq(body)
        again = (f" (a copy of event {claimed}: a genuine event put back at another place)"
                 if isinstance(claimed, int) and claimed < seq else "")
        if following is not None and following[1] == self.expected_prev:
            if prev == following[2]:
                return _Finding(seq, _SPECIFIC, TamperKind.REORDERED,
                                f"events {seq} and {following[0]} are out of order")
            return _Finding(seq, _SPECIFIC, TamperKind.INSERTED,
                            f"event {seq} does not belong to the chain{again}; the next one "
                            f"continues from event {seq - 1}")
        if self.previous is not None and prev == self.previous[1]:
            return _Finding(self.previous[0], _SPECIFIC, TamperKind.INSERTED,
                            f"event {self.previous[0]} was inserted before event {seq}")
        if self.previous is None:
            if self.mac_valid(self.row):
                return _Finding(seq, _SPECIFIC, TamperKind.FOREIGN,
                                "the first event does not start from this station's anchor, "
                                "and its MAC is valid: a chain made for another station or "
                                "installation")
            return _Finding(seq, _SPECIFIC, TamperKind.FORGED,
                            "the first event does not start from this station's anchor")
        if isinstance(claimed, int) and claimed > seq:
            return _Finding(seq, _SPECIFIC, TamperKind.DELETED,
                            f"event {seq} is missing (the following ones were renumbered)")
        if again:
            if following is None:
                return _Finding(seq, _SPECIFIC, TamperKind.INSERTED,
                                f"event {seq} was added at the end{again}")
            return _Finding(seq, _SPECIFIC, TamperKind.MODIFIED,
                            f"event {seq} was replaced{again}")
        # Event seq-1 is in place (its own hash is right; a MAC that fails is named apart, and
        # first): it is event seq that was changed, with a new hash and, if its MAC is valid,
        # by someone holding the key.
        return _Finding(seq, _SPECIFIC, TamperKind.MODIFIED,
                        f"event {seq} does not link to event {seq - 1}: it was changed and "
                        f"re-hashed, or written on another branch of the chain")


def _claimed_seq(body: bytes) -> int | None:
    """The seq an event's body says it has (None when unreadable)."""
    try:
        claimed = parse_json(body, DEFAULT_LIMITS)  # a journal's body: bounded
    except ValueError:
        return None
    value = claimed.get("seq") if isinstance(claimed, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class _Search:
    """An event looks missing. Before saying "deleted", look further on for the event that
    should be here (it links to the last good event): if it turns up later, events were moved,
    not deleted."""

    def __init__(self, finding: _Finding, expected_prev: bytes):
        self.finding = finding
        self.expected_prev = expected_prev
        self.looked = 0

    def sees(self, row: Row) -> bool:
        """True when the search is over (found, or looked far enough)."""
        self.looked += 1
        if row[1] == self.expected_prev:
            self.finding = _Finding(self.finding.seq, _SPECIFIC, TamperKind.REORDERED,
                                    f"event {self.finding.seq} was moved to a later place in "
                                    f"the chain")
            return True
        return self.looked >= LOOKAHEAD_ROWS


def verify_stream(
    batches: Iterable[Sequence[Row]], *, station: str, genesis: bytes, keyring: KeyRing,
    checkpoints: Iterable[StoredCheckpoint] = (), total: int | None = None,
    progress: Callable[[int, int | None], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    consistency: Callable[[], int | None] | None = None,
    stop_consistency: Callable[[], None] | None = None,
    require_known_keys: bool = False,
) -> VerifyResult:
    """Verify rows given in chain order. `consistency`, if given, runs in a second thread and
    returns the lowest seq whose indexed columns disagree with the body."""
    findings: list[_Finding] = []
    valid_checkpoints: dict[int, list[str]] = {}
    forged_checkpoints: list[StoredCheckpoint] = []
    checkpoint_count = 0
    for checkpoint in checkpoints:
        checkpoint_count += 1
        key = keyring.get(checkpoint.key_id)
        if key is not None and key.check(checkpoint.payload(), checkpoint.sig):
            valid_checkpoints.setdefault(checkpoint.seq, []).append(checkpoint.head_hash)
        else:
            forged_checkpoints.append(checkpoint)

    consistency_result: list[int | None] = []
    consistency_thread = None
    if consistency is not None:
        consistency_thread = threading.Thread(
            target=lambda: consistency_result.append(consistency()),
            name=f"audit-consistency-{station}", daemon=True)
        consistency_thread.start()

    keys: dict[bytes, Callable[[bytes], bytes] | None] = {}

    def mac_function(key_id: bytes) -> Callable[[bytes], bytes] | None:
        if key_id not in keys:
            key = keyring.get(key_id.decode("utf-8", "replace"))
            keys[key_id] = None if key is None else key.mac
        return keys[key_id]

    def mac_valid(row: Row) -> bool:
        mac_of = mac_function(row[3])
        return mac_of is not None and mac_of(row[2]) == row[4]

    sha256 = hashlib.sha256
    expected_seq, expected_prev = 1, genesis
    previous: Row | None = None
    last_good_checkpoint = 0
    checked = 0
    unverifiable = 0
    # A PC verifying its own database holds every key its chains were signed with: there an
    # unknown key is a forgery from the first event. An admin reading another station's journal
    # may lack the key of events written before that station joined the site.
    keyed = require_known_keys
    pending: _Pending | None = None
    searching: _Search | None = None
    unchecked: list[Row] = []  # events after the last good checkpoint, MACs not yet checked
    breaking_row: Row | None = None
    first_unlinked: Row | None = None  # the first event that did not link to the one before

    def check_macs(rows: list[Row], following: Row | None) -> _Finding | None:
        """The first event in `rows` whose MAC does not verify (None if all do)."""
        nonlocal keyed, unverifiable
        for index, (seq, prev, digest, key_id, mac, _body) in enumerate(rows):
            mac_of = mac_function(key_id)
            if mac_of is None:
                if not keyed:
                    unverifiable += 1
                    continue
                detail = f"event {seq} is signed with an unknown key after events signed with a known one"
            elif mac_of(digest) != mac:  # not secret: no need for a constant-time compare
                detail = f"event {seq} was recomputed without the key"
            else:
                keyed = True
                continue
            after = rows[index + 1] if index + 1 < len(rows) else following
            if after is not None and after[1] == prev:
                # The next event links past it to the same predecessor: the forged one was
                # slipped in (a fork), and "inserted" says what happened.
                return _Finding(seq, _SPECIFIC, TamperKind.INSERTED,
                                f"event {seq} was slipped in without the key; the next event "
                                f"continues from event {seq - 1}")
            return _Finding(seq, _SPECIFIC, TamperKind.FORGED, detail)
        return None
    cancelled = False
    try:
        for batch in batches:
            if cancel is not None and cancel():
                cancelled = True
                break
            for row in batch:
                breaking_row = row
                if searching is not None:
                    if searching.sees(row):
                        break
                    continue
                if pending is not None:
                    finding = pending.resolve(row)
                    pending = None
                    if finding.kind == TamperKind.DELETED:
                        searching = _Search(finding, expected_prev)
                        if searching.sees(row):
                            break
                        continue
                    findings.append(finding)
                    break
                seq, prev, digest, key_id, mac, body = row
                if previous is not None and seq == previous[0]:
                    findings.append(_Finding(seq, _SPECIFIC, TamperKind.INSERTED,
                                             f"two events carry number {seq}"))
                    break
                if seq != expected_seq:
                    searching = _Search(_Finding(expected_seq, _SPECIFIC, TamperKind.DELETED,
                                                 f"event {expected_seq} is missing"), expected_prev)
                    if searching.sees(row):
                        break
                    continue
                if sha256(prev + body).digest() != digest:
                    findings.append(_Finding(seq, _SPECIFIC, TamperKind.MODIFIED,
                                             f"event {seq} was changed after it was written"))
                    break
                if prev != expected_prev:
                    pending = _Pending(row, expected_prev, previous, mac_valid)
                    first_unlinked = row
                    continue
                unchecked.append(row)
                heads = valid_checkpoints.get(seq)
                if heads is not None:
                    if any(head != digest.hex() for head in heads):
                        unverified = unverifiable
                        finding = check_macs(unchecked, None)
                        if finding is None and unverifiable == unverified:
                            # Every event here carries a valid MAC, yet a checkpoint signed
                            # earlier names another event: written with the key on another
                            # branch (an older copy put back and continued).
                            finding = _Finding(
                                last_good_checkpoint + 1, _SPECIFIC, TamperKind.FORKED,
                                f"the chain differs from the checkpoint signed at event {seq}; "
                                f"it agrees up to event {last_good_checkpoint}, and every "
                                f"event carries a valid MAC: an older copy was put back and "
                                f"continued with this PC's key")
                        findings.append(finding or _Finding(
                            last_good_checkpoint + 1, _SPECIFIC, TamperKind.FORGED,
                            f"the chain differs from the checkpoint signed at event {seq}"))
                        unchecked = []
                        break
                    # A signed checkpoint vouches for every event up to it (the hash chain
                    # binds them): their own MACs need not be checked one by one.
                    last_good_checkpoint = seq
                    unchecked = []
                    keyed = True
                elif len(unchecked) >= MAX_UNCHECKED:
                    finding = check_macs(unchecked, None)
                    unchecked = []
                    if finding is not None:
                        findings.append(finding)
                        break
                previous = row
                expected_seq, expected_prev = seq + 1, digest
                checked += 1
            else:
                if progress is not None:
                    progress(checked, total)
                continue
            break
        if unchecked and not cancelled:
            # The tail after the last checkpoint, or the events before whatever broke the loop.
            following = first_unlinked or (breaking_row if findings or pending or searching else None)
            finding = check_macs(unchecked, following)
            if finding is not None:
                findings.insert(0, finding)  # at the same seq, a failed MAC is the precise cause
        if pending is not None and not cancelled:
            finding = pending.resolve(None)
            if finding.kind == TamperKind.DELETED and searching is None:
                searching = _Search(finding, expected_prev)
            else:
                findings.append(finding)
        if searching is not None:
            findings.append(searching.finding)
    finally:
        if consistency_thread is not None:
            if cancelled and stop_consistency is not None:
                stop_consistency()
            consistency_thread.join()

    if cancelled:
        return VerifyResult(station, False, checked, cancelled=True, detail="cancelled",
                            head_seq=expected_seq - 1)
    head = expected_seq - 1
    if not findings:
        beyond = [seq for seq in valid_checkpoints if seq > head]
        if beyond:
            findings.append(_Finding(head + 1, _SPECIFIC, TamperKind.TRUNCATED,
                                     f"the chain ends at event {head} but event {max(beyond)} "
                                     f"was signed earlier"))
    for checkpoint in forged_checkpoints:
        base = max((seq for seq in valid_checkpoints if seq < checkpoint.seq), default=0)
        findings.append(_Finding(base + 1, _BOUND, TamperKind.FORGED,
                                 f"the checkpoint at event {checkpoint.seq} is not signed with "
                                 f"a key of this site"))
    if consistency_result and consistency_result[0] is not None:
        seq = consistency_result[0]
        findings.append(_Finding(seq, _GENERIC, TamperKind.MODIFIED,
                                 f"event {seq}'s stored columns differ from what was hashed"))
    if not findings:
        return VerifyResult(station, True, checked, head_seq=head,
                            checkpoints_checked=checkpoint_count, unverifiable_macs=unverifiable,
                            detail=f"{checked} events intact")
    precise = [finding for finding in findings if finding.priority != _BOUND]
    first = min(precise or findings)
    return VerifyResult(station, False, checked, first.seq, first.kind, first.detail,
                        head_seq=head, checkpoints_checked=checkpoint_count,
                        unverifiable_macs=unverifiable)
