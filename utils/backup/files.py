"""Backup files in a folder: their names, their sidecar manifests, and retention.

A backup is `shopfloor-<station>-<YYYYMMDDTHHMMSSmmm>Z.sqlite3` (a SQLite database made with
the online backup API) and beside it `<same name>.json`, what was known when it was made:

    {"v": 1, "kind": "shopfloor-backup", "station": "206", "created_at": ISO, "bytes": N,
     "sha256": HEX, "heads": {"206": {"seq": N, "hash": HEX}}}

Retention keeps the newest `keep` backups of this station in the folder and removes older ones
(both files); nothing else in the folder is ever touched, whatever its name.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from config.paths import AppPaths
from config.settings import Settings
from models.bounded_json import JsonLimits, parse_json

PREFIX = "shopfloor-"
SUFFIX = ".sqlite3"
MANIFEST_KIND = "shopfloor-backup"
_STAMP = "%Y%m%dT%H%M%S"
_NAME = re.compile(r"shopfloor-(?P<station>[A-Za-z0-9._-]{1,64})-(?P<stamp>\d{8}T\d{6})"
                   r"(?P<ms>\d{3})Z\.sqlite3\Z")
SIDECAR_LIMITS = JsonLimits(max_bytes=256 * 1024)
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class BackupFile:
    path: Path
    station: str
    created_at: datetime

    @property
    def sidecar(self) -> Path:
        return sidecar_of(self.path)


def backup_folder(settings: Settings, paths: AppPaths) -> Path:
    return Path(settings.backup_folder) if settings.backup_folder else paths.default_backup_dir


def backup_name(station: str, moment: datetime) -> str:
    utc = moment.astimezone(timezone.utc)
    return f"{PREFIX}{station}-{utc.strftime(_STAMP)}{utc.microsecond // 1000:03d}Z{SUFFIX}"


def sidecar_of(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + ".json")


def parse_name(path: Path) -> BackupFile | None:
    found = _NAME.match(Path(path).name)
    if found is None:
        return None
    moment = datetime.strptime(found["stamp"], _STAMP).replace(
        tzinfo=timezone.utc, microsecond=int(found["ms"]) * 1000)
    return BackupFile(Path(path), found["station"], moment)


def list_backups(folder: Path, station: str) -> list[BackupFile]:
    """This station's backups in `folder`, oldest first (none when the folder is missing or
    cannot be read now: a backup is then due, and making it says what is wrong)."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [parsed for entry in entries
             if (parsed := parse_name(entry)) is not None and parsed.station == station
             and entry.is_file() and not entry.is_symlink()]
    return sorted(found, key=lambda backup: backup.created_at)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_sidecar(path: Path) -> dict[str, Any] | None:
    """The manifest beside a backup, or None when there is none or it is unreadable."""
    try:
        with open(sidecar_of(path), "rb") as handle:
            document = parse_json(handle.read(SIDECAR_LIMITS.max_bytes + 1), SIDECAR_LIMITS)
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("kind") != MANIFEST_KIND:
        return None
    return document


def sidecar_text(station: str, created_at: str, size: int, sha256: str,
                 heads: dict[str, tuple[int, str]]) -> str:
    return json.dumps({"v": 1, "kind": MANIFEST_KIND, "station": station,
                       "created_at": created_at, "bytes": size, "sha256": sha256,
                       "heads": {name: {"seq": seq, "hash": digest}
                                 for name, (seq, digest) in sorted(heads.items())}},
                      indent=1, sort_keys=True) + "\n"
