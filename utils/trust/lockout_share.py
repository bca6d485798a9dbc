"""Site-wide lockout: every PC publishes its failed passwords and takes the others'.

One site record per station in the site store (`RecordKind.LOGIN_FAILURES`; on the shared
folder `directory/failures/<station>.json`), signed by that station's PC key: the failures
of the last day per account and each account's last success there. Every PC counts them all
(utils/auth.py `_lock_state`), so five guesses on each of fourteen stations is still five
guesses. A PC can only speak for itself: a file is taken only when it is signed by the PC
certified for the station it names, so a share writer cannot lock anyone out or unlock anyone.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from data import directory_repo
from data.database import Database
from models.canonical import canonical_json, format_utc
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


class LockoutShare:
    def __init__(self, store: SiteStore, trust: SiteTrust, database: Database, clock: Clock):
        self.store = store
        self.trust = trust
        self.database = database
        self.clock = clock
        self._published = ""
        self._seen: dict[str, Any] = {}  # station -> the marker of its record last read
        self._refused: set[str] = set()

    def publish(self) -> bool:
        """Write this PC's failures when they changed; True when a file was written."""
        station = self.trust.station_id
        since = format_utc(self.clock.now() - KEEP)
        with self.database.read() as connection:
            failures = directory_repo.station_failures(connection, station, since)
            successes = directory_repo.station_successes(connection, station)
        failures = {name: moments[-MAX_PER_ACCOUNT:] for name, moments in failures.items()}
        body = {"failures": failures, "successes": successes}
        marker = canonical_json(body)
        if marker == self._published:
            return False
        document = self.trust.sign({"v": PROTOCOL_VERSION, "kind": "login_failures",
                                    "station": station, "at": format_utc(self.clock.now()),
                                    **body})
        self.store.publish_record(RecordKind.LOGIN_FAILURES, station, document_bytes(document))
        self._published = marker
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
        self._refused.discard(station)
        with self.database.write() as connection:
            directory_repo.replace_station_failures(connection, station, document["failures"],
                                                    document["successes"])
        return True


def _well_formed(document: dict[str, Any]) -> bool:
    failures, successes = document.get("failures"), document.get("successes")
    if not isinstance(failures, dict) or not isinstance(successes, dict):
        return False
    if any(not isinstance(v, list) or len(v) > MAX_PER_ACCOUNT
           or not all(isinstance(t, str) and len(t) <= 32 for t in v) for v in failures.values()):
        return False
    return all(isinstance(v, str) and len(v) <= 32 for v in successes.values())
