"""The site view: one read-model over every station's sealed journal and this PC's own chain,
in its own SQLite database (data/view_db.py), used by every tab of the admin panel, the CLI
and the exports.

Only members count: a journal is read only for a station whose PC is certified in the site
directory, and its events enter the view only under a seal that PC signed (or a PC it took
over from): an event appended by anyone else is never covered. A change to another station's
record (an office PC's correction) counts only when the person who made it signed it with
their own key (utils/trust/record_signatures.py).

`SiteView.ingest` reads each station's journal from where it stopped, through the one
per-event check (utils/site/journal_check.py): events enter the view only in sealed runs, the
reading position never moves past the last seal, and the first bad thing stops ingestion for
that station and is recorded (station, seq, kind, detail). This PC's own chain is read from its
own database (`ingest_local`), so its own records show at once, share or no share.

`verify_station` re-reads a station's whole journal through the same check and compares it with
every checkpoint this PC ever witnessed and with what the view already took: a journal rolled
back or cut short is caught even when it is internally consistent. `verify_site` does that for
every station, plus this PC's own chains.

Everything is read through the share's seam and the bounded reader: a linked station folder,
journal folder or segment is not read, an unreadable line or a refused checkpoint is named
(`problems`, and in verify's result: a journal holding a line the station never wrote is not
called intact), and nothing there can make ingestion or verify raise.

A station may have several chains on the share, each in a journal folder of its own (its first
in `journal/`, a later one after a takeover or a restore in `journal-<chain id>/`:
utils/site/journal.py). Each folder is read and verified as a chain of its own, from its own
position (a source keyed by `source_key`), with seals checked for that folder (a retired PC's
key up to the head it had sealed there when it was retired). An event two chains share (a
restored chain's part before its fork point) is stored once. `verify_site` reports each chain.
Folders of a station named like a journal that are not one (a link, a file, another name) are
refused and named, never read. This PC's own station is read from its journals too (the chain
of the PC it took over from); its own events there are the same events as its own chain's.

Who follows the journals continuously (catch-up with progress, follow, stop) is
utils/site/view_follower.py; this module does one pass when asked.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import logging
import operator
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from data import audit_repo, site_repo, view_repo
from data.audit_repo import StoredCheckpoint
from data.database import Database
from data.view_buckets import Buckets
from data.view_db import TIMEZONE_KEY, get_meta, open_view_database
from data.view_figures import SiteCounts, site_counts
from data.view_store import Batch, Position, Stored, ViewWriter, record_row
from models.canonical import format_utc
from models.record import RECORD_EVENT_ACTIONS
from utils.audit.chain import checkpoint_from_json
from utils.audit.verify import TamperKind, VerifyResult
from utils.site.journal import (BadLine, JournalEvent, JournalHeader, chain_folders, journal_size,
                                list_segments, parse_body, read_journal)
from utils.site.journal_check import ChainCheck
from utils.site.layout import FIRST_JOURNAL, SiteLayout, valid_station_id
from utils.site.seals import SealCheck, no_site_seal_check, pc_seal_check
from utils.site.share_files import ReadState, read_json_file
from utils.site.share_fs import ShareRefused
from utils.trust.record_signatures import manifest_problem
from utils.trust.site_trust import NOT_A_MEMBER

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

RECORD_ACTIONS = RECORD_EVENT_ACTIONS
_BODY_COLUMNS = ("ts", "user", "role", "action", "entity", "entity_id", "command_id")
_body_values = operator.itemgetter(*_BODY_COLUMNS)
INGEST_BATCH = 5000  # events per transaction
# What the GUI thread takes of this PC's own chain itself (a tab's Apply, a saved correction):
# its newest events, at once; a backlog (the first opening on a PC with a long chain: 50,000
# events took 8-14 s) is the follower's, in the background.
GUI_LOCAL_EVENTS = 1000
LOCAL_BATCH = 5000
VERIFY_PROGRESS_EVERY = 20_000
# Verify checks the signature of a seal at least every this many events and of the last one
# (journal_check.py): an Ed25519 check costs about 0.3 ms, and a station seals about every
# box, so checking each seal held verify near 10,000 events/s. A failed anchor is walked back
# seal by seal, so a bad seal it covers is still named exactly.
VERIFY_ANCHOR_EVERY = 4000


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


def _text(value: Any) -> str | None:
    """A body field as a column value: text or nothing (a body is only as tidy as its writer)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


