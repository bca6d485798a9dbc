"""A record's fields as a correction (or a manual record) offers them: lot, box, and the entry
form's measurements, three rejections and size. One place for the list of fields, their widgets,
the values handed to the service and where its refusals are shown, shared by the admin panel's
record dialog (gui/admin/record_dialog.py) and the station's correction (gui/correction_dialog.py),
so both offer what `ProductionService.edit_record` lets a person correct. Both also scroll the
fields the same way when the screen is short (1366 x 768 with a taskbar): `scrolling` puts them
in a scroll area, `fit_to_screen` sizes the dialog; what the dialog has around them (its intro,
reason, password, signature line and buttons) stays in view.

The service validates (models.validation, the same rules as at registration) and decides what
is allowed; nothing here does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout

from config.catalog import Catalog
from models.validation import ValidationFailed

from gui.entry_form import EntryForm
from gui.messages import field_error_text, field_label
from gui.scrolled import scrolled
from gui.theme import form_label

# The fields' part is at least this tall when it must scroll: a rejection row and a half.
FIELDS_MIN_HEIGHT = 160
# Room left for the window's frame and title bar when the dialog is fitted to the screen.
FRAME_ALLOWANCE = 40


class RecordFields:
    """The widgets of a record's fields; the dialog places them (`scrolling`, or
    `add_lot_and_box` into its form and `entry` below it) and adds its own intro, reason and
    signature."""

    def __init__(self, catalog: Catalog):
        self.entry = EntryForm(catalog)
        self.entry.save.hide()  # the dialog's Save signs and saves
        self.entry.confirmation.hide()
        self.lot = QLineEdit()
        self.lot.setObjectName("lot")
        self.box = QLineEdit()
        self.box.setObjectName("box")
        self.scroll: QScrollArea | None = None  # set by scrolling()

    def add_lot_and_box(self, form: QFormLayout) -> None:
        form.addRow(form_label(field_label("lot")), self.lot)
        form.addRow(form_label(field_label("box")), self.box)

    def scrolling(self, form: QFormLayout, name: str) -> QScrollArea:
        """`form` (the dialog's own field rows, if any), lot, box and the entry form in one
        scroll area named `name`, for the dialog to place between its intro and its reason;
        `fit_to_screen` sizes the dialog around it once the dialog is laid out."""
        self.add_lot_and_box(form)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.addLayout(form)
        content.addWidget(self.entry)
        self.scroll = scrolled(content, name)
        return self.scroll

    def fit_to_screen(self, dialog: QDialog) -> None:
        """Every field in view when the screen has the room, else `dialog` as tall as the
        screen lets it be, the fields scrolling (at least FIELDS_MIN_HEIGHT of them shown)."""
        assert self.scroll is not None, "scrolling() places the fields first"
        wanted = self.scroll.widget().sizeHint().height()
        self.scroll.setMinimumHeight(min(wanted, FIELDS_MIN_HEIGHT))
        screen = dialog.screen()
        available = screen.availableGeometry().height() - FRAME_ALLOWANCE if screen else 0
        around = dialog.sizeHint().height() - self.scroll.sizeHint().height()
        height = around + wanted
        if available > 0:
            height = min(height, available)
        dialog.resize(max(dialog.sizeHint().width(), dialog.minimumWidth()), height)

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
        # The first wrong field has the keyboard: in view, also when the fields scroll.
        focused = self.entry.window().focusWidget()
        if self.scroll is not None and focused is not None and self.scroll.isAncestorOf(focused):
            self.scroll.ensureWidgetVisible(focused)
        others = [e for e in exc.errors if e.field not in self.entry.errors]
        if others:
            error.setText("\n".join(f"{field_label(e.field)}: {field_error_text(e)}"
                                    for e in others))
        else:
            # The admin dialog's text, translated there already.
            error.setText(QCoreApplication.translate(
                "RecordDialog", "Some values need attention; nothing was saved."))
