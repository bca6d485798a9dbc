"""The downtime part of the site catalog (config/downtime.py) to and from its JSON document.

A catalog published before this part existed has no "downtime" key: the defaults apply. Errors
are named after where the editor shows the value (`downtime.rates.2.stop_after_minutes`).
"""

from __future__ import annotations

import re
from typing import Any, Mapping

from config.downtime import DEFAULT_REASONS, DowntimeSettings, PlannedBreak, SizeRate
from models.validation import FieldError
from utils.catalog_checks import bounded_list, section

REASON_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
MAX_RATES = 200
MAX_BREAKS = 24
MAX_REASONS = 32


def downtime_to_dict(settings: DowntimeSettings) -> dict[str, Any]:
    return {
        "reasons": list(settings.reasons),
        "rates": [{"size": r.size, "ideal_boxes_per_hour": r.ideal_boxes_per_hour,
                   "stop_after_minutes": r.stop_after_minutes} for r in settings.rates],
        "breaks": [{"start": b.start, "minutes": b.minutes} for b in settings.breaks],
        "default_stop_after_minutes": settings.default_stop_after_minutes,
        "default_ideal_boxes_per_hour": settings.default_ideal_boxes_per_hour,
    }


def _number(errors: list[FieldError], field: str, value: Any, low: float, high: float,
            whole: bool = False) -> float:
    wrong_type = isinstance(value, bool) or not isinstance(value, (int, float)) or value != value
    if wrong_type or (whole and not float(value).is_integer()):
        errors.append(FieldError(field, "not_a_number", f"{field} must be a number"))
        return low
    if not low <= value <= high:
        errors.append(FieldError(field, "out_of_range", f"{field} must be between {low} and "
                                 f"{high}", {"min": low, "max": high}))
        return low
    return float(value)


def downtime_from_dict(raw: Any, errors: list[FieldError]) -> DowntimeSettings:
    """The settings in `raw` (None: the defaults); problems are appended to `errors`."""
    raw = section(raw, "downtime", errors)
    if raw is None:
        return DowntimeSettings()
    reasons: list[str] = list(DEFAULT_REASONS)
    extra = bounded_list("downtime.reasons", raw.get("reasons", list(DEFAULT_REASONS)),
                         MAX_REASONS, errors)
    for index, reason in enumerate(extra):
        if not isinstance(reason, str) or not REASON_PATTERN.match(reason):
            errors.append(FieldError(f"downtime.reasons.{index}", "bad_code",
                                     "a reason code is a-z, 0-9 and _, up to 32 characters"))
        elif reason not in reasons:
            reasons.append(reason)

    default_minutes = int(_number(errors, "downtime.default_stop_after_minutes",
                                  raw.get("default_stop_after_minutes", 15), 1, 480, True))
    default_rate = _number(errors, "downtime.default_ideal_boxes_per_hour",
                           raw.get("default_ideal_boxes_per_hour", 12.0), 0.01, 100000)
    rates: list[SizeRate] = []
    for index, entry in enumerate(bounded_list("downtime.rates", raw.get("rates", []),
                                               MAX_RATES, errors)):
        entry = entry if isinstance(entry, Mapping) else {}
        size = entry.get("size")
        if not isinstance(size, str) or not size.strip() or len(size) > 20:
            errors.append(FieldError(f"downtime.rates.{index}.size", "required",
                                     "each rate names a size"))
            continue
        if any(r.size == size for r in rates):
            errors.append(FieldError(f"downtime.rates.{index}.size", "duplicate",
                                     f"size {size!r} twice"))
            continue
        rate = _number(errors, f"downtime.rates.{index}.ideal_boxes_per_hour",
                       entry.get("ideal_boxes_per_hour"), 0.01, 100000)
        minutes = _number(errors, f"downtime.rates.{index}.stop_after_minutes",
                          entry.get("stop_after_minutes"), 1, 480, True)
        rates.append(SizeRate(size, rate, int(minutes)))

    breaks: list[PlannedBreak] = []
    for index, entry in enumerate(bounded_list("downtime.breaks", raw.get("breaks", []),
                                               MAX_BREAKS, errors)):
        entry = entry if isinstance(entry, Mapping) else {}
        start = entry.get("start")
        if not isinstance(start, str) or not TIME_PATTERN.match(start):
            errors.append(FieldError(f"downtime.breaks.{index}.start", "not_a_time",
                                     "a break starts at a time HH:MM"))
            continue
        minutes = _number(errors, f"downtime.breaks.{index}.minutes", entry.get("minutes"),
                          1, 240, True)
        breaks.append(PlannedBreak(start, int(minutes)))
    return DowntimeSettings(tuple(reasons), tuple(rates), tuple(breaks), default_minutes,
                            default_rate)
