"""The words of lot release on screen and in the lot record: statuses, decisions, exceptions and
refusals, translated (the core gives codes and parameters, never sentences for people)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from config.constants import Permission, Role, role_allows
from models.canonical import parse_utc
from models.lot_status import DecisionKind, LotStatus
from utils.release.exceptions import NOT_VERIFIED, LotException

from gui.admin.signature_fields import username_missing_text
from gui.header import role_name
from gui.i18n import coded_text
from gui.numbers import format_number


def status_heading() -> str:
    """The word for a lot's status: the Lots table's header, and the release dialog's
    summary says the same word (one msgid, one translation)."""
    return QCoreApplication.translate("LotsModel", "Status")


def may_sign(role: Role | str) -> bool:
    """Whether the role may sign lot decisions: the rule the release service applies
    (utils/permissions.require with LOT_RELEASE), asked of the same function."""
    return role_allows(role, Permission.LOT_RELEASE)


def signers_text(role: Role | str) -> str:
    """Who signs lot decisions, from the permission map (never a copied list), said to a
    person whose role does not."""
    signers = ", ".join(role_name(None, str(r)) for r in Role if may_sign(r))
    return (QCoreApplication.translate(
        "Lots", "Lot decisions (declare complete, release, put on hold, reject, reopen) are "
        "signed by: %1. Your role (%2) can see the lots, their decisions and the lot record.")
        .replace("%1", signers).replace("%2", role_name(None, str(role))))


def status_text(status: LotStatus | str, release_valid: bool | None = None) -> str:
    names = {LotStatus.OPEN: QCoreApplication.translate("Lots", "open"), LotStatus.COMPLETE: QCoreApplication.translate("Lots", "complete"),
             LotStatus.RELEASED: QCoreApplication.translate("Lots", "released"), LotStatus.ON_HOLD: QCoreApplication.translate("Lots", "on hold"),
             LotStatus.REJECTED: QCoreApplication.translate("Lots", "rejected")}
    text = names.get(LotStatus(status), str(status))
    if release_valid is False:
        text = QCoreApplication.translate("Lots", "released, INVALIDATED: its records changed after the signature")
    return text


def decision_text(kind: DecisionKind) -> str:
    return {DecisionKind.RELEASE: QCoreApplication.translate("Lots", "Release"), DecisionKind.HOLD: QCoreApplication.translate("Lots", "Put on hold"),
            DecisionKind.REJECT: QCoreApplication.translate("Lots", "Reject"), DecisionKind.REOPEN: QCoreApplication.translate("Lots", "Reopen"),
            DecisionKind.COMPLETE: QCoreApplication.translate("Lots", "Declare complete")}[kind]


def meaning_text(kind: DecisionKind, reason: str | None) -> str:
    """The signed meaning, in the reader's language (the signed text itself is English)."""
    word = {DecisionKind.RELEASE: QCoreApplication.translate("Lots", "released"), DecisionKind.HOLD: QCoreApplication.translate("Lots", "on hold"),
            DecisionKind.REJECT: QCoreApplication.translate("Lots", "rejected"), DecisionKind.REOPEN: QCoreApplication.translate("Lots", "reopened"),
            DecisionKind.COMPLETE: QCoreApplication.translate("Lots", "complete")}[kind]
    return word if not reason else f"{word}: {reason}"


def kind_text(kind: str) -> str:
    translate = QCoreApplication.translate
    return coded_text(kind, {
        "correction": translate("Lots", "Correction"), "void": translate("Lots", "Void"),
        "manual": translate("Lots", "Manual record"), "conflict": translate("Lots", "Conflict"),
        "band": translate("Lots", "Outside the band"), "gap": translate("Lots", "Missing boxes"),
        "repeat": translate("Lots", "Repeated box"), "lock": translate("Lots", "Lock"),
        "alarm": translate("Lots", "Alarm"), "skew": translate("Lots", "Clock skew"),
        "verify": translate("Lots", "Audit chain")})  # not intact, or could not be verified


def _number(value: Any) -> str:
    return format_number(value, 2) if isinstance(value, (int, float)) else str(value)


