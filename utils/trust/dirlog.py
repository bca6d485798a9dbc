"""The site directory log in the site store, and this PC's verified copy of it.

Entries numbered from 1, each created once in the site store (`DirectoryEntries`,
utils/site/ports.py; on the shared folder `directory/log/00000001.json`, ... where a hard link
refuses an existing name), so two admins appending at once cannot both take the same number:
the one told TAKEN reads the winner's entry and tries the next number. The store only moves
the bytes; everything below (the envelope, the chain, the signatures, the rules) is decided
here (docs/architecture.md section 7).

An entry is `{"v": 2, "kind": "dirlog", "seq": N, "prev": <hash of entry N-1>, "op": {...}}`;
the operation inside is signed by its author (root, admin, or the person), the envelope is not:
the hash chain fixes the order, the signatures say who. Readers apply an entry only when it
links to the previous one and its operation passes `directory_state.check_op`; an entry that
does not (junk, a replayed old operation) is set aside by the store (on the folder: moved to the
quarantine), so it neither changes any PC's state nor blocks the number for a real writer.
An entry read as nothing at all (empty) may be a writer mid-create: it is waited for, and set
aside only when it stays so through repeated reads over a few seconds (`FailureCounter`), so an
empty file planted there cannot hold the number. An entry with a second name (a write-once
create has one for a moment; anyone can add one with a hard link) is judged by its content:
not the entry of its number, it is set aside at once (that name only: the other keeps the
genuine entry); the entry of its number, it is taken at once. (A writer links a temp file
that is already whole, so there is nothing to wait for; waiting made a PC that reads the
entry for the first time, such as one joining, fail every append as "busy" for as long as a
share writer's second name of the newest entry stayed.)

This PC keeps every entry it has verified in its database, and with the last one, in the same
transaction, its verified head (seq and hash, `VERIFIED_HEAD_KEY`). At start it rebuilds the
state from that copy (no share needed to log in or check a signature): entries up to the head
are taken on the hash chain of their stored text, which must end at the head, without their
signatures and rules checked again (they were when kept; the signatures alone, 0.3 ms each,
were most of a start with a large directory); a copy that does not lead to its head is checked
in full. Whoever can write this PC's database can change what this PC believes (as they could
change the program); nothing on the share can: every entry read from the share is checked in
full. When the store lacks entries this PC holds (deleted, set aside, a rolled-back share) it
writes them back, holes below its head included, and it refuses a store whose entry differs
from one it holds (a fork) and says so; a new entry goes at the log's end only, never into a
hole a later entry shows (utils/trust/dirlog_repair.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from datetime import datetime
from typing import Any

from data import directory_repo, meta_repo
from data.database import Database
from models.canonical import canonical_json, format_utc
from utils.clock import Clock
from utils.site.ports import DirectoryEntries, EntryWrite
from utils.site.share_files import FailureCounter, ReadState
from utils.site.signed import document_bytes
from utils.trust.crypto import PublicKey, SigningKeyPair
from utils.trust.directory_state import (
    DirectoryState, OpRefused, apply_op, check_op, entry_hash, genesis_prev,
)
from utils.trust.dirlog_repair import (
    ENTRY_MAX_BYTES, HOLE_PROBE, LOG_VERSION, DirectoryUnavailable, RefreshReport, WriteBack,
    check_envelope, hole_message, later_entry,
)

log = logging.getLogger(__name__)

APPEND_ATTEMPTS = 25
HOLE_RECHECK_S = 60.0  # a refresh stuck before a hole looks again for a later entry this often
# meta_info key: {"site_id", "seq", "hash"} of the last entry this PC verified and kept.
VERIFIED_HEAD_KEY = "directory_verified_head"


class DirectoryFork(RuntimeError):
    """The store holds an entry that differs from the one this PC verified before."""


def make_op(signer_name: str, key: SigningKeyPair, site_id: str, op: str, data: dict[str, Any],
            at: datetime) -> dict[str, Any]:
    """A signed directory operation (signed by `key`, the key that `signer_name` stands for)."""
    return key.sign_document({"kind": "op", "site_id": site_id, "op": op, "signer": signer_name,
                              "at": format_utc(at), "data": data})


def make_entry(seq: int, prev: str, op: dict[str, Any]) -> dict[str, Any]:
    return {"v": LOG_VERSION, "kind": "dirlog", "seq": seq, "prev": prev, "op": op}


def check_entry(state: DirectoryState, entry: Any, seq: int) -> None:
    """Raise OpRefused unless `entry` is the log's entry `seq` after `state`: its envelope,
    its link, and its operation (signature and rules)."""
    check_link(state, entry, seq)
    check_op(state, entry.get("op"))


def check_link(state: DirectoryState, entry: Any, seq: int) -> None:
    """The envelope of entry `seq` and its link to the entry before it (not the operation)."""
    check_envelope(entry, seq)
    expected_prev = state.head_hash if seq > 1 else genesis_prev(state.site_id)
    if entry.get("prev") != expected_prev:
        raise OpRefused("does not link to the entry before it")


def _advance(state: DirectoryState, entry: dict[str, Any], seq: int, *,
             in_place: bool = False, digest: str | None = None) -> DirectoryState:
    """`digest`: the entry's hash when the caller has it from the entry's canonical text."""
    new = apply_op(state, entry["op"], seq, in_place=in_place)
    new.head_seq, new.head_hash = seq, entry_hash(entry) if digest is None else digest
    return new


def read_verified_head(connection: Any, site_id: str) -> tuple[int, str]:
    """The head this PC stored with its last verified entry, (0, "") when none (a database
    from before the head was kept, another site's, or an unreadable value)."""
    try:
        head = json.loads(meta_repo.get(connection, VERIFIED_HEAD_KEY) or "null")
        if isinstance(head, dict) and head.get("site_id") == site_id:
            seq, digest = head.get("seq"), head.get("hash")
            if type(seq) is int and seq > 0 and isinstance(digest, str):
                return seq, digest
    except ValueError:
        pass
    return 0, ""


def _write_verified_head(connection: Any, state: DirectoryState) -> None:
    meta_repo.put(connection, VERIFIED_HEAD_KEY, canonical_json(
        {"site_id": state.site_id, "seq": state.head_seq, "hash": state.head_hash}))


class DirectoryLog:
    """The verified directory of one site on this PC (thread-safe)."""

    def __init__(self, store: DirectoryEntries, database: Database, *, site_id: str,
                 root: PublicKey, clock: Clock):
        self.store = store  # the site store (its directory part): bytes in, bytes out
        self.database = database
        self.clock = clock
        self._lock = threading.RLock()
        # Entries read as nothing yet (empty: perhaps a writer mid-create): waited for, then
        # set aside if they stay so.
        self._unready = FailureCounter(clock=clock.monotonic)
        self._write_back = WriteBack(store, database, site_id)
        self._hole_looked: tuple[int, float] | None = None  # (number, when) last looked past
        self._forks: dict[str, str] = {}
        self._state = DirectoryState(site_id, root)
        self._load_local()

    def forks(self) -> dict[str, str]:
        """Forks said since this PC started, by the station whose certificate made the other
        entry ("directory" when none does): the fleet's alarm (its anomaly source)."""
        return dict(self._forks)

    @property
    def state(self) -> DirectoryState:
        """The current state (treat as read-only: each change makes a new object)."""
        with self._lock:
            return self._state

    # -- this PC's copy ----------------------------------------------------------------------

    def _load_local(self) -> None:
        with self.database.read() as connection:
            rows = directory_repo.log_entries(connection)
            head = read_verified_head(connection, self._state.site_id)
        state = self._replay_local(rows, head)
        if state is None:
            log.error("This PC's copy of the site directory does not lead to the head it "
                      "verified (entry %d); every entry's signature is checked again", head[0])
            state = self._replay_local(rows, (0, ""))
            assert state is not None
        self._state = state
        if state.head_seq and (state.head_seq, state.head_hash) != head:
            with self.database.write() as connection:  # checked in full now: the next start
                _write_verified_head(connection, state)  # need not check it again

    def _replay_local(self, rows: list[tuple[int, str, str]],
                      head: tuple[int, str]) -> DirectoryState | None:
        """The state this PC's copy gives, its entries up to `head` taken on their place in
        the hash chain (their signatures and rules were checked when they were kept); None
        when those entries do not lead to `head` (altered or missing in this database)."""
        head_seq, head_hash = head
        state = self._state.copy()  # this replay's own: changed in place, published at the end
        for seq, _digest, text in rows:
            if seq <= head_seq:
                # Verified when it was kept, against this very sequence of states: only its
                # place in the chain is checked. The stored text is the entry's canonical
                # JSON, so its hash is the entry's hash, and a change to it breaks the link
                # to the next entry or to the head.
                try:
                    entry = json.loads(text)
                    check_link(state, entry, seq)
                    state = _advance(state, entry, seq, in_place=True,
                                     digest=hashlib.sha256(text.encode("utf-8")).hexdigest())
                except (ValueError, KeyError, TypeError, AttributeError):
                    return None
                if seq == head_seq and state.head_hash != head_hash:
                    return None
                continue
            try:
                entry = json.loads(text)
                check_entry(state, entry, seq)
            except ValueError as exc:  # OpRefused, or not JSON: our own database altered
                log.error("This PC's copy of the site directory is damaged at entry %d (%s); "
                          "entries after it are read again from the share", seq, exc)
                break
            state = _advance(state, entry, seq, in_place=True)
        if state.head_seq < head_seq:
            return None
        return state

    def _keep(self, seq: int, entry: dict[str, Any], state: DirectoryState) -> None:
        with self.database.write() as connection:
            directory_repo.log_append(connection, seq, state.head_hash, canonical_json(entry))
            _write_verified_head(connection, state)

    # -- reading the store -------------------------------------------------------------------

    def refresh(self) -> RefreshReport:
        """Take every new valid entry from the store; heal what the store lost.
        Raises OSError (DirectoryUnavailable, or the store's own) when it is not there."""
        with self._lock:
            report = RefreshReport()
            self.store.check()
            # New entries advance a private copy in place, published once at the end (also
            # when the share goes away half-way: what was kept locally is what it holds).
            work: DirectoryState | None = None
            try:
                while True:
                    state = work or self._state
                    seq = state.head_seq + 1
                    result = self.store.read_entry(seq, max_bytes=ENTRY_MAX_BYTES)
                    if result.state == ReadState.MISSING:
                        self._say_hole(state)
                        break
                    linked = result.state == ReadState.NOT_READY and result.document is not None
                    if result.state != ReadState.OK and not linked:
                        # Nothing read at all (empty, an I/O error):
                        # perhaps a writer mid-create, so wait; but an entry that stays so
                        # is junk holding the number (it would block every append), and is
                        # set aside after repeated reads over some seconds. Bytes that are
                        # not an entry are junk at once: entries are created whole.
                        if result.state == ReadState.NOT_READY and not result.data \
                                and not self._unready.failed(seq):
                            break
                        self._unready.forget(seq)
                        self._throw_out(seq, f"unreadable: {result.reason}", report)
                        continue
                    try:
                        check_entry(state, result.document, seq)
                    except OpRefused as exc:  # with a second name too: that name is not it
                        self._unready.forget(seq)
                        self._throw_out(seq, str(exc), report)
                        continue
                    if linked:  # the entry, whole and chained: its names change nothing
                        log.info("Site directory entry %d has a second name on the share; "
                                 "it is the entry of its number, so it is taken", seq)
                    self._unready.forget(seq)
                    work = _advance(work or self._state.copy(), result.document, seq,
                                    in_place=True)
                    self._keep(seq, result.document, work)
                    report.taken.append(result.document["op"])
            finally:
                if work is not None:
                    self._state = work
            self._write_back.heal(self._state.head_seq, report, self._state)
            if report.fork_signed:  # kept for the panel's alarms (`forks`)
                self._forks[report.fork_station or "directory"] = report.fork
        return report

    def _throw_out(self, seq: int, reason: str, report: RefreshReport) -> None:
        report.refused.append(f"entry {seq}: {reason}")
        log.warning("Site directory entry %d refused (%s); moved to the quarantine", seq, reason)
        try:
            self.store.set_aside_entry(seq, reason)  # False: gone meanwhile, nothing to move
        except OSError as exc:
            raise DirectoryUnavailable(f"cannot move a refused directory entry: {exc}") from exc

    def _say_hole(self, state: DirectoryState) -> None:
        """Warn when the number after this PC's head is a hole, not the log's end (looked at
        once per number and minute: a refresh runs every few seconds)."""
        seq, now = state.head_seq + 1, self.clock.monotonic()
        if self._hole_looked is not None and self._hole_looked[0] == seq \
                and now - self._hole_looked[1] < HOLE_RECHECK_S:
            return
        self._hole_looked = (seq, now)
        later = later_entry(self.store, self.database, state, seq, probe=1)
        if later is not None:
            log.warning("Site directory: %s; this PC takes no later entry until then",
                        hole_message(seq, later))

    # -- writing -----------------------------------------------------------------------------

    def append(self, op: dict[str, Any]) -> int:
        """Add one signed operation at the end of the log; returns its number.

        Raises OpRefused when the operation is not allowed in the site's current state, and
        OSError (DirectoryUnavailable) when the store cannot be written (the caller may queue
        it)."""
        for _attempt in range(APPEND_ATTEMPTS):
            self.refresh()
            with self._lock:
                state = self._state
                check_op(state, op)
                seq = state.head_seq + 1
                # Never into a hole: the later entries would no longer link (a split log).
                later = later_entry(self.store, self.database, state, seq, HOLE_PROBE)
                if later is not None:
                    raise DirectoryUnavailable(f"{hole_message(seq, later)}; nothing was "
                                               "written (an entry there would split it)")
                entry = make_entry(seq, state.head_hash if seq > 1 else genesis_prev(state.site_id), op)
                try:
                    written = self.store.create_entry(seq, document_bytes(entry))
                except OSError as exc:
                    raise DirectoryUnavailable(f"cannot write the site directory: {exc}") from exc
                if written == EntryWrite.TAKEN:
                    continue  # another writer took this number: read theirs, try the next
                new = _advance(state, entry, seq)
                self._keep(seq, entry, new)
                self._state = new
            return seq
        raise DirectoryUnavailable("the site directory is busy (many writers at once); try again")

    def start(self, genesis: dict[str, Any]) -> None:
        """Write the log's first entry (a new site). Refused if the store has a log already."""
        if self._state.head_seq or self.store.has_entry(1):
            raise OpRefused("this site already has a directory")
        self.append(genesis)

    # -- queued operations (made while the share was away) -----------------------------------

    def submit(self, op: dict[str, Any]) -> int | None:
        """Append now, or keep it in the outbox for the next refresh when the share is away.
        Returns the entry number when it was appended now."""
        try:
            if self.pending():  # keep the order: what waited goes first
                self.flush_outbox()
                if self.pending():
                    raise DirectoryUnavailable("earlier changes still wait for the share")
            return self.append(op)
        except OSError as exc:  # DirectoryUnavailable, or the share's root gone
            with self.database.write() as connection:
                directory_repo.outbox_add(connection, canonical_json(op), self.clock.now())
            log.warning("Site directory not reachable (%s); the change is kept on this PC and "
                        "published when the share is back", exc)
            return None

    def flush_outbox(self) -> list[str]:
        """Publish queued operations in order; returns the refusals (superseded changes)."""
        refused: list[str] = []
        with self.database.read() as connection:
            items = directory_repo.outbox_list(connection)
        for item_id, text in items:
            op = json.loads(text)
            try:
                self.append(op)
            except OSError:
                break  # still away: keep the rest for next time
            except OpRefused as exc:
                refused.append(f"{op.get('op')} by {op.get('signer')}: {exc}")
                log.warning("A directory change made while the share was away was refused by "
                            "the site (%s); the site's version stands", exc)
            with self.database.write() as connection:
                directory_repo.outbox_remove(connection, item_id)
        return refused

    def pending(self) -> int:
        with self.database.read() as connection:
            return len(directory_repo.outbox_list(connection))


def read_state_from_store(store: DirectoryEntries, *, site_id: str, root: PublicKey,
                          max_entries: int = 100_000) -> DirectoryState:
    """The directory state the store's log gives, read without keeping anything (for a PC
    that has not joined yet, e.g. to list the site's machines). Stops at the first entry that
    does not verify: the entries the log's own reader takes (it sets the others aside)."""
    state = DirectoryState(site_id, root)
    for seq in range(1, max_entries + 1):
        result = store.read_entry(seq, max_bytes=ENTRY_MAX_BYTES)
        # An entry with a second name (a writer mid-create, or a link someone made) is judged
        # by what it holds, as the log's own reader does; one with nothing in it yet ends the
        # log here (another PC is writing it now).
        linked = result.state == ReadState.NOT_READY and result.document is not None
        if result.state != ReadState.OK and not linked:
            break
        try:
            check_entry(state, result.document, seq)
        except OpRefused:
            break
        state = _advance(state, result.document, seq, in_place=True)  # its own, unseen yet
    return state
