"""Building a site on a tmp_path share for tests: an admin PC and production stations."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from config.paths import resolve_paths
from config.settings import Settings
from utils.context import AppContext
from utils.settings_store import save_settings
from utils.site.effects import HeadlessEffects
from utils.site.membership import create_site_membership, join_site_membership
from utils.site.station_sync import SyncService
from tests.waiting import wait_until  # noqa: F401  (re-exported: the site tests import it from here)

PASSPHRASE = "long site passphrase 1"
ADMIN_PW = "Quarry-Lantern-42"


@dataclass
class Site:
    share: Path
    admin: AppContext

    def station(self, tmp_path: Path, station_id: str, *, kind: str = "production",
                **settings: Any) -> AppContext:
        home = tmp_path / f"home-{station_id}"
        paths = resolve_paths(home).ensure()
        base = Settings(status_interval_ms=settings.pop("status_interval_ms", 100),
                        rescan_interval_ms=settings.pop("rescan_interval_ms", 20), **settings)
        save_settings(paths.settings_file, base)
        join_site_membership(paths, base, self.share, PASSPHRASE, station_id=station_id,
                             kind=kind)
        return AppContext.open(home)


def make_site(tmp_path: Path) -> Site:
    share = tmp_path / "share"
    home = tmp_path / "home-admin"
    paths = resolve_paths(home).ensure()
    membership = create_site_membership(paths, Settings(status_interval_ms=100,
                                                        rescan_interval_ms=20), share,
                                        PASSPHRASE, station_id="office1", kind="office")
    admin = AppContext.open(home)
    admin.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW, root=membership.root)
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
    assert ctx.trust is not None and ctx.site_folder is not None
    service = SyncService(ctx,
                          effects=effects or RecordingEffects(), **options)
    service.start()
    return service


def restored_copy(site: "Site", folder: Path, station_id: str, **settings: Any) -> AppContext:
    """A station PC restored from a backup after its original ran on: the original's home is
    copied first, the original syncs (its session on the share) and dies without a clean exit,
    and the copy opens ten minutes later. Its sync waits for a person to confirm a takeover."""
    import shutil
    from datetime import datetime, timedelta, timezone

    from utils.clock import ManualClock

    first = site.station(folder, station_id, **settings)
    backup = folder / f"backup-{station_id}"
    shutil.copytree(folder / f"home-{station_id}", backup)
    original = start_sync(first, watch=False)
    wait_until(lambda: site_layout(site.share).station(station_id).status.exists())
    # It dies: its threads end, no death file, no last export.
    original.scheduler.stop()
    original.scheduler.join()
    original.inbox.stop_workers()
    first.close()
    return AppContext.open(backup, clock=ManualClock(datetime.now(timezone.utc)
                                                      + timedelta(minutes=10)))


# -- helpers for fault tests: commands dropped straight into an inbox, acks read back ---------

OPERATOR_PW = "Initial-Pass-1"


def site_layout(share: Path):
    from utils.site.layout import SiteLayout

    return SiteLayout(Path(share))


def admin_session(site: Site):
    return site.admin.auth.login("ana", ADMIN_PW).session


def add_user(site: Site, username: str, role: Any, password: str = OPERATOR_PW) -> None:
    """Create an account on the admin PC; the admin's directory publishes it to the share."""
    site.admin.auth.create_user(admin_session(site), username, username.title(), role, password,
                                "created by a test")
    PASSWORDS[username] = password


def issue(site: Site, command_type: Any, target: str = "206", params: dict | None = None, *,
          issued_by: str = "ana", role: str = "admin", now: Any = None, ttl: Any = None,
          command_id: str | None = None, key: Any = None) -> dict:
    """A command signed by `issued_by`'s own key (or `key`), as the admin panel writes it."""
    from datetime import datetime, timezone

    from utils.site.commands import DEFAULT_TTL, issue_command

    if key is None:
        key = person_signer(site, issued_by)
    return issue_command(key, command_type, target, params,
                         issued_by=issued_by, role=role, now=now or datetime.now(timezone.utc),
                         ttl=ttl or DEFAULT_TTL, command_id=command_id)


