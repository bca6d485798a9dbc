"""The checks the site catalog's sections share (utils/catalog_checks.py): each refusal named by
its field, and through the catalog, every section that uses them refuses the same way."""

from __future__ import annotations

import pytest

from config.catalog import Catalog
from models.validation import FieldError, ValidationFailed
from utils.catalog_checks import bounded_list, required_text, section, whole_number
from utils.site_catalog import catalog_from_dict, catalog_to_dict


def test_a_section_is_absent_an_object_or_refused():
    errors: list[FieldError] = []
    assert section(None, "spc", errors) is None and errors == []
    assert section({"a": 1}, "spc", errors) == {"a": 1} and errors == []
    assert section(["a"], "spc", errors) is None
    assert [(e.field, e.code) for e in errors] == [("spc", "not_an_object")]


def test_a_list_over_its_bound_or_not_a_list_gives_no_entries():
    errors: list[FieldError] = []
    assert bounded_list("downtime.rates", [1, 2], 2, errors) == [1, 2] and errors == []
    assert bounded_list("downtime.rates", [1, 2, 3], 2, errors) == []
    assert bounded_list("downtime.rates", {"0": 1}, 2, errors) == []
    assert [(e.field, e.code) for e in errors] == [("downtime.rates", "not_a_list")] * 2
    assert "at most 2" in errors[0].message


@pytest.mark.parametrize("value, expected, refused", [
    (None, 7, False), (2, 2, False), (10, 10, False), (1, 7, True), (11, 7, True),
    (True, 7, True), (5.0, 7, True), ("5", 7, True),
])
def test_a_whole_number_within_bounds(value, expected, refused):
    errors: list[FieldError] = []
    assert whole_number("spc.min_baseline_points", value, 7, (2, 10), errors, "points") == expected
    assert [(e.field, e.code, e.params) for e in errors] == (
        [("spc.min_baseline_points", "out_of_range", {"min": 2, "max": 10})] if refused else [])
    if refused:
        assert "whole number of points from 2 to 10" in errors[0].message


def test_a_whole_number_may_default_to_nothing():
    errors: list[FieldError] = []
    assert whole_number("intervals.status_interval_ms", 50, None, (100, 60_000), errors) is None
    assert errors[0].field == "intervals.status_interval_ms"


def test_required_text_is_trimmed_or_refused():
    errors: list[FieldError] = []
    assert required_text("machines.0.size", "  #00 ", 20, errors) == "#00" and errors == []
    assert required_text("machines.0.size", "", 20, errors) is None
    assert required_text("machines.0.size", "x" * 21, 20, errors) is None
    assert [e.code for e in errors] == ["required", "too_long"]


@pytest.mark.parametrize("part, body, field", [
    ("downtime", {"rates": [{}] * 201}, "downtime.rates"),
    ("downtime", {"breaks": "10:00"}, "downtime.breaks"),
    ("downtime", {"reasons": ["x"] * 33}, "downtime.reasons"),
    ("labels", {"zebra_printers": [{}] * 1001}, "labels.zebra_printers"),
    ("spc", {"specs": [{}] * 201}, "spc.specs"),
])
def test_every_section_refuses_a_list_sized_to_exhaust_it(part, body, field):
    document = catalog_to_dict(Catalog())
    document[part] = body
    with pytest.raises(ValidationFailed) as refused:
        catalog_from_dict(document)
    assert [(e.field, e.code) for e in refused.value.errors] == [(field, "not_a_list")]


@pytest.mark.parametrize("part", ["downtime", "labels", "spc", "handover"])
def test_every_section_refuses_a_body_that_is_not_an_object(part):
    document = catalog_to_dict(Catalog())
    document[part] = [part]
    with pytest.raises(ValidationFailed) as refused:
        catalog_from_dict(document)
    assert [(e.field, e.code) for e in refused.value.errors] == [(part, "not_an_object")]
