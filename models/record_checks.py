"""A record version written elsewhere (another PC's journal: models/record.audit_view), checked
against what local entry accepts before the site view takes it.

A sealed journal vouches for which PC wrote an event, not for what is in it: whoever copied a
production PC's files can write any record into that PC's own chain. So a version is taken only
if local entry could have written it, with local entry's own field checks
(models/validation.py): a lot code, a box from 1, texts without control or direction characters,
finite measurements within a catalog's bounds, a real time and a real time zone's offset.
Beyond those bounds the view's local hours, shifts and exports cannot even place a record
(year 9999 plus an hour overflows datetime), and the admin would be shown spoofed text.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Mapping

from config.catalog import DEFAULT_MEASUREMENTS, Measurement
from models.record import Origin, RecordStatus
from models.validation import (
    FULL_NAME_MAX, INT_MAX, TEXT_MAX, FieldError, ValidationFailed, has_forbidden_characters,
    validate_int, validate_lot_code, validate_measurement, validate_text,
)

# Canonical UTC text (models/canonical.format_utc): the site view's time filters and
# aggregates rely on its order.
UTC_TEXT = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):"
                      r"[0-5]\d:[0-5]\d\.\d{3}Z\Z")
# A real record's time (canonical texts compare in time order): a reset PC clock (1970, 2000)
# and any plant's lifetime fit, and a local time in any offset stays within datetime's range.
RECORD_TIME_MIN = "1900-01-01T00:00:00.000Z"
RECORD_TIME_MAX = "2200-01-01T00:00:00.000Z"
# A real time zone's offset is UTC-12 to UTC+14; datetime's own tzinfo allows under ±24 h.
UTC_OFFSET_MAX_MINUTES = 18 * 60
# A name on a record (operator, editor, a catalog's defect or location): a username is 32, an
# imported user 64 (data/legacy_import.OPERATOR_MAX), a catalog's name 40.
NAME_MAX = FULL_NAME_MAX
SIZE_MAX = 20  # as validate_record_input
_NAMES = ("rej1_defect", "rej1_location", "rej2_defect", "rej2_location", "rej3_defect",
          "rej3_location", "operator", "editor")
_STATUSES = frozenset(str(status) for status in RecordStatus)
_ORIGINS = frozenset(str(origin) for origin in Origin)


def validate_record_version(version: Mapping[str, Any],
                            measurements: tuple[Measurement, ...] = DEFAULT_MEASUREMENTS) -> None:
    """Raise ValidationFailed (every problem) unless a record version, as the site view's row
    (data/view_record_row.record_row: lot, box, size, rej1_defect ... rej3_location, cam_d,
    operator, recorded_at, utc_offset_minutes, ...), holds only what local entry accepts.
    `measurements`' bounds: by default the widest a site catalog may set (utils/site_catalog).
    The catalog's names are not asked for: a size or defect removed since stays in the records
    made with it."""
    get = version.get
    errors: list[FieldError] = []
    errors += validate_lot_code(get("lot"))[1] or _raw_text("lot", get("lot"))
    errors += validate_int("box", get("box"), minimum=1)[1]
    errors += stored_text_errors("size", get("size"), required=True, max_length=SIZE_MAX)
    for name in _NAMES:
        errors += stored_text_errors(name, get(name), required=name == "operator",
                                     max_length=NAME_MAX)
    errors += stored_text_errors("reason", get("reason"), required=False, max_length=TEXT_MAX)
    errors += stored_text_errors("record_id", get("record_id"), required=True, max_length=NAME_MAX)
    errors += stored_text_errors("station_id", get("station_id"), required=True,
                                 max_length=NAME_MAX)
    for measurement in measurements:
        errors += validate_measurement(measurement.key, get(measurement.key),
                                       measurement.minimum, measurement.maximum,
                                       required=False)[1]
    errors += validate_measurement("unit_weight_kg", get("unit_weight_kg"), 0.0, 1.0,
                                   required=False)[1]
    errors += validate_int("version", get("version"), minimum=1, maximum=INT_MAX)[1]
    if get("base_version") is not None:
        errors += validate_int("base_version", get("base_version"), minimum=0,
                               maximum=INT_MAX)[1]
    errors += validate_int("utc_offset_minutes", get("utc_offset_minutes"),
                           minimum=-UTC_OFFSET_MAX_MINUTES, maximum=UTC_OFFSET_MAX_MINUTES)[1]
    errors += record_time_errors("recorded_at", get("recorded_at"), required=True)
    errors += record_time_errors("edited_at", get("edited_at"), required=False)
    if get("status") not in _STATUSES:
        errors.append(FieldError("status", "not_allowed", "status is not a record's status"))
    if get("origin") not in _ORIGINS:
        errors.append(FieldError("origin", "not_allowed", "origin is not a record's origin"))
    if errors:
        raise ValidationFailed(errors)


def stored_text_errors(field_name: str, value: Any, *, required: bool,
                       max_length: int) -> list[FieldError]:
    """`validate_text`'s errors for a text as stored, else `_raw_text`'s (also the site view's
    check of the texts in other events of a journal: data/view_oee.py, data/view_handover.py)."""
    return (validate_text(field_name, value, required=required, max_length=max_length)[1]
            or _raw_text(field_name, value))


def _raw_text(field_name: str, value: Any) -> list[FieldError]:
    """Control characters where `validate_text` does not look: a form's text is checked (and
    stored) stripped, so a stored text ending in "\\x1f" or "\\x85" (whitespace to
    `str.strip`) was never typed."""
    if isinstance(value, str) and has_forbidden_characters(value):
        return [FieldError(field_name, "control_characters",
                           f"{field_name} contains control or direction characters")]
    return []


def record_time_errors(field_name: str, value: Any, *, required: bool) -> list[FieldError]:
    """A record's time: canonical UTC text of a day that exists (not 30 February), from
    RECORD_TIME_MIN to RECORD_TIME_MAX. Every time a PC writes into its chain is such a text
    (models/canonical.format_utc of its clock), so the site view checks the times of other
    events with it too (a stop's, a handover's, a signed act's)."""
    if value is None and not required:
        return []
    try:
        real = (isinstance(value, str) and UTC_TEXT.match(value) is not None
                and datetime.fromisoformat(value[:-1]) is not None)
    except ValueError:
        real = False
    if not real:
        return [FieldError(field_name, "time", f"{field_name} is not a time in UTC")]
    if not RECORD_TIME_MIN <= value < RECORD_TIME_MAX:
        return [FieldError(field_name, "out_of_range",
                           f"{field_name} must be from {RECORD_TIME_MIN[:10]} to "
                           f"{RECORD_TIME_MAX[:10]}")]
    return []


# The codes of an event the chain's append writes (utils/audit/chain.py): its role, action and
# entity are the program's own names ("record.create", "operator"), all far shorter.
EVENT_CODE_MAX = 64


def event_errors(ts: Any, user: Any, role: Any, action: Any, entity: Any) -> list[FieldError]:
    """What is wrong with an event's base fields, as a station's own chain writes them: its
    time is format_utc of the PC's clock (`record_time_errors`), its user a username, its role,
    action and entity the program's codes, none with control or direction characters. Its
    entity id and reason may hold what the station was given (a file's name), so not here."""
    errors = record_time_errors("ts", ts, required=True)
    errors += stored_text_errors("user", user, required=False, max_length=NAME_MAX)
    for name, value in (("role", role), ("action", action), ("entity", entity)):
        errors += stored_text_errors(name, value, required=name == "action",
                                     max_length=EVENT_CODE_MAX)
    return errors
