"""The site catalog's SPC section: round trip through the catalog document, every bad value
named by its field, and a catalog without the section (published before it) still taken."""

from __future__ import annotations

import pytest

from config.spc import SpcSettings, SpecLimit
from models.validation import ValidationFailed
from utils.site_catalog import catalog_from_dict, catalog_to_dict
from config.catalog import Catalog


def test_the_spc_section_round_trips_and_defaults_when_absent():
    spc = SpcSettings((SpecLimit("#0", "cam_d", None, 6.0), SpecLimit("#0", "cam_w", 0.5, 5.0)),
                      25, 40)
    document = catalog_to_dict(Catalog(spc=spc))
    assert catalog_from_dict(document).spc == spc
    assert catalog_from_dict(document).spc.spec("#0", "cam_w").lower == 0.5
    assert catalog_from_dict(document).spc.spec("#1", "cam_w") is None
    del document["spc"]
    assert catalog_from_dict(document).spc == SpcSettings()


@pytest.mark.parametrize("spc, field", [
    ({"specs": [{"size": "#0", "measurement": "cam_x", "upper": 5}]}, "spc.specs.0.measurement"),
    ({"specs": [{"size": "#0", "measurement": "cam_d"}]}, "spc.specs.0.upper"),
    ({"specs": [{"size": "#0", "measurement": "cam_d", "lower": 5, "upper": 4}]},
     "spc.specs.0.upper"),
    ({"specs": [{"size": "#0", "measurement": "cam_d", "upper": float("nan")}]},
     "spc.specs.0.upper"),
    ({"specs": [{"size": "#0", "measurement": "cam_d", "upper": 101}]}, "spc.specs.0.upper"),
    ({"specs": [{"size": "", "measurement": "cam_d", "upper": 5}]}, "spc.specs.0.size"),
    ({"specs": [{"size": "#0", "measurement": "cam_d", "upper": 5},
                {"size": "#0", "measurement": "cam_d", "upper": 6}]}, "spc.specs.1.size"),
    ({"min_baseline_points": 1}, "spc.min_baseline_points"),
    ({"min_capability_points": True}, "spc.min_capability_points"),
    ("all of it", "spc"),
])
def test_bad_spc_values_are_named(spc, field):
    document = catalog_to_dict(Catalog())
    document["spc"] = spc
    with pytest.raises(ValidationFailed) as failed:
        catalog_from_dict(document)
    assert field in [error.field for error in failed.value.errors]
