"""A second implementation of the site store, in memory: a test double of the database the
PostgreSQL issue brings, written to prove the seam (`tests/utils/site/test_store_contract.py`
runs the journal part of the contract against it and the shared folder's, and a real site view
catches up from it). Beside memory_ports.py (the live transport's double), which it reads its
bounded documents with.

It keeps what a database keeps: per station its chains of journal lines, in numbered parts
(the folder's segments: a reading position is (part, offset) in both), and its signed head;
the site records (per kind, a document per name); and the site directory log's entries (a
row per number, inserted once: the unique key a database settles two writers' race with).
Like the folder it only moves bytes: lines are handed out as the readers parse them
(`journal_entry`, bounded), the head as a `ReadResult`; the checks are the core's. A hostile
writer is played by `put_line`, `put_checkpoint` and `put_entry`, an outage by
`online = False`.

What it does not do (the folder's writer does; its own tests cover it): start a chain of its
own after a takeover or a restore. A journal of the station from another anchor, or one that
goes on past this PC's chain, is `JournalNotOurs` here."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from data import audit_repo
from data.database import Database
from models.canonical import format_utc
from utils.clock import Clock, SystemClock
from utils.site.journal import (
    EXPORT_BATCH, JournalNotOurs, Sealer, checkpoint_document, event_line, header_line,
    seal_line,
)
from utils.site.journal_read import (
    JournalEntry, JournalEvent, JournalHeader, JournalSeal, journal_entry,
)
from utils.site.ports import (
    FIRST_CHAIN, EntryWrite, PlaceRefused, RecordFound, RecordKind, StoreListing, chain_of,
)
from utils.site.share_files import ReadResult
from utils.site.signed import document_bytes

from tests.utils.site.memory_ports import read_bytes

PART_MAX_BYTES = 64 * 1024  # small, so a test's journal spans several parts


@dataclass
class _Journals:
    chains: dict[str, list[bytearray]] = field(default_factory=dict)  # name -> its parts
    checkpoint: bytes | None = None
    version: int = 0  # grows with every write: the change marker


class MemorySiteStore:
    """The site's store of journals and records held in this process (`SiteStore`)."""

    def __init__(self, *, part_max_bytes: int = PART_MAX_BYTES):
        self.lock = threading.RLock()
        self.stations: dict[str, _Journals] = {}
        # kind -> name -> (a number that grows with each write, the record's bytes)
        self.records: dict[RecordKind, dict[str, tuple[int, bytes]]] = {}
        self._writes = itertools.count(1)
        # The site directory log: number -> the entry's bytes, and what was set aside (in
        # order: number, bytes, reason), as a database keeps its refused rows for a person.
        self.entries: dict[int, bytes] = {}
        self.entries_set_aside: list[tuple[int, bytes, str]] = []
        self.online = True  # False: every call raises OSError, as a server that went away
        self.part_max_bytes = part_max_bytes

    def check(self) -> None:
        if not self.online:
            raise ConnectionError("the in-memory site store is away")

    def _journals(self, station_id: str) -> _Journals:
        self.check()
        return self.stations.setdefault(station_id, _Journals())

    # -- publishing ----------------------------------------------------------------------------

    def journal_writer(self, station_id: str, database: Database, anchor: str, key: Sealer, *,
                       on_new_chain: Callable[[str, int, str], None] | None = None
                       ) -> "MemoryJournalPublisher":
        return MemoryJournalPublisher(self, station_id, database, anchor, key)

    def set_aside(self, station_id: str, refused: PlaceRefused) -> bool:
        return False  # nothing here is ever a link: there is no place to refuse

    def append(self, station_id: str, chain: str, data: bytes) -> None:
        """Add whole lines at the end of a chain's newest part (a new part when it is full:
        the publisher starts each with a header)."""
        with self.lock:
            journals = self._journals(station_id)
            parts = journals.chains.setdefault(chain, [])
            if not parts:
                parts.append(bytearray())
            parts[-1] += data
            journals.version += 1

    def new_part(self, station_id: str, chain: str) -> int:
        """Start the chain's next part; its number."""
        with self.lock:
            parts = self._journals(station_id).chains.setdefault(chain, [])
            parts.append(bytearray())
            return len(parts)

    def put_checkpoint(self, station_id: str, data: bytes) -> None:
        """Replace a station's head (the publisher's signed one, or anybody's bytes)."""
        with self.lock:
            journals = self._journals(station_id)
            journals.checkpoint = bytes(data)
            journals.version += 1

    def put_line(self, station_id: str, chain: str, data: bytes) -> None:
        """A hostile writer's bytes at the end of a chain (a database anyone with a
        credential can write is as hostile as the share)."""
        self.append(station_id, chain, data)

    # -- reading -------------------------------------------------------------------------------

    def list_stations(self) -> StoreListing:
        with self.lock:
            self.check()
            return StoreListing(sorted(self.stations))

    def list_chains(self, station_id: str) -> StoreListing:
        with self.lock:
            names = list(self._journals(station_id).chains)
        return StoreListing(sorted(names, key=lambda name: (name != FIRST_CHAIN, name)))

    def journal_published(self, station_id: str, chain: str) -> bool:
        with self.lock:
            return any(self._journals(station_id).chains.get(chain, []))

    def _parts(self, station_id: str, chain: str) -> list[bytes]:
        with self.lock:
            if chain_of(chain) is None:
                raise FileNotFoundError(f"no journal {chain!r} of station {station_id}")
            parts = self._journals(station_id).chains.get(chain, [])
            return [bytes(part) for part in parts]  # a copy: the writer may go on meanwhile

    def read_journal(self, station_id: str, chain: str, *, start_segment: int = 1,
                     start_offset: int = 0) -> Iterator[JournalEntry]:
        parts = self._parts(station_id, chain)
        return self._entries(parts, start_segment, start_offset)

    @staticmethod
    def _entries(parts: list[bytes], start_segment: int,
                 start_offset: int) -> Iterator[JournalEntry]:
        for number, data in enumerate(parts, start=1):
            if number < start_segment:
                continue
            offset = start_offset if number == start_segment else 0
            while offset < len(data):
                end = data.find(b"\n", offset)
                if end < 0:
                    return  # a torn last line: not a line yet
                yield journal_entry(data[offset:end + 1], number, end + 1)
                offset = end + 1

    def journal_size(self, station_id: str, chain: str, start_segment: int = 1,
                     start_offset: int = 0) -> int:
        parts = self._parts(station_id, chain)
        return sum(max(0, len(data) - start_offset) if number == start_segment else len(data)
                   for number, data in enumerate(parts, start=1) if number >= start_segment)

    def read_checkpoint(self, station_id: str, *, max_bytes: int) -> ReadResult:
        with self.lock:
            return read_bytes(self._journals(station_id).checkpoint, max_bytes=max_bytes)

    def change_marker(self, station_id: str, previous: Any) -> Any:
        with self.lock:
            return self._journals(station_id).version

    def journal_watch_folder(self, station_id: str) -> Path | None:
        return None  # no file-system watcher: the follower's rescan alone

    # -- site records --------------------------------------------------------------------------

    def publish_record(self, kind: RecordKind, name: str, data: bytes) -> None:
        with self.lock:
            self.check()
            self.records.setdefault(kind, {})[name] = (next(self._writes), bytes(data))

    def list_records(self, kind: RecordKind) -> list[RecordFound]:
        with self.lock:
            self.check()
            return [RecordFound(name, number)
                    for name, (number, _data) in sorted(self.records.get(kind, {}).items())]

    def read_record(self, kind: RecordKind, name: str, *, max_bytes: int) -> ReadResult:
        with self.lock:
            self.check()
            found = self.records.get(kind, {}).get(name)
            return read_bytes(None if found is None else found[1], max_bytes=max_bytes)

    # -- the site directory log's entries ---------------------------------------------------

    @staticmethod
    def _number(seq: int) -> int:
        if type(seq) is not int or seq < 1:
            raise ValueError(f"not a directory entry's number: {seq!r}")
        return seq

    def create_entry(self, seq: int, data: bytes) -> EntryWrite:
        with self.lock:  # one insert at a time: the second for a number finds it taken
            self.check()
            if self._number(seq) in self.entries:
                return EntryWrite.TAKEN
            self.entries[seq] = bytes(data)
            return EntryWrite.WRITTEN

    def put_entry(self, seq: int, data: bytes) -> None:
        """A hostile writer's bytes as entry `seq` (it takes a free number, as a writer
        with a credential could; a taken number stays as it is)."""
        self.create_entry(seq, data)

    def read_entry(self, seq: int, *, max_bytes: int) -> ReadResult:
        with self.lock:
            self.check()
            return read_bytes(self.entries.get(self._number(seq)), max_bytes=max_bytes)

    def has_entry(self, seq: int) -> bool:
        with self.lock:
            self.check()
            return self._number(seq) in self.entries

    def set_aside_entry(self, seq: int, reason: str) -> bool:
        with self.lock:
            self.check()
            data = self.entries.pop(self._number(seq), None)
            if data is None:
                return False
            self.entries_set_aside.append((seq, data, reason))
            return True

    # -- naming places -------------------------------------------------------------------------

    def journal_label(self, station_id: str, chain: str, segment: int | None = None) -> str:
        return f"memory:{station_id}/{chain}" + ("" if segment is None else f"#{segment}")

    def checkpoint_label(self, station_id: str) -> str:
        return f"memory:{station_id}/head"

    def refused_label(self, refused: PlaceRefused) -> str:
        return f"memory:{refused}"


