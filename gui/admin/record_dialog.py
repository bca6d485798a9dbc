"""Changing site records from the admin panel: a manual record on behalf of a station (with a
mandatory reason), a correction of any station's record and a void, both signed.

A signature is the person re-entering their password; it means "correction" (or "void") and the
dialog shows the name and the time it is made with, kept current while the dialog is open (the
time recorded is the one at Save). The services check permissions and the password again and
write the new version with its audit event and the signature; nothing here decides what is
allowed.

A manual record's and a correction's fields (with the station and the moment of a manual
record) scroll when the screen is short (1366 x 768 with a taskbar), as at the station
(`RecordFields.scrolling`): the intro, reason, password, signature line and buttons stay in view.
"""

from __future__ import annotations

from typing import Any, Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget,
)

from models.validation import ValidationFailed
from utils.auth import Session
from utils.production import Meaning, ProductionService, Signature

from gui.admin.site_now import SiteNow

from gui.admin.time_range import five_minute_edit, moment_of
from gui.form_dialog import error_line, reason_and_password
from gui.labels import wrapped_label
from gui.messages import SIGNED_SAVE_REFUSALS, field_error_text, field_label, signed_refusal
from gui.record_fields import RecordFields
from gui.theme import form_label


class _SignedDialog(QDialog):
    """Reason, optional password signature and the error line, shared by the three dialogs."""

    def __init__(self, site: SiteNow, production: ProductionService, session: Session,
                 meaning: Meaning, shown_meaning: str, *, signed: bool,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.site, self.production, self.session = site, production, session
        self.meaning, self.shown_meaning, self.signed = meaning, shown_meaning, signed
        self.reason, self.password = reason_and_password()
        self.signature = wrapped_label("signatureLine", role="hint")
        self.show_signature()
        # A dialog may stay open for minutes: the time shown follows the clock.
        self.signature_timer = QTimer(self)
        self.signature_timer.setInterval(1000)
        self.signature_timer.timeout.connect(self.show_signature)
        if signed:
            self.signature_timer.start()
        self.error = error_line()
        self.error.setObjectName("dialogError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.result_record = None

    def show_signature(self) -> None:
        when = self.site.clock.now().astimezone(ZoneInfo(self.site.timezone)).strftime(
            "%Y-%m-%d %H:%M")
        self.signature.setText(self.tr("Signing as %1 (%2) at %3: this means \"%4\".")
                               .replace("%1", self.session.full_name)
                               .replace("%2", self.session.username)
                               .replace("%3", when).replace("%4", self.shown_meaning))

    def signature_given(self) -> Signature | None:
        """What the person signs with; the service checks the password."""
        return Signature(self.password.text(), self.meaning) if self.signed else None

    def add_signature_rows(self, form: QFormLayout) -> None:
        form.addRow(form_label(self.tr("Reason")), self.reason)
        if self.signed:
            form.addRow(form_label(self.tr("Your password")), self.password)

    def finish_layout(self, layout: QVBoxLayout) -> None:
        if self.signed:
            layout.addWidget(self.signature)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def apply(self) -> None:
        self.error.clear()
        self.show_signature()  # the moment of signing is now
        try:
            self.result_record = self.save()
        except ValidationFailed as exc:
            self.show_validation(exc)
            return
        except SIGNED_SAVE_REFUSALS as exc:
            self.error.setText(signed_refusal(
                exc, self.password, self.tr("Your role may not do this; nothing was saved.")))
            return
        self.accept()

    def done(self, result: int) -> None:
        # Every way the dialog closes (Save, Cancel, Escape) ends here.
        self.signature_timer.stop()
        super().done(result)

    def show_validation(self, exc: ValidationFailed) -> None:
        self.error.setText("\n".join(f"{field_label(e.field)}: {field_error_text(e)}"
                                     for e in exc.errors))

    # Each dialog defines save(): the service call that makes the new version.
    save: Callable[[], Any]


class RecordDialog(_SignedDialog):
    """A manual record (no `row`) or a correction of `row`, with the whole entry form."""

    def __init__(self, site: SiteNow, production: ProductionService, session: Session,
                 row: dict[str, Any] | None = None, parent: QWidget | None = None):
        editing = row is not None
        super().__init__(site, production, session, Meaning.CORRECTION,
                         QCoreApplication.translate("RecordDialog", "correction"),
                         signed=editing, parent=parent)
        self.row = row
        self.setObjectName("recordDialog")
        self.setWindowTitle(self.tr("Correct record") if editing else self.tr("Manual record"))
        catalog = site.catalog
        # Lot, box and the entry form: the station's correction offers the same (one list).
        self.fields = RecordFields(catalog)
        self.entry, self.lot, self.box = self.fields.entry, self.fields.lot, self.fields.box
        self.station = QComboBox()
        self.station.setObjectName("station")
        for machine in catalog.machines:
            self.station.addItem(self.tr("%1 (size %2)").replace("%1", machine.station_id)
                                 .replace("%2", machine.size), machine.station_id)
        self.station.currentIndexChanged.connect(self._station_changed)
        self.when = five_minute_edit(site.timezone, site.clock.now())
        self.when.setObjectName("recordedAt")
        form = QFormLayout()
        if editing:
            intro = QLabel(self.tr("Station %1 · registered by %2 · version %3. Your correction is "
                                   "kept as a new version; the original stays in the history.")
                           .replace("%1", str(row["station_id"])).replace("%2", str(row["operator"]))
                           .replace("%3", str(row["version"])))
            self.fields.set_values(row)
        else:
            intro = QLabel(self.tr("A box entered on behalf of a station, for example while its "
                                   "PC was down. It is marked as manual and signed with your name."))
            form.addRow(form_label(self.tr("Station")), self.station)
            form.addRow(form_label(self.tr("Made at")), self.when)
            self._station_changed()
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.fields.scrolling(form, "recordFields"))
        tail = QFormLayout()
        self.add_signature_rows(tail)
        layout.addLayout(tail)
        self.finish_layout(layout)
        self.fields.fit_to_screen(self)

    def _station_changed(self) -> None:
        machine = self.site.catalog.machine(self.station.currentData() or "")
        if machine is not None:
            self.entry.set_size(machine.size)

    def form_values(self) -> dict[str, Any]:
        return self.fields.values()

    def show_validation(self, exc: ValidationFailed) -> None:
        self.fields.show_validation(exc, self.error)

    def save(self):
        production = self.production
        if self.row is None:
            return production.manual_record(self.session, self.station.currentData(),
                                            self.form_values(), self.reason.text(),
                                            recorded_at=moment_of(self.when))
        return production.edit_record(self.session, self.row["record_id"], self.form_values(),
                                      self.reason.text(), base_version=self.row["version"],
                                      signature=self.signature_given())


class VoidDialog(_SignedDialog):
    """Void a record: it stays in the history and no longer counts."""

    def __init__(self, site: SiteNow, production: ProductionService, session: Session,
                 row: dict[str, Any], parent: QWidget | None = None):
        super().__init__(site, production, session, Meaning.VOID,
                         QCoreApplication.translate("VoidDialog", "void"),
                         signed=True, parent=parent)
        self.row = row
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Void record"))
        intro = QLabel(self.tr("Void lot %1, box %2 of station %3 (registered by %4)? The record "
                               "stays in the history, marked as voided, and no longer counts in "
                               "totals and statistics.")
                       .replace("%1", str(row["lot"])).replace("%2", str(row["box"]))
                       .replace("%3", str(row["station_id"])).replace("%4", str(row["operator"])))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.add_signature_rows(form)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.finish_layout(layout)
        # The button says what it does: this voids the record, it saves no values.
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Void"))

    def save(self):
        return self.production.void_record(self.session, self.row["record_id"],
                                           self.reason.text(), base_version=self.row["version"],
                                           signature=self.signature_given())
