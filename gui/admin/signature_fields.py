"""The two fields of an electronic signature in a dialog's form (21 CFR Part 11 §11.200).

At the first signing of a session the person types their user name and password; later
signings of the same session need the password only (`AuthService.needs_username`). The
release dialog and the audit-trail review dialog both sign this way, with these fields.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLineEdit

from utils.auth import Session
from utils.context import AppContext

from gui.theme import form_label


class SignatureFields(QObject):
    def __init__(self, form: QFormLayout, parent: QObject | None = None):
        super().__init__(parent)
        self.form = form
        self.username = QLineEdit()
        self.username.setObjectName("signatureUsername")
        self.password = QLineEdit()
        self.password.setObjectName("signaturePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(form_label(self.tr("Your user name")), self.username)
        form.addRow(form_label(self.tr("Your password")), self.password)

    def ask_username(self, ctx: AppContext, session: Session) -> None:
        """Show the user name field only when this session has not signed yet."""
        self.show_username(ctx.auth.needs_username(session))

    def show_username(self, shown: bool) -> None:
        self.username.setVisible(shown)
        self.form.labelForField(self.username).setVisible(shown)

    def take(self) -> tuple[str | None, str]:
        """(user name or None, password), the password field cleared at once: a typed
        password never stays in a widget longer than the signing needs."""
        username, password = self.username.text(), self.password.text()
        self.password.clear()
        return username or None, password
