"""The site view: one read-model over every station's sealed journal and this PC's own chain,
in its own SQLite database (data/view_db.py), for every tab of the panel, the CLI, exports.

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

Everything is read through the site store's port (`SiteStore`, utils/site/ports.py) within
bounds: what the store refuses (on the shared folder a linked station folder, journal folder
or segment) is not read, an unreadable line or a refused checkpoint is named by the store's
label (`problems`, and in verify's result: a journal holding a line the station never wrote is
not called intact), and nothing there can make ingestion or verify raise.

A station may have several chains on the share, each in a journal folder of its own (its first
in `journal/`, a later one after a takeover or a restore in `journal-<chain id>/`:
utils/site/journal.py). Each folder is read and verified as a chain of its own, from its own
position (a source keyed by `source_key`), with seals checked for that folder (a retired PC's
key up to the head it had sealed there when it was retired). An event two chains share (a
restored chain's part before its fork point) is stored once. `verify_site` reports each chain.
Folders of a station named like a journal that are not one (a link, a file, another name) are
refused and named, never read. This PC's own station is read from its journals too (the chain
of the PC it took over from); its own events there are the same events as its own chain's.

Who follows the journals (catch-up with progress, follow, stop) is utils/site/view_follower.py;
this module does one pass when asked. One class in three modules: this one (the store's
stations and chains, refusals, witnessed checkpoints, queries), utils/site/site_ingest.py
(ingestion) and utils/site/site_verify.py (verification), mixins of `SiteView`.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DBAPIError

from data import site_repo, view_repo
from data.audit_repo import StoredCheckpoint
from data.database import Database
from data.view_buckets import Buckets
from data.view_db import TIMEZONE_KEY, get_meta, open_view_database
from data.view_figures import SiteCounts, site_counts
from data.view_ownership import WaitingCount
from data.view_store import ViewWriter
from utils.audit.chain import checkpoint_from_json
from utils.site.journal_read import JournalEvent, JournalHeader, parse_body
from utils.site.journal_check import ChainCheck
from utils.site.ports import FIRST_CHAIN, PlaceRefused, SiteStore, StoreRefusal
from utils.site.seals import SealCheck, no_site_seal_check, pc_seal_check
from utils.site.share_files import ReadState
from utils.site.site_ingest import IngestReport, Listener, SiteIngest, _text  # (its parts)
from utils.site.site_verify import SiteVerify
from utils.site.view_refusals import RecordRefusals, ShareUnreachable, StationsRefused
from utils.site.view_state import NOT_STORED, Broken
from utils.trust.person_documents import ViewSignatures
from utils.trust.site_trust import NOT_A_MEMBER

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)


class SiteView(SiteIngest, SiteVerify):
    def __init__(self, ctx: "AppContext", *, store: SiteStore | None = None,
                 seal_ok: SealCheck | None = None, database: Database | None = None):
        """`store`: the site store read (the context's by default; None outside a site)."""
        self.ctx = ctx
        self.store: SiteStore | None = store if store is not None else ctx.site_store
        self.trust = ctx.trust  # None: this PC is in no site (it trusts no journal)
        self._seal_ok = seal_ok  # injected (tests): used for every journal folder
        self.seal_ok = seal_ok or (no_site_seal_check if self.trust is None
                                   else pc_seal_check(self.trust))
        self._refused: dict[str, str] = {}  # station -> why its files are not taken (logged once)
        self.record_refusals = RecordRefusals()
        self.waiting = WaitingCount()  # `waiting_changes`, counted when they may have changed
        self.stuck = {}  # station -> where taking its journal raised (`station_stuck`)
        # Refused places per station, "place: reason" (verify names them); unreadable lines apart.
        self.problems: dict[str, dict[str, str]] = {}
        # The store's refusal of its listing of stations at the last `station_ids()`, if any.
        self.listing_refused: StoreRefusal | None = None
        self._line_places: dict[str, set[str]] = {}
        self._own_database = database is None
        self.database = database or open_view_database(ctx.paths.site_view_file)
        self._writer: ViewWriter | None = None
        self._group = None  # the open group of batches (SiteIngest.grouped), if any
        self._lock = threading.RLock()  # one ingest at a time in this process
        self._listeners: list[Listener] = []
        self._checkpoint_markers: dict[str, bytes] = {}  # station -> digest of the head read
        self._anchors: dict[tuple[str, str], str] = {}  # (station, chain) -> its header's anchor
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
            self._writer = ViewWriter(self.database, self.zone_name,
                                      signatures=self.person_signatures())
            self.waiting.recount(self._writer.connection)  # as the view holds them
            if get_meta(self.database, TIMEZONE_KEY) != self.zone_name:
                # The aggregates are local hours, days and months: another site time zone
                # means counting every record again (a new view has none to count).
                count = self._writer.rebuild_aggregates()
                if count:
                    log.info("Site view: aggregates rebuilt for time zone %s (%d records)",
                             self.zone_name, count)
        return self._writer

    def person_signatures(self) -> ViewSignatures:
        """The check of signed acts (an SPC freeze...) against the directory as it stands."""
        trust = self.trust
        if trust is None:
            return ViewSignatures(lambda: None, self.ctx.station_id)
        return ViewSignatures(lambda: trust.state, self.ctx.station_id, trust.refresh_soon)

    # -- what is in the store ----------------------------------------------------------------

    def station_ids(self) -> list[str]:
        """Stations with a place in the store (ShareUnreachable when it is away); what the store
        refused to list (a link named like a station) is named in `problems`."""
        if self.store is None:
            return []
        try:
            listing = self.store.list_stations()
        except OSError as exc:
            raise self.unreachable(exc) from exc
        self.listing_refused = next((r for r in listing.refused if not r.station_id), None)
        for refusal in listing.refused:
            self._problem(refusal.station_id, refusal.where, refusal.reason)
        return listing.names

    def stations_refused(self) -> StationsRefused:
        assert self.listing_refused is not None
        refusal = self.listing_refused
        return StationsRefused.naming(refusal.where, refusal.reason, self.ctx.site_folder)

    def unreachable(self, exc: OSError) -> ShareUnreachable:
        return ShareUnreachable.naming(exc, self.ctx.site_folder)

    def journal_stations(self) -> list[str]:
        """The stations whose journals this PC reads: every member (itself included: the
        journal of a PC it took over from is there). A folder of a station no PC is certified
        for is refused (`anomalies`), never read. A station that left (its folder gone, or no
        longer a member) is no longer named stuck on a fault (`station_stuck`)."""
        stations, listed = [], self.station_ids()
        left = set() if self.listing_refused else set(self.stuck) - set(listed)  # (refused: [])
        for gone in left - self._local_stuck:
            self.stuck.pop(gone, None)
        for station_id in listed:
            if self.trust is not None:
                self.trust.refresh_if_unknown(station_id)
            if self.trust is None or self.trust.state.member(station_id) is None:
                self._refuse(station_id, NOT_A_MEMBER)
                self.stuck.pop(station_id, None)
                continue
            self._refused.pop(station_id, None)
            stations.append(station_id)
        return stations

    # -- what was refused --------------------------------------------------------------------

    def _problem(self, station_id: str, where: str, reason: str) -> None:
        """Remember a refused place of a station (the store's label), logged once per place
        and reason."""
        known = self.problems.setdefault(station_id, {})
        if known.get(where) != reason:
            known[where] = reason
            log.warning("Site view: %s refused: %s", where, reason)

    def _place_refused(self, station_id: str, refused: PlaceRefused) -> str:
        """Remember a place the store refused to read (a link: never followed); its label."""
        assert self.store is not None
        where = self.store.refused_label(refused)
        self._problem(station_id, where, f"{refused.reason or refused}; not followed")
        return where

    def _refuse(self, station_id: str, problem: str) -> None:
        if self._refused.get(station_id) != problem:
            self._refused[station_id] = problem
            log.warning("Station %s: %s; its files are not taken into the site view",
                        station_id, problem)

    def _refuse_broken(self, station_id: str, report: "IngestReport",
                       folder_name: str = FIRST_CHAIN) -> None:
        """A broken journal stops ingestion for its chain and raises the fleet's alarm."""
        which = "journal" if folder_name == FIRST_CHAIN else f"journal {folder_name}"
        self._refuse(station_id, f"{which} broken at event {report.broken_seq} "
                                 f"({report.broken_kind}): {report.broken_detail}")

    def station_stuck(self, station_id: str, exc: Exception, source: str = "journal") -> Broken:
        """Taking one station's journal raised what no refusal expects (a fault of this
        program): that station stays where its view stopped, named in `stuck` (the follower's
        state, shown by the panel as broken) and in `anomalies`; the traceback is logged once
        (not at each pass, which tries it again); the caller reads the other stations on.
        A database error is this PC's, not the station's: raised again (the pass is retried)."""
        if isinstance(exc, (sqlite3.Error, DBAPIError)):
            raise exc
        with self.database.read() as connection:
            sources = view_repo.station_sources(connection, station_id)
        seq = 1 + min((s["last_seq"] for s in sources if s["kind"] == source), default=0)
        stuck = Broken(station_id, seq, NOT_STORED, f"{type(exc).__name__}: {exc}")
        if self.stuck.get(station_id) != stuck:
            log.error("Site view: the journal of station %s could not be taken from event %d "
                      "on (%s); what was stored before stays, the other stations are read on "
                      "and this one is tried again at each pass; this is a fault of the "
                      "program: send this log to support", station_id, seq, stuck.detail,
                      exc_info=exc)
        self.stuck[station_id] = stuck  # (said by the ERROR above: never as a WARNING below)
        self._refused[station_id] = f"journal not taken from event {seq} on ({stuck.detail})"
        return stuck

    def anomalies(self) -> dict[str, str]:
        """Stations whose files on the share are refused, and why (for the fleet's alarms)."""
        return {**self.record_refusals, **self._refused}

    def waiting_changes(self) -> dict[str, str]:
        """Stations with changes waiting for their record (view_ownership.waiting_by_station)."""
        return dict(self.waiting.by_station)

    def _note_bad_lines(self, station_id: str, check: ChainCheck, chain: str) -> None:
        assert self.store is not None
        for _after, line in check.bad_lines:
            where = self.store.journal_label(station_id, chain, line.segment)
            self._line_places.setdefault(station_id, set()).add(where)
            self._problem(station_id, where, f"byte {line.end_offset}: {line.reason}")

    # -- a station's chains ------------------------------------------------------------------

    def source_key(self, station_id: str, folder_name: str) -> str:
        """The view's source for one journal folder: the station's id for another station's
        first journal (this PC's own chain, read from its database, has its station's id),
        `station/folder` otherwise."""
        if folder_name == FIRST_CHAIN and station_id != self.ctx.station_id:
            return station_id
        return f"{station_id}/{folder_name}"

    def chains(self, station_id: str) -> list[str]:
        """The station's chains, its first first; what the store refused among them is named
        in `problems`. Raises PlaceRefused when the station's place itself is refused."""
        assert self.store is not None
        listing = self.store.list_chains(station_id)
        for refusal in listing.refused:
            self._problem(station_id, refusal.where, refusal.reason)
        return listing.names

    def read_chains(self, station_id: str) -> list[str]:
        """The chains of a station this view reads from the store: all of them, but for this
        PC's own station not the one chain from its own anchor when only one is (its events
        are this PC's own, read from its database). A restored chain's station has two chains
        from its anchor: both are read (the shared part is stored once)."""
        chains = self.chains(station_id)
        if station_id != self.ctx.station_id:
            return chains
        own = [name for name in chains if self._anchor_of(station_id, name) == self.ctx.anchor]
        return [name for name in chains if len(own) != 1 or name not in own]

    def _anchor_of(self, station_id: str, name: str) -> str | None:
        """The anchor named by a chain's first header (read once, kept)."""
        assert self.store is not None
        known = self._anchors.get((station_id, name))
        if known is None:
            for entry in self.store.read_journal(station_id, name):
                if isinstance(entry, JournalHeader) and isinstance(entry.document.get("anchor"), str):
                    known = self._anchors[(station_id, name)] = entry.document["anchor"]
                break
        return known

    def _seal_check(self, folder_name: str) -> SealCheck:
        if self._seal_ok is not None or self.trust is None:
            return self.seal_ok
        return pc_seal_check(self.trust, folder_name)

    def remaining_bytes(self, station_id: str) -> int:
        """Journal bytes not yet taken into the view, over the station's chains (progress)."""
        assert self.store is not None
        total = 0
        for name in self.read_chains(station_id):
            with self.database.read() as connection:
                source = view_repo.source(connection, self.source_key(station_id, name))
            if source is not None and source["broken_seq"] is not None:
                continue
            start = (1, 0) if source is None else (source["segment"], source["offset"])
            total += self.store.journal_size(station_id, name, *start)
        return total

    def first_event_ts(self, station_id: str) -> str | None:
        """The time of a station's first journal event (where catching up with it starts)."""
        chains = self.read_chains(station_id)
        if not chains or self.store is None:
            return None
        for entry in self.store.read_journal(station_id, chains[0]):
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
        if self.store is None or station_id == self.ctx.station_id:
            return None
        result = self.store.read_checkpoint(station_id, max_bytes=16 * 1024)
        if result.state not in (ReadState.OK, ReadState.MISSING, ReadState.NOT_READY):
            self._problem(station_id, self.store.checkpoint_label(station_id), result.reason)
        if result.state != ReadState.OK:
            return None
        # The head's own bytes say whether it changed (whatever store holds it).
        marker = hashlib.sha256(result.data).digest()
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
