"""Reading the old collector's CSV files, whatever copy of them a plant has kept.

Shared by the production import (`dados_producao.csv`, data.legacy_import) and the accounts
import (`usuarios.csv`, data.legacy_users): the file checks (exists, is a file, not empty, not
absurdly large), the encodings tried (UTF-8 with or without BOM, then cp1252 and latin-1 for
copies saved on old Windows PCs, UTF-16 when it has a BOM), the header (columns matched by
name in any order, accents, case and spaces ignored, comma, semicolon or tab chosen by which
reveals the required columns), and records with their physical line numbers (blank lines and
quoted line breaks counted, so a reason names the line a person sees in an editor).

Only problems with the file as a whole raise `LegacyFileError`; rows are the caller's business.
"""

from __future__ import annotations

import codecs
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, TextIO, TypeVar

Result = TypeVar("Result")

_DELIMITERS = (",", ";", "\t")
_ENCODING_NAMES = {"cp1252": "Windows-1252 (cp1252)", "latin-1": "Latin-1 (ISO-8859-1)"}


class LegacyFileError(Exception):
    """The file as a whole cannot be imported; the message says what and what to do."""


@dataclass(frozen=True)
class LegacyFileKind:
    """What file is expected, for the checks and for messages that name it."""

    expected: str  # its name in the old system, e.g. "dados_producao.csv"
    description: str  # e.g. "legacy production file"
    required: tuple[str, ...]  # columns without which it is not such a file
    known: tuple[str, ...]  # every column read (required included), canonical names
    aliases: Mapping[str, str] = field(default_factory=dict)  # other spellings -> canonical
    accented_example: str = "'Cápsula Fina'"  # what to check after a non-UTF-8 read


@dataclass(frozen=True)
class RejectedRow:
    line: int  # 1-based physical line in the file; the header is line 1 (after blank lines)
    reason: str


@dataclass
class Header:
    delimiter: str
    columns: dict[str, int]  # canonical name -> cell index
    labels: dict[str, str]  # canonical name -> header text as written
    width: int
    warnings: list[str]


def read_legacy_file(path: Path, kind: LegacyFileKind, max_bytes: int,
                     parse: Callable[[TextIO], Result]) -> tuple[Result, str | None]:
    """Check `path`, then run `parse` on it decoded with the first encoding that works.

    Returns parse's result and, when the file was not UTF-8, a warning naming the encoding
    used. `parse` may raise LegacyFileError; a UnicodeDecodeError inside it makes the next
    encoding start again from line 1 (decoding is lazy, so a bad byte can surface deep in the
    file and the partial result is discarded).
    """
    path = Path(path)
    start = _check_file(path, kind, max_bytes)
    first_error: UnicodeDecodeError | None = None
    for index, encoding in enumerate(_candidate_encodings(start)):
        try:
            with open(path, "r", encoding=encoding, errors="strict", newline="") as handle:
                result = parse(handle)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        except OSError as exc:  # e.g. the share went away in the middle of the file
            raise LegacyFileError(f"Reading {path} failed: {exc.strerror or exc}. Nothing was "
                                  "imported; try again when the file is reachable.") from exc
        warning = None
        if index > 0:
            example = _text_near(first_error, encoding) or kind.accented_example
            warning = (f"The file is not valid UTF-8 ({_describe_decode_error(first_error)}); "
                       f"it was read as {_ENCODING_NAMES.get(encoding, encoding)}. Check "
                       f"accented text such as {example} in the imported rows.")
        return result, warning
    raise LegacyFileError(  # latin-1 decodes any byte, so this is only reached for UTF-16 files
        f"{path.name} could not be decoded ({_describe_decode_error(first_error)}). Save it "
        "from the spreadsheet as 'CSV UTF-8' and import again.")


_CELL_MARKS = (b",", b";", b"\r", b"\n", b"\t", b'"')  # what ends a cell of a CSV line


