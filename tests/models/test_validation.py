"""models.validation: every field of the production form, and the bad input of FAULTS.md.

Each refusal is checked by the field it belongs next to and its stable code (what the GUI
translates), not by the English message. Bad input is written with escapes (\\u202e, \\x00...)
so the test source shows exactly which code points are tried.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION, default_catalog
from models.record import MIN_REASON_LENGTH, Rejection
from models.validation import (
    INT_MAX, LOT_CODE_MAX, TEXT_MAX, FieldError, RecordDraft, ValidationFailed, has_forbidden_characters,
    parse_decimal, validate_int, validate_lot_code, validate_record_input, validate_rejections,
    normalize_username, validate_reason, validate_site_name, validate_text, validate_username,
    without_forbidden_characters,
)

CATALOG = default_catalog()
VALID: dict[str, Any] = {
    "lot": "L-2026/001", "box": "12", "size": "#1",
    "rej1_defect": "Furo", "rej1_location": "Cap",
    "cam_d": "3,5", "cam_w": "4.25",
}

# Characters no field accepts (FAULTS.md: control characters, right-to-left overrides).
CONTROL_AND_FORMAT = [
    "\x00",        # NUL
    "\x07",        # bell
    "\x1b[31m",    # ANSI escape: recolours a terminal or log viewer
    "\t",          # tab (inside the text; at the ends it is stripped as whitespace)
    "\r\n",        # line break inside a one-line field
    "\x85",        # NEL
    "\u202e",      # RIGHT-TO-LEFT OVERRIDE ("Trojan source" reordering)
    "\u202d",      # LEFT-TO-RIGHT OVERRIDE
    "\u2066",      # LEFT-TO-RIGHT ISOLATE
    "\u200f",      # RIGHT-TO-LEFT MARK
    "\u200b",      # ZERO WIDTH SPACE: two lot codes that look identical
    "\ufeff",      # BOM / zero width no-break space
    "\udc80",      # lone surrogate (from surrogateescape decoding)
    "\ue000",      # private use
]


def shown(value: Any) -> str:
    """A test id naming `value` in plain ASCII, each other character as U+XXXX ('3,5U+0000').
    Not `repr`: pytest (9.2) escapes a callable's id once more each time one process collects
    the tests again, and mutmut's child process, which collects again, then finds no test of the
    id mutmut recorded and counts the mutant killed, whatever it does."""
    text = value if isinstance(value, str) else repr(value)
    shown_text = "".join(ch if " " <= ch <= "~" and ch != "\\" else f"U+{ord(ch):04X}"
                         for ch in text)
    return f"'{shown_text}'" if isinstance(value, str) else shown_text


def draft_of(raw: dict[str, Any], **kwargs: Any) -> RecordDraft:
    return validate_record_input(raw, CATALOG, **kwargs)


def errors_of(raw: dict[str, Any], **kwargs: Any) -> set[tuple[str, str]]:
    with pytest.raises(ValidationFailed) as failure:
        validate_record_input(raw, CATALOG, **kwargs)
    for error in failure.value.errors:
        assert error.message, "every refusal needs a message for the log and the CLI"
    return {(error.field, error.code) for error in failure.value.errors}


def assert_only_error(raw: dict[str, Any], field: str, code: str, **kwargs: Any) -> None:
    assert errors_of(raw, **kwargs) == {(field, code)}


# -- the whole form -------------------------------------------------------------------------

def test_valid_form_becomes_a_draft():
    assert draft_of(VALID) == RecordDraft(
        lot="L-2026/001", box=12, size="#1", unit_weight_kg=0.000076,
        rejections=(Rejection("Furo", "Cap"),), cam_d=3.5, cam_w=4.25)


def test_surrounding_whitespace_is_trimmed():
    draft = draft_of({**VALID, "lot": "  L1 ", "box": " 7 ", "size": " #1\t",
                      "rej1_defect": " Furo ", "rej1_location": " Cap ", "cam_d": " 3,5 "})
    assert (draft.lot, draft.box, draft.size, draft.cam_d) == ("L1", 7, "#1", 3.5)
    assert draft.rejections == (Rejection("Furo", "Cap"),)


def test_empty_form_reports_every_required_field():
    assert errors_of({}) == {("lot", "required"), ("box", "required"), ("size", "required"),
                             ("cam_d", "required"), ("cam_w", "required")}


def test_every_error_is_reported_at_once_and_nothing_is_half_accepted():
    raw = {"lot": "-bad", "box": "0", "size": "#9", "rej1_defect": "Furo",
           "rej2_location": "Body", "rej3_defect": "Mancha", "rej3_location": "Cap",
           "cam_d": "abc", "cam_w": "101"}
    assert errors_of(raw) == {
        ("lot", "lot_format"), ("box", "out_of_range"), ("size", "not_in_catalog"),
        ("rej1_location", "location_missing"), ("rej2_defect", "defect_missing"),
        ("rej3_defect", "not_in_catalog"), ("cam_d", "number"), ("cam_w", "out_of_range")}


def test_validation_failed_message_names_the_fields():
    with pytest.raises(ValidationFailed) as failure:
        draft_of({**VALID, "lot": "", "cam_w": "x"})
    said = str(failure.value)
    assert said.startswith("lot is required; ") and "cam_w must be a number" in said
    assert isinstance(failure.value, ValueError)


def test_a_message_that_names_its_field_is_not_prefixed_with_it_again():
    """The command line printed "username: username must be 2 to 32 ..." (a stutter)."""
    from models.validation import FieldError

    failed = ValidationFailed([FieldError("username", "length", "username must be short"),
                               FieldError("lot", "format", "only letters and digits")])
    assert str(failed) == "username must be short; lot: only letters and digits"


# -- lot ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lot", ["L1", "0", "A" * LOT_CODE_MAX, "L 1.2_3/4#5-6", "lote-2026"])
def test_lot_accepted(lot):
    assert draft_of({**VALID, "lot": lot}).lot == lot


@pytest.mark.parametrize(("lot", "code"), [
    (None, "required"),
    ("", "required"),
    ("   ", "required"),
    ("A" * (LOT_CODE_MAX + 1), "too_long"),
    ("A" * 100_000, "too_long"),
    ("-L1", "lot_format"),             # must start with a letter or digit
    (".L1", "lot_format"),
    ("=SUM(A1:A9)", "lot_format"),     # spreadsheet formula injection
    ("+55 1234", "lot_format"),
    ("@lot", "lot_format"),
    ("L1;DROP TABLE x", "lot_format"),
    ("L1,2", "lot_format"),            # a comma would break naive CSV consumers
    ("Lote\u00e7", "lot_format"),      # letters are ASCII only in lot codes
    ("L\U0001F642", "lot_format"),     # emoji
    ("\u0644\u0648\u062a", "lot_format"),   # right-to-left (Arabic) letters
    ("L\u00a01", "lot_format"),        # no-break space looks like a space but is not one
    ("\uff2c\uff11", "lot_format"),    # fullwidth "L1"
    (123, "type"),
    (["L1"], "type"),
    (b"L1", "type"),
])
def test_lot_refused(lot, code):
    assert_only_error({**VALID, "lot": lot}, "lot", code)


@pytest.mark.parametrize("bad", CONTROL_AND_FORMAT)
def test_lot_with_control_or_format_characters(bad):
    assert_only_error({**VALID, "lot": f"L{bad}1"}, "lot", "control_characters")


def test_validate_lot_code_direct():
    assert validate_lot_code("  L 1  ") == ("L 1", [])
    value, errors = validate_lot_code("-x", field_name="new_lot")
    assert value is None and [(e.field, e.code) for e in errors] == [("new_lot", "lot_format")]
    value, errors = validate_lot_code("A" * (LOT_CODE_MAX + 1))
    assert errors[0].code == "too_long" and errors[0].params == {"max": LOT_CODE_MAX}


# -- box ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("box", "expected"), [
    ("7", 7), (7, 7), (" 0012 ", 12), ("1", 1), ("999999999", 999_999_999),
])
def test_box_accepted(box, expected):
    assert draft_of({**VALID, "box": box}).box == expected


@pytest.mark.parametrize(("box", "code"), [
    (None, "required"),
    ("", "required"),
    ("  ", "required"),
    ("0", "out_of_range"),
    (0, "out_of_range"),
    (-3, "out_of_range"),
    ("-1", "out_of_range"),   # a whole number, below the range: the range is said
    ("1.0", "integer"),
    ("1,5", "integer"),
    ("1.000", "integer"),     # thousands separator
    ("1 000", "integer"),
    ("1_000", "integer"),     # int() would take it; a person would not type it
    ("12a", "integer"),
    ("1e3", "integer"),
    ("1234567890", "out_of_range"),  # a whole number, too large to store
    ("\u202e12", "integer"),
    ("1\x002", "integer"),
    (True, "integer"),         # bool is an int in Python, never a box number
    (12.0, "integer"),
    (Decimal("12"), "integer"),
    (b"12", "integer"),
])
def test_box_refused(box, code):
    assert_only_error({**VALID, "box": box}, "box", code)


def test_box_bounded_by_the_lot_size():
    assert draft_of({**VALID, "box": "50"}, total_boxes=50).box == 50
    with pytest.raises(ValidationFailed) as failure:
        draft_of({**VALID, "box": "51"}, total_boxes=50)
    (error,) = failure.value.errors
    assert (error.field, error.code, error.params) == ("box", "out_of_range",
                                                       {"min": 1, "max": 50})


# -- size and unit weight -------------------------------------------------------------------

@pytest.mark.parametrize(("size", "weight"), [
    ("#00", 0.000121), ("#0", 0.000096), ("#1", 0.000076), ("#2", 0.000063),
    ("#3", 0.000050), ("#4", 0.000038),
])
def test_unit_weight_comes_from_the_catalog_for_the_size(size, weight):
    draft = draft_of({**VALID, "size": size})
    assert draft.size == size and draft.unit_weight_kg == weight


@pytest.mark.parametrize(("size", "code"), [
    (None, "required"),
    ("", "required"),
    ("#9", "not_in_catalog"),
    ("1", "not_in_catalog"),
    ("#1#1#1#1#1#1#1#1#1#1#", "too_long"),   # 21 characters
    ("#1\x00", "control_characters"),
    ("#\u202e1", "control_characters"),
    (1, "type"),
])
def test_size_refused(size, code):
    # An unknown size has no unit weight; that must not add a second error.
    assert_only_error({**VALID, "size": size}, "size", code)


def test_explicit_unit_weight_is_validated():
    assert_only_error({**VALID, "unit_weight_kg": "abc"}, "unit_weight_kg", "number")
    assert_only_error({**VALID, "unit_weight_kg": "2"}, "unit_weight_kg", "out_of_range")
    assert_only_error({**VALID, "unit_weight_kg": "-0,1"}, "unit_weight_kg", "out_of_range")
    assert_only_error({**VALID, "unit_weight_kg": "NaN"}, "unit_weight_kg", "number")
    assert_only_error({**VALID, "unit_weight_kg": True}, "unit_weight_kg", "number")
    # Empty means "take it from the catalog".
    assert draft_of({**VALID, "unit_weight_kg": ""}).unit_weight_kg == 0.000076
    assert draft_of({**VALID, "unit_weight_kg": "0,5"}).unit_weight_kg == 0.5


def test_explicit_unit_weight_keeps_its_precision():
    # Unit weights are ~1e-4 kg: rounding them like a percentage (4 decimals) would zero them.
    assert draft_of({**VALID, "unit_weight_kg": "0,000038"}).unit_weight_kg == 0.000038
    assert draft_of({**VALID, "unit_weight_kg": 0.000076}).unit_weight_kg == 0.000076
    assert draft_of({**VALID, "unit_weight_kg": "0.000121"}).unit_weight_kg == 0.000121
    # ... to the microgram (9 decimals of a kilogram), no finer.
    assert draft_of({**VALID, "unit_weight_kg": "0,0000380004"}).unit_weight_kg == 0.000038
    assert draft_of({**VALID, "unit_weight_kg": "0,000038001"}).unit_weight_kg == 0.000038001


def test_a_unit_weight_left_blank_is_not_refused():
    draft_of({**VALID, "unit_weight_kg": "   "})


def test_every_error_is_reported_with_an_explicit_unit_weight_too():
    assert errors_of({**VALID, "lot": "-bad", "box": "0", "unit_weight_kg": "0,5"}) == {
        ("lot", "lot_format"), ("box", "out_of_range")}
    assert errors_of({**VALID, "lot": "-bad", "unit_weight_kg": "2"}) == {
        ("lot", "lot_format"), ("unit_weight_kg", "out_of_range")}


# -- rejections -----------------------------------------------------------------------------

@pytest.mark.parametrize("index", [1, 2, 3])
@pytest.mark.parametrize(("defect", "location", "field", "code"), [
    ("Furo", "", "location", "location_missing"),
    ("Furo", None, "location", "location_missing"),
    ("Furo", NO_REJECTION, "location", "location_missing"),
    ("", "Cap", "defect", "defect_missing"),
    (None, "Body", "defect", "defect_missing"),
    (NO_REJECTION, "Cap/Body", "defect", "defect_missing"),
    ("Mancha", "Cap", "defect", "not_in_catalog"),
    ("furo", "Cap", "defect", "not_in_catalog"),       # catalog names are exact
    ("Furo\u202e", "Cap", "defect", "not_in_catalog"),
    (5, "Cap", "defect", "not_in_catalog"),
    ("Furo", "Top", "location", "not_in_catalog"),
    ("Furo", "cap", "location", "not_in_catalog"),
    ("Furo", 5, "location", "not_in_catalog"),        # a number from a file: refused, no crash
])
def test_partial_or_unknown_rejection_pairs(index, defect, location, field, code):
    raw = {**VALID, "rej1_defect": None, "rej1_location": None,
           f"rej{index}_defect": defect, f"rej{index}_location": location}
    assert_only_error(raw, f"rej{index}_{field}", code)


def test_unknown_values_are_echoed_in_params():
    with pytest.raises(ValidationFailed) as failure:
        draft_of({**VALID, "rej2_defect": "Mancha", "rej2_location": "Cap"})
    (error,) = failure.value.errors
    assert error.params == {"value": "Mancha"}
    for field, raw in (("size", {**VALID, "size": "#9"}),
                       ("rej1_location", {**VALID, "rej1_location": "Top"})):
        with pytest.raises(ValidationFailed) as failure:
            draft_of(raw)
        (error,) = failure.value.errors
        assert (error.field, error.params) == (field, {"value": raw[field]})


def test_what_the_command_line_says_for_each_refusal_of_a_rejection_lot_or_size():
    """The English message each refusal carries: what the CLI and the log print."""
    with pytest.raises(ValidationFailed) as failure:
        draft_of({**VALID, "lot": "-bad", "size": "#9",
                  "rej1_defect": None, "rej1_location": "Cap",
                  "rej2_defect": "Furo", "rej2_location": None,
                  "rej3_defect": "Mancha", "rej3_location": "Cap"})
    assert str(failure.value) == (
        "lot code may hold letters, digits, space and . _ / # - only; "
        "size '#9' is not in the catalog; "
        "rej1_defect: choose the defect for this location; "
        "rej2_location: choose where the defect is (Cap, Body, Cap/Body); "
        "rej3_defect: defect 'Mancha' is not in the catalog")
    with pytest.raises(ValidationFailed) as failure:
        draft_of({**VALID, "rej1_location": "Top"})
    assert str(failure.value) == "rej1_location: location 'Top' is not in the catalog"
    _rejections, errors = validate_rejections([("Furo", "Cap")] * 4, CATALOG)
    assert [e.message for e in errors] == ["at most 3 rejections"]


def test_location_not_recorded_is_refused_on_the_form_unless_allowed():
    """A person at the form names the location; an import of the old system may say the old
    system did not record it."""
    raw = {**VALID, "rej1_location": LOCATION_NOT_RECORDED}
    assert_only_error(raw, "rej1_location", "location_missing")
    assert draft_of(raw, allow_unrecorded_location=True).rejections == (
        Rejection("Furo", LOCATION_NOT_RECORDED),)


@pytest.mark.parametrize(("defect", "location"), [
    (None, None), ("", ""), (NO_REJECTION, NO_REJECTION), (f" {NO_REJECTION} ", "  "),
    (NO_REJECTION, ""), ("", NO_REJECTION),
])
def test_no_rejection(defect, location):
    draft = draft_of({**VALID, "rej1_defect": defect, "rej1_location": location})
    assert draft.rejections == ()


def test_three_rejections_in_order_and_gaps_are_skipped():
    raw = {**VALID, "rej1_defect": "Furo", "rej1_location": "Cap",
           "rej2_defect": "Cápsula Fina", "rej2_location": "Body",
           "rej3_defect": "Suja", "rej3_location": "Cap/Body"}
    assert draft_of(raw).rejections == (Rejection("Furo", "Cap"),
                                         Rejection("Cápsula Fina", "Body"),
                                         Rejection("Suja", "Cap/Body"))
    gap = {**VALID, "rej1_defect": NO_REJECTION, "rej1_location": NO_REJECTION,
           "rej3_defect": "Dente", "rej3_location": "Body"}
    assert draft_of(gap).rejections == (Rejection("Dente", "Body"),)


def test_more_pairs_than_the_catalog_allows():
    pairs = [("Furo", "Cap")] * 3 + [("Dente", "Body")]
    rejections, errors = validate_rejections(pairs, CATALOG)
    assert [(e.field, e.code, e.params) for e in errors] == [
        ("rejections", "too_many", {"max": 3})]
    assert rejections == (Rejection("Furo", "Cap"),) * 3


def test_a_fourth_pair_in_the_form_is_ignored():
    # The form has three rows; an extra key in a file row is not read.
    assert draft_of({**VALID, "rej4_defect": "Mancha"}).rejections == (Rejection("Furo", "Cap"),)


# -- measurements ---------------------------------------------------------------------------

MEASUREMENTS = ["cam_d", "cam_w"]


@pytest.mark.parametrize("field", MEASUREMENTS)
@pytest.mark.parametrize(("text", "expected"), [
    ("3,5", 3.5), ("3.5", 3.5), ("0", 0.0), ("0,0", 0.0), ("100", 100.0), ("100,0", 100.0),
    (",5", 0.5), ("5,", 5.0), ("+2", 2.0), (" 7,25 ", 7.25), ("007", 7.0),
    ("3,14159", 3.1416),                     # kept to 4 decimals
    (3, 3.0), (2.5, 2.5), (Decimal("3.5"), 3.5),
])
def test_measurement_accepted(field, text, expected):
    assert getattr(draft_of({**VALID, field: text}), field) == expected


@pytest.mark.parametrize("field", MEASUREMENTS)
@pytest.mark.parametrize("value", [
    "NaN", "nan", "inf", "-inf", "Infinity", "1e2", "0x10", "abc", ".", ",", "-", "3,5,1",
    "3..5", "1.000,5", "1,000.5", "1 000", "1_000", "3,5%", "\u202e3,5", "3\u200b5",
    "3,5\x00", "\u216b",                    # Roman numeral twelve
    float("nan"), float("inf"), float("-inf"), True, False,
], ids=shown)
def test_measurement_not_a_number(field, value):
    assert_only_error({**VALID, field: value}, field, "number")


@pytest.mark.parametrize("field", MEASUREMENTS)
@pytest.mark.parametrize("value", ["-0,1", "-1", "100,01", "101", "1" + "0" * 300, -1, 100.5])
def test_measurement_out_of_range(field, value):
    with pytest.raises(ValidationFailed) as failure:
        draft_of({**VALID, field: value})
    (error,) = failure.value.errors
    assert (error.field, error.code, error.params) == (field, "out_of_range",
                                                       {"min": 0.0, "max": 100.0})


@pytest.mark.parametrize("typed", ["-0", "-0,0", "-,0", -0.0])
def test_a_measurement_of_minus_zero_is_kept_as_zero(typed):
    """Not -0.0: it would be shown as "-0" and written "-0.0" in the record's signed JSON."""
    value = draft_of({**VALID, "cam_d": typed}).cam_d
    assert value == 0.0 and math.copysign(1.0, value) == 1.0


