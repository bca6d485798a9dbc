"""The two fields of an electronic signature in a dialog's form (21 CFR Part 11 §11.200).

At the first signing of a session the person types their user name and password; later
signings of the same session need the password only (`AuthService.needs_username`). The
release dialog, the audit-trail review dialog and the station's shift handover dialog sign this
way, with these fields, and take what was typed with `take_or_refuse`, which says a missing user
name before anything is sent.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton

from utils.auth import AuthService, Session

from gui.form_dialog import secret_field
from gui.theme import form_label


class SignatureFields(QObject):
    def __init__(self, form: QFormLayout, parent: QObject | None = None):
        super().__init__(parent)
        self.form = form
        self.username = QLineEdit()
        self.username.setObjectName("signatureUsername")
        self.password = secret_field("signaturePassword")
        form.addRow(form_label(self.tr("Your user name")), self.username)
        form.addRow(form_label(self.tr("Your password")), self.password)

    def ask_username(self, auth: AuthService, session: Session) -> None:
        """Show the user name field only when this session has not signed yet."""
        self.show_username(auth.needs_username(session))

    def show_username(self, shown: bool) -> None:
        self.username.setVisible(shown)
        self.form.labelForField(self.username).setVisible(shown)

    def missing_username(self) -> str | None:
        """What to say when the user name is asked and left empty (the field then has the
        focus, the password kept), else None: checked before anything is sent, so a right
        password is never reported as wrong."""
        if self.username.isHidden() or self.username.text().strip():
            return None
        self.username.setFocus()
        return username_missing_text()

    def take_or_refuse(self, refuse: Callable[[str], None]) -> tuple[str | None, str] | None:
        """What a dialog's sign button takes first: (user name or None, password) as `take`
        gives them, or None with the refusal handed to `refuse` when the user name is asked
        and left empty (`missing_username`: nothing is taken, the password stays typed)."""
        missing = self.missing_username()
        if missing is not None:  # said before any check: the password may well be right
            refuse(missing)
            return None
        return self.take()

    def take(self) -> tuple[str | None, str]:
        """(user name or None, password), the password field cleared at once: a typed
        password never stays in a widget longer than the signing needs."""
        username, password = self.username.text(), self.password.text()
        self.password.clear()
        return username or None, password


def username_missing_text() -> str:
    """The refusal for a first signature without the user name (the dialogs' own check, and
    the services' `username_missing` code)."""
    return QCoreApplication.translate(
        "SignatureFields", "Type your user name too: it is asked at the first signature after "
        "each login. Nothing was signed.")


def sign_buttons(dialog: QDialog, sign_text: str, sign: Callable[[], object]
                 ) -> tuple[QPushButton, QHBoxLayout]:
    """The row under a signing dialog: Close, then the sign button (the dialog's primary
    action, on the right where the eye ends). Returns the sign button and the row."""
    sign_button = QPushButton(sign_text)
    sign_button.setObjectName("primary")
    sign_button.clicked.connect(sign)
    close = QPushButton(QCoreApplication.translate("SignatureFields", "Close"))
    close.clicked.connect(dialog.reject)
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    buttons.addWidget(close)
    buttons.addWidget(sign_button)
    return sign_button, buttons