def _text_near(exc: UnicodeDecodeError | None, encoding: str) -> str | None:
    """The cell the first undecodable byte is in, as the file was read ('Cápsula Fina' where
    it stood), so the person checks a text of their own file; None when there is none."""
    if exc is None or not isinstance(exc.object, (bytes, bytearray)):
        return None
    data, at = bytes(exc.object), exc.start
    begin = max([data.rfind(mark, 0, at) + 1 for mark in _CELL_MARKS] + [at - 40])
    end = min([found for found in (data.find(mark, at) for mark in _CELL_MARKS) if found >= 0]
              + [at + 40, len(data)])
    text = data[begin:end].decode(encoding, errors="replace").strip()
    return repr(text) if text and text.isprintable() else None


def _describe_decode_error(exc: UnicodeDecodeError | None) -> str:
    if exc is None:
        return "undecodable bytes"
    return f"byte 0x{exc.object[exc.start]:02x} at offset {exc.start}"


def _check_file(path: Path, kind: LegacyFileKind, max_bytes: int) -> bytes:
    """Existence, type, size and readability; returns the first bytes for encoding sniffing."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        raise LegacyFileError(f"Legacy file not found: {path}. Check the path and that the "
                              "shared folder is reachable.") from exc
    except OSError as exc:
        raise LegacyFileError(f"Cannot access {path}: {exc.strerror or exc}. Check the path "
                              "and your permissions on it.") from exc
    if not path.is_file():
        raise LegacyFileError(f"{path} is not a file. Choose the {kind.expected} file itself.")
    if info.st_size > max_bytes:
        raise LegacyFileError(
            f"{path.name} is {info.st_size / 1_048_576:.0f} MB, more than the "
            f"{max_bytes // 1_048_576} MB a {kind.description} can be. Check that it "
            "is the right file, or split it and import the parts.")
    if info.st_size == 0:
        raise LegacyFileError(f"{path.name} is empty: it has no header and no rows. Import "
                              f"a copy of {kind.expected} that holds data.")
    try:
        with open(path, "rb") as handle:
            return handle.read(4)
    except OSError as exc:
        raise LegacyFileError(f"Cannot read {path}: {exc.strerror or exc}. Check your "
                              "permissions and that the file is not locked.") from exc


def _candidate_encodings(start: bytes) -> tuple[str, ...]:
    # Excel's "Unicode text" is UTF-16 with a BOM; everything else the collector or Excel
    # wrote is UTF-8 (maybe with BOM) or, on old Windows PCs, cp1252. latin-1 never fails,
    # which makes it the last resort for files with bytes cp1252 leaves undefined.
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("utf-16",)
    return ("utf-8-sig", "cp1252", "latin-1")


def normalise_header(name: str, aliases: Mapping[str, str]) -> str:
    """'  Máquina ', 'MAQUINA', 'numero caixa' → 'maquina', 'maquina', 'numero_caixa'."""
    text = name.replace("\ufeff", "").replace("ï»¿", "").strip().lower()
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))
    text = re.sub(r"[\s\-]+", "_", text)
    return aliases.get(text, text)


def read_header_line(handle: TextIO, file_name: str, kind: LegacyFileKind) -> tuple[int, str]:
    """The first non-blank line and its physical number. Read by hand (not through csv) so the
    delimiter can be chosen from it; leading blank lines are tolerated and still counted."""
    line_number = 0
    while True:
        line = handle.readline()
        if line == "":
            raise LegacyFileError(f"{file_name} has no header line. Import a copy of "
                                  f"{kind.expected} that starts with its column names.")
        line_number += 1
        if line.strip().replace("\ufeff", ""):
            return line_number, line


def map_header(header_text: str, file_name: str, kind: LegacyFileKind) -> Header:
    """Choose the delimiter and map the columns by name; LegacyFileError when a required
    column is missing or a known one appears twice. Unknown columns are ignored, with a
    warning; so is a delimiter other than the comma."""
    candidates = []
    for delimiter in _DELIMITERS:
        names = next(csv.reader([header_text], delimiter=delimiter), [])
        normalised = [normalise_header(name, kind.aliases) for name in names]
        found = sum(1 for column in kind.required if column in normalised)
        candidates.append((found, delimiter, names, normalised))
    # The delimiter that reveals the most required columns; ties go to the comma.
    _found, delimiter, names, normalised = max(candidates, key=lambda c: c[0])
    missing = [column for column in kind.required if column not in normalised]
    if missing:
        unknown = [name.strip() for name, canonical in zip(names, normalised)
                   if canonical and canonical not in kind.known]
        raise LegacyFileError(_missing_columns(file_name, kind, missing, unknown))
    header = Header(delimiter, {}, {}, len(names), [])
    ignored: list[str] = []
    for index, (name, canonical) in enumerate(zip(names, normalised)):
        if canonical in kind.known:
            if canonical in header.columns:
                raise LegacyFileError(
                    f"{file_name} has the column {canonical} twice (columns "
                    f"{header.columns[canonical] + 1} and {index + 1}), so it is unclear "
                    "which to use. Remove one copy and import again.")
            header.columns[canonical] = index
            header.labels[canonical] = name.replace("\ufeff", "").strip()
        elif canonical:
            ignored.append(name.strip())
    if delimiter != ",":
        shown = "semicolon" if delimiter == ";" else "tab"
        header.warnings.append(f"The file separates columns with a {shown}, not a comma "
                               "(probably re-saved from Excel); it was read so.")
    if ignored:
        header.warnings.append(f"Unknown column(s) ignored: {_names(ignored)}.")
    return header


def _names(names: list[str], most: int = 5) -> str:
    """Column names from a file's header as a warning or a refusal quotes them: each escaped
    and cut to 40 characters (a name is anyone's text: terminal escapes, direction marks,
    100 kB), at most `most` of them."""
    shown = ", ".join(repr(name[:40]) for name in names[:most])
    return shown if len(names) <= most else f"{shown} and {len(names) - most} more"


def _missing_columns(file_name: str, kind: LegacyFileKind, missing: list[str],
                     unknown: list[str]) -> str:
    """Why a file lacking required columns is refused, in one line: which, and what to do. In
    a file that has most of them, an unknown column beside a missing one is most likely it
    renamed (percent_camd); a file with few of them is some other file."""
    columns = ", ".join(missing)
    if 2 * len(missing) > len(kind.required):
        return (f"{file_name} is not a {kind.description}: the header lacks the column(s) "
                f"{columns}. Nothing was imported: expected columns such as "
                f"{', '.join(kind.known)} (any order).")
    lacks = (f"{file_name} is not a complete {kind.description}: the header lacks the "
             f"column(s) {columns}, which every {kind.expected} has")
    if unknown:
        return (f"{lacks}, and has the unknown column(s) {_names(unknown)}. Nothing was imported: "
                "if a column was renamed, give it its name back in the header line "
                f"({columns}) and import again.")
    return (f"{lacks}. Nothing was imported: import the {kind.expected} the old system wrote, "
            "with all its columns (in any order).")


def physical_records(reader: Any, header_line: int, file_name: str
                     ) -> Iterator[tuple[int, int, list[str], str | None]]:
    """(first line, last line, cells, csv error) per record of a csv.reader over the rest of
    the file; line numbers are physical (the header is `header_line`)."""
    previous = 0
    while True:
        try:
            cells = next(reader)
            error = None
        except StopIteration:
            return
        except csv.Error as exc:
            cells = []
            if reader.line_num == previous:
                # The reader made no progress: it cannot recover, so stop rather than loop.
                raise LegacyFileError(
                    f"{file_name} stops being readable CSV at line "
                    f"{header_line + previous + 1} ({exc}). Nothing was imported; fix or "
                    "cut that part of the file.") from exc
            error = f"The line could not be read as CSV ({exc})."
        start = header_line + previous + 1
        end = header_line + reader.line_num
        previous = reader.line_num
        yield start, end, cells, error
