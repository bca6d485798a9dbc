"""Keeping the share's copy of the site directory log whole (utils/trust/dirlog.py).

The share is hostile: any entry on it may be deleted, set aside by a reader, or given a second
name. The log's own guarantees say what each PC can do about it. Entry N is fixed by entry
N-1's hash, and every PC keeps each entry it verified (1 to its head) in its database, so:

- **Write-back.** A PC that holds entry N and finds number N free on the share writes its copy
  back, at any number up to its head (a hole in the middle, not only a lost tail), so a reader
  stuck before the hole goes on at its next refresh. It writes on top of the same entry N-1
  only: a different entry N-1 that links correctly is a fork, said and left alone (writing on
  it would have every reader that took the other entry set ours aside, again and again).
- **Holes are not the end.** A writer appends at its head + 1 only when that number is the
  log's end. A free number with a later entry above it is a hole (a PC holds the entry that was
  there), and writing into it would split the log: the later entries would no longer link. The
  writer waits for the write-back instead. What counts as a later entry: one that reads as an
  entry of its number, carrying an operation this PC does not hold. Junk or a copy of an entry
  this PC holds (a replay) does not make a hole, so a planted file cannot stop every writer.

What it costs: `has_entry` is one look at the share. A refresh reads its head entry back (a
fork at the newest number is said at once, its judgement kept while the same entry stays) and
looks at its newest `HEAL_RECENT` entries and at `HEAL_ROTATE` older ones in turn, so every
entry is looked at within head / HEAL_ROTATE refreshes. It looks at the whole log only when
its own head is gone (a rolled-back or cleaned share).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from data import directory_repo
from data.database import Database
from models.canonical import canonical_json
from utils.site.ports import DirectoryEntries, EntryWrite
from utils.site.share_files import ReadState
from utils.site.signed import document_bytes
from utils.trust.directory_state import DirectoryState, OpRefused, genesis_prev, signer_key

log = logging.getLogger(__name__)

LOG_VERSION = 2
ENTRY_MAX_BYTES = 512 * 1024
HEAL_RECENT = 32  # the newest entries, looked at on every refresh
HEAL_ROTATE = 32  # older entries looked at per refresh, in turn
HOLE_PROBE = 8  # numbers above a writer's next one looked at for a later entry


class DirectoryUnavailable(OSError):
    """The site store (or its directory log) cannot be reached or written now."""


@dataclass
class RefreshReport:
    taken: list[dict[str, Any]] = field(default_factory=list)  # operations applied, in order
    refused: list[str] = field(default_factory=list)  # "entry N: reason"
    healed: int = 0  # entries written back to the store
    fork: str | None = None
    fork_signed: bool = False  # the other entry is signed by a key this PC knows, and new
    fork_station: str | None = None  # the station that signed entry certifies, if it does


def check_envelope(entry: Any, seq: int) -> None:
    """Raise OpRefused unless `entry` is shaped as the log's entry `seq` (not its link)."""
    if not isinstance(entry, dict) or entry.get("kind") != "dirlog" or entry.get("v") != LOG_VERSION:
        raise OpRefused("not a directory log entry")
    if set(entry) != {"v", "kind", "seq", "prev", "op"}:
        raise OpRefused("unexpected fields in a directory log entry")
    if entry.get("seq") != seq:
        raise OpRefused(f"entry says it is number {entry.get('seq')!r}")


def heal_numbers(head: int, cursor: int) -> tuple[list[int], int]:
    """The numbers one refresh looks at (ascending), and the cursor for the next one."""
    newest = max(1, head - HEAL_RECENT + 1)
    older = newest - 1  # entries 1 .. older are looked at in turn
    numbers = set(range(newest, head + 1))
    if older:
        start = cursor % older
        numbers.update(1 + (start + step) % older for step in range(min(HEAL_ROTATE, older)))
        cursor = (start + HEAL_ROTATE) % older
    return sorted(numbers), cursor


