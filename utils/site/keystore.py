"""Keeping this PC's own private key: the OS keyring when one is usable, else a 0600 file.

Each PC has its own Ed25519 key, made when it joins a site and certified by the site's root
(utils/trust). It signs only what this PC itself says: its status, acks, journal seals and
failed-login records. Never on the share. `SHOPFLOOR_KEYRING=off` forces the file (tests,
portable installs).

Beside it, the *membership file* (`site-<id>.member.json`, not secret) pins what this PC was
given when it joined: the site's root public key, its station id and kind, its key's id.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from utils.atomic_io import atomic_write_text, atomic_write_with
from utils.audit.keys import SigningKey, key_id_for
from utils.trust.crypto import PublicKey, SigningKeyPair

log = logging.getLogger(__name__)

SERVICE = "ShopfloorCollector"
KEYRING_ENV = "SHOPFLOOR_KEYRING"


def _usable_keyring():
    if os.environ.get(KEYRING_ENV, "").lower() in ("off", "0", "no", "file"):
        return None
    try:
        # Here, not at the top: a missing or broken keyring package (or backend) means "use
        # the file", which an import at the top could not say.
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) < 1:
            return None
        return keyring
    except Exception as exc:  # any backend trouble means: use the file
        log.info("OS keyring not usable (%s); this PC's key goes to a protected file",
                 type(exc).__name__)
        return None


def key_file(config_dir: Path, site_id: str) -> Path:
    return Path(config_dir) / f"pc-{site_id}.key"


def _entry(site_id: str) -> str:
    return f"pc-{site_id}"


def store_pc_key(config_dir: Path, site_id: str, pair: SigningKeyPair) -> str:
    """Keep the key; returns where ('keyring' or the file path) for the person's information."""
    secret = pair.private_raw().hex()
    backend = _usable_keyring()
    if backend is not None:
        try:
            backend.set_password(SERVICE, _entry(site_id), secret)
            return "keyring"
        except Exception as exc:
            log.warning("Could not store this PC's key in the OS keyring (%s); using a file",
                        type(exc).__name__)
    path = key_file(config_dir, site_id)
    write_secret_file(path, secret)
    return str(path)


def write_secret_file(path: Path, secret: str) -> None:
    """A secret in a file only its owner reads (0600 from its creation), replaced whole."""
    path.parent.mkdir(parents=True, exist_ok=True)

    def _write(temp: Path) -> None:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secret)

    atomic_write_with(path, _write)


def _read_secret(entry: str, fallback: Path) -> str | None:
    """A secret's hex text: from the OS keyring's `entry` where there is one, else from the
    0600 file `fallback`; None when neither holds it."""
    backend = _usable_keyring()
    if backend is not None:
        try:
            secret_hex = backend.get_password(SERVICE, entry)
        except Exception as exc:
            log.warning("Could not read the OS keyring (%s)", type(exc).__name__)
        else:
            if secret_hex is not None:
                return secret_hex
    try:
        return fallback.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None


def load_pc_key(config_dir: Path, site_id: str) -> SigningKeyPair | None:
    secret_hex = _read_secret(_entry(site_id), key_file(config_dir, site_id))
    if secret_hex is None:
        return None
    try:
        return SigningKeyPair.from_raw(bytes.fromhex(secret_hex))
    except ValueError:
        log.error("This PC's key for site %s is damaged; join the site again", site_id)
        return None


@dataclass(frozen=True)
class MemberFile:
    site_id: str
    root_public_key: str
    station_id: str
    kind: str
    pc_key_id: str

    @property
    def root(self) -> PublicKey:
        return PublicKey.from_hex(self.root_public_key)


def member_file(config_dir: Path, site_id: str) -> Path:
    return Path(config_dir) / f"site-{site_id}.member.json"


def write_member_file(config_dir: Path, member: MemberFile) -> None:
    atomic_write_text(member_file(config_dir, member.site_id),
                      json.dumps({"v": 1, **asdict(member)}, indent=1, sort_keys=True))


def read_member_file(config_dir: Path, site_id: str) -> MemberFile | None:
    try:
        raw: Any = json.loads(member_file(config_dir, site_id).read_text(encoding="utf-8"))
        return MemberFile(str(raw["site_id"]), str(raw["root_public_key"]),
                          str(raw["station_id"]), str(raw["kind"]), str(raw["pc_key_id"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.error("This PC's membership file for site %s is unreadable (%s); join again",
                  site_id, exc)
        return None


# -- protocol 1 ----------------------------------------------------------------------------------

def legacy_key_file(config_dir: Path, site_id: str) -> Path:
    return Path(config_dir) / f"site-{site_id}.key"


def load_legacy_site_key(config_dir: Path, site_id: str) -> SigningKey | None:
    """The shared site key of a protocol-1 site, where this PC still has it: used only to
    verify the audit MACs made with it before the upgrade, and to upgrade the site."""
    secret_hex = _read_secret(f"site-{site_id}", legacy_key_file(config_dir, site_id))
    if secret_hex is None:
        return None
    try:
        secret = bytes.fromhex(secret_hex)
    except ValueError:
        return None
    return SigningKey(key_id_for("site", secret), secret)
