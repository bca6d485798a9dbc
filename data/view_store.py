"""Writing the site view: one transaction per batch of sealed events of one station, with the
records they carry, the current version of each record, the dashboard's and the Insights'
aggregates (a correction or a void takes the old version out of its buckets and puts the new
one in; the repeated-defect runs around it are worked out again) and the station's reading
position, all together (so a reader never sees half a batch, and a batch
stored twice is impossible: the position is checked inside the transaction). While catching up,
the batches of many stations share one transaction (a group, each batch a savepoint in it:
`begin_group`), and a first catch-up leaves out the indexes only readers need until it ends
(`begin_catch_up`).

The hot path of catching up (millions of events) goes straight to the sqlite3 driver, as the
audit chain's append does (data/audit_repo.py): building Core statements would cost more than
running them.

This module is over 400 lines because it is one writer with one transaction: a batch's events,
record versions, current records, aggregates, runs and extensions are written together, and a
catch-up's group holds that same transaction open; split, each part would have to share the
writer's open transaction and its cursor.

How it fits: docs/architecture.md §4, "A box, from the form to every PC's site view".
"""

from __future__ import annotations

import logging
import sqlite3
from operator import itemgetter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex

from data.database import Database
from data import view_registry
from data.view_buckets import Buckets
from data.view_counting import (
    ORDER_COLUMNS, Neighbours, count_insight, count_record, defects_of, roll_up, runs_of,
)
from data.view_extensions import (
    ACTION_INDEX, EVENT_COLUMNS, PersonSignatures, RecordChange, ViewExtension,
)
from data import view_schema
from data.view_ownership import IN_CHUNK, owned
from data.view_schema import (
    BUCKET_KEY, DEFERRED_INDEXES, DEFERRED_KEY, HOURS, INSIGHT_SUMS, RECORD_COLUMNS,
)

CACHE_KIB = 64 * 1024
# While catching up: the record ids' two indexes take every record at a random place, so
# their pages stay in memory longer (given back when the catch-up ends).
CATCHUP_CACHE_KIB = 256 * 1024
WAL_CHECKPOINT_PAGES = 16_000
BUSY_TIMEOUT_MS = 60_000

log = logging.getLogger(__name__)

# A record row (every RECORD_COLUMNS key is set: record_row and _current make them so) as the
# statements' parameters, in C.
_record_values = itemgetter(*RECORD_COLUMNS)
# OR IGNORE: an event already taken from another chain of its station (same seq, same hash).
_INSERT_EVENT = (f"INSERT OR IGNORE INTO view_events ({', '.join(EVENT_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})")
_INSERT_VERSION = (f"INSERT OR IGNORE INTO view_record_versions ({', '.join(RECORD_COLUMNS)}) "
                   f"VALUES ({', '.join('?' * len(RECORD_COLUMNS))})")
_PUT_CURRENT = (f"INSERT OR REPLACE INTO view_records ({', '.join(RECORD_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(RECORD_COLUMNS))})")
_COUNT_FIELDS = ("boxes", "cam_d_sum", "cam_d_n", "cam_w_sum", "cam_w_n", *HOURS)


def _adding(table: str, key: tuple[str, ...], sums: tuple[str, ...]) -> str:
    """An aggregate's statement: a row's sums (parameters: the key's values, then the sums')
    added to the row with that key, or inserted as it is."""
    columns = ", ".join((*key, *sums))
    return (f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * (len(key) + len(sums)))})"
            f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            + ", ".join(f"{name} = {name} + excluded.{name}" for name in sums))


_ADD_COUNTS = _adding("agg_counts", BUCKET_KEY, _COUNT_FIELDS)
_ADD_DEFECTS = _adding("agg_defects", (*BUCKET_KEY, "defect", "location"), ("rejections",))
_ADD_INSIGHT = _adding("agg_insight", (*BUCKET_KEY, "shift"), INSIGHT_SUMS)
_ADD_DEFECT_BOXES = _adding("agg_insight_defects", (*BUCKET_KEY, "defect"), ("boxes",))
_ADD_WEEK = _adding("agg_insight_weeks", ("station", "bucket"), INSIGHT_SUMS)

