"""The bounded JSON reader: each limit exactly at its bound and one past it, hostile shapes
refused without RecursionError and in linear time, and the ordinary documents unchanged."""

from __future__ import annotations

import json
import sys
import time

import pytest

from models.bounded_json import (
    DEFAULT_LIMITS, MAX_DEPTH, MAX_INT_DIGITS, JsonLimitError, JsonLimits, _bounded_int,
    check_limits, parse_json,
)

WIDE = JsonLimits(max_bytes=64 * 1024 * 1024)


def nested(depth: int, kind: str = "[") -> bytes:
    if kind == "[":
        return b"[" * depth + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


def array(items: int) -> bytes:
    return b"[" + b",".join(b"0" for _ in range(items)) + b"]"


def obj(keys: int) -> bytes:
    return b"{" + b",".join(b'"k%d":0' % i for i in range(keys)) + b"}"


@pytest.mark.parametrize("kind", ["[", "{"])
def test_depth_at_the_bound_is_read_one_past_is_refused(kind):
    assert parse_json(nested(MAX_DEPTH, kind), WIDE) is not None
    with pytest.raises(JsonLimitError, match="deeper than 64"):
        parse_json(nested(MAX_DEPTH + 1, kind), WIDE)


@pytest.mark.parametrize("kind", ["[", "{"])
def test_a_hundred_thousand_levels_are_refused_quickly_without_recursion(kind):
    started = time.perf_counter()
    with pytest.raises(JsonLimitError):
        parse_json(nested(100_000, kind), WIDE)
    assert time.perf_counter() - started < 1.0
    assert nested(100_000, kind).count(b"[" if kind == "[" else b"{") > sys.getrecursionlimit()


def test_depth_is_counted_outside_strings_only():
    brackets_in_a_string = json.dumps({"text": "[" * 500 + "{" * 500}).encode()
    assert parse_json(brackets_in_a_string, WIDE) == {"text": "[" * 500 + "{" * 500}
    escaped_quote = b'{"t": "\\"[[[[", "u": [1]}'
    assert parse_json(escaped_quote, WIDE) == {"t": '"[[[[', "u": [1]}


def test_items_per_array_and_keys_per_object_at_and_past_the_bound():
    limits = JsonLimits(max_bytes=1 << 20, max_items=100)
    assert len(parse_json(array(100), limits)) == 100
    assert len(parse_json(obj(100), limits)) == 100
    with pytest.raises(JsonLimitError, match="more than 100 items"):
        parse_json(array(101), limits)
    with pytest.raises(JsonLimitError, match="more than 100 items"):
        parse_json(obj(101), limits)
    # Many small containers are fine: the bound is per container.
    assert len(parse_json(b"[" + b",".join([array(60)[:-1] + b"]"] * 60) + b"]",
                          JsonLimits(max_bytes=1 << 20, max_items=100))) == 60


def test_a_million_keys_are_refused_quickly():
    started = time.perf_counter()
    with pytest.raises(JsonLimitError, match="more than 10000 items"):
        parse_json(obj(1_000_000), WIDE)
    assert time.perf_counter() - started < 5.0  # linear, and stops at the 10,001st key


def test_size_at_and_past_the_bound():
    document = b'{"a":"' + b"x" * 92 + b'"}'
    assert len(document) == 100
    assert parse_json(document, JsonLimits(max_bytes=100)) == {"a": "x" * 92}
    with pytest.raises(JsonLimitError, match="101 bytes, more than the 100"):
        parse_json(document + b" ", JsonLimits(max_bytes=100))


def test_fifty_megabytes_are_refused_before_any_parsing():
    big = b"[" + b"0," * (25 * 1024 * 1024) + b"0]"
    started = time.perf_counter()
    with pytest.raises(JsonLimitError, match="more than the 1048576 allowed"):
        parse_json(big, DEFAULT_LIMITS)
    assert time.perf_counter() - started < 0.1


def test_string_length_at_and_past_the_bound():
    limits = JsonLimits(max_bytes=1 << 20, max_string=1000)
    assert parse_json(b'["' + b"x" * 1000 + b'"]', limits) == ["x" * 1000]
    with pytest.raises(JsonLimitError, match="a string of 1001 bytes"):
        parse_json(b'["' + b"x" * 1001 + b'"]', limits)


def test_number_of_values_at_and_past_the_bound():
    limits = JsonLimits(max_bytes=1 << 20, max_items=1000, max_values=1000)
    # 1 root + 999 items = 1000 values: at the bound.
    assert len(parse_json(array(999), limits)) == 999
    with pytest.raises(JsonLimitError, match="more than 1000 values"):
        parse_json(array(1000), limits)
    # Spread over many containers, each under its own bound: the total still counts.
    spread = b"[" + b",".join([array(9)] * 120) + b"]"
    with pytest.raises(JsonLimitError, match="more than 1000 values"):
        parse_json(spread, limits)


def test_duplicate_keys_nan_infinity_and_overflowing_numbers_are_refused():
    for text, message in ((b'{"target":"206","target":"207"}', "duplicate key 'target'"),
                          (b'{"a":{"b":1,"b":2}}', "duplicate key 'b'"),
                          (b'[NaN]', "NaN is not allowed"), (b'[Infinity]', "Infinity"),
                          (b'[-Infinity]', "Infinity"), (b'[1e999]', "out of range"),
                          (b'[-1e999]', "out of range")):
        with pytest.raises(ValueError, match=message):
            parse_json(text, DEFAULT_LIMITS)


def test_integers_beyond_the_digit_limit_are_refused():
    limit = sys.get_int_max_str_digits()
    if limit:  # Python's own limit (4,300 digits by default) bounds int() itself
        assert parse_json(b"9" * limit, WIDE) == int("9" * limit)
        with pytest.raises(ValueError):
            parse_json(b"9" * (limit + 1), WIDE)
    # Where that limit is switched off, the reader's own hook bounds them.
    assert _bounded_int("9" * MAX_INT_DIGITS) == int("9" * MAX_INT_DIGITS)
    with pytest.raises(JsonLimitError, match="digits"):
        _bounded_int("9" * (MAX_INT_DIGITS + 1))


@pytest.mark.parametrize("garbage", [b'"never ends', b'{"a": "never ends', b"\xff\xfe",
                                     b"[" * 70 + b'"x', b"", b"}", b"]]]]", b'{"a" 1}'])
def test_garbage_raises_value_error_and_nothing_else(garbage):
    with pytest.raises(ValueError):
        parse_json(garbage, DEFAULT_LIMITS)


def test_an_unterminated_string_in_a_large_document_is_linear():
    text = b"[" * 100 + b'"' + b"\\a" * 200_000
    started = time.perf_counter()
    with pytest.raises(ValueError):
        parse_json(text, WIDE)
    assert time.perf_counter() - started < 1.0


def test_text_input_is_bounded_the_same_way():
    assert parse_json('{"a": [1, 2]}', DEFAULT_LIMITS) == {"a": [1, 2]}
    with pytest.raises(JsonLimitError):
        parse_json("[" * 100_000, DEFAULT_LIMITS)
    check_limits("[" * MAX_DEPTH, DEFAULT_LIMITS)  # at the bound: no complaint


def test_ordinary_documents_are_read_as_json_reads_them():
    document = {"v": 1, "kind": "status", "seq": 12, "metrics": {"cpu": {"value": 3.5}},
                "text": "Produção ✓", "none": None, "list": [True, False, -1.25e-3]}
    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    assert parse_json(data, DEFAULT_LIMITS) == document
