"""The first-run wizard with real folders: "Try it on this PC" through to the login and the
station window as the new admin; a site created in a tmp "share" and joined from a second home;
the plain messages for a wrong passphrase, an unwritable folder, passphrases that differ and a
weak password; the language applied at once; and `gui --smoke` on an unconfigured home."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import use_fast_kdf
from utils.autostart import Autostart
from utils.context import AppContext
from utils.first_run import AdminAccount, SetupError, SetupPlan, set_up
from utils.settings_store import load_settings

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "long site passphrase 1"
PW = "Quarry-Lantern-42"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    use_fast_kdf(monkeypatch)


def idle(wizard) -> None:
    wait_for(lambda: wizard.busy.isHidden(), timeout=30)


def next_page(wizard) -> None:
    wizard.next_button.click()
    idle(wizard)


def to_mode(wizard, mode: str) -> None:
    next_page(wizard)  # language: the one preselected
    assert wizard.current is wizard.mode_page
    wizard.mode_page.buttons[mode].click()


def fill_admin(wizard, username="maria", full_name="Maria Silva", password=PW, repeat=None):
    page = wizard.admin_page
    assert wizard.current is page
    page.username.setText(username)
    page.full_name.setText(full_name)
    page.password.setText(password)
    page.repeat.setText(password if repeat is None else repeat)


def fill_site(wizard, mode, folder, passphrase=PASSPHRASE, repeat=None, make_folder=False):
    page = wizard.site_pages[mode]
    assert wizard.current is page
    page.folder.set_text(str(folder))
    if page.make_folder is not None:
        page.make_folder.setChecked(make_folder)
    page.passphrase.setText(passphrase)
    page.repeat.setText(passphrase if repeat is None else repeat)


def finish(wizard):
    assert wizard.current is wizard.finish_page
    next_page(wizard)  # "Set up this PC": runs in the background
    assert wizard.result is not None, wizard.finish_page.error.text()
    assert wizard.next_button.text() == "Start"


def log_in(station, username, password):
    page = station.window.login_page
    page.username.setText(username)
    page.password.setText(password)
    page.attempt()


def test_try_it_on_this_pc_ends_logged_in_at_the_station(make_launcher, tmp_path):
    launcher = make_launcher()
    wizard = launcher.wizard
    to_mode(wizard, "trial")
    fill_admin(wizard)
    next_page(wizard)
    assert wizard.current is wizard.station_page
    assert wizard.station_page.choice.station_id() == "201"  # the machine table's first
    assert not wizard.station_page.autostart.isChecked()  # a trial does not start with the PC
    next_page(wizard)
    assert "201" in wizard.finish_page.summary.text()
    finish(wizard)
    result = wizard.result
    assert result.folder == tmp_path / "home" / "data" / "trial-site"
    assert "maria" in wizard.finish_page.done.text()
    wizard.next_button.click()  # Start
    station = launcher.station
    assert station is not None and launcher.wizard is None
    assert station.window.isVisible() and station.window.login_page.isVisible()
    assert station.window.controller.ctx.station_id == "201"
    log_in(station, "maria", PW)
    session = station.window.controller.session
    assert session is not None and session.username == "maria" and session.role == "admin"
    assert station.window.pages.currentIndex() == 1  # the work page
    assert all(r.ok for r in station.ctx.verify_audit())


def test_create_a_site_then_join_it_from_a_second_pc(make_launcher, tmp_path):
    (tmp_path / "share").mkdir()
    share = tmp_path / "share" / "shopfloor"
    first = make_launcher("office")
    wizard = first.wizard
    to_mode(wizard, "create")
    fill_site(wizard, "create", share, make_folder=True)
    next_page(wizard)
    fill_admin(wizard)
    next_page(wizard)
    wizard.station_page.choice.office.click()
    wizard.station_page.choice.office_id.setText("office1")
    assert not wizard.station_page.autostart.isEnabled()
    next_page(wizard)
    finish(wizard)
    assert (share / "shopfloor-site.json").is_file()
    wizard.next_button.click()
    assert first.station.window.is_office_pc

    second = make_launcher("station")
    wizard = second.wizard
    to_mode(wizard, "join")
    fill_site(wizard, "join", share)
    next_page(wizard)
    assert wizard.current is wizard.station_page
    choice = wizard.station_page.choice
    choice.machine.setCurrentIndex(choice.machine.findData("206"))
    assert wizard.station_page.autostart.isChecked()  # a site's station starts with the PC
    next_page(wizard)
    finish(wizard)
    assert wizard.result.accounts == 1
    assert (tmp_path / "station-autostart" / "shopfloor-collector.desktop").is_file()
    wizard.next_button.click()
    station = second.station
    assert station.ctx.station_id == "206"
    log_in(station, "maria", PW)  # the admin created on the first PC
    assert station.window.controller.session is not None


def test_wrong_passphrase_is_explained_on_the_folder_page(make_launcher, tmp_path):
    share = tmp_path / "share"
    set_up(tmp_path / "first", SetupPlan("create", station_id="office1", station_kind="office",
                                         folder=str(share), passphrase=PASSPHRASE,
                                         admin=AdminAccount("maria", "Maria", PW)),
           autostart=Autostart(platform="linux", folder=tmp_path / "a")).ctx.close()
    launcher = make_launcher()
    wizard = launcher.wizard
    to_mode(wizard, "join")
    fill_site(wizard, "join", share, passphrase="not the right one")
    next_page(wizard)
    next_page(wizard)
    wizard.next_button.click()  # set up: refused
    idle(wizard)
    page = wizard.site_pages["join"]
    assert wizard.current is page and wizard.result is None
    assert "passphrase is wrong" in page.passphrase_error.text()
    assert "Nothing was changed" in page.passphrase_error.text()
    assert load_settings(tmp_path / "home" / "config" / "settings.json").site_id is None
    # Corrected, it goes through.
    page.passphrase.setText(PASSPHRASE)
    next_page(wizard)
    next_page(wizard)
    finish(wizard)


def test_a_station_held_by_another_pc_is_taken_over_only_when_asked_with_a_reason(
        make_launcher, tmp_path):
    """Joining as a station id another PC holds (switched off) is refused with the way out;
    ticking "This PC replaces that station's PC" with a reason joins, recorded in the site
    directory as a takeover."""
    import json

    share = tmp_path / "share"
    auto = Autostart(platform="linux", folder=tmp_path / "a")
    set_up(tmp_path / "first", SetupPlan("create", station_id="office1", station_kind="office",
                                         folder=str(share), passphrase=PASSPHRASE,
                                         admin=AdminAccount("maria", "Maria", PW)),
           autostart=auto).ctx.close()
    set_up(tmp_path / "old206", SetupPlan("join", station_id="206", folder=str(share),
                                          passphrase=PASSPHRASE), autostart=auto).ctx.close()
    launcher = make_launcher()
    wizard = launcher.wizard
    to_mode(wizard, "join")
    fill_site(wizard, "join", share)
    next_page(wizard)
    choice = wizard.station_page.choice
    choice.machine.setCurrentIndex(choice.machine.findData("206"))
    assert wizard.station_page.takeover.isHidden()
    next_page(wizard)
    wizard.next_button.click()  # set up: refused, the station is another PC's
    idle(wizard)
    page = wizard.station_page
    assert wizard.current is page and wizard.result is None
    assert "belongs to another PC" in page.choice.error.text()
    assert "Station 206" in page.choice.error.text()
    assert not page.takeover.isHidden() and not page.takeover_reason.isEnabled()
    page.takeover.setChecked(True)
    page.takeover_reason.setText("the old PC's disk failed")
    next_page(wizard)
    finish(wizard)
    assert wizard.result.ctx.station_id == "206"
    entries = [json.loads(path.read_text())
               for path in sorted((share / "directory" / "log").glob("*.json"))]
    [certify] = [e["op"]["data"] for e in entries
                 if e["op"]["op"] == "pc.certify" and e["op"]["data"].get("takeover")]
    assert certify["station"] == "206" and certify["reason"] == "the old PC's disk failed"


def test_unwritable_folder_is_explained(make_launcher, tmp_path):
    def denied(folder: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(folder))

    launcher = make_launcher(probe=denied)
    wizard = launcher.wizard
    to_mode(wizard, "create")
    fill_site(wizard, "create", tmp_path / "share", make_folder=True)
    next_page(wizard)
    page = wizard.site_pages["create"]
    assert wizard.current is page
    assert "permission denied" in page.folder_error.text()
    assert str(tmp_path) in page.folder_error.text()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes to read-only folders; the injected variant runs instead")
def test_unwritable_folder_with_chmod(make_launcher, tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        wizard = make_launcher().wizard
        to_mode(wizard, "create")
        fill_site(wizard, "create", folder)
        next_page(wizard)
        assert "permission denied" in wizard.site_pages["create"].folder_error.text()
    finally:
        folder.chmod(0o755)


def test_missing_folder_and_passphrases_that_differ(make_launcher, tmp_path):
    wizard = make_launcher().wizard
    to_mode(wizard, "create")
    fill_site(wizard, "create", tmp_path / "share", repeat="long site passphrase 2")
    next_page(wizard)
    page = wizard.site_pages["create"]
    assert wizard.current is page
    assert "differ" in page.passphrase_error.text() and page.repeat.text() == ""
    fill_site(wizard, "create", tmp_path / "not-mounted" / "share", passphrase="short",
              make_folder=True)
    next_page(wizard)
    assert "12 characters" in page.passphrase_error.text()
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    next_page(wizard)  # the folder is checked in the background
    assert wizard.current is page
    assert "Check that the drive or network share is connected" in page.folder_error.text()
    # A folder that does not exist, in a folder that does: made only when the box says so
    # (a share not connected must not become a site on this PC's own disk).
    fill_site(wizard, "create", tmp_path / "share")
    next_page(wizard)
    assert wizard.current is page and not (tmp_path / "share").exists()
    assert 'tick "Make this folder if it does not exist yet"' in page.folder_error.text()
    assert not page.make_folder.isHidden()
    page.make_folder.setChecked(True)
    next_page(wizard)
    assert wizard.current is wizard.admin_page
    assert wizard.plan().make_folder


def test_a_page_taller_than_the_window_scrolls_rather_than_squeezing_its_notes(
        make_launcher, tmp_path):
    wizard = make_launcher().wizard
    wizard.resize(800, 600)  # the window's minimum
    wizard.show()
    to_mode(wizard, "create")
    fill_site(wizard, "create", tmp_path / "share")
    next_page(wizard)
    page = wizard.site_pages["create"]
    error, box = page.folder_error, page.make_folder
    wait_for(lambda: error.height() >= error.heightForWidth(error.width()), timeout=5)
    assert error.text()
    assert error.height() >= error.heightForWidth(error.width())
    assert error.mapTo(page, error.rect().bottomLeft()).y() <= box.mapTo(page, box.rect().topLeft()).y()
    assert wizard.scroll.verticalScrollBar().maximum() > 0


def test_the_join_page_has_no_box_to_make_a_folder(make_launcher):
    wizard = make_launcher().wizard
    to_mode(wizard, "join")
    next_page(wizard)
    page = wizard.site_pages["join"]
    assert page.make_folder is None and not page.may_make_folder()


def test_weak_or_mismatched_password_is_refused_inline(qtbot, make_launcher):
    wizard = make_launcher().wizard
    to_mode(wizard, "trial")
    page = wizard.admin_page
    fill_admin(wizard, password="password")
    next_page(wizard)
    assert wizard.current is page and "too common" in page.errors["password"].text()
    fill_admin(wizard, password="short")
    next_page(wizard)
    assert "at least 8" in page.errors["password"].text()
    fill_admin(wizard, password="quarry-quarry-1", repeat="quarry-quarry-2")
    next_page(wizard)
    assert "differ" in page.errors["repeat"].text()  # under "Repeat it" (review s19, 19)
    fill_admin(wizard, username="a b", full_name="")
    next_page(wizard)
    assert page.errors["username"].text() and page.errors["full_name"].text()
    fill_admin(wizard)
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)  # Enter in the last field: "Next"
    assert wizard.current is wizard.station_page


def test_office_id_is_checked(make_launcher):
    wizard = make_launcher().wizard
    to_mode(wizard, "trial")
    fill_admin(wizard)
    next_page(wizard)
    choice = wizard.station_page.choice
    choice.office.click()
    choice.office_id.setText("../escape")
    next_page(wizard)
    assert wizard.current is wizard.station_page and choice.error.text()


class MarkingTranslator(QTranslator):
    """Stands in for a catalogue: marks every text of the wizard's pages."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context in ("ModePage", "FirstRunWizard") else None

    def isEmpty(self):  # noqa: N802 (Qt's name); an empty translator is skipped
        return False


