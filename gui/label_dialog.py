"""Printing a box's or the lot's label at the station: what to print, a preview of the label as
it will come out, the printer from the site catalog (a Zebra over the network, or a system
printer chosen in Qt's print dialog), and a reason when it is a reprint.

`LabelService` (utils/mes/labels.py) decides first print or reprint and audits only a label
the printer took; this screen shows what it decided. A Zebra print runs in the background
(the socket waits up to its timeout); a system print runs here, where Qt's print dialog lives.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QVBoxLayout,
    QWidget,
)

from models.validation import ValidationFailed
from utils.mes.label_layout import LabelContent, layout_label
from utils.mes.labels import LabelError, LabelJob, LabelService, label_key
from utils.mes.zpl import label_zpl
from utils.mes.zpl_printer import PrinterUnreachable, send_zpl
from utils.permissions import PermissionDenied

from gui.label_painter import label_image, print_label, setup_printer
from gui.label_texts import captions, problem_text
from gui.labels import wrapped_label
from gui.messages import field_error_text
from gui.station_controller import StationController
from gui.tasks import TaskRunner
from gui.theme import form_label

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 460  # pixels: the whole label readable beside the form on a 1366 px screen


class PrintCancelled(Exception):
    """The person closed Qt's print dialog: nothing printed, nothing to record."""


