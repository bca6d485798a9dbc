"""The wording of a verification's findings: each tamper kind's name and a one-line plain
explanation, translated (the verify dialog, the Audit tab's result table and the panel's view
status share them), and how one station's result is named in a table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from utils.audit.verify import TamperKind, VerifyResult
from utils.site.view_state import NOT_STORED


def kind_texts() -> dict[str, tuple[str, str]]:
    """Each tamper kind's name and a one-line plain explanation, translated; the dialog and the
    audit tab's result table share them (full translate calls with literals: lupdate reads
    only those)."""
    return {
        TamperKind.MODIFIED: (
            QCoreApplication.translate("VerifyDialog", "modified"),
            QCoreApplication.translate("VerifyDialog", "An event was changed after it was written.")),
        TamperKind.DELETED: (
            QCoreApplication.translate("VerifyDialog", "deleted"),
            QCoreApplication.translate("VerifyDialog", "An event was removed from the trail.")),
        TamperKind.INSERTED: (
            QCoreApplication.translate("VerifyDialog", "inserted"),
            QCoreApplication.translate("VerifyDialog", "An event that was never recorded here was slipped into the trail.")),
        TamperKind.REORDERED: (
            QCoreApplication.translate("VerifyDialog", "reordered"),
            QCoreApplication.translate("VerifyDialog", "Events were moved out of the order they were recorded in.")),
        TamperKind.TRUNCATED: (
            QCoreApplication.translate("VerifyDialog", "truncated"),
            QCoreApplication.translate("VerifyDialog", "The newest events were cut off, or an older copy of the data was put back.")),
        TamperKind.FORGED: (
            QCoreApplication.translate("VerifyDialog", "forged"),
            QCoreApplication.translate("VerifyDialog", "Events or a checkpoint were recomputed without the station's secret key.")),
        TamperKind.FORKED: (
            QCoreApplication.translate("VerifyDialog", "forked"),
            QCoreApplication.translate("VerifyDialog", "An older copy of the data was put back and continued: events signed earlier were replaced by others.")),
        TamperKind.FOREIGN: (
            QCoreApplication.translate("VerifyDialog", "another chain"),
            QCoreApplication.translate("VerifyDialog", "The trail does not begin where this station's trail begins: it was made for another station or installation.")),
        TamperKind.RECORD_MODIFIED: (
            QCoreApplication.translate("VerifyDialog", "record changed"),
            QCoreApplication.translate("VerifyDialog", "A production record stored on this PC differs from what its audit event says.")),
        TamperKind.RECORD_INSERTED: (
            QCoreApplication.translate("VerifyDialog", "record added"),
            QCoreApplication.translate("VerifyDialog", "A production record stored on this PC was not written by any audit event.")),
        TamperKind.RECORD_DELETED: (
            QCoreApplication.translate("VerifyDialog", "record removed"),
            QCoreApplication.translate("VerifyDialog", "A production record that an audit event wrote is missing from this PC's database.")),
        TamperKind.NOT_A_MEMBER: (
            QCoreApplication.translate("VerifyDialog", "not a member"),
            QCoreApplication.translate("VerifyDialog", "The station's journal is sealed by a PC that is not a member of this site: its events are not taken.")),
        # Not tampering: the view could not store that station's batch (a fault, logged once).
        NOT_STORED: (
            QCoreApplication.translate("VerifyDialog", "could not be stored"),
            QCoreApplication.translate("VerifyDialog", "This PC's site view could not store the station's next events (a fault of the program, written in its log); the station's later events wait, the other stations go on.")),
    }


def result_word(result: VerifyResult) -> str:
    """A station's result in one word: a result with no kind was not checked at all (a fault
    of the program, in its log), which is no proof of tampering."""
    if result.cancelled:
        return QCoreApplication.translate("VerifyDialog", "cancelled")
    if result.ok:
        return QCoreApplication.translate("VerifyDialog", "intact")
    if result.kind is None:
        return QCoreApplication.translate("VerifyDialog", "NOT VERIFIED")
    return QCoreApplication.translate("VerifyDialog", "TAMPERED")
