"""This station's own folder on the shared folder (`stations/<id>/`): making it, moving a
link or a stranger's file found in it to the quarantine, writing signed files (birth, status,
death), write-once claims and acks, and taking processed commands out of the inbox. The
shared-folder side of the station's live transport (docs/architecture.md, "The sync service
in parts"); the share is hostile, so nothing here is followed or trusted unsigned."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from utils.site.commands import Command, Outcome, ack_problem, make_ack
from utils.site.layout import SiteLayout, StationLayout
from utils.site.share_files import ReadState, quarantine, read_json_file
from utils.site.share_fs import ShareFS, ShareRefused
from utils.site.signed import document_bytes
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)

ACK_RESULT_MAX = 48 * 1024


class StationFolder:
    def __init__(self, layout: SiteLayout, station: StationLayout, trust: SiteTrust,
                 went_offline: Callable[[BaseException], None]):
        self.layout = layout
        self.station = station
        self.fs: ShareFS = layout.fs  # every share operation goes through it
        self.trust = trust
        self.went_offline = went_offline

    def write_signed(self, path: Path, document: dict[str, Any]) -> None:
        self.fs.write_atomic(path, document_bytes(self.trust.sign(document)))

    def ensure(self) -> None:
        """Make the station's folders. A link or a file where one of them belongs is moved to
        the quarantine (the entry itself, never followed) and the folder made again. Raises
        ShareRefused only when the station folder cannot be used at all; an inbox, acks or
        journal that stays refused is left out (logged once), the rest carries on."""
        for _attempt in range(8):
            try:
                self.station.ensure()
                return
            except ShareRefused as exc:
                if self.quarantine_refused(exc):
                    continue
                if exc.path in (self.station.inbox, self.station.acks, self.station.journal):
                    return
                raise

    def quarantine_refused(self, exc: ShareRefused) -> bool:
        """Move a refused entry of this station's own folder to the quarantine; True if moved.
        Entries elsewhere (stations/ itself, another station's folder) are left alone."""
        own = self.station.folder
        if exc.path != own and own not in exc.path.parents:
            return False
        try:
            moved = quarantine(exc.path, self.layout.quarantine(self.station.station_id),
                               f"{exc.reason}, found on the share where this station keeps "
                               f"its files; moved aside unread, never followed", share=self.fs)
        except OSError as error:  # the quarantine folder itself may be refused: logged there
            if not isinstance(error, ShareRefused):
                log.warning("Could not move %s to the quarantine: %s", exc.path, error)
            return False
        return moved is not None

    def marker(self, path: Path) -> tuple[int, int] | None:
        try:
            info = self.fs.lstat(path)
        except OSError:
            return None
        return info.st_mtime_ns, info.st_size

    def claim(self, command: Command, session_id: str, previous_session: str | None) -> bool:
        """Take the command for this session, write-once on the share, so that even two
        processes running with this PC's key (a copied PC, before the lease stops one) never
        both execute it. False when another session holds the claim."""
        folder = self.station.folder / "claims"
        path = folder / f"{command.id}.json"
        claim = self.trust.sign({"v": 2, "kind": "claim", "id": command.id,
                                 "station": self.station.station_id,
                                 "session_id": session_id})
        for _attempt in range(3):
            try:
                self.fs.mkdirs(folder)
                self.fs.create_once(path, document_bytes(claim), durable=False)
                return True
            except FileExistsError:
                existing = read_json_file(path, max_bytes=4096, share=self.fs).document
                if self.trust.pc_key.public.verify_document(existing) and isinstance(existing, dict):
                    return existing.get("session_id") in (session_id, previous_session)
                if quarantine(path, self.layout.quarantine(self.station.station_id),
                              "a claim this station did not sign", share=self.fs) is None:
                    continue
            except OSError as exc:
                self.went_offline(exc)
                return False
        return False

    def write_ack(self, command_id: str, command_type: str | None, outcome: Outcome,
                  reason: str, result: Any, when: datetime) -> bool:
        """Create the ack file; True when it is on the share (now or from before)."""
        ack = make_ack(self.trust.pc_key, command_id=command_id, station_id=self.station.station_id,
                       outcome=outcome, reason=reason, result=result, finished_at=when,
                       command_type=command_type)
        path = self.station.acks / f"{command_id}.json"
        for _attempt in range(3):
            try:
                self.fs.create_once(path, document_bytes(ack))
                return True
            except FileExistsError:
                if self.existing_ack(command_id) is not None:
                    return True  # ours, written before a crash (or a stale cache): it stands
                # Someone else's file squats the name: it is no outcome of ours. Move it to
                # the quarantine (the admin sees it as an anomaly there) and write ours.
                try:
                    if quarantine(path, self.layout.quarantine(self.station.station_id),
                                  "an ack this station did not sign", share=self.fs) is None:
                        continue
                except OSError as exc:
                    self.went_offline(exc)
                    return False
            except ShareRefused as exc:  # the acks folder is a link: moved aside, retried later
                if self.quarantine_refused(exc):
                    try:
                        self.ensure()
                    except OSError as error:
                        log.warning("Acks folder not made again yet: %s", error)
                return False
            except OSError as exc:
                self.went_offline(exc)
                return False
        return False

    def existing_ack(self, command_id: str) -> dict[str, Any] | None:
        """A validly signed ack this station wrote before a crash, if the share has it."""
        result = read_json_file(self.station.acks / f"{command_id}.json",
                                max_bytes=ACK_RESULT_MAX * 2, share=self.fs)
        own = self.trust.pc_key.public
        if result.state == ReadState.OK and ack_problem(
                result.document, command_id=command_id, station_id=self.station.station_id,
                check_pc=lambda _station, doc: None if own.verify_document(doc) else "not ours") is None:
            return result.document
        return None


def remove_processed(fs: ShareFS, path: Path, undeletable: set[str] | None = None,
                     stem: str | None = None) -> None:
    """Take a processed command out of the inbox. If the share refuses, remember the name so
    the rescan skips it (and retries the removal) instead of reading it again every time."""
    undeletable = set() if undeletable is None else undeletable
    stem = path.stem if stem is None else stem
    try:
        fs.unlink(path)
    except FileNotFoundError:
        undeletable.discard(stem)
        return
    except OSError as exc:
        if stem not in undeletable:
            log.warning("Could not remove processed command %s: %s", path.name, exc)
        undeletable.add(stem)
        return
    undeletable.discard(stem)
