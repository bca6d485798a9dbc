"""The site store over the shared folder (`SiteStore`, utils/site/ports.py): each PC's journal
in `stations/<id>/journal*/NNNNNNNN.jsonl` with its signed head in `checkpoint.json`,
published by `journal.JournalWriter` and read by `journal_read.read_journal` within bounds; the site
records beside them (`directory/failures/<station>.json`), each replaced atomically; and the
site directory log's entries (`directory/log/NNNNNNNN.json`), each created once by a hard link
that refuses a taken name (utils/atomic_io.py `atomic_create_bytes`), a refused one moved to
`quarantine/directory/` with a `.reason` beside it.

What it refuses (a link or a file where a journal folder or segment belongs) it moves aside
to the quarantine when it is this PC's own (`set_aside`), never followed.

How it fits: docs/architecture.md §7, "The two ports"."""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from data.database import Database
from utils.site.journal import JournalWriter, Sealer
from utils.site.journal_read import (
    JournalEntry, chain_folders, journal_size, list_segments, read_journal, segment_name,
)
from utils.site.layout import OnSiteFolder, folder_chain
from utils.site.protocol import DIRECTORY_QUARANTINE, valid_station_id
from utils.site.ports import (
    EntryWrite, PlaceRefused, RecordFound, RecordKind, StoreListing, StoreRefusal,
)
from utils.site.share_files import ReadResult, ReadState, quarantine, read_json_file
from utils.site.share_fs import ShareRefused, describe, refused

log = logging.getLogger(__name__)

# Where each kind of site record is kept on the share: `<folder>/<name>.json`.
_RECORD_FOLDERS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.LOGIN_FAILURES: ("directory", "failures"),
}

# A station keeps a handful of entries in its own folder (status, checkpoint, death file,
# inbox, one journal folder per chain, a temp file for a moment): far more is junk that
# someone who can write the share put there.
FLOOD_ENTRIES = 1000
# How often such a flooded folder is listed again for a new journal folder (a takeover's or a
# restore's, rare). Its time changes at every status replace (every 100 ms), and listing
# 200,000 names costs 0.15-0.5 s here (2 s with their lstat, as before): at every pass that
# is most of the follower's time. At least RELIST_EVERY_S apart, and at least
# RELIST_COST_FACTOR times what the last listing took (at most 1/20 of the time on a slow
# share). Each listing is whole: never cut at a number of entries, as the order names come
# in is the file system's (name order on NTFS and SMB), and junk named to come first would
# hide a genuine new journal folder for good; so it is found, late by at most that spacing.
RELIST_EVERY_S = 5.0
RELIST_COST_FACTOR = 20.0


@dataclass(frozen=True)
class _Listing:
    """The last listing of a station's folder for its journal folders: when it was made
    (the store's clock), the entries it read, and how long it took (seconds)."""

    at: float
    entries: int
    cost: float


