"""Checks every section of the site catalog makes alike (utils/site_catalog.py and the
utils/mes/*_catalog.py sections): a section that must be an object, a list with a bound, a
name that must be there, a whole number within a range.

The catalog arrives through the share, so every value is someone's input. Each problem is a
FieldError named after where the editor shows the value (`downtime.rates`), and each check
returns something the caller can go on with, so one publication lists every problem at once.
"""

from __future__ import annotations

from typing import Any, Mapping, TypeVar

from models.validation import FieldError, validate_text

Default = TypeVar("Default", int, None)


def section(raw: Any, name: str, errors: list[FieldError]) -> Mapping[str, Any] | None:
    """A section's body; None when it is absent (a catalog published before the section
    existed: the defaults apply) or, with an error added, when it is not an object."""
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        errors.append(FieldError(name, "not_an_object", f"{name} must be an object"))
        return None
    return raw


def bounded_list(field: str, value: Any, most: int, errors: list[FieldError]) -> list[Any]:
    """`value` when it is a list of at most `most` entries; otherwise an error and no entries
    (a list sized to exhaust the reader is refused before any entry is read)."""
    if isinstance(value, list) and len(value) <= most:
        return value
    errors.append(FieldError(field, "not_a_list", f"{field} must be a list of at most {most}"))
    return []


def required_text(field: str, value: Any, max_length: int,
                  errors: list[FieldError]) -> str | None:
    """The text (trimmed, NFC) when it is a name of at most `max_length` characters; None and
    its error (models/validation.py `validate_text`) when it is not."""
    text, found = validate_text(field, value, required=True, max_length=max_length)
    errors.extend(found)
    return text


def whole_number(field: str, value: Any, default: Default, bounds: tuple[int, int],
                 errors: list[FieldError], unit: str = "") -> int | Default:
    """`value` when it is a whole number within `bounds` (True is not a number here);
    `default` when it is absent, and, with an out_of_range error, when it is anything else.
    `unit` names what is counted in the message ("minutes")."""
    if value is None:
        return default
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        counted = f" of {unit}" if unit else ""
        errors.append(FieldError(field, "out_of_range", f"{field} must be a whole number"
                                 f"{counted} from {low} to {high}", {"min": low, "max": high}))
        return default
    return value
