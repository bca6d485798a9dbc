"""Station journals on the share: the station's audit chain, exported line by line.

Every change a station makes (records, versions, voids, users, commands...) is an audit event,
and record events carry the whole record in `after`. So the journal is the audit chain itself:
one JSON line per event with its `seq`, `prev`, `hash`, key id, MAC and the exact hashed body.
An admin PC rebuilds the site's records from it and can verify it like a local chain; nothing
in a journal is trusted without its hash link and MAC.

Layout: `journal/00000001.jsonl`, `00000002.jsonl`, ... rotated by size; the first line of each
segment is a header naming the station and its chain anchor. One writer (the station). After an
outage or a crash the writer reads where the share's journal really ends, trims a torn last
line, and continues from the next event: no gap, no duplicate.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from data import audit_repo
from data.database import Database
from models.canonical import canonical_json
from utils.audit.chain import checkpoint_to_json
from utils.audit.keys import SigningKey
from utils.atomic_io import atomic_write_bytes
from utils.site.layout import PROTOCOL_VERSION, SiteLayout, StationLayout
from utils.site.signed import document_bytes, sign_document

log = logging.getLogger(__name__)

SEGMENT_MAX_BYTES = 4 * 1024 * 1024
EXPORT_BATCH = 2000
LINE_MAX_BYTES = 1024 * 1024


def segment_name(number: int) -> str:
    return f"{number:08d}.jsonl"


def list_segments(folder: Path) -> list[tuple[int, Path]]:
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    segments = []
    for name in names:
        stem, dot, ext = name.partition(".")
        if ext == "jsonl" and stem.isdigit() and len(stem) == 8:
            segments.append((int(stem), folder / name))
    return sorted(segments)


def event_line(row: tuple) -> bytes:
    seq, prev, digest, key_id, mac, body = row
    return canonical_json({"kind": "event", "seq": seq, "prev": bytes(prev).hex(),
                           "hash": bytes(digest).hex(), "key_id": key_id,
                           "mac": bytes(mac).hex(), "body": body}).encode("utf-8") + b"\n"


class JournalWriter:
    def __init__(self, database: Database, station: StationLayout, anchor: str,
                 key: SigningKey, *, segment_max_bytes: int = SEGMENT_MAX_BYTES):
        self.database = database
        self.station = station
        self.anchor = anchor
        self.key = key
        self.segment_max_bytes = segment_max_bytes
        self._segment: int | None = None  # None: find out from the share first
        self._last_seq = 0
        self._known = False  # the share's journal end has been read at least once
        self._published_checkpoint: tuple[int, str] | None = None

    def reset(self) -> None:
        """After an outage: trust only what the share holds, not what we remember."""
        self._segment = None

    @property
    def last_exported_seq(self) -> int:
        return self._last_seq

    @property
    def position_known(self) -> bool:
        """False until the share's journal has been read once (before that, the last exported
        event is not known: right after start, or a share never reached)."""
        return self._known

    def _header(self, number: int) -> bytes:
        return canonical_json({"kind": "header", "v": PROTOCOL_VERSION,
                               "station": self.station.station_id, "anchor": self.anchor,
                               "segment": number}).encode("utf-8") + b"\n"

    def _recover(self) -> None:
        """Find the last event really on the share; trim a torn last line."""
        SiteLayout(self.station.folder.parent.parent).require_root()  # no phantom share
        self.station.journal.mkdir(parents=True, exist_ok=True)
        segments = list_segments(self.station.journal)
        if not segments:
            self._segment, self._last_seq = 1, 0
            self._known = True
            return
        number, path = segments[-1]
        data = path.read_bytes()
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a torn line from a crash or outage mid-append
            with open(path, "r+b") as handle:
                handle.truncate(end)
                handle.flush()
                os.fsync(handle.fileno())
            log.warning("Journal %s: trimmed a torn last line (%d bytes)", path.name, len(data) - end)
        last = 0
        for line in data[:end].splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and entry.get("kind") == "event":
                last = max(last, int(entry.get("seq", 0)))
        if last == 0 and number > 1:
            # Only a header in the newest segment: the previous segment holds the last event.
            for line in reversed(segments[-2][1].read_bytes().splitlines()):
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("kind") == "event":
                    last = int(entry["seq"])
                    break
        self._segment, self._last_seq = number, last
        self._known = True

    def sync(self, batch: int = EXPORT_BATCH) -> int:
        """Append the events not yet on the share; returns how many. Raises OSError when the
        share is unreachable (the caller marks it offline and calls `reset`)."""
        if self._segment is None:
            self._recover()
        assert self._segment is not None
        with self.database.read() as connection:
            rows = audit_repo.events_after(connection, self.station.station_id, self._last_seq, batch)
        if rows:
            self._append(rows)
        self._publish_checkpoint()
        return len(rows)

    def _append(self, rows: list[tuple]) -> None:
        """Append whole lines, starting a new segment whenever the current one is full."""
        assert self._segment is not None
        path = self.station.journal / segment_name(self._segment)
        size = path.stat().st_size if path.exists() else 0
        chunk = bytearray()
        for row in rows:
            if size + len(chunk) >= self.segment_max_bytes:
                self._write(path, chunk)
                self._last_seq = row[0] - 1
                self._segment += 1
                path = self.station.journal / segment_name(self._segment)
                size, chunk = 0, bytearray()
            if size == 0 and not chunk:
                chunk += self._header(self._segment)
            chunk += event_line(row)
        self._write(path, chunk)
        self._last_seq = rows[-1][0]

    @staticmethod
    def _write(path: Path, chunk: bytes) -> None:
        if not chunk:
            return
        with open(path, "ab") as handle:
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())

    def _publish_checkpoint(self) -> None:
        with self.database.read() as connection:
            checkpoint = audit_repo.latest_checkpoint(connection, self.station.station_id)
        if checkpoint is None or checkpoint.seq > self._last_seq:
            return  # publish a checkpoint only once the journal holds what it covers
        marker = (checkpoint.seq, checkpoint.sig)
        if marker == self._published_checkpoint:
            return
        document = sign_document({"kind": "checkpoint", **checkpoint_to_json(checkpoint),
                                  "checkpoint_sig": checkpoint.sig}, self.key)
        atomic_write_bytes(self.station.checkpoint, document_bytes(document))
        self._published_checkpoint = marker


# -- reading journals ------------------------------------------------------------------------------

@dataclass(frozen=True)
class JournalEvent:
    seq: int
    prev: bytes
    hash: bytes
    key_id: str
    mac: bytes
    body: str
    segment: int
    end_offset: int  # where the next line starts in the segment


def read_journal(folder: Path, *, start_segment: int = 1, start_offset: int = 0,
                 on_header: Callable[[dict[str, Any]], None] | None = None,
                 on_bad_line: Callable[[int, int, str], None] | None = None
                 ) -> Iterator[JournalEvent]:
    """Complete lines from (segment, offset) on; a torn last line is left for next time."""
    for number, path in list_segments(folder):
        if number < start_segment:
            continue
        offset = start_offset if number == start_segment else 0
        try:
            with open(path, "rb") as handle:
                handle.seek(offset)
                for line in handle:
                    if not line.endswith(b"\n"):
                        return  # still being written
                    offset += len(line)
                    if len(line) > LINE_MAX_BYTES:
                        if on_bad_line:
                            on_bad_line(number, offset, "line too long")
                        continue
                    try:
                        entry = json.loads(line)
                        if entry.get("kind") == "header":
                            if on_header:
                                on_header(entry)
                            continue
                        yield JournalEvent(int(entry["seq"]), bytes.fromhex(entry["prev"]),
                                           bytes.fromhex(entry["hash"]), str(entry["key_id"]),
                                           bytes.fromhex(entry["mac"]), str(entry["body"]),
                                           number, offset)
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        if on_bad_line:
                            on_bad_line(number, offset, f"unreadable line: {exc}")
        except FileNotFoundError:
            continue


def as_verify_rows(events: Iterator[JournalEvent], batch: int = 5000):
    """Journal events as the verifier's rows (seq, prev, hash, key_id, mac, body) in batches."""
    chunk: list[tuple] = []
    for event in events:
        chunk.append((event.seq, event.prev, event.hash, event.key_id.encode(), event.mac,
                      event.body.encode("utf-8")))
        if len(chunk) >= batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def link_ok(prev: bytes, body: str, digest: bytes) -> bool:
    return hashlib.sha256(prev + body.encode("utf-8")).digest() == digest