def test_language_is_applied_at_once_and_saved(make_launcher, tmp_path):
    wizard = make_launcher().wizard
    app = QApplication.instance()
    marking = MarkingTranslator()
    try:
        wizard.language_page.buttons["pt_BR"].click()
        assert app._shopfloor_translators  # Portuguese catalogues installed at once
        next_page(wizard)
        assert load_settings(tmp_path / "home" / "config" / "settings.json").language == "pt_BR"
        assert wizard.current is wizard.mode_page
        # Every page and the window retranslate themselves on the language change.
        app.installTranslator(marking)
        wait_for(lambda: wizard.mode_page.buttons["join"].title.text() == "«Join a site»")
        assert wizard.heading.text() == "«How will this PC be used?»"
        assert wizard.next_button.text() == "«Next»"
    finally:
        from gui.i18n import install_translators

        app.removeTranslator(marking)
        install_translators(app, "en", tmp_path / "translations")


def test_back_keeps_what_was_typed(make_launcher, tmp_path):
    wizard = make_launcher().wizard
    to_mode(wizard, "create")
    fill_site(wizard, "create", tmp_path)
    wizard.back_button.click()
    assert wizard.current is wizard.mode_page
    wizard.mode_page.buttons["create"].click()
    assert wizard.site_pages["create"].folder.text() == str(tmp_path)


