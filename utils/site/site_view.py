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

Who follows the journals continuously (catch-up with progress, follow, stop) is
utils/site/view_follower.py; this module does one pass when asked.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import logging
import operator
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
from utils.site.journal import (BadLine, JournalEvent, journal_size, list_segments,
                                parse_body, read_journal)
from utils.site.journal_check import ChainCheck
from utils.site.layout import SiteLayout, valid_station_id
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
        """The stations whose journals this PC reads: every member but itself. A folder of a
        station no PC is certified for is refused (`anomalies`), never read."""
        stations = []
        for station_id in self.station_ids():
            if station_id == self.ctx.station_id:
                continue
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

    def _refuse_broken(self, station_id: str, report: "IngestReport") -> None:
        """A broken journal stops ingestion for its station and raises the fleet's alarm."""
        self._refuse(station_id, f"journal broken at event {report.broken_seq} "
                                 f"({report.broken_kind}): {report.broken_detail}")

    def anomalies(self) -> dict[str, str]:
        """Stations whose files on the share are refused, and why (for the fleet's alarms)."""
        return dict(self._refused)

    def _note_bad_lines(self, station_id: str, check: ChainCheck) -> None:
        assert self.layout is not None
        journal = self.layout.station(station_id).journal
        for _after, line in check.bad_lines:
            self._problem(station_id, journal / f"{line.segment:08d}.jsonl",
                          f"byte {line.end_offset}: {line.reason}")

    def remaining_bytes(self, station_id: str) -> int:
        """Journal bytes not yet taken into the view (for progress)."""
        assert self.layout is not None
        with self.database.read() as connection:
            source = view_repo.source(connection, station_id)
        if source is not None and source["broken_seq"] is not None:
            return 0
        start = (1, 0) if source is None else (source["segment"], source["offset"])
        return journal_size(self.layout.station(station_id).journal, *start, share=self.fs)

    def first_event_ts(self, station_id: str) -> str | None:
        """The time of a station's first journal event (where catching up with it starts)."""
        assert self.layout is not None
        for entry in read_journal(self.layout.station(station_id).journal, share=self.fs):
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
        view)."""
        if self.layout is None or self.fs is None:
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
        """Read one station's journal from where the view stopped, taking sealed runs, until
        its end (or about `max_events` events, or the first run that reaches past the time
        `until`). Raises OSError if the share goes away; what was stored before stays, and
        the next call resumes from there."""
        assert self.layout is not None
        report = IngestReport(station_id)
        with self._lock:
            with self.database.read() as connection:
                source = view_repo.source(connection, station_id)
            if source is not None and source["broken_seq"] is not None:
                report.broken_seq, report.broken_kind = source["broken_seq"], source["broken_kind"]
                report.broken_detail = source["broken_detail"]
                self._refuse_broken(station_id, report)
                return report
            start = (Position() if source is None else
                     Position(source["segment"], source["offset"], source["last_seq"],
                              source["last_hash"]))
            check = ChainCheck(station_id, self.seal_ok, last_seq=start.last_seq,
                               last_hash=start.last_hash,
                               anchor=None if source is None else source["anchor"])
            entries = read_journal(self.layout.station(station_id).journal,
                                   start_segment=start.segment, start_offset=start.offset,
                                   share=self.fs)
            batch = self._batch(station_id, "journal", start, check.anchor)
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
                    batch = self._batch(station_id, "journal", batch.end, check.anchor)
                    if max_events is not None and report.ingested >= max_events:
                        report.more = True
                        break
            else:
                if check.broken is not None:
                    broken = check.broken
                    batch.broken = (broken.seq, broken.kind, broken.detail)
                    report.broken_seq, report.broken_kind = broken.seq, broken.kind
                    report.broken_detail = broken.detail
                    self._refuse_broken(station_id, report)
                report.unsealed = check.unsealed
            self._note_bad_lines(station_id, check)
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
            known = {s["station"]: s for s in view_repo.sources(connection)}
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

    def _batch(self, station_id: str, kind: str, start: Position, anchor: str | None) -> Batch:
        return Batch(station_id, kind, start, start, anchor,
                     now=format_utc(self.ctx.clock.now()))

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
        if stored.events or stored.records:
            self._notify(stored)
        return True

    def _notify(self, stored: Stored) -> None:
        change = ViewChange(set(stored.stations), stored.events, stored.records)
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
        """The station's whole published journal, through the same check as ingestion,
        against every checkpoint ever witnessed and what this view already took. A station
        with no certified PC is not a member: never "intact", whatever its files say."""
        assert self.layout is not None
        keys = {} if self.trust is None else self.trust.journal_keys(station_id)
        if not keys:
            return VerifyResult(station_id, False, 0, first_bad_seq=None,
                                kind=TamperKind.NOT_A_MEMBER,
                                detail="no PC is certified for this station in the site "
                                       "directory; its files are not trusted")
        try:
            result = self._verify_member(station_id, keys, progress, cancel)
        except ShareRefused as exc:  # the journal folder (or the station's) is a link
            self._problem(station_id, exc.path, f"{exc.reason}; not followed")
            return VerifyResult(station_id, False, 0, first_bad_seq=1,
                                kind=TamperKind.TRUNCATED,
                                detail=f"the journal cannot be read: {self._relative(exc.path)} "
                                       f"is {exc.reason}; not followed")
        return result

    def _verify_member(self, station_id: str, keys: Mapping[str, Any],
                       progress: Callable[[str, int, int | None], None] | None,
                       cancel: threading.Event | None) -> VerifyResult:
        assert self.layout is not None
        current = self.witness_checkpoint(station_id)
        with self.ctx.database.read() as connection:
            witnessed = site_repo.witnessed(connection, station_id)
        with self.database.read() as connection:
            source = view_repo.source(connection, station_id)
        heads = _valid_heads([*witnessed, *([current] if current else [])], keys)
        if source is not None and source["kind"] == "journal" and source["last_seq"]:
            heads.setdefault(source["last_seq"], set()).add(source["last_hash"])
        folder = self.layout.station(station_id).journal
        if not list_segments(folder, share=self.fs):
            if not heads:
                return VerifyResult(station_id, True, 0, detail="no journal published yet")
            return VerifyResult(station_id, False, 0, first_bad_seq=1,
                                kind=TamperKind.TRUNCATED,
                                detail=f"the journal is gone but event {max(heads)} was "
                                       f"seen before")
        # The anchor this view took the station's chain from, when it took any: a journal
        # put in its place that starts from another anchor is another chain ("foreign").
        # Where this view's ingestion stopped (a break it recorded), every seal is checked,
        # so verify names a bad seal that stopped it even when a later anchor vouches for the
        # events (rare: no cost to speak of).
        taken = source if source is not None and source["kind"] == "journal" else None
        check = ChainCheck(station_id, self.seal_ok, verify_after=VERIFY_ANCHOR_EVERY,
                           every_seal=taken is not None and taken["broken_seq"] is not None,
                           anchor=None if taken is None else taken["anchor"])
        checked, mismatch = 0, None
        seqs = sorted(heads)
        for run in check.runs(read_journal(folder, share=self.fs)):
            mismatch = mismatch or _first_mismatch(run.events, seqs, heads)
            checked += len(run.events)
            if progress is not None and checked // VERIFY_PROGRESS_EVERY != (
                    checked - len(run.events)) // VERIFY_PROGRESS_EVERY:
                progress(station_id, checked, None)
            if cancel is not None and cancel.is_set():
                return VerifyResult(station_id, False, checked, cancelled=True,
                                    detail="cancelled", head_seq=check.sealed_seq)
        mismatch = mismatch or _first_mismatch(check.pending, seqs, heads)
        self._note_bad_lines(station_id, check)
        return self._with_problems(self._verdict(station_id, check, checked, mismatch, heads),
                                   station_id, check)

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
                       check: ChainCheck) -> VerifyResult:
        """Name every refused file of the station in the result. A journal line the station
        never wrote (unreadable, too long, nested beyond the bounds) makes it not intact."""
        assert self.layout is not None
        journal = self.layout.station(station_id).journal
        notes = [f"{self._relative(journal / f'{line.segment:08d}.jsonl')} byte "
                 f"{line.end_offset}: {line.reason}" for _after, line in check.bad_lines]
        segments = f"stations/{station_id}/journal/"  # their lines are in `notes` already
        notes += [f"{where}: {reason}" for where, reason in
                  sorted(self.problems.get(station_id, {}).items())
                  if not where.startswith(segments)]
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
        """Every station's journal (including stations known only from witnessed checkpoints
        or from the view), plus this PC's own local chains."""
        with self.ctx.database.read() as connection:
            known = set(site_repo.stations(connection))
        with self.database.read() as connection:
            known |= {s["station"] for s in view_repo.sources(connection)
                      if s["kind"] == "journal"}
        station_ids = sorted((set(self.station_ids()) | known) - {self.ctx.station_id})
        results = self.ctx.verify_audit(progress=progress, cancel=cancel)
        for station_id in station_ids:
            if cancel is not None and cancel.is_set():
                break
            results.append(self.verify_station(station_id, progress=progress, cancel=cancel))
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
