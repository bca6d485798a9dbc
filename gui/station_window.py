"""The window an operator uses for a whole shift.

Header (station, size, lot and box, user, share, clock), a lock banner, the entry form, the
shift's records with totals, and menus. Login and logout switch between the login page and the
work page inside this one window, so a remote logout or an idle timeout never leaves a dialog
open over someone else's session.
"""

from __future__ import annotations

import logging
from datetime import timezone
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow, QMessageBox,
    QPushButton, QSplitter, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from config.catalogs import LOCATION_NOT_RECORDED
from config.constants import Permission, Role, role_allows
from data.records_repo import RecordFilter
from models.validation import ValidationFailed
from utils.auth import Session
from utils.permissions import PermissionDenied
from utils.production import ProductionError

from gui.entry_form import EntryForm
from gui.header import StationHeader
from gui.idle_watcher import IdleWatcher
from gui.login_window import LoginWindow
from gui.lot_dialog import LotDialog
from gui.messages import location_text, production_error_text
from gui.records_model import RecordsTableModel
from gui.register_window import RegisterWindow
from gui.station_controller import StationController
from gui.sync_bridge import Request
from gui.tasks import TaskRunner

log = logging.getLogger(__name__)

EXIT_RESTART = 75


class StationWindow(QMainWindow):
    quit_requested = Signal(int)  # exit code (75: restart)

    def __init__(self, controller: StationController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        ctx = controller.ctx
        self.setObjectName("stationWindow")
        self.setWindowTitle(self.tr("Shopfloor Collector · station %1").replace("%1", ctx.station_id))
        self.runner = TaskRunner(self)
        self.allow_close = False
        self.header = StationHeader(ctx.station_id)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("lockText")
        self.banner_text.setStyleSheet("color: white; font-size: 18px; font-weight: bold;")
        self.banner_text.setWordWrap(True)
        banner_layout.addWidget(self.banner_text)
        self.banner.setVisible(False)
        self.countdown = QLabel()
        self.countdown.setObjectName("idleCountdown")
        self.countdown.setStyleSheet("background: #fff3cd; font-size: 18px; padding: 8px;")
        self.countdown.setVisible(False)

        self.login_page = LoginWindow(controller)
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
        self.model = RecordsTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("recordsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The rejections column takes what is left, so every column fits without scrolling.
        header.setSectionResizeMode(RecordsTableModel.COLUMNS.index("rejections"),
                                    QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(36)
        self.table.doubleClicked.connect(self._correct_selected)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.correct_button = QPushButton(self.tr("Correct record…"))
        self.correct_button.setObjectName("correctButton")
        self.correct_button.clicked.connect(self._correct_selected)

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
        bottom = QHBoxLayout()
        bottom.addWidget(self.totals, 1)
        bottom.addWidget(self.correct_button)
        right_layout.addLayout(bottom)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        left.setMaximumWidth(600)  # the form needs no more; the table gets the rest
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.work_page = splitter

        self.pages = QStackedWidget()
        self.pages.addWidget(self._centered(self.login_page))
        self.pages.addWidget(self.work_page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.countdown)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self._build_menus()

        self.register_window = RegisterWindow(ctx.station_id)
        self.register_window.register_requested.connect(self.bring_form_forward)
        self.idle = IdleWatcher(ctx.settings.idle_logout_minutes, ctx.clock, self)
        self.idle.countdown.connect(self._show_countdown)
        self.idle.active.connect(lambda: self.countdown.setVisible(False))
        self.idle.expired.connect(self._idle_expired)
        from PySide6.QtWidgets import QApplication

        QApplication.instance().installEventFilter(self.idle)  # any input anywhere is activity

        self.login_page.logged_in.connect(self._session_started)
        self.logout_button.clicked.connect(lambda: controller.logout("user"))
        self.lot_button.clicked.connect(lambda: self.open_lot_dialog())
        self.form.submitted.connect(self._register)
        controller.session_changed.connect(self._session_changed)
        controller.lot_changed.connect(self._lot_changed)
        controller.lock_changed.connect(self._lock_changed)
        controller.product_changed.connect(self._product_changed)
        controller.records_changed.connect(self.refresh_records)
        controller.share_changed.connect(self.header.set_share)
        controller.catalog_changed.connect(self.form.set_catalog)
        controller.interaction_requested.connect(self._interaction)
        self._product_changed(controller.station_size() or "")
        self._lot_changed(controller.current_lot())
        self._lock_changed(controller.locked_reason)
        self.header.set_share(controller.share_state())
        self._session_changed(None)
        self.resize(1280, 800)

    @staticmethod
    def _centered(widget: QWidget) -> QWidget:
        holder = QWidget()
        layout = QHBoxLayout(holder)
        layout.addStretch(1)
        inner = QVBoxLayout()
        inner.addStretch(1)
        inner.addWidget(widget)
        inner.addStretch(2)
        layout.addLayout(inner)
        layout.addStretch(1)
        return holder

    # -- menus -----------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.export_csv = QAction(self.tr("Export this shift to CSV…"), self)
        self.export_xlsx = QAction(self.tr("Export this shift to Excel…"), self)
        self.export_csv.triggered.connect(lambda: self.export_shift("csv"))
        self.export_xlsx.triggered.connect(lambda: self.export_shift("xlsx"))
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.triggered.connect(self._quit_from_menu)
        file_menu.addActions([self.export_csv, self.export_xlsx])
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.verify_action = QAction(self.tr("Verify audit integrity…"), self)
        self.verify_action.triggered.connect(self.verify_audit)
        tools.addAction(self.verify_action)
        self.admin_action = QAction(self.tr("Admin panel…"), self)
        self.admin_action.triggered.connect(self.ask_admin_panel)
        tools.addAction(self.admin_action)
        self.pc_settings_action = QAction(self.tr("This PC's settings…"), self)
        self.pc_settings_action.triggered.connect(self.ask_pc_settings)
        tools.addAction(self.pc_settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About…"), self)
        about.triggered.connect(self.show_about)
        self.logs_action = QAction(self.tr("Log viewer…"), self)
        self.logs_action.triggered.connect(self.show_logs)
        help_menu.addActions([about, self.logs_action])

    # -- sessions --------------------------------------------------------------------------------

    def _session_started(self, session: Session) -> None:
        pass  # the controller's session_changed signal drives the window

    def _session_changed(self, session: Session | None) -> None:
        logged_in = session is not None
        self.pages.setCurrentIndex(1 if logged_in else 0)
        self.header.set_user(session)
        for action in (self.export_csv, self.export_xlsx, self.verify_action):
            action.setEnabled(logged_in)
        self.logs_action.setVisible(bool(session) and role_allows(session.role, Permission.LOGS_VIEW))
        self.admin_action.setVisible(bool(session) and role_allows(session.role, Permission.FLEET_VIEW))
        self.pc_settings_action.setVisible(
            bool(session) and role_allows(session.role, Permission.SETTINGS_MANAGE))
        if session is None and getattr(self, "pc_settings_dialog", None) is not None:
            self.pc_settings_dialog.reject()  # opened with the session that just ended
            self.pc_settings_dialog = None
        if session is None and getattr(self, "admin_window", None) is not None:
            self.admin_window.close()  # a logout closes the panel opened with that session
            self.admin_window = None
        can_correct = bool(session) and role_allows(session.role, Permission.RECORD_EDIT)
        self.correct_button.setVisible(can_correct)
        self.countdown.setVisible(False)
        if logged_in:
            self.idle.start()
            self.refresh_records()
            self._apply_entry_state()
            self.form.fields["rej1_defect"].setFocus()
            if self.is_office_pc and role_allows(session.role, Permission.FLEET_VIEW):
                self._open_admin_window(session)  # an office PC is where the panel lives
        else:
            self.idle.stop()
            self.model.set_rows([])
            self.login_page.reset()
        self._update_register_window(session)

    def _update_register_window(self, session: Session | None) -> None:
        wanted = self.controller.ctx.settings.register_window and (
            session is None or session.role == Role.OPERATOR)
        if wanted and self.isVisible():
            self.register_window.update_info(self.controller.current_lot(),
                                             self.form.size.currentText())
            self.register_window.place_top_right()
            self.register_window.show()
        else:
            self.register_window.hide()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._update_register_window(self.controller.session)

    def _show_countdown(self, seconds: int) -> None:
        self.countdown.setText(self.tr("No activity: logging out in %1 s. Touch the screen or "
                                       "press a key to stay.").replace("%1", str(seconds)))
        self.countdown.setVisible(True)

    def _idle_expired(self) -> None:
        self.controller.logout("idle")
        self.login_page.error.setText(self.tr("You were logged out after a period without "
                                              "activity."))

    # -- entry -----------------------------------------------------------------------------------

    @property
    def is_office_pc(self) -> bool:
        return self.controller.ctx.settings.station_kind == "office"

    def _apply_entry_state(self) -> None:
        if self.is_office_pc:
            self.form.set_enabled_for_entry(False)
            self.form.show_general_error(self.tr("This is an office PC: production is recorded "
                                                 "at the stations."))
            return
        lot = self.controller.current_lot()
        locked = self.controller.locked_reason
        enabled = locked is None and lot is not None and lot.can_register
        self.form.set_enabled_for_entry(enabled)
        if locked is None and lot is None:
            self.form.show_general_error(self.tr("Set the lot before registering (Lot… or F2)."))

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
        lot = self.controller.current_lot()
        if lot is not None and lot.is_complete:
            self.open_lot_dialog(completed=lot)

    def _lot_scanned(self) -> None:
        code = self.scan_lot.text().strip()
        self.scan_lot.clear()
        if code:
            dialog = self.open_lot_dialog(scanned_code=code)
            dialog.total.setFocus()

    def open_lot_dialog(self, *, completed=None, scanned_code: str = "") -> LotDialog:
        dialog = LotDialog(self.controller, self, completed=completed, scanned_code=scanned_code)
        dialog.setModal(True)
        dialog.open()
        dialog.code.setFocus()
        self.lot_dialog = dialog
        return dialog

    def bring_form_forward(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if self.controller.session is not None:
            self.form.fields["rej1_defect"].setFocus()
        else:
            self.login_page.username.setFocus()

    def refresh_records(self) -> None:
        self.model.set_rows(self.controller.shift_records())
        totals = self.model.totals()

        def fmt(value):
            return "—" if value is None else f"{value:.2f}".replace(".", self.model._decimal())

        self.totals.setText(self.tr("%1 boxes · %2 rejections · mean CAM-D %3 · mean CAM-W %4")
                            .replace("%1", str(totals["boxes"])).replace("%2", str(totals["rejections"]))
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
        self.banner.setVisible(reason is not None)
        if reason is not None:
            self.banner_text.setText(self.tr("Production entry is locked by a supervisor: %1")
                                     .replace("%1", reason))
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

    # -- remote effects --------------------------------------------------------------------------

    def _interaction(self, request: Request) -> None:
        who = request.command.issued_by
        if request.kind == "message":
            box = QMessageBox(self)
            box.setObjectName("remoteMessage")
            box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            box.setWindowTitle(request.command.params.get("title") or self.tr("Message from %1").replace("%1", who))
            box.setText(request.command.params["text"])
            box.setInformativeText(self.tr("From %1").replace("%1", who))
            box.setStandardButtons(QMessageBox.StandardButton.Ok)
            box.button(QMessageBox.StandardButton.Ok).setText(self.tr("I have read it"))

            def acknowledged(_result: int) -> None:
                session = self.controller.session
                request.answer(delivered=True,
                               acknowledged_by=session.username if session else None,
                               acknowledged_at=self.controller.ctx.clock.now()
                               .astimezone(timezone.utc).isoformat(timespec="milliseconds"))

            box.finished.connect(acknowledged)
            box.open()
            self.remote_message = box
        elif request.kind == "logout":
            had = self.controller.session
            self.controller.logout("remote")
            if had is not None:
                self.login_page.error.setText(self.tr("%1 logged you out remotely.").replace("%1", who))
            request.answer(logged_out=None if had is None else had.username)
        elif request.kind in ("close", "restart"):
            code = EXIT_RESTART if request.kind == "restart" else 0
            if request.data.get("force"):
                request.answer(closing=True, confirmed_by=None, forced=True)
                self.shutdown(code)
                return
            box = QMessageBox(self)
            box.setObjectName("remoteClose")
            box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            box.setWindowTitle(self.tr("Close the application?"))
            text = (self.tr("%1 asks to restart the application now.") if request.kind == "restart"
                    else self.tr("%1 asks to close the application now.")).replace("%1", who)
            box.setText(text + " " + self.tr("Everything you saved is kept."))
            box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)

            def decided(result: int) -> None:
                session = self.controller.session
                if result == QMessageBox.StandardButton.Yes:
                    request.answer(closing=True,
                                   confirmed_by=session.username if session else None)
                    self.shutdown(code)
                else:
                    request.answer(closing=False,
                                   declined_by=session.username if session else None)

            box.finished.connect(decided)
            box.open()
            self.remote_close = box
        else:
            request.answer(answered=False, note=f"unknown request {request.kind}")

    # -- menus' actions ----------------------------------------------------------------------------

    def export_shift(self, fmt: str, path: str | None = None) -> None:
        session = self.controller.session
        if session is None:
            return
        if path is None:
            suffix = "csv" if fmt == "csv" else "xlsx"
            shift = self.controller.shift()
            default = f"station-{self.controller.ctx.station_id}-{shift.day}-shift{shift.number}.{suffix}"
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export this shift"),
                                                  str(Path.home() / default),
                                                  "CSV (*.csv)" if fmt == "csv" else "Excel (*.xlsx)")
            if not path:
                return
        from utils.records_io import export_records

        shift = self.controller.shift()
        record_filter = RecordFilter(start=shift.start_utc, end=shift.end_utc,
                                     station_id=self.controller.ctx.station_id)
        production = self.controller.ctx.production
        not_recorded = location_text(LOCATION_NOT_RECORDED)
        self.last_export = None

        def work(progress, cancel):
            return export_records(production, session, fmt, Path(path), record_filter,
                                  not_recorded_text=not_recorded)

        def done(count: int) -> None:
            self.last_export = (path, count)
            self.statusBar().showMessage(self.tr("Exported %1 records to %2").replace("%1", str(count))
                                         .replace("%2", str(path)), 15000)

        def failed(exc: BaseException) -> None:
            from utils.audit.records import RecordsNotProven

            if isinstance(exc, RecordsNotProven):  # a row the audit chain does not hold
                box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Export refused"), self.tr(
                    "Nothing was exported: a record on this PC is not what its audit trail "
                    "says (%1). Keep this PC as it is, verify the audit trail (Tools menu) and "
                    "call your administrator.").replace("%1", str(exc.finding.record_id)),
                    QMessageBox.StandardButton.Ok, self)
                box.open()  # not exec(): the window stays responsive, tests can read it
                self.export_refused = box
                return
            QMessageBox.warning(self, self.tr("Export failed"),
                                self.tr("The file was not written: %1. Your records are safe in "
                                        "this PC's database; try another folder.").replace("%1", str(exc)))

        self.runner.run(work, on_done=done, on_error=failed)

    def verify_audit(self) -> None:
        from gui.verify_dialog import run_verify

        ctx = self.controller.ctx
        self.verify_dialog = run_verify(
            self, self.runner, lambda progress, cancel: ctx.verify_audit(progress=progress, cancel=cancel))

    def show_about(self) -> None:
        from gui.about_dialog import AboutDialog

        self.about = AboutDialog(self.controller.ctx, self)
        self.about.open()

    def show_logs(self) -> None:
        from gui.log_viewer import LogViewer

        if self.controller.session is not None:
            self.log_viewer = LogViewer.open_for(self.controller.session, self.controller.ctx, self)

    def ask_admin_panel(self) -> None:
        """Supervisors and admins re-enter their password: the panel acts in their name."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(self)
        dialog.setObjectName("adminPassword")
        dialog.setWindowTitle(self.tr("Admin panel"))
        dialog.setLabelText(self.tr("Your password, to open the admin panel:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(self.open_admin_panel)
        dialog.open()
        self.admin_password_dialog = dialog

    def open_admin_panel(self, password: str) -> bool:
        session = self.controller.session
        if session is None or not role_allows(session.role, Permission.FLEET_VIEW):
            return False
        if not self.controller.verify_signature(password):
            self.statusBar().showMessage(self.tr("Wrong password: the admin panel was not opened."),
                                         10000)
            return False
        self._open_admin_window(session)
        return True

    def ask_pc_settings(self) -> None:
        """Admins re-enter their password: the change is made and audited in their name."""
        from PySide6.QtWidgets import QInputDialog

        dialog = QInputDialog(self)
        dialog.setObjectName("pcSettingsPassword")
        dialog.setWindowTitle(self.tr("This PC's settings"))
        dialog.setLabelText(self.tr("Your password, to change this PC's settings:"))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.textValueSelected.connect(self.open_pc_settings)
        dialog.open()
        self.pc_settings_password_dialog = dialog

    def open_pc_settings(self, password: str) -> bool:
        session = self.controller.session
        if session is None or not role_allows(session.role, Permission.SETTINGS_MANAGE):
            return False
        if not self.controller.verify_signature(password):
            self.statusBar().showMessage(self.tr("Wrong password: this PC's settings were not "
                                                 "opened."), 10000)
            return False
        from gui.pc_settings_dialog import PcSettingsDialog

        self.pc_settings_dialog = PcSettingsDialog(self.controller.ctx, session, self)
        # The register window follows its setting at once.
        self.pc_settings_dialog.saved.connect(
            lambda _change: self._update_register_window(self.controller.session))
        self.pc_settings_dialog.open()
        return True

    def _open_admin_window(self, session: Session) -> None:
        from gui.admin.window import AdminWindow

        if getattr(self, "admin_window", None) is not None:
            self.admin_window.close()
        self.admin_window = AdminWindow(self.controller.ctx, session)
        self.admin_window.show()

    # -- closing ---------------------------------------------------------------------------------

    def _quit_from_menu(self) -> None:
        session = self.controller.session
        if session is None or session.role == Role.OPERATOR:
            # The station stays up for the next shift; closing it is a supervisor's decision.
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("Quit"), self.tr(
                "Only a supervisor or an admin can close the application. Operators log out "
                "instead."), QMessageBox.StandardButton.Ok, self)
            box.open()
            self.quit_refusal = box
            return
        self.shutdown(0)

    def shutdown(self, code: int = 0) -> None:
        """Close for real: log out, stop background work, close the register window."""
        self.allow_close = True
        if getattr(self, "admin_window", None) is not None:
            self.admin_window.close()
            self.admin_window = None
        self.controller.logout("shutdown")
        self.idle.stop()
        from PySide6.QtWidgets import QApplication

        QApplication.instance().removeEventFilter(self.idle)
        self.runner.shutdown()
        self.register_window.allow_close = True
        self.register_window.close()
        self.close()
        self.quit_requested.emit(code)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
            return
        session = self.controller.session
        if session is None or session.role == Role.OPERATOR:
            event.ignore()  # the station stays up; an operator logs out instead
            return
        event.ignore()
        self.shutdown(0)
