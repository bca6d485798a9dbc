"""Carrying out each command of the allow-list on a station (runs on the command thread).

Returns (outcome, reason, result) for the ack. Commands act through the same services a person
uses, with the issuer as the acting user, so permissions and audit apply unchanged and the
audit events carry the command id.

How it fits: docs/architecture.md §5, "A command, from the panel to its ack".
"""

from __future__ import annotations

import os
import platform
import sys
import threading
from typing import Any, Callable

from config.constants import CommandType
from config.version import APP_VERSION
from models.canonical import format_utc
from models.validation import ValidationFailed
from utils.audit.chain import Actor
from utils.backup.snapshot import BackupFailed
from utils.logger import tail_log
from utils.site.command_context import CommandContext
from utils.site.commands import Command, Outcome

Result = tuple[Outcome, str, Any]


def _issuer(command: Command) -> Actor:
    """The person who sent the command, as its effects' audit events name them."""
    return Actor(command.issued_by, str(command.role))


def _ping(context: CommandContext, command: Command) -> Result:
    return Outcome.DONE, "pong", {"station": context.station_id,
                                  "session_id": context.session_id,
                                  "at": format_utc(context.clock.now())}


def _message(context: CommandContext, command: Command) -> Result:
    return Outcome.DONE, "delivered", context.effects.show_message(command)


def _logout(context: CommandContext, command: Command) -> Result:
    return Outcome.DONE, "logged out", context.effects.force_logout(command)


def _lock(context: CommandContext, command: Command) -> Result:
    reason = command.params["reason"].strip()
    context.state.lock(reason, _issuer(command), command.id)  # a restart keeps it
    return Outcome.DONE, "production entry locked", context.effects.lock_entry(command, reason)


def _unlock(context: CommandContext, command: Command) -> Result:
    context.state.unlock(_issuer(command), command.id)
    return Outcome.DONE, "production entry unlocked", context.effects.unlock_entry(command)


def _set_lot(context: CommandContext, command: Command) -> Result:
    params = command.params
    try:
        lot = context.production.set_lot(context.issuer_session(command), params["code"],
                                             params["total_boxes"], params.get("current_box", 1),
                                             command_id=command.id)
    except ValidationFailed as exc:
        return Outcome.FAILED, str(exc), {"errors": [e.code for e in exc.errors]}
    return Outcome.DONE, "lot set", context.effects.lot_changed(command, lot)


def _set_product(context: CommandContext, command: Command) -> Result:
    size = command.params["size"].strip()
    if size not in context.catalog().sizes:
        return Outcome.FAILED, f"size {size!r} is not in the catalog", None
    context.state.set_size(size, _issuer(command), command.id)
    return Outcome.DONE, "product set", context.effects.product_changed(command, size)


def _set_config(context: CommandContext, command: Command) -> Result:
    changes = dict(command.params)
    if not changes:
        return Outcome.FAILED, "nothing to change", None
    context.apply_settings(changes)
    return Outcome.DONE, "settings changed", context.effects.config_changed(command, changes)


def _resend_status(context: CommandContext, command: Command) -> Result:
    context.publish_status()
    return Outcome.DONE, "status sent again", None


def _diagnostics(context: CommandContext, command: Command) -> Result:
    database_file = context.paths.database_file
    settings = context.settings()
    runtime = context.runtime()
    return Outcome.DONE, "diagnostics collected", {
        "version": APP_VERSION, "python": sys.version.split()[0],
        "platform": platform.platform(), "host": platform.node(), "pid": os.getpid(),
        "database_bytes": database_file.stat().st_size if database_file.exists() else None,
        "settings": {"status_interval_ms": settings.status_interval_ms,
                     "rescan_interval_ms": runtime.rescan_interval_ms,
                     "idle_logout_minutes": settings.idle_logout_minutes,
                     "language": settings.language, "station_kind": settings.station_kind},
        "share_online": runtime.share_online,
        "threads": sorted(t.name for t in threading.enumerate()),
        "restarts": runtime.restarts, "counters": runtime.counters}


def _get_logs(context: CommandContext, command: Command) -> Result:
    lines = tail_log(context.paths.log_file, lines=command.params.get("lines", 200),
                     contains=command.params.get("contains"))
    return Outcome.DONE, f"{len(lines)} lines", {"lines": lines}


def _backup(context: CommandContext, command: Command) -> Result:
    try:
        made = context.backup(_issuer(command), f"command {command.id}")
    except BackupFailed as exc:
        return Outcome.FAILED, str(exc), {}
    return Outcome.DONE, "backup written", {"path": str(made.file.path), "bytes": made.bytes,
                                            "sha256": made.sha256}


def _verify(context: CommandContext, command: Command) -> Result:
    results = context.verify_audit()
    summary = [r.to_json() for r in results]
    intact = all(r.ok for r in results)
    return Outcome.DONE, "intact" if intact else "NOT intact", {"ok": intact, "stations": summary}


def _restart(context: CommandContext, command: Command) -> Result:
    return Outcome.DONE, "restarting", context.effects.restart_app(
        command, bool(command.params.get("force", False)))


def _close(context: CommandContext, command: Command) -> Result:
    result = context.effects.close_app(command, bool(command.params.get("force", False)))
    if result.get("closing") is False:
        return Outcome.FAILED, "the operator declined to close", result
    return Outcome.DONE, "closing", result


HANDLERS: dict[CommandType, Callable[[CommandContext, Command], Result]] = {
    CommandType.PING: _ping, CommandType.MESSAGE: _message, CommandType.LOGOUT: _logout,
    CommandType.LOCK: _lock, CommandType.UNLOCK: _unlock, CommandType.SET_LOT: _set_lot,
    CommandType.SET_PRODUCT: _set_product, CommandType.SET_CONFIG: _set_config,
    CommandType.RESEND_STATUS: _resend_status, CommandType.COLLECT_DIAGNOSTICS: _diagnostics,
    CommandType.GET_LOGS: _get_logs, CommandType.BACKUP_NOW: _backup,
    CommandType.VERIFY_AUDIT: _verify, CommandType.RESTART_APP: _restart,
    CommandType.CLOSE_APP: _close,
}


def execute(context: CommandContext, command: Command) -> Result:
    return HANDLERS[command.type](context, command)