class SiteView:
    def __init__(self, ctx: "AppContext", *, site_root: Path | None = None,
                 seal_ok: SealCheck | None = None, database: Database | None = None):
        self.ctx = ctx
        root = site_root if site_root is not None else ctx.site_folder
        self.layout = None if root is None else SiteLayout(Path(root))
        self.fs = None if self.layout is None else self.layout.fs
        self.trust = ctx.trust  # None: this PC is in no site (it trusts no journal)
        self._seal_ok = seal_ok  # injected (tests): used for every journal folder
        self.seal_ok = seal_ok or (no_site_seal_check if self.trust is None
                                   else pc_seal_check(self.trust))
        self._refused: dict[str, str] = {}  # station -> why its files are not taken (logged once)
        # What was refused on the share, per station, as "file: reason" (named by verify).
        self.problems: dict[str, dict[str, str]] = {}
        self._own_database = database is None
        self.database = database or open_view_database(ctx.paths.site_view_file)
        self._writer: ViewWriter | None = None
        self._lock = threading.RLock()  # one ingest at a time in this process
        self._listeners: list[Listener] = []
        self._checkpoint_markers: dict[str, tuple[int, int]] = {}
        self._anchors: dict[Path, str] = {}  # journal folder -> its header's anchor
        self.zone_name = ctx.timezone
        self._buckets = Buckets(self.zone_name)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None
        if self._own_database:
            self.database.dispose()

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _writer_for_use(self) -> ViewWriter:
        with self._lock:
            return self._writer_or_new()

    def _writer_or_new(self) -> ViewWriter:
        if self._writer is None:
            self._writer = ViewWriter(self.database, self.zone_name)
            if get_meta(self.database, TIMEZONE_KEY) != self.zone_name:
                # The aggregates are local hours, days and months: another site time zone
                # means counting every record again (a new view has none to count).
                count = self._writer.rebuild_aggregates()
                if count:
                    log.info("Site view: aggregates rebuilt for time zone %s (%d records)",
                             self.zone_name, count)
        return self._writer

    # -- what is on the share ----------------------------------------------------------------

    def station_ids(self) -> list[str]:
        """Stations with a folder on the share (OSError when the share is unreachable); a
        link named like a station is refused, not listed."""
        if self.layout is None or self.fs is None:
            return []
        try:
            entries = self.fs.scandir(self.layout.stations_dir)
        except ShareRefused as exc:  # `stations` itself is a link: nothing under it is read
            self._problem("", exc.path, f"{exc.reason}; not followed")
            return []
        for entry in entries:
            if valid_station_id(entry.name) and entry.problem is not None:
                self._problem(entry.name, entry.path, f"{entry.problem}; not followed")
        return sorted(entry.name for entry in entries
                      if entry.is_dir and valid_station_id(entry.name))

    def journal_stations(self) -> list[str]:
        """The stations whose journals this PC reads: every member (itself included: the
        journal of a PC it took over from is there). A folder of a station no PC is certified
        for is refused (`anomalies`), never read."""
        stations = []
        for station_id in self.station_ids():
            if self.trust is not None:
                self.trust.refresh_if_unknown(station_id)
            if self.trust is None or self.trust.state.member(station_id) is None:
                self._refuse(station_id, NOT_A_MEMBER)
                continue
            self._refused.pop(station_id, None)
            stations.append(station_id)
        return stations

    # -- what was refused --------------------------------------------------------------------

    def _problem(self, station_id: str, path: Path, reason: str) -> None:
        """Remember a refused file of a station, logged once per file and reason."""
        where = self._relative(path)
        known = self.problems.setdefault(station_id, {})
        if known.get(where) != reason:
            known[where] = reason
            log.warning("Site view: %s refused: %s", where, reason)

    def _relative(self, path: Path) -> str:
        try:
            return Path(path).relative_to(self.layout.root).as_posix()
        except (ValueError, AttributeError):
            return str(path)

    def _refuse(self, station_id: str, problem: str) -> None:
        if self._refused.get(station_id) != problem:
            self._refused[station_id] = problem
            log.warning("Station %s: %s; its files are not taken into the site view",
                        station_id, problem)

    def _refuse_broken(self, station_id: str, report: "IngestReport",
                       folder_name: str = FIRST_JOURNAL) -> None:
        """A broken journal stops ingestion for its chain and raises the fleet's alarm."""
        which = "journal" if folder_name == FIRST_JOURNAL else f"journal {folder_name}"
        self._refuse(station_id, f"{which} broken at event {report.broken_seq} "
                                 f"({report.broken_kind}): {report.broken_detail}")

    def anomalies(self) -> dict[str, str]:
        """Stations whose files on the share are refused, and why (for the fleet's alarms)."""
        return dict(self._refused)

    def _note_bad_lines(self, station_id: str, check: ChainCheck, journal: Path) -> None:
        for _after, line in check.bad_lines:
            self._problem(station_id, journal / f"{line.segment:08d}.jsonl",
                          f"byte {line.end_offset}: {line.reason}")

    # -- a station's chains ------------------------------------------------------------------

    def source_key(self, station_id: str, folder_name: str) -> str:
        """The view's source for one journal folder: the station's id for another station's
        first journal (this PC's own chain, read from its database, has its station's id),
        `station/folder` otherwise."""
        if folder_name == FIRST_JOURNAL and station_id != self.ctx.station_id:
            return station_id
        return f"{station_id}/{folder_name}"

    def chains(self, station_id: str) -> list[tuple[str, Path]]:
        """The station's journal folders as (name, path), its first journal first; entries
        named like a journal that are not one are refused (named in `problems`). Raises
        ShareRefused when the station folder itself is a link."""
        assert self.layout is not None
        try:
            found = chain_folders(self.layout.station(station_id), share=self.fs)
        except FileNotFoundError:
            return []
        for path, reason in found.refused:
            self._problem(station_id, path, reason)
        return [(path.name, path) for _chain, path in found.chains]

    def read_chains(self, station_id: str) -> list[tuple[str, Path]]:
        """The chains of a station this view reads from the share: all of them, but for this
        PC's own station not the one folder holding its own anchor's chain when only one does
        (its events are this PC's own, read from its database). A restored chain's station
        has two folders from its anchor: both are read (the shared part is stored once)."""
        chains = self.chains(station_id)
        if station_id != self.ctx.station_id:
            return chains
        own = [(name, folder) for name, folder in chains
               if self._anchor_of(folder) == self.ctx.anchor]
        return [chain for chain in chains if len(own) != 1 or chain not in own]

    def _anchor_of(self, folder: Path) -> str | None:
        """The anchor named by a journal folder's first header (read once, kept)."""
        known = self._anchors.get(folder)
        if known is None:
            for entry in read_journal(folder, share=self.fs):
                if isinstance(entry, JournalHeader) and isinstance(entry.document.get("anchor"), str):
                    known = self._anchors[folder] = entry.document["anchor"]
                break
        return known

    def _seal_check(self, folder_name: str) -> SealCheck:
        if self._seal_ok is not None or self.trust is None:
            return self.seal_ok
        return pc_seal_check(self.trust, folder_name)

    def remaining_bytes(self, station_id: str) -> int:
        """Journal bytes not yet taken into the view, over the station's chains (progress)."""
        total = 0
        for name, folder in self.read_chains(station_id):
            with self.database.read() as connection:
                source = view_repo.source(connection, self.source_key(station_id, name))
            if source is not None and source["broken_seq"] is not None:
                continue
            start = (1, 0) if source is None else (source["segment"], source["offset"])
            total += journal_size(folder, *start, share=self.fs)
        return total

    def first_event_ts(self, station_id: str) -> str | None:
        """The time of a station's first journal event (where catching up with it starts)."""
        chains = self.read_chains(station_id)
        if not chains:
            return None
        for entry in read_journal(chains[0][1], share=self.fs):
            if isinstance(entry, JournalEvent):
                try:
                    return _text(parse_body(entry.body).get("ts"))
                except (ValueError, AttributeError):
                    return None
        return None

    # -- checkpoints -------------------------------------------------------------------------

    def witness_checkpoint(self, station_id: str) -> StoredCheckpoint | None:
        """Read the station's published checkpoint (the head its PC signed, if changed) and
        keep it as a witness in this PC's own database (evidence: never in the rebuildable
        view). Not this PC's own station: its own chain has its own witness."""
        if self.layout is None or self.fs is None or station_id == self.ctx.station_id:
            return None
        path = self.layout.station(station_id).checkpoint
        result = read_json_file(path, max_bytes=16 * 1024, share=self.fs)
        if result.state not in (ReadState.OK, ReadState.MISSING, ReadState.NOT_READY):
            self._problem(station_id, path, result.reason)
        if result.state != ReadState.OK:
            return None
        marker = (result.stat.st_mtime_ns, result.stat.st_size)
        document = result.document
        problem = self.signed_head_problem(station_id, document)
        if problem is not None:
            self._refuse(station_id, f"checkpoint: {problem}")
            return None
        checkpoint = checkpoint_from_json(document)
        if self._checkpoint_markers.get(station_id) != marker:
            with self.ctx.database.write() as connection:
                site_repo.witness(connection, checkpoint, self.ctx.clock.now())
            self._checkpoint_markers[station_id] = marker
        return checkpoint

    def signed_head_problem(self, station_id: str, document: Any) -> str | None:
        """None when `document` is a checkpoint of the station signed by one of its journal
        keys (its PC now, or one it took over from)."""
        keys = {} if self.trust is None else self.trust.journal_keys(station_id)
        if not keys:
            return NOT_A_MEMBER
        if not (isinstance(document, dict) and document.get("kind") == "checkpoint"
                and document.get("station") == station_id):
            return "not a checkpoint of this station"
        try:
            checkpoint = checkpoint_from_json(document)
        except (KeyError, TypeError, ValueError):
            return "not a checkpoint"
        key = keys.get(checkpoint.key_id)
        if key is None or not key.check(checkpoint.payload(), checkpoint.sig):
            return "not signed by the PC certified for this station"
        assert self.trust is not None
        retired = self.trust.state.pc_keys[checkpoint.key_id].retired_heads
        if retired is not None and checkpoint.seq > max((seq for _f, seq, _h in retired),
                                                        default=0):
            # A stolen old key must not make verify expect events that never were.
            return ("signed by a PC key retired at a takeover, beyond the last event it had "
                    "sealed then")
        return None

    # -- ingestion ---------------------------------------------------------------------------

    def ingest(self, *, stop: threading.Event | None = None) -> list[IngestReport]:
        """One pass: this PC's own chain, then every other station's journal to its last
        seal. Returns one report per journal read. Raises OSError when the share cannot be
        listed (what was stored so far stays)."""
        self.ingest_local()
        reports = []
        for station_id in self.journal_stations():
            if stop is not None and stop.is_set():
                break
            try:
                reports.append(self.ingest_station(station_id))
                self.witness_checkpoint(station_id)
            except ShareRefused as exc:
                self._problem(station_id, exc.path, f"{exc.reason}; not followed")
            except OSError as exc:
                log.warning("Journal of %s not readable now: %s", station_id, exc)
        return reports

    def ingest_station(self, station_id: str, *, max_events: int | None = None,
                       until: str | None = None) -> IngestReport:
        """Read each of one station's journals (its chains) from where the view stopped,
        taking sealed runs, until its end (or about `max_events` events, or the first run
        that reaches past the time `until`). Raises OSError if the share goes away; what was
        stored before stays, and the next call resumes from there. The report adds up the
        chains; a broken chain is named in it (the first one), the others are read on."""
        report = IngestReport(station_id)
        for name, folder in self.read_chains(station_id):
            part = self._ingest_chain(station_id, name, folder, max_events=max_events,
                                      until=until)
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
        return report

    def _ingest_chain(self, station_id: str, name: str, folder: Path, *,
                      max_events: int | None, until: str | None) -> IngestReport:
        """One journal folder of a station, as `ingest_station` reads each."""
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
            check = ChainCheck(station_id, self._seal_check(name), last_seq=start.last_seq,
                               last_hash=start.last_hash,
                               anchor=None if source is None else source["anchor"])
            entries = read_journal(folder, start_segment=start.segment,
                                   start_offset=start.offset, share=self.fs)
            batch = self._batch(station_id, "journal", start, check.anchor, key)
            for run in check.runs(entries):
                for event in run.events:
                    self._add(batch, station_id, event.seq, event.hash, event.body,
                              foreign_checked=True)
                last = run.events[-1]
                batch.end = Position(*run.position, last.seq, last.hash)
                batch.anchor = check.anchor
                if until is not None and batch.events[-1][2] > until:
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
            self._note_bad_lines(station_id, check, folder)
            if batch.events or batch.broken is not None or source is None and check.anchor:
                self._store(batch, report)
        return report

    def ingest_local(self, *, max_events: int | None = None, wait: bool = True) -> int:
        """This PC's own chains, from its own database (no seal needed: this is where they
        are written). Returns the events taken. `wait` False (the GUI thread): when the
        follower is storing a batch now, return at once; it takes them on its next pass (it
        is woken by every commit of this PC)."""
        if not self._lock.acquire(blocking=wait):
            return 0
        try:
            return self._ingest_local(max_events)
        finally:
            self._lock.release()

    def _ingest_local(self, max_events: int | None) -> int:
        taken = 0
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
        batch.events.append((station_id, seq, ts or "", user, role, action or "", entity,
                             entity_id, command_id, digest, body_text))
        if action in RECORD_ACTIONS:
            row = record_row(get("after"), station_id, seq)
            problem = None
            if row is not None and foreign_checked and row["station_id"] != station_id:
                problem = manifest_problem(self.trust.state, get("after"), get("reason"))
            if problem is not None:
                self._refuse(station_id, f"event {seq} changes station {row['station_id']}'s "
                                         f"record: {problem}")
            elif row is not None:
                batch.records.append(row)
            else:
                log.warning("Event %d of %s carries no well-formed record; its record is not "
                            "shown", seq, station_id)

    def _store(self, batch: Batch, report: IngestReport) -> bool:
        stored = self._writer_for_use().store(batch)
        if stored is None:
            log.info("Site view: %s was read by another reader meanwhile; skipped", batch.station)
            return False
        report.ingested += stored.events
        report.records += stored.records
        if stored.events or stored.records or stored.extensions:
            self._notify(stored)
        return True

    def _notify(self, stored: Stored) -> None:
        change = ViewChange(set(stored.stations), stored.events, stored.records,
                            set(stored.extensions))
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # a listener's bug must not stop ingestion
                log.exception("Site view listener failed")

    # -- reading -----------------------------------------------------------------------------

    def current_record(self, record_id: str) -> dict[str, Any] | None:
        with self.database.read() as connection:
            return view_repo.current_record(connection, record_id)

    def counts(self, start: datetime | None, end: datetime | None, station: str | None = None,
               *, recent_hours: int = 0) -> SiteCounts:
        """The dashboard's sums for [start, end) from the aggregates (data/view_figures.py).
        (After the site's time zone changed, the next ingest counts them again.)"""
        with self.database.read() as connection:
            return site_counts(connection, self._buckets, start, end, station,
                               recent_hours=recent_hours)

    # -- verification ------------------------------------------------------------------------

    def verify_station(self, station_id: str, *,
                       progress: Callable[[str, int, int | None], None] | None = None,
                       cancel: threading.Event | None = None) -> VerifyResult:
        """One result for the station: its first chain's, or the first chain that is not
        intact (`verify_chains` gives one per chain)."""
        results = self.verify_chains(station_id, progress=progress, cancel=cancel)
        return next((r for r in results if not r.ok), results[0])

    def verify_chains(self, station_id: str, *,
                      progress: Callable[[str, int, int | None], None] | None = None,
                      cancel: threading.Event | None = None) -> list[VerifyResult]:
        """Each of the station's published journals (chains), through the same check as
        ingestion, against what this view already took from it; and every checkpoint ever
        witnessed of the station, each of which must be found in one of its chains. A station
        with no certified PC is not a member: never "intact", whatever its files say. A later
        chain's result is labelled `station/journal-<chain id>`."""
        assert self.layout is not None
        keys = {} if self.trust is None else self.trust.journal_keys(station_id)
        if not keys:
            return [VerifyResult(station_id, False, 0, first_bad_seq=None,
                                 kind=TamperKind.NOT_A_MEMBER,
                                 detail="no PC is certified for this station in the site "
                                        "directory; its files are not trusted")]
        try:
            return self._verify_member(station_id, keys, progress, cancel)
        except ShareRefused as exc:  # the journal folder (or the station's) is a link
            self._problem(station_id, exc.path, f"{exc.reason}; not followed")
            return [VerifyResult(station_id, False, 0, first_bad_seq=1,
                                 kind=TamperKind.TRUNCATED,
                                 detail=f"the journal cannot be read: {self._relative(exc.path)} "
                                        f"is {exc.reason}; not followed")]

    def _verify_member(self, station_id: str, keys: Mapping[str, Any],
                       progress: Callable[[str, int, int | None], None] | None,
                       cancel: threading.Event | None) -> list[VerifyResult]:
        assert self.layout is not None
        current = self.witness_checkpoint(station_id)
        with self.ctx.database.read() as connection:
            witnessed = ([] if station_id == self.ctx.station_id
                         else site_repo.witnessed(connection, station_id))
        with self.database.read() as connection:
            sources = {s["source"]: s for s in view_repo.station_sources(connection, station_id)
                       if s["kind"] == "journal"}
        heads = _valid_heads([*witnessed, *([current] if current else [])], keys)
        chains = [(name, folder) for name, folder in self.chains(station_id)
                  if list_segments(folder, share=self.fs)]
        if not chains:
            seen = [*heads, *(s["last_seq"] for s in sources.values() if s["last_seq"])]
            if not seen:
                return [VerifyResult(station_id, True, 0, detail="no journal published yet")]
            return [VerifyResult(station_id, False, 0, first_bad_seq=1,
                                 kind=TamperKind.TRUNCATED,
                                 detail=f"the journal is gone but event {max(seen)} was "
                                        f"seen before")]
        results: list[VerifyResult] = []
        tops: list[int] = []
        found: set[tuple[int, str]] = set()
        gone: list[VerifyResult] = []
        present = {self.source_key(station_id, name) for name, _folder in chains}
        for key, source in sorted(sources.items()):
            if key not in present and source["last_seq"]:
                # A chain this view read from a folder that is gone (or emptied) since.
                gone.append(VerifyResult(
                    key, False, 0, first_bad_seq=1, kind=TamperKind.TRUNCATED,
                    detail=f"the journal is gone but event {source['last_seq']} was read "
                           f"from it before"))
        for name, folder in chains:
            source = sources.get(self.source_key(station_id, name))
            result, top = self._verify_chain(station_id, name, folder, source, heads, found,
                                             progress, cancel)
            results.append(result)
            tops.append(top)
            if result.cancelled:
                return gone + results
        return gone + self._with_heads(results, tops, heads, found)

    def _verify_chain(self, station_id: str, name: str, folder: Path,
                      source: dict[str, Any] | None, heads: dict[int, set[str]],
                      found: set[tuple[int, str]],
                      progress: Callable[[str, int, int | None], None] | None,
                      cancel: threading.Event | None) -> tuple[VerifyResult, int]:
        """One chain folder; the station's witnessed heads it holds are added to `found`.
        Returns the result and the last event read that links (sealed or not)."""
        label = (station_id if name == FIRST_JOURNAL and station_id != self.ctx.station_id
                 else f"{station_id}/{name}")
        # What this view took from this folder: the folder must still hold it.
        taken: dict[int, set[str]] = ({source["last_seq"]: {source["last_hash"]}}
                                      if source is not None and source["last_seq"] else {})
        # The anchor this view took the chain from, when it took any: a journal put in its
        # place that starts from another anchor is another chain ("foreign").
        # Anchor seals only (one at least every VERIFY_ANCHOR_EVERY events, and the last; a
        # failed anchor is walked back seal by seal). Where this view's ingestion of the chain
        # stopped (a break it recorded), every seal is checked, so verify names a bad seal that
        # stopped it even when a later anchor vouches for the events (rare: no cost to speak of).
        check = ChainCheck(station_id, self._seal_check(name), verify_after=VERIFY_ANCHOR_EVERY,
                           every_seal=source is not None and source["broken_seq"] is not None,
                           anchor=None if source is None else source["anchor"])
        checked, mismatch = 0, None
        taken_seqs, seqs = sorted(taken), sorted(heads)
        for run in check.runs(read_journal(folder, share=self.fs)):
            mismatch = mismatch or _first_mismatch(run.events, taken_seqs, taken)
            _collect(run.events, seqs, heads, found)
            checked += len(run.events)
            if progress is not None and checked // VERIFY_PROGRESS_EVERY != (
                    checked - len(run.events)) // VERIFY_PROGRESS_EVERY:
                progress(label, checked, None)
            if cancel is not None and cancel.is_set():
                return VerifyResult(label, False, checked, cancelled=True, detail="cancelled",
                                    head_seq=check.sealed_seq), check.head_seq
        mismatch = mismatch or _first_mismatch(check.pending, taken_seqs, taken)
        _collect(check.pending, seqs, heads, found)
        self._note_bad_lines(station_id, check, folder)
        result = self._verdict(label, check, checked, mismatch, taken)
        result = dataclasses.replace(result, checkpoints_checked=len(set(heads) | set(taken)))
        return self._with_problems(result, station_id, check, folder), check.head_seq

    @staticmethod
    def _with_heads(results: list[VerifyResult], tops: list[int], heads: dict[int, set[str]],
                    found: set[tuple[int, str]]) -> list[VerifyResult]:
        """Every head signed by the station (or read before) must be in one of its chains:
        one in none of them makes the first chain's result say so (unless a chain is broken
        already, which says more)."""
        missing = sorted((seq, digest) for seq, digests in heads.items() for digest in digests
                         if (seq, digest) not in found)
        if not missing or not all(r.ok for r in results):
            return results
        first, top = results[0], max(tops)
        forked = [seq for seq, _digest in missing if seq <= top]
        if forked:
            # Every seal verified with a key of the station (the check would have broken
            # otherwise), yet a head signed or read before names another event: the station's
            # key wrote another branch (an older copy put back and continued).
            results[0] = dataclasses.replace(
                first, ok=False, first_bad_seq=forked[0], kind=TamperKind.FORKED,
                detail=f"the chain differs at event {forked[0]} from what was signed or read "
                       f"there before, and every seal verifies: an older copy was put back "
                       f"and continued with the station's key")
        else:
            results[0] = dataclasses.replace(
                first, ok=False, first_bad_seq=top + 1, kind=TamperKind.TRUNCATED,
                detail=f"the journal ends at event {top} but event {missing[-1][0]} was signed "
                       f"or read before")
        return results

    @staticmethod
    def _verdict(station_id: str, check: ChainCheck, checked: int, mismatch: int | None,
                 heads: dict[int, set[str]]) -> VerifyResult:
        head = check.head_seq
        if check.broken is not None:
            broken = check.broken
            return VerifyResult(station_id, False, checked, broken.seq, TamperKind(broken.kind),
                                broken.detail, head_seq=head, unsealed=check.unsealed,
                                checkpoints_checked=len(heads))
        if mismatch is not None:
            # Every seal verified with the station's key (the check above would have broken
            # otherwise), yet a head signed or read before names another event: the station's
            # key wrote another branch (an older copy put back and continued).
            return VerifyResult(station_id, False, checked, mismatch, TamperKind.FORKED,
                                f"the chain differs at event {mismatch} from what was signed or "
                                f"read there before, and every seal verifies: an older copy "
                                f"was put back and continued with the station's key",
                                head_seq=head, checkpoints_checked=len(heads))
        beyond = [seq for seq in heads if seq > head]
        if beyond:
            return VerifyResult(station_id, False, checked, head + 1, TamperKind.TRUNCATED,
                                f"the journal ends at event {head} but event {max(beyond)} was "
                                f"signed or read before", head_seq=head,
                                checkpoints_checked=len(heads))
        detail = f"{checked} events intact"
        if check.unsealed:
            detail += f"; {check.unsealed} more not yet sealed"
        return VerifyResult(station_id, True, checked, head_seq=check.sealed_seq,
                            checkpoints_checked=len(heads), unsealed=check.unsealed,
                            detail=detail)

    def _with_problems(self, result: VerifyResult, station_id: str,
                       check: ChainCheck, journal: Path) -> VerifyResult:
        """Name every refused file of the station in the result. A journal line the station
        never wrote (unreadable, too long, nested beyond the bounds) makes it not intact."""
        assert self.layout is not None
        notes = [f"{self._relative(journal / f'{line.segment:08d}.jsonl')} byte "
                 f"{line.end_offset}: {line.reason}" for _after, line in check.bad_lines]
        # Lines of the station's journal segments are each chain's own `notes`.
        segments = re.compile(rf"stations/{re.escape(station_id)}/journal(-[0-9a-f]{{16}})?/")
        notes += [f"{where}: {reason}" for where, reason in
                  sorted(self.problems.get(station_id, {}).items())
                  if not segments.match(where)]
        if not notes:
            return result
        named = "; ".join(dict.fromkeys(notes))
        if result.ok and check.bad_lines and not result.cancelled:
            first = check.bad_lines[0][0] + 1
            return dataclasses.replace(
                result, ok=False, first_bad_seq=first, kind=TamperKind.INSERTED,
                detail=f"the journal holds a line the station never wrote, after event "
                       f"{first - 1}: {named}")
        detail = f"{result.detail}; refused on the share: {named}" if result.detail else \
            f"refused on the share: {named}"
        return dataclasses.replace(result, detail=detail)

    def verify_site(self, *, progress: Callable[[str, int, int | None], None] | None = None,
                    cancel: threading.Event | None = None) -> list[VerifyResult]:
        """Every chain of every station's journals (including stations known only from
        witnessed checkpoints or from the view), plus this PC's own local chains. This PC's
        own station's journals are verified too when it has more than one (the chain of the
        PC it took over from, or the one its restored chain forked from)."""
        with self.ctx.database.read() as connection:
            known = set(site_repo.stations(connection))
        with self.database.read() as connection:
            known |= {s["station"] for s in view_repo.sources(connection)
                      if s["kind"] == "journal"}
        station_ids = sorted((set(self.station_ids()) | known) - {self.ctx.station_id})
        results = self.ctx.verify_audit(progress=progress, cancel=cancel)
        own = self.ctx.station_id
        try:
            if self.layout is not None and own and len(self.chains(own)) > 1:
                station_ids = sorted([*station_ids, own])
        except OSError as exc:
            log.warning("The journals of this PC's own station are not readable now: %s", exc)
        for station_id in station_ids:
            if cancel is not None and cancel.is_set():
                break
            results.extend(self.verify_chains(station_id, progress=progress, cancel=cancel))
        return results


