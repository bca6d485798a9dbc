"""The pages that collect the set-up: the shared folder and passphrase, and the first admin
account (what this PC is: gui/wizard/station_page.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from models.validation import validate_text, validate_username
from models.validation import FULL_NAME_MAX
from utils.setup_checks import AdminAccount, check_folder, site_machines
from utils.passwords import PasswordPolicyError, check_policy
from utils.site.site_key import PASSPHRASE_MIN_CHARS

from gui.form_dialog import secret_field
from gui.messages import field_error_text, password_policy_text
from gui.theme import TOUCH_MIN_PX
from gui.wizard.page import Titles, WizardOptions, WizardPage
from gui.wizard.widgets import (
    FolderField, error_label, hint_label, mark_invalid, row_label, with_notes,
)
from gui.zone_field import ZoneField, this_pc_zone


class SitePage(WizardPage):
    """Create: a folder (new or empty), the passphrase twice and the site's time zone (this
    PC's by default). Join: the site's folder and its passphrase. The folder is checked in the
    background before moving on."""

    fields = frozenset({"folder", "passphrase", "timezone"})

    def __init__(self, mode: str, options: WizardOptions, parent: QWidget | None = None):
        super().__init__(f"sitePage_{mode}", parent)
        self.mode = mode
        self.options = options
        self.folder = FolderField("siteFolder")
        self.folder_error = error_label("folderError")
        self.passphrase = secret_field("passphrase")
        self.repeat = secret_field("passphraseRepeat")
        self.passphrase_error = error_label("passphraseError")
        self.passphrase_hint = hint_label()
        self.folder_label = row_label()
        self.passphrase_label = row_label()
        self.repeat_label = row_label()
        self.zone = ZoneField("siteTimezone")
        self.zone.set_zone(this_pc_zone())
        self.zone_label = row_label()
        self.zone_error = error_label("timezoneError")
        self.zone_hint = hint_label()
        form = QFormLayout()
        form.setVerticalSpacing(10)
        # Create only: a missing folder is made only when asked (a share not connected, or a
        # typo, must never become a site on this PC's own disk).
        self.make_folder = QCheckBox(objectName="makeFolder") if mode == "create" else None
        if self.make_folder is not None:
            self.make_folder.setMinimumHeight(TOUCH_MIN_PX)
        box = [self.make_folder] if self.make_folder is not None else []
        folder_notes = [self.folder_error, *box]
        form.addRow(self.folder_label, with_notes(self.folder, *folder_notes))
        if mode == "create":
            form.addRow(self.passphrase_label, self.passphrase)
            form.addRow(self.repeat_label, with_notes(self.repeat, self.passphrase_error,
                                                      self.passphrase_hint))
            form.addRow(self.zone_label, with_notes(self.zone, self.zone_error, self.zone_hint))
        else:
            self.zone.hide()
            self.repeat.hide()
            form.addRow(self.passphrase_label, with_notes(self.passphrase, self.passphrase_error,
                                                          self.passphrase_hint))
        self.body.addLayout(form)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.checked_folder: Path | None = None
        self.machines: list[str] = []  # the site's machine table as listed on the share
        self.folder.edit.returnPressed.connect(self.passphrase.setFocus)
        if mode == "create":
            self.passphrase.returnPressed.connect(self.repeat.setFocus)
            self.repeat.returnPressed.connect(self.submitted)
        else:
            self.passphrase.returnPressed.connect(self.submitted)
        self.retranslate()

    def retranslate(self) -> None:
        self.folder_label.setText(self.tr("Shared folder"))
        if self.make_folder is not None:
            self.make_folder.setText(self.tr("Make this folder if it does not exist yet"))
        self.passphrase_label.setText(self.tr("Site passphrase"))
        self.repeat_label.setText(self.tr("Repeat it"))
        self.zone_label.setText(self.tr("Site time zone"))
        self.zone_hint.setText(self.tr("Shifts and every time on screen follow it, on every PC "
                                       "of the site. This PC's own zone is proposed; an admin "
                                       "can change it later in the admin panel's Catalog tab."))
        if self.mode == "create":
            self.passphrase_hint.setText(self.tr(
                "At least %1 characters, for example a few unrelated words. Every PC that joins "
                "the site needs it, and it cannot be recovered: write it down and keep it in a "
                "safe place.").replace("%1", str(PASSPHRASE_MIN_CHARS)))
        else:
            self.passphrase_hint.setText(self.tr(
                "The passphrase chosen when the site was created; ask the person who created "
                "it."))

    def titles(self) -> Titles:
        if self.mode == "create":
            return Titles(self.tr("The site's shared folder"),
                          self.tr("Choose a folder that every PC of the plant can open and "
                                  "write, usually on a file server. The site's files are "
                                  "created inside it; this PC's own records stay on this PC."))
        return Titles(self.tr("Join a site"),
                      self.tr("Choose the site's shared folder (the one chosen when the site "
                              "was created) and type the site passphrase."))

    def validate(self) -> bool:
        ok = True
        self.folder_error.clear()
        self.passphrase_error.clear()
        self.zone_error.clear()
        for edit in (self.folder.edit, self.passphrase, self.repeat, self.zone):
            mark_invalid(edit, False)
        if self.mode == "create" and self.zone.zone() is None:
            self.zone_error.setText(self.tr("Choose a time zone from the list, for example "
                                            "America/Sao_Paulo."))
            mark_invalid(self.zone, True)
            ok = False
        if not self.folder.text():
            self.folder_error.setText(self.tr("Choose the shared folder."))
            mark_invalid(self.folder.edit, True)
            ok = False
        passphrase = self.passphrase.text()
        if self.mode == "create" and len(passphrase.strip()) < PASSPHRASE_MIN_CHARS:
            self.passphrase_error.setText(self.tr("The site passphrase needs at least %1 "
                                                  "characters.").replace(
                "%1", str(PASSPHRASE_MIN_CHARS)))
            mark_invalid(self.passphrase, True)
            ok = False
        elif self.mode == "create" and passphrase != self.repeat.text():
            self.passphrase_error.setText(self.tr("The two passphrases differ. Type them again."))
            self.repeat.clear()
            mark_invalid(self.repeat, True)
            ok = False
        elif not passphrase:
            self.passphrase_error.setText(self.tr("Type the site passphrase."))
            mark_invalid(self.passphrase, True)
            ok = False
        return ok

    def background_check(self) -> Callable[[], Any]:
        folder, mode, probe = self.folder.text(), self.mode, self.options.probe
        may_make = self.may_make_folder()

        def check() -> tuple[Path, list[str]]:
            checked = check_folder(folder, mode, probe=probe, may_make=may_make)
            return checked, site_machines(checked) if mode == "join" else []

        return check

    def may_make_folder(self) -> bool:
        """Whether a new site's folder that does not exist is made (the box ticked)."""
        return self.make_folder is not None and self.make_folder.isChecked()

    def busy_text(self) -> str:
        return self.tr("Checking the folder…")

    def checked(self, result: tuple[Path, list[str]]) -> None:
        self.checked_folder, self.machines = result

    def show_problem(self, text: str, field: str | None = None) -> None:
        if field == "folder":
            self.folder_error.setText(text)
            mark_invalid(self.folder.edit, True)
        elif field == "passphrase":
            self.passphrase_error.setText(text)
            mark_invalid(self.passphrase, True)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        elif field == "timezone":
            self.zone_error.setText(text)
            mark_invalid(self.zone, True)
        else:
            self.error.setText(text)

    def clear_problem(self) -> None:
        for label in (self.error, self.folder_error, self.passphrase_error, self.zone_error):
            label.clear()


