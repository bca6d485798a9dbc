"""Making one backup of this PC's database.

The head of every chain is signed first (a checkpoint), so the copy ends on a signed head. The
copy is made with SQLite's online backup API (sqlite3.Connection.backup): a consistent snapshot
of the database, committed WAL content included, taken page by page while the station goes on
writing (a write during the copy makes SQLite restart it from the start, so the copy is always
of one moment). It is written beside its final name and put in place atomically
(utils/atomic_io), checked with `PRAGMA quick_check`, and described by a sidecar manifest
(utils/backup/files.py). Then old backups beyond `backup_keep` are removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import logging
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from config.constants import Permission
from models.canonical import format_utc
from utils.atomic_io import atomic_write_text, atomic_write_with
from utils.audit.chain import Actor
from utils.backup.files import (
    BackupFile, backup_folder, backup_name, file_sha256, list_backups, parse_name, sidecar_of,
    sidecar_text,
)
from utils.permissions import require

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

PAGES_PER_STEP = 4096  # 16 MiB a step with 4 KiB pages: writers wait at most one step


class BackupFailed(OSError):
    """The copy could not be made or is not sound; nothing was left in the folder."""


class FolderUnusable(BackupFailed):
    """The backup folder cannot be created or written; nothing was done (no audit event)."""


@dataclass
class MadeBackup:
    file: BackupFile
    bytes: int
    sha256: str
    heads: dict[str, tuple[int, str]]
    removed: list[str] = field(default_factory=list)


def chain_heads(connection: sqlite3.Connection) -> dict[str, tuple[int, str]]:
    """The last event (seq, hash hex) of every chain in a database."""
    rows = connection.execute("SELECT station, max(seq), hash FROM audit_events "
                              "GROUP BY station").fetchall()
    return {str(station): (int(seq), bytes(digest).hex()) for station, seq, digest in rows}


def make_backup(ctx: "AppContext", *, actor: Actor | None = None, reason: str = "scheduled",
                folder: Path | None = None) -> MadeBackup:
    """Back up `ctx`'s database into `folder` (default: the settings' backup folder).

    The audit event "backup.taken" is written first, and the head it makes is signed, so the
    copy holds its own record and ends on a signed head: restoring the newest backup loses
    nothing that was witnessed after it unless something happened after it. The backups that
    retention removes once this one is in place are named in that event; if the copy fails,
    "backup.failed" says why and nothing is removed."""
    folder = Path(folder) if folder is not None else backup_folder(ctx.settings, ctx.paths)
    check_folder(folder)  # a folder that cannot be written costs no audit event
    actor = actor or Actor.system()
    now = ctx.clock.now()
    target = folder / backup_name(ctx.station_id, now)
    keep = ctx.settings.backup_keep
    old = list_backups(folder, ctx.station_id)
    to_remove = old[:max(0, len(old) - (keep - 1))]
    ctx.changes.record(actor, "backup.taken", entity="backup", entity_id=target.name, after={
                       "folder": str(folder), "reason": reason,
                       "removed_once_in_place": [backup.path.name for backup in to_remove]})
    ctx.audit.checkpoint_now()
    heads: dict[str, tuple[int, str]] = {}

    def copy(temp: Path) -> None:
        source = ctx.database.raw_sqlite_connection(read_only=True)
        try:
            with closing(sqlite3.connect(temp)) as destination:
                # A write by another connection meanwhile makes SQLite start the copy again:
                # no pause between steps (WAL: the station's writers never wait for us).
                source.backup(destination, pages=PAGES_PER_STEP, sleep=0)
                problem = destination.execute("PRAGMA quick_check").fetchone()[0]
                if problem != "ok":
                    raise BackupFailed(f"the copy is not sound ({problem}); nothing was kept")
                heads.update(chain_heads(destination))
        finally:
            source.close()

    try:
        try:
            atomic_write_with(target, copy)
        except sqlite3.Error as exc:
            raise BackupFailed(f"the database could not be copied to {folder}: {exc}; nothing "
                               f"was kept") from exc
        except BackupFailed:
            raise
        except OSError as exc:
            raise BackupFailed(f"the backup could not be written to {folder} "
                               f"({exc.strerror or exc}); nothing was kept") from exc
    except BackupFailed as exc:
        ctx.changes.record(actor, "backup.failed", entity="backup", entity_id=target.name,
                           after={"folder": str(folder), "error": str(exc)})
        raise
    size, digest = target.stat().st_size, file_sha256(target)
    atomic_write_text(sidecar_of(target), sidecar_text(ctx.station_id, format_utc(now), size,
                                                       digest, heads))
    for backup in to_remove:
        for path in (backup.path, backup.sidecar):
            path.unlink(missing_ok=True)
    parsed = parse_name(target)
    assert parsed is not None
    log.info("Backup %s written to %s (%d bytes, sha256 %s)%s", target.name, folder, size,
             digest, f"; removed {len(to_remove)} older" if to_remove else "")
    return MadeBackup(parsed, size, digest, heads, [b.path.name for b in to_remove])


def backup_now(ctx: "AppContext", session) -> MadeBackup:
    """A backup asked for by a person (`shopfloor backup now`): admins only, refusal audited."""
    require(session, Permission.BACKUP_MANAGE, ctx.changes, target="backup")
    return make_backup(ctx, actor=session.actor, reason="on request")


def check_folder(folder: Path) -> None:
    """Create the folder if needed and write (and remove) a file in it: FolderUnusable."""
    probe = folder / ".shopfloor-write-probe"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"probe")
        probe.unlink()
    except OSError as exc:
        raise FolderUnusable(f"the backup folder {folder} cannot be written "
                           f"({exc.strerror or exc}); nothing was written") from exc