def test_huge_digit_strings_are_not_infinity():
    # 400 digits overflow float to inf: refused as "not a number", never stored.
    assert_only_error({**VALID, "cam_d": "9" * 400}, "cam_d", "number")


@pytest.mark.parametrize("field", MEASUREMENTS)
def test_measurement_required_unless_told_otherwise(field):
    for empty in (None, "", "   "):
        assert_only_error({**VALID, field: empty}, field, "required")
        draft = draft_of({**VALID, field: empty}, require_measurements=False)
        assert getattr(draft, field) is None
    # Present values are still checked when optional.
    assert_only_error({**VALID, field: "abc"}, field, "number", require_measurements=False)


def test_parse_decimal_direct():
    assert parse_decimal("3,5") == 3.5
    assert parse_decimal(" -0.25 ") == -0.25
    for text in ("1.000,5", "nan", "inf", "", "1e5", "9" * 400):
        with pytest.raises(ValueError):
            parse_decimal(text)


def test_parse_decimal_names_the_text_it_refuses():
    for text in ("1.000,5", "9" * 400):     # not a number; a number too large for a float
        with pytest.raises(ValueError) as raised:
            parse_decimal(text)
        assert raised.value.args == (text,)


@pytest.mark.parametrize("text, value", [
    ("7.6e-05", 0.000076), ("7,6e-05", 0.000076), ("1e-05", 0.00001), ("5E-5", 0.00005),
    ("1.21e-04", 0.000121), ("+2.5e1", 25.0), ("3,5", 3.5), ("0.000121", 0.000121)])
