"""The site view: one read-model over every station's sealed journal and this PC's own chain,
in its own SQLite database (data/view_db.py), used by every tab of the admin panel, the CLI
and the exports.

`SiteView.ingest` reads each station's journal from where it stopped, through the one
per-event check (utils/site/journal_check.py): events enter the view only in sealed runs, the
reading position never moves past the last seal, and the first bad thing stops ingestion for
that station and is recorded (station, seq, kind, detail). This PC's own chain is read from its
own database (`ingest_local`), so its own records show at once, share or no share.

`verify_station` re-reads a station's whole journal through the same check and compares it with
every checkpoint this PC ever witnessed and with what the view already took: a journal rolled
back or cut short is caught even when it is internally consistent. `verify_site` does that for
every station, plus this PC's own chains.

Who follows the journals continuously (catch-up with progress, follow, stop) is
utils/site/view_follower.py; this module does one pass when asked.
"""

from __future__ import annotations

import bisect
import json
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from data import audit_repo, site_repo, view_repo
from data.audit_repo import StoredCheckpoint
from data.database import Database
from data.view_buckets import Buckets
from data.view_db import TIMEZONE_KEY, get_meta, open_view_database
from data.view_figures import SiteCounts, site_counts
from data.view_store import Batch, Position, Stored, ViewWriter, record_row
from models.canonical import format_utc
from utils.audit.chain import checkpoint_from_json
from utils.audit.keys import KeyRing, SigningKey
from utils.audit.verify import TamperKind, VerifyResult
from utils.site.journal import JournalEvent, journal_size, list_segments, read_journal
from utils.site.journal_check import ChainCheck
from utils.site.layout import SiteLayout, valid_station_id
from utils.site.seals import SealCheck, site_key_seal_check
from utils.site.share_files import ReadState, read_json_file
from utils.site.signed import signature_ok

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

RECORD_ACTIONS = frozenset(("record.create", "record.manual", "record.edit", "record.void",
                            "record.import"))
