"""The admin side of site sync (`FleetMonitor`): every station's status, live metrics and the
commands this PC sent, tracked to their end.

Everything travels through the live transport (`LiveTransport`, utils/site/ports.py; the
shared folder's is utils/site/folder_transport.py, which reads a status file only when it
changed). A status counts only when it is signed by the PC certified for that station and is
*newer in content* than the last one taken: the same session with a higher sequence number, or
a new session whose signed send time is later. Online / stale / offline is then decided with
this PC's own clock (when did *we* last take a new heartbeat); an old status put back, or a file
time moved to the future, never revives a station.

What the transport refuses to read (a link, a FIFO, a file too large or nested beyond the
bounds) the view names (`problem`: `shopfloor status`, a fleet alarm); the poll carries on.

How it fits: docs/architecture.md §5, "A command, from the panel to its ack".
"""

from __future__ import annotations

import copy
import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterable

from config.constants import COMMAND_ROLES, CommandType, Permission, Role
from data import commands_repo
from models.canonical import parse_utc
from utils.audit.chain import Actor
from utils.auth import Session
from utils.changes import Topic
from utils.clock import Clock, SystemClock
from utils.permissions import PermissionDenied, require
from utils.site.commands import DEFAULT_TTL, ack_problem, issue_command
from utils.site.protocol import PROTOCOL_VERSION
from utils.site.ports import LiveTransport, Presence, StatusCursor, StatusRead
from utils.site.share_files import ReadState
from utils.site.signed import document_bytes
from utils.site.timeseries import MetricRing
from utils.trust.site_trust import NOT_A_MEMBER, SiteTrust

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

STATUS_MAX_BYTES = 256 * 1024
ACK_MAX_BYTES = 128 * 1024
ACK_GRACE = timedelta(seconds=30)  # client caches on SMB can delay an ack by seconds
FINAL_STATES = ("done", "failed", "rejected", "expired", "duplicate", "timed_out")


class Liveness(StrEnum):
    ONLINE = "online"
    STALE = "stale"
    OFFLINE = "offline"
    STOPPED = "stopped"  # clean exit (death file)


@dataclass
class StationView:
    station_id: str
    liveness: Liveness = Liveness.OFFLINE
    status: dict[str, Any] | None = None
    last_seen_mono: float | None = None
    last_seen: datetime | None = None
    interval_s: float = 1.0
    skew_s: float | None = None
    seq_gaps: int = 0
    session_id: str | None = None
    sessions_seen: list[str] = field(default_factory=list)
    duplicate_id_suspected: bool = False
    bad_signatures: int = 0
    problem: str | None = None  # the last refused file of this station, named, and why
    journal_anomaly: str | None = None  # why its journal is not (fully) taken, if so
    journal_waiting: str | None = None  # changes of its journal waiting for their record
    journal_held: str | None = None  # why the station holds its journal events back, if so
    _last_seq: int | None = None
    _last_ts_ms: int | None = None

    @property
    def values_are_stale(self) -> bool:
        return self.liveness != Liveness.ONLINE