class LabelDialog(QDialog):
    def __init__(self, controller: StationController, parent: QWidget | None = None, *,
                 record_id: str | None = None):
        super().__init__(parent)
        self.controller = controller
        self.service = LabelService(controller.ctx)
        self.runner = TaskRunner(self)
        # Which system printer: Qt's print dialog; a test gives a PDF printer instead.
        self.choose_printer: Callable[[], QPrinter | None] = self._ask_printer
        self.setObjectName("labelDialog")
        self.setWindowTitle(self.tr("Print a label"))
        self.choice = QComboBox()
        self.choice.setObjectName("labelChoice")
        self.choice.setMinimumHeight(44)
        self.preview = QLabel()
        self.preview.setObjectName("labelPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #888; background: white;")
        self.printer_info = wrapped_label("labelPrinter")
        self.reprint_info = wrapped_label("labelReprintInfo")
        self.reason = QLineEdit()
        self.reason.setObjectName("labelReason")
        self.reason.setMinimumHeight(44)
        self.reason.setPlaceholderText(self.tr("Why again? At least 10 characters"))
        self.reason_label = form_label(self.tr("Reason"))
        self.message = wrapped_label("labelMessage")
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setObjectName("labelPrint")
        self.print_button.setMinimumHeight(44)
        self.print_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setMinimumHeight(44)

        form = QFormLayout()
        form.addRow(form_label(self.tr("Label")), self.choice)
        form.addRow(self.reason_label, self.reason)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        # The dialog grows with what it shows (the reason row, a message), never squeezes the
        # preview over the text below it.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.printer_info)
        layout.addWidget(self.reprint_info)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self._contents: list[LabelContent] = []
        self._fill(record_id)
        self.choice.currentIndexChanged.connect(self.refresh)
        self.print_button.clicked.connect(self.print_now)
        self.close_button.clicked.connect(self.reject)
        self.finished.connect(lambda _result: self.runner.shutdown())
        self.refresh()

    # -- what can be printed -----------------------------------------------------------------------

    def _fill(self, record_id: str | None) -> None:
        lot = self.controller.current_lot()
        rows = sorted(self.controller.shift_records(), key=lambda r: str(r["recorded_at"]),
                      reverse=True)
        selected = 0
        for row in rows:
            if row.get("status") == "voided":
                continue  # a voided box leaves without a label
            if row["record_id"] == record_id:
                selected = self.choice.count()
            self._contents.append(self.service.box_content_for_row(row, lot))
            self.choice.addItem(self.tr("Box %1 of lot %2").replace("%1", str(row["box"]))
                                .replace("%2", row["lot"]))
        if lot is not None and self.controller.session is not None:
            self._contents.append(self.service.lot_content(
                lot, self.controller.station_size() or "", self.controller.session.username))
            self.choice.addItem(self.tr("Label of lot %1").replace("%1", lot.code))
        self.choice.setCurrentIndex(selected)

    def content(self) -> LabelContent | None:
        index = self.choice.currentIndex()
        return self._contents[index] if 0 <= index < len(self._contents) else None

    @property
    def template(self):
        return self.controller.ctx.catalog.labels

    def zebra(self):
        return self.template.zebra_for(self.controller.ctx.station_id)

    # -- showing it ------------------------------------------------------------------------------

    def refresh(self) -> None:
        content = self.content()
        self.message.clear()
        self.print_button.setEnabled(content is not None)
        if content is None:
            self.preview.setText(self.tr("Nothing to label yet: register a box or set the lot."))
            self.reason_label.hide()
            self.reason.hide()
            return
        printed = self.service.times_printed(label_key(content))
        reprint = printed > 0
        layout = layout_label(replace(content, reprint=reprint), self.template, captions())
        image = label_image(layout, PREVIEW_WIDTH / layout.width)
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.preview.setMinimumSize(image.width() + 2, image.height() + 2)  # never cropped
        zebra = self.zebra()
        self.printer_info.setText(
            self.tr("Printer: Zebra at %1 (from the site catalog).").replace(
                "%1", f"{zebra.host}:{zebra.port}") if zebra else
            self.tr("Printer: you choose a system printer when you print."))
        self.reprint_info.setText(
            self.tr("This label was printed %n time(s) already. A reprint is marked REPRINT "
                    "and needs a reason.", "", printed) if reprint else "")
        self.reason_label.setVisible(reprint)
        self.reason.setVisible(reprint)
        if layout.problems:
            self.message.setText(" ".join(problem_text(code) for code in layout.problems))
        self._fit()

    def _fit(self) -> None:
        """Grow to what is shown now (the reason row, wrapped messages): the layout's minimum
        does not follow word-wrapped labels' height for their width by itself."""
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width()),
                                      self.sizeHint().height()))

    # -- printing --------------------------------------------------------------------------------

    def print_now(self) -> None:
        content, session = self.content(), self.controller.session
        if content is None or session is None:
            return
        reason = self.reason.text() if self.reason.isVisible() else None
        words = captions()
        zebra = self.zebra()
        self.message.clear()
        if zebra is not None:
            def send(job: LabelJob) -> str:
                send_zpl(zebra.host, zebra.port,
                         label_zpl(layout_label(job.content, self.template, words)))
                return f"Zebra {zebra.host}:{zebra.port}"

            self.print_button.setEnabled(False)
            self.message.setText(self.tr("Sending the label to the printer…"))
            self.runner.run(lambda progress, cancel: self.service.print_label(
                session, content, reason, send), on_done=self._printed, on_error=self._failed)
            return

        def send_system(job: LabelJob) -> str:
            printer = self.choose_printer()
            if printer is None:
                raise PrintCancelled()
            setup_printer(printer, self.template)
            if not print_label(printer, layout_label(job.content, self.template, words)):
                raise PrinterUnreachable(printer.printerName() or printer.outputFileName(), 0,
                                         "the printer could not start")
            return printer.printerName() or printer.outputFileName()

        try:
            job = self.service.print_label(session, content, reason, send_system)
        except (PrintCancelled, LabelError, ValidationFailed, PermissionDenied,
                PrinterUnreachable) as exc:
            self._failed(exc)
            return
        self._printed(job)

    def _ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _printed(self, job: LabelJob) -> None:
        self.refresh()
        self.message.setText(
            (self.tr("Reprinted (copy %1), marked REPRINT.").replace("%1", str(job.copy))
             if job.content.reprint else self.tr("Printed.")))
        self.reason.clear()
        self._fit()

    def _failed(self, exc: Any) -> None:
        self.print_button.setEnabled(self.content() is not None)
        if isinstance(exc, PrintCancelled):
            self.message.setText(self.tr("Not printed: the print dialog was closed."))
        elif isinstance(exc, LabelError):
            self.message.setText(self.tr("This is a reprint: type why in Reason."))
            self.reason.setFocus()
        elif isinstance(exc, ValidationFailed):
            self.message.setText(field_error_text(exc.errors[0]))
            self.reason.setFocus()
        elif isinstance(exc, PermissionDenied):
            self.message.setText(self.tr("Your role may not print labels."))
        elif isinstance(exc, PrinterUnreachable):
            self.message.setText(
                self.tr("The printer %1 did not take the label (%2). Nothing was printed or "
                        "recorded. Check that it is on, connected and has labels, then print "
                        "again.").replace("%1", f"{exc.host}:{exc.port}" if exc.port else exc.host)
                .replace("%2", exc.cause))
        else:  # a bug: the task runner logged its traceback
            self.message.setText(self.tr("The label could not be printed and nothing was "
                                         "recorded. The log has the details."))


def open_label_dialog(window) -> LabelDialog:
    """From the station window: the box selected in its table, else the newest box."""
    rows = window.table.selectionModel().selectedRows()
    record_id = window.model.row_data(rows[0].row())["record_id"] if rows else None
    window.label_dialog = LabelDialog(window.controller, window, record_id=record_id)
    window.label_dialog.open()
    return window.label_dialog
