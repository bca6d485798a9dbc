"""The window of an office PC: after login, the admin panel itself.

An office PC records no production: it has no entry form and no register window. Supervisors,
analysts and admins (every role that may see the fleet) get the admin panel inside this window
right after login, with the tabs their role allows; anyone else gets a page that says what
this PC is for. Logging out (the header's button, File → Log out, idle or remote) closes the
panel with the session it was opened with.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from config.constants import Permission, role_allows
from config.exit_codes import ExitCode
from utils.auth import Session

from gui.accessible_names import name_inputs
from gui.app_window import AppWindow
from gui.station_controller import StationController
from gui.window_state import restore_window


class OfficeWindow(AppWindow):
    def __init__(self, controller: StationController, parent: QWidget | None = None):
        super().__init__(controller, parent)
        self.setObjectName("officeWindow")
        title = self.tr("Shopfloor Collector · office PC %1").replace(
            "%1", controller.ctx.station_id)
        if self.header.demo is not None:  # `shopfloor demo`'s office PC (its header says so)
            title = self.tr("%1 · DEMO (synthetic data)").replace("%1", title)
        self.setWindowTitle(title)
        self.panel = None  # gui.admin.window.AdminWindow while someone is logged in
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.setObjectName("logoutButton")
        self.logout_button.clicked.connect(lambda: controller.logout("user"))
        self.header.add_button(self.logout_button)
        self._session_changed(None)
        restore_window(self, "officeWindow", QSize(1400, 860), controller.ctx.paths.config_dir)

    def _build_work_page(self) -> QWidget:
        self.work_stack = QStackedWidget()
        self.no_panel = QWidget()
        self.no_panel.setObjectName("officeNoPanel")
        text = QLabel(self.tr("This is an office PC: production is recorded at the stations, "
                              "and the admin panel is for supervisors, analysts and admins. "
                              "Log out when you are done."))
        text.setObjectName("officeNotice")
        text.setWordWrap(True)
        text.setStyleSheet("font-size: 18px;")
        layout = QVBoxLayout(self.no_panel)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(text)
        layout.addStretch(1)
        self.work_stack.addWidget(self.no_panel)
        return self.work_stack

    def _work_started(self, session: Session) -> None:
        if not role_allows(session.role, Permission.FLEET_VIEW):
            self.work_stack.setCurrentWidget(self.no_panel)
            self.logout_button.setFocus()
            return
        from gui.admin.window import AdminWindow

        self._close_panel()
        panel = AdminWindow(self.controller.ctx, session, embedded=True)
        panel.restart_requested.connect(lambda: self.shutdown(ExitCode.RESTART))
        # Inside this window: one window, one menu bar. The panel's own menu entries join
        # this window's Tools menu for as long as the panel is open.
        panel.menuBar().hide()
        self.panel_actions = panel.menu_actions()
        self.tools_menu.addActions(self.panel_actions)
        self.work_stack.addWidget(panel)
        self.work_stack.setCurrentWidget(panel)
        name_inputs(panel)  # it joined a window that was shown before it existed
        self.panel = panel

    def _work_ended(self) -> None:
        self._close_panel()

    def _close_panel(self) -> None:
        panel, self.panel = self.panel, None
        if panel is None:
            return
        for action in getattr(self, "panel_actions", []):
            self.tools_menu.removeAction(action)
        self.panel_actions = []
        panel.shutdown()
        self.work_stack.removeWidget(panel)
        panel.deleteLater()

    def _add_kind_actions(self, file_menu, tools_menu) -> None:
        self.tools_menu = tools_menu

    def _session_actions(self, session: Session | None) -> None:
        super()._session_actions(session)
        self.logout_button.setVisible(session is not None)

    def stop_work(self) -> None:
        self._close_panel()
