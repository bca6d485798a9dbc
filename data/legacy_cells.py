"""The columns of the old collector's `dados_producao.csv` and reading one cell: numbers as Python and pandas
wrote them, local date and time, the site zone, a catalog's spelling, a cell quoted in a reason.

Each reader returns the value and, when the cell cannot be read, a message saying why without
the column (data/legacy_import.py names the column and the line). The rules are the module
docstring's of data/legacy_import.py.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone as dt_timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from config.catalog import NO_REJECTION
from data.legacy_csv import LegacyFileError, LegacyFileKind
from models.validation import parse_decimal

# Columns every collector file has (REFERENCE.md's record: the box, its time, its first
# rejection and its two measurements); a file lacking one is refused as a whole, because
# reading it as empty would import every box as "no rejection" or "not measured" (a renamed
# `percent_cam_d` did exactly that).
REQUIRED_COLUMNS: tuple[str, ...] = ("maquina", "lote", "numero_caixa", "size", "data_hora",
                                     "rej1_defect", "rej1_local", "percent_cam_d",
                                     "percent_cam_w")
# What an older or trimmed copy may lack (the second and third rejection, and what has a
# default: the weight is the size's, the user "legacy"); a missing one reads as empty, warned.
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "peso", "rej2_defect", "rej2_local", "rej3_defect", "rej3_local", "origem",
    "justificativa", "usuario_reg",
)
KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# Spellings seen in hand-edited copies; mapped to the collector's own names.
ALIASES = {
    "machine": "maquina", "lot": "lote", "box": "numero_caixa", "caixa": "numero_caixa",
    "unit_weight_kg": "peso", "data": "data_hora",
    **{f"rej{i}_location": f"rej{i}_local" for i in range(1, 4)},
}
FILE_KIND = LegacyFileKind(expected="dados_producao.csv", description="legacy production CSV",
                           required=REQUIRED_COLUMNS, known=KNOWN_COLUMNS, aliases=ALIASES)

# Which legacy column a validation error's field came from, to name it in the reason.
FIELD_TO_COLUMN = {
    "lot": "lote", "box": "numero_caixa", "size": "size", "unit_weight_kg": "peso",
    "cam_d": "percent_cam_d", "cam_w": "percent_cam_w",
    **{f"rej{i}_defect": f"rej{i}_defect" for i in range(1, 4)},
    **{f"rej{i}_location": f"rej{i}_local" for i in range(1, 4)},
}

# The collector wrote ISO-like local time; day-first dates come from copies saved by a
# Portuguese-locale Excel (never month-first in this plant, so there is no ambiguity).
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
)
PLAUSIBLE_YEARS = range(1990, 2101)
FORMULA_START = ("=", "+", "-", "@")
# A whole number that pandas wrote as a float because its column had an empty cell: "2.0".
WHOLE_AS_FLOAT = re.compile(r"([0-9]+)[.,]0\Z")
# pandas' and Python's text for a missing float; read as an empty cell.
MISSING_NUMBER = ("", NO_REJECTION, "NAN")
VALUE_SHOWN_MAX = 60
LINES_LISTED_MAX = 20


def site_zone(name: str) -> ZoneInfo:
    """The zone the legacy times were written in. It usually comes from the command line or
    settings; a typo must read as a message, not a traceback, hence LegacyFileError (the
    import cannot start either way)."""
    if not isinstance(name, str) or not name.strip():
        raise LegacyFileError("No time zone given for the legacy times: pass the site's IANA "
                              "time zone, e.g. America/Sao_Paulo.")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise LegacyFileError(f"Unknown time zone {name!r}: use an IANA name such as "
                              f"America/Sao_Paulo.") from exc


def show(value: str) -> str:
    """A cell as quoted in a reason: escaped, and cut so a huge cell cannot flood the report."""
    shown = value if len(value) <= VALUE_SHOWN_MAX else value[:VALUE_SHOWN_MAX] + "…"
    return repr(shown)


def is_number(value: str) -> bool:
    try:
        parse_decimal(value, allow_exponent=True)
    except ValueError:
        return False
    return True


def listed_lines(lines: list[int]) -> str:
    listed = ", ".join(str(n) for n in lines[:LINES_LISTED_MAX])
    more = len(lines) - LINES_LISTED_MAX
    return listed + (f" and {more} more" if more > 0 else "")


def whole_number(value: str) -> str:
    """"2.0" (pandas' float for a column with an empty cell) as "2"; anything else as is."""
    whole = WHOLE_AS_FLOAT.match(value)
    return whole.group(1) if whole else value


def read_number(value: str, example: str) -> tuple[float | None, str | None]:
    """A number as Python or pandas wrote it; None if missing. The collector wrote N/A for
    "not measured" as it did for "no rejection"."""
    if value.upper() in MISSING_NUMBER:
        return None, None
    try:
        return parse_decimal(value, allow_exponent=True), None
    except ValueError:
        pass
    if sum(value.count(mark) for mark in ".,") > 1:
        return None, ("a number with more than one separator is ambiguous (thousands or "
                      "decimals?), so it is not guessed; write it with one decimal separator, "
                      f"such as {example}")
    return None, f"it must be a number such as {example}"


def catalog_spelling(value: str, options: tuple[str, ...]) -> str:
    """Hand-edited copies have 'rachada' or 'CAP'; the catalog's spelling is what we store."""
    folded = value.casefold()
    return next((option for option in options if option.casefold() == folded), value)


def read_local_time(text: str) -> tuple[datetime | None, str | None]:
    """A naive local date and time in one of DATE_FORMATS, with a plausible year."""
    if not text:
        return None, "the date and time are required"
    for fmt in DATE_FORMATS:
        try:
            moment = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if moment.year not in PLAUSIBLE_YEARS:
            return None, f"the year {moment.year} is not plausible"
        return moment, None
    return None, "expected a local date and time such as 2025-11-03 06:02:23"


def localise(naive: datetime, zone: ZoneInfo) -> tuple[datetime, str | None]:
    """Attach the site zone, with fold=0: before the jump for a local time that does not exist
    (the PC clock was not moved yet), the earlier instant for one that occurs twice; its offset
    keeps the local time exactly as written. The second value says which it was: "gap",
    "repeat" or None."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first, None
    round_trip = first.astimezone(dt_timezone.utc).astimezone(zone)
    return first, "gap" if round_trip.replace(tzinfo=None) != naive else "repeat"
