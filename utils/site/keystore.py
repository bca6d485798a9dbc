"""Keeping the site key on this PC: the OS keyring when one is usable, else a 0600 file.

Never on the share. `SHOPFLOOR_KEYRING=off` forces the file (tests, portable installs).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from utils.atomic_io import atomic_write_with
from utils.audit.keys import SigningKey, key_id_for

log = logging.getLogger(__name__)

SERVICE = "ShopfloorCollector"
KEYRING_ENV = "SHOPFLOOR_KEYRING"


def _usable_keyring():
    if os.environ.get(KEYRING_ENV, "").lower() in ("off", "0", "no", "file"):
        return None
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
            return None
        return keyring
    except Exception as exc:  # any backend trouble means: use the file
        log.info("OS keyring not usable (%s); the site key goes to a protected file", type(exc).__name__)
        return None


def key_file(config_dir: Path, site_id: str) -> Path:
    return Path(config_dir) / f"site-{site_id}.key"


def store_site_key(config_dir: Path, site_id: str, key: SigningKey) -> str:
    """Keep the key; returns where ('keyring' or the file path) for the person's information."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, f"site-{site_id}", key.secret.hex())
            return "keyring"
        except Exception as exc:
            log.warning("Could not store the site key in the OS keyring (%s); using a file",
                        type(exc).__name__)
    path = key_file(config_dir, site_id)
    path.parent.mkdir(parents=True, exist_ok=True)

    def _write(temp: Path) -> None:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.secret.hex())

    atomic_write_with(path, _write)
    return str(path)


def load_site_key(config_dir: Path, site_id: str) -> SigningKey | None:
    secret_hex: str | None = None
    backend = _usable_keyring()
    if backend is not None:
        try:
            secret_hex = backend.get_password(SERVICE, f"site-{site_id}")
        except Exception as exc:
            log.warning("Could not read the OS keyring (%s)", type(exc).__name__)
    if secret_hex is None:
        path = key_file(config_dir, site_id)
        try:
            secret_hex = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
    secret = bytes.fromhex(secret_hex)
    return SigningKey(key_id_for("site", secret), secret)
