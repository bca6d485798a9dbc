"""Reading the old system's `usuarios.csv` into the accounts to create, never its passwords.

The old collector kept its accounts in a CSV with the columns `login`, `senha` (the password,
in plain text), `tipo` (Desenvolvedor, Coordenador, Encarregado, Analista or Operador) and
`nome_completo`. The file is read like the production file (data.legacy_csv: columns by name in
any order, BOM, blank lines, cp1252 or latin-1 copies, semicolons), and each data row becomes a
`LegacyAccount` or a `UserRowProblem` naming its physical line, what is wrong and what to do.

The old password is never used and never read: the `senha` column is recognised only so that it
is not reported as unknown, its cells are never looked at, and the parsed row's cells are
cleared as soon as the row is read. (Python cannot wipe a string from memory; what it can do is
hold no reference to it past the row, and this module holds none.) No message, reason or log
line quotes a cell of that column. Each account gets a new one-time password elsewhere
(utils.legacy_users).

Roles are mapped with config.constants.LEGACY_ROLE_MAP (where the choices are explained: no
import creates an admin). An unknown or empty `tipo` is not guessed: the row is reported.
An empty `nome_completo` takes the login as the full name, with a note.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from config.constants import LEGACY_ROLE_MAP, Role
from data.legacy_csv import (
    LegacyFileKind, map_header, physical_records, read_header_line, read_legacy_file,
)
from models.validation import (
    FULL_NAME_MAX, USERNAME_MAX, has_forbidden_characters, validate_username,
)

# A plant has tens to a few thousand accounts; a bigger file is not a usuarios.csv.
MAX_FILE_BYTES = 5 * 1024 * 1024

PASSWORD_COLUMN = "senha"
REQUIRED_COLUMNS: tuple[str, ...] = ("login", "tipo")
KNOWN_COLUMNS: tuple[str, ...] = (*REQUIRED_COLUMNS, "nome_completo", PASSWORD_COLUMN)
_ALIASES = {
    "usuario": "login", "user": "login", "username": "login",
    "nome": "nome_completo", "full_name": "nome_completo", "name": "nome_completo",
    "perfil": "tipo", "role": "tipo", "password": PASSWORD_COLUMN,
}
FILE_KIND = LegacyFileKind(expected="usuarios.csv", description="legacy accounts CSV",
                           required=REQUIRED_COLUMNS, known=KNOWN_COLUMNS, aliases=_ALIASES,
                           accented_example="'João'")
_SHOWN_MAX = 40
PASSWORDS_IN_FILE = ("The file holds the old system's passwords in plain text (column senha). "
                     "They were not read and are not used: every account gets a new one-time "
                     "password. Delete the file, or keep it where only admins can read it.")

# UserRowProblem codes (the GUI translates them; `reason` is the English for the CLI and logs).
PROBLEM_FIELDS = "fields"  # the line has another number of fields than the header
PROBLEM_CSV = "csv"  # the line is not readable CSV
PROBLEM_LOGIN = "login"  # empty, or not a valid username here
PROBLEM_ROLE = "role"  # empty or unknown tipo
PROBLEM_FULL_NAME = "full_name"  # too long or with control characters
PROBLEM_DUPLICATE = "duplicate"  # the same login earlier in the file


@dataclass(frozen=True)
class LegacyAccount:
    line: int
    username: str  # normalised (lower case), valid for AuthService
    full_name: str
    role: Role
    legacy_role: str  # `tipo` as written
    full_name_from_login: bool = False  # nome_completo was empty


@dataclass(frozen=True)
class UserRowProblem:
    line: int
    code: str  # PROBLEM_*
    value: str  # the cell concerned, shortened (never a password)
    reason: str  # English, for the CLI and logs


@dataclass
class LegacyUsersParse:
    accounts: list[LegacyAccount] = field(default_factory=list)
    problems: list[UserRowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    total_rows: int = 0  # non-blank data records: len(accounts) + len(problems)
    # The file has a senha column (never read): the CLI and the GUI tell the admin to delete
    # the file or lock it away (PASSWORDS_IN_FILE is the CLI's words).
    had_passwords: bool = False


def parse_legacy_users(path: Path) -> LegacyUsersParse:
    """Parse `usuarios.csv`; nothing is created. Raises data.legacy_csv.LegacyFileError when
    the file cannot be read as one."""
    path = Path(path)
    result, encoding_warning = read_legacy_file(path, FILE_KIND, MAX_FILE_BYTES,
                                                lambda handle: _parse(handle, path.name))
    if encoding_warning:
        result.warnings.insert(0, encoding_warning)
    return result


def legacy_role_key(tipo: str) -> str:
    """'Desenvolvedor ', 'COORDENADORA', 'Operador' -> the LEGACY_ROLE_MAP key."""
    text = unicodedata.normalize("NFKD", tipo.strip().casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _shown(value: str) -> str:
    return value if len(value) <= _SHOWN_MAX else value[:_SHOWN_MAX] + "…"


def _parse(handle: TextIO, file_name: str) -> LegacyUsersParse:
    result = LegacyUsersParse()
    header_line, header_text = read_header_line(handle, file_name, FILE_KIND)
    header = map_header(header_text, file_name, FILE_KIND)
    result.warnings.extend(header.warnings)
    result.had_passwords = PASSWORD_COLUMN in header.columns
    if "nome_completo" not in header.columns:
        result.warnings.append("The file has no nome_completo column: each account's full name "
                               "is its login until someone changes it.")
    columns = header.columns
    seen: dict[str, int] = {}
    blank = 0
    reader = csv.reader(handle, delimiter=header.delimiter)
    for start, end, cells, error in physical_records(reader, header_line, file_name):
        if error is not None:
            result.total_rows += 1
            result.problems.append(UserRowProblem(start, PROBLEM_CSV, "", error))
            continue
        if not any(cell.strip() for cell in cells):
            blank += end - start + 1
            continue
        result.total_rows += 1
        if len(cells) != header.width:
            result.problems.append(UserRowProblem(
                start, PROBLEM_FIELDS, str(len(cells)),
                f"The line has {len(cells)} fields but the header has {header.width}; a comma "
                "inside a name must be quoted. Fix the line or create this account by hand."))
            cells.clear()
            continue
        login = cells[columns["login"]].strip()
        tipo = cells[columns["tipo"]].strip()
        full = cells[columns["nome_completo"]] if "nome_completo" in columns else ""
        # The row's old password is in `cells` and nowhere else; drop it now.
        cells.clear()
        outcome = _account(start, login, tipo, unicodedata.normalize("NFC", full.strip()), seen)
        if isinstance(outcome, LegacyAccount):
            seen[outcome.username] = start
            result.accounts.append(outcome)
        else:
            result.problems.append(outcome)
    if blank:
        result.warnings.append(f"{blank} blank line(s) skipped.")
    if result.total_rows == 0:
        result.warnings.append("The file has a header but no accounts.")
    return result


def _account(line: int, login: str, tipo: str, full: str, seen: dict[str, int]
             ) -> LegacyAccount | UserRowProblem:
    username, errors = validate_username(login)
    if errors or username is None:
        if not login:
            return UserRowProblem(line, PROBLEM_LOGIN, "", "The login is empty: this row is "
                                  "no account. Remove it or fill in the login.")
        return UserRowProblem(
            line, PROBLEM_LOGIN, _shown(login),
            f"The login {_shown(login)!r} cannot be a username here (2 to {USERNAME_MAX} "
            "letters a-z, digits, '.', '_' or '-', starting with a letter or digit; no spaces "
            "or accents). Create this account by hand with a name that fits.")
    if username in seen:
        return UserRowProblem(line, PROBLEM_DUPLICATE, username,
                              f"The login {username!r} was already read on line "
                              f"{seen[username]}; this copy is not imported.")
    role = LEGACY_ROLE_MAP.get(legacy_role_key(tipo))
    if role is None:
        known = "Desenvolvedor, Coordenador, Encarregado, Analista or Operador"
        state = "is empty" if not tipo else f"is {_shown(tipo)!r}"
        return UserRowProblem(line, PROBLEM_ROLE, _shown(tipo),
                              f"The account type (tipo) {state}, not one of {known}; the role "
                              "is not guessed. Fix the file or create this account by hand.")
    if has_forbidden_characters(full) or len(full) > FULL_NAME_MAX:
        return UserRowProblem(line, PROBLEM_FULL_NAME, _shown(full),
                              f"The full name (nome_completo) has control characters or more "
                              f"than {FULL_NAME_MAX} characters. Fix it in the file or create "
                              "this account by hand.")
    return LegacyAccount(line=line, username=username, full_name=full or username, role=role,
                         legacy_role=tipo, full_name_from_login=not full)
