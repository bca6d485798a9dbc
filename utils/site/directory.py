"""The site user directory: one signed file per account on the share, cached in every PC's
local database so login works while the share is down.

Each account has a `version` that grows with every change. A PC takes a file whose version is
newer than its own copy and publishes its own copy when it is the newer one; so a stale cache
never brings back a deactivated account once the newer file has been seen. Two PCs changing the
same account from the same version is a conflict: detected, logged, and the file on the share
(first writer) wins.

Files are read through the share's seam and the bounded reader: a link, a FIFO, or a file
too large or nested beyond the bounds is refused, logged once per version of the file, and
never stops the refresh.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from data import users_repo
from data.database import Database
from models.canonical import format_utc
from models.validation import validate_username
from utils.audit.keys import SigningKey
from utils.clock import Clock
from utils.site.layout import SiteLayout
from utils.site.share_files import ReadState, read_json_file
from utils.site.signed import document_bytes, sign_document, signature_ok

log = logging.getLogger(__name__)

USER_FILE_MAX_BYTES = 16 * 1024
_FIELDS = ("username", "full_name", "role", "active", "must_change_password", "badge_id",
           "password_hash", "version")


@dataclass
class DirectoryReport:
    taken: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class UserDirectory:
    def __init__(self, layout: SiteLayout, key: SigningKey, database: Database, clock: Clock):
        self.layout = layout
        self.key = key
        self.database = database
        self.clock = clock
        self._seen: dict[str, tuple[int, int]] = {}  # name -> (mtime_ns, size) last read
        self._refused: dict[str, tuple[int, int]] = {}  # name -> marker of a file refused

    def _file(self, username: str):
        return self.layout.users_dir / f"{username}.json"

    def publish(self, username: str) -> bool:
        """Write this PC's copy of an account unless the share already holds a newer one."""
        with self.database.read() as connection:
            row = users_repo.get_with_hash_row(connection, username)
        if row is None:
            return False
        current = self._read(username)
        if current is not None and current["version"] >= row["version"]:
            if current["version"] == row["version"] and current["password_hash"] != row["password_hash"]:
                log.warning("Account %s changed on two PCs from the same version; the share's "
                            "copy is kept", username)
            return False
        document = sign_document({"kind": "user", **{name: row[name] for name in _FIELDS},
                                  "role": str(row["role"]), "active": bool(row["active"]),
                                  "must_change_password": bool(row["must_change_password"]),
                                  "updated_at": format_utc(self.clock.now())}, self.key)
        self.layout.require_root()
        fs = self.layout.fs
        fs.mkdirs(self.layout.users_dir)
        fs.write_atomic(self._file(username), document_bytes(document))
        return True

    def publish_quietly(self, username: str) -> None:
        """After a local account change: publish now if the share is there; otherwise the next
        refresh (which publishes every local account newer than the share's) catches up."""
        try:
            self.publish(username)
        except OSError as exc:
            log.warning("Account %s not yet published to the share (%s); will retry", username, exc)

    def _read(self, username: str) -> dict[str, Any] | None:
        return self._read_why(username)[0]

    def _read_why(self, username: str) -> tuple[dict[str, Any] | None, str]:
        """The valid document, or None and why not."""
        result = read_json_file(self._file(username), max_bytes=USER_FILE_MAX_BYTES,
                                share=self.layout.fs)
        if result.state != ReadState.OK:
            return None, result.reason or str(result.state)
        if not self._valid(result.document, username):
            return None, "not validly signed"
        return result.document, ""

    def _valid(self, document: Any, username: str) -> bool:
        return (isinstance(document, dict) and document.get("kind") == "user"
                and signature_ok(document, self.key) and document.get("username") == username
                and isinstance(document.get("version"), int)
                and all(name in document for name in _FIELDS))

    def refresh(self) -> DirectoryReport:
        """Take newer accounts from the share; publish ours where ours are newer."""
        report = DirectoryReport()
        try:
            entries = self.layout.fs.scandir(self.layout.users_dir)  # a linked folder: refused
        except OSError:
            return report
        on_share: set[str] = set()
        for entry in entries:
            if not entry.name.endswith(".json") or entry.name.startswith("."):
                continue
            username = entry.name[:-5]
            name, errors = validate_username(username)
            if errors or name != username:
                report.refused.append(entry.name)
                continue
            on_share.add(username)
            info = entry.info
            marker = (info.st_mtime_ns, info.st_size)
            if self._seen.get(username) == marker:
                continue  # unchanged since we last read it: no need to open it
            document, why = self._read_why(username)
            if document is None:
                report.refused.append(entry.name)
                if self._refused.get(username) != marker:  # once per version of the file
                    self._refused[username] = marker
                    log.warning("Directory file %s ignored: %s", entry.name, why)
                continue
            self._seen[username] = marker
            with self.database.write() as connection:
                local = users_repo.get_with_hash_row(connection, username)
                newer = local is None or document["version"] > local["version"]
                clash = (local is not None and document["version"] == local["version"]
                         and _differs(local, document))
                if newer or clash:
                    users_repo.upsert_from_directory(connection, document, self.clock.now())
                    (report.conflicts if clash else report.taken).append(username)
                    if clash:
                        log.warning("Account %s changed on two PCs from the same version; "
                                    "the share's copy (first written) is kept", username)
                    continue
            if local["version"] > document["version"] and self.publish(username):
                report.published.append(username)
        with self.database.read() as connection:
            local_names = [user.username for user in users_repo.list_all(connection)]
        for username in local_names:
            if username not in on_share and self.publish(username):
                report.published.append(username)
        return report


def _differs(local: dict[str, Any], document: dict[str, Any]) -> bool:
    return (local["password_hash"] != document["password_hash"]
            or str(local["role"]) != document["role"]
            or bool(local["active"]) != document["active"]
            or local["full_name"] != document["full_name"])
