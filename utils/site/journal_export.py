"""When this PC's journal goes to the share: after every committed change (the unit of work
tells the service), on a slow safety sweep, after an outage; held back, with the reason in the
status, when the share's journal goes on past this PC's chain. A part of the sync service
(docs/architecture.md, "The sync service in parts"); the publishing is the site store's
(`SiteStore`, utils/site/ports.py; on the shared folder `journal.py`'s writer)."""

from __future__ import annotations

import logging
import threading
from typing import Callable

from data.database import Database
from utils.audit.chain import Actor
from utils.changes import Changes
from utils.site.journal import JournalNotOurs
from utils.site.ports import PlaceRefused, SiteStore
from utils.site.share_health import ShareHealth
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)


class JournalExport:
    def __init__(self, *, database: Database, anchor: str, store: SiteStore, station_id: str,
                 trust: SiteTrust, changes: Changes, health: ShareHealth,
                 stopping: Callable[[], bool], state_changed: Callable[[], None]):
        self.store = store
        self.station_id = station_id
        self.trust = trust
        self.changes = changes
        self.health = health
        self.stopping = stopping
        self.state_changed = state_changed
        self.dirty = threading.Event()  # something committed is not on the share yet
        self.writer = store.journal_writer(station_id, database, anchor, trust.pc_key,
                                           on_new_chain=self._chain_started)

    def export(self) -> None:
        try:
            while self.writer.sync() and not self.stopping():
                pass  # a backlog after an outage goes out in batches, this tick
            if self.health.journal_held is not None:
                self.health.journal_held = None
                self.state_changed()
        except JournalNotOurs as exc:
            if self.health.journal_held != str(exc):
                self.health.journal_held = str(exc)
                log.warning("Journal of station %s held back: %s. Nothing on the share was "
                            "changed; find and stop the other copy of this PC, or restore "
                            "this PC from a backup (shopfloor restore)",
                            self.station_id, exc)
                self.state_changed()
        except PlaceRefused as exc:
            # A link or a hard-linked file among our journal segments: never appended to.
            # Moved aside (the entry itself), the writer starts over from what the store holds.
            self.writer.reset()
            if self.store.set_aside(self.station_id, exc):
                self.dirty.set()  # export again next pass, into a real segment
        except OSError as exc:
            self.writer.reset()
            self.health.went_offline(exc)

    def _chain_started(self, folder: str, fork_seq: int, reason: str) -> None:
        """The writer publishes this PC's chain in a journal folder of its own (after a
        takeover or a restore): recorded in the chain itself, so every reader sees why."""
        self.changes.record(Actor.system(), "journal.chain_started", entity="journal",
                            entity_id=folder, after={
                                "folder": folder, "after": reason, "fork_seq": fork_seq,
                                "key_id": self.trust.pc_key.key_id})
