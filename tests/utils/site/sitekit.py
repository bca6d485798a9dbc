"""Building a site on a tmp_path share for tests: an admin PC and production stations."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from config.paths import resolve_paths
from config.settings import Settings
from utils.context import AppContext
from utils.settings_store import save_settings
from utils.site.effects import HeadlessEffects
from utils.site.membership import create_site_membership, join_site_membership
from utils.site.station_sync import SyncService

PASSPHRASE = "long site passphrase 1"
ADMIN_PW = "Quarry-Lantern-42"


def wait_until(predicate: Callable[[], Any], timeout: float = 10.0, step: float = 0.01) -> Any:
    """Poll a condition with a hard bound (an Event wait, not a sleep used as synchronisation)."""
    pause = threading.Event()
    waited = 0.0
    while waited < timeout:
        value = predicate()
        if value:
            return value
        pause.wait(step)
        waited += step
    raise AssertionError(f"condition not met within {timeout} s")


@dataclass
class Site:
    share: Path
    admin: AppContext

    def station(self, tmp_path: Path, station_id: str, **settings: Any) -> AppContext:
        home = tmp_path / f"home-{station_id}"
        paths = resolve_paths(home).ensure()
        base = Settings(status_interval_ms=settings.pop("status_interval_ms", 100),
                        rescan_interval_ms=settings.pop("rescan_interval_ms", 20), **settings)
        save_settings(paths.settings_file, base)
        join_site_membership(paths, base, self.share, PASSPHRASE, station_id=station_id)
        return AppContext.open(home)


def make_site(tmp_path: Path) -> Site:
    share = tmp_path / "share"
    home = tmp_path / "home-admin"
    paths = resolve_paths(home).ensure()
    create_site_membership(paths, Settings(status_interval_ms=100, rescan_interval_ms=20), share,
                           PASSPHRASE, station_id="office1", kind="office")
    admin = AppContext.open(home)
    admin.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    return Site(share, admin)


class RecordingEffects(HeadlessEffects):
    """Headless effects that remember what they were asked to do, and can be made slow."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, Any]] = []
        self.release = threading.Event()
        self.release.set()

    def show_message(self, command):
        self.calls.append(("message", command.params))
        self.release.wait(30)
        return {"delivered": True, "acknowledged_by": "op", "acknowledged_at": "now"}

    def __getattribute__(self, name):
        attribute = super().__getattribute__(name)
        if name in ("force_logout", "lock_entry", "unlock_entry", "lot_changed", "product_changed",
                    "config_changed", "close_app", "restart_app"):
            def _recorded(*args, **kwargs):
                self.calls.append((name, args[1:] if len(args) > 1 else None))
                return attribute(*args, **kwargs)
            return _recorded
        return attribute


def start_sync(ctx: AppContext, effects=None, **options: Any) -> SyncService:
    assert ctx.site_key is not None and ctx.site_folder is not None
    service = SyncService(ctx, site_root=ctx.site_folder, site_key=ctx.site_key,
                          effects=effects or RecordingEffects(), **options)
    service.start()
    return service