def test_parse_decimal_with_exponent_reads_what_python_and_pandas_write(text, value):
    assert parse_decimal(text, allow_exponent=True) == value


@pytest.mark.parametrize("text", ["1.234,5", "1,234.5", "1.2.3", "1e", "e5", "1e5.0", "inf",
                                  "nan", "1e-5000", "7.6e-05x", "٧.٦e-05"])
def test_parse_decimal_with_exponent_still_refuses_the_ambiguous_and_the_unreadable(text):
    with pytest.raises(ValueError):
        parse_decimal(text, allow_exponent=True)


def test_location_not_recorded_only_where_allowed():
    """A person at the form names the location; an import of the old system may keep it unknown."""
    pairs = [("Furo", LOCATION_NOT_RECORDED), ("Dente", "Cap")]
    rejections, errors = validate_rejections(pairs, CATALOG, allow_unrecorded_location=True)
    assert errors == []
    assert rejections == (Rejection("Furo", LOCATION_NOT_RECORDED), Rejection("Dente", "Cap"))
    assert not rejections[0].location_recorded and rejections[1].location_recorded
    _none, refused = validate_rejections(pairs, CATALOG)
    assert [(e.field, e.code) for e in refused] == [("rej1_location", "location_missing")]
    # It names a missing location, never a rejection by itself.
    _none, alone = validate_rejections([(None, LOCATION_NOT_RECORDED)], CATALOG,
                                       allow_unrecorded_location=True)
    assert [(e.field, e.code) for e in alone] == [("rej1_defect", "defect_missing")]


