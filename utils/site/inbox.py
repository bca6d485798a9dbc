"""The station's inbox: each command file found is read within bounds, checked
(`check_command`), then accepted (claimed, recorded, run on a worker) or refused (recorded,
quarantined or removed, acked). A part of the sync service (docs/architecture.md, "The sync
service in parts"); the ledger and the acks are `command_ledger.py`'s. The commands come
through the station's end of the live transport (`StationLink`, utils/site/ports.py)."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from typing import Callable

from config.constants import CommandType, Role
from data import commands_repo
from models.bounded_json import JsonLimits, check_limits
from models.canonical import format_utc
from utils.audit.chain import Actor
from utils.changes import Changes, Topic
from utils.site.command_context import CommandContext
from utils.site.command_ledger import CommandLedger
from utils.site.commands import (
    COMMAND_MAX_BYTES, Command, Decision, Outcome, check_command, valid_command_id,
)
from utils.site.executor import execute
from utils.site.ports import PlaceRefused
from utils.site.share_files import FailureCounter, ReadState
from utils.site.signed import document_bytes
from utils.site.sync_part import SyncPart

log = logging.getLogger(__name__)

INBOX_BATCH = 200  # files looked at per rescan: a flooded inbox is worked through, not swallowed
INTERACTIVE = frozenset({CommandType.MESSAGE, CommandType.CLOSE_APP, CommandType.RESTART_APP})
COMMAND_LIMITS = JsonLimits(max_bytes=COMMAND_MAX_BYTES)


class Claim(Enum):
    """What became of this session's claim of a command (`Inbox._claim`)."""

    OURS = "ours"  # written now, or held by this session (or this PC's previous one)
    ANOTHER_SESSION = "another session"  # a duplicate: another session runs it
    NOT_NOW = "not now"  # not written (the share away, `claims` refused): tried again


