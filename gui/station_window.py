"""The window an operator uses for a whole shift, on a production PC.

Besides what every PC's window has (gui/app_window.py: header, login, lock banner, remote
effects), the work page holds the lot buttons, the entry form, the shift's records with totals,
and the small always-on-top register window. Office PCs get `OfficeWindow` instead.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from config.constants import Permission, Role, role_allows
from config.exit_codes import ExitCode
from models.validation import ValidationFailed
from utils.auth import Session
from utils.permissions import PermissionDenied
from utils.mes.label_payload import is_label
from utils.production import ProductionError

from gui.app_window import AppWindow
from gui.entry_form import EntryForm
from gui.handover_offer import HandoverOffer
from gui.label_scan import open_scanned_label
from gui.lot_dialog import LotDialog
from gui.messages import production_error_text
from gui.numbers import format_number
from gui.password_check import ask_confirmed
from gui.register_window import RegisterWindow
from gui.station_controller import StationController
from gui.shift_table import shift_records_model, shift_records_table
from gui.stop_button import StopButton
from gui.theme import TOUCH_MENUS
from gui.shift_export import export_shift
from gui.window_state import restore_window

log = logging.getLogger(__name__)

__all__ = ["StationWindow"]


class StationWindow(AppWindow):
    def __init__(self, controller: StationController, parent: QWidget | None = None):
        ctx = controller.ctx
        super().__init__(controller, parent)
        self.setObjectName("stationWindow")
        self.menuBar().setStyleSheet(TOUCH_MENUS)  # touched, like the rest of the station
        self.setWindowTitle(self.tr("Shopfloor Collector · station %1").replace("%1", ctx.station_id))
        self.register_window = RegisterWindow(ctx.station_id, config_dir=ctx.paths.config_dir)
        self.register_window.register_requested.connect(self.bring_forward)
        # The register window follows which window is in front (see _register_window_wanted).
        QApplication.instance().focusWindowChanged.connect(self._focus_moved)
        self.logout_button.clicked.connect(lambda: controller.logout("user"))
        self.lot_button.clicked.connect(lambda: self.open_lot_dialog())
        self.form.submitted.connect(self._register)
        controller.lot_changed.connect(self._lot_changed)
        controller.product_changed.connect(self._product_changed)
        controller.records_changed.connect(self.refresh_records)
        controller.catalog_changed.connect(self.form.set_catalog)
        self._product_changed(controller.station_size() or "")
        self._lot_changed(controller.current_lot())
        self._session_changed(None)
        # On the screen in use, inside its free area; then where it was left on this PC.
        restore_window(self, "stationWindow", QSize(1280, 800), ctx.paths.config_dir)

    def _build_work_page(self) -> QWidget:
        ctx = self.controller.ctx
        self.form = EntryForm(ctx.catalog)
        self.lot_button = QPushButton(self.tr("Lot… (F2)"))
        self.lot_button.setObjectName("lotButton")
        self.lot_button.setShortcut(QKeySequence(Qt.Key.Key_F2))
        # A barcode scanner types the lot code and Enter: it lands here and opens the lot
        # dialog with the code filled in (the operator confirms the box count).
        self.scan_lot = QLineEdit()
        self.scan_lot.setObjectName("scanLot")
        self.scan_lot.setPlaceholderText(self.tr("Scan a new lot"))
        self.scan_lot.returnPressed.connect(self._lot_scanned)
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.setObjectName("logoutButton")
        self.stop_button = StopButton(self.controller)
        self.handover = HandoverOffer(self.controller, self.runner, self)
        self.model = shift_records_model(self)
        self.table = shift_records_table(self.model, self.tr("Records of this shift"))
        self.table.doubleClicked.connect(self._correct_selected)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.correct_button = QPushButton(self.tr("Correct record…"))
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(self._correct_selected)
        self.label_button = QPushButton(self.tr("Label… (F6)"))
        self.label_button.setObjectName("labelButton")
        self.label_button.setShortcut(QKeySequence(Qt.Key.Key_F6))
        self.label_button.clicked.connect(lambda: self.open_label_dialog())

        left = QWidget()
        left_layout = QVBoxLayout(left)
        buttons = QHBoxLayout()
        buttons.addWidget(self.lot_button)
        buttons.addWidget(self.scan_lot, 1)
        buttons.addWidget(self.logout_button)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.form)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        shift_label = QLabel(self.tr("This shift at this station"))
        shift_label.setStyleSheet("font-size: 17px; font-weight: bold;")
        right_layout.addWidget(shift_label)
        right_layout.addWidget(self.table, 1)
        right_layout.addWidget(self.totals)
        # The machine's state and its stops beside the shift's other actions, under the
        # totals: the form keeps its height and the window its width (a 1280 x 720 screen).
        bottom = QHBoxLayout()
        bottom.addWidget(self.stop_button, 1)
        bottom.addWidget(self.label_button)
        bottom.addWidget(self.correct_button)
        bottom.addWidget(self.handover.button)
        right_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        left.setMaximumWidth(600)  # the form needs no more; the table gets the rest
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.work_page = splitter
        return splitter

    def _add_kind_actions(self, file_menu, tools_menu) -> None:
        self.export_csv = QAction(self.tr("Export this shift to CSV…"), self)
        self.export_xlsx = QAction(self.tr("Export this shift to Excel…"), self)
        self.export_csv.triggered.connect(lambda: self.export_shift("csv"))
        self.export_xlsx.triggered.connect(lambda: self.export_shift("xlsx"))
        file_menu.addActions([self.export_csv, self.export_xlsx])
        file_menu.addSeparator()
        self.admin_action = QAction(self.tr("Admin panel…"), self)
        self.admin_action.triggered.connect(self.ask_admin_panel)
        tools_menu.addAction(self.admin_action)

    def _session_actions(self, session: Session | None) -> None:
        super()._session_actions(session)
        for action in (self.export_csv, self.export_xlsx):
            action.setEnabled(session is not None)
        self.admin_action.setVisible(session is not None
                                     and role_allows(session.role, Permission.FLEET_VIEW))

    # -- sessions --------------------------------------------------------------------------------

    def _session_changed(self, session: Session | None) -> None:
        if session is None and getattr(self, "admin_window", None) is not None:
            self.admin_window.close()  # a logout closes the panel opened with that session
            self.admin_window = None
        super()._session_changed(session)
        self._update_register_window(session)

    def _work_started(self, session: Session) -> None:
        self.correct_button.setVisible(role_allows(session.role, Permission.RECORD_EDIT))
        self.refresh_records()
        self._apply_entry_state()
        # The first field when a box can be registered; else the lot button (F2), the only
        # way forward.
        (self.form.first_field if self.form.save.isEnabled() else self.lot_button).setFocus()
        lot = self.controller.current_lot()
        if (lot is not None and lot.is_complete and self.controller.locked_reason is None
                and role_allows(session.role, Permission.LOT_SET)):
            # Found complete (its last box was registered before this login): the next lot
            # is asked for at once, as right after that box.
            self.open_lot_dialog(completed=lot)
        self.handover.session_started(session)  # a handover to acknowledge comes on top

    def _work_ended(self) -> None:
        self.handover.session_ended()
        self.correct_button.setVisible(False)
        self.model.set_rows([])
        self.form.reset()
        self.scan_lot.clear()

    def _in_front(self) -> bool:
        """This window, or one of its dialogs, is the one the person works in."""
        widget = QApplication.activeWindow()
        while widget is not None:
            if widget is self:
                return True
            widget = widget.parentWidget()
        return False

    def _register_window_wanted(self, session: Session | None) -> bool:
        """For operators (and the login page), while another program is in front: while this
        window is, the register window would only cover part of it (the share status, the
        clock, the last columns), and its button would have nothing to bring forward."""
        return (self.controller.ctx.settings.register_window
                and (session is None or session.role == Role.OPERATOR)
                and self.isVisible() and not self._in_front())

    def _update_register_window(self, session: Session | None) -> None:
        if self._register_window_wanted(session):
            self.register_window.update_info(self.controller.current_lot(),
                                             self.form.size.currentText())
            self.register_window.show_placed()
        else:
            self.register_window.hide()

    def _focus_moved(self, _window) -> None:
        self._update_register_window(self.controller.session)

    def _pc_settings_saved(self, _change) -> None:
        self._update_register_window(self.controller.session)  # follows its setting at once

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_register_window(self.controller.session)

    # -- entry -----------------------------------------------------------------------------------

    def _apply_entry_state(self) -> None:
        """The form is open only while a box can be registered; when it is not, the line
        under its button says why and what to do (a lock says it in its banner)."""
        lot = self.controller.current_lot()
        locked = self.controller.locked_reason
        enabled = locked is None and lot is not None and lot.can_register
        self.form.set_enabled_for_entry(enabled)
        if locked is None and not enabled:
            self.form.show_closed_reason(self._no_entry_text(lot))

    def _no_entry_text(self, lot) -> str:
        """Why no box can be registered (no lot, or the lot is complete), and who sets the
        next lot: this person with Lot… (F2) or a scan, or else an operator or supervisor."""
        session = self.controller.session
        may_set = session is not None and role_allows(session.role, Permission.LOT_SET)
        if lot is None:
            return (self.tr("Set the lot before registering (Lot… or F2).") if may_set else
                    self.tr("No lot is set. An operator or a supervisor sets it at this "
                            "station."))
        if may_set:
            return self.tr("Lot %1 is complete. Set the next lot to go on: Lot… (F2), or "
                           "scan its code.").replace("%1", lot.code)
        return self.tr("Lot %1 is complete. An operator or a supervisor sets the next lot at "
                       "this station.").replace("%1", lot.code)

    def _register(self, values: dict) -> None:
        try:
            record = self.controller.register_box(values)
        except ValidationFailed as exc:
            self.form.show_errors(exc.errors)
            self.form.confirmation.clear()
            return
        except ProductionError as exc:
            self.form.show_general_error(production_error_text(exc.code, str(exc)))
            self.form.confirmation.clear()
            return
        except PermissionDenied:
            self.form.show_general_error(self.tr("Your role may not register production."))
            return
        # Only now, after the database confirmed the save, does the form say so.
        self.form.saved(self.tr("Saved: lot %1, box %2.").replace("%1", record.lot)
                        .replace("%2", str(record.box)))
        self.stop_button.tick()  # the box ends an open stop at once
        lot = self.controller.current_lot()
        if lot is not None and lot.is_complete:
            self.open_lot_dialog(completed=lot)

    def _lot_scanned(self) -> None:
        code = self.scan_lot.text().strip()
        self.scan_lot.clear()
        if is_label(code):  # one of our labels: lot, box and total from it
            open_scanned_label(self, code)
        elif code:
            dialog = self.open_lot_dialog(scanned_code=code)
            dialog.total.setFocus()

    def open_label_dialog(self):
        """The label dialog (F6). Imported when first opened, not with this window: the
        dialog, its painter and Qt's print support took ~50 ms of every start-up."""
        from gui.label_dialog import open_label_dialog

        return open_label_dialog(self)

    def open_lot_dialog(self, *, completed=None, scanned_code: str = "") -> LotDialog:
        dialog = LotDialog(self.controller, self, completed=completed, scanned_code=scanned_code)
        dialog.setModal(True)
        dialog.finished.connect(self._back_to_the_form)
        dialog.open()
        dialog.code.setFocus()
        self.lot_dialog = dialog
        return dialog

    def _back_to_the_form(self, _result: int) -> None:
        """After the lot dialog: the keyboard goes back to where the next box starts."""
        if self.controller.session is None:
            return
        self.activateWindow()
        (self.form.first_field if self.form.save.isEnabled() else self.lot_button).setFocus()

    def bring_forward(self) -> None:
        super().bring_forward()
        if self.controller.session is not None:
            self.form.first_field.setFocus()

    def refresh_records(self) -> None:
        self.model.set_rows(self.controller.shift_records())
        totals = self.model.totals()

        def fmt(value):
            return "—" if value is None else format_number(value, 2)

        # One count per translated phrase: Qt's plural forms take one number each (zero
        # takes the plural: gui/i18n.py ZeroTakesPlural).
        self.totals.setText(self.tr("%1 · %2 · mean CAM-D %3 · mean CAM-W %4")
                            .replace("%1", self.tr("%n box(es)", "", totals["boxes"]))
                            .replace("%2", self.tr("%n rejection(s)", "", totals["rejections"]))
                            .replace("%3", fmt(totals["cam_d"])).replace("%4", fmt(totals["cam_w"])))

    def _lot_changed(self, lot) -> None:
        self.header.set_lot(lot)
        self.register_window.update_info(lot, self.form.size.currentText())
        if self.controller.session is not None:
            self.form.clear_errors()
            self._apply_entry_state()

    def _product_changed(self, size: str) -> None:
        self.form.set_size(size)
        self.header.set_size(size or None)
        self.register_window.update_info(self.controller.current_lot(), size or None)

    def _lock_changed(self, reason) -> None:
        super()._lock_changed(reason)
        if self.controller.session is not None:
            self._apply_entry_state()

    def _correct_selected(self, *_args) -> None:
        session = self.controller.session
        if session is None or not role_allows(session.role, Permission.RECORD_EDIT):
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        from gui.correction_dialog import CorrectionDialog

        dialog = CorrectionDialog(self.controller, self.model.row_data(rows[0].row()), self)
        dialog.open()

    # -- menus' actions ----------------------------------------------------------------------------

    def export_shift(self, fmt: str, path: str | None = None) -> None:
        """This shift's records to a CSV or XLSX file (asks where unless `path`)."""
        export_shift(self, fmt, path)

    def ask_admin_panel(self) -> None:
        """Supervisors and admins re-enter their password: the panel acts in their name. A
        wrong one keeps the prompt open, saying so (and the tries left)."""
        self.admin_password_dialog = ask_confirmed(
            self, self.controller, self.tr("Admin panel"),
            self.tr("Your password, to open the admin panel:"), Permission.FLEET_VIEW,
            self.tr("Wrong password: the admin panel was not opened."), self._open_admin_window,
            name="adminPassword")

    def open_admin_panel(self, password: str) -> bool:
        session = self._confirmed(password, Permission.FLEET_VIEW, self.tr(
            "Wrong password: the admin panel was not opened."))
        if session is None:
            return False
        self._open_admin_window(session)
        return True

    def _open_admin_window(self, session: Session) -> None:
        from gui.admin.window import AdminWindow

        if getattr(self, "admin_window", None) is not None:
            self.admin_window.close()
        self.admin_window = AdminWindow(self.controller.ctx, session)
        self.admin_window.restart_requested.connect(lambda: self.shutdown(ExitCode.RESTART))
        self.admin_window.show()

    # -- closing ---------------------------------------------------------------------------------

    def stop_work(self) -> None:
        if getattr(self, "admin_window", None) is not None:
            self.admin_window.close()
            self.admin_window = None
        self.register_window.allow_close = True
        self.register_window.close()