def _valid_heads(checkpoints: Iterable[StoredCheckpoint],
                 keys: Mapping[str, Any]) -> dict[int, set[str]]:
    """Heads signed by one of the station's journal keys, by seq."""
    heads: dict[int, set[str]] = {}
    for checkpoint in checkpoints:
        key = keys.get(checkpoint.key_id)
        if key is not None and key.check(checkpoint.payload(), checkpoint.sig):
            heads.setdefault(checkpoint.seq, set()).add(checkpoint.head_hash)
    return heads


def _collect(events: list[JournalEvent], seqs: list[int], heads: dict[int, set[str]],
             found: set[tuple[int, str]]) -> None:
    """Add to `found` the heads (seq, hash) that `events` hold."""
    if not events or not seqs:
        return
    first = events[0].seq
    index = bisect.bisect_left(seqs, first)
    while index < len(seqs) and seqs[index] <= events[-1].seq:
        seq = seqs[index]
        digest = events[seq - first].hash
        if digest in heads[seq]:
            found.add((seq, digest))
        index += 1


def _first_mismatch(events: list[JournalEvent], seqs: list[int],
                    heads: dict[int, set[str]]) -> int | None:
    """The first event whose hash differs from a head signed or read before at its seq."""
    if not events or not seqs:
        return None
    first = events[0].seq
    index = bisect.bisect_left(seqs, first)
    while index < len(seqs) and seqs[index] <= events[-1].seq:
        seq = seqs[index]
        if events[seq - first].hash not in heads[seq]:
            return seq
        index += 1
    return None
