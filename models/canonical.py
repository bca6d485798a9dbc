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
    # Built by hand: strftime's %Y is not zero-padded below year 1000 on every platform.
    return (f"{utc.year:04d}-{utc.month:02d}-{utc.day:02d}T{utc.hour:02d}:{utc.minute:02d}:"
            f"{utc.second:02d}.{utc.microsecond // 1000:03d}Z")


def parse_utc(text: str) -> datetime:
    """Inverse of `format_utc` (also accepts any ISO-8601 string with an offset)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp {text!r} has no time zone")
    return moment.astimezone(timezone.utc)


def _check_text(text: str) -> str:
    # A lone surrogate (e.g. "\ud800" arriving through json.loads) has no UTF-8 encoding.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalJSONError(f"text with an unpaired surrogate: {exc}") from None
    return text


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return _check_text(value)
    if value is None or isinstance(value, (bool, int)):
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
            out[_check_text(key)] = _normalise(item)
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
