"""Names a shift handover's facts carry in the audit chain, shared by the station's service
(utils/mes/handover.py) and the site view's handover tables (data/view_handover.py)."""

from __future__ import annotations

ENTITY = "handover"
SIGNED_ACTION = "handover.signed"
ACK_ACTION = "handover.acknowledged"
NOTE_ACTION = "handover.note"
ACTIONS = (SIGNED_ACTION, ACK_ACTION, NOTE_ACTION)
DOC_KIND, ACK_KIND, NOTE_KIND = "shift_handover", "shift_handover_ack", "shift_handover_note"
NOTES_MAX = 2000  # characters of the outgoing person's notes (or of an addendum)


def handover_key(station: str, day: str, number: int) -> str:
    """A handover's id: one per station and shift (the shift's local start day and number)."""
    return f"{station}/{day}/{number}"
