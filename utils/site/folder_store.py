"""The site store over the shared folder (`SiteStore`, utils/site/ports.py): each PC's journal
in `stations/<id>/journal*/NNNNNNNN.jsonl` with its signed head in `checkpoint.json`,
published by `journal.JournalWriter` and read by `journal.read_journal` within bounds.

What it refuses (a link or a file where a journal folder or segment belongs) it moves aside
to the quarantine when it is this PC's own (`set_aside`), never followed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from data.database import Database
from utils.site.journal import JournalWriter, Sealer
from utils.site.layout import SiteLayout
from utils.site.ports import PlaceRefused
from utils.site.share_files import quarantine
from utils.site.share_fs import ShareRefused

log = logging.getLogger(__name__)


class FolderSiteStore:
    def __init__(self, root: Path | str):
        self.layout = SiteLayout(Path(root))
        self.fs = self.layout.fs

    @property
    def root(self) -> Path:
        return self.layout.root

    def check(self) -> None:
        self.layout.require_root()

    def journal_writer(self, station_id: str, database: Database, anchor: str, key: Sealer, *,
                       on_new_chain: Callable[[str, int, str], None] | None = None
                       ) -> JournalWriter:
        """What publishes this PC's journal (its events, seals and signed head)."""
        return JournalWriter(database, self.layout.station(station_id), anchor, key,
                             on_new_chain=on_new_chain)

    def set_aside(self, station_id: str, refused: PlaceRefused) -> bool:
        """Move a refused entry of this station's own place to the quarantine (the entry
        itself, never followed); True if moved. Entries elsewhere are left alone."""
        if not isinstance(refused, ShareRefused):
            return False
        own = self.layout.station(station_id).folder
        if refused.path != own and own not in refused.path.parents:
            return False
        try:
            moved = quarantine(refused.path, self.layout.quarantine(station_id),
                               f"{refused.reason}, found on the share where this station keeps "
                               f"its files; moved aside unread, never followed", share=self.fs)
        except OSError as error:  # the quarantine folder itself may be refused: logged there
            if not isinstance(error, ShareRefused):
                log.warning("Could not move %s to the quarantine: %s", refused.path, error)
            return False
        return moved is not None
