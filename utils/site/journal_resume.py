"""Resuming a station's journal where the site view stopped reading it, by byte position, and
finding the view's place again when the bytes there are no longer the next event.

A view keeps, per journal, the position after the last seal it took and that seal's event.
The next line there is the next event (or the same head sealed again, after a restart). When
it is anything else (half a line, a later event), the journal was rewritten under the view: a
share writer put back an older copy of a segment and the station, noticing, published its
missing events again after it (utils/site/journal.py, SizeChanged), so the same events now sit
at other offsets. The view then reads the segment from its start and takes up after the very
event it last took (same seq, same hash): nothing is taken twice, and nothing is trusted that
the chain check would not (utils/site/journal_check.py still checks every line after it). When
that event is not there, the reading goes on from the old position and the check says what is
wrong with the journal.

How it fits: docs/architecture.md §4 (a box into every PC's site view).
"""

from __future__ import annotations

import itertools
import logging
from typing import Callable, Iterable, Iterator

from utils.site.journal_read import JournalEntry, JournalEvent, JournalHeader, JournalSeal

log = logging.getLogger(__name__)

Read = Callable[[int, int], Iterable[JournalEntry]]  # (segment, offset) -> lines from there


def resume(read: Read, segment: int, offset: int, last_seq: int,
           last_hash: str | None) -> Iterator[JournalEntry]:
    """The journal's lines after the view's last taken event, read by `read`. (Plain
    iterators, no generator of ours around them: a catch-up reads millions of lines.)"""
    entries = iter(read(segment, offset))
    if not offset or not last_seq:
        return entries
    first = next(entries, None)
    if first is None:
        return iter(())
    if _continues(first, segment, last_seq, last_hash):
        return itertools.chain((first,), entries)
    again = _after(iter(read(segment, 0)), last_seq, last_hash)
    if again is None:  # not found: the check names the fault where the view stopped
        return itertools.chain((first,), entries)
    log.info("Journal of segment %d: the view's place moved (rewritten on the share); taken "
             "up again after event %d", segment, last_seq)
    return again


def _continues(entry: JournalEntry, segment: int, last_seq: int, last_hash: str | None) -> bool:
    """Is `entry` what follows the view's last taken event? (The next segment's header, when
    the view stopped at the end of a full one: the writer rotated.)"""
    if type(entry) is JournalEvent:
        return entry.seq == last_seq + 1
    if type(entry) is JournalHeader:
        return entry.segment > segment
    if type(entry) is JournalSeal:  # the head sealed again after a restart
        return entry.document.get("seq") == last_seq and entry.document.get("hash") == last_hash
    return False


def _after(entries: Iterator[JournalEntry], last_seq: int,
           last_hash: str | None) -> Iterator[JournalEntry] | None:
    """`entries` advanced past the event (last_seq, last_hash); None when it is not there."""
    for entry in entries:
        if type(entry) is JournalEvent and entry.seq >= last_seq:
            return entries if entry.seq == last_seq and entry.hash == last_hash else None
    return None
