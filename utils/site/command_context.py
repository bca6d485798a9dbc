"""What a command handler may use (`utils/site/executor.py`): a narrow context built by the
sync service, instead of the service itself. A handler acts through the same services a person
uses (production, backups, the audit check) and through the station's effects; it never sees
the service's threads, files or transport. See docs/architecture.md, "The sync service in
parts"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from config.catalog import Catalog
from config.paths import AppPaths
from config.settings import Settings
from utils.audit.chain import Actor
from utils.audit.verify import VerifyResult
from utils.auth import Session
from utils.backup.snapshot import MadeBackup
from utils.clock import Clock
from utils.production import ProductionService
from utils.site.commands import Command
from utils.site.effects import StationEffects
from utils.site.station_state import StationState


@dataclass(frozen=True)
class Runtime:
    """The sync service's health, for a diagnostics command."""

    share_online: bool
    rescan_interval_ms: int
    restarts: dict[str, int]
    counters: dict[str, int]


@dataclass(frozen=True)
class CommandContext:
    station_id: str
    session_id: str  # this run of the station (a ping's answer)
    clock: Clock
    effects: StationEffects  # what the station's window or the headless agent shows
    state: StationState  # the lock and the size, kept across restarts
    production: ProductionService
    paths: AppPaths
    catalog: Callable[[], Catalog]  # the catalog in force now (a newer one may arrive)
    settings: Callable[[], Settings]  # this PC's settings now
    issuer_session: Callable[[Command], Session]  # the sender, for permission checks
    apply_settings: Callable[[dict[str, Any]], None]  # change and keep this PC's settings
    publish_status: Callable[[], None]  # send the status soon (the loop gathers: 0.2 s)
    runtime: Callable[[], Runtime]
    backup: Callable[[Actor, str], MadeBackup]  # (acting person, reason); raises BackupFailed
    verify_audit: Callable[[], list[VerifyResult]]
