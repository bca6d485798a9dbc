"""This PC's settings dialog: opened from the station window's Tools menu by an admin with the
password, saved through the audited service in the background, restart named where needed,
problems shown next to their field, and refused (and audited) for anyone else."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from data import audit_repo
from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_station_window import OP_PW, login
from utils.autostart import Autostart
from utils.settings_store import load_settings


@pytest.fixture(autouse=True)
def private_autostart(tmp_path, monkeypatch):
    """Nothing here may touch the real user's autostart folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def pc_events(ctx, action="pc_settings.change"):
    with ctx.database.read() as connection:
        return [e for e in audit_repo.list_events(connection, limit=10_000)
                if e["action"] == action]


def saved(dialog) -> None:
    wait_for(lambda: dialog.result() == QDialog.DialogCode.Accepted or dialog.error.text()
             or dialog.folder_error.text() or dialog.station.error.text()
             or dialog.backup_error.text(), timeout=15)


def open_dialog(qtbot, station, tmp_path, **options):
    from gui.pc_settings_dialog import PcSettingsDialog

    session = station.window.controller.session
    dialog = PcSettingsDialog(station.ctx, session, station.window,
                              autostart=Autostart(platform="linux", folder=tmp_path / "as"),
                              **options)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_menu_entry_only_for_admins_and_password_checked(qtbot, station):
    window = station.window
    login(qtbot, station, "op", OP_PW)
    assert not window.pc_settings_action.isVisible()
    assert window.open_pc_settings(OP_PW) is False  # no dialog for an operator
    window.controller.logout("user")
    login(qtbot, station, "ana", ADMIN_PW)
    assert window.pc_settings_action.isVisible()
    window.ask_pc_settings()
    assert window.pc_settings_password_dialog.isVisible()
    window.pc_settings_password_dialog.reject()
    assert window.open_pc_settings("wrong password") is False
    assert "Wrong password" in window.statusBar().currentMessage()
    assert window.open_pc_settings(ADMIN_PW) is True
    dialog = window.pc_settings_dialog
    assert dialog.isVisible() and not dialog.folder.isEnabled()  # this PC is in no site
    assert dialog.station.station_id() == "206"
    window.controller.logout("user")  # the dialog goes with the session
    assert not dialog.isVisible()


