"""validate_int tells a whole number out of range by its range ("-5": at least 1), and says
"not a whole number" only for what is not one (review s16, item 9)."""

from __future__ import annotations

import pytest

from models.validation import validate_int

# The largest whole number taken where no maximum is given (models.validation WHOLE_MAX).
WHOLE_MAX = 999_999_999


@pytest.mark.parametrize("typed", ["-5", "0", " -1 ", "-0", "-99999999999"])
def test_zero_or_negative_says_the_range(typed):
    value, errors = validate_int("total_boxes", typed, minimum=1, maximum=100_000)
    assert value is None
    assert [(e.code, e.params) for e in errors] == [("out_of_range", {"min": 1, "max": 100_000})]
    assert errors[0].message == "total_boxes must be from 1 to 100000"


def test_without_a_maximum_the_range_is_at_least_the_minimum():
    _value, errors = validate_int("box", "-5", minimum=1)
    assert [(e.code, e.params, e.message) for e in errors] == [
        ("out_of_range", {"min": 1, "max": None}, "box must be at least 1")]


@pytest.mark.parametrize("typed", ["1234567890", "1" * 5000, 10**30])
def test_too_large_names_the_largest_taken(typed):
    _value, errors = validate_int("box", typed, minimum=1)
    assert [(e.code, e.params) for e in errors] == [
        ("out_of_range", {"min": 1, "max": WHOLE_MAX})]


def test_a_sign_and_spaces_around_are_a_whole_number():
    assert validate_int("n", "+7", minimum=1) == (7, [])
    assert validate_int("n", " 12 ", minimum=1, maximum=40) == (12, [])
    assert validate_int("n", "0040", minimum=1, maximum=40) == (40, [])
    assert validate_int("n", str(WHOLE_MAX), minimum=1) == (WHOLE_MAX, [])


@pytest.mark.parametrize("typed", ["1.5", "-1,0", "--5", "+-5", "- 5", "5-", "1 000", "abc"])
def test_what_is_not_a_whole_number_still_says_so(typed):
    _value, errors = validate_int("n", typed, minimum=1)
    assert [e.code for e in errors] == ["integer"]