# -- validate_text --------------------------------------------------------------------------

def test_validate_text_required_and_optional():
    for empty in (None, "", "  \t "):
        assert validate_text("note", empty, required=False) == (None, [])
        value, errors = validate_text("note", empty, required=True)
        assert value is None and [(e.field, e.code) for e in errors] == [("note", "required")]


@pytest.mark.parametrize("value", [5, 5.0, True, b"text", ["text"], {"a": 1}, object()],
                         ids=lambda v: type(v).__name__)
def test_validate_text_wrong_type_even_when_optional(value):
    for required in (True, False):
        result, errors = validate_text("note", value, required=required)
        assert result is None and [(e.field, e.code) for e in errors] == [("note", "type")]


def test_validate_text_length_limits():
    assert validate_text("note", "x" * TEXT_MAX, required=True) == ("x" * TEXT_MAX, [])
    value, errors = validate_text("note", "x" * (TEXT_MAX + 1), required=True)
    assert value is None and [(e.code, e.params) for e in errors] == [("too_long",
                                                                       {"max": TEXT_MAX})]
    # Length is counted after trimming, in code points.
    assert validate_text("note", "  abcd  ", required=True, max_length=4) == ("abcd", [])
    value, errors = validate_text("note", "  abc  ", required=True, min_length=5)
    assert [(e.code, e.params) for e in errors] == [("too_short", {"min": 5})]
    assert validate_text("note", "\U0001F642" * 3, required=True, max_length=3)[1] == []


