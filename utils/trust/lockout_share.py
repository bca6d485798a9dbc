"""Site-wide lockout: every PC publishes its failed passwords and takes the others'.

One site record per station in the site store (`RecordKind.LOGIN_FAILURES`; on the shared
folder `directory/failures/<station>.json`), signed by that station's PC key: the failures
of the last day per account and each account's last success there. Every PC counts them all
(utils/auth.py `_lock_state`), so five guesses on each of fourteen stations is still five
guesses. A PC can only speak for itself: a file is taken only when it is signed by the PC
certified for the station it names, so a share writer cannot lock anyone out or unlock anyone.

Nor can it put back an older record of that PC (its own, genuinely signed) to wipe guesses:
each record carries a sequence number (`seq`: never below the publishing millisecond, and one
more than the PC's last, kept in its database); every PC keeps the highest it took from each
station (`TAKEN_META_KEY`, surviving restarts) and refuses a lower one, and a failure taken
stays counted until it leaves the publisher's window or that PC's own success cleared it. A
record of the previous format (no `seq`) orders by its `at`, in the same milliseconds. The
publisher reads its file back each pass and writes its latest again when anything else is
there (put back, removed or replaced), so the PCs that have not taken it yet still can.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Connection

from data import directory_repo, meta_repo
from data.database import Database
from models.canonical import canonical_json, format_utc, parse_utc
from utils.clock import Clock
from utils.site.protocol import PROTOCOL_VERSION
from utils.site.ports import RecordKind, SiteStore
from utils.site.share_files import ReadState
from utils.site.signed import document_bytes
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)

FILE_MAX_BYTES = 512 * 1024
KEEP = timedelta(days=1)
MAX_PER_ACCOUNT = 200
PUBLISHED_META_KEY = "lockout.published_seq"  # the last seq this PC signed
TAKEN_META_KEY = "lockout.taken"  # {station: the highest seq taken from it}
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MAX_SEQ = 2**62


class LockoutShare:
    def __init__(self, store: SiteStore, trust: SiteTrust, database: Database, clock: Clock):
        self.store = store
        self.trust = trust
        self.database = database
        self.clock = clock
        self._published = ""
        self._document: dict[str, Any] | None = None  # what this PC last wrote there
        self._seen: dict[str, Any] = {}  # station -> the marker of its record last read
        self._refused: set[str] = set()

    def publish(self) -> bool:
        """Write this PC's failures when they changed, or again when its file on the store is
        not the one it wrote last; True when a file was written."""
        station = self.trust.station_id
        now = self.clock.now()
        since = format_utc(now - KEEP)
        with self.database.read() as connection:
            failures = directory_repo.station_failures(connection, station, since)
            successes = directory_repo.station_successes(connection, station)
        failures = {name: moments[-MAX_PER_ACCOUNT:] for name, moments in failures.items()}
        body = {"failures": failures, "successes": successes}
        marker = canonical_json(body)
        if marker == self._published:
            return self._write_again_if_replaced()
        with self.database.write() as connection:
            seq = _next_seq(connection, now)  # kept before writing: never signed twice
        # One `now` for `at` and the window: a taker drops what is older than `at` - KEEP.
        document = self.trust.sign({"v": PROTOCOL_VERSION, "kind": "login_failures",
                                    "station": station, "at": format_utc(now), "seq": seq,
                                    **body})
        self.store.publish_record(RecordKind.LOGIN_FAILURES, station, document_bytes(document))
        self._published, self._document = marker, document
        return True

    def _write_again_if_replaced(self) -> bool:
        """Our file as it is now on the store; anything but what we wrote last (an older
        record of ours put back, a removal, a link) is replaced by our latest again."""
        if self._document is None:
            return False
        station = self.trust.station_id
        found = self.store.read_record(RecordKind.LOGIN_FAILURES, station,
                                       max_bytes=FILE_MAX_BYTES)
        if found.state == ReadState.OK and found.document == self._document:
            return False
        what = "another record" if found.state == ReadState.OK else found.state.value
        self.store.publish_record(RecordKind.LOGIN_FAILURES, station,
                                  document_bytes(self._document))
        log.info("This station's failed-login record on the site store was replaced (%s): "
                 "its latest was written again", what)
        return True

    def take(self) -> int:
        """Take other PCs' changed files; returns how many were taken."""
        try:
            found = self.store.list_records(RecordKind.LOGIN_FAILURES)
        except OSError:
            return 0  # the store is away: next pass
        taken = 0
        for record in found:
            station = record.name
            if station == self.trust.station_id or self._seen.get(station) == record.marker:
                continue
            self._seen[station] = record.marker
            if self._take_one(station):
                taken += 1
        return taken

    def _take_one(self, station: str) -> bool:
        result = self.store.read_record(RecordKind.LOGIN_FAILURES, station,
                                        max_bytes=FILE_MAX_BYTES)
        document = result.document
        problem = (f"unreadable ({result.reason})" if result.state != ReadState.OK
                   else self.trust.check_pc(station, document))
        if problem is None and not (document.get("kind") == "login_failures"
                                    and document.get("station") == station
                                    and _well_formed(document)):
            problem = "not a failures record"
        if problem is not None:
            if station not in self._refused:
                self._refused.add(station)
                log.warning("Failed-login record of %s refused: %s", station, problem)
            return False
        seq = _record_seq(document)
        stale = self._store_taken(station, seq, document)
        if stale is not None:
            if station not in self._refused:
                self._refused.add(station)
                log.warning("Failed-login record of %s refused: older than the one already "
                            "taken from it (sequence %d < %d: an older copy put back); the "
                            "failures taken from it stay counted, and %s writes its latest again",
                            station, seq, stale, station)
            return False
        self._refused.discard(station)
        return True

    def _store_taken(self, station: str, seq: int, document: dict[str, Any]) -> int | None:
        """Add a checked record's failures to this PC's count, unless an older one than the
        newest taken from its station: then nothing changes and that newest seq is returned.
        One transaction: the mark moves only with what it stands for."""
        with self.database.write() as connection:
            taken = _taken(connection)
            newest = taken.get(station)
            if newest is not None and seq < newest:
                return newest
            window_start = format_utc(parse_utc(document["at"]) - KEEP)
            directory_repo.merge_station_failures(connection, station, document["failures"],
                                                  document["successes"], window_start)
            meta_repo.put(connection, TAKEN_META_KEY, canonical_json({**taken, station: seq}))
        return None


