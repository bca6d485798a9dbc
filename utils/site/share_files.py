"""Reading files other PCs write on the share, defensively.

A file may be missing, empty, half-written by a writer that ignores the protocol, huge, or
garbage. None of that is an error on the first sight: it is "not ready" and retried. Only a
file that keeps failing (or is too large to ever be genuine) is moved to the quarantine with a
`.reason` file beside it. Temp files (dot-prefixed) are never read.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Callable

from utils.atomic_io import atomic_write_text, is_temp_name
from utils.site.signed import parse_document

log = logging.getLogger(__name__)

QUARANTINE_AFTER = 5
QUARANTINE_MIN_AGE_S = 3.0


class ReadState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    NOT_READY = "not_ready"
    TOO_LARGE = "too_large"
    NOT_A_FILE = "not_a_file"  # a FIFO, device or folder: opening it could block or mislead


@dataclass(frozen=True)
class ReadResult:
    state: ReadState
    data: bytes = b""
    document: Any = None
    reason: str = ""
    stat: os.stat_result | None = None


def read_json_file(path: Path, *, max_bytes: int,
                   parse: Callable[[bytes], Any] = parse_document) -> ReadResult:
    """Read and parse one JSON file, never raising for what other PCs may have done to it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return ReadResult(ReadState.MISSING)
    if not stat.S_ISREG(info.st_mode):
        return ReadResult(ReadState.NOT_A_FILE, reason="not a regular file", stat=info)
    if info.st_size > max_bytes:
        return ReadResult(ReadState.TOO_LARGE, reason=f"{info.st_size} bytes, more than the "
                          f"{max_bytes} allowed", stat=info)
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        return ReadResult(ReadState.MISSING)
    except OSError as exc:
        return ReadResult(ReadState.NOT_READY, reason=f"cannot read: {exc}", stat=info)
    if len(data) > max_bytes:
        return ReadResult(ReadState.TOO_LARGE, reason="grew beyond the size limit", stat=info)
    if not data.strip():
        return ReadResult(ReadState.NOT_READY, reason="empty", stat=info)
    try:
        document = parse(data)
    except (UnicodeDecodeError, ValueError) as exc:
        return ReadResult(ReadState.NOT_READY, data, reason=f"not valid JSON: {exc}", stat=info)
    return ReadResult(ReadState.OK, data, document, stat=info)


def list_json_files(folder: Path, *, limit: int,
                    skip: frozenset[str] | set[str] = frozenset()) -> list[os.DirEntry]:
    """Up to `limit` candidate files (not temp, not .reason, not in `skip` by stem), oldest
    first. Skipped names are left out before the limit, so they can never crowd out new files."""
    try:
        entries = [entry for entry in os.scandir(folder)
                   if entry.name.endswith(".json") and not is_temp_name(entry.name)
                   and not entry.name.startswith(".") and entry.name[:-5] not in skip]
    except FileNotFoundError:
        return []

    def _age(entry: os.DirEntry) -> tuple[float, str]:
        try:
            return entry.stat().st_mtime, entry.name
        except OSError:
            return 0.0, entry.name

    entries.sort(key=_age)
    return entries[:limit]


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

    def failed(self, path: Path) -> bool:
        """Record one failure; True when the file has failed often enough, for long enough."""
        key = str(path)
        count, first = self._counts.get(key, (0, self.clock()))
        count += 1
        self._counts[key] = (count, first)
        return count >= self.threshold and self.clock() - first >= self.min_age_s

    def forget(self, path: Path) -> None:
        self._counts.pop(str(path), None)


def quarantine(path: Path, quarantine_dir: Path, reason: str) -> Path | None:
    """Move a file out of the way with a `.reason` beside it; None if it vanished meanwhile."""
    if not os.path.lexists(path):
        return None  # gone (and perhaps the share with it): create nothing
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    target = quarantine_dir / path.name
    counter = 1
    while target.exists():
        target = quarantine_dir / f"{path.stem}.{counter}{path.suffix}"
        counter += 1
    try:
        os.replace(path, target)
    except FileNotFoundError:
        return None
    atomic_write_text(target.with_name(target.name + ".reason"), reason + "\n", durable=False)
    log.warning("Quarantined %s: %s", path.name, reason)
    return target
