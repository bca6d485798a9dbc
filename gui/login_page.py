"""Login: username and password, a caps-lock hint, messages that never reveal whether a
username exists, "locked until HH:MM" (and who, if anyone, can unlock it sooner:
gui/password_check.py), and the forced password change.

A badge scanner that types the username followed by Enter works: Enter in the username field
moves to the password.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from utils.auth import AuthError, LoginFailure, Session
from utils.passwords import PasswordPolicyError

from gui.i18n import current_language
from gui.form_dialog import error_line, lay_out_form_dialog, secret_field
from gui.labels import wrapped_label
from gui.messages import password_policy_text
from gui.password_check import locked_text
from gui.theme import form_label
from gui.station_controller import StationController


class CapsLockWatcher(QObject):
    """Qt cannot ask the keyboard for caps lock, so infer it from the letters typed: an upper-
    case letter without Shift (or lower-case with Shift) means caps lock is on."""

    changed = Signal(bool)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            text = key_event.text()
            if len(text) == 1 and text.isalpha() and text.upper() != text.lower():
                shift = bool(key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.changed.emit(text.isupper() != shift)
        return False


class LoginPage(QWidget):
    logged_in = Signal(object)  # Session
    language_chosen = Signal(str)  # "pt_BR" or "en": switch the window to it now

    def __init__(self, controller: StationController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("loginWindow")
        self.setWindowTitle(self.tr("Shopfloor Collector: log in"))
        ctx = controller.ctx
        office = ctx.settings.station_kind == "office"
        title = QLabel(self.tr("Office PC %1").replace("%1", ctx.station_id) if office
                       else self.tr("Station %1").replace("%1", ctx.station_id))
        title.setStyleSheet("font-size: 26px; font-weight: bold;")
        subtitle = QLabel(self.tr("Log in to open the admin panel") if office
                          else self.tr("Log in to record production"))
        subtitle.setProperty("role", "hint")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(self.tr("Username or badge"))
        self.password = secret_field("password")
        self.password.setPlaceholderText(self.tr("Password"))
        self.caps = QLabel(self.tr("Caps Lock is on"))
        self.caps.setProperty("role", "hint")
        self.caps.setVisible(False)
        self.error = wrapped_label("loginError", role="error")
        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setObjectName("primary")
        self.notice = wrapped_label(role="hint")
        # Each language named in itself, so a person who reads only one of them finds it.
        self.language = QComboBox()
        self.language.setObjectName("loginLanguage")
        self.language.addItem("Português (Brasil)", "pt_BR")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        self.language.setAccessibleName("Idioma / Language")
        self.language.currentIndexChanged.connect(
            lambda _index: self.language_chosen.emit(self.language.currentData()))
        form = QFormLayout()
        form.addRow(form_label(self.tr("Username")), self.username)
        form.addRow(form_label(self.tr("Password")), self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 32)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(form)
        layout.addWidget(self.caps)
        layout.addWidget(self.error)
        layout.addWidget(self.login_button)
        layout.addWidget(self.notice)
        languages = QHBoxLayout()
        languages.addStretch(1)
        languages.addWidget(QLabel("Idioma / Language"))
        languages.addWidget(self.language)
        layout.addLayout(languages)
        layout.addStretch(1)
        self.setMinimumWidth(460)
        self._caps_watcher = CapsLockWatcher(self)
        self._caps_watcher.changed.connect(self.caps.setVisible)
        self.password.installEventFilter(self._caps_watcher)
        self.username.returnPressed.connect(self._username_done)
        self.password.returnPressed.connect(self.attempt)
        self.login_button.clicked.connect(self.attempt)
        if not ctx.auth.has_users():
            self.notice.setText(self.tr(
                "There are no user accounts on this PC yet. Create the site and its first "
                "admin with: shopfloor site create (or shopfloor user add NAME --role admin)."))

    def _username_done(self) -> None:
        if self.username.text().strip():
            self.password.setFocus()

    def reset(self, message: str = "") -> None:
        self.password.clear()
        self.username.clear()
        self.error.setText(message)
        self.username.setFocus()

    def attempt(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username.strip() or not password:
            self.error.setText(self.tr("Type your username and password."))
            return
        self.login_button.setEnabled(False)
        try:
            result = self.controller.login(username, password)
        finally:
            self.login_button.setEnabled(True)
        self.password.clear()
        if result.ok and result.session is not None:
            if result.session.must_change_password:
                session = self._forced_change(result.session, password)
                if session is None:
                    return
            else:
                session = result.session
            self.error.clear()
            self.logged_in.emit(session)
            return
        if result.failure == LoginFailure.LOCKED and result.locked_until is not None:
            self.error.setText(locked_text(self.controller.ctx, username, result.locked_until))
        else:
            self.error.setText(self.tr("Wrong username or password."))
        self.password.setFocus()

    def _forced_change(self, session: Session, old_password: str) -> Session | None:
        dialog = ChangePasswordDialog(session.username, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                result = self.controller.change_password_and_login(
                    session.username, old_password, dialog.new_password())
            except PasswordPolicyError as exc:
                dialog.show_error(password_policy_text(exc.code, exc.params))
                continue
            except AuthError:
                dialog.reject()
                break
            if result.ok and result.session is not None:
                return result.session
            break
        self.error.setText(self.tr("You must change your password before you can work. "
                                   "Log in again to change it."))
        return None


class ChangePasswordDialog(QDialog):
    def __init__(self, username: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(self.tr("Change your password"))
        intro = QLabel(self.tr("%1, you must choose a new password before you start. Use 8 to "
                               "72 characters; avoid common passwords.").replace("%1", username))
        intro.setWordWrap(True)
        self.first = secret_field("newPassword")
        self.second = secret_field("repeatPassword")
        self.error = error_line()
        form = QFormLayout()
        form.addRow(form_label(self.tr("New password")), self.first)
        form.addRow(form_label(self.tr("Repeat it")), self.second)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        lay_out_form_dialog(self, form, self.error, buttons, self._check, above=(intro,),
                            min_width=440)

    def _check(self) -> None:
        if self.first.text() != self.second.text():
            self.show_error(self.tr("The two passwords differ."))
            return
        self.accept()

    def new_password(self) -> str:
        return self.first.text()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.first.clear()
        self.second.clear()
        self.first.setFocus()