@dataclass(eq=False, repr=False, kw_only=True)
class Inbox(SyncPart):
    """What the sync service hands the inbox (utils/site/station_sync.py), and its workers.
    One object: no equality or repr of its own."""

    changes: Changes
    ledger: CommandLedger
    context: CommandContext
    failures: FailureCounter
    # What it asks the service for each command (the values change while it runs), and tells it.
    max_skew_s: Callable[[], float]
    previous_session: Callable[[], str | None]
    refresh_directory: Callable[[], None]
    went_offline: Callable[[BaseException], None]
    wake: Callable[[], None]
    state_changed: Callable[[], None]
    undeletable: set[str] = field(init=False, default_factory=set)  # files the share kept
    unclaimed: set[str] = field(init=False, default_factory=set)  # said to wait for a claim
    in_flight: dict[str, Future] = field(init=False, default_factory=dict)
    executor: ThreadPoolExecutor | None = field(init=False, default=None)
    interactive: ThreadPoolExecutor | None = field(init=False, default=None)

    def start_workers(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="shopfloor-cmd")
        # Commands that wait for the operator (a message to acknowledge, a close to confirm)
        # get their own workers, so they never hold up a ping, a lock or a set_lot.
        self.interactive = ThreadPoolExecutor(max_workers=4, thread_name_prefix="shopfloor-ask")

    def stop_workers(self) -> None:
        for pool in (self.executor, self.interactive):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def rescan(self) -> None:
        try:
            names = self.link.pending_commands(limit=INBOX_BATCH,
                                               skip=self.undeletable | set(self.in_flight))
        except OSError as exc:
            self.went_offline(exc)
            return
        for stem in list(self.undeletable):  # the share may allow it now (rare: one call each)
            self.remove_processed(stem)
        for stem in names:
            if stem in self.in_flight:
                continue
            self._consider(stem)
        if len(names) >= INBOX_BATCH:
            # More may wait behind this batch (anyone may flood the inbox with files): the
            # next pass lists again at once, not at the rescan interval.
            self.wake()

    def remove_processed(self, stem: str) -> None:
        """Take a processed command out of the inbox. If the transport refuses, remember the
        name so the rescan skips it (and retries the removal) instead of reading it again."""
        try:
            self.link.remove_command(stem)
        except FileNotFoundError:
            self.undeletable.discard(stem)
            return
        except OSError as exc:
            if stem not in self.undeletable:
                log.warning("Could not remove processed command %s: %s", stem, exc)
            self.undeletable.add(stem)
            return
        self.undeletable.discard(stem)

    def _consider(self, stem: str) -> None:
        path = self.link.command_key(stem)  # what the failure counter counts by
        result = self.link.read_command(stem, max_bytes=COMMAND_MAX_BYTES,
                                        parse=_within_command_limits)
        if result.state in (ReadState.MISSING, ReadState.REFUSED):
            return  # gone, or the inbox itself is refused (handled by the rescan)
        if result.state in (ReadState.TOO_LARGE, ReadState.NOT_A_FILE, ReadState.BEYOND_LIMITS):
            prefix = {ReadState.TOO_LARGE: "file too large", ReadState.NOT_A_FILE: "file refused",
                      ReadState.BEYOND_LIMITS: "file beyond the limits"}[result.state]
            self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"{prefix}: {result.reason}",
                                                   None, stem if valid_command_id(stem) else None))
            return
        if result.state == ReadState.NOT_READY:
            if self.failures.failed(path):
                self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"unreadable: {result.reason}",
                                                       None, stem if valid_command_id(stem) else None))
            return
        decision = check_command(result.data, file_stem=stem,
                                 signature_problem=self.trust.check_person,
                                 station_id=self.link.station_id, now=self.clock.now(),
                                 max_skew=timedelta(seconds=self.max_skew_s()),
                                 seen_before=self.ledger.seen_before, role_of=self._role_of)
        if decision.outcome is None and decision.command is not None:
            self.failures.forget(path)
            self._accept(path, stem, decision.command)
        elif decision.reason.startswith("not valid JSON") and not self.failures.failed(path):
            return  # perhaps still being written by a careless writer: not ready yet
        else:
            self._refuse_file(path, stem, decision)

    def _role_of(self, username: str) -> Role | None:
        """The issuer's role as the site directory says (never as the command file says)."""
        role = self.trust.role_of(username)
        if role is None:
            # A new admin may have been certified a moment ago: read the directory now
            # rather than reject a genuine command until the next periodic refresh.
            self.refresh_directory()
            role = self.trust.role_of(username)
        return role

    def _refuse_file(self, path: str, stem: str, decision: Decision) -> None:
        """Rejected, expired or duplicate: audit, ack (unless one exists), take the file away."""
        self.failures.forget(path)
        self.counters["rejected"] += 1
        command_id = decision.command_id
        command = decision.command
        outcome = decision.outcome or Outcome.REJECTED
        now = self.clock.now()
        with self.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            # Every refused file is audited, a second copy of a forged one too; only the first
            # goes to the ledger (which is what gets it its one ack).
            if (command_id is not None and outcome != Outcome.DUPLICATE
                    and not commands_repo.ledger_has(tx.connection, command_id)):
                commands_repo.ledger_start(tx.connection, command_id,
                                           str(command.type) if command else "unknown",
                                           command.issued_by if command else None, now,
                                           status=str(outcome), reason=decision.reason)
                commands_repo.ledger_finish(tx.connection, command_id, str(outcome),
                                            decision.reason, None, now)
            self.ledger.audit(tx, Actor.system(), f"command.{outcome}", command_id, command,
                              decision.reason)
        moved = False
        if outcome == Outcome.REJECTED:  # kept as evidence, out of the inbox
            try:
                moved = self.link.set_aside_command(stem, decision.reason)
            except OSError as exc:
                log.warning("Could not quarantine %s.json (%s); removing it instead", stem, exc)
        if not moved:
            self.remove_processed(stem)
        self.ledger.flush_acks()
        self.ledger.remember({"id": command_id, "type": str(command.type) if command else None,
                              "status": str(outcome), "reason": decision.reason,
                              "at": format_utc(now)})

    def _accept(self, path: str, stem: str, command: Command) -> None:
        now = self.clock.now()
        claim = self._claim(command)
        if claim is Claim.NOT_NOW:
            return  # the file stays in the inbox: claimed at a later rescan
        if claim is Claim.ANOTHER_SESSION:
            self._refuse_file(path, stem, Decision(
                Outcome.DUPLICATE, "claimed by another session of this station", command,
                command.id))
            return
        with self.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            if commands_repo.ledger_has(tx.connection, command.id):  # raced with another rescan
                return
            commands_repo.ledger_start(tx.connection, command.id, str(command.type),
                                       command.issued_by, now)
            self.ledger.audit(tx, Actor(command.issued_by, str(command.role)),
                              "command.received", command.id, command, None)
        self.counters["commands"] += 1
        pool = self.interactive if command.type in INTERACTIVE else self.executor
        assert pool is not None
        future = pool.submit(self._run, command)
        self.in_flight[command.id] = future
        future.add_done_callback(lambda _f: self._done(command, stem))

    def _claim(self, command: Command) -> Claim:
        """Take the command for this session, write-once, so that even two processes running
        with this PC's key (a copied PC, before the lease stops one) never both execute it.
        ANOTHER_SESSION only when a claim signed by this PC for another session holds the
        name; a claim that could not be written (the share away, `claims` refused) is
        NOT_NOW: the command is no duplicate and waits in the inbox."""
        claim = document_bytes(self.trust.sign({
            "v": 2, "kind": "claim", "id": command.id, "station": self.link.station_id,
            "session_id": self.session_id}))
        for _attempt in range(3):
            try:
                if self.link.claim(command.id, claim):
                    self.unclaimed.discard(command.id)
                    return Claim.OURS
                existing = self.link.read_claim(command.id, max_bytes=4096).document
                # Only this PC's claim of this very command counts (a copy of its claim of
                # another command, put under this name, is not one).
                if (self.trust.pc_key.public.verify_document(existing)
                        and isinstance(existing, dict) and existing.get("id") == command.id):
                    ours = existing.get("session_id") in (self.session_id,
                                                          self.previous_session())
                    return Claim.OURS if ours else Claim.ANOTHER_SESSION
                self.link.set_aside_claim(command.id, "a claim this station did not sign")
            except PlaceRefused as exc:
                # `claims` is a link or a file and could not be moved aside (the link said
                # why): not an outage, and nothing says another session took the command.
                self._wait_for_claim(command, exc)
                return Claim.NOT_NOW
            except OSError as exc:
                self.went_offline(exc)  # no rescan until a status gets through again
                return Claim.NOT_NOW
        # Unsigned claims keep taking the name (set aside each time): no session holds it.
        self._wait_for_claim(command, "its claim's name keeps being taken by files this "
                                      "station did not sign")
        return Claim.NOT_NOW

    def _wait_for_claim(self, command: Command, why: object) -> None:
        """Say once per command that it waits in the inbox for its claim."""
        if command.id in self.unclaimed:
            return
        if len(self.unclaimed) >= INBOX_BATCH:  # only signed commands get here; bounded still
            self.unclaimed.clear()
        self.unclaimed.add(command.id)
        log.warning("Command %s (%s) waits in the inbox: its claim could not be written (%s); "
                    "tried again at the next rescan", command.id, command.type, why)

    def _done(self, command: Command, stem: str) -> None:
        # First: a rescan must not see the file once it is out of in_flight.
        self.remove_processed(stem)
        self.in_flight.pop(command.id, None)
        self.wake()

    def _run(self, command: Command) -> None:
        try:
            outcome, reason, result = execute(self.context, command)
        except Exception as exc:
            log.exception("Command %s (%s) failed", command.id, command.type)
            outcome, reason, result = Outcome.FAILED, f"{type(exc).__name__}: {exc}", None
        self.ledger.finish(command, outcome, reason, result)
        self.state_changed()


def _within_command_limits(data: bytes) -> bytes:
    """Commands are checked whole by `check_command`; here only the bounds, so a command
    nested or sized to exhaust a parser is refused at once (never "not ready yet")."""
    check_limits(data, COMMAND_LIMITS)
    return data