def test_validate_text_very_long_input_is_refused_quickly():
    value, errors = validate_text("note", "a" * 5_000_000, required=True)
    assert value is None and errors[0].code == "too_long"


@pytest.mark.parametrize("bad", CONTROL_AND_FORMAT)
def test_validate_text_control_and_format_characters(bad):
    value, errors = validate_text("note", f"before {bad} after", required=True)
    assert value is None
    assert [(e.field, e.code) for e in errors] == [("note", "control_characters")]
    assert has_forbidden_characters(bad)


def test_control_characters_are_reported_before_length():
    value, errors = validate_text("note", "a" * (TEXT_MAX + 10) + "\x00", required=True)
    assert [e.code for e in errors] == ["control_characters"]


@pytest.mark.parametrize("text", [
    "Cápsula rachada no corpo",
    "\u0645\u0631\u062d\u0628\u0627",        # right-to-left letters are legitimate text
    "\u05e9\u05dc\u05d5\u05dd 123",          # Hebrew mixed with digits
    "ok \U0001F44D",                          # emoji
    "\U0001F44D\U0001F3FD",                   # emoji with a skin-tone modifier
    "\u65e5\u672c\u8a9e",
    "a\u00a0b",                               # no-break space
    "=HYPERLINK(\"http://x\")",               # free text may look like a formula: exports
                                              # must neutralise it, validation keeps it as typed
])
def test_validate_text_accepts_real_text(text):
    assert validate_text("note", text, required=True) == (text, [])


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_validate_text_refuses_unicode_line_separators(separator):
    value, errors = validate_text("reason", f"first{separator}second", required=True)
    assert [e.code for e in errors] == ["control_characters"]


