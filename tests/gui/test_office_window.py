"""An office PC's window is the admin panel: no entry form, no register window, nothing about
recording production; an operator who logs in there is told what the PC is for."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtWidgets import QWidget

from config.constants import Role
from config.settings import Settings
from utils.context import AppContext

from tests.gui.conftest import ADMIN_PW

OP_PW = "Otter-Own-Pass-1"
ANALYST_PW = "Aspen-Own-Pass-1"


@pytest.fixture
def office(qtbot, tmp_path, clock):
    from gui.app import StationApp, make_application

    ctx = AppContext.open(tmp_path / "office", clock=clock, settings=Settings(
        station_id="office1", station_kind="office", timezone="America/Sao_Paulo"))
    ctx.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    admin = ctx.auth.login("ana", ADMIN_PW).session
    for name, full, role, password in (("op", "Olga Operadora", Role.OPERATOR, OP_PW),
                                       ("alice", "Alice Analyst", Role.ANALYST, ANALYST_PW)):
        ctx.auth.create_user(admin, name, full, role, "Initial-Pass-1", "for the office test")
        ctx.auth.change_password(name, "Initial-Pass-1", password)
    make_application([])
    app = StationApp(ctx, start_sync=False)
    qtbot.addWidget(app.window)
    app.start()
    yield app
    app.stop()
    app.window.allow_close = True
    app.window.close()
    ctx.close()


def log_in(app, username, password):
    page = app.window.login_page
    page.username.setText(username)
    page.password.setText(password)
    page.attempt()


def test_office_pc_has_no_production_entry(office):
    window = office.window
    assert type(window).__name__ == "OfficeWindow"
    assert not hasattr(window, "form") and not hasattr(window, "register_window")
    assert "office PC office1" in window.windowTitle()
    texts = [label.text() for label in window.login_page.findChildren(type(window.countdown))]
    assert "Log in to open the admin panel" in texts
    assert "Log in to record production" not in texts
    assert not window.header.lot.isVisibleTo(window) and not window.header.size.isVisibleTo(window)
    # No top-level window of the app offers to register production.
    from PySide6.QtWidgets import QApplication

    assert not [w for w in QApplication.topLevelWidgets()
                if w.objectName() == "registerWindow" and w.isVisible()]


def test_admin_gets_the_panel_inside_the_window_and_loses_it_at_logout(office):
    window = office.window
    log_in(office, "ana", ADMIN_PW)
    panel = window.panel
    assert panel is not None and panel.window() is window  # inside, not a second window
    assert window.work_stack.currentWidget() is panel and window.pages.currentIndex() == 1
    tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert "Users" in tabs and "Catalog" in tabs
    tools = [a.text() for a in window.tools_menu.actions()]
    assert "Verify audit integrity (whole site)…" in tools
    assert window.logout_button.isVisible()
    assert gc.get_freeze_count() > 0  # the open panel is out of the collector's walks
    window.logout_button.click()
    assert window.panel is None and office.controller.session is None
    assert gc.get_freeze_count() == 0  # the closed one's garbage can be freed again
    assert window.pages.currentIndex() == 0
    tools = [a.text() for a in window.tools_menu.actions()]
    assert "Verify audit integrity (whole site)…" not in tools


def test_analyst_gets_a_read_only_panel(office):
    log_in(office, "alice", ANALYST_PW)
    panel = office.window.panel
    tabs = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert "Production" in tabs and "Audit" in tabs
    assert "Users" not in tabs and "Catalog" not in tabs and "Commands" not in tabs


def test_operator_on_an_office_pc_is_told_what_it_is_for(office):
    window = office.window
    log_in(office, "op", OP_PW)
    assert office.controller.session is not None
    assert window.panel is None
    assert window.work_stack.currentWidget() is window.no_panel
    notice = window.no_panel.findChild(QWidget, "officeNotice")
    assert "production is recorded at the stations" in notice.text()
