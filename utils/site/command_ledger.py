"""The station's record of every command it took: the ledger rows and their audit events,
the acks that go back to the sender (written once, again after an outage or a crash), the
settling of commands a crash cut off, the moment before which a PC that took its station over
runs nothing, and the last results shown in the status. A part of the
sync service (docs/architecture.md, "The sync service in parts"); the acks travel through the
station's end of the live transport (`StationLink`, utils/site/ports.py), signed here with
this PC's key."""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import Connection

from data import audit_repo, commands_repo, directory_repo, meta_repo
from data.database import Database
from models.canonical import canonical_json, format_utc, parse_utc
from utils.audit.chain import Actor
from utils.changes import Changes, Topic, Transaction
from utils.clock import Clock
from utils.site.commands import Command, Outcome, ack_problem, make_ack
from utils.site.ports import AckWrite, StationLink
from utils.site.share_files import ReadState
from utils.site.signed import document_bytes
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted by a restart of the station"
# A command whose change was committed (its event in the trail) before a crash cut it off.
DONE_BEFORE_RESTART = ("done before a restart of the station cut it off ({effects} in the "
                       "audit trail); recorded after the restart")
ACK_RESULT_MAX = 48 * 1024


def takeover_meta_key(key_id: str) -> str:
    """Where the join keeps, in this PC's own database, the moment this PC (its key
    `key_id`) took its station over (utils/site/membership.py): keyed by the key, so a later
    join with a new key never reads an earlier one's."""
    return f"station.taken_over_at.{key_id}"


def record_takeover_moment(connection: Connection, key_id: str, moment: datetime) -> None:
    meta_repo.put(connection, takeover_meta_key(key_id), format_utc(moment))


