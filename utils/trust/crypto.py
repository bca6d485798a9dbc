"""Ed25519 keys and password-sealed private keys: the primitives of the site's trust.

Every signature is Ed25519 over the canonical JSON of a document without its `sig` field, so
a signature binds to exactly the content shown (Part 11 §11.70 for a person's signature).
A key's id is derived from its public half, so a document names the key that signed it and a
verifier looks that key up in what it already trusts; it never takes a key from the document.

Private keys at rest are either a 0600 file / the OS keyring (a PC's own key) or *sealed*:
encrypted with ChaCha20-Poly1305 under a key derived with scrypt from a passphrase (the site
root) or a password (a person). The sealed blob names what it is for (`purpose`), and that
text is the cipher's associated data, so a blob moved to another account or role does not
open.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any, Mapping

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.serialization import (
    Encoding, NoEncryption, PrivateFormat, PublicFormat,
)

from models.canonical import CanonicalJSONError, canonical_bytes

SIG = "sig"
KEY_ID_PREFIX = "ed25519:"
# scrypt cost of a seal: about 50 ms and 16 MiB for a person's key (paid at each login and
# signature), more for the site root (paid only when a PC joins or an admin upgrades the site).
PERSON_SCRYPT_N = 2 ** 14
ROOT_SCRYPT_N = 2 ** 16
SCRYPT_R, SCRYPT_P = 8, 1
_MAX_SCRYPT_N = 2 ** 20  # a sealed blob from the share must not make us spend a gigabyte


class WrongSecret(ValueError):
    """The password or passphrase does not open this sealed key (or the blob was altered)."""


def key_id_of(public_raw: bytes) -> str:
    return KEY_ID_PREFIX + hashlib.sha256(b"shopfloor-ed25519" + public_raw).hexdigest()[:24]


@dataclass(frozen=True)
class PublicKey:
    """A trusted public key (from the pinned root or a verified directory entry)."""

    raw: bytes
    _loaded: Ed25519PublicKey | None = field(default=None, compare=False, repr=False)

    def _key(self) -> Ed25519PublicKey:
        # Loading the point costs more than a verify: keep it (the dataclass is frozen).
        if self._loaded is None:
            object.__setattr__(self, "_loaded", Ed25519PublicKey.from_public_bytes(self.raw))
        assert self._loaded is not None
        return self._loaded

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    @property
    def hex(self) -> str:
        return self.raw.hex()

    @classmethod
    def from_hex(cls, text: Any) -> "PublicKey":
        if not isinstance(text, str) or len(text) != 64:
            raise ValueError("a public key is 64 hex digits")
        return cls(bytes.fromhex(text))

    def verify(self, payload: Mapping[str, Any], signature: Any) -> bool:
        """True when `signature` (hex) is this key's over the canonical JSON of `payload`."""
        if not isinstance(signature, str) or len(signature) != 128:
            return False
        try:
            data = canonical_bytes(dict(payload))
            self._key().verify(bytes.fromhex(signature), data)
        except (InvalidSignature, ValueError, CanonicalJSONError):
            return False
        return True

    # The verifier interface signed.py's `signature_ok` uses (as the old HMAC key had).
    def check(self, payload: Mapping[str, Any], signature: Any) -> bool:
        return self.verify(payload, signature)

    def verify_document(self, document: Any) -> bool:
        """A signed document: `key_id` must name this key and `sig` must verify over the rest."""
        if not isinstance(document, dict) or document.get("key_id") != self.key_id:
            return False
        body = {k: v for k, v in document.items() if k != SIG}
        return self.verify(body, document.get(SIG))


class SigningKeyPair:
    """A private Ed25519 key in memory. Never logged, never written except sealed or 0600."""

    def __init__(self, private: Ed25519PrivateKey):
        self._private = private
        self.public = PublicKey(private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    @classmethod
    def generate(cls) -> "SigningKeyPair":
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_raw(cls, raw: bytes) -> "SigningKeyPair":
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def private_raw(self) -> bytes:
        return self._private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())

    def sign(self, payload: Mapping[str, Any]) -> str:
        return self._private.sign(canonical_bytes(dict(payload))).hex()

    def sign_document(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The document with `key_id` set to this key and `sig` over everything else."""
        body = {k: v for k, v in document.items() if k != SIG}
        body["key_id"] = self.key_id
        return {**body, SIG: self.sign(body)}

    def __repr__(self) -> str:  # never the private half
        return f"SigningKeyPair(key_id={self.key_id!r})"


# -- sealed private keys -----------------------------------------------------------------------

def _derive(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=32)


def seal(pair: SigningKeyPair, secret: str, *, purpose: str,
         scrypt_n: int = PERSON_SCRYPT_N) -> dict[str, Any]:
    """The private key encrypted under `secret`; `purpose` (e.g. "person:site:ana") is bound."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key = _derive(secret, salt, scrypt_n, SCRYPT_R, SCRYPT_P)
    box = ChaCha20Poly1305(key).encrypt(nonce, pair.private_raw(), purpose.encode("utf-8"))
    return {"alg": "scrypt+chacha20poly1305", "purpose": purpose, "n": scrypt_n, "r": SCRYPT_R,
            "p": SCRYPT_P, "salt": salt.hex(), "nonce": nonce.hex(), "box": box.hex(),
            "public_key": pair.public.hex}


def unseal(blob: Any, secret: str, *, purpose: str) -> SigningKeyPair:
    """Open a sealed key; WrongSecret when the secret is wrong or the blob is not this one."""
    try:
        if not isinstance(blob, dict) or blob.get("alg") != "scrypt+chacha20poly1305":
            raise ValueError("not a sealed key")
        if blob.get("purpose") != purpose:
            raise ValueError("sealed for another purpose")
        n, r, p = int(blob["n"]), int(blob["r"]), int(blob["p"])
        if not (2 <= n <= _MAX_SCRYPT_N and n & (n - 1) == 0 and 1 <= r <= 16 and 1 <= p <= 4):
            raise ValueError("unacceptable key-derivation cost")
        key = _derive(secret, bytes.fromhex(blob["salt"]), n, r, p)
        raw = ChaCha20Poly1305(key).decrypt(bytes.fromhex(blob["nonce"]),
                                            bytes.fromhex(blob["box"]), purpose.encode("utf-8"))
        pair = SigningKeyPair.from_raw(raw)
    except InvalidTag:
        raise WrongSecret("wrong password or passphrase") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise WrongSecret(f"the sealed key cannot be opened: {exc}") from None
    if not hmac.compare_digest(pair.public.hex, str(blob.get("public_key", ""))):
        raise WrongSecret("the sealed key does not match its public key")
    return pair
