"""Signed JSON documents: every file on the share carries `v` and an HMAC `sig`.

`sig` = HMAC-SHA256(site key, canonical JSON of the document without `sig`). Anyone who can
write to the share but lacks the key cannot make a file a station will act on.
"""

from __future__ import annotations

from typing import Any

from models.bounded_json import DEFAULT_LIMITS, JsonLimits, parse_json
from models.canonical import CanonicalJSONError, canonical_bytes
from utils.audit.keys import SigningKey
from utils.site.layout import PROTOCOL_VERSION

SIG = "sig"


def sign_document(document: dict[str, Any], key: SigningKey) -> dict[str, Any]:
    body = {k: v for k, v in document.items() if k != SIG}
    body.setdefault("v", PROTOCOL_VERSION)
    body["key_id"] = key.key_id
    return {**body, SIG: key.sign(body)}


def signature_ok(document: Any, key: SigningKey) -> bool:
    if not isinstance(document, dict) or not isinstance(document.get(SIG), str):
        return False
    body = {k: v for k, v in document.items() if k != SIG}
    try:
        return key.check(body, document[SIG])
    except CanonicalJSONError:
        return False


def document_bytes(document: dict[str, Any]) -> bytes:
    """How a signed document is written: canonical JSON plus a newline (diff-friendly)."""
    return canonical_bytes(document) + b"\n"


def parse_document(data: bytes, limits: JsonLimits = DEFAULT_LIMITS) -> Any:
    """JSON from the share, bounded (models.bounded_json), duplicate keys refused (a second
    `target` must not hide behind the first)."""
    return parse_json(data, limits)
