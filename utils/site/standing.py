"""Whether this PC acts for its station now: its key is the certified one, and no other
process runs as the station with it (the lease: the station's signed status carries its
session; a copy of this PC, or a restored backup, is refused until a person confirms the
takeover). An older status of this PC's own, put back on the share by anyone who saved it, is
no lease: it was signed before this PC's last run began, and it never moves on. A part of the sync service (docs/architecture.md, "The sync service in parts"); it
reads the station's presence through the station's end of the live transport."""

from __future__ import annotations

import logging
import platform
from datetime import datetime
from typing import Any, Hashable

from config.constants import Permission
from models.canonical import format_utc, parse_utc
from models.validation import validate_reason
from utils.auth import Session
from utils.changes import Changes
from utils.clock import Clock
from utils.permissions import require
from utils.site.ports import Presence, StationLink
from utils.site.share_files import ReadState
from utils.site.share_health import (
    REFUSAL_COPY_RUNNING, REFUSAL_NOT_MEMBER, REFUSAL_TAKEOVER_UNCONFIRMED, TAKEOVER_NEEDED,
    ShareHealth,
)
from utils.site.station_state import (
    LAST_SESSION_META_KEY, LAST_SESSION_STARTED_META_KEY, StationState,
)
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)


class Standing:
    def __init__(self, *, link: StationLink, trust: SiteTrust, clock: Clock,
                 state: StationState, health: ShareHealth, changes: Changes, session_id: str):
        self.link = link
        self.station_id = link.station_id
        self.trust = trust
        self.clock = clock
        self.state = state
        self.health = health
        self.changes = changes
        self.session_id = session_id
        self.takeover: str | None = None  # a person's reason for taking the station over
        self.previous_session: str | None = None  # this PC's run before this one
        self.written_marker: Hashable | None = None  # our last status file
        self._put_back: set[Any] = set()  # sessions whose old status was put back (logged)

    def check(self) -> None:
        """Act for the station only while this PC's key is the certified one and no other
        process runs with it (the lease: the station's signed status carries its session)."""
        problem = self.trust.membership_problem()
        kind = None if problem is None else REFUSAL_NOT_MEMBER
        if problem is None and self.health.online:
            problem, kind = self.lease_problem()
        if problem != self.health.refusal:
            if problem is not None:
                log.warning("Not acting for station %s: %s. Production continues locally.",
                            self.station_id, problem)
                self.written_marker = None  # from now on judged as a newcomer again
            else:
                log.info("Acting for station %s", self.station_id)
            self.health.set_refusal(problem, kind)
        if problem is None and self.previous_session is None:
            self.previous_session = self.state.get(LAST_SESSION_META_KEY) or ""
            self.state.put_all({LAST_SESSION_META_KEY: self.session_id,
                                LAST_SESSION_STARTED_META_KEY: format_utc(self.clock.now())})

    def lease_problem(self) -> tuple[str | None, str | None]:
        """Another process with this PC's key runs as the station (a copy of this PC), or
        ran last and nobody confirmed that this PC takes over from it: (why, REFUSAL_* kind),
        or (None, None)."""
        problem = self._lease_text()
        if problem is None:
            return None, None
        if problem.endswith(TAKEOVER_NEEDED):
            return problem, REFUSAL_TAKEOVER_UNCONFIRMED
        return problem, REFUSAL_COPY_RUNNING

    def _lease_text(self) -> str | None:
        result = self.link.read_presence(Presence.STATUS, max_bytes=256 * 1024)
        status = result.document
        if result.state != ReadState.OK or not self.trust.pc_key.public.verify_document(status):
            return None  # nothing of ours there: nobody else runs with our key
        session = status.get("session_id")
        if session == self.session_id:
            return None
        if self._put_back_copy(status):
            return None  # written over by the next status
        host = status.get("host", "?")
        # The same host name: most likely the app and an agent of this PC both started (a
        # copy of this PC made from its disk may bear the same name, hence "or").
        who = ("another program of this PC (the app or an agent), or a copy of this PC with "
               "its name," if host == platform.node() else "another PC")
        running = (f"{who} runs as station {self.station_id} with this PC's key (host {host}, "
                   f"session {str(session)[:8]}); stop it first")
        if self.written_marker is not None:
            return running  # we hold the station and someone wrote over our status
        if self._released(session):
            return None  # it stopped cleanly
        if _fresh(status, self.clock.now()):
            # Even this PC's own last session: one instance runs per PC, so a fresh status
            # of it now is a copy's (after a crash it turns stale within seconds).
            return running
        if session == self.state.get(LAST_SESSION_META_KEY) or self.takeover is not None:
            return None  # this PC's own previous run, cut short
        return ("the station's last session on the share was not this PC's (a copy of "
                "this PC, or a restored backup, ran as it); " + TAKEOVER_NEEDED)

    def _put_back_copy(self, status: dict[str, Any]) -> bool:
        """A status of another session of this PC's key that was signed before this PC's last
        run began acting, and is not fresh: an old file put back (a copy that ran after that
        run began would have signed it later). A live copy whose clock is far behind looks
        the same to this PC, but this PC's fresh statuses stop that copy itself."""
        started = self.state.get(LAST_SESSION_STARTED_META_KEY)
        try:
            older = started is not None and parse_utc(status["sent_at"]) < parse_utc(started)
        except (KeyError, TypeError, ValueError):
            return False
        if not older or _fresh(status, self.clock.now()):
            return False
        session = status.get("session_id")
        if session not in self._put_back:  # once per session, not at every beat
            self._put_back.add(session)
            log.warning("Station %s: an old status of this PC (session %s, sent at %s, before "
                        "this PC's run that began at %s) was put back on the share by "
                        "someone; it is no copy running, and this PC's status is written "
                        "over it", self.station_id, str(session)[:8], status.get("sent_at"),
                        started)
        return True

    def _released(self, session: Any) -> bool:
        """A death file of that session, signed with this PC's key: it stopped cleanly."""
        death = self.link.read_presence(Presence.DEATH, max_bytes=16 * 1024).document
        return (self.trust.pc_key.public.verify_document(death) and isinstance(death, dict)
                and death.get("session_id") == session)

    def confirm_takeover(self, session: Session, reason: str) -> None:
        """A supervisor or admin confirms that this PC takes its station over from the copy
        that ran last (audited); the PC acts for the station from the next pass."""
        require(session, Permission.COMMAND_SEND, self.changes,
                target=f"station.takeover:{self.station_id}")
        reason_text = validate_reason(reason)
        self.changes.record(session.actor, "station.takeover", entity="station",
                            entity_id=self.station_id, reason=reason_text,
                            after={"session_id": self.session_id})
        self.takeover = reason_text
        self.check()

    def mark_written(self) -> None:
        """Our status file is on the share: remember which one it is."""
        self.written_marker = self.link.presence_marker(Presence.STATUS)

    def status_replaced(self) -> bool:
        """The status file is no longer the one we wrote last (someone else wrote it)."""
        if self.written_marker is None:
            return False
        current = self.link.presence_marker(Presence.STATUS)
        return current is not None and current != self.written_marker


def _fresh(status: dict[str, Any], now: datetime) -> bool:
    """A status sent (by its own signed clock) within three intervals of ours."""
    try:
        sent = parse_utc(status["sent_at"])
        interval_s = max(float(status.get("interval_ms") or 1000) / 1000, 1.0)
    except (KeyError, TypeError, ValueError):
        return False
    return abs((now - sent).total_seconds()) <= 3 * interval_s + 2
