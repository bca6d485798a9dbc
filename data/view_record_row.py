"""A record's row for the site view, from an event's `after`: every column checked for its type
and shape (a journal is someone's input, certified or not), or None when it is not a record;
then its content against what local entry accepts (`record_problem`).
"""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import Any

from models.record_checks import (
    EVENT_CODE_MAX, NAME_MAX, RECORD_TIME_MAX, RECORD_TIME_MIN, UTC_TEXT, event_errors,
    validate_record_version,
)
from models.record_ids import record_id_problem
from models.validation import ValidationFailed

_REQUIRED = ("record_id", "station_id", "lot", "size", "operator", "recorded_at", "origin",
             "status")
_OPTIONAL_TEXT = ("reason", "editor", "edited_at", "rej1_defect", "rej1_location",
                  "rej2_defect", "rej2_location", "rej3_defect", "rej3_location")
# UTC_TEXT: canonical UTC text (models/canonical.format_utc); every time filter and the
# aggregates rely on its order. A date that matches and still does not exist (30 February) is
# refused by `record_problem`.


def record_row(after: Any, source_station: str, source_seq: int) -> dict[str, Any] | None:
    """A record event's `after` (models/record.audit_view) as a view row; None when it is not
    a well-formed record (a sealed journal vouches for who wrote it, not for its shape)."""
    if type(after) is not dict:
        return None
    get = after.get
    rejections = get("rejections") or []
    if type(rejections) is not list or len(rejections) > 3:
        return None
    # A dict display and tuple getters, not loops over names: this runs once per record
    # while catching up with millions.
    row = {"record_id": get("record_id"), "version": get("version"),
           "station_id": get("station"), "lot": get("lot"), "box": get("box"),
           "size": get("size"), "unit_weight_kg": get("unit_weight_kg"),
           "rej1_defect": None, "rej1_location": None, "rej2_defect": None,
           "rej2_location": None, "rej3_defect": None, "rej3_location": None,
           "cam_d": get("cam_d"), "cam_w": get("cam_w"), "operator": get("operator"),
           "recorded_at": get("recorded_at"), "utc_offset_minutes": get("utc_offset_minutes"),
           "origin": get("origin"), "status": get("status"), "reason": get("reason"),
           "editor": get("editor"), "edited_at": get("edited_at"),
           "base_version": get("base_version"),
           "source_station": source_station, "source_seq": source_seq}
    for index, pair in enumerate(rejections, 1):
        if pair is None:
            continue
        if type(pair) is not list or len(pair) != 2:
            return None
        row[f"rej{index}_defect"], row[f"rej{index}_location"] = pair
    for value in _required(row):
        if type(value) is not str:
            return None
    for value in _optional_text(row):
        if value is not None and type(value) is not str:
            return None
    version, box, offset, base_version = _integers(row)
    if not (type(version) is int and type(box) is int and type(offset) is int):
        return None
    if base_version is not None and type(base_version) is not int:
        return None
    for value in _numbers(row):
        if value is not None and not _is_number(value):
            return None
    if not UTC_TEXT.match(row["recorded_at"]):
        return None
    return row


def record_problem(row: dict[str, Any]) -> str | None:
    """Why a well-formed row (`record_row`) holds what local entry would refuse (a lot code
    with direction characters, box -5, CAM 1e308, year 9999...) or a version whose id was
    made for another station than it names, or None: such a version is not taken into the
    view (it is its station's anomaly; its journal is read on)."""
    try:
        validate_record_version(row)
    except ValidationFailed as failed:
        return str(failed)
    # Every version names its record's owner (a correction copies it): its id must have been
    # made for that station when it is of the form that says so (models/record_ids.py). A
    # later version is checked too, or one naming another station would wait for a version
    # 1 that can never be taken (data/view_ownership.py).
    return record_id_problem(row["record_id"], row["station_id"])


def event_problem(ts: Any, user: Any, role: Any, action: Any, entity: Any) -> str | None:
    """Why an event's base fields hold what its station's chain never writes (a time of year
    9999 or 30 February, a user or action with direction characters: `event_errors`), or None:
    such an event is not taken into the view (its station's anomaly; its journal is read on).
    Every event of a catch-up passes here: what plainly passes (a time in range, short plain
    ASCII texts: nothing to normalise, no control or direction character) is let through
    without the full checks, a quarter of their cost."""
    if (type(ts) is str and RECORD_TIME_MIN <= ts < RECORD_TIME_MAX and UTC_TEXT.match(ts)
            and _plain(user, NAME_MAX) and _plain(role, EVENT_CODE_MAX)
            and _plain(action, EVENT_CODE_MAX) and action and action.strip()
            and _plain(entity, EVENT_CODE_MAX)):
        try:
            datetime.fromisoformat(ts[:-1])  # a day that exists (not 30 February)
            return None
        except ValueError:
            pass
    errors = event_errors(ts, user, role, action, entity)
    return str(ValidationFailed(errors)) if errors else None


def _plain(value: Any, max_length: int) -> bool:
    return value is None or (type(value) is str and len(value) <= max_length
                             and value.isascii() and value.isprintable())


_required = itemgetter(*_REQUIRED)
_optional_text = itemgetter(*_OPTIONAL_TEXT)
_integers = itemgetter("version", "box", "utc_offset_minutes", "base_version")
_numbers = itemgetter("cam_d", "cam_w", "unit_weight_kg")


def _is_int(value: Any) -> bool:
    return type(value) is int


def _is_number(value: Any) -> bool:
    return (type(value) is float and value == value and value not in (_INF, -_INF)) \
        or type(value) is int


_INF = float("inf")
