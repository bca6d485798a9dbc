"""The site view's ingestion (a part of `SiteView`, utils/site/site_view.py): this PC's own
chain from its own database, every other station's journal from where the view stopped,
through the one per-event check (utils/site/journal_check.py), taken only in sealed runs, and
stored in batches that tell the listeners what changed (`ViewChange`).

A mixin of `SiteView`, whose state, share reading and refusals it uses (one job a module).

How it fits: docs/architecture.md §4, "A box, from the form to every PC's site view"."""

from __future__ import annotations

import json
import logging
import operator
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from data import audit_repo, view_repo
from data.view_ownership import WaitingCount
from data.view_record_row import event_problem, record_problem, record_row
from data.view_store import Batch, Position, Stored, ViewWriter
from models.canonical import format_utc
from models.record import RECORD_EVENT_ACTIONS as RECORD_ACTIONS
# What ingestion tells (apart, for whoever only receives it; imported from here as well).
from utils.site.ingest_report import IngestReport, Listener, ViewChange
from utils.site.journal_read import parse_body
from utils.site.journal_check import ChainCheck
from utils.site.journal_resume import resume
from utils.site.ports import PlaceRefused
from utils.site.view_refusals import RecordRefusals
from utils.site.view_state import Broken
from utils.trust.record_signatures import manifest_problem
from utils.listeners import tell_each

log = logging.getLogger(__name__)

_BODY_COLUMNS = ("ts", "user", "role", "action", "entity", "entity_id", "command_id")
_body_values = operator.itemgetter(*_BODY_COLUMNS)
INGEST_BATCH = 5000  # events per batch (a transaction of its own, or a savepoint in a group)
# Anchor seals (signatures checked) this often while catching up to a time: one Ed25519 seal
# check (about 0.3 ms) per 300 events, about 1 µs an event against the 110 µs of storing it.
HORIZON_ANCHOR_EVENTS = 300
# Events per transaction while catching up in groups (`SiteIngest.grouped`): about 50 MB of
# the writer's page cache for the pages they touch, and a few seconds between commits.
GROUP_EVENTS = 50_000
# ... or per this many seconds: the view's lock and SQLite's write lock (another process
# catching up waits for it: ViewWriter.BUSY_TIMEOUT_MS) are never held much longer. Not less:
# each commit rewrites every page of the record ids' indexes a record of the group landed in,
# so small groups write more per event as the view grows (15 s groups: 7,000 events, 18 KB
# written per event at 0.5 M events; 50,000-event groups: 4-11 KB; a loaded 2-core VM).
GROUP_SECONDS = 30.0
# What the GUI thread takes of this PC's own chain itself (a tab's Apply, a saved correction):
# its newest events at once; a backlog (a first opening: 50,000 took 8-14 s) is the follower's.
GUI_LOCAL_EVENTS = 1000
LOCAL_BATCH = 5000


@dataclass
class _Group:
    """The batches stored in the open group so far (not committed yet)."""

    max_events: int
    stored: Stored = field(default_factory=Stored)
    opened: float = field(default_factory=time.monotonic)

    def full(self) -> bool:
        return (self.stored.events >= self.max_events
                or time.monotonic() - self.opened >= GROUP_SECONDS)


