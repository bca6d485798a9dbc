"""One station's end of the folder transport: its own folder on the shared folder
(`stations/<id>/`). Making it, moving a link or a stranger's file found in it (or a folder
in place of one of its files) to the quarantine, replacing its presence files (birth,
status, death), listing and reading the inbox within bounds, write-once claims and acks,
taking processed commands away. It implements `StationLink` (utils/site/ports.py); the
sync service's parts only see that port.

It moves bytes: what it writes is signed by the caller and what it reads is checked by the
caller (the share is hostile). Nothing here is followed: every access goes through the share's
seam (utils/site/share_fs.py)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable, Hashable, TypeVar

from utils.site.commands import COMMAND_MAX_BYTES, valid_command_id
from utils.site.folder_store import FolderSiteStore
from utils.site.layout import SiteLayout, StationLayout
from utils.site.netshare import on_network_share
from utils.site.ports import AckWrite, Presence
from utils.site.share_files import (
    ReadResult, ReadState, list_json_files, quarantine, read_json_file,
)
from utils.site.share_fs import ShareEntry, ShareFS, ShareRefused

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class StationFolder:
    def __init__(self, layout: SiteLayout, station: StationLayout):
        self.layout = layout
        self.station = station
        self.fs: ShareFS = layout.fs  # every share operation goes through it
        self._status_durable = True  # the next status is fsynced (see publish)
        self._not_files: dict[str, str] = {}  # of the last inbox listing: name -> what it is

    @property
    def station_id(self) -> str:
        return self.station.station_id

    def check(self) -> None:
        self.layout.require_root()

    def open(self) -> None:
        """Make the station's folders. A link or a file where one of them belongs is moved to
        the quarantine (the entry itself, never followed) and the folder made again. Raises
        ShareRefused only when the station folder cannot be used at all; an inbox, acks,
        journal or claims folder that stays refused is left out (logged once), the rest
        carries on."""
        self._status_durable = True
        for _attempt in range(8):
            try:
                self.station.ensure()
                return
            except ShareRefused as exc:
                if self.quarantine_refused(exc):
                    continue
                if exc.path in (self.station.inbox, self.station.acks, self.station.journal,
                                self.station.claims):
                    return
                raise

    def _own_place(self, action: Callable[[], _T]) -> _T:
        """Do `action` on the station's own folder; when an entry of it is in the way (a link,
        a file where a folder belongs, a folder where a file belongs: ShareRefused), move that
        entry to the quarantine, make the folders again and do it once more. An entry in the
        way is no outage; one that cannot be moved aside is raised (an OSError)."""
        try:
            return action()
        except FileNotFoundError:
            # The station folder was removed: made again below, but only on a share that is
            # really there (never a phantom one in an empty mount point).
            self.layout.require_root()
        except ShareRefused as exc:
            if not self.quarantine_refused(exc):
                raise
        self.open()
        return action()

    def sweep(self) -> None:
        self.fs.sweep_temp_files(self.station.folder)
        self.fs.sweep_temp_files(self.station.inbox)

    def quarantine_refused(self, exc: ShareRefused) -> bool:
        """Move a refused entry of this station's own folder to the quarantine; True if moved
        (the one way to do it: the store's, for the same folder)."""
        return FolderSiteStore(self.layout.root).set_aside(self.station.station_id, exc)

    def _set_aside(self, path: Path, reason: str) -> bool:
        return quarantine(path, self.layout.quarantine(self.station.station_id), reason,
                          share=self.fs) is not None

    # -- presence --------------------------------------------------------------------------

    def _presence_path(self, kind: Presence) -> Path:
        return {Presence.BIRTH: self.station.birth, Presence.STATUS: self.station.status,
                Presence.DEATH: self.station.death}[kind]

    def publish(self, kind: Presence, data: bytes) -> None:
        path = self._presence_path(kind)
        # A status is replaced every interval: after the first of a run (or of a return of
        # the share) it is not fsynced. The rename keeps it whole for readers; one lost in a
        # power cut is replaced by the next (a lost, empty or older one is never taken as a
        # live copy: standing.py). Two fsyncs a second less on the share, and none on a
        # command's path when the status follows its outcome.
        def write() -> None:
            durable = kind != Presence.STATUS or self._status_durable
            self.fs.write_atomic(path, data, durable=durable)

        # The station folder removed or replaced by a link, or a folder planted in the
        # file's place: moved aside (logged there), made again, written again (durable:
        # open() makes the next status so).
        self._own_place(write)
        if kind == Presence.STATUS:
            self._status_durable = False

    def read_presence(self, kind: Presence, *, max_bytes: int) -> ReadResult:
        return read_json_file(self._presence_path(kind), max_bytes=max_bytes, share=self.fs)

    def presence_marker(self, kind: Presence) -> Hashable | None:
        try:
            info = self.fs.lstat(self._presence_path(kind))
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    # -- commands --------------------------------------------------------------------------

    def pending_commands(self, *, limit: int, skip: set[str]) -> list[str]:
        """Up to `limit` names: those that can be commands (named `<id>.json`, a plain file
        within the size a command may have) first, oldest first, then the rest, which the
        inbox refuses. An inbox flooded with junk never holds a real command back."""
        try:
            entries = list_json_files(self.station.inbox, limit=limit, skip=skip,
                                      share=self.fs, missing_ok=False,
                                      first=_named_like_a_command, max_bytes=COMMAND_MAX_BYTES)
        except ShareRefused as exc:
            # The inbox (or the station folder) is a link: nothing in it is read, moved or
            # deleted. Our own linked inbox is moved aside and a real one made.
            if self.quarantine_refused(exc):
                self.open()
            return []
        # What the listing's lstat found that is no plain file (a folder, a link, a FIFO):
        # refused unread by `read_command`, with no warning of the seam's for each.
        self._not_files = {entry.name[:-5]: _what(entry) for entry in entries
                           if not entry.is_file}
        return [entry.name[:-5] for entry in entries]

    def _command_path(self, name: str) -> Path:
        return self.station.inbox / f"{name}.json"

    def command_key(self, name: str) -> str:
        return str(self._command_path(name))

    def read_command(self, name: str, *, max_bytes: int,
                     parse: Callable[[bytes], Any] | None = None) -> ReadResult:
        problem = self._not_files.get(name)
        if problem is not None:
            return ReadResult(ReadState.NOT_A_FILE, reason=f"not a regular file: {problem}")
        return read_json_file(self._command_path(name), max_bytes=max_bytes, parse=parse,
                              share=self.fs)

    def set_aside_command(self, name: str, reason: str) -> bool:
        self._not_files.pop(name, None)
        # Not logged here: the inbox logs its refusals, a few lines a pass (a flood of junk
        # must not become a flood of warnings).
        return quarantine(self._command_path(name),
                          self.layout.quarantine(self.station.station_id), reason,
                          share=self.fs, announce=False) is not None

    def remove_command(self, name: str) -> None:
        self._not_files.pop(name, None)
        self.fs.unlink(self._command_path(name))

    # -- claims ----------------------------------------------------------------------------

    def _claim_path(self, command_id: str) -> Path:
        return self.station.claims / f"{command_id}.json"

    def claim(self, command_id: str, data: bytes) -> bool:
        path = self._claim_path(command_id)

        def create() -> bool:
            self.fs.mkdirs(path.parent)
            try:
                self.fs.create_once(path, data, durable=False)
            except FileExistsError:
                return False  # a claim holds the name: the caller reads whose
            return True

        # `claims` replaced by a file or a link: moved aside and made again, never a
        # duplicate (OSError, the command waits, when it cannot be).
        return self._own_place(create)

    def read_claim(self, command_id: str, *, max_bytes: int) -> ReadResult:
        return read_json_file(self._claim_path(command_id), max_bytes=max_bytes, share=self.fs)

    def set_aside_claim(self, command_id: str, reason: str) -> bool:
        return self._set_aside(self._claim_path(command_id), reason)

    def prune_claims(self, older_than_s: float) -> None:
        self.fs.sweep_temp_files(self.station.claims, older_than_s=older_than_s,
                                 match=lambda name: name.endswith(".json"))

    # -- acks ------------------------------------------------------------------------------

    def _ack_path(self, command_id: str) -> Path:
        return self.station.acks / f"{command_id}.json"

    def put_ack(self, command_id: str, data: bytes) -> AckWrite:
        try:
            self.fs.create_once(self._ack_path(command_id), data)
        except FileExistsError:
            return AckWrite.TAKEN
        except ShareRefused as exc:  # the acks folder is a link: moved aside, retried later
            if self.quarantine_refused(exc):
                try:
                    self.open()
                except OSError as error:
                    log.warning("Acks folder not made again yet: %s", error)
            return AckWrite.NOT_NOW
        return AckWrite.WRITTEN

    def read_ack(self, command_id: str, *, max_bytes: int) -> ReadResult:
        return read_json_file(self._ack_path(command_id), max_bytes=max_bytes, share=self.fs)

    def set_aside_ack(self, command_id: str, reason: str) -> bool:
        return self._set_aside(self._ack_path(command_id), reason)

    # -- hints -----------------------------------------------------------------------------

    def watch_folder(self) -> Path | None:
        # Commands come from other PCs: on a network share a watcher would never see one
        # arrive, yet, alive, it would stretch the rescan to its 1 s (scheduler.py).
        if on_network_share(self.layout.root):
            return None
        # Never watch through a link: a linked inbox is refused (and quarantined by the
        # rescan). A swap between this check and the watch can only cause hints.
        self.fs.require_folder(self.station.inbox)
        return self.station.inbox

    def watch_identity(self) -> Hashable | None:
        return self.fs.identity(self.station.inbox)


def _named_like_a_command(name: str) -> bool:
    return len(name) == 37 and valid_command_id(name[:-5])  # "<32 hex>.json" (listed: .json)


def _what(entry: ShareEntry) -> str:
    return entry.problem or ("a folder" if entry.is_dir else "not a plain file")
