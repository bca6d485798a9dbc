"""What every PC's main window shares, production station or office PC.

Header (the PC, the user, share status, clock), a lock banner, the idle countdown, and a stack
of two pages: the login page and the work page each kind of PC builds for itself
(`StationWindow`: the entry form and the shift's records; `OfficeWindow`: the admin panel).
Login and logout switch between the two pages inside this one window, so a remote logout or an
idle timeout never leaves a dialog open over someone else's session. The remote effects
(message, logout, close, restart), the menus both kinds have and the rules for closing live
here too; the remote prompts are gui/remote_prompts.py, the share notices' wording
gui/app_texts.py, the password prompts gui/password_check.py.

How it fits: docs/architecture.md §8, "Screens".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QFrame, QHBoxLayout, QLabel, QMainWindow, QMessageBox,
    QStackedWidget, QVBoxLayout, QWidget,
)

from config.constants import Permission, Role, role_allows
from config.exit_codes import ExitCode
from utils.auth import Session
from utils.site.share_health import REFUSAL_TAKEOVER_UNCONFIRMED

from gui.app_texts import refusal_text
from gui.header import StationHeader
from gui.app_events import app_events
from gui.idle_watcher import ACTIVITY, IdleWatcher
from gui.layouts import vbox
from gui.login_page import LoginPage
from gui.password_check import ask_confirmed, verified
from gui.remote_prompts import ask_remote_close, show_remote_message
from gui.station_controller import StationController
from gui.sync_notice import SyncNotice
from gui.sync_bridge import Request, RequestKind
from gui.tasks import TaskRunner

log = logging.getLogger(__name__)

class AppWindow(QMainWindow):
    """What both kinds of PC's window share. Each kind (station_window.StationWindow,
    office_window.OfficeWindow) builds its work page in `_build_work_page()`, called here."""

    quit_requested = Signal(int)  # exit code (75: restart)
    language_requested = Signal(str)  # from the login page: rebuild in this language

    def __init__(self, controller: StationController, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        ctx = controller.ctx
        self.runner = TaskRunner(self)
        self.allow_close = False
        self.header = StationHeader(ctx, office=self.is_office_pc)
        self.header.set_share_source(controller.share_state, controller.waiting_for_share)
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setObjectName("lockText")
        self.banner_text.setStyleSheet("color: white; font-size: 18px; font-weight: bold;")
        self.banner_text.setWordWrap(True)
        banner_layout.addWidget(self.banner_text)
        self.banner.setVisible(False)
        # Why this PC does not act for its station (the header only says "Not syncing"),
        # with the takeover's button (the menu's action: _build_menus).
        self.takeover_action = QAction(self.tr("Confirm the takeover of this station…"), self)
        self.sync_notice = SyncNotice(self.takeover_action)
        self.countdown = QLabel()
        self.countdown.setObjectName("idleCountdown")
        self.countdown.setStyleSheet("background: #fff3cd; font-size: 18px; padding: 8px;")
        self.countdown.setVisible(False)
        self.login_page = LoginPage(controller)
        self.login_page.language_chosen.connect(self.language_requested)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._centered(self.login_page))
        self.pages.addWidget(self._build_work_page())
        central = QWidget()
        vbox(central, self.header, self.banner, self.sync_notice, self.countdown,
             (self.pages, 1), margins=(0, 0, 0, 0), spacing=0)
        self.setCentralWidget(central)
        self._build_menus()

        # A set_config's new timeout is in force at once: it follows the settings holder.
        self.idle = IdleWatcher(ctx.settings_holder, ctx.clock, self)
        self.idle.countdown.connect(self._show_countdown)
        self.idle.active.connect(lambda: self.countdown.setVisible(False))
        self.idle.expired.connect(self._idle_expired)
        # Any input anywhere is activity.
        app_events(QApplication.instance()).subscribe(ACTIVITY, self.idle.handle)

        controller.session_changed.connect(self._session_changed)
        controller.lock_changed.connect(self._lock_changed)
        controller.share_changed.connect(self.header.set_share)
        controller.share_changed.connect(self._share_changed)
        controller.interaction_requested.connect(self._interaction)
        self._lock_changed(controller.locked_reason)
        self.header.set_share(controller.share_state())
        self._share_changed(controller.share_state())

    # -- what each kind of PC provides ------------------------------------------------------------

    @property
    def is_office_pc(self) -> bool:
        return self.controller.ctx.settings.station_kind == "office"

    def _work_started(self, session: Session) -> None:
        """The work page for a session that just started."""

    def _work_ended(self) -> None:
        """The work page after a logout."""

    def _add_kind_actions(self, file_menu, tools_menu) -> None:
        """Menu entries only one kind of PC has."""

    def bring_forward(self) -> None:
        """A second launch of the app, or the register window: this window to the front."""
        self.showNormal()
        self.raise_()
        self.activateWindow()
        if self.controller.session is None:
            self.login_page.username.setFocus()

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
        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self.logout_action = QAction(self.tr("Log out"), self)
        self.logout_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.logout_action.triggered.connect(lambda: self.controller.logout("user"))
        self.addAction(self.logout_action)  # the shortcut works with the menu closed
        self._add_kind_actions(file_menu, tools)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.triggered.connect(self._quit_from_menu)
        file_menu.addAction(self.logout_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.verify_action = QAction(self.tr("Verify audit integrity…"), self)
        self.verify_action.triggered.connect(self.verify_audit)
        tools.addAction(self.verify_action)
        self.pc_settings_action = QAction(self.tr("This PC's settings…"), self)
        self.pc_settings_action.triggered.connect(self.ask_pc_settings)
        tools.addAction(self.pc_settings_action)
        # Shown only while a restored or copied PC waits for a person to confirm it now acts
        # for its station (the sync service's lease; utils/site/station_sync.py).
        self.takeover_action.setObjectName("takeoverAction")
        self.takeover_action.triggered.connect(self.ask_takeover)
        tools.addAction(self.takeover_action)
        # An admin's tool, beside this PC's settings (it used to hide under Help).
        self.logs_action = QAction(self.tr("Log viewer…"), self)
        self.logs_action.triggered.connect(self.show_logs)
        tools.addAction(self.logs_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About…"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _session_actions(self, session: Session | None) -> None:
        """Menu entries follow the role of whoever is logged in."""
        def allowed(permission: Permission) -> bool:
            return session is not None and role_allows(session.role, permission)

        self.logout_action.setEnabled(session is not None)
        self.verify_action.setEnabled(session is not None)
        self.logs_action.setVisible(allowed(Permission.LOGS_VIEW))
        self.pc_settings_action.setVisible(allowed(Permission.SETTINGS_MANAGE))
        self._update_takeover_action()

    def _update_takeover_action(self) -> None:
        """Offered to a supervisor or admin while a copy of this PC waits for confirmation."""
        session, state = self.controller.session, self.controller.share_state()
        offered = (session is not None and role_allows(session.role, Permission.COMMAND_SEND)
                   and state is not None and state.refusal == REFUSAL_TAKEOVER_UNCONFIRMED)
        self.takeover_action.setVisible(offered)
        self.sync_notice.offer(offered)

    # -- sessions --------------------------------------------------------------------------------

    def _session_changed(self, session: Session | None) -> None:
        logged_in = session is not None
        self.pages.setCurrentIndex(1 if logged_in else 0)
        self.header.set_user(session)
        self._session_actions(session)
        if session is None and getattr(self, "pc_settings_dialog", None) is not None:
            self.pc_settings_dialog.reject()  # opened with the session that just ended
            self.pc_settings_dialog = None
        self.countdown.setVisible(False)
        if logged_in:
            self.idle.start()
            self._work_started(session)
        else:
            self.idle.stop()
            self._work_ended()
            self.login_page.reset()

    def _show_countdown(self, seconds: int) -> None:
        self.countdown.setText(self.tr("No activity: logging out in %1 s. Touch the screen or "
                                       "press a key to stay.").replace("%1", str(seconds)))
        self.countdown.setVisible(True)

    def _idle_expired(self) -> None:
        self.controller.logout("idle")
        self.login_page.error.setText(self.tr("You were logged out after a period without "
                                              "activity."))

    def _lock_changed(self, reason) -> None:
        self.banner.setVisible(reason is not None)
        if reason is not None:
            self.banner_text.setText(self.tr("Production entry is locked by a supervisor: %1")
                                     .replace("%1", reason))

    # -- remote effects --------------------------------------------------------------------------

    def _interaction(self, request: Request) -> None:
        who = request.command.issued_by
        if request.kind is RequestKind.MESSAGE:
            self.remote_message = show_remote_message(self, request, self.controller)
        elif request.kind is RequestKind.LOGOUT:
            had = self.controller.session
            self.controller.logout("remote")
            if had is not None:
                self.login_page.error.setText(self.tr("%1 logged you out remotely.")
                                              .replace("%1", who))
            request.answer(logged_out=None if had is None else had.username)
        elif request.kind in (RequestKind.CLOSE, RequestKind.RESTART):
            code = ExitCode.RESTART if request.kind is RequestKind.RESTART else ExitCode.OK
            if request.data.get("force"):
                request.answer(closing=True, confirmed_by=None, forced=True)
                self.shutdown(code)
                return
            self.remote_close = ask_remote_close(self, request, self.controller,
                                                 lambda: self.shutdown(code))
        else:
            request.answer(answered=False, note=f"unknown request {request.kind}")

    # -- menus' actions --------------------------------------------------------------------------

    def verify_audit(self) -> None:
        from gui.verify_dialog import run_verify

        ctx = self.controller.ctx
        self.verify_dialog = run_verify(
            self, self.runner,
            lambda progress, cancel: ctx.verify_audit(progress=progress, cancel=cancel))

    def show_about(self) -> None:
        from gui.about_dialog import AboutDialog

        self.about = AboutDialog(self.controller.ctx, self)
        self.about.open()

    def show_logs(self) -> None:
        from gui.log_viewer import LogViewer

        if self.controller.session is not None:
            self.log_viewer = LogViewer.open_for(self.controller.session, self.controller.ctx,
                                                 self)

    def _share_changed(self, state) -> None:
        """The notice under the header says why this PC does not act for its station; the
        takeover entry appears when a person may confirm."""
        self.sync_notice.say(refusal_text(None if state is None else state.refusal))
        self._update_takeover_action()

    def ask_takeover(self) -> None:
        """A supervisor or admin confirms that this PC now acts for its station."""
        from gui.takeover_dialog import TakeoverDialog

        self.takeover_dialog = TakeoverDialog(self.controller.ctx.station_id,
                                              self.controller.confirm_takeover, self)
        self.takeover_dialog.accepted.connect(lambda: self.statusBar().showMessage(
            self.tr("Takeover confirmed: this PC acts for station %1 from now on (audited).")
            .replace("%1", self.controller.ctx.station_id), 15000))
        self.takeover_dialog.open()

    def ask_pc_settings(self) -> None:
        """Admins re-enter their password: the change is made and audited in their name. A
        wrong one keeps the prompt open, saying so (and the tries left)."""
        self.pc_settings_password_dialog = ask_confirmed(
            self, self.controller, self.tr("This PC's settings"),
            self.tr("Your password, to change this PC's settings:"), Permission.SETTINGS_MANAGE,
            self._pc_settings_refused(), self._open_pc_settings, name="pcSettingsPassword")

    def _pc_settings_refused(self) -> str:
        return self.tr("Wrong password: this PC's settings were not opened.")

    def _confirmed(self, password: str, permission: Permission,
                   wrong_password: str) -> Session | None:
        """The session, when its role has `permission` and `password` is its own (a window
        opened with it acts in that person's name); None otherwise, a refusal said (the
        prompts, gui/password_check.py `ask_confirmed`, say it under their field)."""
        session, refusal = verified(self.controller, password, permission, wrong_password)
        if refusal is not None:
            self.statusBar().showMessage(refusal, 10000)
        return session

    def open_pc_settings(self, password: str) -> bool:
        session = self._confirmed(password, Permission.SETTINGS_MANAGE,
                                  self._pc_settings_refused())
        if session is not None:
            self._open_pc_settings(session)
        return session is not None

    def _open_pc_settings(self, session: Session) -> None:
        from gui.pc_settings_dialog import PcSettingsDialog

        self.pc_settings_dialog = PcSettingsDialog(self.controller.ctx, session, self)
        self.pc_settings_dialog.saved.connect(self._pc_settings_saved)
        self.pc_settings_dialog.open()

    def _pc_settings_saved(self, _change) -> None:
        """Settings that apply at once (the register window) follow the dialog."""

    # -- closing ---------------------------------------------------------------------------------

    def _refuse_close(self) -> None:
        """An operator (or nobody) tries to close the station, from the menu or with Alt+F4:
        say why nothing happens and what to do instead."""
        if getattr(self, "quit_refusal", None) is not None and self.quit_refusal.isVisible():
            return  # one box, however many times the key is pressed
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("The station stays open"),
                          self.tr("Only a supervisor or an admin can close the application: "
                                  "ask a supervisor to close the station. To end your shift, "
                                  "log out instead (File → Log out)."),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("closeRefused")
        box.open()
        self.quit_refusal = box

    def _quit_from_menu(self) -> None:
        session = self.controller.session
        if session is None or session.role == Role.OPERATOR:
            # The station stays up for the next shift; closing it is a supervisor's decision.
            self._refuse_close()
            return
        self.shutdown(ExitCode.OK)

    def stop_work(self) -> None:
        """Stop what the work page runs (from `stop_running`: on a real close or a dispose,
        and again when the app stops after a close; a second stop does nothing more)."""

    def stop_running(self) -> None:
        """Stop what this window runs: the idle watch (its input filter and its settings),
        the background tasks and the work page."""
        self.idle.stop()
        app_events(QApplication.instance()).unsubscribe(self.idle.handle)
        self.idle.unfollow()
        self.runner.shutdown()
        self.stop_work()

    def shutdown(self, code: int = ExitCode.OK) -> None:
        """Close for real: log out, stop background work, close the other windows."""
        self.allow_close = True
        self.controller.logout("shutdown")
        self.stop_running()
        self.close()
        self.quit_requested.emit(code)

    def dispose(self) -> None:
        """This window gives way to another (the same app in another language): stop what it
        runs and close it, logging nobody out and quitting nothing."""
        self.allow_close = True
        self.stop_running()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
            return
        event.ignore()
        session = self.controller.session
        if session is None or session.role == Role.OPERATOR:
            self._refuse_close()  # the station stays up; an operator logs out instead
            return
        self.shutdown(ExitCode.OK)
