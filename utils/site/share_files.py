"""Reading files other PCs write on the share, defensively.

A file may be missing, empty, half-written by a writer that ignores the protocol, huge, or
garbage. None of that is an error on the first sight: it is "not ready" and retried. Only a
file that keeps failing (or is too large to ever be genuine) is moved to the quarantine with a
`.reason` file beside it. Temp files (dot-prefixed) are never read.

It may also be hostile: a link, a FIFO, a device, a hard link to someone's private file, a
folder above it that is a link, or JSON nested or sized to exhaust a parser. Every access goes
through the share's seam (utils.site.share_fs: nothing followed) and every parse through the
bounded reader (models.bounded_json); what they refuse comes back as a state, never raised.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Callable

from models.bounded_json import JsonLimitError, JsonLimits
from utils.atomic_io import is_temp_name
from utils.site.share_fs import ShareEntry, ShareFS, ShareRefused, describe
from utils.site.signed import parse_document

log = logging.getLogger(__name__)

QUARANTINE_AFTER = 5
QUARANTINE_MIN_AGE_S = 3.0
# A quarantined entry's name, with ".reason", a temp name's ".<12 hex>.tmp" and a ".<n>" for a
# second copy, must stay within the 255 bytes of a name on common file systems.
KEPT_NAME_MAX_BYTES = 200
FAILURES_TRACKED = 10_000  # files whose failures are counted at once (anyone may make more)


class ReadState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    NOT_READY = "not_ready"
    TOO_LARGE = "too_large"
    NOT_A_FILE = "not_a_file"  # a link, FIFO, device or folder: never opened, never followed
    BEYOND_LIMITS = "beyond_limits"  # JSON nested, wide or long beyond what its kind allows
    REFUSED = "refused"  # a folder on the way is a link (or not a folder): nothing was read


@dataclass(frozen=True)
class ReadResult:
    state: ReadState
    data: bytes = b""
    document: Any = None
    reason: str = ""
    stat: os.stat_result | None = None


def read_json_file(path: Path, *, max_bytes: int, parse: Callable[[bytes], Any] | None = None,
                   share: ShareFS | None = None, limits: JsonLimits | None = None,
                   single_link: bool = True) -> ReadResult:
    """Read and parse one JSON file, never raising for what other PCs may have done to it.

    `share` is the share the file is on (its layout's `fs`); without it only the file itself is
    checked. `parse` defaults to the bounded reader with `limits` (default: `max_bytes` and the
    standard depth, width and string bounds); a JsonLimitError from any parser means
    BEYOND_LIMITS. `single_link=False` reads a file with several names too (`info.st_nlink`
    says so), for a caller that judges it by its content."""
    path = Path(path)
    fs = share or ShareFS(path.parent)
    try:
        data, info = fs.read_bytes(path, max_bytes=max_bytes, single_link=single_link)
    except FileNotFoundError:
        return ReadResult(ReadState.MISSING)
    except ShareRefused as exc:
        if exc.path != path:
            return ReadResult(ReadState.REFUSED, reason=f"{exc.path}: {exc.reason}")
        if exc.hard_linked:  # a write-once create has two names for a moment
            return ReadResult(ReadState.NOT_READY, reason=exc.reason)
        return ReadResult(ReadState.NOT_A_FILE, reason=exc.reason)
    except OSError as exc:
        return ReadResult(ReadState.NOT_READY, reason=f"cannot read: {exc}")
    if len(data) > max_bytes:
        reason = (f"{info.st_size} bytes, more than the {max_bytes} allowed"
                  if info.st_size > max_bytes else "grew beyond the size limit")
        return ReadResult(ReadState.TOO_LARGE, reason=reason, stat=info)
    if not data.strip():
        return ReadResult(ReadState.NOT_READY, reason="empty", stat=info)
    limits = limits or JsonLimits(max_bytes=max_bytes)
    try:
        document = parse(data) if parse is not None else parse_document(data, limits)
    except JsonLimitError as exc:
        return ReadResult(ReadState.BEYOND_LIMITS, data, reason=f"refused unread: {exc}",
                          stat=info)
    except (UnicodeDecodeError, ValueError) as exc:
        return ReadResult(ReadState.NOT_READY, data, reason=f"not valid JSON: {exc}", stat=info)
    return ReadResult(ReadState.OK, data, document, stat=info)


def list_json_files(folder: Path, *, limit: int, skip: frozenset[str] | set[str] = frozenset(),
                    share: ShareFS | None = None, missing_ok: bool = True,
                    first: Callable[[str], bool] | None = None,
                    max_bytes: int | None = None) -> list[ShareEntry]:
    """Up to `limit` candidate files (not temp, not .reason, not in `skip` by stem), oldest
    first. Skipped names are left out before the limit, so they can never crowd out new files.
    Links, FIFOs and the like are listed too (never followed), so they can be quarantined.

    The folder is walked one entry at a time and at most about twice `limit` are held: anyone
    may fill it with thousands of names. With `first` (a test of the name: could it be one of
    ours?), the files it accepts that are plain, not empty and at most `max_bytes` come before
    all others, each group oldest first: a real one is never held behind junk.
    Raises ShareRefused when the folder itself, or one above it, is a link, and
    FileNotFoundError for a missing folder unless `missing_ok`."""
    folder = Path(folder)
    fs = share or ShareFS(folder.parent)
    front, others = _Oldest(limit), _Oldest(limit)
    try:
        with fs.opened(folder) as listing:
            for found in listing.entries():
                name = found.name
                # (A name with a backslash is one the seam will not touch on any system: no
                # use holding a place for it.)
                if (not name.endswith(".json") or name.startswith(".") or is_temp_name(name)
                        or name[:-5] in skip or "\\" in name):
                    continue
                try:
                    info = found.stat(follow_symlinks=False)
                except OSError:
                    continue  # gone meanwhile
                likely = first is None or (first(name) and _fits(info, max_bytes))
                (front if likely else others).offer((info.st_mtime, name, info))
    except FileNotFoundError:
        if not missing_ok:
            raise
        return []
    kept = front.oldest()
    kept += others.oldest()[:limit - len(kept)]
    return [ShareEntry(name, folder, info) for _mtime, name, info in kept]


class _Oldest:
    """The `limit` oldest (mtime, name, lstat) offered, holding at most about twice that
    meanwhile (a plain tuple each: a listing of thousands builds nothing more per name)."""

    def __init__(self, limit: int):
        self.limit = max(0, limit)
        self._found: list[tuple[float, str, os.stat_result]] = []

    def offer(self, found: tuple[float, str, os.stat_result]) -> None:
        self._found.append(found)
        if len(self._found) >= 2 * self.limit + 64:
            self._trim()

    def oldest(self) -> list[tuple[float, str, os.stat_result]]:
        self._trim()
        return self._found

    def _trim(self) -> None:
        self._found.sort(key=lambda found: found[:2])  # names differ: never the lstat
        del self._found[self.limit:]


def _fits(info: os.stat_result, max_bytes: int | None) -> bool:
    """A plain file that may hold a whole document (not empty, not beyond the bound)."""
    return (describe(info) is None and stat.S_ISREG(info.st_mode) and info.st_size > 0
            and (max_bytes is None or info.st_size <= max_bytes))


class FailureCounter:
    """Counts repeated failures per file; says when to quarantine.

    Both a number of failures and a time: with a 20 ms rescan, five failures take 0.1 s, far
    less than a slow writer on a network share may need to finish a file.
    """

    def __init__(self, threshold: int = QUARANTINE_AFTER, min_age_s: float = QUARANTINE_MIN_AGE_S,
                 clock: Callable[[], float] = time.monotonic):
        self.threshold = threshold
        self.min_age_s = min_age_s
        self.clock = clock
        self._counts: dict[str, tuple[int, float]] = {}

    def failed(self, path: Path | str) -> bool:
        """Record one failure; True when the file has failed often enough, for long enough."""
        key = str(path)
        count, first = self._counts.pop(key, (0, self.clock()))
        if len(self._counts) >= FAILURES_TRACKED:  # a flood of names: the oldest is dropped
            del self._counts[next(iter(self._counts))]
        count += 1
        self._counts[key] = (count, first)
        return count >= self.threshold and self.clock() - first >= self.min_age_s

    def forget(self, path: Path | str) -> None:
        self._counts.pop(str(path), None)


def quarantine(path: Path, quarantine_dir: Path, reason: str, *,
               share: ShareFS | None = None, announce: bool = True) -> Path | None:
    """Move a file out of the way with a `.reason` beside it; None if it vanished meanwhile.

    The entry itself is moved (a link moves as a link, a FIFO is never opened); the quarantine
    folder and every folder above it must be real folders on the share, or ShareRefused is
    raised and nothing is written. A name the quarantine cannot keep (`kept_name`) is moved
    under a safe one, its own written in the `.reason`. `announce=False`: no log line (the
    caller logs its refusals itself, a few at a time)."""
    path, quarantine_dir = Path(path), Path(quarantine_dir)
    fs = share or ShareFS(Path(os.path.commonpath([path.parent, quarantine_dir])))
    try:
        fs.lstat(path)
    except FileNotFoundError:
        return None  # gone (and perhaps the share with it): create nothing
    fs.mkdirs(quarantine_dir)
    name = kept_name(path.name)
    written = reason if name == path.name else (
        f"{reason}\n(named {printable(path.name, 300)} on the share)")
    target = quarantine_dir / name
    counter = 1
    while fs.exists(target):
        stem, suffix = os.path.splitext(name)
        target = quarantine_dir / f"{stem}.{counter}{suffix}"
        counter += 1
    try:
        fs.rename(path, target)
    except FileNotFoundError:
        return None
    fs.write_atomic(target.with_name(target.name + ".reason"),
                    (written + "\n").encode("utf-8", "backslashreplace"), durable=False)
    if announce:
        log.warning("Quarantined %s%s: %s", printable(path.name),
                    "" if name == path.name else f" (kept as {name})", reason)
    return target


def kept_name(name: str) -> str:
    """The name a quarantined entry is kept under: its own, unless the quarantine cannot hold
    it with its `.reason` (and that file's temp name) beside it, or it would mislead whoever
    reads a listing or a log (not UTF-8, control characters such as a newline). Such a name
    becomes `renamed-<digest of the name>` (same suffix when it is `.json`)."""
    # (Bytes that are not UTF-8 come as lone surrogates: not printable, never encoded here.)
    if name.isprintable() and 0 < len(name.encode("utf-8")) <= KEPT_NAME_MAX_BYTES:
        return name
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:20]
    return f"renamed-{digest}" + (".json" if name.endswith(".json") else "")


def printable(name: str, limit: int = 80) -> str:
    """A share entry's name for a log line or an audit event: quoted, control and format
    characters (a direction override) and bytes that are not UTF-8 escaped (a newline in a
    name never splits a log line), letters of any language kept (`repr`: "relatório", not
    "relat\\xf3rio"), and cut to `limit` characters."""
    text = repr(name)
    return text if len(text) <= limit else text[:limit - 3] + "..."
