"""Numbers on screen in the language's own format: a decimal comma in Portuguese, a point in
English (gui.i18n.number_locale), the same in inputs, hints, tables and dialogs."""

from __future__ import annotations

from gui.i18n import number_locale


def format_number(value: float, decimals: int) -> str:
    """`value` with exactly `decimals` decimals ("2,50" in Portuguese, "2.50" in English)."""
    return number_locale().toString(float(value), "f", decimals)
