"""A supervisor's correction of a record at the station: new values, a reason of at least 10
characters and the supervisor's password (a signature meaning "correction"). The service writes
a new version; the original author stays and the editor is recorded.

The fields are the admin panel's (gui/record_fields.py: lot, box, measurements, the three
rejections, size): `ProductionService.edit_record` lets a person with the permission correct
any of them at a station as in the panel, with the same validation and reason. They scroll when
the screen is short (1366 x 768 with a taskbar), as the panel's do (`RecordFields.scrolling`);
the intro, reason, password, signature line and buttons stay in view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from models.validation import ValidationFailed
from utils.production import Meaning, Signature

from gui.form_dialog import error_line, lay_out_form_dialog, reason_and_password
from gui.theme import form_label
from gui.messages import SIGNED_SAVE_REFUSALS, signed_refusal
from gui.record_fields import RecordFields
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
        self.fields = RecordFields(controller.ctx.catalog)
        self.fields.set_values(row)
        self.entry, self.lot, self.box = self.fields.entry, self.fields.lot, self.fields.box
        self.cam_d, self.cam_w = self.entry.cam_d, self.entry.cam_w
        self.reason, self.password = reason_and_password()
        self.error = error_line()
        self.error.setObjectName("dialogError")
        self.scroll = self.fields.scrolling(QFormLayout(), "correctionFields")
        form = QFormLayout()
        form.addRow(form_label(self.tr("Reason")), self.reason)
        form.addRow(form_label(self.tr("Your password")), self.password)
        signature = QLabel(self.tr("Signing as %1: this means \"correction\".").replace("%1", who))
        signature.setProperty("role", "hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        lay_out_form_dialog(self, form, self.error, buttons, self.apply,
                            above=(intro, self.scroll), below=(signature,), min_width=560)
        self.fields.fit_to_screen(self)

    def apply(self) -> None:
        self.error.clear()
        self.entry.clear_errors()
        try:
            # The service checks the password (a wrong one counts towards the lockout) and
            # writes who signed, when and for what into the audit event.
            self.controller.edit_record(self.row["record_id"], self.fields.values(),
                                        self.reason.text(), base_version=self.row["version"],
                                        signature=Signature(self.password.text(),
                                                            Meaning.CORRECTION))
        except ValidationFailed as exc:
            self.fields.show_validation(exc, self.error)  # the first wrong field in view
            return
        except SIGNED_SAVE_REFUSALS as exc:
            self.error.setText(signed_refusal(exc, self.password,
                                              self.tr("Your role may not correct records.")))
            return
        self.accept()
