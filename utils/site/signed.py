"""Signed JSON documents: every file on the share carries `v` and an HMAC `sig`.

`sig` = HMAC-SHA256(site key, canonical JSON of the document without `sig`). Anyone who can
write to the share but lacks the key cannot make a file a station will act on.
"""

from __future__ import annotations

import json
from typing import Any

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


def parse_document(data: bytes) -> Any:
    """JSON with duplicate keys refused (a second `target` must not hide behind the first)."""

    def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"duplicate key {key!r}")
            result[key] = value
        return result

    return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates,
                      parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")