class MemoryJournalPublisher:
    """Publishes this PC's chain to the in-memory store (`JournalPublisher`): new events in
    order, a seal after each batch and at the end of each part, then the signed head. After
    an outage (`reset`) it trusts only what the store holds, as the folder's writer does."""

    def __init__(self, store: MemorySiteStore, station_id: str, database: Database, anchor: str,
                 key: Sealer, *, clock: Clock | None = None):
        self.store = store
        self.station_id = station_id
        self.database = database
        self.anchor = anchor
        self.key = key
        self.clock = clock or SystemClock()
        self._known = False
        self._last_seq = 0
        self._last_hash = ""
        self._unsealed = False
        self._published: tuple[int, str] | None = None  # the head last put in the store

    @property
    def last_exported_seq(self) -> int:
        return self._last_seq

    def reset(self) -> None:
        self._known = False

    def _own(self, after: int, count: int) -> list[tuple]:
        with self.database.read() as connection:
            return audit_repo.events_after(connection, self.station_id, after, count)

    def _recover(self) -> None:
        """Where the store's journal of this station ends, and whether it is this chain."""
        self._last_seq, self._last_hash, self._unsealed = 0, "", False
        self._published = None
        try:
            entries = list(self.store.read_journal(self.station_id, FIRST_CHAIN))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            if isinstance(entry, JournalHeader) and entry.document.get("anchor") != self.anchor:
                raise JournalNotOurs("the store's journal of this station is another PC's chain")
            if isinstance(entry, JournalEvent):
                self._last_seq, self._last_hash, self._unsealed = entry.seq, entry.hash, True
            elif isinstance(entry, JournalSeal):
                self._unsealed = False
        if self._last_seq:
            own = self._own(self._last_seq - 1, 1)
            if not own or bytes(own[0][2]).hex() != self._last_hash:
                raise JournalNotOurs("the store's journal goes on past this PC's chain")
        self._known = True

    def sync(self) -> int:
        self.store.check()
        if not self._known:
            self._recover()
        rows = self._own(self._last_seq, EXPORT_BATCH)
        if not rows and self._unsealed:
            tail = self._own(self._last_seq - 1, 1)  # sealed with what this PC's database says
            self.store.append(self.station_id, FIRST_CHAIN, self._seal(tail[0]))
        chunk = bytearray()
        part = self._part_size()
        last: tuple | None = None  # the last event in `chunk`
        for row in rows:
            if last is not None and part[1] + len(chunk) >= self.store.part_max_bytes:
                # A full part ends with a seal of its last event, as a folder's segment does.
                self.store.append(self.station_id, FIRST_CHAIN, bytes(chunk) + self._seal(last))
                part = (self.store.new_part(self.station_id, FIRST_CHAIN), 0)
                chunk, last = bytearray(), None
            if part[1] == 0 and not chunk:
                chunk += header_line(self.station_id, self.anchor, part[0])
            chunk += event_line(row)
            last = row
        if rows:
            self.store.append(self.station_id, FIRST_CHAIN, bytes(chunk) + self._seal(rows[-1]))
            self._last_seq, self._last_hash = rows[-1][0], bytes(rows[-1][2]).hex()
        self._unsealed = False
        if self._last_seq and self._published != (self._last_seq, self._last_hash):
            document = checkpoint_document(self.key, self.station_id, self._last_seq,
                                           self._last_hash, format_utc(self.clock.now()))
            self.store.put_checkpoint(self.station_id, document_bytes(document))
            self._published = (self._last_seq, self._last_hash)
        return len(rows)

    def _part_size(self) -> tuple[int, int]:
        """The number of the chain's newest part (1 when none yet) and its size."""
        with self.store.lock:
            parts = self.store._journals(self.station_id).chains.get(FIRST_CHAIN) or [b""]
            return len(parts), len(parts[-1])

    def _seal(self, row: tuple) -> bytes:
        return seal_line(self.key, self.station_id, row[0], row[2], format_utc(self.clock.now()))