# A number per station that moves whenever its records change, in the same transaction, and
# one for every aggregate (moved by a rebuild): whoever keeps figures between readings (the
# Insights, utils.insights.LiveInsights) sees which stations changed, whichever process or
# thread stored them (data.view_insights.versions).
_BUMP_VERSION = ("INSERT INTO view_meta (key, value) VALUES (?, '1') ON CONFLICT (key) "
                 "DO UPDATE SET value = CAST(value AS INTEGER) + 1")
RECORDS_VERSION = "records:"  # + the station
AGGREGATES_VERSION = "aggregates"

_SOURCE = ("SELECT number, segment, offset, last_seq FROM view_sources WHERE source = ?")
_SOURCE_COLUMNS = ("kind", "anchor", "segment", "offset", "last_seq", "last_hash", "first_ts",
                   "last_ts", "events", "broken_seq", "broken_kind", "broken_detail",
                   "updated_at")


@dataclass
class Position:
    """Where reading a station's chain stands: its journal's (segment, offset) just after the
    last seal taken (0, 0 for this PC's own chain), the last event taken and its hash."""

    segment: int = 1
    offset: int = 0
    last_seq: int = 0
    last_hash: str | None = None

    def key(self) -> tuple[int, int, int]:
        return self.segment, self.offset, self.last_seq


@dataclass
class Batch:
    """What one transaction stores for one station."""

    station: str
    kind: str  # journal | local
    start: Position  # the position the events were read from (checked in the transaction)
    end: Position
    anchor: str | None
    events: list[tuple] = field(default_factory=list)  # EVENT_COLUMNS order
    records: list[dict[str, Any]] = field(default_factory=list)  # RECORD_COLUMNS keys
    broken: tuple[int, str, str] | None = None  # first bad seq, kind, detail
    now: str = ""
    source: str | None = None  # the source's key (None: the station's id)

    @property
    def key(self) -> str:
        return self.source or self.station


@dataclass
class Stored:
    events: int = 0
    records: int = 0  # records whose current version changed
    stations: set[str] = field(default_factory=set)  # stations whose records changed
    extensions: set[str] = field(default_factory=set)  # features whose figures changed
    # record versions refused (not stored): (the station whose chain wrote it, why)
    refused: list[tuple[str, str]] = field(default_factory=list)
    waiting_changed: bool = False  # versions began or stopped waiting for their version 1

    def merge(self, other: "Stored") -> None:
        """Add what `other` stored (the batches of a group, told as one)."""
        self.events += other.events
        self.records += other.records
        self.stations |= other.stations
        self.extensions |= other.extensions
        self.refused += other.refused
        self.waiting_changed |= other.waiting_changed