def site_time(text: Any, zone: ZoneInfo) -> str:
    if not isinstance(text, str) or not text:
        return "—"
    try:
        return parse_utc(text).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def exception_text(exception: LotException, zone: ZoneInfo) -> str:
    p = exception.params
    box = str(p.get("box", ""))
    kind = exception.kind
    if kind in ("correction", "void"):
        text = (QCoreApplication.translate("Lots", "Box %1 corrected (version %2) by %3: %4") if kind == "correction"
                else QCoreApplication.translate("Lots", "Box %1 voided (version %2) by %3: %4"))
        return (text.replace("%1", box).replace("%2", str(p.get("version")))
                .replace("%3", str(p.get("editor"))).replace("%4", str(p.get("reason"))))
    if kind == "manual":
        return (QCoreApplication.translate("Lots", "Box %1 entered by hand by %2: %3").replace("%1", box)
                .replace("%2", str(p.get("by"))).replace("%3", str(p.get("reason"))))
    if kind == "conflict":
        if "pcs" in p:
            return (QCoreApplication.translate("Lots", "Box %1: version %2 written by two PCs (%3)").replace("%1", box)
                    .replace("%2", str(p.get("version"))).replace("%3", ", ".join(p["pcs"])))
        return (QCoreApplication.translate("Lots", "Box %1: version %2 written from version %3, not the one before")
                .replace("%1", box).replace("%2", str(p.get("version")))
                .replace("%3", str(p.get("base"))))
    if kind == "band":
        return (QCoreApplication.translate("Lots", "Box %1: %2 is %3 (critical band from %4)").replace("%1", box)
                .replace("%2", str(p.get("measure"))).replace("%3", _number(p.get("value")))
                .replace("%4", _number(p.get("limit"))))
    if kind == "gap":
        return (QCoreApplication.translate("Lots", "Boxes %1 to %2 are missing").replace("%1", str(p.get("first")))
                .replace("%2", str(p.get("last"))))
    if kind == "repeat":
        return (QCoreApplication.translate("Lots", "Box %1 registered %2 times").replace("%1", box)
                .replace("%2", str(p.get("count"))))
    if kind == "lock":
        return (QCoreApplication.translate("Lots", "Station locked or unlocked (%1) at %2 by %3: %4")
                .replace("%1", str(p.get("type"))).replace("%2", site_time(p.get("at"), zone))
                .replace("%3", str(p.get("by"))).replace("%4", str(p.get("reason") or "—")))
    if kind == "alarm":
        return (QCoreApplication.translate("Lots", "Alarm %1 (%2) acknowledged by %3 at %4: %5")
                .replace("%1", str(p.get("alarm"))).replace("%2", str(p.get("level")))
                .replace("%3", str(p.get("by"))).replace("%4", site_time(p.get("at"), zone))
                .replace("%5", str(p.get("note"))))
    if kind == "skew":
        if "seconds" in p:
            return QCoreApplication.translate("Lots", "The station's clock is %1 s off this PC's").replace(
                "%1", f"{p['seconds']:+d}")
        if "previous" in p:
            return (QCoreApplication.translate("Lots", "Box %1 is stamped %2, before box %3 (%4): the station's clock went "
                        "back").replace("%1", box).replace("%2", site_time(p.get("at"), zone))
                    .replace("%3", str(p.get("previous")))
                    .replace("%4", site_time(p.get("previous_at"), zone)))
        return (QCoreApplication.translate("Lots", "Box %1 is stamped %2, ahead of this PC's clock").replace("%1", box)
                .replace("%2", site_time(p.get("at"), zone)))
    if kind == "verify":
        if p.get("kind") == NOT_VERIFIED:
            return (QCoreApplication.translate("Lots", "The station's audit chain could not be "
                                               "verified: %1").replace("%1", str(p.get("detail"))))
        return (QCoreApplication.translate("Lots", "The station's audit chain is not intact: %1")
                .replace("%1", str(p.get("detail"))))
    return exception.detail


def release_error_text(code: str, detail: str) -> str:
    texts = {
        "note": QCoreApplication.translate("Lots", "Say what you checked: a note is required. Nothing was saved."),
        "unacknowledged": QCoreApplication.translate("Lots", "Acknowledge every exception before releasing; nothing was "
                              "signed."),
        "username_missing": username_missing_text(),
        "no_signing_key": QCoreApplication.translate("Lots", "Your signing key is not open on this PC: log in again (if it "
                              "persists, an admin resets your password). Nothing was signed."),
        "signature_rejected": QCoreApplication.translate("Lots", "Wrong user name or password, or the account is locked. "
                                  "Nothing was signed; after repeated wrong entries the account "
                                  "is locked for a while."),
        "no_records": QCoreApplication.translate("Lots", "This PC holds no records of this lot; nothing was signed."),
        "transition": QCoreApplication.translate("Lots", "The lot's status does not allow this decision now; nothing was "
                          "signed."),
        "content_changed": QCoreApplication.translate("Lots", "The lot changed since you opened it: review it again. Nothing "
                               "was signed."),
        "clock_behind": QCoreApplication.translate("Lots", "This PC's clock is behind the time of the lot's last decision; "
                            "nothing was signed. Set this PC's clock right (the Stations tab "
                            "shows each PC's clock skew), then sign again."),
    }
    return texts.get(code, detail)
