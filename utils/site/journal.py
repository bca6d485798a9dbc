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

Reading journals is utils/site/journal_read.py. This module is over 400 lines because the
writer is one job that does not split well: exporting, and finding where the share's journal
really ends after an outage or a crash (trim, seal the tail, or start a chain's own folder)
share one position and must be read together.

How it fits: docs/architecture.md §4 (the journal a box travels in).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol

from data import audit_repo
from data.audit_repo import StoredCheckpoint
from data.database import Database
from models.canonical import canonical_json, format_utc
from utils.clock import Clock, SystemClock
from utils.site.layout import SiteLayout, StationLayout
from utils.site.protocol import PROTOCOL_VERSION
from utils.site.journal_read import (
    RECOVER_MAX_BYTES, BadLine, JournalEvent, chain_folders, last_signed_seal, list_segments,
    parse_body, parse_line, read_journal, segment_name,
)
from utils.site.share_fs import SizeChanged, refused
from utils.site.signed import document_bytes
from utils.trust.crypto import PublicKey

log = logging.getLogger(__name__)


SEGMENT_MAX_BYTES = 4 * 1024 * 1024
# An idle writer looks at its newest segment's size this often (a rolled back journal mended
# without waiting for the next event); idle passes touch no file in between (each look is a
# walk of the share's folders: round trips on a network share).
IDLE_SIZE_CHECK_S = 30.0
EXPORT_BATCH = 2000


class Sealer(Protocol):
    """What signs seal lines and the published checkpoint: the station's PC key
    (utils/trust/crypto.SigningKeyPair)."""

    key_id: str
    public: PublicKey  # checks that a seal found on the share is really this PC's

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


def header_line(station_id: str, anchor: str, segment: int, chain: str | None = None,
                fork_seq: int = 0) -> bytes:
    """The first line of each segment: the station and its chain's anchor; a later chain's
    also its chain id and fork point."""
    header: dict[str, Any] = {"kind": "header", "v": PROTOCOL_VERSION, "station": station_id,
                              "anchor": anchor, "segment": segment}
    if chain is not None:
        header.update(chain=chain, fork_seq=fork_seq)
    return canonical_json(header).encode("utf-8") + b"\n"


def checkpoint_document(key: Sealer, station_id: str, seq: int, digest_hex: str,
                        ts: str) -> dict[str, Any]:
    """The signed head of a published journal (what every PC keeps as a witness)."""
    unsigned = StoredCheckpoint(station_id, seq, digest_hex, ts, key.key_id, "")
    return {"kind": "checkpoint", **unsigned.payload(), "sig": key.sign(unsigned.payload())}


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
        # The size this PC left its newest segment at: an append finding another (a share
        # writer put back an older copy, cut it or swapped it) reads the share's end again.
        self._size = 0
        self._size_seen_at = float("-inf")  # clock.monotonic() of the last proof of it
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
        return header_line(self.station.station_id, self.anchor, number, self.chain,
                           self.fork_seq)

    def _recover(self) -> None:
        """Find the folder this PC's chain is published in (or start one), the last event
        really on the share there; trim a torn last line; note whether that event is sealed."""
        SiteLayout(self.station.root).require_root()  # no phantom share
        fs = self.station.fs
        fs.mkdirs(self.station.folder)
        found = chain_folders(self.station, share=fs)
        ends = [(chain, folder, self._without_foreign_tail(chain, folder, self._folder_end(folder)))
                for chain, folder in found.chains]
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
        if header.get("station", self.station.station_id) != self.station.station_id:
            # Another station's segment put here (a share writer's swap): never appended to;
            # moved aside by the export (PlaceRefused), and this chain published again.
            raise refused(path, f"a journal segment of station {header['station']!r}")
        return _FolderEnd(number, path, end, len(data), header.get("anchor"), last, last_hash,
                          sealed, header.get("chain"))

    def _without_foreign_tail(self, chain: str | None, folder: Path,
                              end: "_FolderEnd") -> "_FolderEnd":
        """The folder's end without the lines after this PC's last sealed event that are not
        its events (a share writer's: event lines, and seal lines its key cannot sign, so no
        reader ever took them). Taken as the end, they made this chain look like another
        copy's and held its export back; `_adopt` cuts them, as a torn line. A seal counts
        only when this PC's key signed it: a forged one must not shield the lines before it."""
        if not end.segment or end.path is None or self._is_ours(end, chain):
            return end
        data = self._read_segment(end.path)[:end.cut]
        own_seal = last_signed_seal(data, self.sealer.public, self.station.station_id, chain)
        if own_seal is None:
            return end
        cut, seq, digest = own_seal
        sealed = dataclasses.replace(end, cut=cut, last=seq, last_hash=digest, sealed=True)
        if not self._is_ours(sealed, chain):
            return end  # this PC's key sealed another history there: another copy of it
        log.warning("Journal %s/%s: the lines after event %d are not this PC's and no seal "
                    "of its key covers them (written there by someone else); they are cut",
                    folder.name, end.path.name, seq)
        return sealed

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
        self._size, self._size_seen_at = end.cut, self.clock.monotonic()
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
        try:
            return self._export(batch)
        except SizeChanged as exc:
            # Never appended after a tail that is not this PC's last write: what the share
            # really holds is read again and what is missing from it published again (the
            # events are this PC's, in its database), then readers re-find their place.
            log.warning("Journal of station %s: %s since this PC wrote it; publishing again "
                        "from where it really ends", self.station.station_id, exc)
            self._segment = None
            self._recover()
            return 0 if self._segment is None else self._export(batch)

    def _export(self, batch: int) -> int:
        """`sync` once the journal's end is known."""
        assert self._segment is not None
        with self.database.read() as connection:
            rows = audit_repo.events_after(connection, self.station.station_id, self._last_seq,
                                           batch)
            tail = (audit_repo.events_after(connection, self.station.station_id,
                                            self._last_seq - 1, 1)
                    if self._unsealed_tail and not rows else [])
        if rows:
            self._append(rows)
        elif not tail:
            if self.clock.monotonic() - self._size_seen_at >= IDLE_SIZE_CHECK_S:
                self._check_size()  # idle: a rolled back journal is still noticed and mended
        else:
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
        size = self._size  # checked by the append itself
        chunk = bytearray()
        last: tuple | None = None
        for row in rows:
            if size + len(chunk) >= self.segment_max_bytes:
                if last is not None:
                    chunk += self._seal(last[0], last[2])
                self._write(path, chunk)
                self._last_seq = row[0] - 1
                self._segment += 1
                self._size = 0  # a new segment: nothing there yet
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
        # Never to a link or a hard-linked file (the share's seam refuses them), nor after a
        # tail that is not where this PC left it (SizeChanged).
        before = self.station.fs.append(path, bytes(chunk), durable=self.durable,
                                        expect_size=self._size)
        self._size, self._size_seen_at = before + len(chunk), self.clock.monotonic()

    def _check_size(self) -> None:
        """SizeChanged when the newest segment is not the size this PC left it at."""
        assert self._segment is not None
        path = self.folder / segment_name(self._segment)
        try:
            found = self.station.fs.lstat(path).st_size
        except FileNotFoundError:
            found = 0
        if found != self._size:
            raise SizeChanged(path, found, self._size)
        self._size_seen_at = self.clock.monotonic()

    def _publish_checkpoint(self) -> None:
        """After each export: this PC signs the head of what the journal holds now. Other
        PCs keep every head they saw as a witness: a journal later rolled back or cut short
        is caught by verify even when it is internally consistent."""
        if self._last_seq == 0:
            return
        marker = (self._last_seq, self._last_hash)
        if marker == self._published_checkpoint:
            return
        document = checkpoint_document(self.key, self.station.station_id, self._last_seq,
                                       self._last_hash, format_utc(self.clock.now()))
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
    """The anchor, chain id and station named by a segment's header (its first line), where
    it names them as text."""
    first = data.split(b"\n", 1)[0]
    try:
        entry = parse_line(first)
    except ValueError:
        return {}
    if not isinstance(entry, dict) or entry.get("kind") != "header":
        return {}
    return {name: entry[name] for name in ("anchor", "chain", "station")
            if isinstance(entry.get(name), str)}


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
