"""Users: list, create (initial password → forced change), change role or name, reset password,
unlock, deactivate and reactivate. Never delete, never reuse a name; every change carries a
reason and is audited by the service; the last active admin stays. "Import from the old
system…" creates the old system's accounts in the background (utils.legacy_users) and shows
their one-time passwords once (gui.admin.legacy_users_dialog)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from config.constants import Role
from data.legacy_csv import LegacyFileError
from models.validation import ValidationFailed
from utils.auth import AuthError, AuthService, Session
from utils.legacy_users import UsersImportReport, import_legacy_users
from utils.passwords import PasswordPolicyError
from utils.permissions import PermissionDenied

from gui.admin.legacy_users_dialog import LegacyUsersDialog
from gui.admin.site_now import SiteNow
from gui.admin.users_model import UsersTableModel
from gui.admin.users_texts import auth_error_text
from gui.form_dialog import error_line, lay_out_form_dialog, secret_field
from gui.header import role_name
from gui.labels import wrapped_label
from gui.messages import field_error_text, password_policy_text
from gui.table_view import read_table, short_list
from gui.tasks import TaskRunner
from gui.theme import form_label


class AccountEdit(StrEnum):
    """What a button of the tab asks of an account (each opens its dialog, `open_dialog`)."""

    CREATE = "create"
    ROLE = "role"
    NAME = "name"
    RESET = "reset"
    UNLOCK = "unlock"
    DEACTIVATE = "deactivate"
    REACTIVATE = "reactivate"


class UserDialog(QDialog):
    """Fields for one account change plus the mandatory reason; `apply` calls the service."""

    def __init__(self, title: str, fields: dict[str, QWidget], action: Callable[[dict, str], Any],
                 parent: QWidget | None = None, *, repeat: QLineEdit | None = None):
        """`repeat`: the field that must hold the same text as the (last) password field."""
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle(title)
        self.fields = fields
        self.action = action
        self.repeat = repeat
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("Why"))
        reason_hint = QLabel(self.tr("At least 10 characters; kept in the audit trail."))
        reason_hint.setProperty("role", "hint")
        reason_hint.setWordWrap(True)
        self.error = error_line()
        form = QFormLayout()
        for label, widget in fields.items():
            form.addRow(form_label(label), widget)
            widget.setAccessibleName(label)
        if repeat is not None:
            form.addRow(form_label(self.tr("Repeat it")), repeat)
            repeat.setAccessibleName(self.tr("Repeat the password"))
        form.addRow(form_label(self.tr("Reason")), self.reason)
        form.addRow("", reason_hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        lay_out_form_dialog(self, form, self.error, buttons, self.apply)

    def values(self) -> dict[str, str]:
        out = {}
        for label, widget in self.fields.items():
            out[label] = widget.currentData() if isinstance(widget, QComboBox) else widget.text()
        return out

    def apply(self) -> bool:
        self.error.clear()
        if self.repeat is not None:
            typed = [w.text() for w in self.fields.values()
                     if isinstance(w, QLineEdit) and w.echoMode() == QLineEdit.EchoMode.Password]
            if typed and typed[-1] != self.repeat.text():
                self.error.setText(self.tr("The two passwords differ: type them again. "
                                           "Nothing was changed."))
                self.repeat.clear()
                self.repeat.setFocus()
                return False
        try:
            self.action(self.values(), self.reason.text())
        except ValidationFailed as exc:
            self.error.setText("\n".join(field_error_text(e) for e in exc.errors))
            return False
        except PasswordPolicyError as exc:
            self.error.setText(password_policy_text(exc.code, exc.params))
            return False
        except AuthError as exc:
            self.error.setText(auth_error_text(exc))
            return False
        except PermissionDenied:
            self.error.setText(self.tr("Your role may not manage users."))
            return False
        self.accept()
        return True


class UsersTab(QWidget):
    def __init__(self, auth: AuthService, site: SiteNow, keyless: Callable[[], list[str]],
                 session: Session, runner: TaskRunner | None = None,
                 parent: QWidget | None = None):
        """`keyless`: the site's supervisors and admins with no signing key yet (none
        outside a site), asked again at each refresh."""
        super().__init__(parent)
        self.auth, self.site, self.keyless_accounts = auth, site, keyless
        self.session = session
        # The admin panel's runner (shut down with the window); a tab on its own gets one.
        self.runner = runner if runner is not None else TaskRunner(self)
        self.legacy_dialog: LegacyUsersDialog | None = None
        self.setObjectName("usersTab")
        self.model = UsersTableModel(self, site.timezone)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search users…"))
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = short_list(read_table(self.proxy, self.tr("User accounts"), "usersTable"))
        self.table.verticalHeader().setDefaultSectionSize(34)
        buttons = QHBoxLayout()
        self.actions: dict[AccountEdit, QPushButton] = {}
        for key, text in ((AccountEdit.CREATE, self.tr("New user…")),
                          (AccountEdit.ROLE, self.tr("Change role…")),
                          (AccountEdit.NAME, self.tr("Change name…")),
                          (AccountEdit.RESET, self.tr("Reset password…")),
                          (AccountEdit.UNLOCK, self.tr("Unlock…")),
                          (AccountEdit.DEACTIVATE, self.tr("Deactivate…")),
                          (AccountEdit.REACTIVATE, self.tr("Reactivate…"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, k=key: self.open_dialog(k))
            buttons.addWidget(button)
            self.actions[key] = button
        buttons.addStretch(1)
        self.import_button = QPushButton(self.tr("Import from the old system…"))
        self.import_button.setObjectName("importLegacyUsers")
        self.import_button.setToolTip(self.tr(
            "Create the accounts of the old system's usuarios.csv, each with a one-time "
            "password; its old passwords are never used"))
        self.import_button.clicked.connect(lambda _checked=False: self.import_legacy())
        buttons.addWidget(self.import_button)
        self.status = wrapped_label("usersStatus")
        # Supervisors and admins with no signing key yet (carried over by a site's upgrade to
        # keys by role): they cannot sign commands or corrections until a reset gives them one.
        self.keyless = wrapped_label("usersWithoutKeys")
        self.keyless.setStyleSheet("background: #fff3cd; padding: 6px;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyless)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(self.auth.list_users(self.session))
        keyless = self.keyless_accounts()
        self.keyless.setText(self.tr(
            "%n supervisor or admin account(s) cannot sign yet (no signing key since the site's "
            "move to keys by role): %1. Reset their password (Reset password…) to give each "
            "a key; they choose a new password at their next login.", "", len(keyless))
            .replace("%1", ", ".join(keyless)))
        self.keyless.setVisible(bool(keyless))

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return None if not rows else self.model.row_at(self.proxy.mapToSource(rows[0]).row()).username

    def select(self, username: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).username == username:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _roles(self) -> QComboBox:
        combo = QComboBox()
        for role in Role:
            combo.addItem(role_name(None, str(role)), str(role))
        return combo

    def open_dialog(self, kind: AccountEdit) -> UserDialog | None:
        auth, actor = self.auth, self.session
        name = self.selected_username()
        if kind != AccountEdit.CREATE and name is None:
            return None
        password = secret_field()
        # A password nobody sees typed goes in twice, as everywhere else in the app.
        repeat = secret_field("repeatPassword")
        fields: dict[str, QWidget]
        if kind == AccountEdit.CREATE:
            fields = {self.tr("Username"): QLineEdit(), self.tr("Full name"): QLineEdit(),
                      self.tr("Role"): self._roles(), self.tr("Initial password"): password}
            labels = list(fields)

            def action(values: dict, reason: str) -> Any:
                return auth.create_user(actor, values[labels[0]], values[labels[1]],
                                        values[labels[2]], values[labels[3]], reason)
            title = self.tr("New user (must change the password at first login)")
        elif kind == AccountEdit.ROLE:
            fields = {self.tr("Role"): self._roles()}
            def action(values, reason):  # noqa: E306
                return auth.set_role(actor, name, next(iter(values.values())), reason)
            title = self.tr("Change the role of %1").replace("%1", name)
        elif kind == AccountEdit.NAME:
            fields = {self.tr("Full name"): QLineEdit()}
            def action(values, reason):  # noqa: E306
                return auth.set_full_name(actor, name, next(iter(values.values())), reason)
            title = self.tr("Change the name of %1").replace("%1", name)
        elif kind == AccountEdit.RESET:
            fields = {self.tr("Temporary password"): password}
            def action(values, reason):  # noqa: E306
                return auth.reset_password(actor, name, next(iter(values.values())), reason)
            title = self.tr("Reset the password of %1").replace("%1", name)
        else:
            fields = {}
            method = {AccountEdit.UNLOCK: auth.unlock, AccountEdit.DEACTIVATE: auth.deactivate,
                      AccountEdit.REACTIVATE: auth.reactivate}[kind]
            def action(values, reason):  # noqa: E306
                return method(actor, name, reason)
            title = {AccountEdit.UNLOCK: self.tr("Unlock %1"),
                     AccountEdit.DEACTIVATE: self.tr("Deactivate %1"),
                     AccountEdit.REACTIVATE: self.tr("Reactivate %1")}[kind].replace("%1", name)
        for widget in fields.values():
            widget.setObjectName("field")
        dialog = UserDialog(title, fields, action, self,
                            repeat=repeat if password in fields.values() else None)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        self.dialog = dialog
        return dialog

    # -- the old system's accounts -------------------------------------------------------------

    def import_legacy(self, path: str | None = None) -> None:
        """Ask for usuarios.csv (unless given), then create its accounts in the background."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("The old system's usuarios.csv"), "",
                self.tr("CSV files (*.csv);;All files (*)"))
            if not path:
                return
        auth, session, chosen = self.auth, self.session, Path(path)
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Importing the accounts of %1…").replace("%1", chosen.name))

        def work(progress, cancel) -> UsersImportReport:
            return import_legacy_users(auth, session, chosen, progress=progress, cancel=cancel)

        def progress(done: int, total: Any) -> None:
            self.status.setText(self.tr("Importing the accounts of %1: %2 of %3…").replace(
                "%1", chosen.name).replace("%2", str(done)).replace("%3", str(total)))

        self.runner.run(work, on_done=self._imported, on_error=self._import_failed,
                        on_progress=progress)

    def _imported(self, report: UsersImportReport) -> None:
        self.import_button.setEnabled(True)
        self.refresh()
        self.status.setText(self.tr("Import of %1 finished: %2 created, %3 already existed, %4 "
                                    "not imported.").replace("%1", report.file_name)
                            .replace("%2", str(len(report.created)))
                            .replace("%3", str(len(report.existing)))
                            .replace("%4", str(len(report.problems))))
        dialog = LegacyUsersDialog(report, self.session.username,
                                   self.site.clock.now().astimezone(ZoneInfo(self.site.timezone)), self)
        dialog.destroyed.connect(lambda _obj=None: setattr(self, "legacy_dialog", None))
        self.legacy_dialog = dialog
        dialog.open()

    def _import_failed(self, error: BaseException) -> None:
        self.import_button.setEnabled(True)
        if isinstance(error, PermissionDenied):
            text = self.tr("Your role may not manage users; no account was created.")
        elif isinstance(error, LegacyFileError):
            text = self.tr("The file could not be imported and no account was created: %1"
                           ).replace("%1", str(error))
        else:
            text = self.tr("The import stopped with an error (%1). Accounts created before it "
                           "are in the list; their one-time passwords are lost, so reset "
                           "theirs. See the log for details.").replace("%1", type(error).__name__)
        self.status.setText(text)
