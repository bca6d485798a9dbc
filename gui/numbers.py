"""Numbers on screen in the language's own format: a decimal comma in Portuguese, a point in
English (gui.i18n.number_locale follows the installed translation), the same in input hints,
error messages, tables, dialogs and plots. Typing accepts either separator
(models.validation.parse_decimal); what is shown is always this one.

Exports are for other programs: CSV always has a decimal point and commas between columns,
XLSX holds real numbers (the spreadsheet shows them in its own language); `export_note` says
so wherever an export is made."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDoubleSpinBox

from gui.i18n import number_locale

_SHORTEST = QLocale.FloatingPointPrecisionOption.FloatingPointShortest.value


def format_number(value: float, decimals: int) -> str:
    """`value` with exactly `decimals` decimals ("2,50" in Portuguese, "2.50" in English)."""
    return number_locale().toString(float(value), "f", decimals)


def format_shortest(value: float) -> str:
    """`value` with as many decimals as it has, never in scientific notation ("0,000076")."""
    return number_locale().toString(float(value), "f", _SHORTEST)


def kg_to_mg(kilograms: float) -> float:
    """A capsule's weight in milligrams (the catalog keeps kilograms: 0.000076 kg is 76 mg);
    rounded so 0.000076 * 1e6 reads 76, not 75.99999999999999."""
    return round(float(kilograms) * 1_000_000, 6)


def weight_text(kilograms: float) -> str:
    """A unit weight the way a person reads it: "76 mg", or "1,5 g" from a gram up."""
    milligrams = kg_to_mg(kilograms)
    if milligrams >= 1000:
        return QCoreApplication.translate("Numbers", "%1 g").replace(
            "%1", format_shortest(round(milligrams / 1000, 6)))
    return QCoreApplication.translate("Numbers", "%1 mg").replace(
        "%1", format_shortest(milligrams))


def decimal_spin_box(low: float, high: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    """A spin box for a decimal number in the language's format, like every other field: Qt's
    own spin box follows the system's locale, which showed "12.00" on a Portuguese screen."""
    box = QDoubleSpinBox()
    box.setLocale(number_locale())
    box.setRange(low, high)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    return box


def number_hint(decimals: int = 2) -> str:
    """An input's placeholder: zero in the language's format ("0,00" / "0.00")."""
    return format_number(0, decimals)


def export_note(fmt: str) -> str:
    """What an export's numbers look like, said next to where it was written."""
    if fmt == "csv":
        return QCoreApplication.translate(
            "Numbers", "CSV: numbers with a decimal point, columns separated by commas, "
                       "column names in English.")
    return QCoreApplication.translate(
        "Numbers", "Excel: real numbers (Excel shows them in its own language), column names "
                   "in English.")
