"""The sync service's health, shared with its listeners: whether the share answers (online or
offline since when, the last good sync), why this PC does not act for its station now (the
refusal and its kind), and whether it holds its journal back. One lock, one listener call per
change. A part of the sync service (docs/architecture.md, "The sync service in parts")."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from utils.clock import Clock

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShareState:
    online: bool
    since: datetime | None  # offline since
    last_sync: datetime | None
    # Why this PC does not act for its station now (REFUSAL_* kinds), and why it holds its
    # journal back; None when all is well.
    refusal: str | None = None
    journal_held: bool = False


# What keeps a PC from acting for its station (ShareState.refusal): the words are the GUI's.
REFUSAL_NOT_MEMBER = "not_member"  # its key is revoked, or another PC took the station over
REFUSAL_COPY_RUNNING = "copy_running"  # another process runs as the station with this key
REFUSAL_TAKEOVER_UNCONFIRMED = "takeover_unconfirmed"  # a person confirms first
TAKEOVER_NEEDED = "a person confirms the takeover before this PC acts for the station"


class ShareHealth:
    def __init__(self, clock: Clock, counters: dict[str, int],
                 listener: Callable[[ShareState], None] | None = None):
        self.clock = clock
        self.counters = counters  # the service's counters ("share_errors" counted here)
        self.listener = listener
        self._lock = threading.Lock()
        self._online = True
        self._offline_since: datetime | None = None
        self._last_sync: datetime | None = None
        # Why this PC may not act for its station now (revoked, taken over, another PC with
        # this key running): shown, logged once, and no command is taken meanwhile.
        self.refusal: str | None = None
        self.refusal_kind: str | None = None  # REFUSAL_* (for the window's words)
        # Why this PC holds its journal events back (the share's journal goes on past this
        # PC's chain with no restore recorded: utils/site/journal.JournalNotOurs); in the
        # status, so admins see it. A takeover's or a restore's chain is never held: it is
        # published in a journal folder of its own.
        self.journal_held: str | None = None

    @property
    def online(self) -> bool:
        return self._online

    def state(self) -> ShareState:
        with self._lock:
            return ShareState(self._online, self._offline_since, self._last_sync,
                              self.refusal_kind, self.journal_held is not None)

    def went_offline(self, exc: BaseException) -> None:
        self.counters["share_errors"] += 1
        with self._lock:
            if not self._online:
                return
            self._online = False
            self._offline_since = self.clock.now()
            state = ShareState(False, self._offline_since, self._last_sync)
        log.warning("Share offline: %s. Production continues locally.", exc)
        self._tell(state)

    def came_back(self) -> ShareState | None:
        """A sync went through. The state to announce when the share was offline until now
        (the caller announces it once the station is set up again), else None."""
        with self._lock:
            was_offline = not self._online
            self._online = True
            self._offline_since = None
            self._last_sync = self.clock.now()
            state = ShareState(True, None, self._last_sync)
        return state if was_offline else None

    def set_refusal(self, problem: str | None, kind: str | None) -> None:
        self.refusal, self.refusal_kind = problem, kind
        self._tell(self.state())

    def announce(self, state: ShareState) -> None:
        self._tell(state)

    def _tell(self, state: ShareState) -> None:
        if self.listener:
            self.listener(state)
