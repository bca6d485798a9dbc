"""Text cells that a spreadsheet opens as text: a value it would evaluate as a formula gets an
apostrophe in front (CSV injection, OWASP).

Its own module, without pandas: the audit trail's CSV export (utils/audit/trail.py) uses it,
and the admin panel's Audit tab imports that module when it is built; through data/exports.py
each first opening of the tab (or a verify from the menu) imported pandas, ~0.5 s.
"""

from __future__ import annotations

from typing import Any

# OWASP's list of characters that make a spreadsheet treat a cell as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with an apostrophe; others unchanged."""
    if not isinstance(value, str) or not value:
        return value
    # Leading spaces do not stop every spreadsheet from evaluating, so look past them.
    stripped = value.lstrip(" ")
    if value.startswith(FORMULA_TRIGGERS) or (stripped and stripped.startswith(FORMULA_TRIGGERS)):
        return "'" + value
    return value
