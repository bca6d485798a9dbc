"""Checking the seal lines of station journals: one small interface, so the site key today and
per-PC certificates tomorrow plug into the same ingest and verify path.

A seal check is a callable `seal_ok(station_id, seal_document) -> str | None`: None means the
seal verifies for that station; a text says why not. A refusal because the station is not (or
no longer) a member of the site is returned as a `NotMember` text, so readers can tell "not a
member" apart from "intact" and from "broken" (a forged or altered journal).
"""

from __future__ import annotations

from typing import Any, Callable

from models.canonical import CanonicalJSONError
from utils.audit.keys import KeyRing

SealCheck = Callable[[str, dict[str, Any]], "str | None"]


class NotMember(str):
    """A seal refusal meaning: this station is not a member of the site (never joined, or its
    membership was revoked). Distinct from a seal that does not verify."""


def site_key_seal_check(keyring: KeyRing) -> SealCheck:
    """Today's seals: HMAC-SHA256 with the site key (any key of `keyring`, by key id)."""

    def seal_ok(station_id: str, seal: dict[str, Any]) -> str | None:
        signature = seal.get("sig")
        if not isinstance(signature, str):
            return "the seal carries no signature"
        key = keyring.get(str(seal.get("key_id")))
        if key is None:
            return f"the seal is signed with a key this PC does not know ({seal.get('key_id')})"
        payload = {name: value for name, value in seal.items() if name != "sig"}
        try:
            if key.check(payload, signature):
                return None
        except CanonicalJSONError:
            pass
        return "the seal's signature does not verify with the site key"

    return seal_ok
