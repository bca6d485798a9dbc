"""Reading and writing the settings file (migrating older formats on the way in)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from config.settings import Settings, SettingsError, parse_settings_text, settings_to_dict
from utils.atomic_io import atomic_write_text

log = logging.getLogger(__name__)


def load_settings(path: Path) -> Settings:
    """Settings from `path`, or the embedded defaults when there is no file yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
    settings, migrated = parse_settings_text(text, f"settings file {path}")
    if migrated:
        try:
            # The old file is kept beside the new one, so a downgrade or a question about what
            # the upgrade changed can be answered from the original.
            backup = path.with_name(f"{path.name}.before-format-{settings.version}")
            if not backup.exists():
                atomic_write_text(backup, text)
            save_settings(path, settings)
        except OSError as exc:
            # The file was read: one that cannot be rewritten (read-only, deployed by IT) must
            # not stop the station after an upgrade. It is migrated again at each start.
            log.warning("Settings file %s is in an older format and could not be rewritten "
                        "(%s); it is migrated in memory at each start", path, exc)
        else:
            log.info("Settings file %s migrated to format %d", path, settings.version)
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(settings_to_dict(settings.validate()), indent=2,
                                       sort_keys=True) + "\n")