class WriteBack:
    """Writes entries this PC holds back to the share where they are missing."""

    def __init__(self, store: DirectoryEntries, database: Database, site_id: str):
        self.store = store
        self.database = database
        self.site_id = site_id
        self._cursor = 0
        # The fork found at the head (its number and the other entry's text): judged and
        # said once, not at every refresh (a signature check and a read of the whole copy).
        self._head_fork: tuple[int, str, str | None] | None = None

    def heal(self, head: int, report: RefreshReport, state: DirectoryState | None = None
             ) -> None:
        if head == 0:
            return
        # The newest entry is read back when this PC's state is given (a fork, or a share
        # writer's file there); its read says whether it is there, as has_entry would.
        there = (self._check_head(head, report, state) if state is not None
                 else self.store.has_entry(head))
        if there:  # looked at just now: the loop below need not ask again
            numbers, self._cursor = heal_numbers(head, self._cursor)
            numbers = [seq for seq in numbers if seq != head]
        else:  # the share rolled back or cleaned: look at the whole log
            numbers = list(range(1, head + 1))
        written: set[int] = set()
        for seq in numbers:
            if self.store.has_entry(seq):
                continue
            if seq > 1 and seq - 1 not in written and self._forked(seq - 1, report):
                return
            with self.database.read() as connection:
                held = directory_repo.log_entry(connection, seq)
            if held is None:
                continue  # (this PC's copy lacks it: nothing to give back)
            try:
                outcome = self.store.create_entry(seq, document_bytes(json.loads(held[1])))
            except OSError as exc:
                raise DirectoryUnavailable(f"cannot write the site directory: {exc}") from exc
            if outcome == EntryWrite.WRITTEN:
                report.healed += 1
                written.add(seq)
            elif self._forked(seq, report):  # another writer took the number meanwhile
                return
        if report.healed:
            log.warning("Site directory: %d entries missing from the share were written back "
                        "from this PC's copy (the share lost them: deleted, set aside or rolled "
                        "back)", report.healed)

    def _check_head(self, head: int, report: RefreshReport, state: DirectoryState) -> bool:
        """Whether the share holds an entry at `head` (after this look). This PC's newest entry
        read back. Another entry there, for this site, signed by a
        key `state` knows and not one this PC holds (a replay), is a fork (a PC joined while a
        share writer had deleted this entry, and wrote its certificate at that number): said,
        and `report.fork_signed`. Anything else that is not this PC's entry (empty, junk,
        unsigned, a replay) is a share writer's: set aside, and this PC's entry written back,
        so that no file can hold the number, stopping every join, for good."""
        with self.database.read() as connection:
            held = directory_repo.log_entry(connection, head)
        found = self.store.read_entry(head, max_bytes=ENTRY_MAX_BYTES)
        if found.state in (ReadState.MISSING, ReadState.REFUSED):
            return False  # (REFUSED: a folder on the way is a link, nothing could be read)
        if held is None or (
                found.document is not None and canonical_json(found.document) == held[1]):
            return True
        text = None if found.document is None else canonical_json(found.document)
        if self._head_fork is not None and self._head_fork[:2] == (head, text):
            report.fork = f"entry {head} on the share differs from the one this PC verified"
            report.fork_signed, report.fork_station = True, self._head_fork[2]
            return True
        if self._forked(head, report, signed_in=state, found=found):
            assert text is not None  # (a fork is an entry)
            self._head_fork = (head, text, report.fork_station)
            return True
        try:
            self.store.set_aside_entry(head, "not the entry this PC verified at its number")
            written = self.store.create_entry(head, document_bytes(json.loads(held[1])))
        except OSError as exc:
            raise DirectoryUnavailable(f"cannot write the site directory: {exc}") from exc
        if written == EntryWrite.WRITTEN:
            report.healed += 1
            log.warning("Site directory: entry %d on the share was not the one this PC verified "
                        "(a share writer's file); set aside, this PC's copy written back", head)
        return True  # this PC's, or another writer's that took the number meanwhile

    def _forked(self, seq: int, report: RefreshReport,
                signed_in: DirectoryState | None = None, found: Any = None) -> bool:
        """Whether the share's entry `seq` is another entry that links to this PC's entry
        before it (a fork: said, and this PC keeps its own). Junk, or nothing readable, is no
        fork: readers set junk aside, and the number is written back once it is free.
        `signed_in`: its operation must also be this site's, signed by a key that state knows,
        and not one this PC holds (then `report.fork_signed`); `found`: the entry as read."""
        with self.database.read() as connection:
            held = directory_repo.log_entry(connection, seq)
            before = directory_repo.log_entry(connection, seq - 1) if seq > 1 else None
        if found is None:
            found = self.store.read_entry(seq, max_bytes=ENTRY_MAX_BYTES)
        if held is None or found.document is None or canonical_json(found.document) == held[1]:
            return False
        try:
            check_envelope(found.document, seq)
        except OpRefused:
            return False
        prev = before[0] if before is not None else genesis_prev(self.site_id)
        if found.document.get("prev") != prev:
            return False
        op = found.document.get("op")
        if signed_in is not None:
            key = signer_key(signed_in, op.get("signer")) if isinstance(op, dict) else None
            if key is None or op.get("site_id") != self.site_id or not key.verify_document(op) \
                    or _holds_op(self.database, op):
                return False
            data = op.get("data") if op.get("op") == "pc.certify" else None
            station = data.get("station") if isinstance(data, dict) else None
            report.fork_station = station if isinstance(station, str) else None
            report.fork_signed = True
        report.fork = f"entry {seq} on the share differs from the one this PC verified"
        log.error("Site directory: %s; this PC keeps its own and writes nothing on it (a PC "
                  "that took the other entry does not see this PC's later entries)", report.fork)
        return True


