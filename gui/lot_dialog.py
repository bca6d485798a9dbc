"""Setting the lot: code, total boxes and current box. The service validates; errors show next
to their field. The last box of a lot is registrable (the old system's defect is not copied)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget,
)

from models.lot import Lot
from models.validation import ValidationFailed

from gui.form_dialog import error_line, lay_out_form_dialog
from gui.theme import form_label
from gui.messages import field_error_text
from gui.station_controller import StationController


class LotDialog(QDialog):
    def __init__(self, controller: StationController, parent: QWidget | None = None, *,
                 completed: Lot | None = None, scanned_code: str = ""):
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("lotDialog")
        self.setWindowTitle(self.tr("Lot"))
        self.lot: Lot | None = None
        intro = QLabel(self.tr("Lot %1 is complete. Scan or type the next lot.").replace(
            "%1", completed.code) if completed else self.tr("Scan or type the lot code."))
        intro.setWordWrap(True)
        self.code = QLineEdit(scanned_code)
        self.code.setObjectName("lotCode")
        self.total = QLineEdit()
        self.total.setObjectName("totalBoxes")
        self.current = QLineEdit("1")
        self.current.setObjectName("currentBox")
        self.errors = {name: error_line() for name in ("lot", "total_boxes", "current_box")}
        form = QFormLayout()
        form.addRow(form_label(self.tr("Lot code")), self.code)
        form.addRow("", self.errors["lot"])
        form.addRow(form_label(self.tr("Total boxes")), self.total)
        form.addRow("", self.errors["total_boxes"])
        form.addRow(form_label(self.tr("Current box")), self.current)
        form.addRow("", self.errors["current_box"])
        self.general = error_line()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set lot"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        lay_out_form_dialog(self, form, self.general, buttons, self.apply, above=(intro,),
                            min_width=420)
        self.code.returnPressed.connect(self.total.setFocus)
        self.total.returnPressed.connect(self.current.setFocus)
        self.current.returnPressed.connect(self.apply)
        current = controller.current_lot()
        if current is not None and not completed and not scanned_code:
            self.code.setText(current.code)
            self.total.setText(str(current.total_boxes))
            self.current.setText(str(current.current_box))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Enter moves from field to field (a scanner types the code and Enter) and sets the
        lot from the last one (the fields' own returnPressed); left to QDialog, every Enter
        would also press the default button and complain about fields not reached yet."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.focusWidget() in (self.code, self.total, self.current):
            event.accept()
            return
        super().keyPressEvent(event)

    def apply(self) -> None:
        for label in (*self.errors.values(), self.general):
            label.clear()
        try:
            self.lot = self.controller.set_lot(self.code.text(), self.total.text(),
                                               self.current.text() or "1")
        except ValidationFailed as exc:
            for error in exc.errors:
                self.errors.get(error.field, self.general).setText(field_error_text(error))
            return
        except PermissionError as exc:
            self.general.setText(str(exc))
            return
        self.accept()
