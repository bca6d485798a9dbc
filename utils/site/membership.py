"""Making this PC a member of a site: create one, or join one (CLI and first-run wizard)."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from config.paths import AppPaths
from config.settings import Settings
from data.netfs import network_filesystem_reason
from utils.clock import Clock, SystemClock
from utils.settings_store import save_settings
from utils.site.keystore import store_site_key
from utils.site.layout import SiteLayout, valid_station_id
from utils.site.share_files import ReadState, read_json_file
from utils.site.site_key import SiteError, SiteInfo, create_site, join_site

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Membership:
    info: SiteInfo
    settings: Settings
    key_location: str
    folder_note: str | None  # e.g. "this is a network share": for the person's information


def _check_station(station_id: str, kind: str) -> None:
    if kind not in ("production", "office"):
        raise SiteError("bad_kind", "a PC joins as a production station or an office PC")
    if not valid_station_id(station_id):
        raise SiteError("bad_station_id", "a station id is 1 to 64 letters, digits, '.', '_' "
                        "or '-', starting with a letter or digit")


def station_in_use(folder: Path, station_id: str, *, now: float | None = None) -> bool:
    """True when a live station already publishes under this id (fresh status, no death file
    for its session)."""
    layout = SiteLayout(Path(folder))
    station = layout.station(station_id)
    status = read_json_file(station.status, max_bytes=256 * 1024, share=layout.fs)
    if status.state != ReadState.OK or not isinstance(status.document, dict):
        return False
    interval_s = max((status.document.get("interval_ms") or 1000) / 1000, 1.0)
    age = (now or time.time()) - status.stat.st_mtime
    if age > 3 * interval_s + 2:
        return False
    death = read_json_file(station.death, max_bytes=16 * 1024, share=layout.fs)
    return not (death.state == ReadState.OK and isinstance(death.document, dict)
                and death.document.get("session_id") == status.document.get("session_id"))


def _remember(paths: AppPaths, settings: Settings, info: SiteInfo, key, folder: Path,
              station_id: str, kind: str) -> Membership:
    location = store_site_key(paths.config_dir, info.site_id, key)
    new_settings = settings.with_changes(site_folder=str(Path(folder).resolve()),
                                         site_id=info.site_id, station_id=station_id,
                                         station_kind=kind)
    save_settings(paths.settings_file, new_settings)
    note = network_filesystem_reason(Path(folder))
    return Membership(info, new_settings, location, note)


def create_site_membership(paths: AppPaths, settings: Settings, folder: Path, passphrase: str, *,
                           station_id: str, kind: str = "production", name: str = "",
                           clock: Clock | None = None) -> Membership:
    """Create the site on `folder` and make this PC its first member."""
    _check_station(station_id, kind)
    if settings.site_id:
        raise SiteError("already_member", "this PC already belongs to a site")
    clock = clock or SystemClock()
    info, key = create_site(Path(folder), passphrase, name=name, now=clock.now())
    return _remember(paths, settings, info, key, Path(folder), station_id, kind)


def join_site_membership(paths: AppPaths, settings: Settings, folder: Path, passphrase: str, *,
                         station_id: str, kind: str = "production") -> Membership:
    _check_station(station_id, kind)
    if settings.site_id:
        raise SiteError("already_member", "this PC already belongs to a site")
    info, key = join_site(Path(folder), passphrase)
    if station_in_use(Path(folder), station_id):
        raise SiteError("station_in_use", f"station id {station_id} is in use by a running "
                        "PC; choose another id, or stop that PC first")
    return _remember(paths, settings, info, key, Path(folder), station_id, kind)
