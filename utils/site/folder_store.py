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
from pathlib import Path
from typing import Callable, Iterator

from data.database import Database
from utils.site.journal import JournalWriter, Sealer
from utils.site.journal_read import (
    JournalEntry, chain_folders, journal_size, list_segments, read_journal, segment_name,
)
from utils.site.layout import OnSiteFolder, folder_chain
from utils.site.protocol import valid_station_id
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


class FolderSiteStore(OnSiteFolder):
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
        folder itself is a link."""
        try:
            found = chain_folders(self.layout.station(station_id), share=self.fs)
        except FileNotFoundError:
            return StoreListing([])
        return StoreListing([folder.name for _chain, folder in found.chains],
                            [StoreRefusal(station_id, self._relative(path), reason)
                             for path, reason in found.refused])

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
                          self.layout.quarantine("directory"), reason,
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
        (`list_chains` names it refused). Raises PlaceRefused when the station's folder itself
        is refused, OSError when the share is away."""
        station_folder = self.layout.station(station_id).folder
        try:
            top = os.lstat(station_folder)
        except FileNotFoundError:
            return ()
        problem = _not_a_folder(top)
        if problem is not None:
            raise refused(station_folder, problem)
        if previous and previous[0] == top.st_mtime_ns:
            names = previous[1]
        else:
            names = tuple(sorted(entry.name for entry in self.fs.scandir(station_folder)
                                 if folder_chain(entry.name) is not None))
        earlier = dict(zip(previous[1], previous[2])) if previous else {}
        parts = tuple(self._folder_marker(station_folder / name, earlier.get(name))
                      for name in names)
        return (top.st_mtime_ns, names, parts)

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
