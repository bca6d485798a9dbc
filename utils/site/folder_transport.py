"""The live transport over the shared folder (`LiveTransport`, utils/site/ports.py): each
station's own end is its folder (`station_folder.StationFolder`); the panel's side, here,
walks `stations/` for statuses, drops signed commands into an inbox (write-once) and reads
acks.

Statuses are read efficiently: one directory scan and one `stat` per station per poll, and a
file is opened only when its modification time or size changed (a hint to look, never a reason
to believe: the caller checks the signature and that the content is newer). Every access goes
through the share's seam and the bounded reader: a station folder that is a link, or a status
file that is a link, a FIFO, too large or nested beyond the bounds, is not read; the read names
it (`StatusRead.problem`) and the poll carries on.

How it fits: docs/architecture.md §7, "The two ports"."""

from __future__ import annotations

from pathlib import Path
from typing import Hashable

from utils.site.layout import OnSiteFolder
from utils.site.protocol import valid_station_id
from utils.site.netshare import default_rescan_ms
from utils.site.ports import Presence, StatusCursor, StatusRead
from utils.site.share_files import ReadResult, ReadState, quarantine, read_json_file
from utils.site.share_fs import OpenFolder, ShareRefused, describe
from utils.site.station_folder import StationFolder

STATUS_NAME = "status.json"  # StationLayout.status, looked up below stations/ held open


class FolderTransport(OnSiteFolder):
    @property
    def place(self) -> str:
        return str(self.layout.root)

    def station(self, station_id: str) -> StationFolder:
        return StationFolder(self.layout, self.layout.station(station_id))

    def default_rescan_ms(self) -> int:
        return default_rescan_ms(self.layout.root)

    # -- commands and acks -------------------------------------------------------------------

    def send(self, station_id: str, command_id: str, data: bytes) -> None:
        inbox = self.layout.station(station_id).inbox
        self.fs.mkdirs(inbox)  # a linked inbox is refused (ShareRefused), never written
        self.fs.create_once(inbox / f"{command_id}.json", data)

    def _ack_path(self, station_id: str, command_id: str) -> Path:
        return self.layout.station(station_id).acks / f"{command_id}.json"

    def read_ack(self, station_id: str, command_id: str, *, max_bytes: int) -> ReadResult:
        return read_json_file(self._ack_path(station_id, command_id), max_bytes=max_bytes,
                              share=self.fs)

    def set_aside_ack(self, station_id: str, command_id: str, reason: str) -> None:
        quarantine(self._ack_path(station_id, command_id), self.layout.quarantine(station_id),
                   reason, share=self.fs)

    def ack_watch_folder(self, station_id: str) -> Path | None:
        return self._watch_folder(station_id, lambda station: station.acks)

    # -- presence ----------------------------------------------------------------------------

    def poll_statuses(self, cursor: StatusCursor, *, max_bytes: int) -> list[StatusRead]:
        found: list[StatusRead] = []
        with self.fs.opened(self.layout.stations_dir) as stations:  # walked once per poll
            entries = [entry for entry in stations.scandir() if valid_station_id(entry.name)]
            for entry in entries:
                if entry.problem is not None:  # a link named like a station: shown, unread
                    found.append(StatusRead(entry.name, where=f"stations/{entry.name}",
                                            problem=entry.problem))
                elif entry.is_dir:
                    found.append(self._poll_station(entry.name, stations, cursor,
                                                    max_bytes))
        return found

    def _poll_station(self, station_id: str, stations: OpenFolder, cursor: StatusCursor,
                      max_bytes: int) -> StatusRead:
        try:
            info = stations.lstat(station_id, STATUS_NAME)
        except ShareRefused as exc:
            return StatusRead(station_id, where=self._relative(exc.path), problem=exc.reason)
        except OSError:
            return StatusRead(station_id)
        marker = (info.st_mtime_ns, info.st_size)
        if marker == cursor.seen.get(station_id):
            return StatusRead(station_id)
        status_path = self.layout.station(station_id).status
        if describe(info) is not None:  # a link or a FIFO: never opened
            cursor.seen[station_id] = marker
            return StatusRead(station_id, where=self._relative(status_path),
                              problem=describe(info) or "")
        result = read_json_file(status_path, max_bytes=max_bytes, share=self.fs)
        cursor.reads += 1
        if result.state in (ReadState.TOO_LARGE, ReadState.BEYOND_LIMITS, ReadState.NOT_A_FILE,
                            ReadState.REFUSED):
            cursor.seen[station_id] = marker  # the same file is not read again
            return StatusRead(station_id, where=self._relative(status_path),
                              problem=result.reason)
        if result.state != ReadState.OK:
            return StatusRead(station_id)  # not ready: next poll
        cursor.seen[station_id] = marker
        return StatusRead(station_id, result=result)


    def read_presence(self, station_id: str, kind: Presence, *, max_bytes: int) -> ReadResult:
        return self.station(station_id).read_presence(kind, max_bytes=max_bytes)

    def presence_marker(self, station_id: str, kind: Presence) -> Hashable | None:
        return self.station(station_id).presence_marker(kind)
