"""The site catalog's shift handover section (config/handover.py) as plain data, checked field
by field: `handover_to_dict` for the published document, `handover_from_dict` while checking
one (called from utils/site_catalog.py), each problem a FieldError named after where the editor
shows it (`handover.offer_before_end_minutes`). A catalog published before the section existed
has none: the defaults apply."""

from __future__ import annotations

from typing import Any

from config.handover import AFTER_END_RANGE, BEFORE_END_RANGE, HandoverSettings
from models.validation import FieldError
from utils.catalog_checks import section, whole_number


def handover_to_dict(settings: HandoverSettings) -> dict[str, Any]:
    return {"offer_before_end_minutes": settings.offer_before_end_minutes,
            "offer_after_end_minutes": settings.offer_after_end_minutes}


def handover_from_dict(raw: Any, errors: list[FieldError]) -> HandoverSettings:
    """The handover settings of a catalog document; problems are added to `errors`."""
    body = section(raw, "handover", errors)
    defaults = HandoverSettings()
    if body is None:
        return defaults
    return HandoverSettings(
        whole_number("handover.offer_before_end_minutes", body.get("offer_before_end_minutes"),
                     defaults.offer_before_end_minutes, BEFORE_END_RANGE, errors, "minutes"),
        whole_number("handover.offer_after_end_minutes", body.get("offer_after_end_minutes"),
                     defaults.offer_after_end_minutes, AFTER_END_RANGE, errors, "minutes"))