def test_every_setup_code_has_a_message():
    from gui.wizard.texts import setup_error_text

    codes = ["folder_required", "folder_not_absolute", "unc_needs_mount", "parent_not_found",
             "folder_not_found", "folder_not_made", "not_a_folder", "no_site", "site_exists", "permission_denied",
             "read_only", "disk_full", "offline", "cannot_delete", "folder_unusable",
             "database_on_network", "wrong_passphrase", "weak_passphrase", "bad_site_file",
             "station_in_use", "station_taken", "bad_station_id", "unknown_machine",
             "already_member",
             "admin_required", "other_site", "not_member", "autostart_failed",
             "restore_under_way"]
    for code in codes:
        raw = SetupError(code, f"raw {code}", folder="/x")
        assert setup_error_text(raw) != str(raw), code


def _smoke(home: Path, png: Path) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")},
           "QT_QPA_PLATFORM": "offscreen", "SHOPFLOOR_KEYRING": "off"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(home), "gui",
                           "--smoke", "--screenshot", str(png)],
                          capture_output=True, text=True, env=env, timeout=120)


def test_smoke_on_an_unconfigured_home_shows_the_wizard(tmp_path):
    result = _smoke(tmp_path / "fresh", tmp_path / "wizard.png")
    assert result.returncode == 0, result.stderr
    assert "smoke: first-run wizard shown" in result.stdout
    assert (tmp_path / "wizard.png").stat().st_size > 1000


