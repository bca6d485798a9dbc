"""A record's fields as a correction (or a manual record) offers them: lot, box, and the entry
form's measurements, three rejections and size. One place for the list of fields, their widgets,
the values handed to the service and where its refusals are shown, shared by the admin panel's
record dialog (gui/admin/record_dialog.py) and the station's correction (gui/correction_dialog.py),
so both offer what `ProductionService.edit_record` lets a person correct.

The service validates (models.validation, the same rules as at registration) and decides what
is allowed; nothing here does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit

from config.catalog import Catalog
from models.validation import ValidationFailed

from gui.entry_form import EntryForm
from gui.messages import field_error_text, field_label
from gui.theme import form_label


class RecordFields:
    """The widgets of a record's fields; the dialog places them (`add_lot_and_box` into its
    form, `entry` below it) and adds its own intro, reason and signature."""

    def __init__(self, catalog: Catalog):
        self.entry = EntryForm(catalog)
        self.entry.save.hide()  # the dialog's Save signs and saves
        self.entry.confirmation.hide()
        self.lot = QLineEdit()
        self.lot.setObjectName("lot")
        self.box = QLineEdit()
        self.box.setObjectName("box")

    def add_lot_and_box(self, form: QFormLayout) -> None:
        form.addRow(form_label(field_label("lot")), self.lot)
        form.addRow(form_label(field_label("box")), self.box)

    def set_values(self, row: dict[str, Any]) -> None:
        """Fill every field from a record row (a correction starts from what is stored)."""
        self.lot.setText(str(row["lot"]))
        self.box.setText(str(row["box"]))
        self.entry.set_values(row)

    def values(self) -> dict[str, Any]:
        """The changes handed to the service, every field as typed (the unit weight follows
        the size, from the catalog)."""
        return {**self.entry.values(), "lot": self.lot.text(), "box": self.box.text(),
                "unit_weight_kg": None}

    def show_validation(self, exc: ValidationFailed, error: QLabel) -> None:
        """Each refusal under its field where the entry form has a line for it; the others
        (lot, box, size) in `error`, one line each, or a pointer to the fields' lines."""
        self.entry.clear_errors()
        self.entry.show_errors([e for e in exc.errors if e.field in self.entry.errors])
        others = [e for e in exc.errors if e.field not in self.entry.errors]
        if others:
            error.setText("\n".join(f"{field_label(e.field)}: {field_error_text(e)}"
                                    for e in others))
        else:
            # The admin dialog's text, translated there already.
            error.setText(QCoreApplication.translate(
                "RecordDialog", "Some values need attention; nothing was saved."))
