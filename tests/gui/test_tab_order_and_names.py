"""Every dialog and window walked as a keyboard and a screen-reader user meets it: Tab visits
every input in reading order (left to right, top to bottom) and comes back round, and every
input has a name a screen reader says."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QRadioButton

from tests.gui.accessibility import (
    activate, inputs_of, reading_order_breaks, tab_chain, unnamed,
)
from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_station_window import OP_PW, SUP_PW, fill, login, set_lot


def check(window, start=None) -> None:
    """Names for every input; a Tab chain through all of them, in reading order."""
    activate(window)
    assert unnamed(window) == [], window.objectName()
    reachable = inputs_of(window)
    chain = tab_chain(window, start if start is not None else reachable[0])
    # A group of radio buttons is one Tab stop (its checked one); arrows move inside it.
    radios_in_chain = {w.parentWidget() for w in chain if isinstance(w, QRadioButton)}
    missed = [w.objectName() or type(w).__name__ for w in reachable if w not in chain
              and not (isinstance(w, QRadioButton) and w.parentWidget() in radios_in_chain)]
    assert missed == [], (window.objectName(), missed)
    assert reading_order_breaks(chain) == [], window.objectName()


def test_the_login_page(qtbot, station):
    check(station.window, station.window.login_page.username)


def test_the_work_page_and_its_dialogs(qtbot, station):
    window = station.window
    login(qtbot, station, "sup", SUP_PW)
    set_lot(station)
    fill(window.form)
    window.form.submit()
    assert unnamed(window) == []
    chain = tab_chain(window, window.form.cam_d)
    order = [w.objectName() for w in chain]
    assert order.index("cam_d") < order.index("cam_w") < order.index("rej1_defect") \
        < order.index("size") < order.index("primary")
    lot = window.open_lot_dialog()
    check(lot, lot.code)
    lot.reject()
    from gui.correction_dialog import CorrectionDialog

    correction = CorrectionDialog(station.controller, window.model.row_data(0), window)
    qtbot.addWidget(correction)
    check(correction)
    correction.reject()


def test_the_change_password_dialog(qtbot, station):
    from gui.login_page import ChangePasswordDialog

    dialog = ChangePasswordDialog("newbie", station.window)
    qtbot.addWidget(dialog)
    check(dialog, dialog.first)


def test_admin_dialogs_of_the_station(qtbot, station, ctx):
    window = station.window
    login(qtbot, station, "ana", ADMIN_PW)
    window.ask_pc_settings()
    asking = window.pc_settings_password_dialog
    check(asking, asking.findChild(QLineEdit))
    asking.reject()
    from gui.pc_settings_dialog import PcSettingsDialog

    settings = PcSettingsDialog(ctx, station.controller.session, window)
    qtbot.addWidget(settings)
    check(settings)
    settings.reject()
    window.show_logs()
    check(window.log_viewer)
    window.log_viewer.reject()


@pytest.fixture
def office_admin(qtbot, tmp_path, clock):
    """The office PC's window with the panel, logged in as the admin."""
    from tests.gui.test_office_window import log_in, office  # noqa: F401 (the fixture's body)

    yield from office.__wrapped__(qtbot, tmp_path, clock)


def test_every_admin_tab_names_its_inputs(qtbot, office_admin):
    from tests.gui.test_office_window import log_in

    log_in(office_admin, "ana", ADMIN_PW)
    panel = office_admin.window.panel
    for index in range(panel.tabs.count()):
        panel.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert unnamed(office_admin.window) == [], panel.tabs.tabText(index)


def test_user_and_record_dialogs(qtbot, office_admin):
    from tests.gui.test_office_window import log_in

    log_in(office_admin, "ana", ADMIN_PW)
    panel = office_admin.window.panel
    create = panel.users_tab.open_dialog("create")
    check(create)
    create.reject()
    panel.tabs.setCurrentWidget(panel.production_tab)
    panel.production_tab.manual_record()
    manual = panel.production_tab.dialog
    wait_for(lambda: manual.isVisible())
    check(manual)
    manual.reject()


def test_the_wizard_pages(qtbot, make_launcher):
    wizard = make_launcher().wizard
    pages = [wizard.language_page, wizard.mode_page]
    wizard.next()
    wizard.choose_mode("create")
    pages.append(wizard.current)
    for page in pages:
        wizard.go_to(page)
        QApplication.processEvents()
        assert unnamed(wizard) == [], page.objectName()
    check(wizard, wizard.site_pages["create"].folder.edit)


def test_about_and_verify(qtbot, station):
    window = station.window
    login(qtbot, station, "op", OP_PW)
    window.show_about()
    check(window.about)
    window.about.reject()
    window.verify_audit()
    dialog = window.verify_dialog
    wait_for(lambda: dialog.outcome is not None)
    check(dialog)
    dialog.close_button.click()
