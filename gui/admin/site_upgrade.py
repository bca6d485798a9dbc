"""A PC of a site made before keys by role (protocol 1): the admin panel says so instead of
"not in a site", and an admin moves the site to keys by role from here (or, when another PC
already did, joins this PC to the upgraded site again): the site passphrase and, for the
upgrade, their password. The work is utils/trust/upgrade.py and utils/site/membership.py,
handed in by gui/admin/wiring.py (which also says whether a PC needs this); it runs in the
background and the app restarts to act on the new keys."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from config.constants import Permission, role_allows
from utils.auth import Session

from gui.form_dialog import lay_out_form_dialog, secret_field
from gui.labels import wrapped_label
from gui.tasks import TaskRunner


class SiteUpgradeNotice(QWidget):
    """What the Fleet tab shows on such a PC, with the button that fixes it (admins)."""

    upgraded = Signal()  # done: the app restarts to use the new keys

    def __init__(self, session: Session, runner: TaskRunner, legacy: bool,
                 upgrade: Callable[[str, str], object], parent: QWidget | None = None):
        """`legacy`: the site itself is of protocol 1 (else only this PC has to join again);
        `upgrade(passphrase, password)`: that work, run on the runner's thread."""
        super().__init__(parent)
        self.setObjectName("siteUpgradeNotice")
        self.session, self.runner, self.legacy = session, runner, legacy
        self.upgrade = upgrade
        text = QLabel(self.tr(
            "This PC's site was made before keys by role: no PC of it syncs until an admin "
            "moves the site to the new keys (once, on any PC: the site passphrase and the "
            "admin's password). Production goes on locally meanwhile.") if legacy else self.tr(
            "This PC's site uses keys by role now, but this PC has not joined it again: it "
            "does not sync until it does (the site passphrase; its station id and its records "
            "stay)."))
        text.setWordWrap(True)
        self.button = QPushButton(self.tr("Move the site to keys by role…") if legacy
                                  else self.tr("Join the site again…"))
        self.button.setObjectName("siteUpgradeButton")
        self.button.clicked.connect(self.open_dialog)
        self.button.setVisible(role_allows(session.role, Permission.SETTINGS_MANAGE))
        self.button.setMinimumHeight(44)  # a touch target
        self.result = wrapped_label("siteUpgradeResult")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(text)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.dialog: SiteUpgradeDialog | None = None

    def open_dialog(self) -> None:
        self.dialog = SiteUpgradeDialog(self.legacy, self._start, self)
        self.dialog.open()

    def _start(self, passphrase: str, password: str) -> None:
        """The upgrade (or the join) in the background; the dialog waits for the answer."""
        upgrade = self.upgrade
        self.runner.run(lambda _progress, _cancel: upgrade(passphrase, password),
                        on_done=self._done, on_error=self._failed)

    def _done(self, _report) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr(
            "Done. The app starts again now to use the new keys. Every other PC of the site "
            "then joins it again with the passphrase (the admin panel offers it there).")
            if self.legacy else self.tr("Done. The app starts again now to use its new key."))
        self.upgraded.emit()

    def _failed(self, exc: BaseException) -> None:
        code = getattr(exc, "code", None)
        texts = {
            "wrong_passphrase": self.tr("The site passphrase is wrong: nothing was changed."),
            "already_upgraded": self.tr("Another PC moved the site to keys by role meanwhile: "
                                        "join it again instead."),
        }
        if type(exc).__name__ == "BootstrapError":
            text = self.tr("Your password is wrong, or you are not an active admin of this "
                           "PC: nothing was changed.")
        else:
            text = texts.get(code, self.tr("Nothing was changed: %1").replace("%1", str(exc)))
        if self.dialog is not None:
            self.dialog.show_error(text)


class SiteUpgradeDialog(QDialog):
    def __init__(self, legacy: bool, start: Callable[[str, str], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("siteUpgradeDialog")
        self.setWindowTitle(self.tr("Move the site to keys by role") if legacy
                            else self.tr("Join the site again"))
        self._start = start
        self.passphrase = secret_field("upgradePassphrase", self.tr("Site passphrase"))
        self.password = secret_field("upgradePassword", self.tr("Your password"))
        self.error = wrapped_label("upgradeError", role="error")
        form = QFormLayout()
        form.addRow(self.tr("Site passphrase:"), self.passphrase)
        if legacy:
            form.addRow(self.tr("Your password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Move the site") if legacy else self.tr("Join"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("upgradeOk")
        lay_out_form_dialog(self, form, self.error, buttons, self._go)

    def _go(self) -> None:
        self.error.clear()
        self.ok.setEnabled(False)
        self._start(self.passphrase.text(), self.password.text())

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.password.clear()
        self.ok.setEnabled(True)
