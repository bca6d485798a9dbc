"""The words of downtime and OEE on screen: station states, stop reasons, durations and
percentages, translated (the core gives codes and seconds, never sentences for people)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("Downtime", text)


def reason_label(code: str | None) -> str:
    """A stop reason code in the reader's language ("" or None: not classified yet). A code a
    site added to its catalog is shown as it is written there."""
    names = {"": _t("unqualified"), "setup": _t("setup"), "material": _t("material"),
             "maintenance": _t("maintenance"), "quality": _t("quality"),
             "no_operator": _t("no operator"), "other": _t("other")}
    return names.get(code or "", code or "")


def state_label(state: str) -> str:
    names = {"running": _t("running"), "idle": _t("idle"), "break": _t("planned break"),
             "down": _t("down")}
    return names.get(state, state)


def duration_text(seconds: float) -> str:
    """H:MM (whole minutes): a stop's length as a supervisor reads it."""
    minutes = max(0, int(seconds // 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"