def test_save_register_window_and_intervals(qtbot, station, tmp_path):
    login(qtbot, station, "ana", ADMIN_PW)
    dialog = open_dialog(qtbot, station, tmp_path)
    dialog.register_window.setChecked(False)
    dialog.status_interval.setValue(2500)
    dialog.rescan_auto.setChecked(False)
    dialog.rescan_interval.setValue(400)
    dialog.language.setCurrentIndex(dialog.language.findData("pt_BR"))
    dialog.save_button.click()
    saved(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    file = load_settings(station.ctx.paths.settings_file)
    assert (file.register_window, file.status_interval_ms, file.rescan_interval_ms,
            file.language) == (False, 2500, 400, "pt_BR")
    assert station.ctx.settings == file
    [event] = pc_events(station.ctx)
    body = json.loads(event["body"])
    assert event["username"] == "ana"
    assert body["before"]["register_window"] is True and body["after"]["register_window"] is False
    box = dialog.restart_box
    assert "language" in box.text() and "intervals" in box.text()
    box.close()
    station.window.controller.logout("user")
    assert not station.window.register_window.isVisible()  # switched off for operators too


def test_backup_folder_schedule_and_retention_are_saved_and_audited(qtbot, station, tmp_path):
    login(qtbot, station, "ana", ADMIN_PW)
    dialog = open_dialog(qtbot, station, tmp_path)
    assert dialog.backup_folder.text() == ""  # the default: inside this PC's data folder
    folder = tmp_path / "backups-elsewhere"
    dialog.backup_folder.set_text(str(folder))
    dialog.backup_every.setValue(6)
    dialog.backup_keep.setValue(30)
    dialog.save_button.click()
    saved(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.backup_error.text()
    file = load_settings(station.ctx.paths.settings_file)
    assert (file.backup_folder, file.backup_every_hours, file.backup_keep) == (str(folder), 6, 30)
    assert station.ctx.settings == file
    [event] = pc_events(station.ctx, "backup_settings.change")
    body = json.loads(event["body"])
    assert event["username"] == "ana"
    assert body["after"] == {"backup_folder": str(folder), "backup_every_hours": 6,
                             "backup_keep": 30}
    assert pc_events(station.ctx) == []  # nothing else changed: no settings event


def test_an_unusable_backup_folder_is_refused_next_to_it_and_nothing_is_saved(qtbot, station,
                                                                               tmp_path):
    login(qtbot, station, "ana", ADMIN_PW)
    dialog = open_dialog(qtbot, station, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog.backup_folder.set_text(str(blocker / "backups"))
    dialog.register_window.setChecked(False)
    dialog.save_button.click()
    saved(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "cannot be used" in dialog.backup_error.text()
    assert "Nothing was saved" in dialog.backup_error.text()
    file = load_settings(station.ctx.paths.settings_file)
    assert file.backup_folder is None and file.register_window is True
    assert pc_events(station.ctx, "backup_settings.change") == []
    assert pc_events(station.ctx) == []


def test_autostart_switched_at_once(qtbot, station, tmp_path):
    login(qtbot, station, "ana", ADMIN_PW)
    dialog = open_dialog(qtbot, station, tmp_path)
    assert not dialog.autostart.isChecked() and dialog.autostart.isEnabled()
    dialog.autostart.setChecked(True)
    dialog.save_button.click()
    saved(dialog)
    assert (tmp_path / "as" / "shopfloor-collector.desktop").is_file()
    assert not hasattr(dialog, "restart_box")  # nothing needs a restart
    assert json.loads(pc_events(station.ctx)[0]["body"])["after"] == {"autostart": True}


def test_station_problems_shown_next_to_the_choice(qtbot, station, tmp_path):
    login(qtbot, station, "ana", ADMIN_PW)
    dialog = open_dialog(qtbot, station, tmp_path)
    dialog.station.office.click()
    assert not dialog.autostart.isEnabled()
    dialog.station.office_id.setText("no spaces allowed")
    dialog.save_button.click()
    assert dialog.station.error.text() and dialog.isVisible()
    assert not pc_events(station.ctx)


def test_operator_is_refused_by_the_service(qtbot, station, tmp_path):
    login(qtbot, station, "op", OP_PW)
    dialog = open_dialog(qtbot, station, tmp_path)
    dialog.register_window.setChecked(False)
    dialog.save_button.click()
    saved(dialog)
    assert "Only an admin" in dialog.error.text() and dialog.isVisible()
    assert load_settings(station.ctx.paths.settings_file).register_window is True
    assert pc_events(station.ctx, "permission.denied")


def test_site_folder_must_hold_this_site(qtbot, tmp_path, monkeypatch):
    from gui.app import StationApp, make_application
    from tests.utils.site.sitekit import make_site, use_fast_kdf

    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    make_application([])
    app = StationApp(site.admin, start_sync=False)
    qtbot.addWidget(app.window)
    try:
        app.controller.login("ana", ADMIN_PW)
        dialog = open_dialog(qtbot, app, tmp_path)
        assert dialog.folder.isEnabled() and dialog.folder.text() == str(site.share.resolve())
        empty = tmp_path / "empty"
        empty.mkdir()
        dialog.folder.set_text(str(empty))
        dialog.save_button.click()
        saved(dialog)
        assert "There is no Shopfloor site" in dialog.folder_error.text()
        assert dialog.isVisible() and not pc_events(site.admin)
        dialog.reject()
    finally:
        app.stop()
        app.window.allow_close = True
        app.window.close()
        site.admin.close()
    QApplication.processEvents()
