"""The site catalog's SPC section (config/spc.py) as plain data, checked field by field.

Called from utils/site_catalog.py: `spc_to_dict` for the published document and
`spc_from_dict` while checking one, each problem a FieldError named after where the editor
shows it (`spc.specs.2.upper`).
"""

from __future__ import annotations

import math
from typing import Any, Mapping

from config.spc import SPC_MEASUREMENTS, SpcSettings, SpecLimit
from models.validation import FieldError
from utils.catalog_checks import bounded_list, required_text, section, whole_number

MAX_SPECS = 200
POINTS_RANGE = (2, 10_000)


def spc_to_dict(settings: SpcSettings) -> dict[str, Any]:
    return {"specs": [{"size": s.size, "measurement": s.measurement, "lower": s.lower,
                       "upper": s.upper} for s in settings.specs],
            "min_baseline_points": settings.min_baseline_points,
            "min_capability_points": settings.min_capability_points}


def _limit(field: str, value: Any, errors: list[FieldError]) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        errors.append(FieldError(field, "not_a_number", f"{field} must be a number"))
        return None
    if not 0 <= value <= 100:
        errors.append(FieldError(field, "out_of_range", f"{field} must be between 0 and 100",
                                 {"min": 0, "max": 100}))
    return float(value)


def spc_from_dict(raw: Any, errors: list[FieldError]) -> SpcSettings:
    """The SPC settings of a catalog document (absent: the defaults, no specification limits);
    problems are added to `errors`."""
    body = section(raw, "spc", errors)
    defaults = SpcSettings()
    if body is None:
        return defaults
    entries = bounded_list("spc.specs", body.get("specs") or [], MAX_SPECS, errors)
    specs: list[SpecLimit] = []
    seen: set[tuple[str, str]] = set()
    for index, entry in enumerate(entries):
        field = f"spc.specs.{index}"
        entry = entry if isinstance(entry, Mapping) else {}
        size = required_text(f"{field}.size", entry.get("size"), 20, errors)
        measurement = entry.get("measurement")
        if measurement not in SPC_MEASUREMENTS:
            errors.append(FieldError(f"{field}.measurement", "unknown",
                                     f"{field}.measurement must be one of {SPC_MEASUREMENTS}"))
            continue
        lower = _limit(f"{field}.lower", entry.get("lower"), errors)
        upper = _limit(f"{field}.upper", entry.get("upper"), errors)
        if lower is None and upper is None:
            errors.append(FieldError(f"{field}.upper", "required", "a lower or an upper limit"))
        elif lower is not None and upper is not None and lower >= upper:
            errors.append(FieldError(f"{field}.upper", "not_above_minimum",
                                     "the upper limit must be above the lower one"))
        if size is None:
            continue
        if (size, measurement) in seen:
            errors.append(FieldError(f"{field}.size", "duplicate",
                                     f"{size} {measurement} twice"))
            continue
        seen.add((size, measurement))
        specs.append(SpecLimit(size, measurement, lower, upper))
    return SpcSettings(
        tuple(specs),
        whole_number("spc.min_baseline_points", body.get("min_baseline_points"),
                     defaults.min_baseline_points, POINTS_RANGE, errors),
        whole_number("spc.min_capability_points", body.get("min_capability_points"),
                     defaults.min_capability_points, POINTS_RANGE, errors))
