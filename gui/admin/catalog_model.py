"""The Catalog tab's form as plain values, no widgets: the machine table's columns, unit weights
in the milligrams a person reads and types (the catalog keeps kilograms), typed numbers with a
comma or a point, and where the n-th entry the service names stands among the rows or lines a
person typed (the service counts only the filled ones).
"""

from __future__ import annotations

from typing import Any

from models.validation import FieldError

from gui.numbers import format_shortest, kg_to_mg

MACHINE_COLUMNS = ("station_id", "size", "unit_weight_kg")
BAND_NAMES = ("excellent", "good", "attention", "target")


def weight_text(kilograms: float) -> str:
    """The machine table shows unit weights in milligrams (0.000076 kg is "76"): the catalog
    keeps kilograms, a person reads and types milligrams."""
    return format_shortest(kg_to_mg(kilograms))


def parse_number(text: str) -> Any:
    """A typed number (comma or point); the text itself when it is not one, so the service
    reports it as not a number next to the cell."""
    cleaned = text.strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return text


def filled(texts: list[str]) -> bool:
    return any(text.strip() for text in texts)


def machine_documents(rows: list[list[str]]) -> list[dict[str, Any]]:
    """The machine table's rows as the service's documents; an empty row someone added and left
    is skipped."""
    machines = []
    for texts in rows:
        if not filled(texts):
            continue
        milligrams = parse_number(texts[2])
        machines.append({"station_id": texts[0].strip(), "size": texts[1].strip(),
                         "unit_weight_kg": (milligrams / 1_000_000
                                            if isinstance(milligrams, float) else milligrams)})
    return machines


def list_entries(text: str) -> list[str]:
    """One entry a line, blank lines dropped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def nth_filled(rows: list[list[str]], index: int, default: int) -> int:
    """Where the n-th filled row (or line, as a one-item row) stands; `default` if there are
    fewer."""
    seen = -1
    for position, texts in enumerate(rows):
        if filled(texts):
            seen += 1
            if seen == index:
                return position
    return default


def as_shown(error: FieldError) -> FieldError:
    """A unit weight's range in the milligrams the table shows, not the catalog's kg."""
    if error.field.endswith("unit_weight_kg") and error.code == "out_of_range":
        params = {key: kg_to_mg(value) if isinstance(value, (int, float)) else value
                  for key, value in error.params.items()}
        return FieldError(error.field, error.code, error.message, params)
    return error
