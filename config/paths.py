"""Every file location the application uses, computed in one place.

`SHOPFLOOR_HOME` (or the `--home DIR` option, which sets it) puts configuration, data, logs
and the autostart entry under one folder, and nothing of the program is written outside it:
tests, trials and portable installs use it. Otherwise the platform's own directories are used
(platformdirs), and autostart goes where the system reads it (utils/autostart.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "ShopfloorCollector"
APP_AUTHOR = "Shopfloor"
HOME_ENV = "SHOPFLOOR_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one installation."""

    config_dir: Path
    data_dir: Path
    log_dir: Path
    # Where "start automatically" writes its entry when the home is isolated; None: the
    # system's own place (the XDG autostart folder, the Windows Run key).
    autostart_dir: Path | None = None

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def database_file(self) -> Path:
        return self.data_dir / "shopfloor.sqlite3"

    @property
    def site_view_file(self) -> Path:
        """The site view: every station's journal read into a database of its own, rebuilt
        from the journals when needed (never on the share)."""
        return self.data_dir / "site-view.sqlite3"

    @property
    def local_key_file(self) -> Path:
        """HMAC key for audit checkpoints until the site key exists (0600)."""
        return self.config_dir / "local-audit.key"

    @property
    def checkpoint_file(self) -> Path:
        """Latest signed checkpoint, kept outside the database so a restored copy is caught."""
        return self.data_dir / "audit-checkpoint.json"

    @property
    def default_backup_dir(self) -> Path:
        """Where backups go until an admin chooses a folder (settings.backup_folder)."""
        return self.data_dir / "backups"

    @property
    def set_aside_dir(self) -> Path:
        """Where a restore keeps the database (and witness) it replaced."""
        return self.data_dir / "set-aside"

    @property
    def database_users_dir(self) -> Path:
        """A lock file per process that has the database open (utils/backup/database_users.py)."""
        return self.data_dir / "in-use"

    @property
    def in_use_lock_file(self) -> Path:
        """Held while the app or the agent runs: a restore waits for neither (utils/backup)."""
        return self.data_dir / "in-use.lock"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "shopfloor.log"

    def ensure(self) -> "AppPaths":
        for folder in (self.config_dir, self.data_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_paths(home: str | os.PathLike[str] | None = None) -> AppPaths:
    """Locations for `home` if given, else `$SHOPFLOOR_HOME`, else the platform defaults."""
    chosen = home if home is not None else os.environ.get(HOME_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(config_dir=root / "config", data_dir=root / "data", log_dir=root / "logs",
                        autostart_dir=root / "autostart")
    return AppPaths(
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def demo_root() -> Path:
    """Where `shopfloor demo` keeps its plant: a home of its own, never the installation's
    (under `SHOPFLOOR_HOME` when that is set, for portable and test use)."""
    chosen = os.environ.get(HOME_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve() / "demo"
    return Path(platformdirs.user_data_dir(APP_NAME + "-demo", APP_AUTHOR))
