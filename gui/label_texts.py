"""The words of labels, translated: the captions printed on a label (in the language of the PC
that prints it), the layout's problems, and why a scan or a print was refused (the core gives
codes, never sentences for people)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.i18n import coded_text

# lupdate collects translate("Context", "text") under this short name too.
translate = QCoreApplication.translate


def captions() -> dict[str, str]:
    """What `utils.mes.label_layout.layout_label` prints before each value."""
    return {"lot": translate("Labels", "Lot"), "box": translate("Labels", "Box"),
            "boxes": translate("Labels", "Boxes"), "size": translate("Labels", "Size"),
            "station": translate("Labels", "Station"), "time": translate("Labels", "Time"),
            "operator": translate("Labels", "Operator"), "title_box": translate("Labels", "BOX"),
            "title_lot": translate("Labels", "LOT"), "reprint": translate("Labels", "REPRINT")}


def field_name(field: str) -> str:
    """A template field's name in the editor."""
    return captions()[field]


def problem_text(code: str) -> str:
    """A problem of a label's layout (utils/mes/label_layout.py codes)."""
    return coded_text(code, {
        "code128_too_wide": translate("Labels", "The Code 128 does not fit: make the label wider "
                                      "or use a printer with more dots per inch."),
        "qr_too_big": translate("Labels", "The QR code does not fit: make the label taller."),
        "text_too_small": translate("Labels", "The text would be too small to read: show fewer "
                                    "fields or make the label taller."),
    })


def scan_error_text(code: str) -> str:
    """Why a scanned label was not taken (utils/mes/label_payload.py codes)."""
    detail = coded_text(code, {
        "too_long": translate("Labels", "it is too long"),
        "control": translate("Labels", "it holds characters a label never has"),
        "format": translate("Labels", "its parts are not lot, box and total"),
        "lot": translate("Labels", "its lot code is not valid"),
        "number": translate("Labels", "its box or total is not a whole number"),
        "range": translate("Labels", "its box is not a box of the lot"),
    })
    return translate("Labels", "This label could not be read (%1). Nothing was changed: scan it "
                     "again or type the lot.").replace("%1", detail)
