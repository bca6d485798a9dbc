"""The takeover confirmation: a supervisor or admin says, with a reason and their password,
that this PC now acts for its station although another copy of it (a restored backup, a
copied PC) ran as the station last. The sync service checks the role and audits it."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from models.record import MIN_REASON_LENGTH
from models.validation import ValidationFailed
from utils.permissions import PermissionDenied

from gui.form_dialog import lay_out_form_dialog, secret_field
from gui.labels import wrapped_label

# What the controller answers (gui/station_controller.confirm_takeover): None when done.
Confirm = Callable[[str, str], "str | None"]


class TakeoverDialog(QDialog):
    def __init__(self, station_id: str, confirm: Confirm, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("takeoverDialog")
        self.setWindowTitle(self.tr("Confirm the takeover of station %1").replace("%1", station_id))
        self._confirm = confirm
        explanation = QLabel(self.tr(
            "The last run of station %1 on the shared folder was not this PC's: another copy of "
            "this PC (a restored backup, a copied disk) ran as the station. Until someone "
            "confirms, this PC records production only locally and runs no command.\n\n"
            "Confirm only if that other copy is switched off for good. Your name, the time and "
            "the reason are kept in the audit trail.").replace("%1", station_id))
        explanation.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("takeoverReason")
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. backup restored after the disk failed"))
        self.password = secret_field("takeoverPassword", self.tr("Your password"))
        self.error = wrapped_label("takeoverError", role="error")
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Your password:"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button = buttons.addButton(self.tr("Confirm the takeover"),
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("takeoverConfirm")
        lay_out_form_dialog(self, form, self.error, buttons, self._try, above=(explanation,),
                            min_width=520)

    def _try(self) -> None:
        """Ask the controller; stay open with the reason when it refuses."""
        try:
            problem = self._confirm(self.password.text(), self.reason.text())
        except ValidationFailed:
            problem = "reason"
        except PermissionDenied:
            problem = "role"
        self.password.clear()
        if problem is None:
            self.accept()
            return
        texts = {
            "wrong_password": self.tr("Wrong password: nothing was confirmed."),
            "reason": self.tr("Give a reason of at least %1 characters: nothing was confirmed.")
            .replace("%1", str(MIN_REASON_LENGTH)),
            "role": self.tr("Only a supervisor or an admin confirms a takeover: nothing was "
                            "confirmed."),
            "no_sync": self.tr("This PC is not syncing with a site: there is nothing to "
                               "confirm."),
        }
        self.error.setText(texts.get(problem, problem))