def drop(share: Path, station_id: str, document: dict | bytes, *, name: str | None = None) -> Path:
    """Write a command file straight into a station's inbox (write-once, like the admin)."""
    from utils.atomic_io import atomic_create_bytes
    from utils.site.signed import document_bytes

    inbox = site_layout(share).station(station_id).inbox
    inbox.mkdir(parents=True, exist_ok=True)
    data = document if isinstance(document, bytes) else document_bytes(document)
    if name is None:
        assert isinstance(document, dict)
        name = f"{document['id']}.json"
    path = inbox / name
    atomic_create_bytes(path, data, durable=False)
    return path


def read_ack(share: Path, station_id: str, command_id: str) -> dict | None:
    import json

    path = site_layout(share).station(station_id).acks / f"{command_id}.json"
    try:
        return json.loads(path.read_bytes())
    except (FileNotFoundError, ValueError):
        return None


def wait_ack(share: Path, station_id: str, command_id: str, timeout: float = 10.0) -> dict:
    return wait_until(lambda: read_ack(share, station_id, command_id), timeout)


def command_actions(ctx: AppContext, command_id: str) -> list[str]:
    """The audit actions carrying `command_id`, in chain order."""
    from data import audit_repo

    with ctx.database.read() as connection:
        return [e["action"] for e in audit_repo.list_events(connection, limit=100_000)
                if e["command_id"] == command_id]


def status_seq(share: Path, station_id: str) -> int | None:
    import json

    try:
        return json.loads(site_layout(share).station(station_id).status.read_bytes())["seq"]
    except (FileNotFoundError, ValueError, KeyError):
        return None


def use_fast_kdf(monkeypatch) -> None:
    """New sites seal their root, and accounts their keys, with a cheap scrypt cost (the
    cost is recorded in each seal, so opening them uses the same one): tests build many."""
    import functools

    from utils.site import membership, site_key
    from utils.trust import person_keys

    monkeypatch.setattr(membership, "create_site",
                        functools.partial(site_key.create_site, scrypt_n=2 ** 10))
    monkeypatch.setattr(person_keys, "SCRYPT_N", 2 ** 8)


PASSWORDS: dict[str, str] = {"ana": ADMIN_PW}


def person_signer(site: "Site", username: str):
    """The person's own signing key, opened with their password as a login does."""
    session = site.admin.auth.login(username, PASSWORDS.get(username, OPERATOR_PW)).session
    assert session is not None and session.signer is not None, f"{username} cannot sign"
    return session.signer


# A lock command's trail: received, its change (utils/site/station_state.py), its outcome.
LOCKED = ["command.received", "station.locked", "command.done"]


def wait_actions(ctx: AppContext, command_id: str, expected: list[str],
                 timeout: float = 10.0) -> list[str]:
    """Wait until the audit actions for `command_id` are exactly `expected` (the station writes
    the ack before it commits the outcome's audit event)."""
    try:
        return wait_until(lambda: command_actions(ctx, command_id) == expected, timeout)
    except AssertionError:
        raise AssertionError(f"audit actions {command_actions(ctx, command_id)} != {expected}")


def certified_pc_key(site: "Site", station_id: str, *, kind: str = "production",
                     takeover: bool = False):
    """A new PC key certified for `station_id` by the admin (as a PC that joined would be)."""
    from utils.trust.crypto import SigningKeyPair
    from utils.trust.dirlog import make_op

    pair = SigningKeyPair.generate()
    data = {"station": station_id, "kind": kind, "public_key": pair.public.hex, "host": "fake"}
    if takeover:
        data["takeover"] = True
    trust = site.admin.trust
    trust.directory.append(make_op(trust.person_name("ana"), person_signer(site, "ana"),
                                   trust.site_id, "pc.certify", data, site.admin.clock.now()))
    return pair


def pc_sign(pair, document: dict) -> dict:
    """A document signed by a PC key, as SiteTrust.sign makes it."""
    from utils.site.protocol import PROTOCOL_VERSION

    return pair.sign_document({"v": PROTOCOL_VERSION, **document})


def called_path(path: Any, kwargs: dict) -> str:
    """The full path an os call was made on. The share's seam calls `os.unlink(name,
    dir_fd=fd)` and the like; fault-injecting wrappers compare full paths, so the folder is
    found from its descriptor (Linux: /proc; elsewhere the name alone is compared)."""
    import os

    dir_fd = kwargs.get("dir_fd", kwargs.get("src_dir_fd"))
    if dir_fd is None:
        return os.fspath(path)
    try:
        return os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), os.fspath(path))
    except OSError:
        return os.fspath(path)