# -- validate_int ---------------------------------------------------------------------------

def test_validate_int_bounds_and_params():
    assert validate_int("n", "1", minimum=1, maximum=10) == (1, [])
    assert validate_int("n", 10, minimum=1, maximum=10) == (10, [])
    assert validate_int("n", 10**6, minimum=1) == (10**6, [])
    for value, maximum in (("0", 10), (11, 10), (-5, None)):
        result, errors = validate_int("n", value, minimum=1, maximum=maximum)
        assert result is None
        assert [(e.field, e.code, e.params) for e in errors] == [
            ("n", "out_of_range", {"min": 1, "max": maximum})]


@pytest.mark.parametrize("value", [True, False, 1.5, 2.0, "2.0", "two", "0x10", "١٢x", [1]],
                         ids=shown)
def test_validate_int_not_a_whole_number(value):
    result, errors = validate_int("n", value, minimum=0)
    assert result is None and [(e.field, e.code) for e in errors] == [("n", "integer")]


@pytest.mark.parametrize("text", ["12\x1f", "\x1c12", "1\x1d"])
def test_validate_int_information_separators_do_not_crash(text):
    result, errors = validate_int("box", text, minimum=1)
    assert result is not None or errors


@pytest.mark.parametrize(("typed", "expected"), [
    ("0000000005", 5),             # ten characters, but the number is 5
    ("000000000000012", 12),
    (" +0000000000999999999 ", 999_999_999),
    ("-00000000000", 0),
])
def test_leading_zeros_do_not_make_a_number_too_large(typed, expected):
    """A box typed with leading zeros (a scanner padding to ten digits) is the number it reads."""
    assert validate_int("box", typed, minimum=0) == (expected, [])


