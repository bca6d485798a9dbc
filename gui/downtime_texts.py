"""The words of downtime and OEE on screen: station states, stop reasons, durations and
percentages, translated (the core gives codes and seconds, never sentences for people)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.numbers import format_number



def reason_label(code: str | None) -> str:
    """A stop reason code in the reader's language ("" or None: not classified yet). A code a
    site added to its catalog is shown as it is written there."""
    translate = QCoreApplication.translate
    names = {"": translate("Downtime", "unqualified"), "setup": translate("Downtime", "setup"),
             "material": translate("Downtime", "material"),
             "maintenance": translate("Downtime", "maintenance"),
             "quality": translate("Downtime", "quality"),
             "no_operator": translate("Downtime", "no operator"),
             "other": translate("Downtime", "other")}
    return names.get(code or "", code or "")


def state_label(state: str) -> str:
    translate = QCoreApplication.translate
    names = {"running": translate("Downtime", "running"), "idle": translate("Downtime", "idle"),
             "break": translate("Downtime", "planned break"),
             "down": translate("Downtime", "down")}
    return names.get(state, state)


def duration_text(seconds: float) -> str:
    """H:MM (whole minutes): a stop's length as a supervisor reads it."""
    minutes = max(0, int(seconds // 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value * 100, 1)} %"
