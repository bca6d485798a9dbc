"""Bringing the old system's accounts over: one new account per row of its `usuarios.csv`.

Admins only (user management). Each account is created through AuthService.create_user, so
the permission check, the audit event (one per account, its reason naming the file and line)
and the site's user directory apply as for an account created by hand. The role comes from
config.constants.LEGACY_ROLE_MAP (no import creates an admin), the full name is kept, and the
old password is never used (data.legacy_users never reads it): each account gets a one-time
password (utils.passwords.one_time_password) and must choose its own at first login.

The one-time passwords exist only in the returned report, to be shown once to the admin (the
CLI prints them or writes a 0600 sheet, the GUI shows a dialog that can print them); nothing
stores or logs them. An existing username (active or not: names are never reused) is reported,
never overwritten. One more audit event records the import with its counts.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from config.constants import Permission, Role
from data.legacy_users import LegacyAccount, UserRowProblem, parse_legacy_users
from models.path_text import path_text
from models.validation import ValidationFailed
from utils.atomic_io import atomic_create_bytes
from utils.auth import AuthError, AuthService, Session
from utils.passwords import PasswordPolicyError, one_time_password
from utils.permissions import require

AUDIT_ACTION = "users.import_legacy"
PROBLEM_REFUSED = "refused"  # AuthService refused a row the parser accepted (see `reason`)


@dataclass(frozen=True)
class CreatedAccount:
    line: int
    username: str
    full_name: str
    role: Role
    legacy_role: str
    one_time_password: str = field(repr=False)  # shown once; never stored or logged


@dataclass
class UsersImportReport:
    file_name: str
    total_rows: int = 0
    created: list[CreatedAccount] = field(default_factory=list)
    existing: list[LegacyAccount] = field(default_factory=list)  # reported, not overwritten
    problems: list[UserRowProblem] = field(default_factory=list)  # rows not imported
    warnings: list[str] = field(default_factory=list)
    full_name_from_login: list[str] = field(default_factory=list)  # usernames
    stopped: bool = False  # cancelled part-way; the accounts listed were created
    had_passwords: bool = False  # the file holds the old plain-text passwords (never read)


def import_legacy_users(auth: AuthService, session: Session, path: Path, *,
                        progress: Callable[[int, int], None] | None = None,
                        cancel: threading.Event | None = None,
                        new_password: Callable[[str], str] = one_time_password
                        ) -> UsersImportReport:
    """Create an account for each row of `path`. Raises PermissionDenied (audited) for anyone
    who may not manage users, data.legacy_csv.LegacyFileError when the file cannot be read."""
    path = Path(path)
    require(session, Permission.USER_MANAGE, auth.changes, target=path_text(path))
    # Also the stale-session check (a demoted admin's open session), before reading anything.
    taken = {user.username for user in auth.list_users(session)}
    parsed = parse_legacy_users(path)
    name = path_text(path.name)  # a name that is no UTF-8 still goes into the events
    report = UsersImportReport(file_name=name, total_rows=parsed.total_rows,
                               problems=list(parsed.problems), warnings=list(parsed.warnings),
                               had_passwords=parsed.had_passwords)
    total = len(parsed.accounts)
    for done, account in enumerate(parsed.accounts):
        if cancel is not None and cancel.is_set():
            report.stopped = True
            break
        if progress is not None:
            progress(done, total)
        if account.username in taken:
            report.existing.append(account)
            continue
        password = new_password(account.username)
        try:
            auth.create_user(session, account.username, account.full_name, account.role,
                             password, f"imported from the old system ({name}, line "
                                       f"{account.line}, tipo {account.legacy_role})")
        except AuthError as exc:
            if exc.code != "username_taken":  # created meanwhile by someone else: existing
                report.problems.append(UserRowProblem(account.line, PROBLEM_REFUSED,
                                                      account.username, str(exc)))
            else:
                report.existing.append(account)
            continue
        except (ValidationFailed, PasswordPolicyError) as exc:
            report.problems.append(UserRowProblem(account.line, PROBLEM_REFUSED,
                                                  account.username, str(exc)))
            continue
        taken.add(account.username)
        report.created.append(CreatedAccount(account.line, account.username, account.full_name,
                                             account.role, account.legacy_role, password))
        if account.full_name_from_login:
            report.full_name_from_login.append(account.username)
    if progress is not None and not report.stopped:
        progress(total, total)
    report.problems.sort(key=lambda problem: problem.line)
    auth.changes.record(session.actor, AUDIT_ACTION, entity="file", entity_id=name, after={
                        "total_rows": report.total_rows, "created": len(report.created),
                        "existing": len(report.existing), "not_imported": len(report.problems),
                        "stopped": report.stopped,
                        "created_usernames": [account.username for account in report.created],
                        "existing_usernames": [account.username for account in report.existing],
                        "not_imported_lines": [problem.line for problem in report.problems]})
    return report


def one_time_sheet(report: UsersImportReport, *, issued_by: str, issued_at: datetime) -> str:
    """The one-time passwords as plain text, for the terminal or a printed sheet: one block per
    person, to cut into slips."""
    lines = [f"Shopfloor Collector: one-time passwords for accounts imported from "
             f"{report.file_name}",
             f"Issued by {issued_by} on {issued_at:%Y-%m-%d %H:%M}. Each password works once: "
             "at the first login the person chooses their own.",
             "Hand each slip to its person only, then destroy this sheet.", ""]
    for account in report.created:
        lines += ["-" * 60,
                  f"Username:           {account.username}",
                  f"Name:               {account.full_name}",
                  f"Role:               {account.role} (was {account.legacy_role})",
                  f"One-time password:  {account.one_time_password}", ""]
    return "\n".join(lines)


def write_sheet(path: Path, text: str) -> None:
    """Create `path` with the sheet, readable and writable by its owner only (0600 from the
    start), never replacing an existing file (FileExistsError)."""
    atomic_create_bytes(Path(path), text.encode("utf-8"), mode=0o600)
