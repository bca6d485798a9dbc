"""The one canonical JSON encoding, used for every hash and signature.

Sorted keys, compact separators, UTF-8 (non-ASCII kept as is), no NaN or infinity, floats in
Python's shortest round-trip form, datetimes as ISO-8601 UTC with milliseconds and a `Z`.
Tuples encode as lists. Known-answer tests pin the exact bytes.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from typing import Any


class CanonicalJSONError(ValueError):
    """A value that has no canonical encoding (NaN, infinity, non-string key, unknown type)."""


def format_utc(moment: datetime) -> str:
    """ISO-8601 UTC with milliseconds: 2026-11-22T14:19:00.123Z. Naive datetimes are refused."""
    if moment.tzinfo is None:
        raise CanonicalJSONError("naive datetime has no time zone; use an aware datetime")
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_utc(text: str) -> datetime:
    """Inverse of `format_utc` (also accepts any ISO-8601 string with an offset)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no time zone")
    return moment.astimezone(timezone.utc)


def _normalise(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise CanonicalJSONError(f"{value!r} cannot be encoded canonically")
        return value
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalJSONError(f"object keys must be strings, got {key!r}")
            out[key] = _normalise(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_normalise(item) for item in value]
    raise CanonicalJSONError(f"type {type(value).__name__} has no canonical JSON encoding")


def canonical_json(value: Any) -> str:
    """The canonical text of `value`."""
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        allow_nan=False,
    )


def canonical_bytes(value: Any) -> bytes:
    """The canonical UTF-8 bytes of `value`: what gets hashed and signed."""
    return canonical_json(value).encode("utf-8")
