"""The site catalog's shift handover section: round trip through the catalog document, bad
values named by their field, and a catalog without the section (published before it) taken
with the defaults (offered 30 min before a shift's end, until 2 h after it)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.catalog import Catalog
from config.handover import HandoverSettings
from models.validation import ValidationFailed
from utils.site_catalog import catalog_from_dict, catalog_to_dict


def test_the_handover_section_round_trips_and_defaults_when_absent():
    settings = HandoverSettings(offer_before_end_minutes=0, offer_after_end_minutes=480)
    document = catalog_to_dict(Catalog(handover=settings))
    assert document["handover"] == {"offer_before_end_minutes": 0, "offer_after_end_minutes": 480}
    taken = catalog_from_dict(document).handover
    assert taken == settings and taken.offer_after_end == timedelta(hours=8)
    del document["handover"]
    defaults = catalog_from_dict(document).handover
    assert defaults == HandoverSettings()
    assert (defaults.offer_before_end, defaults.offer_after_end) == (timedelta(minutes=30),
                                                                     timedelta(hours=2))
    document["handover"] = {"offer_before_end_minutes": 240}  # one named: the other's default
    assert catalog_from_dict(document).handover == HandoverSettings(240, 120)


@pytest.mark.parametrize("handover, field", [
    ({"offer_before_end_minutes": 241}, "handover.offer_before_end_minutes"),
    ({"offer_before_end_minutes": -1}, "handover.offer_before_end_minutes"),
    ({"offer_before_end_minutes": 30.5}, "handover.offer_before_end_minutes"),
    ({"offer_before_end_minutes": "30"}, "handover.offer_before_end_minutes"),
    ({"offer_after_end_minutes": 481}, "handover.offer_after_end_minutes"),
    ({"offer_after_end_minutes": True}, "handover.offer_after_end_minutes"),
    ("soon", "handover"),
])
def test_bad_handover_values_are_named(handover, field):
    document = catalog_to_dict(Catalog())
    document["handover"] = handover
    with pytest.raises(ValidationFailed) as failed:
        catalog_from_dict(document)
    assert field in [error.field for error in failed.value.errors]
    refused = next(e for e in failed.value.errors if e.field == field)
    assert refused.code in ("out_of_range", "not_an_object")