def _text(value: Any) -> str | None:
    """A body field as a column value: text or nothing (a body is only as tidy as its writer)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


class SiteIngest:
    """Ingestion, for `SiteView` (which holds the state these methods use)."""

    stuck: dict[str, Broken]  # station -> where its journal raised (SiteView.station_stuck)
    # This PC's own chains whose taking raised (in `stuck` too; a journal read fine keeps them).
    _local_stuck: frozenset[str] = frozenset()
    _listeners: list[Listener]
    record_refusals: RecordRefusals  # record versions refused, for the fleet's alarm
    waiting: WaitingCount  # SiteView.waiting_changes

    # -- ingestion ---------------------------------------------------------------------------

    def ingest(self, *, stop: threading.Event | None = None) -> list[IngestReport]:
        """One pass: this PC's own chain, then every other station's journal to its last
        seal. Returns one report per journal read. Raises OSError when the share cannot be
        listed (what was stored so far stays). A station whose journal cannot be taken (its
        place refused, its files unreadable, or a fault: SiteView.station_stuck) is named, and the
        stations after it are read on."""
        self.ingest_local()
        reports = []
        for station_id in self.journal_stations():
            if stop is not None and stop.is_set():
                break
            try:
                reports.append(self.ingest_station(station_id))
                self.witness_checkpoint(station_id)
            except PlaceRefused as exc:
                self._place_refused(station_id, exc)
            except OSError as exc:
                log.warning("Journal of %s not readable now: %s", station_id, exc)
            except Exception as exc:  # a fault stops this station, not every one after it
                self.station_stuck(station_id, exc)
        return reports

    def ingest_station(self, station_id: str, *, max_events: int | None = None,
                       until: str | None = None) -> IngestReport:
        """Read each of one station's journals (its chains) from where the view stopped,
        taking sealed runs, until its end (or about `max_events` events, or the first run
        that reaches past the time `until`). Raises OSError if the share goes away; what was
        stored before stays, and the next call resumes from there. The report adds up the
        chains; a broken chain is named in it (the first one), the others are read on."""
        report = IngestReport(station_id)
        for name in self.read_chains(station_id):
            part = self._ingest_chain(station_id, name, max_events=max_events, until=until)
            report.ingested += part.ingested
            report.records += part.records
            report.unsealed += part.unsealed
            if part.broken_seq is not None and report.broken_seq is None:
                report.broken_seq, report.broken_kind = part.broken_seq, part.broken_kind
                report.broken_detail = part.broken_detail
            if part.more:
                report.more = True
                break
            if max_events is not None:
                max_events -= part.ingested
                if max_events <= 0:
                    report.more = True
                    break
        if station_id not in self._local_stuck:
            self.stuck.pop(station_id, None)  # taken again (the fault is gone)
        return report

    def _ingest_chain(self, station_id: str, name: str, *,
                      max_events: int | None, until: str | None) -> IngestReport:
        """One chain of a station, as `ingest_station` reads each."""
        report = IngestReport(station_id)
        key = self.source_key(station_id, name)
        with self._lock:
            with self.database.read() as connection:
                source = view_repo.source(connection, key)
            if source is not None and source["broken_seq"] is not None:
                report.broken_seq, report.broken_kind = source["broken_seq"], source["broken_kind"]
                report.broken_detail = source["broken_detail"]
                self._refuse_broken(station_id, report, name)
                return report
            start = (Position() if source is None else
                     Position(source["segment"], source["offset"], source["last_seq"],
                              source["last_hash"]))
            # Read up to a time (`until`): a reading stops only between runs, and a run is
            # what one anchor seal releases (4,000 events by default, a month of a station):
            # rounds of time would each read most of the site, and progress would not move.
            check = ChainCheck(station_id, self._seal_check(name), last_seq=start.last_seq,
                               last_hash=start.last_hash,
                               anchor=None if source is None else source["anchor"],
                               verify_after=(ChainCheck.verify_after if until is None
                                             else HORIZON_ANCHOR_EVENTS))
            store = self.store
            entries = resume(lambda segment, offset: store.read_journal(
                station_id, name, start_segment=segment, start_offset=offset),
                start.segment, start.offset, start.last_seq, start.last_hash)
            batch = self._batch(station_id, "journal", start, check.anchor, key)
            for run in check.runs(entries):
                for event in run.events:
                    self._add(batch, station_id, event.seq, event.hash, event.body,
                              foreign_checked=True)
                last = run.events[-1]
                batch.end = Position(*run.position, last.seq, last.hash)
                batch.anchor = check.anchor
                if until is not None and batch.events and batch.events[-1][2] > until:
                    report.more = True  # the rest waits for the other stations to get here
                    break
                if len(batch.events) >= INGEST_BATCH:
                    if not self._store(batch, report):
                        return report
                    batch = self._batch(station_id, "journal", batch.end, check.anchor, key)
                    if max_events is not None and report.ingested >= max_events:
                        report.more = True
                        break
            else:
                if check.broken is not None:
                    broken = check.broken
                    batch.broken = (broken.seq, broken.kind, broken.detail)
                    report.broken_seq, report.broken_kind = broken.seq, broken.kind
                    report.broken_detail = broken.detail
                    self._refuse_broken(station_id, report, name)
                report.unsealed = check.unsealed
            self._note_bad_lines(station_id, check, name)
            # Stored when it moves the reading on, even with every event refused (passed once).
            if batch.events or batch.end != batch.start or batch.broken is not None \
                    or source is None and check.anchor:
                self._store(batch, report)
        return report

    def ingest_local(self, *, max_events: int | None = None, wait: bool = True) -> int:
        """This PC's own chains, from its own database (no seal needed: this is where they
        are written). Returns the events taken; a fault taking one chain stops that chain
        only (`_ingest_local`). `wait` False (the GUI thread): when the follower is storing a
        batch now, return at once; it takes them on its next pass (it is woken by every
        commit of this PC)."""
        if not self._lock.acquire(blocking=wait):
            return 0
        try:
            return self._ingest_local(max_events)
        finally:
            self._lock.release()

    def _ingest_local(self, max_events: int | None) -> int:
        """Each of this PC's chains in turn. A fault taking one (what no refusal expects: a
        bug) stops that chain where the view has it, named as a stuck journal is
        (SiteView.station_stuck: once in the log, in the follower's state); the other chains,
        and the caller's journals after them, are taken on."""
        taken = 0  # each pass: what another process stored is counted (a new writer counts it)
        if self._writer is not None:
            self.waiting.refresh(self._writer.connection)
        with self.ctx.database.read() as connection:
            chains = audit_repo.stations(connection)
        with self.database.read() as connection:
            known = {s["source"]: s for s in view_repo.sources(connection)}
        for station_id in chains:
            source = known.get(station_id)
            if source is not None and source["kind"] != "local":
                continue  # the same id is read from a journal (another PC's chain)
            start = Position(0, 0, 0 if source is None else source["last_seq"],
                             None if source is None else source["last_hash"])
            try:
                while max_events is None or taken < max_events:
                    with self.ctx.database.read() as connection:
                        rows = audit_repo.events_after(
                            connection, station_id, start.last_seq,
                            LOCAL_BATCH if max_events is None else min(LOCAL_BATCH,
                                                                       max_events - taken))
                    if not rows:
                        break
                    batch = self._batch(station_id, "local", start, self.ctx.anchor
                                        if station_id == self.ctx.station_id else None)
                    for seq, _prev, digest, _key_id, _mac, body in rows:
                        self._add(batch, station_id, seq, bytes(digest).hex(), body)
                    batch.end = Position(0, 0, rows[-1][0], bytes(rows[-1][2]).hex())
                    report = IngestReport(station_id)
                    if not self._store(batch, report):
                        break
                    taken += report.ingested
                    start = batch.end
            except Exception as exc:  # this PC's database's own errors are raised again there
                self.station_stuck(station_id, exc, "local")
                self._local_stuck |= {station_id}
            else:
                if station_id in self._local_stuck:  # taken again (the fault is gone)
                    self._local_stuck -= {station_id}
                    self.stuck.pop(station_id, None)
        return taken

    def _batch(self, station_id: str, kind: str, start: Position, anchor: str | None,
               source: str | None = None) -> Batch:
        return Batch(station_id, kind, start, start, anchor,
                     now=format_utc(self.ctx.clock.now()), source=source)

    def _add(self, batch: Batch, station_id: str, seq: int, digest: str, body_text: str, *,
             foreign_checked: bool = False) -> None:
        """One event into `batch`, and its record's version when it carries one. With
        `foreign_checked` (a journal), a change to another station's record is taken only
        when a person signed it."""
        try:
            body = parse_body(body_text)
        except ValueError:
            body = None
        if type(body) is not dict:
            body = {}
        get = body.get
        try:
            values = _body_values(body)  # the writer's bodies have every column's key
        except KeyError:
            values = tuple(get(name) for name in _BODY_COLUMNS)
        for value in values:
            if value is not None and type(value) is not str:
                # a body is only as tidy as its writer
                values = tuple(map(_text, values))
                break
        ts, user, role, action, entity, entity_id, command_id = values
        if (refused := event_problem(ts, user, role, action, entity)) is not None:
            # An anomaly of the station (a time of year 9999 overflows a local time); its chain's
            # position moves past it as past any event.
            log.warning("Station %s: event %d refused (%s); it is not in the site view, the "
                        "rest of the journal is", station_id, seq, refused)
            self.record_refusals.update({station_id: f"event {seq} refused: {refused}"})
            return
        batch.events.append((station_id, seq, ts, user, role, action, entity,
                             entity_id, command_id, digest, body_text))
        if action in RECORD_ACTIONS:
            row = record_row(get("after"), station_id, seq)
            problem = None
            if row is not None and foreign_checked and row["station_id"] != station_id:
                problem = manifest_problem(self.trust.state, get("after"), get("reason"))
            if problem is not None:
                self.record_refusals.add(station_id, f"event {seq} changes station "
                                                     f"{row['station_id']}'s record: {problem}")
            elif row is not None and (refused := record_problem(row)) is not None:
                # What local entry refuses (a bidi lot code, box -5, year 9999) is neither shown
                # nor counted: an anomaly of the station (the fleet's alarm).
                self.record_refusals.add(station_id, f"event {seq}'s record: {refused}")
            elif row is not None:
                # Taken only if it names its record's station, whoever wrote it
                # (data/view_ownership.py).
                batch.records.append(row)
            else:
                log.warning("Event %d of %s carries no well-formed record; its record is not "
                            "shown", seq, station_id)

    def begin_catch_up(self) -> bool:
        """Catching up starts (ViewWriter.begin_catch_up: a larger cache; on an empty view
        the indexes only readers need are made at the end). True when they are left out."""
        with self._lock:  # a PC outside a site reads no journal: nothing worth deferring
            return self._writer_or_new().begin_catch_up(defer=self.store is not None)

    def end_catch_up(self, *, complete: bool) -> None:
        """Catching up ended (every journal read to its end when `complete`)."""
        with self._lock:
            self._writer_or_new().end_catch_up(complete=complete)

    @contextmanager
    def grouped(self, max_events: int = GROUP_EVENTS) -> Iterator[None]:
        """Store the batches ingested inside this block in one transaction per about
        `max_events` events (catching up: see ViewWriter.begin_group), each batch whole, the
        listeners told at each commit. Holds the view's lock throughout: the GUI thread's
        `ingest_local(wait=False)` returns at once meanwhile. On an exception the batches
        stored so far are committed (each is whole and checked) and it is raised again."""
        with self._lock:
            writer = self._writer_or_new()
            if writer.grouped:  # already in a group (nested): the outer one commits
                yield
                return
            self._group = _Group(max_events)
            writer.begin_group()
            try:
                yield
            finally:
                if self._group is not None and writer.grouped:
                    self._commit_group(writer, again=False)
                self._group = None

    def _commit_group(self, writer: ViewWriter, *, again: bool) -> None:
        group = self._group
        assert group is not None
        try:
            writer.commit_group()
        except BaseException:
            self._group = None
            if writer.connection.in_transaction:
                writer.rollback_group()
                self.waiting.recount(writer.connection)  # what the rolled-back batches changed
            raise
        self.waiting.refresh(writer.connection)  # what the group's batches changed
        self._group = _Group(group.max_events) if again else None
        if again:
            writer.begin_group()
        stored = group.stored
        if stored.events or stored.records or stored.extensions:
            self._notify(stored)

    def _store(self, batch: Batch, report: IngestReport) -> bool:
        writer = self._writer_for_use()
        stored = writer.store(batch)
        if stored is None:
            log.info("Site view: %s was read by another reader meanwhile; skipped", batch.station)
            return False
        report.ingested += stored.events
        report.records += stored.records
        for station, problem in stored.refused:
            self.record_refusals.add(station, problem)
        self.waiting.refresh(writer.connection, changed=stored.waiting_changed, later=writer.grouped)
        for extension in writer.extensions:  # events a feature refused, said where refused
            self.record_refusals.update(extension.refusals.take())
        group = self._group
        if group is not None and writer.grouped:
            group.stored.merge(stored)
            if group.full():
                self._commit_group(writer, again=True)
        elif stored.events or stored.records or stored.extensions:
            self._notify(stored)
        return True

    def _notify(self, stored: Stored) -> None:
        change = ViewChange(set(stored.stations), stored.events, stored.records,
                            set(stored.extensions))
        # a listener's bug must not stop ingestion
        tell_each(list(self._listeners), change, log=log, failure="Site view listener failed")