class ViewWriter:
    """The site view's one writer connection (used from one thread at a time)."""

    def __init__(self, database: Database, zone_name: str,
                 extensions: tuple[ViewExtension, ...] | None = None,
                 signatures: PersonSignatures | None = None):
        """`signatures`: the registered extensions' check of acts a person signs (see
        data/view_extensions.py); unused when `extensions` are given."""
        self.extensions = (view_registry.registered(signatures) if extensions is None
                           else extensions)
        # The actions some extension wants: only those events are looked at one by one.
        self._wanted = frozenset().union(*(e.actions for e in self.extensions))
        self.connection: sqlite3.Connection = database.raw_sqlite_connection(
            read_only=False, synchronous="NORMAL")
        # Catching up writes millions of rows into four indexes: a larger page cache keeps
        # their upper levels in memory, and fewer checkpoints of the write-ahead log run.
        self.connection.execute(f"PRAGMA cache_size={-CACHE_KIB}")
        self.connection.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
        # Another process's writer may hold a group of batches open for up to GROUP_SECONDS
        # (utils/site/site_ingest.py): wait for it rather than fail.
        self.connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        self.buckets = Buckets(zone_name)
        self._grouped = False

    def close(self) -> None:
        self.connection.close()

    # -- catching up -----------------------------------------------------------------------

    def begin_catch_up(self, *, defer: bool = True) -> bool:
        """A larger page cache while catching up, and (with `defer`) on a view that has read
        no journal yet (a first catch-up) the deferred indexes dropped until `end_catch_up`
        (see view_schema.DEFERRED_INDEXES). True when they are left out now (by this call or
        an earlier catch-up that did not finish)."""
        db = self.connection
        db.execute(f"PRAGMA cache_size={-CATCHUP_CACHE_KIB}")
        db.execute("BEGIN IMMEDIATE")
        try:
            deferred = _deferred(db)
            if defer and not deferred and db.execute(
                    "SELECT 1 FROM view_sources WHERE kind = 'journal' LIMIT 1").fetchone() is None:
                for name in DEFERRED_INDEXES:
                    db.execute(f'DROP INDEX IF EXISTS "{name}"')
                db.execute("INSERT INTO view_meta (key, value) VALUES (?, '1') ON CONFLICT (key) "
                           "DO UPDATE SET value = excluded.value", (DEFERRED_KEY,))
                deferred = True
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return deferred

    def end_catch_up(self, *, complete: bool) -> None:
        """The catch-up ended: when `complete`, the deferred indexes are made (one sort of the
        records each); the page cache goes back to its size for following."""
        db = self.connection
        try:
            if complete and _deferred(db):
                log.info("Site view: making the indexes left out while catching up")
                db.execute("BEGIN IMMEDIATE")
                try:
                    for index in view_schema.view_records.indexes:
                        if index.name in DEFERRED_INDEXES:
                            db.execute(str(CreateIndex(index, if_not_exists=True).compile(
                                dialect=sqlite.dialect())))
                    db.execute("DELETE FROM view_meta WHERE key = ?", (DEFERRED_KEY,))
                    db.execute("COMMIT")
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
        finally:
            db.execute(f"PRAGMA cache_size={-CACHE_KIB}")

    # -- groups of batches (catching up) ---------------------------------------------------

    @property
    def grouped(self) -> bool:
        return self._grouped

    def begin_group(self) -> None:
        """Open one transaction that the next batches are stored in, each whole or not at all
        (a savepoint each), until `commit_group`. Catching up reads every station a little at
        a time in time order: stored one transaction per batch, each station's few hundred
        events landed between the others' in the time indexes and every commit wrote those
        pages again (11 KB written per event); a group writes them once."""
        self.connection.execute("BEGIN IMMEDIATE")
        self._grouped = True

    def commit_group(self) -> None:
        """Commit the group: a reader sees every batch of it at once, or none."""
        self._grouped = False
        self.connection.execute("COMMIT")

    def rollback_group(self) -> None:
        self._grouped = False
        self.connection.execute("ROLLBACK")

    def _begin(self) -> None:
        self.connection.execute("SAVEPOINT batch" if self._grouped else "BEGIN IMMEDIATE")

    def _end(self, *, undo: bool = False) -> None:
        if self._grouped:
            if undo:
                self.connection.execute("ROLLBACK TO batch")
            self.connection.execute("RELEASE batch")
        else:
            self.connection.execute("ROLLBACK" if undo else "COMMIT")

    # -- one batch ---------------------------------------------------------------------------

    def store(self, batch: Batch) -> Stored | None:
        """Store a batch (in its own transaction, or in the open group); None when the
        station's position moved since it was read (another reader of this view stored it
        first): nothing is stored then."""
        db = self.connection
        self._begin()
        try:
            row = db.execute(_SOURCE, (batch.key,)).fetchone()
            if row is None:
                if batch.start.key() != Position().key() and batch.kind == "journal":
                    self._end(undo=True)
                    return None
                number = db.execute("SELECT coalesce(max(number), 0) + 1 FROM view_sources"
                                    ).fetchone()[0]
                db.execute("INSERT INTO view_sources (source, station, number, kind, segment, "
                           "offset, last_seq, events, updated_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
                           (batch.key, batch.station, number, batch.kind, batch.start.segment,
                            batch.start.offset, batch.start.last_seq, batch.now))
            elif tuple(row[1:]) != batch.start.key():
                self._end(undo=True)
                return None
            stored = Stored()
            if batch.events:
                wanted = self._new_wanted(batch.events)
                before = db.total_changes
                db.executemany(_INSERT_EVENT, batch.events)
                stored.events = db.total_changes - before
                if wanted:
                    self._extension_events(wanted, stored)
            if batch.records:
                self._records(batch.records, stored)
            self._position(batch)
            self._end()
            return stored
        except BaseException:
            self._end(undo=True)
            raise

    def _position(self, batch: Batch) -> None:
        events = batch.events
        values = {"kind": batch.kind, "anchor": batch.anchor, "segment": batch.end.segment,
                  "offset": batch.end.offset, "last_seq": batch.end.last_seq,
                  "last_hash": batch.end.last_hash, "updated_at": batch.now}
        assignments = [f'"{name}" = :{name}' for name in values]
        if events:
            values["last_ts"], values["first_ts"] = events[-1][2], events[0][2]
            values["count"] = len(events)
            assignments += ["last_ts = :last_ts", "first_ts = coalesce(first_ts, :first_ts)",
                            "events = events + :count"]
        if batch.broken is not None:
            values.update(broken_seq=batch.broken[0], broken_kind=batch.broken[1],
                          broken_detail=batch.broken[2])
            assignments += ["broken_seq = :broken_seq", "broken_kind = :broken_kind",
                            "broken_detail = :broken_detail"]
        values["source"] = batch.key
        self.connection.execute(f"UPDATE view_sources SET {', '.join(assignments)} "
                                f"WHERE source = :source", values)

    # -- records and aggregates ------------------------------------------------------------

    def _records(self, records: list[dict[str, Any]], stored: Stored) -> None:
        db = self.connection
        current = self._current({r["record_id"] for r in records})
        records, waited = owned(db, records, set(current), stored.refused)
        stored.waiting_changed |= waited
        db.executemany(_INSERT_VERSION, map(_record_values, records))
        counts: dict[tuple[str, str, str], list] = {}
        defects: dict[tuple[str, str, str, str, str], int] = {}
        sums: dict[tuple[str, str, str, int], list] = {}
        defect_boxes: dict[tuple[str, str, str, str], int] = {}
        changed: dict[str, dict[str, Any]] = {}
        # station -> (order keys changed, defects the old or new versions name)
        touched: dict[str, tuple[list[tuple[str, str]], set[str]]] = {}
        olds: dict[str, dict[str, Any] | None] = {}  # record id -> its version before the batch
        for record in records:
            known = current.get(record["record_id"])
            if known is not None and not _newer(record, known):
                continue
            olds.setdefault(record["record_id"], known)
            for version, sign in ((known, -1), (record, 1)):
                if version is None:
                    continue
                self._count(version, sign, counts, defects)
                count_insight(version, sign, self.buckets, sums, defect_boxes)
                keys, names = touched.setdefault(version["station_id"], ([], set()))
                keys.append((version["recorded_at"], version["record_id"]))
                names.update(defects_of(version))
            current[record["record_id"]] = changed[record["record_id"]] = record
            stored.stations.add(record["station_id"])
            if known is not None:
                stored.stations.add(known["station_id"])
        if changed:
            db.executemany(_PUT_CURRENT, map(_record_values, changed.values()))
            db.executemany(_BUMP_VERSION, [(RECORDS_VERSION + station,)
                                           for station in sorted(stored.stations)])
            if self.extensions:
                self._extension_records([RecordChange(old, changed[record_id]) for record_id, old
                                         in olds.items()], stored)
        stored.records = len(changed)
        if counts:
            db.executemany(_ADD_COUNTS, [(*key, *values) for key, values in counts.items()])
        if defects:
            db.executemany(_ADD_DEFECTS, [(*key, value) for key, value in defects.items()
                                          if value])
        self._add_insight(sums, defect_boxes)
        for station, (keys, names) in touched.items():
            if names:
                self._update_runs(station, min(keys), max(keys), names)

    def _add_insight(self, sums: dict, defect_boxes: dict) -> None:
        weeks = roll_up(self.buckets, sums, defect_boxes)
        if weeks:
            self.connection.executemany(_ADD_WEEK, [(*key, *values)
                                                    for key, values in weeks.items()])
        if sums:
            self.connection.executemany(_ADD_INSIGHT, [(*key, *values)
                                                       for key, values in sums.items()])
        if defect_boxes:
            self.connection.executemany(_ADD_DEFECT_BOXES, [
                (*key, value) for key, value in defect_boxes.items() if value])

    # -- features' figures (data/view_extensions.py) -----------------------------------------

    def _new_wanted(self, events: list[tuple]) -> list[tuple]:
        """The batch's events some extension wants that the view does not hold yet (read
        before they are inserted; an event taken from a station's other chain is not new)."""
        if not self._wanted:
            return []
        wanted = [event for event in events if event[ACTION_INDEX] in self._wanted]
        return [event for event in wanted if self.connection.execute(
            "SELECT 1 FROM view_events WHERE station = ? AND seq = ? AND hash = ?",
            (event[0], event[1], event[9])).fetchone() is None]

    def _extension_events(self, events: list[tuple], stored: Stored) -> None:
        for extension in self.extensions:
            mine = [event for event in events if event[ACTION_INDEX] in extension.actions]
            if mine and extension.events_stored(self.connection, mine, self.buckets):
                stored.extensions.add(extension.name)

    def _extension_records(self, changes: list[RecordChange], stored: Stored) -> None:
        for extension in self.extensions:
            if extension.records_changed(self.connection, changes, self.buckets):
                stored.extensions.add(extension.name)

    # -- repeated-defect runs --------------------------------------------------------------

    def _update_runs(self, station: str, low: tuple[str, str], high: tuple[str, str],
                     names: set[str]) -> None:
        """Work out again, for each defect named, the runs of a station around the stretch
        [low, high] of its order where records changed. Outside that stretch nothing changed,
        so a defect's runs can only change within the stretch widened by the records right
        before and after it that have the defect (a run is bounded by records without it)."""
        db = self.connection
        window = db.execute(
            f"SELECT {ORDER_COLUMNS} FROM view_records WHERE station_id = ? AND "
            f"status = 'active' AND (recorded_at, record_id) BETWEEN (?, ?) AND (?, ?) "
            f"ORDER BY recorded_at, record_id", (station, *low, *high)).fetchall()
        before = Neighbours(db, station, low, backward=True)
        after = Neighbours(db, station, high, backward=False)
        for defect in sorted(names):
            head = before.having(defect)  # nearest first
            tail = after.having(defect)
            stretch = [*reversed(head), *window, *tail]
            first = head[-1][:2] if head else low
            last = tail[-1][:2] if tail else high
            db.execute("DELETE FROM agg_runs WHERE station = ? AND defect = ? AND "
                       "(last_at, last_id) >= (?, ?) AND (first_at, first_id) <= (?, ?)",
                       (station, defect, *first, *last))
            db.executemany(
                "INSERT INTO agg_runs (station, defect, first_at, first_id, last_at, last_id, "
                "length) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(station, defect, *run[0], *run[1], run[2])
                 for run in runs_of(stretch, defect)])

    def _current(self, record_ids: set[str]) -> dict[str, dict[str, Any]]:
        found: dict[str, dict[str, Any]] = {}
        ids = list(record_ids)
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start:start + IN_CHUNK]
            cursor = self.connection.execute(
                f"SELECT {', '.join(RECORD_COLUMNS)} FROM view_records WHERE record_id IN "
                f"({', '.join('?' * len(chunk))})", chunk)
            for row in cursor:
                found[row[0]] = dict(zip(RECORD_COLUMNS, row))
        return found

    def _count(self, record: dict[str, Any], sign: int, counts: dict, defects: dict) -> None:
        count_record(record, sign, self.buckets, counts, defects)

    # -- rebuilding ------------------------------------------------------------------------

    def rebuild_aggregates(self, batch: int = 20_000) -> int:
        """Empty the aggregates and count every current record again (after the site's time
        zone changed: the buckets are local hours, days, weeks, months and years). Returns
        the records."""
        db = self.connection
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM agg_counts")
            db.execute("DELETE FROM agg_defects")
            db.execute("DELETE FROM agg_insight")
            db.execute("DELETE FROM agg_insight_defects")
            db.execute("DELETE FROM agg_insight_weeks")
            for extension in self.extensions:
                for table in extension.tables:
                    db.execute(f'DELETE FROM "{table}"')
            cursor = db.execute(f"SELECT {', '.join(RECORD_COLUMNS)} FROM view_records")
            total = 0
            while True:
                rows = cursor.fetchmany(batch)
                if not rows:
                    break
                counts: dict = {}
                defects: dict = {}
                sums: dict = {}
                defect_boxes: dict = {}
                for row in rows:
                    record = dict(zip(RECORD_COLUMNS, row))
                    self._count(record, 1, counts, defects)
                    count_insight(record, 1, self.buckets, sums, defect_boxes)
                db.executemany(_ADD_COUNTS, [(*key, *values) for key, values in counts.items()])
                db.executemany(_ADD_DEFECTS, [(*key, value) for key, value in defects.items()])
                self._add_insight(sums, defect_boxes)
                if self.extensions:
                    self._extension_records([RecordChange(None, dict(zip(RECORD_COLUMNS, row)))
                                             for row in rows], Stored())
                total += len(rows)
            self._replay_events(batch)
            db.execute(_BUMP_VERSION, (AGGREGATES_VERSION,))
            db.execute("INSERT INTO view_meta (key, value) VALUES ('aggregates_timezone', ?) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (self.buckets.zone_name,))
            db.execute("COMMIT")
            return total
        except BaseException:
            db.execute("ROLLBACK")
            raise


    def _replay_events(self, batch: int) -> None:
        """Hand every stored event an extension wants to it again, a station's in seq order
        (for a rebuild: its figures were emptied)."""
        if not self._wanted:
            return
        marks = ", ".join("?" * len(self._wanted))
        cursor = self.connection.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM view_events WHERE action IN ({marks}) "
            f"ORDER BY station, seq", tuple(sorted(self._wanted)))
        while rows := cursor.fetchmany(batch):
            self._extension_events([tuple(row) for row in rows], Stored())


def _deferred(db: sqlite3.Connection) -> bool:
    """Whether indexes were left out by a catch-up that has not finished yet."""
    return db.execute("SELECT 1 FROM view_meta WHERE key = ?",
                      (DEFERRED_KEY,)).fetchone() is not None


def _newer(record: dict[str, Any], known: dict[str, Any]) -> bool:
    """The higher version is the current one; of two equal versions (two PCs corrected the
    same version: a conflict, both kept) the one edited later, and of two edited at the same
    moment the one whose event (writer, place in its chain) sorts last: every PC picks the
    same one, whichever it reads first."""
    return ((record["version"], record.get("edited_at") or "", record["source_station"],
             record["source_seq"])
            > (known["version"], known.get("edited_at") or "", known["source_station"],
               known["source_seq"]))
