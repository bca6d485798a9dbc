"""The site view's check of an event's base fields (data/view_record_row.py `event_problem`)
lets what plainly passes through a fast path: it must say exactly what the full checks
(models/record_checks.py `event_errors`) say, for every kind of value."""

from __future__ import annotations

import itertools

from data.view_record_row import event_problem
from models.record_checks import event_errors

TIMES = ["2026-12-05T10:00:00.123Z", "1900-01-01T00:00:00.000Z", "2199-12-31T23:59:59.999Z",
         "2200-01-01T00:00:00.000Z", "1899-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z",
         "2026-02-30T10:00:00.000Z", "2026-12-05T10:00:00+14:00", "not a time", "", None, 5]
TEXTS = ["op", "Ana Admin", "zé", "  ", "", None, "a" * 64, "a" * 65, "a" * 120, "a" * 121,
         " padded ", "x\u202e", "x\x1f", "tab\there", "nbsp\u00a0", 7, ["list"]]


def _full(ts, user, role, action, entity):
    return bool(event_errors(ts, user, role, action, entity))


def test_the_fast_path_says_what_the_full_checks_say():
    for ts in TIMES:
        for text in TEXTS:
            for fields in (("op", "operator", text, "record"), (text, "operator", "a.b", "rec"),
                           ("op", text, "a.b", text)):
                refused = event_problem(ts, *fields) is not None
                assert refused == _full(ts, *fields), (ts, fields)
    for combination in itertools.product(TEXTS[:8], repeat=2):
        fields = ("op", combination[0], "record.create", combination[1])
        assert (event_problem(TIMES[0], *fields) is not None) == _full(TIMES[0], *fields)