def test_a_database_on_a_network_drive_is_refused_at_start(monkeypatch, capsys, tmp_path):
    from data.database import NetworkDatabaseRefused
    from gui import app as app_module

    class RefusingContext:
        @classmethod
        def open(cls, *args, **kwargs):
            raise NetworkDatabaseRefused("The local database cannot be on a network folder "
                                         "(/home is on a cifs network mount)")

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setenv("SHOPFLOOR_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(app_module, "AppContext", RefusingContext)
    assert app_module.run_gui(smoke=True) == 2
    assert "network folder" in capsys.readouterr().err


def test_the_app_started_during_a_restore_says_so_and_opens_nothing(monkeypatch, capsys,
                                                                      tmp_path):
    """A restore holds the database's gate (utils/backup/database_users.py): the app waits
    for it a moment, then says why it cannot start, in words, with nothing opened."""
    from PySide6.QtWidgets import QApplication

    from config.paths import resolve_paths
    from gui import app as app_module
    from gui.i18n import install_translators
    from utils.backup import database_users

    home = tmp_path / "home"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setenv("SHOPFLOOR_HOME", str(home))
    monkeypatch.setattr(database_users, "GATE_WAIT_S", 0.05)
    folder = resolve_paths(home).ensure().database_users_dir
    shown: list[str] = []
    monkeypatch.setattr(app_module.QMessageBox, "critical",
                        lambda _parent, _title, text: shown.append(text))
    with database_users.sole_user(folder):
        assert app_module.run_gui(smoke=True) == 2
        try:
            assert app_module.run_gui(language="pt_BR") == 2  # the person sees it in words
        finally:  # the other tests' application speaks English again
            install_translators(QApplication.instance(), "en", tmp_path / "qm")
    assert "restore of this PC's database is under way" in capsys.readouterr().err
    assert shown == ["Uma restauração do banco de dados deste PC está em andamento, por isso o "
                     "aplicativo não pode abri-lo agora. Nada foi aberto nem alterado: abra o "
                     "aplicativo de novo quando a restauração terminar."]
    assert not resolve_paths(home).database_file.exists()


def test_start_with_the_pc_belongs_to_production_stations(make_launcher, tmp_path):
    wizard = make_launcher().wizard
    to_mode(wizard, "create")
    page = wizard.station_page
    assert page.choice.kind() == "office" and page.choice.station_id() == "office1"
    assert not page.autostart.isChecked() and not page.autostart.isEnabled()
    page.choice.production.click()  # a one-PC plant: its only PC is a station
    assert page.autostart.isEnabled() and page.autostart.isChecked()
    page.choice.office.click()
    assert not page.autostart.isChecked()
    wizard.back()
    wizard.back()
    wizard.mode_page.buttons["join"].click()
    assert page.choice.kind() == "production" and page.autostart.isChecked()