class AdminPage(WizardPage):
    """The first admin: username, full name, password twice, checked against the password
    policy with the reason shown next to the field."""

    fields = frozenset({"admin", "password"})

    def __init__(self, parent: QWidget | None = None):
        super().__init__("adminPage", parent)
        self.username = QLineEdit()
        self.username.setObjectName("adminUsername")
        self.username.setMaxLength(32)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("adminFullName")
        self.full_name.setMaxLength(FULL_NAME_MAX)
        self.password = secret_field("adminPassword")
        self.repeat = secret_field("adminPasswordRepeat")
        self.errors = {name: error_label(f"{name}Error")
                       for name in ("username", "full_name", "password", "repeat")}
        self.labels = {name: row_label() for name in ("username", "full_name", "password",
                                                       "repeat")}
        self.hint = hint_label()
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self.labels["username"], with_notes(self.username, self.errors["username"]))
        form.addRow(self.labels["full_name"], with_notes(self.full_name,
                                                         self.errors["full_name"]))
        # Each message under the field it is about (a weak password's was under "Repeat it"
        # while "Password" was the field outlined red); the rules with the password.
        form.addRow(self.labels["password"], with_notes(self.password, self.errors["password"],
                                                        self.hint))
        form.addRow(self.labels["repeat"], with_notes(self.repeat, self.errors["repeat"]))
        self.body.addLayout(form)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.username.returnPressed.connect(self.full_name.setFocus)
        self.full_name.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.repeat.setFocus)
        self.repeat.returnPressed.connect(self.submitted)
        self.retranslate()

    def retranslate(self) -> None:
        self.labels["username"].setText(self.tr("Username"))
        self.labels["full_name"].setText(self.tr("Full name"))
        self.labels["password"].setText(self.tr("Password"))
        self.labels["repeat"].setText(self.tr("Repeat it"))
        self.username.setPlaceholderText(self.tr("for example maria"))
        self.hint.setText(self.tr("8 to 72 characters; not a common password, not the "
                                  "username. There are no built-in accounts: this is the only "
                                  "way in, so remember it."))

    def titles(self) -> Titles:
        return Titles(self.tr("The first admin account"),
                      self.tr("The admin manages users and settings. You log in with this "
                              "account when the set-up is done."))

    def validate(self) -> bool:
        for label in self.errors.values():
            label.clear()
        for edit in (self.username, self.full_name, self.password, self.repeat):
            mark_invalid(edit, False)
        ok = True
        name, errors = validate_username(self.username.text())
        if errors:
            self.errors["username"].setText(field_error_text(errors[0]))
            mark_invalid(self.username, True)
            ok = False
        _full, errors = validate_text("full_name", self.full_name.text(), required=True,
                                      max_length=FULL_NAME_MAX)
        if errors:
            self.errors["full_name"].setText(field_error_text(errors[0]))
            mark_invalid(self.full_name, True)
            ok = False
        try:
            check_policy(self.password.text(), username=name, full_name=self.full_name.text())
        except PasswordPolicyError as exc:
            self._password_problem(password_policy_text(exc.code, exc.params))
            return False
        if self.password.text() != self.repeat.text():
            self._password_problem(self.tr("The two passwords differ. Type them again."),
                                   "repeat")
            return False
        return ok

    def _password_problem(self, text: str, field: str = "password") -> None:
        """`text` under `field` ("password" or "repeat"), that field outlined; both emptied."""
        self.errors[field].setText(text)
        mark_invalid(self.password if field == "password" else self.repeat, True)
        self.password.clear()
        self.repeat.clear()

    def account(self) -> AdminAccount:
        return AdminAccount(self.username.text().strip(), self.full_name.text().strip(),
                            self.password.text())

    def show_problem(self, text: str, field: str | None = None) -> None:
        if field == "password":
            self._password_problem(text)
        else:
            self.error.setText(text)

    def clear_problem(self) -> None:
        for label in (self.error, *self.errors.values()):
            label.clear()
