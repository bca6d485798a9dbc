"""This PC's own settings as an admin changes them later: shared folder, station id and kind,
language, status and rescan intervals, the register window, and starting at login.

The permission is checked here (Permission.SETTINGS_MANAGE), not only by the menu; a refusal is
audited. A change is one audit event, "pc_settings.change", with the changed values before and
after, written in the same transaction that saves the settings file (if the file cannot be
saved, nothing is audited). The shared folder may only be pointed at the same site (a share
moved to another server or drive letter): another site needs the site passphrase, which is
the first-run wizard's job. Folder, station, language and intervals take effect at the next
start; the register window and autostart at once.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from config.constants import Permission
from config.settings import STATION_KINDS, Settings, SettingsError
from utils.autostart import Autostart, AutostartError
from utils.setup_checks import SetupError, check_folder, write_probe
from utils.changes import Topic
from utils.permissions import require
from utils.settings_store import save_settings
from utils.site.protocol import valid_station_id
from utils.site.site_key import SiteError, read_site

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

AUDIT_ACTION = "pc_settings.change"
# What the running app only picks up when it starts again.
RESTART_FIELDS = ("site_folder", "station_id", "station_kind", "language", "status_interval_ms",
                  "rescan_interval_ms")


class PcSettingsError(SetupError):
    """A refused change; nothing was saved. Folder problems carry the first-run wizard's
    codes (the same translated messages); `field` names the input to correct."""


@dataclass(frozen=True)
class PcSettings:
    """The values the "This PC's settings" dialog edits."""

    site_folder: str | None
    station_id: str | None
    station_kind: str
    language: str
    status_interval_ms: int
    rescan_interval_ms: int | None  # None: decided by the folder (local or network)
    register_window: bool
    autostart: bool

    @classmethod
    def of(cls, settings: Settings, autostart: bool) -> "PcSettings":
        return cls(settings.site_folder, settings.station_id, settings.station_kind,
                   settings.language, settings.status_interval_ms, settings.rescan_interval_ms,
                   settings.register_window, autostart)


@dataclass(frozen=True)
class PcSettingsChange:
    before: dict[str, Any]
    after: dict[str, Any]
    restart_needed: tuple[str, ...]

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(self.after)


def read_pc_settings(ctx: "AppContext", autostart: Autostart | None = None) -> PcSettings:
    return PcSettings.of(ctx.settings, (autostart or Autostart()).is_enabled())


def change_pc_settings(ctx: "AppContext", session, wanted: PcSettings, *,
                       autostart: Autostart | None = None,
                       probe: Callable[[Path], None] = write_probe) -> PcSettingsChange:
    """Check and keep `wanted`; returns what changed. May block on the shared folder (the
    folder check): call it off the GUI thread."""
    require(session, Permission.SETTINGS_MANAGE, ctx.changes, target="pc settings")
    switch = autostart or Autostart()
    current = read_pc_settings(ctx, switch)
    wanted = _normalised(wanted)
    changed = [f.name for f in fields(PcSettings)
               if getattr(current, f.name) != getattr(wanted, f.name)]
    if not changed:
        return PcSettingsChange({}, {}, ())
    if "site_folder" in changed:
        wanted = _check_site_folder(ctx, wanted, probe)
    if "station_id" in changed or "station_kind" in changed:
        _check_station(ctx, wanted)
    setting_changes = {name: getattr(wanted, name) for name in changed if name != "autostart"}
    try:
        new_settings = ctx.settings.with_changes(**setting_changes)
    except SettingsError as exc:
        raise PcSettingsError("invalid", str(exc), detail=str(exc)) from exc
    before = {name: getattr(current, name) for name in changed}
    after = {name: getattr(wanted, name) for name in changed}
    old_settings = ctx.settings
    with ctx.changes.begin(session.actor, Topic.SETTINGS) as tx:
        tx.audit(AUDIT_ACTION, entity="pc",
                 entity_id=ctx.station_id, before=before, after=after)
        # Inside the transaction: a settings file that cannot be written leaves no audit event.
        if setting_changes:
            save_settings(ctx.paths.settings_file, new_settings)
        if "autostart" in changed:
            try:
                switch.set_enabled(wanted.autostart)
            except AutostartError as exc:
                if setting_changes:
                    save_settings(ctx.paths.settings_file, old_settings)
                raise PcSettingsError("autostart_failed", str(exc), field="autostart",
                                      detail=str(exc)) from exc
    # The live settings follow the file, so nothing later saves the old values back.
    ctx.settings_holder.replace(new_settings)
    log.info("This PC's settings changed by %s: %s", session.username, ", ".join(changed))
    return PcSettingsChange(before, after,
                            tuple(name for name in changed if name in RESTART_FIELDS))


def _normalised(wanted: PcSettings) -> PcSettings:
    values = asdict(wanted)
    folder = (values["site_folder"] or "").strip()
    values["site_folder"] = folder or None
    station = (values["station_id"] or "").strip()
    values["station_id"] = station or None
    return PcSettings(**values)


def _check_site_folder(ctx: "AppContext", wanted: PcSettings,
                       probe: Callable[[Path], None]) -> PcSettings:
    if not ctx.settings.site_id:
        raise PcSettingsError("not_member", "this PC is not in a site: the first-run set-up "
                              "(or shopfloor site join) chooses its folder", field="site_folder")
    if wanted.site_folder is None:
        raise PcSettingsError("folder_required", "choose the shared folder", field="site_folder")
    try:
        folder = check_folder(wanted.site_folder, "join", probe=probe)
        site_id = read_site(folder).site_id
    except SetupError as exc:
        raise PcSettingsError(exc.code, str(exc), field="site_folder", **exc.params) from exc
    except SiteError as exc:
        raise PcSettingsError(exc.code, str(exc), field="site_folder",
                              folder=wanted.site_folder) from exc
    if site_id != ctx.settings.site_id:
        raise PcSettingsError("other_site", f"{folder} holds another site ({site_id}), not "
                              f"this PC's site ({ctx.settings.site_id})", field="site_folder",
                              folder=str(folder))
    return PcSettings(**{**asdict(wanted), "site_folder": str(folder.resolve())})


def _check_station(ctx: "AppContext", wanted: PcSettings) -> None:
    station_id, kind = wanted.station_id, wanted.station_kind
    if kind not in STATION_KINDS:
        raise PcSettingsError("bad_kind", f"unknown station kind {kind!r}", field="station")
    if station_id is None or not valid_station_id(station_id):
        raise PcSettingsError("bad_station_id", "a station id is 1 to 64 letters, digits, '.', "
                              "'_' or '-'", field="station")
    if kind == "production" and ctx.catalog.machine(station_id) is None:
        raise PcSettingsError("unknown_machine", f"station {station_id} is not in the machine "
                              "table", field="station", station=station_id)
    if ctx.settings.site_id and (station_id != ctx.station_id
                                 or kind != ctx.settings.station_kind):
        # In a site, a PC's key is certified for one station id and kind when it joins:
        # another id is another certificate, given only with the site passphrase.
        raise PcSettingsError("rejoin_needed", "in a site, this PC's station id and kind are "
                              "certified when it joins; to change them, join the site again "
                              "with the passphrase (shopfloor site join --station ID "
                              "--take-over REASON if the id belongs to another PC)",
                              field="station", station=station_id)
