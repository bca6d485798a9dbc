"""Field-level validation of what a person or a file typed.

Each problem is a `FieldError` with a stable `code` (the GUI translates it), the `field` it
belongs next to, and an English message for logs and the CLI. Nothing is half accepted: a draft
is returned only when every field is valid.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from config.catalog import LOCATION_NOT_RECORDED, NO_REJECTION, Catalog
from models.record import MIN_REASON_LENGTH, RecordDraft, Rejection

LOT_CODE_MAX = 40
TEXT_MAX = 500
_LOT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._/#-]*\Z")
# ASCII digits only: "１２" or "١٢" look like numbers but are not what the operator typed.
_NUMBER = re.compile(r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)\Z")
# The same with an exponent, as Python's repr and pandas write small floats (7.6e-05), also
# with a decimal comma (pandas' `decimal=","` writes 7,6e-05).
_NUMBER_WITH_EXPONENT = re.compile(
    r"[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)([eE][+-]?[0-9]{1,3})?\Z")
INT_MAX = 2**31 - 1  # what every database we target stores in an INTEGER column


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


class ValidationFailed(ValueError):
    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(_said(e) for e in errors))


def _said(error: FieldError) -> str:
    """"field: message", unless the message names its field already ("username must be...":
    "username: username must be..." read as a stutter)."""
    if error.message.startswith(error.field):
        return error.message
    return f"{error.field}: {error.message}"


_FORBIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Zl", "Zp")


def has_forbidden_characters(text: str) -> bool:
    """Control characters, bidi overrides and other format characters are never accepted."""
    if text.isprintable():  # at once for nearly every text (a record's, from another PC, too)
        return False  # (printable: none of these categories, nor a space other than " ")
    return any(unicodedata.category(ch) in _FORBIDDEN_CATEGORIES for ch in text)


def without_forbidden_characters(text: str, replacement: Callable[[str], str] = lambda _c: " ",
                                 keep: str = "") -> str:
    """`text` with each character `has_forbidden_characters` looks for (but those in `keep`)
    replaced: by a space, for a text the program copies into a document of its own (a
    handover's summary quoting a note someone typed), which must hold nothing every PC's site
    view refuses; by its escape, to show someone else's text (gui/admin/audit_model.py)."""
    if not has_forbidden_characters(text):
        return text
    return "".join(replacement(ch) if ch not in keep
                   and unicodedata.category(ch) in _FORBIDDEN_CATEGORIES else ch for ch in text)


def parse_decimal(text: str, *, allow_exponent: bool = False) -> float:
    """'3,5' and '3.5' both mean 3.5. Thousands separators are refused as ambiguous.

    `allow_exponent` also takes scientific notation ('7.6e-05', '7,6e-05'), for files written
    by programs; a person typing into a form never means it, so forms leave it off.
    """
    cleaned = text.strip()
    pattern = _NUMBER_WITH_EXPONENT if allow_exponent else _NUMBER
    if not pattern.match(cleaned):
        raise ValueError(text)
    value = float(cleaned.replace(",", "."))
    if math.isnan(value) or math.isinf(value):
        raise ValueError(text)
    return value


def validate_text(field_name: str, value: Any, *, required: bool, max_length: int = TEXT_MAX,
                  min_length: int = 0) -> tuple[str | None, list[FieldError]]:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            return None, [FieldError(field_name, "required", f"{field_name} is required")]
        return None, []
    if not isinstance(value, str):
        return None, [FieldError(field_name, "type", f"{field_name} must be text")]
    text = unicodedata.normalize("NFC", value.strip())  # "Cápsula" typed either way is one word
    if has_forbidden_characters(text):
        return None, [FieldError(field_name, "control_characters",
                                 f"{field_name} contains control or direction characters")]
    if len(text) > max_length:
        return None, [FieldError(field_name, "too_long",
                                 f"{field_name} is longer than {max_length} characters",
                                 {"max": max_length})]
    if len(text) < min_length:
        return None, [FieldError(field_name, "too_short",
                                 f"{field_name} needs at least {min_length} characters",
                                 {"min": min_length})]
    return text, []


def validate_lot_code(value: Any, field_name: str = "lot") -> tuple[str | None, list[FieldError]]:
    text, errors = validate_text(field_name, value, required=True, max_length=LOT_CODE_MAX)
    if errors or text is None:
        return None, errors
    if not _LOT_CODE.match(text):
        return None, [FieldError(field_name, "lot_format",
                                 "lot code may hold letters, digits, space and . _ / # - only")]
    return text, []


# A whole number as a person types it: a sign, ASCII digits, spaces around.
_WHOLE = re.compile(r" *([+-]?)([0-9]+) *")
# The largest whole number taken where the caller names no maximum: nine digits, more than any
# box or count of ours, and within what every database stores (INT_MAX).
WHOLE_MAX = 999_999_999


def _whole_number(sign: str, digits: str, limit: int) -> int:
    """The number typed; one past `limit` (either sign) when it has more digits than `limit`,
    so the range check refuses it as too large (or too small) without converting a long text.
    `limit`: at least WHOLE_MAX, and the caller's bounds' magnitude when larger (a version up
    to INT_MAX: "1234567890" is that number, not one past nine digits)."""
    digits = digits.lstrip("0") or "0"
    magnitude = limit + 1 if len(digits) > len(str(limit)) else int(digits)
    return -magnitude if sign == "-" else magnitude


def validate_int(field_name: str, value: Any, *, minimum: int, maximum: int | None = None
                 ) -> tuple[int | None, list[FieldError]]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, [FieldError(field_name, "required", f"{field_name} is required")]
    if isinstance(value, bool):
        return None, [FieldError(field_name, "integer", f"{field_name} must be a whole number")]
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and (typed := _WHOLE.fullmatch(value)):
        number = _whole_number(*typed.groups(),
                               max(WHOLE_MAX, abs(minimum), abs(maximum or 0)))
    else:
        return None, [FieldError(field_name, "integer", f"{field_name} must be a whole number")]
    # A whole number out of range ("-5", "0", "1234567890") is told the range, not that it is
    # not a whole number. Without a maximum the range is "at least `minimum`", unless the
    # number is above WHOLE_MAX: then that limit is the one named.
    if maximum is None and number > WHOLE_MAX:
        maximum = WHOLE_MAX
    if number < minimum or (maximum is not None and number > maximum):
        allowed = (f"at least {minimum}" if maximum is None
                   else f"from {minimum} to {maximum}")
        return None, [FieldError(field_name, "out_of_range", f"{field_name} must be {allowed}",
                                 {"min": minimum, "max": maximum})]
    return number, []


def validate_measurement(field_name: str, value: Any, low: float, high: float, *, required: bool,
                         decimals: int = 4) -> tuple[float | None, list[FieldError]]:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            return None, [FieldError(field_name, "required", f"{field_name} is required")]
        return None, []
    if isinstance(value, bool):
        return None, [FieldError(field_name, "number", f"{field_name} must be a number")]
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return None, [FieldError(field_name, "number", f"{field_name} must be a number")]
    else:
        try:
            number = parse_decimal(str(value))
        except ValueError:
            return None, [FieldError(field_name, "number",
                                     f"{field_name} must be a number such as 3,5")]
    if not low <= number <= high:
        return None, [FieldError(field_name, "out_of_range",
                                 f"{field_name} must be from {low:g} to {high:g}",
                                 {"min": low, "max": high})]
    return round(number, decimals) + 0.0, []  # + 0.0 turns -0.0 into 0.0


def not_in_catalog(field_name: str, what: str, value: str) -> FieldError:
    """`value` of `field_name` (a `what`: size, defect, location) is not in the catalog."""
    return FieldError(field_name, "not_in_catalog", f"{what} {value!r} is not in the catalog",
                      {"value": value})


_NONE = (None, "", NO_REJECTION)  # a pair's side left empty


def _rejection(index: int, defect: Any, location: Any, catalog: Catalog,
               allow_unrecorded_location: bool) -> Rejection | FieldError:
    """Rejection `index` (1..), or the first thing wrong with it: the defect is checked before
    the location, each for being there and then for being in the catalog."""
    if defect in _NONE:
        return FieldError(f"rej{index}_defect", "defect_missing",
                          "choose the defect for this location")
    if defect not in catalog.defects:
        return not_in_catalog(f"rej{index}_defect", "defect", defect)
    if location == LOCATION_NOT_RECORDED and allow_unrecorded_location:
        return Rejection(defect, LOCATION_NOT_RECORDED)
    if location in _NONE or location == LOCATION_NOT_RECORDED:
        return FieldError(f"rej{index}_location", "location_missing",
                          "choose where the defect is (Cap, Body, Cap/Body)")
    if location not in catalog.locations:
        return not_in_catalog(f"rej{index}_location", "location", location)
    return Rejection(defect, location)


def validate_rejections(pairs: list[tuple[Any, Any]], catalog: Catalog, *,
                        allow_unrecorded_location: bool = False
                        ) -> tuple[tuple[Rejection, ...], list[FieldError]]:
    """Defect and location pairs; `allow_unrecorded_location` accepts LOCATION_NOT_RECORDED as
    the location of a known defect (imports of the old system, and corrections of them). A
    person entering a box always names the location."""
    errors: list[FieldError] = []
    rejections: list[Rejection] = []
    if len(pairs) > catalog.max_rejections:
        errors.append(FieldError("rejections", "too_many",
                                 f"at most {catalog.max_rejections} rejections",
                                 {"max": catalog.max_rejections}))
    for index, (defect, location) in enumerate(pairs[: catalog.max_rejections], start=1):
        defect_text = (defect or "").strip() if isinstance(defect, str) else defect
        location_text = (location or "").strip() if isinstance(location, str) else location
        if defect_text in _NONE and location_text in _NONE:
            continue
        checked = _rejection(index, defect_text, location_text, catalog,
                             allow_unrecorded_location)
        if isinstance(checked, Rejection):
            rejections.append(checked)
        else:
            errors.append(checked)
    return tuple(rejections), errors


def validate_record_input(raw: Mapping[str, Any], catalog: Catalog, *,
                          total_boxes: int | None = None,
                          require_measurements: bool = True,
                          allow_unrecorded_location: bool = False) -> RecordDraft:
    """Check a form or file row; return a draft or raise `ValidationFailed` with every error.

    `raw` keys: lot, box, size, rej1_defect, rej1_location, ... rej3_*, cam_d, cam_w,
    optionally unit_weight_kg (else taken from the catalog for the size).
    `allow_unrecorded_location`: see `validate_rejections`.
    """
    errors: list[FieldError] = []
    lot, found = validate_lot_code(raw.get("lot"))
    errors += found
    box, found = validate_int("box", raw.get("box"), minimum=1, maximum=total_boxes)
    errors += found
    size, found = validate_text("size", raw.get("size"), required=True, max_length=20)
    errors += found
    if size is not None and size not in catalog.sizes:
        errors.append(not_in_catalog("size", "size", size))
        size = None
    pairs = [(raw.get(f"rej{i}_defect"), raw.get(f"rej{i}_location"))
             for i in range(1, catalog.max_rejections + 1)]
    rejections, found = validate_rejections(
        pairs, catalog, allow_unrecorded_location=allow_unrecorded_location)
    errors += found
    measured: dict[str, float | None] = {}
    for measurement in catalog.measurements:
        value, found = validate_measurement(measurement.key, raw.get(measurement.key),
                                            measurement.minimum, measurement.maximum,
                                            required=require_measurements)
        measured[measurement.key] = value
        errors += found
    unit_weight: float | None = None
    typed_weight = raw.get("unit_weight_kg")
    if not (typed_weight is None or (isinstance(typed_weight, str) and not typed_weight.strip())):
        unit_weight, found = validate_measurement("unit_weight_kg", typed_weight, 0.0, 1.0,
                                                  required=False, decimals=9)
        errors += found
    elif size is not None:  # left blank (spaces or a tab too): the size's, from the catalog
        unit_weight = catalog.unit_weight_for_size(size)
    if errors:
        raise ValidationFailed(errors)
    assert lot is not None and box is not None and size is not None
    return RecordDraft(lot=lot, box=box, size=size, unit_weight_kg=unit_weight,
                       rejections=rejections, cam_d=measured.get("cam_d"),
                       cam_w=measured.get("cam_w"))


USERNAME_MAX = 32
FULL_NAME_MAX = 100
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,31}\Z")


