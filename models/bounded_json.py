"""The one JSON reader for anything that comes from the shared folder: bounded in every way.

Anyone may write anything on the share, so a parse must never raise RecursionError, never take
more than linear time and never build more than a bounded amount of memory. The limits: size,
nesting depth, members per object and items per array, the length of one string, the number
of values in the whole document; duplicate keys, NaN, Infinity, numbers that overflow to an
infinity and integers longer than any genuine one are refused too.

Depth and counts are checked BEFORE `json.loads` runs: first a count of brackets, commas and
colons anywhere in the text (C speed; it can only over-count, so a small document passes at
once), and only when that count exceeds a limit, a scan that skips strings and tracks the real
nesting. Both are linear. Every refusal is a `JsonLimitError` or another `ValueError`, the
same family a malformed file raises, so callers handle one kind of error. Pure: no I/O.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, replace
from typing import Any

MAX_DEPTH = 64
MAX_ITEMS = 10_000
MAX_STRING = 1024 * 1024
MAX_VALUES = 200_000
MAX_INT_DIGITS = 640  # far beyond any number we write, where Python's own digit limit is off
# (int() of a long digit string is quadratic)


@dataclass(frozen=True)
class JsonLimits:
    """The bounds of one kind of file. `max_items` counts the members of one object or the
    items of one array; `max_values` every key and value in the document; `max_string` the
    bytes of one string as written (escapes included)."""

    max_bytes: int
    max_depth: int = MAX_DEPTH
    max_items: int = MAX_ITEMS
    max_string: int = MAX_STRING
    max_values: int = MAX_VALUES

    def with_bytes(self, max_bytes: int) -> "JsonLimits":
        return replace(self, max_bytes=max_bytes)


DEFAULT_LIMITS = JsonLimits(max_bytes=1024 * 1024)


class JsonLimitError(ValueError):
    """The document is larger, deeper or wider than its kind allows: refused unread."""


# A whole string (escapes included, so an escaped quote does not end it), or one structural
# character, or a quote that starts a string which never ends. The string pattern is the
# unrolled form: linear, no nested backtracking.
_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[][{},:]|"', re.DOTALL)
_QUOTE, _COMMA = ord('"'), ord(",")
_OPENING, _CLOSING = frozenset(b"[{"), frozenset(b"]}")


def check_limits(data: bytes | str, limits: JsonLimits) -> None:
    """Raise `JsonLimitError` when `data` breaks a bound; cheap for documents well inside.
    (For text, sizes are counted in characters.)"""
    size = len(data)
    if size > limits.max_bytes:
        raise JsonLimitError(f"{size} bytes, more than the {limits.max_bytes} allowed")
    text = isinstance(data, str)  # a JSON text inside a JSON string (a journal event's body)
    opens = (data.count("[") + data.count("{")) if text else (data.count(b"[") + data.count(b"{"))
    if opens <= limits.max_depth:
        if size < limits.max_items and size < limits.max_values and size <= limits.max_string:
            return  # a document this small cannot hold more items, values or string bytes
        commas, colons = ((data.count(","), data.count(":")) if text
                          else (data.count(b","), data.count(b":")))
        if (commas < limits.max_items and 1 + commas + opens + colons <= limits.max_values
                and size <= limits.max_string):
            return  # these counts include every string's content: nothing can exceed a bound
    _scan(data.encode("utf-8", "surrogatepass") if text else data, limits)


def _scan(data: bytes, limits: JsonLimits) -> None:
    """Walk the structure outside strings, stopping at the first bound exceeded."""
    depth = 0
    items: list[int] = []  # items so far in each open container, innermost last
    values = 1
    for match in _TOKENS.finditer(data):
        start, end = match.span()
        char = data[start]
        if char == _QUOTE:
            if end - start == 1:
                raise ValueError(f"not valid JSON: a string that never ends (at byte {start})")
            if end - start - 2 > limits.max_string:
                raise JsonLimitError(f"a string of {end - start - 2} bytes, more than the "
                                     f"{limits.max_string} allowed")
            continue
        if char in _OPENING:
            depth += 1
            if depth > limits.max_depth:
                raise JsonLimitError(f"nested deeper than {limits.max_depth} levels")
            items.append(1)
            values += 1
        elif char in _CLOSING:
            depth -= 1
            if items:
                items.pop()
        else:  # a comma or a colon: one more value
            values += 1
            if char == _COMMA and items:
                items[-1] += 1
                if items[-1] > limits.max_items:
                    raise JsonLimitError(f"more than {limits.max_items} items in one object "
                                         "or array")
        if values > limits.max_values:
            raise JsonLimitError(f"more than {limits.max_values} values")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _bounded_int(text: str) -> int:
    if len(text) > MAX_INT_DIGITS:
        raise JsonLimitError(f"an integer of {len(text)} digits")
    return int(text)


# One decoder for every call: `json.loads` with hooks builds a new one each time, which costs
# more than parsing a journal line. Integers go through a hook only where Python's own limit
# on digit strings (4,300 by default) has been switched off.
_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicates, parse_constant=_refuse_constant, parse_float=_finite_float,
    parse_int=_bounded_int if sys.get_int_max_str_digits() == 0 else None)


def parse_json(data: bytes | str, limits: JsonLimits = DEFAULT_LIMITS) -> Any:
    """Parse UTF-8 JSON within `limits`; duplicate keys refused (a second `target` must not
    hide behind the first). Raises ValueError (JsonLimitError, JSONDecodeError,
    UnicodeDecodeError) and nothing else for any input."""
    check_limits(data, limits)
    return _DECODER.decode(data if isinstance(data, str) else data.decode("utf-8"))