class CommandLedger:
    def __init__(self, database: Database, changes: Changes, clock: Clock,
                 link: StationLink, trust: SiteTrust, online: Callable[[], bool],
                 went_offline: Callable[[BaseException], None]):
        self.database = database
        self.changes = changes
        self.clock = clock
        self.link = link
        self.trust = trust
        self.online = online
        self.went_offline = went_offline
        self.acks_pending = threading.Event()  # an ack is still to be written (share away)
        self._ack_lock = threading.Lock()
        self._lock = threading.Lock()
        self._results: list[dict[str, Any]] = []
        self._taken_over: tuple[datetime | None] | None = None  # found once: (moment,)

    # -- results shown in the status ---------------------------------------------------------

    def remember(self, result: dict[str, Any]) -> None:
        with self._lock:
            self._results = (self._results + [result])[-10:]

    def last_results(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._results)

    # -- ledger ------------------------------------------------------------------------------

    def seen_before(self, command_id: str) -> bool:
        with self.database.read() as connection:
            return commands_repo.ledger_has(connection, command_id)

    def taken_over_at(self) -> datetime | None:
        """When this PC became its station's PC in place of another one (a takeover, or a
        join after the old PC's revocation); None when it is the station's first PC. Commands
        issued before it (plus the skew) are refused (utils/site/commands.py
        `taken_over_problem`): the old PC's ledger is not this one. The moment is the one the
        join recorded in this PC's own database (utils/site/membership.py
        `takeover_moment`: the latest of the join's clock and the times the old PC signed);
        for a PC that joined before that was recorded, the time of the directory entry that
        certified its key (the joining PC's clock, signed with the root). Found once (neither
        changes), on the first command: no cost per command."""
        if self._taken_over is None:
            found = self._find_taken_over()
            if found is None:
                return None  # this PC's key is not in the directory (yet): it acts for nothing
            self._taken_over = found
        return self._taken_over[0]

    def _find_taken_over(self) -> tuple[datetime | None] | None:
        directory = self.trust.directory
        state = directory.state
        mine = state.pc_keys.get(self.trust.pc_key.key_id)
        if mine is None:
            return None
        if not any(pc.station == mine.station and pc.certified_seq < mine.certified_seq
                   for pc in state.pc_keys.values()):
            return (None,)
        with directory.database.read() as connection:
            recorded = meta_repo.get(connection, takeover_meta_key(mine.key_id))
            held = directory_repo.log_entry(connection, mine.certified_seq)
        try:
            if recorded is not None:
                return (parse_utc(recorded),)
            if held is None:
                raise KeyError("not in this PC's copy")
            return (parse_utc(json.loads(held[1])["op"]["at"]),)
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            # The join wrote one of them and the state was built from the entry, so this is a
            # damaged database: refuse on the safe side, everything issued before now.
            now = self.clock.now()
            log.warning("Station %s: the moment this PC took the station over cannot be read "
                        "from its database (%s; its directory entry %d); commands issued "
                        "before %s are refused as issued before this PC took the station over",
                        mine.station, exc, mine.certified_seq, format_utc(now))
            return (now,)

    @staticmethod
    def audit(tx: Transaction, actor: Actor, action: str, command_id: str | None,
              command: Command | None, reason: str | None) -> None:
        tx.audit(action, actor=actor, entity="command", entity_id=command_id,
                 command_id=command_id, reason=reason,
                 after=None if command is None else {
                     "type": str(command.type), "params": command.params,
                     "issued_by": command.issued_by})

    def finish(self, command: Command, outcome: Outcome, reason: str, result: Any) -> None:
        """A command ran: its ack, its ledger row and audit event, its place in the status."""
        now = self.clock.now()
        result = bounded(result)
        # The ack goes out first and the ledger records it in the same commit as the outcome:
        # one durable commit less on every command's path. A crash in between leaves the
        # command "executing": at restart it is settled as failed, but the ack already written
        # stands (write-once), and the command is never run again either way.
        acked = self.write_ack(command.id, str(command.type), outcome, reason, result, now)
        with self.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            commands_repo.ledger_finish(tx.connection, command.id, str(outcome), reason, result,
                                        now, acked=acked)
            self.audit(tx, Actor(command.issued_by, str(command.role)),
                       f"command.{outcome}", command.id, command, reason)
        self.remember({"id": command.id, "type": str(command.type), "status": str(outcome),
                       "reason": reason, "at": format_utc(now)})
        if not acked:
            self.acks_pending.set()

    # -- acks --------------------------------------------------------------------------------

    def write_ack(self, command_id: str, command_type: str | None, outcome: Outcome,
                  reason: str, result: Any, when: Any) -> bool:
        """Create the ack file; True when it is on the share (now or from before)."""
        if not self.online():
            return False
        ack = document_bytes(make_ack(
            self.trust.pc_key, command_id=command_id, station_id=self.link.station_id,
            outcome=outcome, reason=reason, result=result, finished_at=when,
            command_type=command_type))
        for _attempt in range(3):
            try:
                written = self.link.put_ack(command_id, ack)
                if written == AckWrite.WRITTEN:
                    return True
                if written == AckWrite.NOT_NOW:
                    return False
                if self.existing_ack(command_id) is not None:
                    return True  # ours, written before a crash (or a stale cache): it stands
                # Someone else's file squats the name: it is no outcome of ours. Move it to
                # the quarantine (the admin sees it as an anomaly there) and write ours.
                self.link.set_aside_ack(command_id, "an ack this station did not sign")
            except OSError as exc:
                self.went_offline(exc)
                return False
        return False

    def existing_ack(self, command_id: str) -> dict[str, Any] | None:
        """A validly signed ack this station wrote before a crash, if the transport has it."""
        result = self.link.read_ack(command_id, max_bytes=ACK_RESULT_MAX * 2)
        own = self.trust.pc_key.public
        if result.state == ReadState.OK and ack_problem(
                result.document, command_id=command_id, station_id=self.link.station_id,
                check_pc=lambda _station, doc: None if own.verify_document(doc) else "not ours") is None:
            return result.document
        return None

    def flush_acks(self) -> None:
        """Write every ack not yet written (after a crash or an outage too); write-once."""
        if not self.online():
            return
        with self._ack_lock:
            self._write_pending_acks()

    def _write_pending_acks(self) -> None:
        with self.database.read() as connection:
            # "executing" rows belong to commands running now; leftovers from a crash were
            # settled once at start (settle_interrupted).
            pending = [row for row in commands_repo.ledger_unacked(connection)
                       if row["status"] != "executing"]
        for row in pending:
            status, reason, result = row["status"], row["reason"] or "", row["result"]
            written = self.write_ack(row["command_id"], row["type"], Outcome(status), reason,
                                     None if result is None else json.loads(result),
                                     self.clock.now())
            if not written:
                self.acks_pending.set()
                return
            with self.database.write() as connection:
                commands_repo.ledger_mark_acked(connection, row["command_id"])

    def settle_interrupted(self) -> None:
        """At start, before any command runs: a command left "executing" was cut off by a
        crash or power loss. It is never run again. If its ack had already gone out, the
        ledger and the audit record what that ack says; if its change was committed (an event
        of this station's naming the command), it is acked as done; otherwise as failed."""
        with self.database.read() as connection:
            leftovers = [row for row in commands_repo.ledger_unacked(connection)
                         if row["status"] == "executing"]
        for row in leftovers:
            ack = self.existing_ack(row["command_id"])
            with self.database.read() as connection:
                effects = audit_repo.command_effects(connection, self.link.station_id,
                                                     row["command_id"])
            with self.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
                if ack is not None:
                    commands_repo.ledger_finish(tx.connection, row["command_id"], ack["status"],
                                                ack.get("reason") or "", ack.get("result"),
                                                self.clock.now(), acked=True)
                    self.audit(tx, Actor.system(), f"command.{ack['status']}",
                               row["command_id"], None,
                               f"{ack.get('reason') or ''} (recorded after a restart)".strip())
                elif effects:  # its change was committed: the ack must not say it failed
                    done = DONE_BEFORE_RESTART.format(effects=", ".join(effects))
                    commands_repo.ledger_finish(tx.connection, row["command_id"], "done", done,
                                                None, self.clock.now())
                    self.audit(tx, Actor.system(), "command.done", row["command_id"], None,
                               done)
                else:
                    commands_repo.ledger_finish(tx.connection, row["command_id"], "failed",
                                                INTERRUPTED, None, self.clock.now())
                    self.audit(tx, Actor.system(), "command.failed", row["command_id"],
                               None, INTERRUPTED)


def bounded(result: Any) -> Any:
    """Acks have a size limit; a larger result is cut with a note rather than dropped."""
    if result is None:
        return None
    text = canonical_json(result)
    if len(text) <= ACK_RESULT_MAX:
        return result
    return {"truncated": True, "size": len(text), "head": text[:ACK_RESULT_MAX // 2]}
