"""What an archive holds, as both its maker (utils/backup/archive.py, whose docstring lists
the files) and its check (utils/backup/archive_check.py) read it: the member names, a
station's part, the journal line of an event, records.csv made from the events.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from data.view_record_row import record_row
from data.view_schema import RECORD_COLUMNS
from models.canonical import canonical_json
from models.record import RECORD_EVENT_ACTIONS
from utils.site.journal_read import JournalEvent, parse_body
from utils.site.ports import FIRST_CHAIN

ARCHIVE_KIND = "shopfloor-archive"
MANIFEST, KEYS, RECORDS = "manifest.json", "keys.json", "records.csv"
JOURNALS = "journals/"


@dataclass
class StationPart:
    station: str
    lines: list[bytes] = field(default_factory=list)
    events: list[tuple[int, str]] = field(default_factory=list)  # (seq, body) in order
    sealed: bool = True
    folder: str = FIRST_CHAIN  # the station's journal folder it comes from

    @property
    def label(self) -> str:
        """The station, or `station/journal-<chain id>` for a later chain."""
        return self.station if self.folder == FIRST_CHAIN else f"{self.station}/{self.folder}"

    @property
    def member(self) -> str:
        return f"{JOURNALS}{self.label}.jsonl"

    def summary(self) -> dict[str, Any]:
        seqs = [seq for seq, _body in self.events]
        return {"events": len(seqs), "first_seq": seqs[0] if seqs else None,
                "last_seq": seqs[-1] if seqs else None, "sealed": self.sealed,
                "records": sum(1 for row in records_of(self.station, self.events))}


def event_line(event: JournalEvent) -> bytes:
    return canonical_json({"kind": "event", "seq": event.seq, "prev": event.prev,
                           "hash": event.hash, "key_id": event.key_id, "mac": event.mac,
                           "body": event.body}).encode("utf-8") + b"\n"


def records_of(station: str, events: Iterable[tuple[int, str]]) -> Iterator[dict[str, Any]]:
    """The record versions the events wrote, in chain order."""
    for seq, body in events:
        try:
            parsed = parse_body(body)
        except ValueError:
            continue
        if isinstance(parsed, dict) and parsed.get("action") in RECORD_EVENT_ACTIONS:
            row = record_row(parsed.get("after"), station, seq)
            if row is not None:
                yield row


def records_csv(parts: Iterable[StationPart]) -> bytes:
    """records.csv: one row per record version, by station and seq (made the same way by the
    archive and by its check)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RECORD_COLUMNS)
    written: set[tuple] = set()  # a version two chains share (a restored chain's) once
    for part in sorted(parts, key=lambda p: (p.station, p.folder != FIRST_CHAIN, p.folder)):
        for row in records_of(part.station, part.events):
            values = tuple("" if row[name] is None else row[name] for name in RECORD_COLUMNS)
            if values not in written:
                written.add(values)
                writer.writerow(values)
    return out.getvalue().encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
