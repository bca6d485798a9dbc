"""Names a shift handover's facts carry in the audit chain, shared by the station's service
(utils/mes/handover.py) and the site view's handover tables (data/view_handover.py)."""

from __future__ import annotations

from typing import Any

from models.validation import has_forbidden_characters

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


def text_problem(document: Any) -> str | None:
    """Why a handover document (signed, acknowledgement or note) holds a text its station's
    service never writes, or None: a control, format or direction character in any text of it
    (a name, a lot, a defect, an alarm's detail...), or on a line of its notes (`notes`,
    `note`: lines joined with "\\n", as utils/mes/handover.validate_notes keeps them). Such a
    text would be shown, as signed, in every PC's handover history."""
    pending: list[tuple[str, Any]] = [("", document)]
    while pending:  # a walk without recursion: a parsed document is bounded, not shallow
        name, value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.items())
            pending.extend((name, key) for key in value)
        elif isinstance(value, list):
            pending.extend((name, item) for item in value)
        elif isinstance(value, str):
            lines = value.split("\n") if name in _NOTES else (value,)
            if any(has_forbidden_characters(line) for line in lines):
                return f"{name or 'a key'} contains control or direction characters"
    return None


_NOTES = frozenset({"notes", "note"})
