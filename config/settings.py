"""Typed, versioned station settings stored as JSON in the config folder.

Files written by an older version are migrated step by step on load; unknown keys are kept
out of the typed object (and reported) so a newer file never crashes an older program.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Callable

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1

LANGUAGES = ("system", "pt_BR", "en")
STATION_KINDS = ("production", "office")


class SettingsError(ValueError):
    """A settings file or value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    version: int = SETTINGS_VERSION
    station_id: str | None = None
    station_kind: str = "production"
    site_folder: str | None = None
    site_id: str | None = None  # set when the PC creates or joins a site
    status_interval_ms: int = 1000
    # None means "decide from the folder": 50 ms on a local folder, 500 ms on a network share.
    rescan_interval_ms: int | None = None
    idle_logout_minutes: int = 15
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    language: str = "system"
    timezone: str = "America/Sao_Paulo"
    register_window: bool = True
    checkpoint_every_events: int = 500
    command_max_skew_s: int = 300  # how far a command's issue time may be in our future
    metrics_port: int | None = None  # Prometheus endpoint on 127.0.0.1, off by default
    # Scheduled local backups (utils/backup): where (None: the data folder's backups/), how
    # often (hours; 0: never by schedule) and how many of this PC's backups are kept there.
    backup_folder: str | None = None
    backup_every_hours: int = 24
    backup_keep: int = 14

    def validate(self) -> "Settings":
        _check_range("status_interval_ms", self.status_interval_ms, 10, 3_600_000)
        if self.rescan_interval_ms is not None:
            _check_range("rescan_interval_ms", self.rescan_interval_ms, 10, 3_600_000)
        _check_range("idle_logout_minutes", self.idle_logout_minutes, 1, 24 * 60)
        _check_range("lockout_threshold", self.lockout_threshold, 1, 100)
        _check_range("lockout_minutes", self.lockout_minutes, 1, 24 * 60)
        _check_range("checkpoint_every_events", self.checkpoint_every_events, 1, 1_000_000)
        _check_range("command_max_skew_s", self.command_max_skew_s, 0, 86_400)
        if self.metrics_port is not None:
            _check_range("metrics_port", self.metrics_port, 1024, 65_535)
        _check_range("backup_every_hours", self.backup_every_hours, 0, 24 * 31)
        _check_range("backup_keep", self.backup_keep, 1, 1000)
        if self.backup_folder is not None and not self.backup_folder.strip():
            raise SettingsError("backup_folder must not be blank (leave it out for the data "
                                "folder's backups/)")
        if self.language not in LANGUAGES:
            raise SettingsError(f"language must be one of {', '.join(LANGUAGES)}, not {self.language!r}")
        if self.station_kind not in STATION_KINDS:
            raise SettingsError(f"station_kind must be one of {', '.join(STATION_KINDS)}")
        if self.station_id is not None and not self.station_id.strip():
            raise SettingsError("station_id must not be blank")
        return self

    def with_changes(self, **changes: Any) -> "Settings":
        return replace(self, **changes).validate()


def _check_range(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, not {value!r}")


def _migrate_0_to_1(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 0: hand-written files without a version and with the old key names."""
    renamed = {"heartbeat_ms": "status_interval_ms", "machine": "station_id",
               "shared_folder": "site_folder", "max_attempts": "lockout_threshold"}
    out = {renamed.get(key, key): value for key, value in raw.items()}
    if isinstance(out.get("station_id"), int):
        out["station_id"] = str(out["station_id"])
    out["version"] = 1
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def migrate_settings(raw: dict[str, Any]) -> dict[str, Any]:
    version = raw.get("version", 0)
    if not isinstance(version, int) or version < 0:
        raise SettingsError(f"settings version {version!r} is not a number this program knows")
    if version > SETTINGS_VERSION:
        raise SettingsError(
            f"the settings file was written by a newer version (format {version}); "
            f"this program reads up to format {SETTINGS_VERSION}: update the program"
        )
    while version < SETTINGS_VERSION:
        raw = MIGRATIONS[version](raw)
        version = raw["version"]
    return raw


def settings_from_dict(raw: dict[str, Any]) -> Settings:
    raw = migrate_settings(dict(raw))
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(raw) - known)
    if unknown:
        log.warning("Ignoring unknown settings keys: %s", ", ".join(unknown))
    try:
        return Settings(**{k: v for k, v in raw.items() if k in known}).validate()
    except TypeError as exc:
        raise SettingsError(str(exc)) from exc


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    return asdict(settings)


def parse_settings_text(text: str, source: str = "settings file") -> tuple[Settings, bool]:
    """Parse a settings file's text; returns the settings and whether it was migrated."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(f"cannot read {source}: {exc}") from exc
    if not isinstance(raw, dict):
        raise SettingsError(f"{source} does not hold a JSON object")
    return settings_from_dict(raw), raw.get("version", 0) != SETTINGS_VERSION
