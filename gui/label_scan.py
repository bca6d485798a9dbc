"""A label scanned into the station's lot field: the lot dialog opens with the label's lot, box
and total filled in, for the operator to confirm with Enter.

The box is the scanned label's box (a label names the box it goes on: scanning it sets that
box as the one being registered); a lot's own label keeps the station's box when it is the lot
in progress, else starts at 1. A scan that claims to be our label but does not parse changes
nothing and says so; any other text is a plain lot code, as before.
"""

from __future__ import annotations

import logging

from utils.mes.label_payload import LabelPayloadError, parse_payload

from gui.label_texts import scan_error_text

log = logging.getLogger(__name__)


def open_scanned_label(window, code: str):
    """Open `window`'s lot dialog filled from the label `code`; None when it was refused."""
    try:
        scan = parse_payload(code)
    except LabelPayloadError as exc:
        log.info("A scanned label was refused (%s): %s", exc.code, exc)
        window.form.show_general_error(scan_error_text(exc.code))
        return None
    current = window.controller.current_lot()
    same_lot = current is not None and current.code == scan.lot
    total = scan.total_boxes or (current.total_boxes if same_lot else 0)
    box = scan.box or (current.current_box if same_lot else 1)
    dialog = window.open_lot_dialog(scanned_code=scan.lot)
    dialog.total.setText(str(total) if total else "")
    dialog.current.setText(str(box))
    # Enter on the last field sets the lot; an unknown total is typed first.
    (dialog.current if total else dialog.total).setFocus()
    return dialog
