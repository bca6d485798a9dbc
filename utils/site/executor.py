"""Carrying out each command of the catalogue on a station (runs on the command thread).

Returns (outcome, reason, result) for the ack. Commands act through the same services a person
uses, with the issuer as the acting user, so permissions and audit apply unchanged and the
audit events carry the command id.
"""

from __future__ import annotations

import os
import platform
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable

from config.constants import CommandType
from models.canonical import format_utc
from models.validation import ValidationFailed
from utils.site.commands import Command, Outcome

if TYPE_CHECKING:
    from utils.site.station_sync import SyncService

Result = tuple[Outcome, str, Any]


def _ping(service: "SyncService", command: Command) -> Result:
    return Outcome.DONE, "pong", {"station": service.station.station_id,
                                  "session_id": service.session_id,
                                  "at": format_utc(service.clock.now())}


def _message(service: "SyncService", command: Command) -> Result:
    return Outcome.DONE, "delivered", service.effects.show_message(command)


def _logout(service: "SyncService", command: Command) -> Result:
    return Outcome.DONE, "logged out", service.effects.force_logout(command)


def _lock(service: "SyncService", command: Command) -> Result:
    from utils.site.station_sync import LOCK_META_KEY

    reason = command.params["reason"].strip()
    service.set_meta(LOCK_META_KEY, reason)  # a restart does not unlock the station
    service.ctx.production.locked_reason = reason
    return Outcome.DONE, "production entry locked", service.effects.lock_entry(command, reason)


def _unlock(service: "SyncService", command: Command) -> Result:
    from utils.site.station_sync import LOCK_META_KEY

    service.set_meta(LOCK_META_KEY, None)
    service.ctx.production.locked_reason = None
    return Outcome.DONE, "production entry unlocked", service.effects.unlock_entry(command)


def _set_lot(service: "SyncService", command: Command) -> Result:
    params = command.params
    try:
        lot = service.ctx.production.set_lot(service.issuer_session(command), params["code"],
                                             params["total_boxes"], params.get("current_box", 1),
                                             command_id=command.id)
    except ValidationFailed as exc:
        return Outcome.FAILED, str(exc), {"errors": [e.code for e in exc.errors]}
    return Outcome.DONE, "lot set", service.effects.lot_changed(command, lot)


def _set_product(service: "SyncService", command: Command) -> Result:
    from utils.site.station_sync import SIZE_META_KEY

    size = command.params["size"].strip()
    if size not in service.ctx.catalog.sizes:
        return Outcome.FAILED, f"size {size!r} is not in the catalog", None
    service.set_meta(SIZE_META_KEY, size)
    return Outcome.DONE, "product set", service.effects.product_changed(command, size)


def _set_config(service: "SyncService", command: Command) -> Result:
    changes = dict(command.params)
    if not changes:
        return Outcome.FAILED, "nothing to change", None
    service.apply_settings(changes)
    return Outcome.DONE, "settings changed", service.effects.config_changed(command, changes)


def _resend_status(service: "SyncService", command: Command) -> Result:
    service.notify_state_changed()
    return Outcome.DONE, "status sent again", None


def _diagnostics(service: "SyncService", command: Command) -> Result:
    ctx = service.ctx
    database_file = ctx.paths.database_file
    share = service.share_state()
    return Outcome.DONE, "diagnostics collected", {
        "version": service.status_document()["version"], "python": sys.version.split()[0],
        "platform": platform.platform(), "host": platform.node(), "pid": os.getpid(),
        "database_bytes": database_file.stat().st_size if database_file.exists() else None,
        "settings": {"status_interval_ms": ctx.settings.status_interval_ms,
                     "rescan_interval_ms": int(service.rescan_interval_s * 1000),
                     "idle_logout_minutes": ctx.settings.idle_logout_minutes,
                     "language": ctx.settings.language, "station_kind": ctx.settings.station_kind},
        "share_online": share.online, "threads": sorted(t.name for t in threading.enumerate()),
        "restarts": dict(service.restarts), "counters": dict(service.counters)}


def _get_logs(service: "SyncService", command: Command) -> Result:
    from utils.logger import tail_log

    lines = tail_log(service.ctx.paths.log_file, lines=command.params.get("lines", 200),
                     contains=command.params.get("contains"))
    return Outcome.DONE, f"{len(lines)} lines", {"lines": lines}


def _backup(service: "SyncService", command: Command) -> Result:
    from utils.audit.chain import Actor
    from utils.backup.snapshot import BackupFailed, make_backup

    try:
        made = make_backup(service.ctx, actor=Actor(command.issued_by, str(command.role)),
                           reason=f"command {command.id}")
    except BackupFailed as exc:
        return Outcome.FAILED, str(exc), {}
    return Outcome.DONE, "backup written", {"path": str(made.file.path), "bytes": made.bytes,
                                            "sha256": made.sha256}


def _verify(service: "SyncService", command: Command) -> Result:
    results = service.ctx.verify_audit()
    summary = [r.to_json() for r in results]
    intact = all(r.ok for r in results)
    return Outcome.DONE, "intact" if intact else "NOT intact", {"ok": intact, "stations": summary}


def _restart(service: "SyncService", command: Command) -> Result:
    return Outcome.DONE, "restarting", service.effects.restart_app(
        command, bool(command.params.get("force", False)))


def _close(service: "SyncService", command: Command) -> Result:
    result = service.effects.close_app(command, bool(command.params.get("force", False)))
    if result.get("closing") is False:
        return Outcome.FAILED, "the operator declined to close", result
    return Outcome.DONE, "closing", result


HANDLERS: dict[CommandType, Callable[["SyncService", Command], Result]] = {
    CommandType.PING: _ping, CommandType.MESSAGE: _message, CommandType.LOGOUT: _logout,
    CommandType.LOCK: _lock, CommandType.UNLOCK: _unlock, CommandType.SET_LOT: _set_lot,
    CommandType.SET_PRODUCT: _set_product, CommandType.SET_CONFIG: _set_config,
    CommandType.RESEND_STATUS: _resend_status, CommandType.COLLECT_DIAGNOSTICS: _diagnostics,
    CommandType.GET_LOGS: _get_logs, CommandType.BACKUP_NOW: _backup,
    CommandType.VERIFY_AUDIT: _verify, CommandType.RESTART_APP: _restart,
    CommandType.CLOSE_APP: _close,
}


def execute(service: "SyncService", command: Command) -> Result:
    return HANDLERS[command.type](service, command)
