"""Known-answer tests for the one canonical JSON encoding (hashes and signatures depend on it).

Every expected value is written out by hand from the documented rules (sorted keys, compact
separators, UTF-8 with non-ASCII kept, no NaN/infinity, floats in Python's shortest round-trip
repr, datetimes as ISO-8601 UTC with milliseconds and `Z`, tuples as lists), never produced by
the function under test. Non-ASCII input is written with escapes so an editor normalising the
source (NFC/NFD) cannot change what is tested. If one of these changes, every stored audit hash
and signature changes with it: that is a protocol change, not a refactor.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from models.canonical import (
    CanonicalJSONError, canonical_bytes, canonical_json, format_utc, parse_utc,
)
from models.record import Origin

UTC = timezone.utc
BRT = timezone(timedelta(hours=-3))  # Brazil: the users' local time


# -- text -----------------------------------------------------------------------------------

def test_non_ascii_is_kept_as_utf8_not_escaped():
    value = {"defeito": "C\u00e1psula Fina", "local": "a\u00e7\u00e3o \U0001F642"}
    assert canonical_json(value) == '{"defeito":"Cápsula Fina","local":"ação 🙂"}'
    assert canonical_bytes(value) == (
        b'{"defeito":"C\xc3\xa1psula Fina","local":"a\xc3\xa7\xc3\xa3o \xf0\x9f\x99\x82"}')


def test_combining_sequences_are_not_normalised():
    # NFD "a" + U+0303 stays two code points: canonical JSON does not NFC-normalise, so
    # callers must normalise text before it is hashed if they want both spellings to agree.
    assert canonical_bytes("a\u0303") == b'"a\xcc\x83"'
    assert canonical_bytes("\u00e3") == b'"\xc3\xa3"'


def test_string_escapes():
    value = 'q" b\\ n\n t\t c\x01 d\x7f s/ \u2028'
    # JSON must escape quote, backslash and C0 controls; DEL, "/" and U+2028 stay raw.
    assert canonical_json(value) == '"q\\" b\\\\ n\\n t\\t c\\u0001 d\x7f s/ \u2028"'
    assert canonical_bytes(value) == b'"q\\" b\\\\ n\\n t\\t c\\u0001 d\x7f s/ \xe2\x80\xa8"'


def test_str_enum_encodes_as_its_value():
    assert canonical_json({"origin": Origin.IMPORT}) == '{"origin":"import"}'


# -- structure ------------------------------------------------------------------------------

def test_nested_objects_are_sorted_at_every_level_with_compact_separators():
    value = {"b": {"d": 1, "c": [3, {"f": None, "e": True}]}, "a": False}
    assert canonical_json(value) == '{"a":false,"b":{"c":[3,{"e":true,"f":null}],"d":1}}'


def test_insertion_order_does_not_matter():
    first = {"x": 1, "y": {"p": 1, "q": 2}}
    second = {"y": {"q": 2, "p": 1}, "x": 1}
    assert canonical_bytes(first) == canonical_bytes(second) == b'{"x":1,"y":{"p":1,"q":2}}'


def test_keys_sort_by_code_point():
    value = {"\u00e9": 1, "z": 2, "a": 3, "Z": 4, "_": 5, "10": 6, "9": 7}
    # "1" < "9" < "Z" < "_" < "a" < "z" < "é" (U+00E9); not locale order, not numeric order.
    assert canonical_json(value) == '{"10":6,"9":7,"Z":4,"_":5,"a":3,"z":2,"é":1}'


def test_keys_beyond_the_bmp_sort_by_code_point_not_utf16():
    # U+FF61 < U+1F642 by code point. (RFC 8785 would sort by UTF-16 units and put the emoji,
    # surrogate 0xD83D, first: this encoding is Python's, and that is what is pinned.)
    value = {"\U0001F642": 1, "\uff61": 2}
    assert canonical_json(value) == '{"\uff61":2,"\U0001F642":1}'


def test_lists_keep_order_and_tuples_are_lists():
    assert canonical_json([3, 1, 2]) == "[3,1,2]"
    assert canonical_json((1, (2, 3), [])) == "[1,[2,3],[]]"
    assert canonical_json({"t": ("a", None)}) == '{"t":["a",null]}'


def test_empty_values():
    assert canonical_json({}) == "{}"
    assert canonical_json([]) == "[]"
    assert canonical_json("") == '""'


# -- scalars --------------------------------------------------------------------------------

def test_literals():
    assert canonical_json([True, False, None]) == "[true,false,null]"
    # bool is an int subclass in Python; it must still be true/false, never 1/0.
    assert canonical_json({"ok": True, "n": 1}) == '{"n":1,"ok":true}'


def test_integers_are_exact():
    assert canonical_json([0, -1, 42]) == "[0,-1,42]"
    # Beyond 2**53 (where a double loses integers) Python still writes every digit.
    assert canonical_json(2**53 + 1) == "9007199254740993"
    assert canonical_json(2**64) == "18446744073709551616"


@pytest.mark.parametrize(("number", "text"), [
    (1.0, "1.0"),            # a float stays a float: never "1"
    (0.1, "0.1"),            # shortest round trip, not 0.1000000000000000055...
    (0.0, "0.0"),
    (-0.0, "-0.0"),          # the sign of zero is kept
    (-2.5, "-2.5"),
    (100.0, "100.0"),
    (1 / 3, "0.3333333333333333"),
    (0.0001, "0.0001"),      # repr switches to exponent form below 1e-4 ...
    (0.00001, "1e-05"),
    (1e-7, "1e-07"),         # ... with at least two exponent digits
    (1e15, "1000000000000000.0"),
    (1e16, "1e+16"),         # ... and from 1e16 up, with an explicit "+"
    (1e22, "1e+22"),
    (123456789012345678.0, "1.2345678901234568e+17"),
    (1.5e300, "1.5e+300"),
    (1.7976931348623157e308, "1.7976931348623157e+308"),
    (5e-324, "5e-324"),
])
def test_floats_use_shortest_round_trip_repr(number, text):
    assert canonical_json(number) == text
    assert canonical_json({"v": [number]}) == '{"v":[' + text + "]}"


def test_datetime_becomes_utc_with_milliseconds():
    local = datetime(2026, 11, 22, 11, 19, 0, 123999, tzinfo=BRT)
    # Converted to UTC; microseconds truncated (not rounded) to milliseconds.
    assert canonical_json({"at": local}) == '{"at":"2026-11-22T14:19:00.123Z"}'
    assert canonical_json([datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)]) == (
        '["2026-01-02T03:04:05.000Z"]')


def test_audit_event_known_digest():
    event = {
        "seq": 1,
        "user": "jo\u00e3o",
        "action": "record.create",
        "ts": datetime(2026, 11, 22, 14, 19, 0, 123000, tzinfo=UTC),
        "before": None,
        "after": {"lot": "L-2026/001", "defect": "C\u00e1psula Fina", "cam_d": 3.5},
    }
    expected = (b'{"action":"record.create","after":{"cam_d":3.5,"defect":"C\xc3\xa1psula Fina",'
                b'"lot":"L-2026/001"},"before":null,"seq":1,"ts":"2026-11-22T14:19:00.123Z",'
                b'"user":"jo\xc3\xa3o"}')
    assert canonical_bytes(event) == expected
    # SHA-256 of the literal above, pinned so a platform difference shows as a digest mismatch.
    assert hashlib.sha256(canonical_bytes(event)).hexdigest() == (
        "f9d6d190676b173982fbe5d7eb0c871ecd77ffa77a5227313d50060b5924c404")


def test_bytes_are_the_utf8_of_the_text():
    value = {"k": ["\u00e7", 1.5, None]}
    assert canonical_bytes(value) == canonical_json(value).encode("utf-8")


# -- refusals -------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    float("nan"),
    float("inf"),
    float("-inf"),
    {"cam_d": float("nan")},
    [1.0, [float("inf")]],
    {"a": {"b": (float("-inf"),)}},
], ids=["nan", "inf", "-inf", "nan-in-dict", "inf-nested-list", "-inf-in-tuple"])
def test_nan_and_infinity_are_refused(value):
    with pytest.raises(CanonicalJSONError):
        canonical_json(value)
    with pytest.raises(CanonicalJSONError):
        canonical_bytes(value)


@pytest.mark.parametrize("value", [
    {1: "a"},
    {None: "a"},
    {True: "a"},
    {("a",): 1},
    {"ok": {2.5: "nested"}},
    [{"ok": 1}, ({3: "in a list"},)],
], ids=["int", "None", "bool", "tuple", "nested-float", "in-a-list"])
def test_non_string_keys_are_refused(value):
    # json.dumps would silently turn 1 into "1" (and collide with a real "1" key).
    with pytest.raises(CanonicalJSONError):
        canonical_json(value)


@pytest.mark.parametrize("value", [
    {1, 2},
    b"bytes",
    bytearray(b"x"),
    Decimal("3.5"),
    date(2026, 11, 22),
    object(),
    {"nested": [frozenset()]},
    datetime(2026, 11, 22, 14, 19),  # naive: its instant is unknown
], ids=["set", "bytes", "bytearray", "Decimal", "date", "object", "nested-frozenset",
        "naive-datetime"])
def test_unsupported_types_are_refused(value):
    with pytest.raises(CanonicalJSONError):
        canonical_json(value)


@pytest.mark.parametrize(("value", "message"), [
    ({"ok": {7: "x"}}, "object keys must be strings, got 7"),
    (Decimal("3.5"), "type Decimal has no canonical JSON encoding"),
    ({"cam_d": float("nan")}, "not JSON compliant"),
    ({"user": "\ud800"}, "text with an unpaired surrogate"),
    (datetime(2026, 11, 22, 14, 19), "naive datetime has no time zone"),
], ids=["key", "type", "nan", "surrogate", "naive"])
def test_a_refusal_says_what_has_no_encoding(value, message):
    # The message reaches the log of whoever tried to hash or sign the value.
    with pytest.raises(CanonicalJSONError, match=message):
        canonical_bytes(value)


def test_error_is_a_value_error():
    # Callers that catch ValueError for "bad input" keep working.
    assert issubclass(CanonicalJSONError, ValueError)


def test_lone_surrogate_is_refused_as_canonical_error():
    with pytest.raises(CanonicalJSONError):
        canonical_bytes({"user": "\ud800"})


# -- timestamps -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2026-11-22T14:19:00.123Z",
    "2026-01-01T00:00:00.000Z",
    "2024-02-29T23:59:59.999Z",
])
def test_format_parse_round_trip(text):
    moment = parse_utc(text)
    assert moment.tzinfo is not None and moment.utcoffset() == timedelta(0)
    assert format_utc(moment) == text


def test_parse_utc_known_answers():
    assert parse_utc("2026-11-22T14:19:00.123Z") == datetime(2026, 11, 22, 14, 19, 0, 123000,
                                                             tzinfo=UTC)
    # Any offset is accepted and converted.
    assert parse_utc("2026-11-22T11:19:00.123-03:00") == datetime(2026, 11, 22, 14, 19, 0,
                                                                  123000, tzinfo=UTC)
    assert parse_utc("2026-11-22T14:19:00+00:00") == datetime(2026, 11, 22, 14, 19, tzinfo=UTC)


def test_format_utc_known_answers():
    assert format_utc(datetime(2026, 11, 22, 11, 19, 0, 5000, tzinfo=BRT)) == (
        "2026-11-22T14:19:00.005Z")
    # Crossing midnight and the year when converting to UTC.
    assert format_utc(datetime(2026, 12, 31, 22, 30, tzinfo=BRT)) == "2027-01-01T01:30:00.000Z"
    # Sub-millisecond precision is dropped, so a round trip keeps milliseconds only.
    moment = datetime(2026, 11, 22, 14, 19, 0, 123456, tzinfo=UTC)
    assert parse_utc(format_utc(moment)) == moment.replace(microsecond=123000)


def test_naive_datetimes_are_refused():
    with pytest.raises(CanonicalJSONError,
                       match="^naive datetime has no time zone; use an aware datetime$"):
        format_utc(datetime(2026, 11, 22, 14, 19))
    with pytest.raises(ValueError, match="'2026-11-22T14:19:00.123' has no time zone"):
        parse_utc("2026-11-22T14:19:00.123")


def test_parse_utc_refuses_garbage():
    with pytest.raises(ValueError):
        parse_utc("22/11/2026 14:19")


def test_parse_utc_takes_only_an_upper_case_z_for_utc():
    # format_utc writes "Z"; a lower-case "z" is not this protocol's form (Python's ISO parser
    # refuses it too), so a file that has it was not written by us and is refused.
    with pytest.raises(ValueError):
        parse_utc("2026-11-22T14:19:00.123z")


def test_years_below_1000_are_four_digits():
    assert format_utc(datetime(999, 1, 1, tzinfo=UTC)) == "0999-01-01T00:00:00.000Z"
