"""The label payload: what the barcodes carry, and a scan read back as hostile input."""

from __future__ import annotations

import pytest

from utils.mes.label_payload import (
    PAYLOAD_MAX, LabelPayloadError, encode_payload, is_label, parse_payload,
)


def test_round_trip_box_and_lot_labels():
    assert encode_payload("L2026-0142", 12, 500) == "SFC1+L2026-0142+12+500"
    scan = parse_payload("SFC1+L2026-0142+12+500")
    assert (scan.lot, scan.box, scan.total_boxes, scan.is_lot_label) == ("L2026-0142", 12, 500, False)
    lot = parse_payload(encode_payload("LOT 7/B#2", 0, 40))
    assert (lot.lot, lot.box, lot.total_boxes, lot.is_lot_label) == ("LOT 7/B#2", 0, 40, True)
    # A scanner's trailing spaces are not part of the code.
    assert parse_payload("  SFC1+A1+3+0 ").box == 3


def test_only_our_prefix_is_a_label():
    assert is_label("SFC1+A+1+2")
    assert not is_label("L2026-0142") and not is_label("SFC1 A") and not is_label("")


@pytest.mark.parametrize("text, code", [
    ("SFC1+A+1", "format"), ("SFC1+A+1+2+3", "format"), ("SFC2+A+1+2", "format"),
    ("SFC1++1+2", "lot"), ("SFC1+A|B+1+2", "lot"), ("SFC1+ A+1+2", "lot"),
    ("SFC1+A+01+2", "number"), ("SFC1+A+-1+2", "number"), ("SFC1+A+1.5+2", "number"),
    ("SFC1+A+١+2", "number"),  # Arabic-Indic digit: isdigit() but not ours
    ("SFC1+A+3+2", "range"), ("SFC1+A+0+0", "range"), ("SFC1+A+9999999999+2", "number"),
    ("SFC1+A\x00+1+2", "control"), ("SFC1+A\u202e+1+2", "control"),
    ("SFC1+" + "A" * 400 + "+1+2", "too_long"),
])
def test_hostile_scans_are_refused_with_a_reason(text, code):
    with pytest.raises(LabelPayloadError) as error:
        parse_payload(text)
    assert error.value.code == code


def test_encode_refuses_what_would_not_scan_back():
    with pytest.raises(LabelPayloadError):
        encode_payload("bad+lot", 1, 2)
    assert len(encode_payload("A" * 40, 999999999, 999999999)) <= PAYLOAD_MAX