class FolderSiteStore(OnSiteFolder):
    def __init__(self, root: Path | str, *, clock: Callable[[], float] = time.monotonic):
        super().__init__(root)
        self._clock = clock  # spaces the listings of a flooded station folder
        self._listings: dict[str, _Listing] = {}
        # The last list_chains per station, and when (the store's clock).
        self._chain_listings: dict[str, tuple[float, StoreListing]] = {}
        self._flood_told: set[str] = set()

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

    # -- reading -----------------------------------------------------------------------------

    def list_stations(self) -> StoreListing:
        """Stations with a folder (OSError when the share is away); a link named like a
        station is refused, not listed; `stations` itself a link: nothing under it is read."""
        try:
            entries = self.fs.scandir(self.layout.stations_dir)
        except ShareRefused as exc:
            return StoreListing([], [StoreRefusal("", self.refused_label(exc),
                                                  f"{exc.reason}; not followed")])
        refused = [StoreRefusal(entry.name, self._relative(entry.path),
                                f"{entry.problem}; not followed")
                   for entry in entries
                   if valid_station_id(entry.name) and entry.problem is not None]
        return StoreListing(sorted(entry.name for entry in entries
                                   if entry.is_dir and valid_station_id(entry.name)), refused)

    def list_chains(self, station_id: str) -> StoreListing:
        """A station's journal folders, its first (`journal`) first; entries named like a
        journal that are not one are refused (never followed). ShareRefused when the station
        folder itself is a link. A flooded station folder (see `change_marker`) is not
        listed again before the same spacing: its last listing is given (read by name, the
        flood cost every new record a listing of every junk name), unless the change marker
        listed the folder since (it may have found a new journal folder)."""
        kept = self._chain_listings.get(station_id)
        if kept is not None and self._relist_later(station_id) \
                and kept[0] >= self._listings[station_id].at:
            return kept[1]
        try:
            found = chain_folders(self.layout.station(station_id), share=self.fs)
        except FileNotFoundError:
            self._chain_listings.pop(station_id, None)
            return StoreListing([])
        listing = StoreListing([folder.name for _chain, folder in found.chains],
                               [StoreRefusal(station_id, self._relative(path), reason)
                                for path, reason in found.refused])
        self._chain_listings[station_id] = (self._clock(), listing)
        return listing

    def journal_published(self, station_id: str, chain: str) -> bool:
        """A journal folder with a segment in it (a link among them counts: reading it is
        refused, and named, by the reader)."""
        return bool(list_segments(self._chain_path(station_id, chain), share=self.fs))

    def read_journal(self, station_id: str, chain: str, *, start_segment: int = 1,
                     start_offset: int = 0) -> Iterator[JournalEntry]:
        return read_journal(self._chain_path(station_id, chain), start_segment=start_segment,
                            start_offset=start_offset, share=self.fs)

    def journal_size(self, station_id: str, chain: str, start_segment: int = 1,
                     start_offset: int = 0) -> int:
        return journal_size(self._chain_path(station_id, chain), start_segment, start_offset,
                            share=self.fs)

    def read_checkpoint(self, station_id: str, *, max_bytes: int) -> ReadResult:
        return read_json_file(self.layout.station(station_id).checkpoint, max_bytes=max_bytes,
                              share=self.fs)

    # -- site records ----------------------------------------------------------------------------

    def _record_path(self, kind: RecordKind, name: str) -> Path:
        if not valid_station_id(name):
            raise ValueError(f"not a record's name: {name!r}")
        return self.layout.root.joinpath(*_RECORD_FOLDERS[kind], f"{name}.json")

    def publish_record(self, kind: RecordKind, name: str, data: bytes) -> None:
        path = self._record_path(kind, name)
        self.layout.require_root()  # never a phantom share
        self.fs.mkdirs(path.parent)
        # Not fsynced: a record lost in a power cut is published again at the next pass.
        self.fs.write_atomic(path, data, durable=False)

    def list_records(self, kind: RecordKind) -> list[RecordFound]:
        """`<name>.json` plain files of the kind's folder (no folder yet: none)."""
        try:
            entries = self.fs.scandir(self.layout.root.joinpath(*_RECORD_FOLDERS[kind]))
        except FileNotFoundError:
            self.layout.require_root()  # the share itself gone is an outage, not "none yet"
            return []
        return sorted((RecordFound(entry.name[:-5], (entry.info.st_mtime_ns, entry.info.st_size))
                       for entry in entries
                       if entry.name.endswith(".json") and entry.is_file
                       and valid_station_id(entry.name[:-5])), key=lambda found: found.name)

    def read_record(self, kind: RecordKind, name: str, *, max_bytes: int) -> ReadResult:
        try:
            path = self._record_path(kind, name)
        except ValueError:
            return ReadResult(ReadState.MISSING)
        return read_json_file(path, max_bytes=max_bytes, share=self.fs)

    # -- the site directory log's entries (DirectoryEntries) ---------------------------------

    def create_entry(self, seq: int, data: bytes) -> EntryWrite:
        """Write-once by a hard link from a complete temp file (fsynced): a taken name, a
        link planted there included, is refused by the file system itself, so two writers
        racing for one number cannot both have it."""
        path = self.layout.directory_entry(seq)
        self.layout.require_root()  # never a phantom share (an empty mount point)
        try:
            self.fs.mkdirs(path.parent)
            self.fs.create_once(path, data)
        except FileExistsError:
            return EntryWrite.TAKEN
        return EntryWrite.WRITTEN

    def read_entry(self, seq: int, *, max_bytes: int) -> ReadResult:
        """A file with a second name (a write-once create's for a moment, or a hard link
        anyone made) comes back NOT_READY with what it holds: the log judges it by that."""
        result = read_json_file(self.layout.directory_entry(seq), max_bytes=max_bytes,
                                share=self.fs, single_link=False)
        if result.state == ReadState.OK and result.stat is not None and result.stat.st_nlink > 1:
            return ReadResult(ReadState.NOT_READY, result.data, result.document, stat=result.stat,
                              reason=f"a file with {result.stat.st_nlink} names (hard-linked)")
        return result

    def has_entry(self, seq: int) -> bool:
        return self.fs.exists(self.layout.directory_entry(seq))

    def set_aside_entry(self, seq: int, reason: str) -> bool:
        """To `quarantine/directory/` (the entry itself: a link moves as a link); raises
        OSError (ShareRefused) when the quarantine cannot be reached without a link."""
        return quarantine(self.layout.directory_entry(seq),
                          self.layout.quarantine(DIRECTORY_QUARANTINE), reason,
                          share=self.fs) is not None

    # -- change hints (for followers) --------------------------------------------------------

    def journal_watch_folder(self, station_id: str) -> Path | None:
        """The folder a file-system watcher may watch for a station's journal growing (None
        when it is not a plain folder below the share: never watched through a link)."""
        return self._watch_folder(station_id, lambda station: station.journal)

    def change_marker(self, station_id: str, previous: tuple | None) -> tuple:
        """What changes when one of a station's journals grows, or a journal folder is added
        (a takeover's or a restore's chain): per journal folder, its time (a new segment) and
        its newest segment (size and time). The station folder is listed only when its own
        time changed (its status file is replaced every interval: often), a journal folder
        only when its own time changed. `previous`: what it returned last time for the station
        (None: nothing yet). A hint, read on every rescan of every station: a few lstat calls
        (no open: each is a round trip on a network share), none following a link; listings
        go through the share's seam. An entry named like a journal that is no plain folder (a
        file, a FIFO, a link) is marked by what it is, never listed nor followed
        (`list_chains` names it refused). A station folder holding far more entries than a
        station writes (FLOOD_ENTRIES) is listed again only every few seconds (RELIST_EVERY_S),
        and the admin told once. Raises PlaceRefused when the station's folder itself is
        refused, OSError when the share is away."""
        station_folder = self.layout.station(station_id).folder
        try:
            top = os.lstat(station_folder)
        except FileNotFoundError:
            return ()
        problem = _not_a_folder(top)
        if problem is not None:
            raise refused(station_folder, problem)
        listed_at = top.st_mtime_ns
        if previous and previous[0] == top.st_mtime_ns:
            names = previous[1]
        elif previous and self._relist_later(station_id):
            # Still the time of the last listing: the next call after the spacing lists again
            # even if the folder stops changing (a journal folder made meanwhile is found).
            names, listed_at = previous[1], previous[0]
        else:
            names = self._journal_names(station_id, station_folder)
        earlier = dict(zip(previous[1], previous[2])) if previous else {}
        parts = tuple(self._folder_marker(station_folder / name, earlier.get(name))
                      for name in names)
        return (listed_at, names, parts)

    def _relist_later(self, station_id: str) -> bool:
        """Is the station's folder flooded and its last listing too recent to list it again?"""
        last = self._listings.get(station_id)
        if last is None or last.entries <= FLOOD_ENTRIES:
            return False
        return self._clock() < last.at + max(RELIST_EVERY_S, RELIST_COST_FACTOR * last.cost)

    def _journal_names(self, station_id: str, folder: Path) -> tuple[str, ...]:
        """The names of a station folder's journal folders, its entries streamed through the
        share's seam by name only (no lstat of the others, none held); the entries read are
        kept for the spacing of the next listing, a flood said once."""
        started = time.monotonic()
        entries, names = 0, []
        with self.fs.opened(folder) as listing:
            for entry in listing.entries():
                entries += 1
                if folder_chain(entry.name) is not None:
                    names.append(entry.name)
        self._listings[station_id] = _Listing(self._clock(), entries,
                                              time.monotonic() - started)
        self._tell_flood(station_id, folder, entries)
        return tuple(sorted(names))

    def _tell_flood(self, station_id: str, folder: Path, entries: int) -> None:
        """One WARNING per station when its folder holds far more than a station writes
        (again only if it was cleared and filled anew)."""
        if entries <= FLOOD_ENTRIES:
            self._flood_told.discard(station_id)
            return
        if station_id in self._flood_told:
            return
        self._flood_told.add(station_id)
        log.warning("Site view: %s holds %d entries, far more than a station writes there (a "
                    "few files and its journal folders): put there by someone who can write "
                    "the share? Only its journal folders are read; a new one is looked for "
                    "every %.0f s or more instead of at every pass. Remove the other entries "
                    "(after checking what they are) to make it cheap again.",
                    self._relative(folder), entries, RELIST_EVERY_S)

    def _folder_marker(self, folder: Path, previous: tuple | None) -> tuple:
        """One journal folder's part of `change_marker`; a refused entry's part is what it
        is, (reason,)."""
        try:
            info = os.lstat(folder)
            problem = _not_a_folder(info)
            if problem is not None:
                return (problem,)
            if previous and previous[0] == info.st_mtime_ns:
                newest = previous[1]
            else:
                segments = list_segments(folder, share=self.fs)
                newest = segments[-1][1].name if segments else None
            size: tuple[int, int] = (-1, -1)
            if newest is not None:
                with contextlib.suppress(FileNotFoundError):
                    segment = os.lstat(folder / newest)  # a link: its own, not followed
                    size = (segment.st_size, segment.st_mtime_ns)
        except FileNotFoundError:
            return ()
        except ShareRefused as exc:  # swapped for a link meanwhile: never followed
            return (exc.reason,)
        return (info.st_mtime_ns, newest, size)

    # -- naming places -----------------------------------------------------------------------

    def journal_label(self, station_id: str, chain: str, segment: int | None = None) -> str:
        folder = f"stations/{station_id}/{chain}"
        return folder if segment is None else f"{folder}/{segment_name(segment)}"

    def checkpoint_label(self, station_id: str) -> str:
        return self._relative(self.layout.station(station_id).checkpoint)

    def refused_label(self, refused: PlaceRefused) -> str:
        return self._relative(refused.path) if isinstance(refused, ShareRefused) else str(refused)


    def _chain_path(self, station_id: str, chain: str) -> Path:
        # A chain is named by its folder's name: nothing else (no path) is ever read.
        if folder_chain(chain) is None:
            raise FileNotFoundError(f"no journal {chain!r} of station {station_id}")
        return self.layout.station(station_id).folder / chain


def _not_a_folder(info: os.stat_result) -> str | None:
    """Why an entry found by lstat is not a plain folder (None when it is one)."""
    problem = describe(info)
    if problem is None and not stat.S_ISDIR(info.st_mode):
        return "a file where a folder belongs"
    return problem
