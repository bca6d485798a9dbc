"""The station's inbox: each command file found is read within bounds, checked
(`check_command`), then accepted (claimed, recorded, run on a worker) or refused (recorded,
quarantined or removed, acked). A part of the sync service (docs/architecture.md, "The sync
service in parts"); the ledger and the acks are `command_ledger.py`'s. The commands come
through the station's end of the live transport (`StationLink`, utils/site/ports.py)."""

from __future__ import annotations

import logging
import random
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum
from typing import Callable

from config.constants import CommandType, Role
from data import commands_repo
from models.bounded_json import JsonLimits, check_limits
from utils.audit.chain import Actor
from utils.changes import Changes, Topic
from utils.site.command_context import CommandContext
from utils.site.command_ledger import CommandLedger
from utils.site.commands import (
    COMMAND_MAX_BYTES, Command, Decision, Outcome, check_command, valid_command_id,
)
from utils.site.executor import execute
from utils.site.inbox_refusals import PassRefusals
from utils.site.ports import PlaceRefused
from utils.site.share_files import FailureCounter, ReadState, printable
from utils.site.signed import document_bytes
from utils.site.sync_part import SyncPart

log = logging.getLogger(__name__)

INBOX_BATCH = 200  # files listed at a time: a flooded inbox is worked through, not swallowed
# A pass stops reading after this many refusals or this long (real time: the heartbeat shares
# the loop); the rest wait for the next pass, which comes at once.
REFUSALS_PER_PASS = 100
ACKS_PER_PASS = 20  # refusals that owe an ack (a durable write each on the share)
PASS_BUDGET_S = 0.05
FLOOD_BATCHES = 5  # a flooded inbox is listed five batches at a time
RETRY_WAIT_S = 0.5  # flooded, a file not ready yet is read again no sooner than this
UNDELETABLE_RETRIES = 8  # removals the share refused, tried again a pass
NOT_A_COMMAND_NAME = "not a command's name (a command is <its 32 hex digit id>.json)"
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
    refusals: PassRefusals = field(init=False)  # this pass's, settled at its end
    backlog: list[str] = field(init=False, default_factory=list)  # listed, not yet read
    flooded: bool = field(init=False, default=False)  # the last listing came back full
    waiting: dict[str, float] = field(init=False, default_factory=dict)  # not ready, when
    unclaimed: set[str] = field(init=False, default_factory=set)  # said to wait for a claim
    in_flight: dict[str, Future] = field(init=False, default_factory=dict)
    executor: ThreadPoolExecutor | None = field(init=False, default=None)
    interactive: ThreadPoolExecutor | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.refusals = PassRefusals(changes=self.changes, ledger=self.ledger, link=self.link,
                                     clock=self.clock,
                                     remove=lambda stem, noted: self.remove_processed(
                                         stem, noted=noted))

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
        """One pass over the inbox, bounded: at most `INBOX_BATCH` names listed (five batches
        when flooded), and reading stops after `REFUSALS_PER_PASS` refusals, `ACKS_PER_PASS`
        of them owing an ack, or `PASS_BUDGET_S` (the heartbeat runs on the same loop). The
        names a pass leaves are the next pass's, which comes at once and lists again only
        when they are done: on a flooded inbox the listing, not a file, is the cost. A real
        command is listed before any junk (the link's order), so it waits for one listing's
        worth of passes at most."""
        started, considered = time.monotonic(), 0  # the listing counts: it may be the cost
        names = self.backlog
        if not names:
            # Flooded (the last listing came back full), a listing takes more at a time (it
            # walks the whole folder whatever it keeps) and leaves out the files that were
            # not ready a moment ago: waiting for their writer, they must not fill the batch.
            limit = INBOX_BATCH * (FLOOD_BATCHES if self.flooded else 1)
            try:
                names = self.link.pending_commands(
                    limit=limit, skip=self.undeletable | set(self.in_flight) | self._resting())
            except OSError as exc:
                self.went_offline(exc)
                return
            self.flooded = len(names) >= limit
        # The share may allow it now (rare: a few calls a pass, not one per file it kept).
        for stem in random.sample(list(self.undeletable),
                                  min(len(self.undeletable), UNDELETABLE_RETRIES)):
            self.remove_processed(stem)
        try:
            for stem in names:
                if considered and (len(self.refusals.pending) >= REFUSALS_PER_PASS
                                   or self.refusals.owed >= ACKS_PER_PASS
                                   or time.monotonic() - started > PASS_BUDGET_S):
                    break
                considered += 1
                if stem not in self.in_flight and stem not in self.undeletable:
                    self._consider(stem)
        finally:
            self.backlog = names[considered:]
            self.refusals.settle()
        if self.backlog or self.flooded:
            # More may wait behind this batch (anyone may flood the inbox with files): the
            # next pass comes at once, not at the rescan interval.
            self.wake()

    def _resting(self) -> set[str]:
        """While flooded: the files found not ready within `RETRY_WAIT_S` (by the failure
        counter's clock), left out of the next listing."""
        now = self.failures.clock()
        self.waiting = {stem: at for stem, at in self.waiting.items()
                        if now - at < RETRY_WAIT_S}
        return set(self.waiting) if self.flooded else set()

    def _not_ready(self, path: str, stem: str) -> bool:
        """One more failure to read a file; True when it has failed long enough to refuse."""
        if self.failures.failed(path):
            return True
        self.waiting[stem] = self.failures.clock()
        return False

    def remove_processed(self, stem: str, *, noted: bool = True) -> None:
        """Take a processed command out of the inbox. If the transport refuses, remember the
        name so the rescan skips it (and retries the removal) instead of reading it again.
        `noted=False`: a refusal beyond the few a pass logs (the pass's summary counts it)."""
        try:
            self.link.remove_command(stem)
        except FileNotFoundError:
            self.undeletable.discard(stem)
            return
        except OSError as exc:
            if stem not in self.undeletable:
                log.log(logging.WARNING if noted else logging.DEBUG,
                        "Could not remove processed command %s: %s", printable(stem), exc)
            self.undeletable.add(stem)
            return
        self.undeletable.discard(stem)

    def _consider(self, stem: str) -> None:
        path = self.link.command_key(stem)  # what the failure counter counts by
        if not valid_command_id(stem):
            # No command has this name (its id is its name): refused unread, at once, whatever
            # it is (a FIFO is never opened, a half-written file is nobody's command).
            self._refuse_file(path, stem, Decision(Outcome.REJECTED, NOT_A_COMMAND_NAME))
            return
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
            if self._not_ready(path, stem):
                self._refuse_file(path, stem, Decision(Outcome.REJECTED, f"unreadable: {result.reason}",
                                                       None, stem if valid_command_id(stem) else None))
            return
        decision = check_command(result.data, file_stem=stem,
                                 signature_problem=self.trust.check_person,
                                 station_id=self.link.station_id, now=self.clock.now(),
                                 max_skew=timedelta(seconds=self.max_skew_s()),
                                 seen_before=self.ledger.seen_before, role_of=self._role_of,
                                 taken_over_at=self.ledger.taken_over_at())
        if decision.outcome is None and decision.command is not None:
            self.failures.forget(path)
            self._accept(path, stem, decision.command)
        elif decision.reason.startswith("not valid JSON") and not self._not_ready(path, stem):
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
        """Rejected, expired or duplicate: settled with the pass's other refusals at its end
        (utils/site/inbox_refusals.py: ledger, audit, quarantine or removal, ack)."""
        self.failures.forget(path)
        self.counters["rejected"] += 1
        self.refusals.add(stem, decision)

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
