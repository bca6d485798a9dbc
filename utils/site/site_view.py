"""Admin side: ingest every station's journal into the site read-model, witness their signed
checkpoints, and verify every station's published chain.

Only members count: a journal is read only for a station whose PC is certified in the site
directory, and only up to the head that PC signed (its published checkpoint, signed with its
own key): an event appended by anyone else is never covered by such a head, so it never
enters the view. Ingestion checks each event as it arrives (sequence, hash link) and stops at
the first bad one, recording where and what; it never lets an altered journal into the
read-model. Verify
re-reads the whole journal from the start against every checkpoint this PC has ever witnessed
for that station, so a journal rolled back or cut short is caught even when it is internally
consistent.

Everything is read through the share's seam and the bounded reader: a linked journal folder or
segment is not read, an unreadable line or a refused checkpoint is named in verify's result
(a journal holding a line the station never wrote is not called intact), and nothing there
can make ingestion or verify raise.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from data import site_repo
from data.audit_repo import StoredCheckpoint
from utils.audit.chain import checkpoint_from_json, genesis_hash
from utils.audit.keys import KeyRing
from utils.audit.verify import TamperKind, VerifyResult, verify_stream
from utils.site.journal import JournalEvent, as_verify_rows, link_ok, parse_body, read_journal
from utils.site.layout import SiteLayout, valid_station_id
from utils.site.share_files import ReadState, read_json_file
from utils.site.share_fs import ShareRefused
from utils.trust.record_signatures import manifest_problem
from utils.trust.site_trust import NOT_A_MEMBER, SiteTrust

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

RECORD_ACTIONS = ("record.create", "record.manual", "record.edit", "record.void", "record.import")
INGEST_BATCH = 2000


@dataclass
class IngestReport:
    station: str
    ingested: int = 0
    broken_seq: int | None = None
    broken_kind: str | None = None
    unverifiable_macs: int = 0


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """A row for the read-model: only text, numbers and None (anything else in a journal's
    event is refused, not handed to the database)."""
    for name, value in row.items():
        if value is not None and not isinstance(value, (str, int, float)):
            raise ValueError(f"{name} is a {type(value).__name__}")
    return row


def _record_row(after: dict[str, Any], station: str, seq: int) -> dict[str, Any]:
    rejections = after.get("rejections") or []
    row = {name: after.get(name) for name in (
        "record_id", "version", "lot", "box", "size", "unit_weight_kg", "cam_d", "cam_w",
        "operator", "recorded_at", "utc_offset_minutes", "origin", "status", "reason", "editor",
        "edited_at", "base_version")}
    row["station_id"] = after.get("station")
    for index in range(1, 4):
        pair = rejections[index - 1] if index <= len(rejections) else None
        row[f"rej{index}_defect"] = pair[0] if pair else None
        row[f"rej{index}_location"] = pair[1] if pair else None
    row["source_station"] = station
    row["source_seq"] = seq
    return row


class SiteView:
    def __init__(self, ctx: "AppContext", *, site_root: Path, trust: SiteTrust | None = None):
        self.ctx = ctx
        self.layout = SiteLayout(Path(site_root))
        self.fs = self.layout.fs
        self.trust = trust or ctx.trust
        self._checkpoint_markers: dict[str, tuple[int, int]] = {}
        self._refused: dict[str, str] = {}  # station -> why its files are not taken (logged once)
        # What was refused on the share, per station, as "file: reason" (named by verify).
        self.problems: dict[str, dict[str, str]] = {}

    def station_ids(self) -> list[str]:
        """Station folders on the share (a link named like a station is refused, not listed)."""
        try:
            entries = self.fs.scandir(self.layout.stations_dir)
        except OSError:
            return []
        for entry in entries:
            if valid_station_id(entry.name) and entry.problem is not None:
                self._problem(entry.name, entry.path, f"{entry.problem}; not followed")
        return sorted(entry.name for entry in entries
                      if entry.is_dir and valid_station_id(entry.name))

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
        except ValueError:
            return str(path)

    # -- checkpoints -----------------------------------------------------------------------------

    def witness_checkpoint(self, station_id: str) -> StoredCheckpoint | None:
        """Read the station's published checkpoint (if changed) and keep it as a witness."""
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
        """None when `document` is a checkpoint signed by the PC certified for the station."""
        member = self.trust.state.member(station_id)
        if member is None:
            return NOT_A_MEMBER
        if not (isinstance(document, dict) and document.get("kind") == "checkpoint"
                and document.get("station") == station_id):
            return "not a checkpoint of this station"
        try:
            checkpoint = checkpoint_from_json(document)
        except (KeyError, TypeError, ValueError):
            return "not a checkpoint"
        if checkpoint.key_id != member.key_id or not member.public_key.check(
                checkpoint.payload(), checkpoint.sig):
            return "not signed by the PC certified for this station"
        return None

    def _refuse(self, station_id: str, problem: str) -> None:
        if self._refused.get(station_id) != problem:
            self._refused[station_id] = problem
            log.warning("Station %s: %s; its files are not taken into the site view",
                        station_id, problem)

    def anomalies(self) -> dict[str, str]:
        """Stations whose files on the share are refused, and why (for the fleet's alarms)."""
        return dict(self._refused)

    # -- ingestion -------------------------------------------------------------------------------

    def ingest(self) -> list[IngestReport]:
        reports = []
        for station_id in self.station_ids():
            if station_id == self.ctx.station_id:
                continue  # this PC's own chain is already in its database
            self.trust.refresh_if_unknown(station_id)
            if self.trust.state.member(station_id) is None:
                self._refuse(station_id, NOT_A_MEMBER)
                continue
            try:
                reports.append(self.ingest_station(station_id))
            except ShareRefused as exc:
                self._problem(station_id, exc.path, f"{exc.reason}; not followed")
            except OSError as exc:
                log.warning("Journal of %s not readable now: %s", station_id, exc)
        return reports

    def ingest_station(self, station_id: str) -> IngestReport:
        report = IngestReport(station_id)
        head = self.witness_checkpoint(station_id)
        if head is None:
            return report  # nothing signed by the station's PC yet: nothing to take
        with self.ctx.database.read() as connection:
            state = site_repo.ingest_state(connection, station_id)
        if state is not None and state["broken_seq"] is not None:
            report.broken_seq, report.broken_kind = state["broken_seq"], state["broken_kind"]
            return report
        anchor = None if state is None else state["anchor"]
        headers: list[dict[str, Any]] = []
        segment = 1 if state is None else state["segment"]
        offset = 0 if state is None else state["offset"]
        last_seq = 0 if state is None else state["last_seq"]
        last_hash = None if state is None or state["last_hash"] is None else bytes.fromhex(state["last_hash"])
        journal = self.layout.station(station_id).journal
        events = read_journal(journal, start_segment=segment, start_offset=offset,
                              on_header=headers.append, share=self.fs,
                              on_bad_line=self._bad_line_noter(station_id, journal))
        pending_events: list[dict[str, Any]] = []
        pending_records: list[dict[str, Any]] = []
        broken: tuple[int, str, str] | None = None
        position = (segment, offset)
        for event in events:
            if event.seq > head.seq:
                break  # not covered by a head its PC signed (yet, or ever)
            if anchor is None:
                anchor = next((h.get("anchor") for h in headers if h.get("station") == station_id), None)
                if anchor is None:
                    broken = (event.seq, str(TamperKind.MODIFIED), "journal header missing")
                    break
            if last_hash is None:
                last_hash = genesis_hash(anchor, station_id)
            problem = self._check(event, last_seq, last_hash, report)
            if problem is not None:
                broken = (event.seq if problem[0] != str(TamperKind.DELETED) else last_seq + 1,
                          problem[0], problem[1])
                break
            if event.seq == head.seq and event.hash.hex() != head.head_hash:
                broken = (event.seq, str(TamperKind.FORGED),
                          "the journal differs from the head its PC signed")
                break
            try:
                body = parse_body(event.body)
                if not isinstance(body, dict):
                    raise ValueError("not a JSON object")
                row = _plain({
                    "station": station_id, "seq": event.seq, "ts": body.get("ts"),
                    "username": body.get("user"), "role": body.get("role"),
                    "action": body.get("action"), "entity": body.get("entity"),
                    "entity_id": body.get("entity_id"), "command_id": body.get("command_id"),
                    "hash": event.hash.hex(), "body": event.body})
                record = None
                if body.get("action") in RECORD_ACTIONS and isinstance(body.get("after"), dict):
                    problem = self._foreign_change_problem(station_id, body)
                    if problem is None:
                        record = _plain(_record_row(body["after"], station_id, event.seq))
                    else:
                        self._refuse(station_id, f"event {event.seq} changes station "
                                     f"{body['after'].get('station')}'s record: {problem}")
            except (ValueError, TypeError, IndexError, KeyError, AttributeError) as exc:
                broken = (event.seq, str(TamperKind.MODIFIED), f"the event's body is not "
                          f"readable: {exc}")
                break
            pending_events.append(row)
            if record is not None:
                pending_records.append(record)
            last_seq, last_hash = event.seq, event.hash
            position = (event.segment, event.end_offset)
            if len(pending_events) >= INGEST_BATCH:
                self._store(station_id, anchor, position, last_seq, last_hash, pending_events,
                            pending_records, None)
                report.ingested += len(pending_events)
                pending_events, pending_records = [], []
        self._store(station_id, anchor, position, last_seq, last_hash, pending_events,
                    pending_records, broken)
        report.ingested += len(pending_events)
        if broken is not None:
            report.broken_seq, report.broken_kind = broken[0], broken[1]
            log.error("Journal of %s is broken at event %d (%s): %s; ingestion stopped for it",
                      station_id, *broken)
        return report

    def _check(self, event: JournalEvent, last_seq: int, last_hash: bytes,
               report: IngestReport) -> tuple[str, str] | None:
        if event.seq > last_seq + 1:
            return str(TamperKind.DELETED), f"event {last_seq + 1} is missing"
        if event.seq <= last_seq:
            return str(TamperKind.INSERTED), f"event {event.seq} appears again after {last_seq}"
        if not link_ok(event.prev, event.body, event.hash):
            return str(TamperKind.MODIFIED), "the event does not match its hash"
        if event.prev != last_hash:
            return str(TamperKind.MODIFIED), "the event does not link to the one before it"
        report.unverifiable_macs += 1  # MACs use the station's own local key: the signed head vouches
        return None

    def _foreign_change_problem(self, station_id: str, body: dict[str, Any]) -> str | None:
        """A PC may change its own station's records; a change to another station's record
        (the admin panel's corrections) counts only when a person signed it with their key."""
        after = body["after"]
        if after.get("station") == station_id:
            return None
        return manifest_problem(self.trust.state, after, body.get("reason"))

    def _store(self, station_id: str, anchor: str | None, position: tuple[int, int],
               last_seq: int, last_hash: bytes | None, events: list[dict[str, Any]],
               records: list[dict[str, Any]], broken: tuple[int, str, str] | None) -> None:
        with self.ctx.database.write() as connection:
            for row in events:
                site_repo.insert_event(connection, row)
            for row in records:
                site_repo.insert_record_version(connection, row)
            values: dict[str, Any] = {"anchor": anchor, "segment": position[0],
                                      "offset": position[1], "last_seq": last_seq,
                                      "last_hash": None if last_hash is None else last_hash.hex()}
            if broken is not None:
                values.update(broken_seq=broken[0], broken_kind=broken[1], broken_detail=broken[2])
            site_repo.put_ingest_state(connection, station_id, self.ctx.clock.now(), **values)

    # -- verification ----------------------------------------------------------------------------

    def verify_station(self, station_id: str, *,
                       progress: Callable[[str, int, int | None], None] | None = None,
                       cancel: threading.Event | None = None) -> VerifyResult:
        """The station's whole published journal against every checkpoint ever witnessed
        from the PC now certified for it. A station with no certified PC is not a member:
        never "intact", whatever its files say."""
        member = self.trust.state.member(station_id)
        if member is None:
            return VerifyResult(station_id, False, 0, first_bad_seq=None,
                                kind=TamperKind.NOT_A_MEMBER,
                                detail="no PC is certified for this station in the site "
                                       "directory; its files are not trusted")
        current = self.witness_checkpoint(station_id)
        with self.ctx.database.read() as connection:
            witnessed = [cp for cp in site_repo.witnessed(connection, station_id)
                         if cp.key_id == member.key_id]
            state = site_repo.ingest_state(connection, station_id)
        headers: list[dict[str, Any]] = []
        journal = self.layout.station(station_id).journal
        bad_lines: list[tuple[int, str]] = []  # (after which seq, "file byte N: reason")
        last_seen = [0]

        def _bad_line(number: int, offset: int, reason: str) -> None:
            where = f"{self._relative(journal / f'{number:08d}.jsonl')} byte {offset}"
            bad_lines.append((last_seen[0], f"{where}: {reason}"))
            self._bad_line_noter(station_id, journal)(number, offset, reason)

        events = _noting_seq(read_journal(journal, on_header=headers.append, share=self.fs,
                                          on_bad_line=_bad_line), last_seen)
        try:
            first_batch = list(_take(events, 1))
        except ShareRefused as exc:  # the journal folder (or the station's) is a link
            self._problem(station_id, exc.path, f"{exc.reason}; not followed")
            return VerifyResult(station_id, False, 0, first_bad_seq=1,
                                kind=TamperKind.TRUNCATED,
                                detail=f"the journal cannot be read: {self._relative(exc.path)} "
                                       f"is {exc.reason}; not followed")
        anchor = (state or {}).get("anchor") or next(
            (h.get("anchor") for h in headers if h.get("station") == station_id), None)
        if anchor is None:
            if not first_batch and not witnessed:
                return VerifyResult(station_id, True, 0, detail="no journal published yet")
            return VerifyResult(station_id, False, 0, first_bad_seq=1, kind=TamperKind.TRUNCATED
                                if not first_batch else TamperKind.MODIFIED,
                                detail="journal missing or its header is gone")
        checkpoints = [*witnessed, *([current] if current else [])]
        stream = as_verify_rows(_chain(first_batch, events))
        result = verify_stream(stream, station=station_id, genesis=genesis_hash(anchor, station_id),
                               keyring=KeyRing(member.public_key), checkpoints=checkpoints,
                               progress=None if progress is None else
                               (lambda done, total: progress(station_id, done, total)),
                               cancel=None if cancel is None else cancel.is_set)
        return self._with_problems(result, station_id, bad_lines)

    def _with_problems(self, result: VerifyResult, station_id: str,
                       bad_lines: list[tuple[int, str]]) -> VerifyResult:
        """Name every refused file of the station in the result. A journal line the station
        never wrote (unreadable, too long, nested beyond the bounds) makes it not intact."""
        notes = [text for _seq, text in bad_lines]
        segments = f"stations/{station_id}/journal/"  # their lines are in `bad_lines` already
        notes += [f"{where}: {reason}" for where, reason in
                  sorted(self.problems.get(station_id, {}).items())
                  if not where.startswith(segments)]
        if not notes:
            return result
        named = "; ".join(dict.fromkeys(notes))
        if result.ok and bad_lines and not result.cancelled:
            first = bad_lines[0][0] + 1
            return dataclasses.replace(
                result, ok=False, first_bad_seq=first, kind=TamperKind.INSERTED,
                detail=f"the journal holds a line the station never wrote, after event "
                       f"{first - 1}: {named}")
        detail = f"{result.detail}; refused on the share: {named}" if result.detail else \
            f"refused on the share: {named}"
        return dataclasses.replace(result, detail=detail)

    def _bad_line_noter(self, station_id: str, journal: Path) -> Callable[[int, int, str], None]:
        def _note(number: int, offset: int, reason: str) -> None:
            self._problem(station_id, journal / f"{number:08d}.jsonl",
                          f"byte {offset}: {reason}")
        return _note

    def verify_site(self, *, progress: Callable[[str, int, int | None], None] | None = None,
                    cancel: threading.Event | None = None) -> list[VerifyResult]:
        """Every station's journal (including stations known only from witnessed checkpoints),
        plus this PC's own local chains."""
        with self.ctx.database.read() as connection:
            known = set(site_repo.stations(connection))
        station_ids = sorted((set(self.station_ids()) | known) - {self.ctx.station_id})
        results = self.ctx.verify_audit(progress=progress, cancel=cancel)
        for station_id in station_ids:
            if cancel is not None and cancel.is_set():
                break
            results.append(self.verify_station(station_id, progress=progress, cancel=cancel))
        return results


def _noting_seq(events, last_seen: list[int]):
    """Pass events through, remembering the seq of the last one (where a bad line sits)."""
    for event in events:
        last_seen[0] = event.seq
        yield event


def _take(iterator, count: int):
    for _ in range(count):
        try:
            yield next(iterator)
        except StopIteration:
            return


def _chain(first: list, rest):
    yield from first
    yield from rest
