"""A PC of a site made before keys by role (issue 13, point 10): its admin panel says so
instead of "not in a site", and an admin moves the site to keys by role from there: a wrong
passphrase or password changes nothing and says so; the right ones upgrade the site (audited)
and ask the app to start again."""

from __future__ import annotations

from tests.data.test_upgrade import MAKER, PASSWORDS, copy_fixture, fixture_clock
from tests.gui.conftest import wait_for


def test_an_admin_moves_a_protocol_1_site_to_keys_by_role_from_the_panel(qtbot, tmp_path,
                                                                          monkeypatch):
    from config.constants import Role
    from data import audit_repo
    from gui.admin.window import AdminWindow
    from utils.context import AppContext
    from utils.site.site_key import read_site

    home = copy_fixture("v2-5a62e3b", tmp_path)
    monkeypatch.setenv("SHOPFLOOR_HOME", str(home))  # where the upgrade opens this PC's home
    ctx = AppContext.open(home, clock=fixture_clock(home))
    try:
        assert ctx.trust is None
        session = ctx.auth.login("maria", PASSWORDS["maria"]).session
        ctx.auth.create_user(session, "sue", "Sue Supervisor", Role.SUPERVISOR,
                             "Initial-Pass-1", "supervisor of shift b")
        window = AdminWindow(ctx, session)
        qtbot.addWidget(window)
        notice = window.upgrade_notice
        assert window.tabs.widget(0) is notice
        assert not notice.button.isHidden()  # an admin may
        notice.button.click()
        dialog = notice.dialog
        dialog.passphrase.setText("not the passphrase")
        dialog.password.setText(PASSWORDS["maria"])
        dialog.ok.click()
        wait_for(lambda: dialog.error.text() != "", timeout=30)
        assert "passphrase is wrong" in dialog.error.text()
        assert read_site(ctx.site_folder).is_legacy  # nothing changed
        dialog.passphrase.setText(MAKER.PASSPHRASE)
        dialog.password.setText("not maria's password")
        dialog.ok.click()
        wait_for(lambda: "password is wrong" in dialog.error.text(), timeout=30)
        assert read_site(ctx.site_folder).is_legacy
        dialog.password.setText(PASSWORDS["maria"])
        with qtbot.waitSignal(window.restart_requested, timeout=60_000):
            dialog.ok.click()
        assert not read_site(ctx.site_folder).is_legacy
        assert "starts again" in notice.result.text()
        with ctx.database.read() as connection:
            assert audit_repo.list_events(connection, action="site.upgrade")
        window.close()
    finally:
        ctx.close()
    # After the restart: sue (whose password the upgrade never saw) cannot sign yet; the
    # Users tab says so until an admin resets her password.
    from gui.admin import wiring

    upgraded = AppContext.open(home, clock=fixture_clock(home))
    try:
        admin = upgraded.auth.login("maria", PASSWORDS["maria"]).session
        tab = wiring.users_tab(upgraded, admin)
        qtbot.addWidget(tab)
        assert not tab.keyless.isHidden() and "sue" in tab.keyless.text()
        upgraded.auth.reset_password(admin, "sue", "Temporary-Pass-9", "gives sue a signing key")
        tab.refresh()
        assert tab.keyless.isHidden()
    finally:
        upgraded.close()
