"""A supervisor's correction of a record: new values, a reason of at least 10 characters and
the supervisor's password (a signature meaning "correction"). The service writes a new
version; the original author stays and the editor is recorded."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from models.validation import ValidationFailed
from utils.production import Meaning, Signature

from gui.form_dialog import error_line, lay_out_form_dialog, reason_and_password
from gui.numbers import format_number, number_hint
from gui.theme import form_label
from gui.messages import SIGNED_SAVE_REFUSALS, field_error_text, field_label, signed_refusal
from gui.station_controller import StationController


class CorrectionDialog(QDialog):
    def __init__(self, controller: StationController, row: dict[str, Any],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.row = row
        self.setObjectName("correctionDialog")
        self.setWindowTitle(self.tr("Correct record"))
        session = controller.session
        who = session.full_name if session else ""
        intro = QLabel(self.tr("Lot %1, box %2, registered by %3. Your correction is kept as a "
                               "new version; the original stays in the history.")
                       .replace("%1", row["lot"]).replace("%2", str(row["box"]))
                       .replace("%3", row["operator"]))
        intro.setWordWrap(True)
        self.size = QComboBox()
        self.size.addItems(list(controller.ctx.catalog.sizes))
        self.size.setCurrentText(row["size"])
        # The same format as the table the record was picked from ("2,50" / "2.50").
        self.cam_d = QLineEdit("" if row["cam_d"] is None else format_number(row["cam_d"], 2))
        self.cam_w = QLineEdit("" if row["cam_w"] is None else format_number(row["cam_w"], 2))
        for edit in (self.cam_d, self.cam_w):
            edit.setPlaceholderText(number_hint())
        self.reason, self.password = reason_and_password()
        self.error = error_line()
        form = QFormLayout()
        form.addRow(form_label(self.tr("Size")), self.size)
        form.addRow(form_label(self.tr("CAM-D %")), self.cam_d)
        form.addRow(form_label(self.tr("CAM-W %")), self.cam_w)
        form.addRow(form_label(self.tr("Reason")), self.reason)
        form.addRow(form_label(self.tr("Your password")), self.password)
        signature = QLabel(self.tr("Signing as %1: this means \"correction\".").replace("%1", who))
        signature.setProperty("role", "hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        lay_out_form_dialog(self, form, self.error, buttons, self.apply, above=(intro,),
                            below=(signature,))

    def apply(self) -> None:
        self.error.clear()
        changes = {"size": self.size.currentText(), "cam_d": self.cam_d.text(),
                   "cam_w": self.cam_w.text(), "unit_weight_kg": None}
        try:
            # The service checks the password (a wrong one counts towards the lockout) and
            # writes who signed, when and for what into the audit event.
            self.controller.edit_record(self.row["record_id"], changes, self.reason.text(),
                                        base_version=self.row["version"],
                                        signature=Signature(self.password.text(),
                                                            Meaning.CORRECTION))
        except ValidationFailed as exc:
            self.error.setText("\n".join(f"{field_label(e.field)}: {field_error_text(e)}"
                                         for e in exc.errors))
            return
        except SIGNED_SAVE_REFUSALS as exc:
            self.error.setText(signed_refusal(exc, self.password,
                                              self.tr("Your role may not correct records.")))
            return
        self.accept()
