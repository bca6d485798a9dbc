"""Station journals on the share: the station's audit chain, exported line by line, sealed.

Every change a station makes (records, versions, voids, users, commands...) is an audit event,
and record events carry the whole record in `after`. So the journal is the audit chain itself:
one JSON line per event with its `seq`, `prev`, `hash`, key id, MAC and the exact hashed body.
After each exported batch the writer appends one **seal line**

    {"kind": "seal", "station": ID, "seq": N, "hash": HEX, "ts": ISO, "key_id": KID, "sig": SIG}

signed (over the canonical JSON of the line without `sig`) by the writer's sealer, where
(seq, hash) are those of the last event line before it. Through the hash chain a seal vouches
for every event up to it; a reader takes events into its site view only once a seal covering
them verifies (utils/site/journal_check.py). Nothing in a journal is trusted without that.

Layout: `journal/00000001.jsonl`, `00000002.jsonl`, ... rotated by size; the first line of each
segment is a header naming the station and its chain anchor. One writer (the station). After an
outage or a crash the writer reads where the share's journal really ends, trims a torn last
line, seals an unsealed tail with what its own database holds, and continues from the next
event: no gap, no duplicate.

One folder per chain. A station's first chain is published in `journal/`. When the station's
journal holds a chain this PC cannot continue, the PC publishes its own whole chain (from
event 1) in a folder of its own, `journal-<chain id>/`, and leaves the other folders as they
are (never appended to, never trimmed):

- after a **takeover** (the journal starts from another PC's anchor): at once; the person
  confirmed the takeover when this PC joined, and the old PC's key is retired in the site
  directory with the head it had sealed then (utils/site/membership.py);
- after a **restore** (the journal has the same anchor but goes on past this PC's chain): only
  when this PC's own chain records `backup.restored` right after the last event both share
  (utils/backup/restore.py: an admin's signed, audited restore). Any other fork (a copy of
  this PC's database run elsewhere) is held back: `JournalNotOurs`.

The chain id (`chain_id`) is derived from the anchor and the chain's first event that the chain
it could not continue does not hold (event 1 after a takeover, the event after the fork point
after a restore), so a restarted writer finds its folder again and two chains never share one.
A later folder's headers name their chain id and fork point, and every seal line in it names
the chain id inside its signature: a copy of a journal put in another folder carries seals
made for the folder it came from, and is refused there (utils/site/seals.py).

Every access goes through the share's seam (utils.site.share_fs): a segment that is a link or a
hard-linked file is never appended to, truncated or read (ShareRefused), and every line is
parsed with the bounded reader, read at most LINE_MAX_BYTES at a time. Seals are signed by the
station's own PC key (Ed25519, certified in the site directory): no other PC, and nobody with
write access to the share alone, can seal a station's events.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, NamedTuple, Protocol

from data import audit_repo
from data.audit_repo import StoredCheckpoint
from data.database import Database
from models.bounded_json import JsonLimits, parse_json
from models.canonical import canonical_json, format_utc
from utils.clock import Clock, SystemClock
from utils.site.layout import (PROTOCOL_VERSION, SiteLayout, StationLayout, folder_chain,
                               looks_like_journal)
from utils.site.share_fs import ShareFS, ShareRefused, refused
from utils.site.signed import document_bytes

log = logging.getLogger(__name__)

SEGMENT_MAX_BYTES = 4 * 1024 * 1024
EXPORT_BATCH = 2000
LINE_MAX_BYTES = 1024 * 1024
LINE_LIMITS = JsonLimits(max_bytes=LINE_MAX_BYTES)
BODY_LIMITS = JsonLimits(max_bytes=LINE_MAX_BYTES)  # an event's body: a JSON text in a line
# Recovery reads the newest segment whole: one the station wrote is at most a batch past the
# rotation size; anything far larger is not ours and is refused.
RECOVER_MAX_BYTES = 64 * 1024 * 1024


class Sealer(Protocol):
    """What signs seal lines and the published checkpoint: the station's PC key
    (utils/trust/crypto.SigningKeyPair)."""

    key_id: str

    def sign(self, payload: dict) -> str: ...


RESTORED_ACTION = "backup.restored"  # utils/backup/restore.py: what lets a fork publish


class JournalNotOurs(Exception):
    """The station's journal on the share goes on past this PC's chain (same anchor), and this
    PC's chain records no restore right after the last event both share: another copy of this
    PC's database ran on elsewhere. Appending would break that journal for every reader and a
    folder of its own would publish an unexplained second history, so this PC holds its events
    back (they stay in its own database) and says so in its status. It ends when the journal
    becomes this PC's again (the other copy's events were never sealed) or after an admin
    restores this PC with `shopfloor restore` (its chain then records the restore and is
    published in a folder of its own). A takeover's or a restore's new chain is never held:
    it gets its own folder (see the module's docstring)."""


def chain_id(anchor: str, seq: int, digest_hex: str) -> str:
    """A later chain's id: from its anchor and the first event (seq, hash) of it that the chain
    it could not continue does not hold."""
    text = f"shopfloor-chain:{anchor}:{seq}:{digest_hex}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ChainFolders:
    """A station's journal folders on the share: `chains` as (chain id, folder), the first
    journal's (chain None) first; `refused` as (path, why), never read."""

    chains: list[tuple[str | None, Path]]
    refused: list[tuple[Path, str]]


def chain_folders(station: StationLayout, *, share: ShareFS | None = None) -> ChainFolders:
    """The station's journal folders (FileNotFoundError: no station folder). A link, a FIFO, a
    file or a folder whose name is no chain folder's is listed as refused, never followed."""
    fs = share or station.fs
    chains: list[tuple[str | None, Path]] = []
    refused_entries: list[tuple[Path, str]] = []
    for entry in fs.scandir(station.folder):
        if not looks_like_journal(entry.name):
            continue
        chain = folder_chain(entry.name)
        if entry.problem is not None:
            refused_entries.append((entry.path, f"{entry.problem}; not followed"))
        elif not entry.is_dir:
            refused_entries.append((entry.path, "a file where a journal folder belongs"))
        elif chain is None:
            refused_entries.append((entry.path, "not a journal folder's name (journal-<16 hex "
                                                "digits>); not read"))
        else:
            chains.append((chain or None, entry.path))
    chains.sort(key=lambda item: (item[0] is not None, item[0] or ""))
    return ChainFolders(chains, sorted(refused_entries))


def segment_name(number: int) -> str:
    return f"{number:08d}.jsonl"


def _share_of(folder: Path) -> ShareFS:
    """A journal folder is always `<share>/stations/<id>/journal`."""
    return ShareFS(Path(folder).parents[2])


def list_segments(folder: Path, *, share: ShareFS | None = None) -> list[tuple[int, Path]]:
    """Segment files by number (links and the like are listed too: reading them is refused)."""
    try:
        names = [entry.name for entry in (share or _share_of(folder)).scandir(folder)]
    except FileNotFoundError:
        return []
    segments = []
    for name in names:
        stem, dot, ext = name.partition(".")
        if ext == "jsonl" and stem.isdigit() and len(stem) == 8:
            segments.append((int(stem), folder / name))
    return sorted(segments)


def sealed_heads(station: StationLayout, key: Any, *,
                 share: ShareFS | None = None) -> dict[str, tuple[int, str]]:
    """Per journal folder of the station, the last event (seq, hash) that a seal signed by
    `key` (a PublicKey) vouches for there: what a PC had published when it is retired at a
    takeover (utils/site/membership.py records it in the signed takeover). Read within
    bounds; a folder that cannot be read, or with no such seal, is left out."""
    fs = share or station.fs
    heads: dict[str, tuple[int, str]] = {}
    try:
        folders = chain_folders(station, share=fs).chains
    except (FileNotFoundError, ShareRefused):
        return heads
    for _chain, folder in folders:
        try:
            segments = list_segments(folder, share=fs)
            for _number, path in reversed(segments[-2:]):
                data, _info = fs.read_bytes(path, max_bytes=RECOVER_MAX_BYTES)
                head = _last_seal(data.splitlines(), key, station.station_id, folder.name)
                if head is not None:
                    heads[folder.name] = head
                    break
        except OSError as exc:  # ShareRefused included: that folder is left out
            log.warning("Journal %s of station %s not read for the takeover: %s", folder.name,
                        station.station_id, exc)
    return heads


def _last_seal(lines: list[bytes], key: Any, station_id: str,
               folder_name: str) -> tuple[int, str] | None:
    chain = folder_chain(folder_name) or None
    for line in reversed(lines):
        try:
            entry = parse_line(line)
        except ValueError:
            continue
        if (isinstance(entry, dict) and entry.get("kind") == "seal"
                and entry.get("station") == station_id and entry.get("chain") == chain
                and type(entry.get("seq")) is int and isinstance(entry.get("hash"), str)
                and key.verify_document(entry)):
            return entry["seq"], entry["hash"]
    return None


def parse_line(line: bytes) -> Any:
    """One journal line, bounded (ValueError for anything unreadable)."""
    return parse_json(line, LINE_LIMITS)


def parse_body(body: str) -> Any:
    """An event's body (canonical JSON text), bounded (ValueError for anything unreadable)."""
    return parse_json(body, BODY_LIMITS)


def event_line(row: tuple) -> bytes:
    seq, prev, digest, key_id, mac, body = row
    return canonical_json({"kind": "event", "seq": seq, "prev": bytes(prev).hex(),
                           "hash": bytes(digest).hex(), "key_id": key_id,
                           "mac": bytes(mac).hex(), "body": body}).encode("utf-8") + b"\n"


def seal_payload(station_id: str, seq: int, digest_hex: str, ts: str, key_id: str,
                 chain: str | None = None) -> dict:
    """A seal line without its signature: what the sealer signs. A later chain's seals name
    their chain id (the folder they were made for); the first journal's name none."""
    payload = {"kind": "seal", "station": station_id, "seq": seq, "hash": digest_hex, "ts": ts,
               "key_id": key_id}
    if chain is not None:
        payload["chain"] = chain
    return payload


def seal_line(sealer: Sealer, station_id: str, seq: int, digest: bytes, ts: str,
              chain: str | None = None) -> bytes:
    payload = seal_payload(station_id, seq, bytes(digest).hex(), ts, sealer.key_id, chain)
    return canonical_json({**payload, "sig": sealer.sign(payload)}).encode("utf-8") + b"\n"


class JournalWriter:
    def __init__(self, database: Database, station: StationLayout, anchor: str,
                 key: Sealer, *, segment_max_bytes: int = SEGMENT_MAX_BYTES,
                 sealer: Sealer | None = None, clock: Clock | None = None,
                 seal_every: int | None = None, durable: bool = True,
                 on_new_chain: Callable[[str, int, str], None] | None = None):
        self.database = database
        self.station = station
        self.anchor = anchor
        self.key = key  # signs the published checkpoint file
        self.sealer: Sealer = sealer or key
        self.clock = clock or SystemClock()
        self.segment_max_bytes = segment_max_bytes
        # A running station exports (and so seals) every commit, often one box: the synthetic
        # site (utils/site/synthetic.py) writes a year at once and asks for a seal every few
        # events to lay its journals out as such a station's would be. None: one per batch.
        self.seal_every = seal_every
        self.durable = durable  # False only for the synthetic site: no fsync per append
        self._segment: int | None = None  # None: find out from the share first
        self._last_seq = 0
        self._last_hash = ""
        self._unsealed_tail = False  # the share's last event has no seal after it
        self._not_ours: str | None = None  # why the share's journal is not this chain's
        self._known = False  # the share's journal end has been read at least once
        self._published_checkpoint: tuple[int, str] | None = None
        # The chain folder this PC publishes in (None: `journal/`), and where that chain forked
        # from the one it could not continue (0: it has an anchor of its own).
        self.chain: str | None = None
        self.fork_seq = 0
        # Told (folder name, fork seq, why) when this PC starts publishing in a folder of its
        # own: the station's sync records it in the audit chain.
        self.on_new_chain = on_new_chain

    @property
    def folder(self) -> Path:
        """The journal folder this PC's chain is published in."""
        return self.station.chain_journal(self.chain)

    def reset(self) -> None:
        """After an outage: trust only what the share holds, not what we remember."""
        self._segment = None
        self._not_ours = None

    @property
    def last_exported_seq(self) -> int:
        return self._last_seq

    @property
    def position_known(self) -> bool:
        """False until the share's journal has been read once (before that, the last exported
        event is not known: right after start, or a share never reached)."""
        return self._known

    def _header(self, number: int) -> bytes:
        header = {"kind": "header", "v": PROTOCOL_VERSION, "station": self.station.station_id,
                  "anchor": self.anchor, "segment": number}
        if self.chain is not None:
            header.update(chain=self.chain, fork_seq=self.fork_seq)
        return canonical_json(header).encode("utf-8") + b"\n"

    def _recover(self) -> None:
        """Find the folder this PC's chain is published in (or start one), the last event
        really on the share there; trim a torn last line; note whether that event is sealed."""
        SiteLayout(self.station.root).require_root()  # no phantom share
        fs = self.station.fs
        fs.mkdirs(self.station.folder)
        found = chain_folders(self.station, share=fs)
        ends = [(chain, folder, self._folder_end(folder)) for chain, folder in found.chains]
        # Of the folders holding this PC's chain, the one that holds most of it (a share
        # writer may have made an empty one that looks like it), the one it wrote last first.
        ours = [(end.last, chain == self.chain, chain is None, chain, folder, end)
                for chain, folder, end in ends if end.segment and self._is_ours(end, chain)]
        if ours:
            *_rank, chain, folder, end = max(ours, key=lambda item: item[:3])
            self._adopt(chain, folder, end)
            return
        first = next((end for chain, _folder, end in ends if chain is None), None)
        if first is None or not first.segment:
            fs.mkdirs(self.station.journal)  # the station's first chain
            self._adopt(None, self.station.journal, first or _FolderEnd())
            return
        self._new_chain(ends)

    def _folder_end(self, folder: Path) -> "_FolderEnd":
        """How a journal folder ends, read without changing it (a torn last line ignored)."""
        segments = list_segments(folder, share=self.station.fs)
        if not segments:
            return _FolderEnd()
        number, path = segments[-1]
        data = self._read_segment(path)
        end = data.rfind(b"\n") + 1
        last, last_hash, sealed = _last_event(data[:end].splitlines())
        if last == 0 and number > 1:
            # Only a header in the newest segment: the previous segment holds the last event.
            last, last_hash, previous_sealed = _last_event(
                self._read_segment(segments[-2][1]).splitlines())
            sealed = sealed or previous_sealed
        header = _header(data[:end])
        return _FolderEnd(number, path, end, len(data), header.get("anchor"), last, last_hash,
                          sealed, header.get("chain"))

    def _is_ours(self, end: "_FolderEnd", chain: str | None = None) -> bool:
        """A folder holds this PC's chain: its anchor, and its last event the very event this
        PC's database holds at that seq (an empty folder: nothing says otherwise). A later
        chain's folder must name this PC's anchor and its own chain id in its header (a copy
        of another folder is not ours)."""
        if chain is not None and (end.anchor is None or end.chain != chain):
            return False
        if end.anchor is not None and end.anchor != self.anchor:
            return False
        if not end.last:
            return True
        own = self._own_event(end.last)
        return own is not None and bytes(own[2]).hex() == end.last_hash

    def _own_event(self, seq: int) -> tuple | None:
        with self.database.read() as connection:
            rows = audit_repo.events_after(connection, self.station.station_id, seq - 1, 1)
        return rows[0] if rows and rows[0][0] == seq else None

    def _adopt(self, chain: str | None, folder: Path, end: "_FolderEnd") -> None:
        """Publish in `folder` from its end on (a torn last line trimmed first)."""
        if end.path is not None and end.size > end.cut:  # a crash or outage mid-append
            self.station.fs.truncate(end.path, end.cut)
            log.warning("Journal %s/%s: trimmed a torn last line (%d bytes)", folder.name,
                        end.path.name, end.size - end.cut)
        if chain != self.chain:
            self.chain = chain
            self._published_checkpoint = None
        self._segment = max(end.segment, 1)
        self._last_seq, self._last_hash = end.last, end.last_hash
        self._unsealed_tail = end.last > 0 and not end.sealed
        self._known = True

    def _new_chain(self, others: list[tuple[str | None, Path, "_FolderEnd"]]) -> None:
        """No folder holds this PC's chain: start one of its own when the chains there are
        another PC's (a takeover) or this chain's before an audited restore; otherwise hold
        back (JournalNotOurs, kept until `reset`)."""
        same = [(chain, folder) for chain, folder, end in others
                if end.segment and end.anchor == self.anchor]
        fork_seq, reason = 0, "takeover"
        if same:
            fork_seq = max(self._shared_prefix(folder) for _chain, folder in same)
            reason = "restore"
        first = self._own_event(fork_seq + 1)
        if first is None:
            # Nothing of this PC's own beyond what is published: nothing to publish yet.
            self._segment = None
            self._known = True
            return
        if same and _action(first[5]) != RESTORED_ACTION:
            problem = (f"the journal on the share goes on past this PC's chain after event "
                       f"{fork_seq}, and this PC's chain records no restore there: another "
                       f"copy of this PC's database ran on elsewhere; this PC's events stay "
                       f"in its database")
            self._not_ours = problem
            raise JournalNotOurs(problem)
        chain = chain_id(self.anchor, first[0], bytes(first[2]).hex())
        folder = self.station.chain_journal(chain)
        self.station.fs.mkdirs(folder)
        end = self._folder_end(folder)
        if end.segment and not self._is_ours(end, chain):
            problem = (f"{folder.name} on the share, the folder of this PC's chain, holds "
                       f"another chain; nothing was appended to it")
            self._not_ours = problem
            raise JournalNotOurs(problem)
        self.fork_seq = fork_seq
        self._adopt(chain, folder, end)
        log.warning("Journal of station %s: this PC's chain is published in %s (after a %s; "
                    "fork after event %d); the other journal folders stay as they are",
                    self.station.station_id, folder.name, reason, fork_seq)
        if self.on_new_chain is not None:
            self.on_new_chain(folder.name, fork_seq, reason)

    def _shared_prefix(self, folder: Path) -> int:
        """The last event a journal folder shares with this PC's chain (same seq, same hash),
        read through the bounded reader; once, when a fork is found."""
        shared = 0
        own: dict[int, str] = {}
        for entry in read_journal(folder, share=self.station.fs):
            if not isinstance(entry, JournalEvent):
                if isinstance(entry, BadLine) and entry.stop:
                    break
                continue
            if entry.seq != shared + 1:
                break
            if entry.seq not in own:
                with self.database.read() as connection:
                    rows = audit_repo.events_after(connection, self.station.station_id,
                                                   entry.seq - 1, EXPORT_BATCH)
                own = {row[0]: bytes(row[2]).hex() for row in rows}
            if own.get(entry.seq) != entry.hash:
                break
            shared = entry.seq
        return shared

    def _read_segment(self, path: Path) -> bytes:
        data, _info = self.station.fs.read_bytes(path, max_bytes=RECOVER_MAX_BYTES)
        if len(data) > RECOVER_MAX_BYTES:
            raise refused(path, "a journal segment far larger than the station writes")
        return data

    def sync(self, batch: int = EXPORT_BATCH) -> int:
        """Append the events not yet on the share, then their seal; returns how many. Raises
        OSError when the share is unreachable (the caller marks it offline and calls `reset`)."""
        if self._not_ours is not None:
            raise JournalNotOurs(self._not_ours)  # until reset: the share is not read again
        if self._segment is None:
            self._recover()
        if self._segment is None:
            return 0  # nothing of this PC's own chain to publish yet (see _new_chain)
        with self.database.read() as connection:
            rows = audit_repo.events_after(connection, self.station.station_id, self._last_seq,
                                           batch)
            tail = (audit_repo.events_after(connection, self.station.station_id,
                                            self._last_seq - 1, 1)
                    if self._unsealed_tail and not rows else [])
        if rows:
            self._append(rows)
        elif tail:
            # The share's last events lost their seal (a torn line trimmed after a crash): seal
            # them with what this PC's own database says, never with what the share says.
            self._write(self.folder / segment_name(self._segment),
                        self._seal(tail[0][0], tail[0][2]))
        self._unsealed_tail = False
        self._publish_checkpoint()
        return len(rows)

    def _seal(self, seq: int, digest: bytes) -> bytes:
        return seal_line(self.sealer, self.station.station_id, seq, digest,
                         format_utc(self.clock.now()), self.chain)

    def _append(self, rows: list[tuple]) -> None:
        """Append whole lines, starting a new segment whenever the current one is full; every
        segment's part of the batch ends with a seal of its last event."""
        assert self._segment is not None
        path = self.folder / segment_name(self._segment)
        try:
            size = self.station.fs.lstat(path).st_size
        except FileNotFoundError:
            size = 0
        chunk = bytearray()
        last: tuple | None = None
        for row in rows:
            if size + len(chunk) >= self.segment_max_bytes:
                if last is not None:
                    chunk += self._seal(last[0], last[2])
                self._write(path, chunk)
                self._last_seq = row[0] - 1
                self._segment += 1
                path = self.folder / segment_name(self._segment)
                size, chunk, last = 0, bytearray(), None
            if size == 0 and not chunk:
                chunk += self._header(self._segment)
            chunk += event_line(row)
            last = row
            if self.seal_every and row[0] % self.seal_every == 0:
                chunk += self._seal(row[0], row[2])
                last = None
        if last is not None:
            chunk += self._seal(last[0], last[2])
        self._write(path, chunk)
        self._last_seq, self._last_hash = rows[-1][0], bytes(rows[-1][2]).hex()

    def _write(self, path: Path, chunk: bytes) -> None:
        if not chunk:
            return
        # Never to a link or a hard-linked file (the share's seam refuses them).
        self.station.fs.append(path, bytes(chunk), durable=self.durable)

    def _publish_checkpoint(self) -> None:
        """After each export: this PC signs the head of what the journal holds now. Other
        PCs keep every head they saw as a witness: a journal later rolled back or cut short
        is caught by verify even when it is internally consistent."""
        if self._last_seq == 0:
            return
        marker = (self._last_seq, self._last_hash)
        if marker == self._published_checkpoint:
            return
        unsigned = StoredCheckpoint(self.station.station_id, self._last_seq, self._last_hash,
                                    format_utc(self.clock.now()), self.key.key_id, "")
        document = {"kind": "checkpoint", **unsigned.payload(),
                    "sig": self.key.sign(unsigned.payload())}
        # Not fsynced: a head lost in a power cut is published again at the next export, and
        # its journal lines (which it only vouches for) are durable already; this saves four
        # of a command's twelve fsyncs (bench_sync's round trip).
        self.station.fs.write_atomic(self.station.checkpoint, document_bytes(document),
                                     durable=False)
        self._published_checkpoint = marker


def _action(body: str) -> Any:
    try:
        parsed = parse_body(body)
    except ValueError:
        return None
    return parsed.get("action") if isinstance(parsed, dict) else None


@dataclass(frozen=True)
class _FolderEnd:
    """How a journal folder ends: its newest segment (0: none), where its last whole line
    ends in it and its size, the header's anchor, the last event and whether it is sealed."""

    segment: int = 0
    path: Path | None = None
    cut: int = 0
    size: int = 0
    anchor: str | None = None
    last: int = 0
    last_hash: str = ""
    sealed: bool = False
    chain: str | None = None  # the chain id its header names (a later chain's folder)


def _header(data: bytes) -> dict[str, str]:
    """The anchor and chain id named by a segment's header (its first line), where it names
    them as text."""
    first = data.split(b"\n", 1)[0]
    try:
        entry = parse_line(first)
    except ValueError:
        return {}
    if not isinstance(entry, dict) or entry.get("kind") != "header":
        return {}
    return {name: entry[name] for name in ("anchor", "chain") if isinstance(entry.get(name), str)}


def _last_event(lines: list[bytes]) -> tuple[int, str, bool]:
    """(seq and hash of the last event line, whether a seal line follows it) in a segment's
    lines, each parsed within bounds."""
    last, last_hash, sealed = 0, "", False
    for line in lines:
        try:
            entry = parse_line(line)
        except ValueError:
            continue
        if not isinstance(entry, dict):
            continue
        if entry.get("kind") == "event":
            if type(entry.get("seq")) is int and entry["seq"] > last:
                last, last_hash, sealed = entry["seq"], str(entry.get("hash", "")), False
        elif entry.get("kind") == "seal" and last:
            sealed = True
    return last, last_hash, sealed


# -- reading journals ------------------------------------------------------------------------------

class JournalEvent(NamedTuple):
    """One event line. A named tuple, not a frozen dataclass: catching up makes millions, and
    a frozen dataclass's constructor costs as much as reading the line."""

    seq: int
    prev: str  # hex, as on the line
    hash: str  # hex
    key_id: str
    mac: str  # hex
    body: str
    segment: int
    end_offset: int  # where the next line starts in the segment


@dataclass(frozen=True, slots=True)
class JournalSeal:
    document: dict[str, Any]  # the whole line, signature included
    segment: int
    end_offset: int


@dataclass(frozen=True, slots=True)
class JournalHeader:
    document: dict[str, Any]
    segment: int
    end_offset: int


@dataclass(frozen=True, slots=True)
class BadLine:
    """A line that is not JSON, not an object, or too long: never taken, it breaks the
    reader's expectations only if an event was needed there."""

    reason: str
    segment: int
    end_offset: int
    stop: bool = False  # the reader ends here (a segment it refuses to open)


JournalEntry = JournalEvent | JournalSeal | JournalHeader | BadLine


def read_journal(folder: Path, *, start_segment: int = 1, start_offset: int = 0,
                 share: ShareFS | None = None) -> Iterator[JournalEntry]:
    """Complete lines from (segment, offset) on, in order; a torn last line (still being
    written) is left for next time. Raises OSError when the folder cannot be read.

    Through the share's seam, a line at most LINE_MAX_BYTES at a time: an over-long line is a
    BadLine. A segment that is a link or a hard-linked file is not read: one BadLine with
    `stop` set, and reading ends there (nothing after it can be trusted to follow on)."""
    fs = share or _share_of(folder)
    for number, path in list_segments(folder, share=fs):
        if number < start_segment:
            continue
        offset = start_offset if number == start_segment else 0
        try:
            with fs.open_read(path) as (handle, _info):
                handle.seek(offset)
                while True:
                    line = handle.readline(LINE_MAX_BYTES + 1)
                    if not line:
                        break
                    if len(line) > LINE_MAX_BYTES:
                        skipped = _skip_rest_of_line(handle)
                        if skipped is None:
                            return  # still being written (or never ends): not a line yet
                        offset += len(line) + skipped
                        yield BadLine("line too long", number, offset)
                        continue
                    if not line.endswith(b"\n"):
                        return  # still being written
                    offset += len(line)
                    yield _entry(line, number, offset)
        except FileNotFoundError:
            continue
        except ShareRefused as exc:
            yield BadLine(f"{exc.path.name}: {exc.reason}; not read", number, 0, stop=True)
            return


def _skip_rest_of_line(handle: Any) -> int | None:
    """Read past the rest of an over-long line, a bounded chunk at a time; None when it
    has no end yet."""
    skipped = 0
    while True:
        chunk = handle.readline(LINE_MAX_BYTES)
        if not chunk:
            return None
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            return skipped


# An event line as the writer makes it (canonical JSON, keys sorted): the fields after the
# body are fixed-form, so they are matched at the end of the line and only the body string is
# decoded. A line in any other form (valid JSON all the same) takes the general path.
_EVENT_TAIL = re.compile(rb'","hash":"([0-9a-f]{64})","key_id":"([^"\\]*)","kind":"event",'
                         rb'"mac":"([0-9a-f]{64})","prev":"([0-9a-f]{64})",'
                         rb'"seq":([1-9][0-9]{0,15})}\n\Z')
_BODY_HEAD = b'{"body":"'
_TAIL_HEAD = b'","hash":"'
_decode_string = json.JSONDecoder().decode
# A JSON string's content whose only escape is \" (every quote escaped, every backslash
# escaping a quote) and with no control character: what the writer makes of a body with no
# quote, backslash or control character in its values. Its text is the content with each \"
# made ", done in C (counts and a translate, no per-byte Python or regex); anything else is
# decoded by the JSON decoder.
_CONTROLS = bytes(range(0x20))
# A seal line as the writer makes it (canonical JSON, keys sorted, no escapes in its texts):
# matched whole and built without the JSON decoder; any other form takes the general path.
_TEXT = rb'([^"\\\x00-\x1f]*)'
# (A later chain's seals name their chain first: "chain" sorts before "hash".)
_SEAL_LINE = re.compile(rb'{(?:"chain":"([0-9a-f]{16})",)?"hash":"([0-9a-f]{64})","key_id":"'
                        + _TEXT + rb'","kind":"seal",'
                        rb'"seq":([1-9][0-9]{0,15}),"sig":"' + _TEXT + rb'","station":"' + _TEXT
                        + rb'","ts":"' + _TEXT + rb'"}\n\Z')
_SEAL_HEAD = b'{"hash":"'
_CHAIN_SEAL_HEAD = b'{"chain":"'
SEAL_FAST_MAX = 4096  # a seal line is about 300 bytes; a longer one takes the general path


def _body_text(content: bytes) -> str:
    """The text of a JSON string's content (between its quotes); ValueError when it is not
    one (the same family the JSON decoder raises)."""
    escaped = content.count(b'\\"')
    if (content.count(b"\\") == escaped == content.count(b'"')
            and len(content.translate(None, _CONTROLS)) == len(content)):
        return content.replace(b'\\"', b'"').decode("utf-8")
    body = _decode_string((b'"' + content + b'"').decode("utf-8"))
    if type(body) is not str:
        raise ValueError("not a string")
    return body


def _seal(line: bytes, segment: int, offset: int) -> JournalSeal | None:
    """A seal line in the writer's own form, or None (the general path then reads it)."""
    match = _SEAL_LINE.match(line)
    if match is None:
        return None
    try:
        key_id, sig, station, ts = (match[i].decode("utf-8") for i in (3, 5, 6, 7))
    except UnicodeDecodeError:
        return None
    document = {"hash": match[2].decode(), "key_id": key_id, "kind": "seal",
                "seq": int(match[4]), "sig": sig, "station": station, "ts": ts}
    if match[1] is not None:
        document["chain"] = match[1].decode()
    return JournalSeal(document, segment, offset)


def _entry(line: bytes, segment: int, offset: int) -> JournalEntry:
    if line.startswith(_BODY_HEAD):
        # The fixed-form tail starts at the last '","hash":"' (none can follow it in a tail).
        tail = _EVENT_TAIL.match(line, line.rfind(_TAIL_HEAD, len(_BODY_HEAD)))
        if tail is not None:
            try:
                body = _body_text(line[len(_BODY_HEAD):tail.start()])
                return JournalEvent(int(tail[5]), tail[4].decode(), tail[1].decode(),
                                    tail[2].decode(), tail[3].decode(), body, segment, offset)
            except ValueError:  # UnicodeDecodeError included
                pass  # not what it looked like: the general path says what it is
    elif (line.startswith(_SEAL_HEAD) or line.startswith(_CHAIN_SEAL_HEAD)) \
            and len(line) <= SEAL_FAST_MAX:
        seal = _seal(line, segment, offset)
        if seal is not None:
            return seal
    try:
        entry = parse_line(line)
        kind = entry.get("kind")
        if kind == "event":
            if type(entry["seq"]) is not int or not isinstance(entry["body"], str):
                raise TypeError("seq or body of the wrong type")
            return JournalEvent(entry["seq"], str(entry["prev"]), str(entry["hash"]),
                                str(entry["key_id"]), str(entry["mac"]), entry["body"],
                                segment, offset)
        if kind == "seal":
            return JournalSeal(entry, segment, offset)
        if kind == "header":
            return JournalHeader(entry, segment, offset)
        return BadLine(f"unknown line kind {kind!r}", segment, offset)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = str(exc)[:200] or type(exc).__name__
        return BadLine(f"unreadable line: {reason}", segment, offset)


def journal_size(folder: Path, start_segment: int = 1, start_offset: int = 0, *,
                 share: ShareFS | None = None) -> int:
    """Bytes of journal from (segment, offset) on: what is left to read (for progress)."""
    fs = share or _share_of(folder)
    total = 0
    for number, path in list_segments(folder, share=fs):
        if number < start_segment:
            continue
        try:
            size = fs.lstat(path).st_size
        except FileNotFoundError:
            continue
        total += max(0, size - start_offset) if number == start_segment else size
    return total