def later_entry(store: DirectoryEntries, database: Database, state: DirectoryState, seq: int,
                probe: int) -> int | None:
    """The number of a later entry when `seq` (free on the share, this PC's head + 1) is a
    hole rather than the log's end; None when none of the next `probe` numbers holds one. A
    later entry counts only when its operation is signed by a key this PC knows (the root, or
    a person's): anyone can write the share, and a file shaped like an entry, unsigned, would
    otherwise stop every writer for good (nobody holds the "hole" to write it back). A genuine
    one signed by a key the hole itself adds is not seen: that writer forks, as before."""
    for later in range(seq + 1, seq + probe + 1):
        found = store.read_entry(later, max_bytes=ENTRY_MAX_BYTES)
        try:
            check_envelope(found.document, later)
        except OpRefused:
            continue  # nothing there, or junk: no entry
        op = found.document["op"]
        if not isinstance(op, dict) or op.get("site_id") != state.site_id:
            continue
        key = signer_key(state, op.get("signer"))
        if key is not None and key.verify_document(op) and not _holds_op(database, op):
            # Looked at once more: another writer may have made `seq`, then `later`, since
            # the caller found it free (no hole then: a writer holds `seq` before `later`).
            return None if store.has_entry(seq) else later
    return None


def _holds_op(database: Database, op: dict[str, Any]) -> bool:
    """Whether this PC's copy of the log holds `op` already (so a copy of it is a replay)."""
    text = canonical_json(op)
    with database.read() as connection:
        rows = directory_repo.log_entries(connection)
    for _seq, _digest, entry in rows:
        try:
            if canonical_json(json.loads(entry).get("op")) == text:
                return True
        except (ValueError, AttributeError):
            continue
    return False


def hole_message(seq: int, later: int) -> str:
    return (f"entry {seq} of the site directory is missing from the share while entry {later} "
            f"is there; a PC that holds entry {seq} (the admin PC that made it, or a station "
            "that read it) writes it back at its next refresh")
