"""HMAC keys for checkpoints and, later, site files.

Until the PC joins a site, checkpoints are signed with a random key kept in a 0600 file in the
config folder. Each key has an id so a verifier knows which key a signature needs.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from models.canonical import canonical_bytes
from utils.atomic_io import atomic_write_with


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    secret: bytes

    def sign(self, payload: dict) -> str:
        return hmac.new(self.secret, canonical_bytes(payload), hashlib.sha256).hexdigest()

    def mac(self, data: bytes) -> bytes:
        return hmac.digest(self.secret, data, "sha256")

    def check(self, payload: dict, signature: str) -> bool:
        return hmac.compare_digest(self.sign(payload), signature)

    def __repr__(self) -> str:  # never show the secret in logs or tracebacks
        return f"SigningKey(key_id={self.key_id!r})"


def key_id_for(kind: str, secret: bytes) -> str:
    return f"{kind}:{hashlib.sha256(b'shopfloor-key-id' + secret).hexdigest()[:12]}"


def load_or_create_local_key(path: Path) -> SigningKey:
    """The local checkpoint key, created on first use (32 random bytes, file mode 0600)."""
    if path.exists():
        secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_bytes(32)

        def _write(temp: Path) -> None:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secret.hex())


        atomic_write_with(path, _write)
    return SigningKey(key_id_for("local", secret), secret)


class KeyRing:
    """The keys a verifier may check signatures with, by id."""

    def __init__(self, *keys: SigningKey):
        self._keys = {key.key_id: key for key in keys}

    def add(self, key: SigningKey) -> None:
        self._keys[key.key_id] = key

    def get(self, key_id: str) -> SigningKey | None:
        return self._keys.get(key_id)


