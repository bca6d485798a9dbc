"""The journal reader's fast paths (an event's body unescaped without the JSON decoder, a seal
line matched whole) read exactly what the bounded JSON reader reads, and nothing it refuses:
compared on hostile variations of real lines."""

from __future__ import annotations

import json
import random

import pytest

from models.canonical import canonical_json
from utils.site import journal_read as journal  # the reading half of the journal
from utils.site.journal_read import BadLine, JournalEvent, JournalSeal, parse_line

_decode = json.JSONDecoder().decode


def _reference_text(content: bytes) -> str | type:
    try:
        value = _decode('"' + content.decode("utf-8") + '"')
    except ValueError:
        return ValueError
    return value


def _fast_text(content: bytes) -> str | type:
    try:
        return journal._body_text(content)
    except ValueError:
        return ValueError


@pytest.mark.parametrize("content", [
    b'{\\"a\\":1}', b'\\\\"', b'ab\\', b'a"b', b'"', b'\\"', b'a\\nb', b'a\tb', b'\x01',
    b'\xff', b'caf\xc3\xa9', b'\\u00e9', b'\\\\\\"', b''])
def test_body_text_is_what_the_json_decoder_reads(content):
    assert _fast_text(content) == _reference_text(content)


def test_body_text_on_random_contents():
    pieces = [b"a", b'"', b"\\", b'\\"', b"\\\\", b"\x01", b"\t", b"\x1f", b"\xc3\xa9", b"\xff",
              b"\\n", b"\\u00e9", b"{", b"}", b" "]
    rng = random.Random(14)
    for _ in range(20_000):
        content = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _fast_text(content) == _reference_text(content), content


def _event_line(body: str) -> bytes:
    return canonical_json({"kind": "event", "seq": 7, "prev": "a" * 64, "hash": "b" * 64,
                           "key_id": "k1", "mac": "c" * 64, "body": body}).encode() + b"\n"


@pytest.mark.parametrize("value", ["plain", 'a "quoted" word', "back\\slash", "tab\there",
                                   "accents: ação", "end\\"])
def test_an_event_body_reads_the_same_on_either_path(value):
    body = canonical_json({"action": "record.create", "reason": value, "ts": "t"})
    entry = journal._entry(_event_line(body), 1, 10)
    assert type(entry) is JournalEvent
    assert entry.body == body == parse_line(_event_line(body))["body"]
    assert (entry.seq, entry.prev, entry.hash, entry.key_id, entry.mac) == \
        (7, "a" * 64, "b" * 64, "k1", "c" * 64)


def _seal_line() -> bytes:
    return canonical_json({"kind": "seal", "station": "201", "seq": 12, "hash": "d" * 64,
                           "ts": "2026-11-03T09:04:20.206Z", "key_id": "ed25519:29e1",
                           "sig": "e" * 128}).encode() + b"\n"


def test_a_seal_line_reads_as_the_bounded_parser_reads_it():
    line = _seal_line()
    entry = journal._entry(line, 2, 30)
    assert type(entry) is JournalSeal
    assert entry.document == parse_line(line)
    assert (entry.segment, entry.end_offset) == (2, 30)


def test_altered_seal_lines_read_as_the_bounded_parser_reads_them():
    """Any change to a seal line gives the same document as the bounded parser, or the line
    is read by the general path (an unreadable one is a BadLine there)."""
    line = _seal_line()
    rng = random.Random(15)
    fast = 0
    for _ in range(5_000):
        altered = bytearray(line)
        for _ in range(rng.randint(1, 3)):
            altered[rng.randrange(len(altered) - 1)] = rng.choice(b'"\\\x01a0{}:,\xff9')
        altered = bytes(altered)
        entry = journal._entry(altered, 1, 0)
        try:
            reference = parse_line(altered)
        except ValueError:
            reference = None
        if type(entry) is JournalSeal:
            assert entry.document == reference, altered
            fast += 1
        elif reference is None:
            assert type(entry) is BadLine
    assert fast  # some alterations (inside the hex, the time) are still seals
