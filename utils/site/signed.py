"""Signed JSON documents: every file on the share carries `v`, `key_id` and `sig`.

`sig` is the signer's signature over the canonical JSON of the document without `sig`: a PC's
or a person's Ed25519 key (utils/trust/crypto.py) since keys by role; protocol 1's shared
HMAC-SHA256 site key only for files of a site not yet upgraded. Whoever checks a document
decides which key may have signed it (utils/trust/site_trust.py); anyone who can write to the
share but lacks that key cannot make a file a PC will act on.
"""

from __future__ import annotations

from typing import Any

from models.bounded_json import DEFAULT_LIMITS, JsonLimits, parse_json
from models.canonical import CanonicalJSONError, canonical_bytes
from utils.audit.keys import SigningKey
from utils.site.protocol import PROTOCOL_VERSION

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
