"""The words of downtime and OEE on screen: station states, stop reasons, durations and
percentages, translated (the core gives codes and seconds, never sentences for people)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils.mes.downtime import StopRefused
from utils.permissions import PermissionDenied
from utils.trust.person_documents import NoSigningKey

from gui.i18n import coded_text
from gui.numbers import format_number

# What the downtime service refuses with, for `except STOP_REFUSALS as refused:`.
STOP_REFUSALS = (PermissionDenied, StopRefused, NoSigningKey)



def reason_label(code: str | None) -> str:
    """A stop reason code in the reader's language ("" or None: not classified yet). A code a
    site added to its catalog is shown as it is written there."""
    translate = QCoreApplication.translate
    names = {"": translate("Downtime", "unclassified"), "setup": translate("Downtime", "setup"),
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
    return coded_text(state, names)


def duration_text(seconds: float) -> str:
    """H:MM (whole minutes): a stop's length as a supervisor reads it."""
    minutes = max(0, int(seconds // 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value * 100, 1)} %"


def stop_refusal_text(refused: Exception) -> str:
    """Why a stop was not declared or classified (one of STOP_REFUSALS), that nothing changed,
    and what to do; the station's dialog and the panel's OEE rows say it alike."""
    translate = QCoreApplication.translate
    if isinstance(refused, PermissionDenied):
        return translate("Downtime", "Your role may not classify stops. Nothing was changed; "
                         "ask a supervisor.")
    if isinstance(refused, NoSigningKey):
        return translate("Downtime", "Your signing key is not open on this PC: log in again (if "
                         "it persists, an admin resets your password). Nothing was changed.")
    if isinstance(refused, StopRefused) and refused.code == "bad_note":
        return translate("Downtime", "The note holds characters that cannot be kept (control "
                         "or direction characters) or is too long. Nothing was changed; write "
                         "the note again in plain text.")
    if isinstance(refused, StopRefused) and refused.code == "already_open":
        return translate("Downtime", "A stop is already open: choose it in the list and give it "
                         "a reason instead. Nothing was changed.")
    return translate("Downtime", "That reason is not in the site catalog any more. Nothing was "
                     "changed; choose another.")
