"""A person's signing key: made for them, sealed under their password, opened at login.

The private half travels only sealed (in the person's directory entry, so any PC of the site
can open it when that person types their password); it is opened in memory at login and kept
in the session until logout, so the person's commands, corrections and changes are signed by
them and by nobody else. A production PC never holds it at rest.
"""

from __future__ import annotations

from typing import Any

from utils.trust import crypto
from utils.trust.crypto import SigningKeyPair, WrongSecret

# Tests lower this (as they lower bcrypt's cost); the cost is recorded in each seal.
SCRYPT_N = crypto.PERSON_SCRYPT_N


def purpose(site_id: str, username: str) -> str:
    return f"shopfloor-person:{site_id}:{username}"


def new_person_key(site_id: str, username: str, password: str) -> tuple[SigningKeyPair, dict[str, Any]]:
    pair = SigningKeyPair.generate()
    return pair, crypto.seal(pair, password, purpose=purpose(site_id, username), scrypt_n=SCRYPT_N)


def reseal(pair: SigningKeyPair, site_id: str, username: str, password: str) -> dict[str, Any]:
    """The same key under a new password (the person changed it)."""
    return crypto.seal(pair, password, purpose=purpose(site_id, username), scrypt_n=SCRYPT_N)


def open_person_key(site_id: str, username: str, sealed: Any, password: str) -> SigningKeyPair | None:
    """The person's key, or None when this password does not open it."""
    if not isinstance(sealed, dict):
        return None
    try:
        return crypto.unseal(sealed, password, purpose=purpose(site_id, username))
    except WrongSecret:
        return None
