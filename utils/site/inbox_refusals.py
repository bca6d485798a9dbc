"""The files one pass of the inbox refused (utils/site/inbox.py `Inbox.rescan`), settled
together at the pass's end: one transaction for their ledger rows and audit events, then each
moved to the quarantine (rejected) or removed, then their acks.

Anyone who can write the share can fill an inbox with thousands of files. Refused one by one
(a transaction, an audit event and four warning lines each) they held a real command up for
minutes, slowed the heartbeat, and grew this station's audit trail (and so every admin's
site view) at the writer's will. So a pass settles its refusals at once, and:

- every refused *command* (a document whole enough to check: forged, expired, for another
  station, a duplicate) still gets its own audit event: it is evidence, each copy too;
- of the files that are no command at all, the first `JUNK_NOTED` of a pass get one each and
  the rest one summary event (how many, of which kinds, the first names);
- the first `LOGGED_PER_PASS` refusals are logged one by one, the rest in one summary line.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from data import commands_repo
from models.canonical import format_utc
from utils.audit.chain import Actor
from utils.changes import Changes, Topic, Transaction
from utils.clock import Clock
from utils.site.command_ledger import CommandLedger
from utils.site.commands import Decision, Outcome
from utils.site.ports import StationLink
from utils.site.share_files import printable

log = logging.getLogger(__name__)

JUNK_NOTED = 3  # refused files that are no command audited one by one a pass; then a summary
LOGGED_PER_PASS = 3  # refusals logged one by one a pass; then one summary line
SUMMARY_NAMES = 5  # names a summary gives
_TWO_PART_KINDS = ("file refused", "unreadable")  # says little without what follows


@dataclass(frozen=True)
class Refusal:
    """A file refused in this pass."""

    stem: str
    decision: Decision

    @property
    def outcome(self) -> Outcome:
        return self.decision.outcome or Outcome.REJECTED

    @property
    def kind(self) -> str:
        """What was wrong, without the details (for a summary): "not a command's name",
        "file refused: not a regular file", "unreadable: empty", "missing field(s)"..."""
        parts = self.decision.reason.split(": ")
        kind = ": ".join(parts[:2]) if parts[0] in _TWO_PART_KINDS else parts[0]
        return kind.split(" (", 1)[0][:60]

    @property
    def name(self) -> str:
        return printable(f"{self.stem}.json")


@dataclass(eq=False, repr=False, kw_only=True)
class PassRefusals:
    """What the inbox hands its refusals; `pending` is this pass's."""

    changes: Changes
    ledger: CommandLedger
    link: StationLink
    clock: Clock
    remove: Callable[[str, bool], None]  # Inbox.remove_processed(stem, noted)
    pending: list[Refusal] = field(default_factory=list)
    owed: int = 0  # of `pending`, those with a command id: each will be acked

    def add(self, stem: str, decision: Decision) -> None:
        self.pending.append(Refusal(stem, decision))
        self.owed += decision.command_id is not None

    def settle(self) -> None:
        """The pass's refusals: ledger rows and audit events in one transaction (a ledger row
        for each that has a command id: what gets it its one ack), then each file taken away,
        then the acks."""
        refusals, self.pending, self.owed = self.pending, [], 0
        if not refusals:
            return
        now = self.clock.now()
        audited = _audited(refusals)
        with self.changes.begin(Actor.system(), Topic.COMMANDS) as tx:
            for refusal, own_event in zip(refusals, audited):
                self._record(tx, refusal, now, audited=own_event)
            summary = [refusal for refusal, own in zip(refusals, audited) if not own]
            if summary:
                kinds = Counter(refusal.kind for refusal in summary)
                first = [refusal.name for refusal in summary[:SUMMARY_NAMES]]
                tx.audit("command.rejected", actor=Actor.system(), entity="inbox",
                         reason=f"{len(summary)} more files refused in one pass of the inbox, "
                                f"none a command ({_kinds_text(kinds)}); the first: "
                                f"{', '.join(first)}",
                         after={"files": len(summary), "kinds": dict(kinds), "first": first})
        for index, refusal in enumerate(refusals):
            self._take_away(refusal, noted=index < LOGGED_PER_PASS)
        if len(refusals) > LOGGED_PER_PASS:
            rest = refusals[LOGGED_PER_PASS:]
            log.warning("Inbox: %d more files refused in this pass (%s), the first %s; the "
                        "rejected ones are kept in the station's quarantine with a .reason "
                        "each (whoever can write the share's inbox put them there)", len(rest),
                        _kinds_text(Counter(refusal.kind for refusal in rest)), rest[0].name)
        self.ledger.flush_acks()
        for refusal in refusals[-10:]:  # the status shows the last ten results
            command = refusal.decision.command
            self.ledger.remember({"id": refusal.decision.command_id,
                                  "type": str(command.type) if command else None,
                                  "status": str(refusal.outcome),
                                  "reason": refusal.decision.reason, "at": format_utc(now)})

    def _record(self, tx: Transaction, refusal: Refusal, now: datetime, *,
                audited: bool) -> None:
        """The refusal's ledger row (when it has a command id), and its own audit event when
        `audited`."""
        decision, outcome = refusal.decision, refusal.outcome
        command_id, command = decision.command_id, decision.command
        # Only the first refusal of an id goes to the ledger (what gets it its one ack); a
        # second copy of a forged command is audited all the same.
        if (command_id is not None and outcome != Outcome.DUPLICATE
                and not commands_repo.ledger_has(tx.connection, command_id)):
            commands_repo.ledger_start(tx.connection, command_id,
                                       str(command.type) if command else "unknown",
                                       command.issued_by if command else None, now,
                                       status=str(outcome), reason=decision.reason)
            commands_repo.ledger_finish(tx.connection, command_id, str(outcome),
                                        decision.reason, None, now)
        if audited:
            self.ledger.audit(tx, Actor.system(), f"command.{outcome}", command_id, command,
                              decision.reason)

    def _take_away(self, refusal: Refusal, *, noted: bool) -> None:
        """A rejected file is kept as evidence, out of the inbox; others are removed. Logged
        one by one only when `noted` (the pass's summary line counts the rest)."""
        level = logging.WARNING if noted else logging.DEBUG
        moved = False
        if refusal.outcome == Outcome.REJECTED:
            reason = refusal.decision.reason
            try:
                moved = self.link.set_aside_command(refusal.stem, reason)
                if moved:
                    log.log(level, "Quarantined %s from the inbox: %s", refusal.name, reason)
            except OSError as exc:
                log.log(level, "Could not quarantine %s (%s); removing it instead",
                        refusal.name, exc)
        if not moved:
            self.remove(refusal.stem, noted)


def _audited(refusals: list[Refusal]) -> list[bool]:
    """Which of a pass's refusals get an audit event each: every refused command, and the
    first `JUNK_NOTED` files that are none."""
    audited, junk = [], 0
    for refusal in refusals:
        if refusal.decision.command is None:
            junk += 1
            audited.append(junk <= JUNK_NOTED)
        else:
            audited.append(True)
    return audited


def _kinds_text(kinds: Counter[str]) -> str:
    return ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())
