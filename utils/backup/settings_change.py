"""An admin chooses where and how often this PC's backups are made, and how many are kept.

Checked here (Permission.BACKUP_MANAGE; a refusal is audited by `require`). The folder must be
one this PC can create and write in (a file is written and removed to find out); a network
folder is allowed (a copy away from the PC is what a backup is for: the copy is written
beside its final name and renamed, and SQLite never runs on it). One audit event,
"backup_settings.change", with the changed values before and after, in the transaction that
saves the settings file; the running schedule reads the new values at its next check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pathlib import Path

from config.constants import Permission
from config.settings import SettingsError
from utils.backup.snapshot import FolderUnusable, check_folder
from utils.changes import Topic
from utils.permissions import require
from utils.settings_store import save_settings

if TYPE_CHECKING:
    from utils.context import AppContext

AUDIT_ACTION = "backup_settings.change"
FIELDS = ("backup_folder", "backup_every_hours", "backup_keep")


class BackupSettingsError(ValueError):
    """A refused change; nothing was saved."""


def change_backup_settings(ctx: "AppContext", session, **wanted) -> dict[str, tuple]:
    """Keep the given values of FIELDS; returns {field: (before, after)} of what changed."""
    require(session, Permission.BACKUP_MANAGE, ctx.changes, target="backup settings")
    unknown = set(wanted) - set(FIELDS)
    if unknown:
        raise BackupSettingsError(f"unknown backup settings: {', '.join(sorted(unknown))}")
    if wanted.get("backup_folder") is not None:
        folder = Path(str(wanted["backup_folder"]).strip()).expanduser()
        if not folder.is_absolute():
            raise BackupSettingsError(f"{folder} is not a full path (such as D:\\Backups or "
                                      f"/mnt/backups); nothing was saved")
        try:
            check_folder(folder)
        except FolderUnusable as exc:
            raise BackupSettingsError(str(exc).replace("nothing was written",
                                                       "nothing was saved")) from exc
        wanted["backup_folder"] = str(folder)
    changed = {name: (getattr(ctx.settings, name), value) for name, value in wanted.items()
               if getattr(ctx.settings, name) != value}
    if not changed:
        return {}
    try:
        new_settings = ctx.settings.with_changes(**{k: v for k, (_b, v) in changed.items()})
    except SettingsError as exc:
        raise BackupSettingsError(f"{exc}; nothing was saved") from exc
    with ctx.changes.begin(session.actor, Topic.SETTINGS) as tx:
        tx.audit(AUDIT_ACTION, entity="pc",
                 entity_id=ctx.station_id,
                 before={k: b for k, (b, _a) in changed.items()},
                 after={k: a for k, (_b, a) in changed.items()})
        save_settings(ctx.paths.settings_file, new_settings)  # fails: nothing is audited
    ctx.settings_holder.replace(new_settings)
    return changed
