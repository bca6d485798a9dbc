"""Translated, actionable texts for the codes the services raise.

Services raise stable codes (FieldError.code, ProductionError.code, AuthError.code,
PasswordPolicyError.code); this module turns them into the operator's language. Every string is
a literal inside QCoreApplication.translate so lupdate finds it.
"""

from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtCore import QCoreApplication

from config.catalog import LOCATION_NOT_RECORDED
from models.validation import FieldError
from utils.permissions import PermissionDenied
from utils.production import ProductionError, SignatureRejected

from gui.i18n import coded_text
from gui.numbers import format_number, format_shortest



def field_label(field: str) -> str:
    labels = {
        "lot": QCoreApplication.translate("Messages", "Lot"),
        "box": QCoreApplication.translate("Messages", "Box"),
        "size": QCoreApplication.translate("Messages", "Size"),
        "cam_d": QCoreApplication.translate("Messages", "CAM-D %"),
        "cam_w": QCoreApplication.translate("Messages", "CAM-W %"),
        "unit_weight_kg": QCoreApplication.translate("Messages", "Unit weight"),
        "total_boxes": QCoreApplication.translate("Messages", "Total boxes"),
        "current_box": QCoreApplication.translate("Messages", "Current box"),
        "reason": QCoreApplication.translate("Messages", "Reason"),
        "rejections": QCoreApplication.translate("Messages", "Rejections"),
    }
    if field.startswith("rej") and "_" in field:
        number, part = field[3], field.split("_", 1)[1]
        if part == "defect":
            return QCoreApplication.translate("Messages", "Defect %1").replace("%1", number)
        return QCoreApplication.translate("Messages", "Location %1").replace("%1", number)
    return coded_text(field, labels)


def location_text(location: str) -> str:
    """A rejection's location as shown: the catalog's name, or "location not recorded" in the
    person's language for a rejection imported without one (config.catalog)."""
    if location == LOCATION_NOT_RECORDED:
        return QCoreApplication.translate("Messages", "location not recorded")
    return location


def rejections_text(row: Mapping[str, Any], separator: str = ", ") -> str:
    """A record row's rejections as "defect (location), …" (or one a line with separator
    "\n"), or "—" when it has none."""
    parts = [f"{row[f'rej{i}_defect']} ({location_text(row.get(f'rej{i}_location') or '')})"
             for i in range(1, 4) if row.get(f"rej{i}_defect")]
    return separator.join(parts) if parts else "—"


def field_error_text(error: FieldError) -> str:
    """One short sentence to show next to the field."""
    p = error.params
    code = error.code
    if code == "required":
        return QCoreApplication.translate("Messages", "Required.")
    if code in ("number", "not_a_number"):
        return QCoreApplication.translate("Messages", "Type a number, e.g. %1.").replace(
            "%1", format_number(3.5, 1))
    if code == "integer":
        return QCoreApplication.translate("Messages", "Type a whole number.")
    if code == "out_of_range":
        low, high = p.get("min"), p.get("max")
        if high is None:
            return QCoreApplication.translate("Messages", "Must be at least %1.").replace("%1", _num(low))
        return (QCoreApplication.translate("Messages", "Must be from %1 to %2.")
                .replace("%1", _num(low)).replace("%2", _num(high)))
    if code == "too_long":
        return QCoreApplication.translate("Messages", "Too long (at most %n character(s)).", None,
                                          int(p.get("max") or 0))
    if code == "too_short":
        return QCoreApplication.translate("Messages", "Too short (at least %n character(s)).",
                                          None, int(p.get("min") or 0))
    if code == "control_characters":
        return QCoreApplication.translate("Messages", "Contains invisible or control characters.")
    if code == "lot_format":
        return QCoreApplication.translate("Messages", "Use letters, digits, space and . _ / # - only.")
    if code == "not_in_catalog":
        return QCoreApplication.translate("Messages", "Not in the list: choose one of the options.")
    if code == "defect_missing":
        return QCoreApplication.translate("Messages", "Choose the defect for this location.")
    if code == "location_missing":
        return QCoreApplication.translate("Messages", "Choose where the defect is (Cap, Body, Cap/Body).")
    if code == "too_many":
        return QCoreApplication.translate("Messages", "At most %n rejection(s).", None,
                                          int(p.get("max") or 0))
    if code == "username_format":
        return QCoreApplication.translate("Messages", "2 to 32 letters, digits, '.', '_' or '-'.")
    if code == "type":
        return QCoreApplication.translate("Messages", "Wrong kind of value.")
    if code == "not_a_zone":
        return QCoreApplication.translate("Messages", "Not a time zone: choose one from the list.")
    if code == "duplicate":
        return QCoreApplication.translate("Messages", "Appears twice; keep one.")
    if code == "reserved":
        return QCoreApplication.translate(
            "Messages", "Reserved for imported rejections whose location was not recorded; "
            "choose another name.")
    if code == "bands_order":
        return QCoreApplication.translate("Messages", "The bands must rise: excellent below good below attention.")
    if code == "not_above_minimum":
        return QCoreApplication.translate("Messages", "The maximum must be above the minimum.")
    if code == "not_above_warning":
        return QCoreApplication.translate("Messages", "Critical must be above warning.")
    return error.message


