"""Reading station journals on the share (the format is utils/site/journal.py's docstring):
a station's journal folders, their segments, each line parsed within bounds, from a position
on, in order; and the heads a key sealed (for a takeover). Used by the writer (to find where
the share's journal ends), by the site view and verify, and by the folder site store
(utils/site/folder_store.py). Nothing here is trusted: the checks are journal_check.py's.

Every access goes through the share's seam (utils.site.share_fs): a segment that is a link or a
hard-linked file is never read (a BadLine that stops the reader), and every line is read at
most LINE_MAX_BYTES at a time."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from models.bounded_json import JsonLimits, parse_json
from utils.site.layout import StationLayout, folder_chain, looks_like_journal
from utils.site.share_fs import ShareFS, ShareRefused


log = logging.getLogger(__name__)

LINE_MAX_BYTES = 1024 * 1024
LINE_LIMITS = JsonLimits(max_bytes=LINE_MAX_BYTES)
BODY_LIMITS = JsonLimits(max_bytes=LINE_MAX_BYTES)  # an event's body: a JSON text in a line
# Recovery reads the newest segment whole: one the station wrote is at most a batch past the
# rotation size; anything far larger is not ours and is refused.
RECOVER_MAX_BYTES = 64 * 1024 * 1024


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
    # Only names like a journal's are stat'ed: junk put beside them costs their names alone.
    for entry in fs.scandir(station.folder, match=looks_like_journal):
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
                found = last_signed_seal(data[:data.rfind(b"\n") + 1], key,
                                         station.station_id, folder_chain(folder.name) or None)
                if found is not None:
                    heads[folder.name] = found[1:]
                    break
        except OSError as exc:  # ShareRefused included: that folder is left out
            log.warning("Journal %s of station %s not read for the takeover: %s", folder.name,
                        station.station_id, exc)
    return heads


def last_signed_seal(data: bytes, key: Any, station_id: str,
                     chain: str | None) -> tuple[int, int, str] | None:
    """In a segment's whole lines, the last seal line signed by `key` (a PublicKey) for the
    station's folder of `chain` (None: its first journal): where that line ends, and the
    (seq, hash) it seals; None when there is none. Read from the end: a forged tail costs
    one check per forged seal, the seals before the one found none."""
    offset = len(data)
    for line in reversed(data.splitlines(keepends=True)):
        line_end, offset = offset, offset - len(line)
        if b'"seal"' not in line:
            continue
        try:
            entry = parse_line(line.rstrip(b"\n"))
        except ValueError:
            continue
        if (isinstance(entry, dict) and entry.get("kind") == "seal"
                and entry.get("station") == station_id and entry.get("chain") == chain
                and type(entry.get("seq")) is int and isinstance(entry.get("hash"), str)
                and key.verify_document(entry)):
            return line_end, entry["seq"], entry["hash"]
    return None


def parse_line(line: bytes) -> Any:
    """One journal line, bounded (ValueError for anything unreadable)."""
    return parse_json(line, LINE_LIMITS)


def parse_body(body: str) -> Any:
    """An event's body (canonical JSON text), bounded (ValueError for anything unreadable)."""
    return parse_json(body, BODY_LIMITS)


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


def journal_entry(line: bytes, segment: int, end_offset: int) -> JournalEntry:
    """One complete line (with its newline) as every reader hands it out, never raising: an
    over-long line is a BadLine. For a store that keeps lines elsewhere than in files."""
    if len(line) > LINE_MAX_BYTES:
        return BadLine("line too long", segment, end_offset)
    return _entry(line, segment, end_offset)


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
