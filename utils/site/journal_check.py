"""The one place where a station's journal is checked event by event: sequence, hash link and
seal. Ingest (the site view) and verify both read journals through `ChainCheck`.

Events are held as pending while they are read. A seal line that covers the last pending
event, and verifies through the injected seal check (utils/site/seals.py), releases them as one
`SealedRun`: only sealed events are ever taken into the site view, and a reader's position
never moves past the last seal. Events after the last seal are "not yet sealed": still being
written, or appended by someone without the station's key; neither is tampering by itself.

A station seals every export, often every box. Through the hash chain a later seal vouches
for every event before it, so both catching up and verify check every seal's place (its seq
and hash against the event before it, a string comparison: a seal that disagrees with the
chain is always named) but the signature only of anchor seals: the first seal after at least
`verify_after` events since the last checked one, and the last seal of what is read. When an
anchor fails, the seals since the last good one are checked one by one, in order, to name the
first bad one exactly (what checking every seal would have named). What this gives up: a seal
line with a bad signature that states the truth (its seq and hash are the chain's) between two
good anchors is not named; the events before it are vouched for by the later anchor all the
same. `every_seal` checks each seal's signature (the backup check keeps it).

The first bad thing stops the check and is kept in `broken` (first bad seq, kind, detail): an
event whose seq is not the next one, whose hash does not match its content, or that does not
link to the one before it; a header naming another station or anchor; a seal that does not
cover the events before it or does not verify; a station that is not a member. Nothing after
it is released. A line that is no event at all (unreadable, too long, of no known kind) is
not taken and is kept in `bad_lines`: anyone may append junk to a file on the share, and the
events around it still prove themselves through their chain and seals; verify calls a
journal holding such a line not intact. A segment the reader refuses to open (a link) ends
the reading there, without breaking the chain: the next pass may find it repaired.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from utils.audit.chain import genesis_hash
from utils.audit.verify import TamperKind
from utils.site.journal_read import BadLine, JournalEntry, JournalEvent, JournalHeader, JournalSeal
from utils.site.seals import NotMember, SealCheck



@dataclass(frozen=True)
class ChainBreak:
    seq: int
    kind: str  # a TamperKind value (not_a_member included)
    detail: str


@dataclass
class SealedRun:
    """Consecutive events vouched for by the seal after them."""

    events: list[JournalEvent]
    seal: JournalSeal

    @property
    def position(self) -> tuple[int, int]:
        """Where reading resumes: just after the seal line."""
        return self.seal.segment, self.seal.end_offset


@dataclass
class ChainCheck:
    """Follows one station's journal from a known point (the start, or the last seal a reader
    took). `last_hash` is the hex hash of event `last_seq` (None at the start: the chain then
    begins at the genesis hash of the journal's anchor)."""

    station_id: str
    seal_ok: SealCheck
    last_seq: int = 0
    last_hash: str | None = None
    anchor: str | None = None
    every_seal: bool = False  # check each seal's signature, not only the anchors
    verify_after: int = 4000  # events between two anchors (signature checks)
    broken: ChainBreak | None = None
    pending: list[JournalEvent] = field(default_factory=list)
    # Lines that are not events, as (seq of the event before them, BadLine).
    bad_lines: list[tuple[int, BadLine]] = field(default_factory=list)
    stopped: bool = False  # the reader refused a segment: nothing after it was read
    sealed_seq: int = 0
    sealed_hash: str | None = None
    # Seals in their right place whose signatures are not checked yet: (seal, events before
    # it in `pending`).
    candidates: list[tuple[JournalSeal, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sealed_seq, self.sealed_hash = self.last_seq, self.last_hash

    @property
    def unsealed(self) -> int:
        return len(self.pending)

    @property
    def head_seq(self) -> int:
        """The last event read that links correctly (sealed or not)."""
        return self.last_seq

    def runs(self, entries: Iterable[JournalEntry]) -> Iterator[SealedRun]:
        """The sealed runs in `entries`; stops at the first bad thing (see `broken`)."""
        if self.broken is not None:
            return
        sha256, fromhex = hashlib.sha256, bytes.fromhex
        expected, last_hash = self.last_seq + 1, self.last_hash
        pending = self.pending
        for entry in entries:
            if type(entry) is JournalEvent:
                if last_hash is None:
                    if self.anchor is None:
                        self._break(entry.seq, TamperKind.MODIFIED,
                                    "the journal's header (its chain anchor) is missing")
                        break
                    last_hash = genesis_hash(self.anchor, self.station_id).hex()
                if entry.seq != expected:
                    if entry.seq > expected:
                        self._break(expected, TamperKind.DELETED, f"event {expected} is missing")
                    else:
                        self._break(entry.seq, TamperKind.INSERTED,
                                    f"event {entry.seq} appears again after event {expected - 1}")
                    break
                try:
                    digest = sha256(fromhex(entry.prev) + entry.body.encode()).hexdigest()
                    intact = digest == entry.hash
                except (ValueError, UnicodeEncodeError):
                    intact = False
                if not intact:
                    self._break(entry.seq, TamperKind.MODIFIED,
                                f"event {entry.seq} was changed after it was written")
                    break
                if entry.prev != last_hash:
                    self._break(entry.seq, TamperKind.MODIFIED,
                                f"event {entry.seq} does not link to the one before it")
                    break
                pending.append(entry)
                expected, last_hash = expected + 1, entry.hash
                self.last_seq, self.last_hash = entry.seq, entry.hash
            elif type(entry) is JournalSeal:
                if not self._seal(entry):
                    break
                if self.every_seal or len(pending) >= self.verify_after:
                    yield from self._release()
                    pending = self.pending
                    if self.broken is not None:
                        return  # the first bad seal is named
            elif type(entry) is JournalHeader:
                if not self._header(entry, expected):
                    break
            else:
                assert isinstance(entry, BadLine)
                self.bad_lines.append((expected - 1, entry))
                # A refused segment ends the reader itself (its last entry): what was read
                # before it is still released below.
                self.stopped = self.stopped or entry.stop
        # The end of what is on the share, or a break in the events or in a seal's place: the
        # seals read before it still vouch for the events they cover, as when every seal is
        # checked (the last one's signature; if it fails, each in turn, and a bad seal before
        # the break is the first bad thing).
        yield from self._release()

    def _seal(self, seal: JournalSeal) -> bool:
        """Check a seal's place; keep it as a candidate. False when it breaks the journal."""
        document = seal.document
        if document.get("station") != self.station_id:
            self._break(self._first_unsealed(), TamperKind.FORGED,
                        f"a seal of station {document.get('station')!r} in this journal")
            return False
        covered = len(self.pending)
        start = self.candidates[-1][1] if self.candidates else 0  # events sealed already
        if covered == start:
            # No event waits for a seal: only the head sealed again (after a restart) is right.
            if document.get("seq") == self.last_seq and document.get("hash") == self.last_hash:
                return True
            self._break(self.last_seq + 1, TamperKind.FORGED,
                        f"a seal of event {document.get('seq')} where no event waits for one")
            return False
        last = self.pending[-1]
        if document.get("seq") != last.seq or document.get("hash") != last.hash:
            self._break(self.pending[start].seq, TamperKind.FORGED,
                        f"events {self.pending[start].seq}–{last.seq} differ from what the "
                        f"station sealed (seal of event {document.get('seq')}): rewritten "
                        f"without its key")
            return False
        self.candidates.append((seal, covered))
        return True

    def _release(self) -> Iterator[SealedRun]:
        """Check the newest candidate's signature (the anchor) and release the events it
        covers; if it fails, check the candidates in order from the oldest, release each good
        one's events and break at the first bad one (the seals before it are not vouched for
        by the failed anchor, so each is checked on its own)."""
        if not self.candidates:
            return
        seal, covered = self.candidates[-1]
        if self._refusal(seal) is None:
            yield self._run(seal, covered)
            return
        while self.candidates:
            seal, covered = self.candidates[0]
            refusal = self._refusal(seal)
            if refusal is None:
                yield self._run(seal, covered)
                continue
            first = self.pending[0].seq
            kind = TamperKind.NOT_A_MEMBER if isinstance(refusal, NotMember) else TamperKind.FORGED
            self._break(first, kind, f"seal of event {seal.document.get('seq')}: {refusal}")
            return

    def _refusal(self, seal: JournalSeal) -> str | None:
        return self.seal_ok(self.station_id, seal.document)

    def _run(self, seal: JournalSeal, covered: int) -> SealedRun:
        """The pending events up to a good seal, as a run; the candidates move down."""
        events, self.pending = self.pending[:covered], self.pending[covered:]
        self.candidates = [(s, n - covered) for s, n in self.candidates if n > covered]
        last = events[-1]
        self.sealed_seq, self.sealed_hash = last.seq, last.hash
        return SealedRun(events, seal)

    def _header(self, header: JournalHeader, expected: int) -> bool:
        document = header.document
        if document.get("station") != self.station_id:
            self._break(expected, TamperKind.MODIFIED,
                        f"segment {header.segment} names station {document.get('station')!r}")
            return False
        anchor = document.get("anchor")
        if self.anchor is None and isinstance(anchor, str):
            self.anchor = anchor
        elif anchor != self.anchor:
            self._break(expected, TamperKind.FOREIGN,
                        f"segment {header.segment} names another chain anchor than the one "
                        f"this station's chain started from")
            return False
        return True

    def _first_unsealed(self) -> int:
        """The first event no seal read so far covers."""
        start = self.candidates[-1][1] if self.candidates else 0
        return self.pending[start].seq if len(self.pending) > start else self.last_seq + 1

    def _break(self, seq: int, kind: str, detail: str) -> None:
        self.broken = ChainBreak(seq, str(kind), detail)
