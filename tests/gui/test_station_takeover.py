"""A station PC restored from a backup after its original ran on (issue 13, point 7): the
window says it does not sync and why; an operator cannot confirm; a supervisor confirms the
takeover from the Tools menu with a reason and their password (a wrong one confirms nothing),
it is audited, and the PC then acts for the station."""

from __future__ import annotations

import pytest

from tests.gui.conftest import wait_for

PASSWORD = "Quarry-Lantern-77"


@pytest.fixture
def restored(qtbot, tmp_path, monkeypatch):
    """Station 206's window on a PC restored from a backup after the original ran on (it does
    not sync), with supervisor sue and operator joe past their first login: (window, the
    PC's context). Everything stopped and closed at the end."""
    from config.constants import Role
    from gui.app import StationApp, make_application
    from tests.utils.site.sitekit import (
        OPERATOR_PW, add_user, make_site, restored_copy, use_fast_kdf,
    )

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    add_user(site, "sue", Role.SUPERVISOR)
    add_user(site, "joe", Role.OPERATOR)
    for name in ("sue", "joe"):  # past their first login's forced change
        site.admin.auth.change_password(name, OPERATOR_PW, PASSWORD)
    ctx = restored_copy(site, tmp_path, "206")
    ctx.directory.refresh()
    make_application([])
    app = StationApp(ctx)
    qtbot.addWidget(app.window)
    app.start()
    yield app.window, ctx
    app.stop()
    app.window.allow_close = True
    app.window.close()
    ctx.close()
    site.admin.close()


def test_a_supervisor_confirms_the_takeover_from_the_station_window(restored):
    from data import audit_repo

    window, ctx = restored
    wait_for(lambda: "Not syncing" in window.header.share.text(), timeout=10)
    assert window.sync_notice.isVisibleTo(window)
    assert "confirms the takeover" in window.sync_notice.text()
    window.controller.login("joe", PASSWORD)
    assert not window.takeover_action.isVisible()  # an operator cannot confirm
    window.controller.logout("user")
    window.controller.login("sue", PASSWORD)
    wait_for(lambda: window.takeover_action.isVisible(), timeout=5)
    window.takeover_action.trigger()
    dialog = window.takeover_dialog
    dialog.reason.setText("backup restored after the disk failed")
    dialog.password.setText("not her password")
    dialog.confirm_button.click()
    assert dialog.isVisible() and "Wrong password" in dialog.error.text()
    dialog.reason.setText("short")
    dialog.password.setText(PASSWORD)
    dialog.confirm_button.click()
    assert dialog.isVisible() and "at least 10 characters" in dialog.error.text()
    dialog.reason.setText("backup restored after the disk failed")
    dialog.password.setText(PASSWORD)
    dialog.confirm_button.click()
    assert not dialog.isVisible()
    wait_for(lambda: "Not syncing" not in window.header.share.text(), timeout=10)
    assert not window.takeover_action.isVisible()
    assert not window.sync_notice.isVisibleTo(window)
    with ctx.database.read() as connection:
        [event] = audit_repo.list_events(connection, action="station.takeover")
    assert event["username"] == "sue"