_BODY_COLUMNS = ("ts", "user", "role", "action", "entity", "entity_id", "command_id")
INGEST_BATCH = 5000  # events per transaction
LOCAL_BATCH = 5000
VERIFY_PROGRESS_EVERY = 20_000


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
                 site_key: SigningKey | None = None, seal_ok: SealCheck | None = None,
                 database: Database | None = None):
        self.ctx = ctx
        root = site_root if site_root is not None else ctx.site_folder
        self.layout = None if root is None else SiteLayout(Path(root))
        self.site_key = site_key if site_key is not None else ctx.site_key
        self.keyring = KeyRing(*([self.site_key] if self.site_key is not None else []))
        self.seal_ok = seal_ok or site_key_seal_check(self.keyring)
        self._own_database = database is None
        self.database = database or open_view_database(ctx.paths.site_view_file)
        self._writer: ViewWriter | None = None
        self._lock = threading.RLock()  # one ingest at a time in this process
        self._listeners: list[Listener] = []
        self._checkpoint_markers: dict[str, tuple[int, int]] = {}
        self.zone_name = ctx.settings.timezone
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
        """Stations with a folder on the share (OSError when the share is unreachable)."""
        if self.layout is None:
            return []
        return sorted(entry.name for entry in os.scandir(self.layout.stations_dir)
                      if entry.is_dir(follow_symlinks=False) and valid_station_id(entry.name))

    def journal_stations(self) -> list[str]:
        """The stations whose journals this PC reads (every one but its own)."""
        return [s for s in self.station_ids() if s != self.ctx.station_id]

    def remaining_bytes(self, station_id: str) -> int:
        """Journal bytes not yet taken into the view (for progress)."""
        assert self.layout is not None
        with self.database.read() as connection:
            source = view_repo.source(connection, station_id)
        if source is not None and source["broken_seq"] is not None:
            return 0
        start = (1, 0) if source is None else (source["segment"], source["offset"])
        return journal_size(self.layout.station(station_id).journal, *start)

    def first_event_ts(self, station_id: str) -> str | None:
        """The time of a station's first journal event (where catching up with it starts)."""
        assert self.layout is not None
        for entry in read_journal(self.layout.station(station_id).journal):
            if isinstance(entry, JournalEvent):
                try:
                    return _text(json.loads(entry.body).get("ts"))
                except (ValueError, AttributeError):
                    return None
        return None

    # -- checkpoints -------------------------------------------------------------------------

    def witness_checkpoint(self, station_id: str) -> StoredCheckpoint | None:
        """Read the station's published checkpoint (if changed) and keep it as a witness in
        this PC's own database (evidence: never in the rebuildable view)."""
        if self.layout is None or self.site_key is None:
            return None
        key = self.site_key
        path = self.layout.station(station_id).checkpoint
        result = read_json_file(path, max_bytes=16 * 1024)
        if result.state != ReadState.OK:
            return None
        marker = (result.stat.st_mtime_ns, result.stat.st_size)
        document = result.document
        if not (isinstance(document, dict) and document.get("kind") == "checkpoint"
                and document.get("station") == station_id and signature_ok(document, key)):
            log.warning("Checkpoint of %s is not validly signed; ignored", station_id)
            return None
        try:
            checkpoint = checkpoint_from_json({**document, "sig": document["checkpoint_sig"]})
        except (KeyError, TypeError, ValueError):
            return None
        if self._checkpoint_markers.get(station_id) != marker:
            signing = self.keyring.get(checkpoint.key_id)
            if signing is not None and signing.check(checkpoint.payload(), checkpoint.sig):
                with self.ctx.database.write() as connection:
                    site_repo.witness(connection, checkpoint, self.ctx.clock.now())
            self._checkpoint_markers[station_id] = marker
        return checkpoint

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
                return report
            start = (Position() if source is None else
                     Position(source["segment"], source["offset"], source["last_seq"],
                              source["last_hash"]))
            check = ChainCheck(station_id, self.seal_ok, last_seq=start.last_seq,
                               last_hash=start.last_hash,
                               anchor=None if source is None else source["anchor"],
                               keyring=self.keyring)
            entries = read_journal(self.layout.station(station_id).journal,
                                   start_segment=start.segment, start_offset=start.offset)
            batch = self._batch(station_id, "journal", start, check.anchor)
            for run in check.runs(entries):
                for event in run.events:
                    self._add(batch, station_id, event.seq, event.hash, event.body)
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
                    log.error("Journal of %s is broken at event %d (%s): %s; ingestion stopped "
                              "for it", station_id, broken.seq, broken.kind, broken.detail)
                report.unsealed = check.unsealed
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
                    rows = audit_repo.events_after(connection, station_id, start.last_seq,
                                                   LOCAL_BATCH)
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

    @staticmethod
    def _add(batch: Batch, station_id: str, seq: int, digest: str, body_text: str) -> None:
        try:
            body = json.loads(body_text)
        except ValueError:
            body = None
        if type(body) is not dict:
            body = {}
        get = body.get
        values = [get(name) for name in _BODY_COLUMNS]
        for index, value in enumerate(values):  # a body is only as tidy as its writer
            if value is not None and type(value) is not str:
                values[index] = _text(value)
        ts, user, role, action, entity, entity_id, command_id = values
        batch.events.append((station_id, seq, ts or "", user, role, action or "", entity,
                             entity_id, command_id, digest, body_text))
        if action in RECORD_ACTIONS:
            row = record_row(get("after"), station_id, seq)
            if row is not None:
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
        against every checkpoint ever witnessed and what this view already took."""
        assert self.layout is not None
        current = self.witness_checkpoint(station_id)
        with self.ctx.database.read() as connection:
            witnessed = site_repo.witnessed(connection, station_id)
        with self.database.read() as connection:
            source = view_repo.source(connection, station_id)
        heads = _valid_heads([*witnessed, *([current] if current else [])], self.keyring)
        if source is not None and source["kind"] == "journal" and source["last_seq"]:
            heads.setdefault(source["last_seq"], set()).add(source["last_hash"])
        folder = self.layout.station(station_id).journal
        if not list_segments(folder):
            if not heads:
                return VerifyResult(station_id, True, 0, detail="no journal published yet")
            return VerifyResult(station_id, False, 0, first_bad_seq=1,
                                kind=TamperKind.TRUNCATED,
                                detail=f"the journal is gone but event {max(heads)} was "
                                       f"seen before")
        check = ChainCheck(station_id, self.seal_ok, keyring=self.keyring, every_seal=True)
        checked, mismatch = 0, None
        seqs = sorted(heads)
        for run in check.runs(read_journal(folder)):
            mismatch = mismatch or _first_mismatch(run.events, seqs, heads)
            checked += len(run.events)
            if progress is not None and checked // VERIFY_PROGRESS_EVERY != (
                    checked - len(run.events)) // VERIFY_PROGRESS_EVERY:
                progress(station_id, checked, None)
            if cancel is not None and cancel.is_set():
                return VerifyResult(station_id, False, checked, cancelled=True,
                                    detail="cancelled", head_seq=check.sealed_seq)
        mismatch = mismatch or _first_mismatch(check.pending, seqs, heads)
        head = check.head_seq
        if check.broken is not None:
            broken = check.broken
            return VerifyResult(station_id, False, checked, broken.seq, TamperKind(broken.kind),
                                broken.detail, head_seq=head, unsealed=check.unsealed,
                                checkpoints_checked=len(heads))
        if mismatch is not None:
            return VerifyResult(station_id, False, checked, mismatch, TamperKind.FORGED,
                                f"the chain differs at event {mismatch} from what was signed or "
                                f"read there before", head_seq=head,
                                checkpoints_checked=len(heads))
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


def _valid_heads(checkpoints: Iterable[StoredCheckpoint], keyring: KeyRing) -> dict[int, set[str]]:
    heads: dict[int, set[str]] = {}
    for checkpoint in checkpoints:
        key = keyring.get(checkpoint.key_id)
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
