"""The result of importing the old system's accounts, with their one-time passwords shown once.

The passwords live only in this dialog (its table model and, while printing, a text document):
nothing stores or logs them, and closing the dialog drops them for good. "Print…" sends one
slip per person to a printer chosen with Qt's print dialog, so the admin can hand each person
their own. Also listed: names that exist already (not changed) and the lines not imported, with
the reason in the person's language.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout,
    QWidget,
)

from data.legacy_users import (
    PROBLEM_CSV, PROBLEM_DUPLICATE, PROBLEM_FIELDS, PROBLEM_FULL_NAME, PROBLEM_LOGIN,
    PROBLEM_ROLE, UserRowProblem,
)
from utils.legacy_users import CreatedAccount, UsersImportReport

from gui.header import role_name
from gui.table_model import ColumnTableModel


class CreatedAccountsModel(ColumnTableModel):
    COLUMNS = ("username", "full_name", "role", "password")

    def __init__(self, accounts: list[CreatedAccount], parent: QObject | None = None):
        super().__init__(parent)
        self._rows = list(accounts)
        self._headers = (self.tr("Username"), self.tr("Full name"), self.tr("Role"),
                         self.tr("One-time password"))
        # Fixed width and bold, at least as large as the text around it: it is read off the
        # screen and typed, letter by letter.
        self._password_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._password_font.setPointSizeF(max(self._password_font.pointSizeF(),
                                              QApplication.font().pointSizeF()))
        self._password_font.setBold(True)

    def cell_data(self, account: CreatedAccount, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {"username": account.username, "full_name": account.full_name,
                    "role": role_name(None, str(account.role)),
                    "password": account.one_time_password}[column]
        if role == Qt.ItemDataRole.FontRole and column == "password":
            return self._password_font
        return None

    def accounts(self) -> list[CreatedAccount]:
        return list(self._rows)

    def forget(self) -> None:
        """Drop the passwords (the dialog is closing: they are not shown again)."""
        self.set_rows([])


def problem_text(problem: UserRowProblem) -> str:
    """A line that was not imported, in the person's language."""
    translate = QCoreApplication.translate
    value = problem.value
    by_code = {
        PROBLEM_LOGIN: translate(
            "LegacyUsers", "Line %1: the login \"%2\" cannot be a username here (2 to 32 "
            "letters a-z, digits, '.', '_' or '-'; no spaces or accents). Create this account "
            "by hand.") if value else translate(
            "LegacyUsers", "Line %1: the login is empty, so this row is no account."),
        PROBLEM_DUPLICATE: translate(
            "LegacyUsers", "Line %1: the login \"%2\" appears earlier in the file; this copy "
            "was not imported."),
        PROBLEM_ROLE: translate(
            "LegacyUsers", "Line %1: the account type \"%2\" is not Desenvolvedor, "
            "Coordenador, Encarregado, Analista or Operador; the role is not guessed. Create "
            "this account by hand."),
        PROBLEM_FULL_NAME: translate(
            "LegacyUsers", "Line %1: the full name has control characters or more than 100 "
            "characters. Fix it in the file or create this account by hand."),
        PROBLEM_FIELDS: translate(
            "LegacyUsers", "Line %1: it has a different number of fields than the header (a "
            "comma inside a name must be quoted). Fix the line or create this account by hand."),
        PROBLEM_CSV: translate(
            "LegacyUsers", "Line %1: it cannot be read as CSV. Fix the line or create this "
            "account by hand."),
    }
    # Any other code: refused by the account service; its detail is technical English.
    text = by_code.get(problem.code) or translate(
        "LegacyUsers", "Line %1: the account \"%2\" was refused (%3). Create it by hand."
    ).replace("%3", problem.reason)
    return text.replace("%1", str(problem.line)).replace("%2", value)


class LegacyUsersDialog(QDialog):
    """Shows one import's outcome; the only place its one-time passwords are ever shown."""

    def __init__(self, report: UsersImportReport, issued_by: str, issued_at: datetime,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("legacyUsersDialog")
        self.setWindowTitle(self.tr("Accounts imported from the old system"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_name = report.file_name
        self.issued_by = issued_by
        self.issued_at = issued_at
        self.printed = False
        layout = QVBoxLayout(self)
        summary = QLabel(self.tr("%1: %2 account(s) created, %3 already existed (not changed), "
                                 "%4 line(s) not imported.")
                         .replace("%1", report.file_name).replace("%2", str(len(report.created)))
                         .replace("%3", str(len(report.existing)))
                         .replace("%4", str(len(report.problems))))
        summary.setObjectName("summary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.model = CreatedAccountsModel(report.created, self)
        self.table = QTableView()
        self.table.setObjectName("createdAccounts")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        if report.created:
            once = QLabel(self.tr("These one-time passwords are shown only now. Print them or "
                                  "note them and give each person their own: at the first login "
                                  "each person chooses a new password."))
            once.setObjectName("shownOnce")
            once.setProperty("role", "warning")
            once.setWordWrap(True)
            layout.addWidget(once)
            layout.addWidget(self.table, 1)
        else:
            self.table.hide()
        details = []
        if report.existing:
            details.append(self.tr("Already exist, not changed: %1").replace(
                "%1", ", ".join(account.username for account in report.existing)))
        if report.full_name_from_login:
            details.append(self.tr("No full name in the file (the login is used until changed): "
                                   "%1").replace("%1", ", ".join(report.full_name_from_login)))
        if report.stopped:
            details.append(self.tr("The import was stopped: only the accounts listed were "
                                   "created."))
        details.extend(problem_text(problem) for problem in report.problems)
        if report.had_passwords:
            details.append(self.tr("The file holds the old passwords in plain text. They were "
                                   "not read; delete the file or keep it where only admins can "
                                   "read it."))
        details.extend(report.warnings)  # about the file (encoding, separator): English
        self.details = QLabel("\n".join(details))
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("print")
        self.print_button.setEnabled(bool(report.created))
        self.print_button.clicked.connect(self.choose_printer)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)
        self.finished.connect(lambda _code: self.model.forget())
        self.resize(760, 520)

    def document(self) -> QTextDocument:
        """The sheet: one slip per person, to cut apart."""
        intro = self.tr("Accounts imported from %1 by %2 on %3. Each password works once: at "
                        "the first login the person chooses their own. Hand each slip to its "
                        "person only.").replace("%1", self.file_name).replace(
                            "%2", self.issued_by).replace("%3", f"{self.issued_at:%Y-%m-%d %H:%M}")
        labels = (self.tr("Username"), self.tr("Name"), self.tr("Role"),
                  self.tr("One-time password"))
        title = self.tr("One-time passwords")
        parts = [f"<h3>{html.escape(title)}</h3>",
                 f"<p>{html.escape(intro)}</p>"]
        for account in self.model.accounts():
            values = (account.username, account.full_name, role_name(None, str(account.role)),
                      account.one_time_password)
            cells = "".join(f"<tr><td>{html.escape(label)}:&nbsp;</td>"
                            f"<td><b>{html.escape(value)}</b></td></tr>"
                            for label, value in zip(labels, values))
            parts.append(f"<hr/><table>{cells}</table>")
        document = QTextDocument(self)
        document.setHtml("".join(parts))
        return document

    def print_to(self, printer: QPrinter) -> None:
        self.document().print_(printer)
        self.printed = True

    def choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        chooser = QPrintDialog(printer, self)
        chooser.setObjectName("printDialog")
        if chooser.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)