def production_error_text(code: str, detail: str) -> str:
    if code == "no_lot":
        return QCoreApplication.translate("Messages", "No lot is set. Set the lot first (Lot… button).")
    if code == "lot_complete":
        return QCoreApplication.translate("Messages", "This lot is complete. Set the next lot to continue; nothing was saved.")
    if code == "station_locked":
        return QCoreApplication.translate("Messages", "Production entry is locked by a supervisor: %1").replace(
            "%1", detail.split(": ", 1)[-1])
    if code == "voided":
        return QCoreApplication.translate("Messages", "This record is voided and cannot be changed.")
    if code == "not_found":
        return QCoreApplication.translate("Messages", "This record no longer exists here.")
    if code == "unknown_station":
        return QCoreApplication.translate("Messages", "This station is not in the machine table; choose one from the list. Nothing was saved.")
    if code == "future":
        return QCoreApplication.translate("Messages", "The date and time are in the future. Enter when the box was really made; nothing was saved.")
    if code == "signature_rejected":
        return QCoreApplication.translate("Messages", "Wrong password (or the account is locked): nothing was saved. After repeated wrong entries your account is locked for a while.")
    if code == "signature_required":
        return QCoreApplication.translate("Messages", "A change to another station's record must be signed with your password; nothing was saved.")
    if code == "lot_released":
        return QCoreApplication.translate("Messages", "This lot is released (or rejected): its records cannot change until a quality person reopens it with a reason and a signature. Nothing was saved.")
    if code in ("signature_meaning", "signature_unavailable"):
        return QCoreApplication.translate("Messages", "Your signature cannot be checked here, so nothing was saved. Tell your administrator.")
    return detail


def password_policy_text(code: str, params: dict) -> str:
    if code == "too_short":
        return QCoreApplication.translate("Messages", "The password needs at least %n "
                                          "character(s).", None, int(params.get("min", 8)))
    if code == "too_long":
        return QCoreApplication.translate("Messages", "The password may have at most 72 bytes (accented letters count as 2).")
    if code == "common":
        return QCoreApplication.translate("Messages", "This password is too common or too easy to guess.")
    if code == "unchanged":
        return QCoreApplication.translate("Messages", "The new password must differ from the old one.")
    if code == "is_username":
        return QCoreApplication.translate("Messages", "The password must not be the username.")
    if code == "contains_username":
        return QCoreApplication.translate("Messages", "The password must not contain the username: it is the first thing tried. Choose words that have nothing to do with the person, such as three unrelated words.")
    if code == "contains_name":
        return QCoreApplication.translate("Messages", "The password must not contain the person's name: it is the first thing tried. Choose words that have nothing to do with the person, such as three unrelated words.")
    if code == "common_with_ending":
        return QCoreApplication.translate("Messages", "A common word with digits or a year added is among the first guesses. Choose three or four unrelated words instead.")
    if code == "control_characters":
        return QCoreApplication.translate("Messages", "The password contains invisible characters.")
    return QCoreApplication.translate("Messages", "This password cannot be used.")


def _num(value: object) -> str:
    """Numbers as the operator reads them (decimal comma in Portuguese)."""
    if value is None:
        return ""
    return format_shortest(value) if isinstance(value, float) else str(value)


# What refuses a signed save (a record's edit, void or manual entry): said by signed_refusal.
SIGNED_SAVE_REFUSALS = (ProductionError, PermissionDenied)


def signed_refusal(exc: Exception, password: Any, denied: str) -> str:
    """Why a signed save was refused, the same in the station app and the admin panel: a wrong
    password, a locked account or a PC that cannot check signatures (the password field is
    cleared for the next try), another refusal of the service, or `denied` for a role that may
    not do it."""
    if isinstance(exc, SignatureRejected):
        password.clear()
    if isinstance(exc, ProductionError):
        return production_error_text(exc.code, str(exc))
    return denied
