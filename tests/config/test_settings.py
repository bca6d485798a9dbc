"""Settings: defaults, validation, migration of the unversioned format, round trip."""

from __future__ import annotations

import json

import pytest

from config.paths import resolve_paths
from config.settings import SETTINGS_VERSION, Settings, SettingsError, settings_from_dict
from utils.settings_store import load_settings, save_settings


def test_defaults_when_no_file(tmp_path):
    settings = load_settings(tmp_path / "settings.json")
    assert settings == Settings()
    assert settings.status_interval_ms == 1000 and settings.rescan_interval_ms is None


def test_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    wanted = Settings().with_changes(station_id="203", status_interval_ms=10, language="pt_BR")
    save_settings(path, wanted)
    assert load_settings(path) == wanted


def test_version_0_file_is_migrated_and_rewritten(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"machine": 205, "heartbeat_ms": 250, "shared_folder": "/mnt/s",
                                "max_attempts": 3}), encoding="utf-8")
    settings = load_settings(path)
    assert (settings.station_id, settings.status_interval_ms, settings.site_folder,
            settings.lockout_threshold) == ("205", 250, "/mnt/s", 3)
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION


@pytest.mark.parametrize("changes", [
    {"status_interval_ms": 5}, {"status_interval_ms": "1000"}, {"rescan_interval_ms": 0},
    {"language": "klingon"}, {"lockout_threshold": 0}, {"station_kind": "robot"},
    {"station_id": "  "},
])
def test_invalid_values_are_refused_with_the_field_named(changes):
    with pytest.raises(SettingsError) as error:
        Settings().with_changes(**changes)
    assert next(iter(changes)) in str(error.value)


def test_newer_format_is_refused():
    with pytest.raises(SettingsError, match="newer version"):
        settings_from_dict({"version": SETTINGS_VERSION + 1})


def test_unreadable_file_is_reported(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(path)


def test_home_puts_everything_under_one_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOPFLOOR_HOME", raising=False)
    paths = resolve_paths(tmp_path)
    assert all(str(p).startswith(str(tmp_path)) for p in
               (paths.settings_file, paths.database_file, paths.log_file, paths.local_key_file))
    monkeypatch.setenv("SHOPFLOOR_HOME", str(tmp_path / "h"))
    assert resolve_paths().data_dir == (tmp_path / "h" / "data").resolve()
