"""Figures other features keep in the site view, maintained on ingest like the dashboard's.

The site view (data/view_store.py) stores each batch of a station's sealed events in one
transaction. A feature that needs its own figures over the whole site (downtime and OEE, SPC,
shift handovers, label reprints) registers a `ViewExtension` in data/view_registry.py instead
of editing the writer: inside that same transaction the writer hands it every record whose current version
changed (old and new) and every event whose action it asked for. Its tables live in the view's
database (declared on `data.view_schema.metadata` by its own module, so they are created and
emptied with the view), so a reader never sees the records without the figures, and a view
rebuilt from the journals rebuilds them too.

Some acts in those events count only when the person named signed them with their own key
(an SPC baseline freeze, a classification of another station's stop): the writer hands such an
extension a `PersonSignatures`, the check against the site directory that lives in utils/
(utils/trust/person_documents.py `ViewSignatures`; this layer knows no directory). Without
one, every such act is refused.

An event's content is someone's input even in a sealed journal (a copy of a PC's files signs
anything as that PC): a feature takes only what that station's own service could have written,
checked with local entry's own validators (models/), and refuses the rest: one WARNING line
each, and in its `refusals`, the station's anomaly in the site view (utils/site/site_ingest.py
takes them after each batch); the journal is read on.

Events can reach the writer twice (a station's event is in two of its chains after a takeover:
same station, seq and hash); the writer passes an extension only the events it had not
stored before, so an extension may count them.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

from config.constants import Permission
from data.view_buckets import Buckets

# The columns of an event tuple, in order (as data/view_store.py stores them).
EVENT_COLUMNS = ("station", "seq", "ts", "username", "role", "action", "entity", "entity_id",
                 "command_id", "hash", "body")
ACTION_INDEX = EVENT_COLUMNS.index("action")


@dataclass(frozen=True)
class RecordChange:
    """A record's current version replaced: `old` is None for a new record. Both are rows of
    the view's record columns (data/view_schema.RECORD_FIELDS plus source_station/seq)."""

    old: dict[str, Any] | None
    new: dict[str, Any]


class PersonSignatures(Protocol):
    """Whether an event's document is the signed act of the person the event names."""

    def problem(self, station: str, username: str | None, document: Any,
                permissions: tuple[Permission, ...], act: str, *,
                keyless_ok: bool = False) -> str | None:
        """Why the document that `station`'s event by `username` carries is not that person's
        act signed with a key the site certified for them, with a role allowing every one of
        `permissions`, or None. `keyless_ok`: an unsigned document counts when the site
        certified no key for that person."""
        ...


class NoSignatures:
    """The check when none was given: no signed act is taken (a writer built without the
    site's directory must not believe a journal's word for who did what)."""

    def problem(self, station: str, username: str | None, document: Any,
                permissions: tuple[Permission, ...], act: str, *,
                keyless_ok: bool = False) -> str | None:
        return "no person's signature can be checked here"


class Refusals:
    """The events a feature refused, the last one per station (bounded however many arrive):
    what the site view names as each station's anomaly (`take`, after each batch stored).
    The feature says each refusal itself, in one WARNING line naming the station and event."""

    def __init__(self, feature: str) -> None:
        self._feature = feature
        self._last: dict[str, str] = {}

    def add(self, station: str, seq: Any, action: Any, problem: Any) -> None:
        """One event refused (`problem` names no value it refused: a text with direction
        characters is not repeated in the anomaly either)."""
        self._last[station] = (f"event {seq} ({action}) is not in the {self._feature} "
                               f"figures: {problem}")

    def take(self) -> list[tuple[str, str]]:
        """(station, its last refusal) since the last call."""
        taken = list(self._last.items())
        self._last.clear()
        return taken


def signed_shape_problem(document: Any) -> str | None:
    """Why a document that should carry a person's signature (utils/trust/person_documents.py
    `signed`: `key_id` text, or None unsigned; `sig` text) cannot be one, or None: checked
    before `PersonSignatures.problem` looks its key up."""
    if not isinstance(document, dict):
        return "it is not a document"
    key_id, sig = document.get("key_id"), document.get("sig")
    if not (key_id is None or isinstance(key_id, str)) or not (sig is None
                                                                 or isinstance(sig, str)):
        return "its signature's key or value is not text"
    return None


class ViewExtension(Protocol):
    """One feature's figures in the site view. Called on the writer's thread, inside the
    batch's transaction: raise and the whole batch is rolled back (and read again later)."""

    name: str  # short, unique: named in ViewChange.extensions when its figures changed
    actions: frozenset[str]  # the event actions it wants (empty: none)
    tables: tuple[str, ...]  # its tables, emptied before a rebuild
    refusals: Refusals  # the events it refused (see the module's docstring)

    def records_changed(self, db: sqlite3.Connection, changes: Sequence[RecordChange],
                        buckets: Buckets) -> bool:
        """Take in records whose current version changed; True when its figures changed."""
        ...

    def events_stored(self, db: sqlite3.Connection, events: Sequence[tuple],
                      buckets: Buckets) -> bool:
        """Take in new events of its actions (EVENT_COLUMNS order, a station's in seq
        order); True when its figures changed."""
        ...