def normalize_username(value: Any) -> str:
    """Usernames are compared case-insensitively: 'Maria ' and 'maria' are one account."""
    return value.strip().lower() if isinstance(value, str) else ""


def validate_username(value: Any, field_name: str = "username"
                      ) -> tuple[str | None, list[FieldError]]:
    """2 to 32 of a-z, 0-9, '.', '_', '-', starting with a letter or digit (badge-scanner safe)."""
    text, errors = validate_text(field_name, value, required=True, max_length=USERNAME_MAX)
    if errors or text is None:
        return None, errors
    name = normalize_username(text)
    if not _USERNAME.match(name):
        return None, [FieldError(field_name, "username_format",
                                 "username must be 2 to 32 letters, digits, '.', '_' or '-', "
                                 "starting with a letter or digit")]
    return name, []


SITE_NAME_MAX = FULL_NAME_MAX  # a plant's name, as a person's: one line on a screen or label


def validate_site_name(value: Any, field_name: str = "site_name") -> str:
    """A site's name (optional: "" when none), checked as a full name is: no control, format or
    direction characters, at most SITE_NAME_MAX characters; raises ValidationFailed. It goes
    into the site's signed genesis entry, where it can never be corrected."""
    text, errors = validate_text(field_name, value, required=False, max_length=SITE_NAME_MAX)
    if errors:
        raise ValidationFailed(errors)
    return text or ""


def validate_reason(reason: Any, field_name: str = "reason") -> str:
    """A change's justification: at least MIN_REASON_LENGTH characters; raises ValidationFailed."""
    text, errors = validate_text(field_name, reason, required=True, max_length=TEXT_MAX,
                                 min_length=MIN_REASON_LENGTH)
    if errors:
        raise ValidationFailed(errors)
    assert text is not None
    return text
