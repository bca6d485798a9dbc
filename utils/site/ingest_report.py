"""What the site view's ingestion (utils/site/site_ingest.py) tells: the report of one reading
of a station (`IngestReport`), and what one stored batch changed, for the listeners
(`ViewChange`). Apart from the ingestion so that what only receives them needs none of it
(as utils/site/view_state.py is apart from the follower).

How it fits: docs/architecture.md §4, "A box, from the form to every PC's site view"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass
class IngestReport:
    station: str
    ingested: int = 0
    broken_seq: int | None = None
    broken_kind: str | None = None
    broken_detail: str | None = None
    unsealed: int = 0  # events read after the last seal: left for the next pass
    records: int = 0  # records whose current version changed
    more: bool = False  # stopped at `max_events` with more to read


@dataclass
class ViewChange:
    """What one stored batch changed: for the tabs, to refresh only what they show."""

    stations: set[str] = field(default_factory=set)  # whose records changed
    events: int = 0
    records: int = 0
    extensions: set[str] = field(default_factory=set)  # features whose figures changed

    def merge(self, other: "ViewChange") -> None:
        """Add what `other` changed (several batches told as one)."""
        self.stations |= other.stations
        self.events += other.events
        self.records += other.records
        self.extensions |= other.extensions


Listener = Callable[[ViewChange], None]
