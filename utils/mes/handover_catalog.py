"""The site catalog's shift handover section (config/handover.py) as plain data, checked field
by field: `handover_to_dict` for the published document, `handover_from_dict` while checking
one (called from utils/site_catalog.py), each problem a FieldError named after where the editor
shows it (`handover.offer_before_end_minutes`). A catalog published before the section existed
has none: the defaults apply."""

from __future__ import annotations

from typing import Any, Mapping

from config.handover import AFTER_END_RANGE, BEFORE_END_RANGE, HandoverSettings
from models.validation import FieldError


def handover_to_dict(settings: HandoverSettings) -> dict[str, Any]:
    return {"offer_before_end_minutes": settings.offer_before_end_minutes,
            "offer_after_end_minutes": settings.offer_after_end_minutes}


def _minutes(field: str, value: Any, default: int, bounds: tuple[int, int],
             errors: list[FieldError]) -> int:
    if value is None:
        return default
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors.append(FieldError(field, "out_of_range", f"{field} must be a whole number of "
                                 f"minutes from {low} to {high}", {"min": low, "max": high}))
        return default
    return value


def handover_from_dict(raw: Any, errors: list[FieldError]) -> HandoverSettings:
    """The handover settings of a catalog document; problems are added to `errors`."""
    if raw is None:
        return HandoverSettings()
    if not isinstance(raw, Mapping):
        errors.append(FieldError("handover", "not_an_object", "handover must be an object"))
        return HandoverSettings()
    defaults = HandoverSettings()
    return HandoverSettings(
        _minutes("handover.offer_before_end_minutes", raw.get("offer_before_end_minutes"),
                 defaults.offer_before_end_minutes, BEFORE_END_RANGE, errors),
        _minutes("handover.offer_after_end_minutes", raw.get("offer_after_end_minutes"),
                 defaults.offer_after_end_minutes, AFTER_END_RANGE, errors))