def _next_seq(connection: Connection, now: datetime) -> int:
    """One more than the last seq this PC signed, and never below this millisecond: a PC
    whose database starts anew (restored, replaced) still goes above what it published."""
    last = int(meta_repo.get(connection, PUBLISHED_META_KEY) or 0)
    seq = max(last + 1, _millis(now))
    meta_repo.put(connection, PUBLISHED_META_KEY, str(seq))
    return seq


def _taken(connection: Connection) -> dict[str, int]:
    """The highest seq this PC took from each station (its own database: trusted)."""
    return json.loads(meta_repo.get(connection, TAKEN_META_KEY) or "{}")


def _millis(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _record_seq(document: dict[str, Any]) -> int:
    """The record's place in its station's order: its `seq`, or for a record of the previous
    format (none) its `at` in milliseconds. `_well_formed` checked both."""
    seq = document.get("seq")
    return seq if seq is not None else _millis(parse_utc(document["at"]))


def _well_formed(document: dict[str, Any]) -> bool:
    seq, at = document.get("seq"), document.get("at")
    if seq is not None and not (type(seq) is int and 0 <= seq < _MAX_SEQ):
        return False
    try:
        format_utc(parse_utc(at) - KEEP)  # the record's window (and order, when it has no seq)
    except (TypeError, ValueError, AttributeError, OverflowError):
        return False
    failures, successes = document.get("failures"), document.get("successes")
    if not isinstance(failures, dict) or not isinstance(successes, dict):
        return False
    if any(not isinstance(v, list) or len(v) > MAX_PER_ACCOUNT
           or not all(isinstance(t, str) and len(t) <= 32 for t in v) for v in failures.values()):
        return False
    return all(isinstance(v, str) and len(v) <= 32 for v in successes.values())
