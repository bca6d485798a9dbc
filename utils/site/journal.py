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

Every access goes through the share's seam (utils.site.share_fs): a segment that is a link or a
hard-linked file is never appended to, truncated or read (ShareRefused), and every line is
parsed with the bounded reader, read at most LINE_MAX_BYTES at a time.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from data import audit_repo
from data.database import Database
from models.bounded_json import JsonLimits, parse_json
from models.canonical import canonical_json
from data.audit_repo import StoredCheckpoint
from models.canonical import format_utc
from utils.site.layout import PROTOCOL_VERSION, SiteLayout, StationLayout
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


def _utc_now() -> Any:
    from datetime import datetime, timezone

    return datetime.now(timezone.utc)


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


def parse_line(line: bytes) -> Any:
    """One journal line, bounded (ValueError for anything unreadable)."""
    return parse_json(line, LINE_LIMITS)


def parse_body(body: str) -> Any:
    """An event's body (canonical JSON text), bounded (ValueError for anything unreadable)."""
    return parse_json(body, BODY_LIMITS)


def _event_head(lines: list[bytes]) -> tuple[int, str]:
    """(seq, hash) of the highest event among `lines`; (0, "") when there is none."""
    best, best_hash = 0, ""
    for line in lines:
        try:
            entry = parse_line(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("kind") == "event" \
                and type(entry.get("seq")) is int and entry["seq"] > best:
            best, best_hash = entry["seq"], str(entry.get("hash", ""))
    return best, best_hash


def event_line(row: tuple) -> bytes:
    seq, prev, digest, key_id, mac, body = row
    return canonical_json({"kind": "event", "seq": seq, "prev": bytes(prev).hex(),
                           "hash": bytes(digest).hex(), "key_id": key_id,
                           "mac": bytes(mac).hex(), "body": body}).encode("utf-8") + b"\n"


class JournalWriter:
    def __init__(self, database: Database, station: StationLayout, anchor: str,
                 key: Any, *, segment_max_bytes: int = SEGMENT_MAX_BYTES,
                 clock: Callable[[], Any] | None = None):
        self.database = database
        self.station = station
        self.anchor = anchor
        self.key = key
        self.segment_max_bytes = segment_max_bytes
        self._segment: int | None = None  # None: find out from the share first
        self._last_seq = 0
        self._last_hash = ""
        self._known = False  # the share's journal end has been read at least once
        self._published_checkpoint: tuple[int, str] | None = None
        self._now = clock or _utc_now

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
        SiteLayout(self.station.root).require_root()  # no phantom share
        fs = self.station.fs
        fs.mkdirs(self.station.journal)
        segments = list_segments(self.station.journal, share=fs)
        if not segments:
            self._segment, self._last_seq = 1, 0
            self._known = True
            return
        number, path = segments[-1]
        data = self._read_segment(path)
        end = data.rfind(b"\n") + 1
        if end < len(data):  # a torn line from a crash or outage mid-append
            fs.truncate(path, end)
            log.warning("Journal %s: trimmed a torn last line (%d bytes)", path.name, len(data) - end)
        last, last_hash = _event_head(data[:end].splitlines())
        if last == 0 and number > 1:
            # Only a header in the newest segment: the previous segment holds the last event.
            last, last_hash = _event_head(self._read_segment(segments[-2][1]).splitlines())
        self._segment, self._last_seq, self._last_hash = number, last, last_hash
        self._known = True

    def _read_segment(self, path: Path) -> bytes:
        data, _info = self.station.fs.read_bytes(path, max_bytes=RECOVER_MAX_BYTES)
        if len(data) > RECOVER_MAX_BYTES:
            raise refused(path, "a journal segment far larger than the station writes")
        return data

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
        try:
            size = self.station.fs.lstat(path).st_size
        except FileNotFoundError:
            size = 0
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
        self._last_seq, self._last_hash = rows[-1][0], bytes(rows[-1][2]).hex()

    def _write(self, path: Path, chunk: bytes) -> None:
        if not chunk:
            return
        self.station.fs.append(path, bytes(chunk))  # never to a link or a hard-linked file

    def _publish_checkpoint(self) -> None:
        """After each export: this PC signs the head of what the journal holds now. Other
        PCs take events only up to a head so signed (an event appended by anyone else is
        never covered), and keep every head they saw as a witness against rollback."""
        if self._last_seq == 0:
            return
        marker = (self._last_seq, self._last_hash)
        if marker == self._published_checkpoint:
            return
        unsigned = StoredCheckpoint(self.station.station_id, self._last_seq, self._last_hash,
                                    format_utc(self._now()), self.key.key_id, "")
        document = {"kind": "checkpoint", **unsigned.payload(),
                    "sig": self.key.sign(unsigned.payload())}
        self.station.fs.write_atomic(self.station.checkpoint, document_bytes(document))
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
                 on_bad_line: Callable[[int, int, str], None] | None = None,
                 share: ShareFS | None = None) -> Iterator[JournalEvent]:
    """Complete lines from (segment, offset) on; a torn last line is left for next time.

    A segment that is a link or a hard-linked file is not read: `on_bad_line(number, 0,
    reason)` and the reading stops there (nothing after it can be trusted to follow on)."""
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
                        if on_bad_line:
                            on_bad_line(number, offset, "line too long")
                        continue
                    if not line.endswith(b"\n"):
                        return  # still being written
                    offset += len(line)
                    try:
                        entry = parse_line(line)
                        if entry.get("kind") == "header":
                            if on_header:
                                on_header(entry)
                            continue
                        yield JournalEvent(_seq(entry["seq"]), bytes.fromhex(entry["prev"]),
                                           bytes.fromhex(entry["hash"]), str(entry["key_id"]),
                                           bytes.fromhex(entry["mac"]), _text(entry["body"]),
                                           number, offset)
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        if on_bad_line:
                            on_bad_line(number, offset, f"unreadable line: {exc}")
        except FileNotFoundError:
            continue
        except ShareRefused as exc:
            if on_bad_line:
                on_bad_line(number, 0, f"{exc.path.name}: {exc.reason}; not read")
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


def _seq(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("seq is not an integer")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("body is not text")
    return value


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
