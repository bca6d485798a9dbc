"""The fleet's "Production" cell: a station's state from its status heartbeat (`production`,
written by utils/mes/downtime.py) and how long its current stop has lasted. A status from an
older version has no such field ("—"); a value of the wrong shape is shown as "—" too."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtGui import QBrush, QColor

from models.canonical import parse_utc

from gui.downtime_texts import duration_text, reason_label, state_label

DOWN_BRUSH = QBrush(QColor("#f8d7da"))  # a stopped machine, readable with the state colours


def production_cell(field: Any, now: datetime | None) -> tuple[str, float]:
    """(text, sort key): the key is the stop's seconds when down, -1 otherwise."""
    if not isinstance(field, dict) or not isinstance(field.get("state"), str):
        return "—", -1.0
    state = field["state"]
    if state != "down":
        return state_label(state[:16]), -1.0
    reason = field.get("reason")
    reason = reason_label(reason[:32] if isinstance(reason, str) else "")
    seconds = 0.0
    since = field.get("since")
    if isinstance(since, str) and now is not None:
        try:
            seconds = max(0.0, (now - parse_utc(since[:40])).total_seconds())
        except ValueError:
            return f"{state_label('down')} · {reason}", 0.0
    return f"{state_label('down')} {duration_text(seconds)} · {reason}", seconds