class FleetMonitor:
    def __init__(self, ctx: "AppContext", *, transport: LiveTransport,
                 trust: SiteTrust | None = None, clock: Clock | None = None,
                 ring_capacity: int = 3600):
        self.ctx = ctx
        self.transport = transport
        self.trust = trust or ctx.trust
        # Files refused by this panel (forged acks, statuses of non-members...), newest last.
        self.anomalies: list[dict[str, Any]] = []
        # Other refusals shown as alarms until this process ends (journals not taken, and why).
        self.anomaly_sources: list[Callable[[], dict[str, str]]] = []
        # Conditions held only while their source names them (changes waiting for a record).
        self.condition_sources: list[Callable[[], dict[str, str]]] = []
        self.clock = clock or ctx.clock or SystemClock()
        self.ring_capacity = ring_capacity
        self.lock = threading.RLock()
        self.views: dict[str, StationView] = {}
        self.rings: dict[str, MetricRing] = {}
        self._death_cache: dict[str, tuple[tuple, bool]] = {}
        self.cursor = StatusCursor()  # the statuses this panel took
        # Why the last poll could not read the transport (it was away: the views kept what
        # they had); None when it was read. `shopfloor status` says so rather than show nothing.
        self.poll_error: OSError | None = None

    @property
    def reads(self) -> int:
        """Status documents read (to show that unchanged ones are not read again)."""
        return self.cursor.reads

    # -- status --------------------------------------------------------------------------------

    def series(self, station_id: str, metric: str):
        """(times, values) of a station's metric, copied under the lock (the poller appends)."""
        with self.lock:
            ring = self.rings.get(station_id)
            return None if ring is None else ring.series(metric)

    def snapshot(self) -> list[StationView]:
        """Copies of every station's view, safe to hand to another thread."""
        with self.lock:
            return [copy.copy(view) for view in sorted(self.views.values(),
                                                        key=lambda v: v.station_id)]

    def poll(self) -> list[StationView]:
        with self.lock:
            return self._poll()

    def _poll(self) -> list[StationView]:
        try:
            reads = self.transport.poll_statuses(self.cursor, max_bytes=STATUS_MAX_BYTES)
        except OSError as exc:
            reads = []  # the transport is away: the views keep what they had
            self.poll_error = exc
        else:
            self.poll_error = None
        for read in reads:
            view = self.views.setdefault(read.station_id, StationView(read.station_id))
            if read.problem is not None:
                self._refused(view, read.where, read.problem)
            elif read.result is not None:
                self._take_status(view, read)
        for source in self.anomaly_sources:
            for station_id, problem in source().items():
                view = self.views.setdefault(station_id, StationView(station_id))
                view.journal_anomaly = problem
        held = {key: text for source in self.condition_sources for key, text in source().items()}
        self.views.update({key: StationView(key) for key in held.keys() - self.views.keys()})
        now = self.clock.monotonic()
        for view in self.views.values():
            view.journal_waiting = held.get(view.station_id)  # only while a source names it
            self._decide(view, now)
        return sorted(self.views.values(), key=lambda v: v.station_id)

    def _take_status(self, view: StationView, read: StatusRead) -> None:
        station_id = view.station_id
        assert read.result is not None
        document = read.result.document
        problem = None
        if not (isinstance(document, dict) and document.get("kind") == "status"
                and document.get("station") == station_id
                and document.get("v") == PROTOCOL_VERSION):
            problem = "not a status of this station"
        else:
            problem = self.trust.check_pc(station_id, document)
        seq, session, ts_ms = (document.get("seq"), document.get("session_id"),
                               document.get("ts_ms")) if isinstance(document, dict) else (None,) * 3
        if problem is None and not (isinstance(seq, int) and isinstance(ts_ms, int)
                                    and isinstance(session, str)):
            problem = "status without sequence, session or time"
        if problem is not None:
            view.bad_signatures += 1
            self._anomaly(station_id, "status.json", problem)
            return
        if session == view.session_id and view._last_seq is not None:
            if seq <= view._last_seq:
                return  # an older file (stale cache, or put back): nothing new
            view.seq_gaps += seq - view._last_seq - 1
        elif session != view.session_id:
            if view._last_ts_ms is not None and ts_ms <= view._last_ts_ms:
                return  # an older session's status put back: not a sign of life
            if session in view.sessions_seen[-3:] and view.session_id is not None:
                view.duplicate_id_suspected = True  # two live sessions alternate
            view.sessions_seen = (view.sessions_seen + [session])[-10:]
            view.session_id = session
        view._last_seq, view._last_ts_ms = seq, ts_ms
        view.problem = None
        held = document.get("journal_held")
        # The station says (signed) that its journal on the share goes on past its chain with
        # no restore recorded (utils/site/journal.JournalNotOurs): its new events do not reach
        # the site view. (After a takeover or a restore a PC publishes its own journal folder
        # and holds nothing back.)
        view.journal_held = held if isinstance(held, str) else None
        now = self.clock.now()
        view.status = document
        if view.last_seen_mono is None:
            # First sight (e.g. `shopfloor status`, one poll): judge by the time the station
            # signed, never by the file's time (anyone may set that), and never as younger
            # than "just now".
            age = max(0.0, now.timestamp() - ts_ms / 1000)
            view.last_seen_mono = self.clock.monotonic() - age
        else:
            view.last_seen_mono = self.clock.monotonic()
        view.last_seen = now
        interval_ms = document.get("interval_ms")
        view.interval_s = interval_ms / 1000 if isinstance(interval_ms, int) and interval_ms > 0 else 1.0
        ts_ms = document.get("ts_ms")
        if isinstance(ts_ms, int):
            view.skew_s = ts_ms / 1000 - now.timestamp()
        metrics = document.get("metrics") or {}
        ring = self.rings.setdefault(station_id, MetricRing(self.ring_capacity))
        ring.append(now.timestamp(), {name: (metrics.get(name) or {}).get("value")
                                      for name in ("cpu", "memory", "disk")})

    def _refused(self, view: StationView, where: str, reason: str) -> None:
        """Name what was refused for a station (logged once per file and reason)."""
        self._anomaly(view.station_id, where, reason)

    def _decide(self, view: StationView, now_mono: float) -> None:
        if view.last_seen_mono is None:
            view.liveness = Liveness.OFFLINE
            return
        age = now_mono - view.last_seen_mono
        if age <= 1.5 * view.interval_s + 0.5:
            view.liveness = Liveness.ONLINE
            return
        if self._stopped(view):
            view.liveness = Liveness.STOPPED
        elif age <= 3 * view.interval_s + 0.5:
            view.liveness = Liveness.STALE
        else:
            view.liveness = Liveness.OFFLINE

    def _stopped(self, view: StationView) -> bool:
        """A death file of the current session; read only when it changed (stat first)."""
        found: Hashable | None = self.transport.presence_marker(view.station_id, Presence.DEATH)
        if found is None:
            return False
        marker = (found, view.session_id)
        cached = self._death_cache.get(view.station_id)
        if cached is not None and cached[0] == marker:
            return cached[1]
        result = self.transport.read_presence(view.station_id, Presence.DEATH,
                                              max_bytes=16 * 1024)
        stopped = (result.state == ReadState.OK and isinstance(result.document, dict)
                   and result.document.get("kind") == "death"
                   and result.document.get("session_id") == view.session_id
                   and self.trust.check_pc(view.station_id, result.document) is None)
        self._death_cache[view.station_id] = (marker, stopped)
        return stopped

    # -- commands ------------------------------------------------------------------------------

    def send(self, session: Session, command_type: CommandType | str,
             targets: Iterable[str] | None, params: dict[str, Any] | None = None, *,
             ttl: timedelta = DEFAULT_TTL) -> list[dict[str, Any]]:
        """Sign and drop one command per target (None = every known station)."""
        command_type = CommandType(command_type)
        require(session, Permission.COMMAND_SEND, self.ctx.changes, target=str(command_type))
        if Role(session.role) not in COMMAND_ROLES[command_type]:
            self.ctx.changes.record(session.actor, "permission.denied", entity="command",
                                    entity_id=str(command_type), after={"target": "send"})
            raise PermissionDenied(session.username, session.role, Permission.COMMAND_SEND)
        if session.signer is None:
            raise NoSigningKey(session.username)
        self.transport.check()  # never "send" into a phantom site
        targets = self._stations(targets)
        documents = []
        for target in targets:
            # Signed by the person, with their own key: no PC can send in their name.
            document = issue_command(session.signer, command_type, target, params,
                                     issued_by=session.username, role=session.role,
                                     now=self.clock.now(), ttl=ttl)
            self.transport.send(target, document["id"], document_bytes(document))
            with self.ctx.changes.begin(session.actor, Topic.COMMANDS) as tx:
                commands_repo.sent_insert(tx.connection, document, self.clock.now())
                tx.audit("command.send", entity="command",
                         entity_id=document["id"], command_id=document["id"],
                         after={"type": document["type"], "target": target,
                                "params": document["params"]})
            documents.append(document)
        return documents

    def _stations(self, targets: Iterable[str] | None) -> list[str]:
        """The targets of a send: those given, each a station of the site (NotAStation
        otherwise: a typo would make a phantom station that every PC then lists), or (None)
        every station that shows itself, less any folder someone made that is none."""
        if targets is None:
            self.poll()
            wanted = sorted(self.views)
        else:
            wanted = list(targets)
        if any(self.trust.state.member(station) is None for station in wanted):
            try:  # a person's send: the directory read now, so a PC that just joined counts
                self.trust.directory.refresh()
            except OSError as exc:
                log.info("The site directory could not be read again before a send: %s", exc)
        strangers = [station for station in wanted if self.trust.state.member(station) is None]
        if targets is None:
            return [station for station in wanted if station not in strangers]
        if strangers:
            raise NotAStation(strangers, self.trust.members())
        return wanted

    def track(self) -> list[dict[str, Any]]:
        """Look for the acks of pending commands; returns the ones that reached a final state."""
        finished = []
        with self.ctx.database.read() as connection:
            pending = commands_repo.sent_list(connection, pending_only=True)
        now = self.clock.now()
        for row in pending:
            ack_name = f"{row['command_id']}.json"
            result = self.transport.read_ack(row["target"], row["command_id"],
                                             max_bytes=ACK_MAX_BYTES)
            state, reason, payload = None, None, None
            if result.state == ReadState.OK:
                ack = result.document
                problem = ack_problem(ack, command_id=row["command_id"], station_id=row["target"],
                                      check_pc=self.trust.check_pc)
                if problem is None:
                    state, reason, payload = ack.get("status"), ack.get("reason"), ack.get("result")
                else:
                    # Not the station's answer: never an outcome. Out of the way (so the
                    # station's own ack can take the name), and shown as an anomaly.
                    self._anomaly(row["target"], ack_name, f"ack refused: {problem}")
                    # (A station certified a moment ago may look unknown: left in place.)
                    if problem != NOT_A_MEMBER:
                        try:
                            self.transport.set_aside_ack(
                                row["target"], row["command_id"],
                                f"ack refused by the admin panel: {problem}")
                        except OSError as exc:
                            log.warning("Could not move the refused ack %s: %s", ack_name, exc)
            if state is None and now > parse_utc(row["not_after"]) + ACK_GRACE:
                state, reason = "timed_out", "no answer before the command expired"
            if state is None or state not in FINAL_STATES:
                continue
            with self.ctx.changes.begin(_system(), Topic.COMMANDS) as tx:
                commands_repo.sent_update(tx.connection, row["command_id"], state, reason, payload, now)
                tx.audit(f"command.ack.{state}",
                         entity="command", entity_id=row["command_id"],
                         command_id=row["command_id"],
                         after={"target": row["target"], "reason": reason})
            finished.append({**row, "state": state, "reason": reason, "result": payload})
        return finished

    def _anomaly(self, station_id: str, name: str, problem: str) -> None:
        """A refused file: logged once per kind of problem, kept for the panel's alarms."""
        view = self.views.get(station_id)
        first = view is None or view.problem != f"{name}: {problem}"
        if view is not None:
            view.problem = f"{name}: {problem}"
        if first:
            log.warning("Station %s: %s refused (%s)", station_id, name, problem)
            self.anomalies = (self.anomalies + [{"station": station_id, "file": name,
                                                 "problem": problem,
                                                 "at": self.clock.now()}])[-200:]

    def sent_commands(self, limit: int = 500) -> list[dict[str, Any]]:
        with self.ctx.database.read() as connection:
            rows = commands_repo.sent_list(connection, limit=limit)
        for row in rows:
            row["params"] = json.loads(row["params"])
            row["result"] = None if row["result"] is None else json.loads(row["result"])
        return rows


class NotAStation(ValueError):
    """A command addressed to a station no PC of the site is certified for (a typo, or a
    folder someone made on the share): nothing is sent to any target."""

    def __init__(self, strangers: list[str], members: list[str]):
        self.strangers = strangers
        super().__init__(
            f"{', '.join(strangers)}: not a station of this site (its stations: "
            f"{', '.join(members) or 'none yet'}); nothing was sent")


class NoSigningKey(PermissionDenied):
    """The person's signing key is not open in this session: no command can carry their
    signature (log in again, or ask an admin to certify a key)."""

    def __init__(self, username: str):
        super().__init__(username, "", Permission.COMMAND_SEND)
        self.args = (f"{username} has no signing key open in this session; log in again "
                     "with your password (or ask an admin to certify your key)",)

    def __str__(self) -> str:
        return self.args[0]


def _system() -> Actor:
    return Actor.system()
