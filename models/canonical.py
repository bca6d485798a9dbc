"""The one canonical JSON encoding, used for every hash and signature.

Sorted keys, compact separators, UTF-8 (non-ASCII kept as is), no NaN or infinity, floats in
Python's shortest round-trip form, datetimes as ISO-8601 UTC with milliseconds and a `Z`.
Tuples encode as lists. Known-answer tests pin the exact bytes.
"""

from __future__ import annotations

import json
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


def _check_keys(value: Any) -> None:
    """Object keys must be strings (json.dumps would turn 1 into "1"): checked in one walk of
    the containers; everything else is checked by the encoder itself."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise CanonicalJSONError(f"object keys must be strings, got {key!r}")
            if isinstance(item, (dict, list, tuple)):
                _check_keys(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            if isinstance(item, (dict, list, tuple)):
                _check_keys(item)


def _encode_other(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_utc(value)
    raise CanonicalJSONError(f"type {type(value).__name__} has no canonical JSON encoding")


def _encode(value: Any) -> tuple[str, bytes]:
    """The canonical text and its UTF-8 bytes. The C encoder does the work (sorting, floats in
    their shortest form, escapes); NaN, infinity, unknown types, non-string keys and text that
    has no UTF-8 form (a lone surrogate) are refused as CanonicalJSONError."""
    _check_keys(value)
    try:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                          allow_nan=False, default=_encode_other)
    except CanonicalJSONError:
        raise
    except (ValueError, TypeError) as exc:
        raise CanonicalJSONError(f"{exc}") from None
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise CanonicalJSONError(f"text with an unpaired surrogate: {exc}") from None
    return text, data


def canonical_json(value: Any) -> str:
    """The canonical text of `value`."""
    return _encode(value)[0]


def canonical_bytes(value: Any) -> bytes:
    """The canonical UTF-8 bytes of `value`: what gets hashed and signed."""
    return _encode(value)[1]