def test_leading_zeros_do_not_hide_a_number_too_large():
    _value, errors = validate_int("box", "00001000000000", minimum=1)
    assert [(e.code, e.params) for e in errors] == [
        ("out_of_range", {"min": 1, "max": 999_999_999})]


def test_a_pasted_run_of_digits_is_refused_as_too_large():
    """5000 digits: more than Python converts from text (it would raise, not refuse)."""
    _value, errors = validate_int("box", "1" * 5000, minimum=1)
    assert [(e.code, e.params) for e in errors] == [
        ("out_of_range", {"min": 1, "max": 999_999_999})]


def test_a_box_padded_with_zeros_on_the_form_is_its_number():
    assert draft_of({**VALID, "box": "0000000005"}).box == 5


@pytest.mark.parametrize(("typed", "maximum", "said"), [
    ("0", None, "box must be at least 1"),             # no upper limit to name
    ("-5", None, "box must be at least 1"),
    ("0", 50, "box must be from 1 to 50"),
    ("51", 50, "box must be from 1 to 50"),
    ("1234567890", None, "box must be from 1 to 999999999"),   # the largest taken is named
])
def test_an_out_of_range_message_says_the_range_the_person_may_type(typed, maximum, said):
    _value, errors = validate_int("box", typed, minimum=1, maximum=maximum)
    assert [(e.code, e.message) for e in errors] == [("out_of_range", said)]


def test_the_largest_number_taken_is_not_itself_too_large():
    """Without a maximum the range said is "at least `minimum`" for every number up to
    999 999 999, that one too; only a larger one is told the largest taken."""
    assert validate_int("n", "999999999", minimum=1) == (999_999_999, [])
    _value, errors = validate_int("n", 999_999_999, minimum=1_000_000_000)
    assert [(e.message, e.params) for e in errors] == [
        ("n must be at least 1000000000", {"min": 1_000_000_000, "max": None})]


def test_validate_int_refuses_integers_too_large_to_store():
    result, errors = validate_int("box", 10**30, minimum=1)
    assert result is None and errors


# -- without_forbidden_characters ------------------------------------------------------------

def test_text_with_nothing_forbidden_is_kept_as_it_is():
    text = "Cápsula rachada \u2013 lote 12 \U0001F44D a\u00a0b"
    assert without_forbidden_characters(text) == text
    assert without_forbidden_characters(text, lambda ch: "?", keep="\n") == text


def test_forbidden_characters_become_spaces_by_default():
    """A note pasted from an e-mail with a tab, a zero-width space or a direction override,
    quoted in a document the program writes: each such character a space, the rest as typed."""
    assert without_forbidden_characters("alarme\tok\u200bfeito\u202eCápsula\x00!") == (
        "alarme ok feito Cápsula !")
    assert without_forbidden_characters("linha 1\r\nlinha 2\u2028fim") == "linha 1  linha 2 fim"
    for bad in CONTROL_AND_FORMAT:
        assert not has_forbidden_characters(without_forbidden_characters(f"a{bad}b"))


def test_forbidden_characters_get_the_replacement_asked_for_except_those_kept():
    """The audit pane shows a body's line breaks but escapes an override (`\\u202e`)."""
    escaped = without_forbidden_characters("{\n  \"reason\": \"a\u202eb\tc\"\n}",
                                           lambda ch: f"<{ord(ch):04x}>", keep="\n")
    assert escaped == "{\n  \"reason\": \"a<202e>b<0009>c\"\n}"
    assert without_forbidden_characters("a\nb\tc", lambda ch: "_") == "a_b_c"


def test_has_forbidden_characters_plain_text():
    assert not has_forbidden_characters("Lote 12 – Cápsula Fina 🙂")
    assert has_forbidden_characters("x\x7f")
    assert not math.isnan(parse_decimal("0"))


# -- usernames and reasons ----------------------------------------------------------------------

def test_usernames_are_one_account_whatever_the_case_and_spaces():
    assert normalize_username("  Maria.S ") == "maria.s"
    assert normalize_username(None) == "" and normalize_username(42) == ""
    assert validate_username(" Maria_2 ") == ("maria_2", [])


