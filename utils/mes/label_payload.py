"""What a label's Code 128 and QR code hold, and reading it back from a scanner.

Format (version 1): ``SFC1+<lot>+<box>+<total boxes>``, e.g. ``SFC1+L2026-0142+12+500``;
box 0 is the lot's own label. `+` separates because a lot code cannot contain it (see
models.validation) and because it sits on the same key in the US and the Brazilian ABNT2
keyboard layouts, so a scanner that types as a keyboard gives the same text on either. A total
of 0 means the box's lot size was not known when it was printed (a box of an earlier lot).

A scan is hostile input (a scanner types whatever a label says, and anyone can print a label):
it is bounded, checked character by character, and the lot code goes through the same check as
a typed one. Text that does not start with the prefix is not a label and stays a plain lot code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.validation import LOT_CODE_MAX, validate_lot_code

PREFIX = "SFC1"
SEPARATOR = "+"
PAYLOAD_MAX = len(PREFIX) + LOT_CODE_MAX + 2 * 10 + 3
_NUMBER = re.compile(r"(0|[1-9][0-9]{0,8})\Z")


class LabelPayloadError(ValueError):
    """A scan that starts like one of our labels but is not a valid one."""

    def __init__(self, code: str, message: str):
        self.code = code  # what went wrong, for the screen's translated text
        super().__init__(message)


@dataclass(frozen=True)
class LabelScan:
    lot: str
    box: int  # 0: the lot's label
    total_boxes: int  # 0: not known

    @property
    def is_lot_label(self) -> bool:
        return self.box == 0


def encode_payload(lot: str, box: int, total_boxes: int) -> str:
    """The text both barcodes carry. Refuses what `parse_payload` would refuse, so every label
    printed scans back."""
    payload = SEPARATOR.join((PREFIX, lot, str(box), str(total_boxes)))
    parse_payload(payload)
    return payload


def is_label(text: str) -> bool:
    """Whether a scanned text claims to be one of our labels (then it must parse)."""
    return text.strip().startswith(PREFIX + SEPARATOR)


def parse_payload(text: str) -> LabelScan:
    """The lot, box and total of a scanned label, or `LabelPayloadError` saying why not."""
    if len(text) > PAYLOAD_MAX:
        raise LabelPayloadError("too_long", f"a label holds at most {PAYLOAD_MAX} characters")
    text = text.strip()
    if any(not ch.isprintable() for ch in text):
        raise LabelPayloadError("control", "the scan holds control characters")
    parts = text.split(SEPARATOR)
    if len(parts) != 4 or parts[0] != PREFIX:
        raise LabelPayloadError("format", f"expected {PREFIX}+lot+box+total")
    _, lot_text, box_text, total_text = parts
    lot, errors = validate_lot_code(lot_text)
    if errors or lot is None or lot != lot_text:
        raise LabelPayloadError("lot", f"the lot code is not valid: {lot_text[:LOT_CODE_MAX]!r}")
    if not _NUMBER.match(box_text) or not _NUMBER.match(total_text):
        raise LabelPayloadError("number", "box and total must be whole numbers")
    box, total = int(box_text), int(total_text)
    if box == 0 and total == 0:
        raise LabelPayloadError("range", "a lot label names the lot's number of boxes")
    if total > 0 and box > total:
        raise LabelPayloadError("range", f"box {box} of {total} is not a box of the lot")
    return LabelScan(lot, box, total)