@pytest.mark.parametrize("name", ["ab", "a" * 32, "0-9", "j.doe_2"])
def test_usernames_at_the_limits_are_accepted(name):
    assert validate_username(name) == (name, [])


@pytest.mark.parametrize(("value", "code"), [
    ("a", "username_format"),            # one character: at least two
    ("a" * 33, "too_long"),              # at most 32
    ("-ana", "username_format"),         # starts with a letter or digit
    ("ana silva", "username_format"),    # no spaces inside
    ("ana\u202e", "control_characters"),
    ("", "required"),
    (None, "required"),
    (7, "type"),
])
def test_bad_usernames_are_refused_with_a_code(value, code):
    name, errors = validate_username(value, "login")
    assert name is None
    assert [(e.field, e.code) for e in errors] == [("login", code)]


def test_the_username_format_error_says_what_is_allowed():
    _, errors = validate_username("-x")
    assert errors == [FieldError("username", "username_format",
                                 "username must be 2 to 32 letters, digits, '.', '_' or '-', "
                                 "starting with a letter or digit")]


@pytest.mark.parametrize(("typed", "kept"), [
    (None, ""), ("", ""), ("   ", ""),             # a site's name is optional
    ("  Fábrica Norte ", "Fábrica Norte"),
    ("N" * 100, "N" * 100),
])
def test_a_site_name_is_optional_and_kept_trimmed(typed, kept):
    assert validate_site_name(typed) == kept


@pytest.mark.parametrize(("typed", "code", "params"), [
    ("N" * 101, "too_long", {"max": 100}),
    ("Fábrica\u202eNorte", "control_characters", {}),
    ("Fábrica\tNorte", "control_characters", {}),
    (42, "type", {}),
])
def test_a_site_name_that_could_not_be_shown_as_typed_is_refused(typed, code, params):
    """It goes into the site's signed genesis entry, where it can never be corrected."""
    with pytest.raises(ValidationFailed) as raised:
        validate_site_name(typed)
    assert [(e.field, e.code, e.params) for e in raised.value.errors] == [
        ("site_name", code, params)]
    with pytest.raises(ValidationFailed) as raised:
        validate_site_name(typed, "name")
    assert [e.field for e in raised.value.errors] == ["name"]


def test_a_reason_is_kept_trimmed_from_its_minimum_length():
    assert validate_reason("  " + "x" * MIN_REASON_LENGTH + " ") == "x" * MIN_REASON_LENGTH


@pytest.mark.parametrize(("reason", "code"), [
    ("x" * (MIN_REASON_LENGTH - 1), "too_short"),
    ("x" * (TEXT_MAX + 1), "too_long"),
    ("   ", "required"),
    (None, "required"),
])
def test_a_reason_too_short_too_long_or_missing_is_refused(reason, code):
    with pytest.raises(ValidationFailed) as raised:
        validate_reason(reason, "why")
    assert [(e.field, e.code) for e in raised.value.errors] == [("why", code)]


def test_a_reason_error_belongs_next_to_the_reason_field_unless_told_otherwise():
    with pytest.raises(ValidationFailed) as raised:
        validate_reason("short")
    assert [(e.field, e.code) for e in raised.value.errors] == [("reason", "too_short")]


def test_a_long_number_under_a_maximum_above_nine_digits_is_the_number_typed():
    """A caller whose maximum has ten digits (a record's version, up to INT_MAX) gets the
    number typed; it was read as one past nine digits (1,000,000,000)."""
    assert validate_int("version", "1234567890", minimum=1, maximum=INT_MAX) == (1234567890, [])


def test_a_text_above_the_maximum_is_refused_whatever_its_length():
    value, errors = validate_int("version", "2147483648", minimum=1, maximum=INT_MAX)
    assert value is None and [e.code for e in errors] == ["out_of_range"]


def test_a_unit_weight_of_spaces_is_left_blank_and_taken_from_the_catalog():
    """As an empty field: the size's unit weight from the catalog (spaces or a tab gave a
    record with no unit weight)."""
    raw = {"lot": "L1", "box": "1", "size": "#1", "cam_d": "3", "cam_w": "4"}
    catalog = default_catalog()
    expected = validate_record_input({**raw, "unit_weight_kg": ""}, catalog).unit_weight_kg
    assert expected == 0.000076
    for blank in ("   ", "\t"):
        assert validate_record_input({**raw, "unit_weight_kg": blank},
                                     catalog).unit_weight_kg == expected


def test_a_long_negative_number_above_a_minimum_below_nine_digits_is_the_number_typed():
    """The bound that lets ten digits through may be the minimum's (a range from -INT_MAX up
    to 0)."""
    assert validate_int("offset", "-1234567890", minimum=-INT_MAX, maximum=0) == (
        -1234567890, [])
