"""Render the station app's windows to PNG in both languages (offscreen).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/screenshots.py [OUT_DIR [WHICH]] [--sizes]

Writes login, station window (with records), lot dialog, register window, a validation error,
a station on a live share (its header's sync status), the office PC's window, the admin
panel's tabs and dialogs (a command's details among them), the panel of a production PC
catching up with a synthetic plant, the first-run wizard's pages and This PC's settings, for
pt_BR and en, into OUT_DIR (default docs/screenshots), the station and office windows at
1366 x 768. WHICH: a comma-separated subset of station, admin, wizard, legacy (the
migration's windows: imported records, the accounts import), catching-up. `--sizes` also
renders the station window, the office window and the wizard at 1280 x 720, 1366 x 768 and
1920 x 1080 (less a taskbar and a title bar) into OUT_DIR/sizes, for looking at, not for the
docs. `takeover`: a restored station waiting for a supervisor to confirm its takeover;
`upgrade`: a PC of a site made before keys by role; `verify`: the verify dialog naming a
record that differs from its event, and a station not verified; `release`: the Lots tab, the release dialog and the
audit-trail review, for a quality person; `oee`: downtime and OEE (tests/gui/screenshots_oee.py);
`spc`: SPC charts; `handover`: the shift handover's screens (tests/gui/screenshots_handover.py);
`labels`: the station's label dialog, the catalog's Labels section and the printed labels
(tests/gui/screenshots_labels.py); `demo`: `shopfloor demo`'s office PC with its mark
(tests/gui/screenshots_demo.py); `audit-hostile`: the Audit tab showing a name with a
direction override escaped (tests/gui/screenshots_audit.py). Uses throwaway home and share
folders.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    # One large screen: the offscreen platform's own is 800 x 600, and windows are kept inside
    # their screen (gui/window_state.py), so larger shots need a larger screen.
    _SCREEN = Path(tempfile.gettempdir()) / "shopfloor-screenshots-screen.json"
    _SCREEN.write_text('{"screens": [{"name": "shots", "x": 0, "y": 0, "width": 2560, '
                       '"height": 1440, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}',
                       encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ["SHOPFLOOR_KEYRING"] = "off"


# A maximised window's client area on these screens (less a 40 px taskbar, a 30 px title bar).
SCREEN_1280 = (1280, 650)
SCREEN_1366 = (1366, 698)
SCREEN_1920 = (1920, 1010)


def _settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def in_each_language(app, prefix: str) -> Iterator[tuple[str, Path]]:
    """pt_BR then English: each language's translators installed in `app` and a new scratch
    folder (named from `prefix`) for its homes and shared folder."""
    from gui.i18n import install_translators

    for language in ("pt_BR", "en"):
        folder = Path(tempfile.mkdtemp(prefix=prefix))
        install_translators(app, language, folder / "qm")
        yield language, folder


def save_png(widget, out_dir: Path, name: str, language: str, written: list[Path]) -> None:
    """`widget` as it stands, saved as `out_dir`/`name`-`language`.png and listed in
    `written`."""
    path = out_dir / f"{name}-{language}.png"
    widget.grab().save(str(path))
    written.append(path)


def settle_for(app, rounds: int = 20, wait_s: float = 0.02) -> None:
    """Process Qt's events `rounds` times, `wait_s` apart: timers, queued signals and
    background tasks' results get their turn before a screen is grabbed."""
    pause = threading.Event()
    for _ in range(rounds):
        app.processEvents()
        pause.wait(wait_s)


def render(out_dir: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    import utils.passwords
    from config.constants import Role
    from config.settings import Settings
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from utils.clock import ManualClock
    from utils.context import AppContext

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-shots-"))
        clock = ManualClock(datetime(2026, 11, 22, 11, 52, tzinfo=timezone.utc))
        ctx = AppContext.open(home, clock=clock, settings=Settings(
            station_id="206", language=language, timezone="America/Sao_Paulo"))
        install_translators(app, language, home / "translations")
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.auth.create_user(admin, "olga", "Olga Operadora", Role.OPERATOR, "Otter-Initial-1",
                             "operator of machine 206")
        ctx.auth.change_password("olga", "Otter-Initial-1", "Otter-Own-Pass-1")
        station = StationApp(ctx, start_sync=False)
        window = station.window
        station.start()
        window.resize(*SCREEN_1366)
        _settle(app)

        def shot(widget, name: str) -> None:
            _settle(app)
            save_png(widget, out_dir, name, language, written)

        window.login_page.username.setText("olga")
        window.login_page.error.setText(window.login_page.tr("Wrong username or password."))
        shot(window, "login")
        window.login_page.error.clear()
        station.controller.login("olga", "Otter-Own-Pass-1")
        dialog = window.open_lot_dialog()
        dialog.code.setText("L2503-001")
        dialog.total.setText("40")
        dialog.current.setText("1")
        shot(dialog, "lot-dialog")
        dialog.apply()
        for cam_d, cam_w, defect in (("4,42", "3,98", "Rachada"), ("2,1", "2,5", None),
                                     ("3,3", "3,49", "Amassada")):
            form = window.form
            if defect:
                form.fields["rej1_defect"].setCurrentText(defect)
                form.fields["rej1_location"].setCurrentText("Cap/Body")
            form.cam_d.setText(cam_d)
            form.cam_w.setText(cam_w)
            form.submit()
            clock.advance(minutes=3)  # a box every few minutes, as on the floor
        window.header._tick()
        shot(window, "station")
        window.form.cam_d.setText("150")
        window.form.cam_w.setText("abc")
        window.form.fields["rej1_defect"].setCurrentText("Furo")
        window.form.submit()
        shot(window, "validation-error")
        shot(window.register_window, "register-window")
        station.stop()
        window.allow_close = True
        window.close()
        ctx.close()
    QApplication.processEvents()
    return written


def render_admin(out_dir: Path) -> list[Path]:
    """The admin panel's tabs, with three live stations on a throwaway share."""

    import utils.passwords
    from config.constants import CommandType
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from tests.utils.site.sitekit import ADMIN_PW, RecordingEffects, make_site, start_sync

    utils.passwords.BCRYPT_ROUNDS = 4
    app = make_application(sys.argv[:1])
    written: list[Path] = []

    settle = partial(settle_for, app)

    for language, folder in in_each_language(app, "shopfloor-admin-shots-"):
        site = make_site(folder)
        from tests.gui.test_admin_dashboard import load_sample_into_site_view

        load_sample_into_site_view(site.admin)  # the legacy sample gives the dashboard data
        stations = [site.station(folder, sid) for sid in ("201", "206", "210")]
        services = [start_sync(station, RecordingEffects()) for station in stations]
        window = AdminWindow(site.admin, site.admin.auth.login("ana", ADMIN_PW).session,
                             poll_interval_s=0.2)
        window.show()
        window.resize(*SCREEN_1366)
        settle(150)
        # Station 210 stops reporting as after a power cut (no death file): the fleet shows it
        # offline, with its alarm.
        from utils.site.layout import SiteLayout

        services[2].stop()
        SiteLayout(site.share).station("210").death.unlink(missing_ok=True)
        settle_until(lambda: _liveness(window, "210") == "offline", settle)
        window.fleet_tab.table.clearSelection()  # nothing selected: the plots' hint
        settle(30)
        save_png(window.fleet_tab, out_dir, "admin-fleet-nothing-selected", language, written)
        _select_stations(window, ("201", "206"))
        settle(60)
        shots = [("admin-fleet", window.fleet_tab)]
        window.commands_tab.prepare(CommandType.SET_LOT, ["206"], code="L2503-001", total_boxes=40)
        window.commands_tab.send()
        settle(60)
        # A line of station 206's journal altered on the share (its sync stopped first): the
        # audit tab's verify table shows it red, the others green, from a real verify.
        settle_until(lambda: bool(window.commands_tab.history.rowCount()) and
                     window.commands_tab.history.row_data(0)["state"] == "done", settle)
        window.commands_tab.prepare(CommandType.PING, ["201"])
        window.commands_tab.send()
        settle_until(lambda: window.commands_tab.history.row_data(0)["state"] == "done", settle)
        details = window.commands_tab.show_details(1)  # the lot set on 206, in words
        settle(5)
        save_png(details, out_dir, "admin-command-details", language, written)
        details.reject()
        window.site_view.ingest()  # the admin PC's own sync loop does this every few seconds
        services[1].stop()
        _alter_journal(site.share, "206")
        shots += [("admin-commands", window.commands_tab),
                  ("admin-production", window.production_tab),
                  ("admin-dashboard", window.dashboard_tab), ("admin-insights", window.insights_tab), ("admin-users", window.users_tab),
                  ("admin-audit", window.audit_tab), ("admin-settings", window.catalog_tab)]
        for name, widget in shots:
            window.tabs.setCurrentWidget(widget)
            if widget is window.dashboard_tab:
                widget.refresh()  # in the background: wait until drawn
                settle_until(lambda: widget.figures is not None and not widget.reading, settle)
            if widget is window.insights_tab:
                widget.refresh()  # in the background: the figures, then the selection
                settle_until(lambda: widget.model.station_row("208") is not None, settle)
                widget.select_station("208", "trend")
                widget.details.scrollToBottom()  # the anomalies, under the other figures
            if widget is window.production_tab:
                from datetime import datetime, timezone

                widget.set_range(datetime(2025, 11, 1, tzinfo=timezone.utc),
                                 datetime(2025, 11, 30, tzinfo=timezone.utc))
                widget.refresh()
                widget.table.selectRow(0)
            if widget is window.audit_tab:
                widget.refresh()
                widget.table.selectRow(0)
                dialog = widget.verify()
                settle_until(lambda: dialog.outcome is not None, settle)
                dialog.accept()
            settle(5)
            save_png(window, out_dir, name, language, written)
        # The settings tab showing where problems are (nothing is published).
        window.tabs.setCurrentWidget(window.catalog_tab)
        window.catalog_tab.machines.item(1, 0).setText("201")
        window.catalog_tab.bands["good"].setValue(1.0)
        window.catalog_tab.reason.setText("short")
        window.catalog_tab.publish()
        settle(5)
        save_png(window, out_dir, "admin-settings-errors", language, written)
        window.catalog_tab.load()
        # The production tab's record dialogs: signed correction, signed void, manual record.
        window.tabs.setCurrentWidget(window.production_tab)
        for name, opener in (("admin-record-correct", window.production_tab.correct_selected),
                             ("admin-record-void", window.production_tab.void_selected),
                             ("admin-record-manual", window.production_tab.manual_record)):
            opener()
            dialog = window.production_tab.dialog
            dialog.reason.setText("re-measured on the bench" if language == "en"
                                  else "medido de novo na bancada")
            settle(5)
            save_png(dialog, out_dir, name, language, written)
            dialog.reject()
        window.close()
        written += _office_and_online_station(out_dir, language, folder, site, settle)
        for service in services:
            service.stop()
        for station in stations:
            station.close()
        site.admin.close()
    return written


def _office_and_online_station(out_dir: Path, language: str, folder: Path, site,
                               settle) -> list[Path]:
    """The office PC's own window (the panel inside it), and a production station whose sync
    service reaches the share (its header's last sync)."""
    from gui.app import StationApp
    from tests.utils.site.sitekit import ADMIN_PW

    office = StationApp(site.admin)  # with its sync: the header shows the share's state
    office.start()
    office.window.resize(*SCREEN_1366)
    written = [office_panel_shot(office, out_dir / f"office-{language}.png", "ana", ADMIN_PW,
                                 settle)]
    station_ctx = site.station(folder, "209")
    station = StationApp(station_ctx)
    station.start()
    station.window.resize(*SCREEN_1366)
    settle_until(lambda: "·" in station.window.header.share.text()
                 and station.window.header.share.text()[-1].isdigit(), settle)
    settle(5)  # the header's layout follows its new text
    save_png(station.window, out_dir, "station-online", language, written)
    station.stop()
    station.window.allow_close = True
    station.window.close()
    station_ctx.close()
    return written


def render_catching_up(out_dir: Path) -> list[Path]:
    """A production PC opening the admin panel for the first time on a synthetic plant: the
    tabs while the view catches up ("showing data up to HH:MM, catching up: N %"), at
    1366x768. The follower is held part-way (a listener that waits) so the state is steady."""
    import functools
    import threading
    from datetime import datetime, timedelta, timezone

    import utils.passwords
    from config.paths import resolve_paths
    from config.settings import Settings
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.i18n import install_translators
    from utils.context import AppContext
    from utils.site import membership, site_key
    from utils.site.membership import create_site_membership, join_site_membership
    from utils.site.synthetic import PlantPlan, certify_plant, write_plant
    from utils.site import view_follower
    from utils.site.view_follower import Phase

    utils.passwords.BCRYPT_ROUNDS = 4
    membership.create_site = functools.partial(site_key.create_site, scrypt_n=2 ** 10)
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])

    settle = partial(settle_for, app)

    folder = Path(tempfile.mkdtemp(prefix="shopfloor-catchup-shots-"))
    share, passphrase = folder / "share", "long site passphrase 1"
    office_paths = resolve_paths(folder / "office").ensure()
    membership = create_site_membership(office_paths, Settings(), share, passphrase,
                                        station_id="office1", kind="office")
    office = AppContext.open(folder / "office")
    office.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42", root=membership.root)
    now = datetime.now(timezone.utc)
    plan = PlantPlan(stations=tuple(str(n) for n in range(201, 215)), days=20,
                     boxes_per_day=120, end=now)
    write_plant(plan, share, certify_plant(plan, share, passphrase, folder / "work"),
                folder / "work")
    office.close()
    written: list[Path] = []
    round_bytes = view_follower.ROUND_BYTES
    # A production PC of a station of its own per language: the plant's stations have their
    # PCs (a second PC joining as one of them would be refused without a takeover).
    for language, station_id in (("pt_BR", "220"), ("en", "221")):
        install_translators(app, language, folder / "qm")
        home = folder / f"pc-{language}"
        paths = resolve_paths(home).ensure()
        join_site_membership(paths, Settings(language=language), share, passphrase,
                             station_id=station_id, kind="production", machine_table=False)
        ctx = AppContext.open(home)
        ctx.directory.refresh()
        gate, changes = threading.Event(), []
        follower = ctx.view_follower

        def hold(change, changes=changes, gate=gate, follower=follower) -> None:
            changes.append(change)
            if len(changes) >= 12 and (follower.state().progress or 0) >= 0.3 \
                    and not gate.is_set():
                gate.wait(60)  # the follower waits here while the pictures are taken

        ctx.site_view.add_listener(hold)
        follower.chunk_events = 1500
        follower.group_events = 1500  # a commit (and a change told) every 1,500 events
        # Rounds of 4 MB of journals (the product's are 64 MB: this small plant would be one
        # round, its progress 0 % until the end), so the picture shows a share read.
        view_follower.ROUND_BYTES = 4 * 2 ** 20
        window = AdminWindow(ctx, ctx.auth.login("ana", "Quarry-Lantern-42").session)
        window.resize(1366, 768)
        window.show()
        try:
            settle_until(lambda: len(changes) >= 12 and (follower.state().progress or 0) >= 0.3
                         and "%" in window.production_tab.currency.text()
                         and " 0 %" not in window.production_tab.currency.text(), settle)
            # From the plant's first day, so the rows read so far show (the default week would
            # still be empty: the view fills in time order).
            window.production_tab.set_range(now - timedelta(days=21))
            window.production_tab.refresh()
            settle(20)
            assert window.follower.state().phase == Phase.CATCHING_UP
            for name, tab in (("admin-catching-up", window.production_tab),
                              ("admin-catching-up-dashboard", window.dashboard_tab)):
                window.tabs.setCurrentWidget(tab)
                if tab is window.dashboard_tab:  # read in the background once shown
                    settle_until(lambda: tab.figures is not None and not tab.reading, settle)
                settle(10)
                save_png(window, out_dir, name, language, written)
        finally:
            gate.set()
            window.close()
            window.runner.shutdown(30)
            ctx.close()
    view_follower.ROUND_BYTES = round_bytes
    return written


def render_takeover(out_dir: Path) -> list[Path]:
    """A station PC restored from a backup after its original ran on: the header saying it
    does not sync and why, and the takeover confirmation a supervisor fills in, at 1366x768."""

    import utils.passwords
    from config.constants import Role
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from tests.gui.test_station_takeover import PASSWORD
    from tests.utils.site.sitekit import OPERATOR_PW, add_user, make_site, restored_copy

    utils.passwords.BCRYPT_ROUNDS = 4
    app = make_application(sys.argv[:1])
    written: list[Path] = []

    settle = partial(settle_for, app)

    for language, folder in in_each_language(app, "shopfloor-takeover-shots-"):
        site = make_site(folder)
        add_user(site, "sue", Role.SUPERVISOR)
        site.admin.auth.change_password("sue", OPERATOR_PW, PASSWORD)
        restored = restored_copy(site, folder, "206", language=language)
        restored.directory.refresh()
        station = StationApp(restored)
        station.start()
        window = station.window
        window.resize(*SCREEN_1366)
        window.show()
        try:
            settle_until(lambda: window.takeover_action is not None
                         and station.controller.share_state().refusal is not None, settle)
            window.controller.login("sue", PASSWORD)
            settle(40)
            save_png(window, out_dir, "station-takeover", language, written)
            window.takeover_action.trigger()
            window.takeover_dialog.reason.setText("backup restored after the disk failed")
            settle(10)
            save_png(window.takeover_dialog, out_dir, "takeover-dialog", language, written)
            window.takeover_dialog.reject()
        finally:
            station.stop()
            window.allow_close = True
            window.close()
            restored.close()
            site.admin.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


def render_upgrade(out_dir: Path) -> list[Path]:
    """A PC of a site made before keys by role: the admin panel's notice and the dialog an
    admin fills in to move the site to the new keys, at 1366x768."""

    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.i18n import install_translators
    from tests.data.test_upgrade import PASSWORDS, copy_fixture, fixture_clock
    from utils.context import AppContext

    app = make_application(sys.argv[:1])
    written: list[Path] = []

    settle = partial(settle_for, app)

    for language, folder in in_each_language(app, "shopfloor-upgrade-shots-"):
        home = copy_fixture("v2-5a62e3b", folder)
        ctx = AppContext.open(home, clock=fixture_clock(home))
        try:
            window = AdminWindow(ctx, ctx.auth.login("maria", PASSWORDS["maria"]).session)
            window.resize(*SCREEN_1366)
            window.show()
            settle()
            save_png(window, out_dir, "admin-site-upgrade", language, written)
            window.upgrade_notice.button.click()
            settle()
            save_png(window.upgrade_notice.dialog, out_dir, "site-upgrade-dialog", language, written)
            window.upgrade_notice.dialog.reject()
            window.close()
            window.runner.shutdown(30)
        finally:
            ctx.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


def office_panel_shot(office, path: Path, username: str, password: str, settle) -> Path:
    """Log in on a started office PC app, wait until its header shows the share's state, save
    the window (the panel inside it) to `path`, then log out and close the app."""
    assert office.controller.login(username, password).ok
    settle_until(lambda: "·" in office.window.header.share.text(), settle)
    settle(40)
    office.window.grab().save(str(path))
    office.controller.logout()
    office.stop()
    office.window.allow_close = True
    office.window.close()
    return path


def settle_until(condition, settle, rounds: int = 1500) -> None:
    """Let the event loop run until `condition()` holds (bounded: a screenshot of a state that
    never came would be a lie, so it raises)."""
    for _ in range(rounds):
        if condition():
            return
        settle(1)
    raise RuntimeError("the state to photograph never came")


def _liveness(window, station_id: str) -> str | None:
    model = window.fleet_tab.model
    for row in range(model.rowCount()):
        if model.view_at(row).station_id == station_id:
            return model.view_at(row).liveness
    return None


def _select_stations(window, station_ids) -> None:
    from PySide6.QtCore import QItemSelectionModel

    table, model = window.fleet_tab.table, window.fleet_tab.model
    table.clearSelection()
    for row in range(model.rowCount()):
        if model.view_at(row).station_id in station_ids:
            table.selectionModel().select(
                model.index(row, 0),
                QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def _alter_journal(share: Path, station_id: str) -> None:
    """Change one event's action in the station's journal on the share, leaving its hash as it
    was (as someone editing the file would)."""
    import json

    from utils.site.journal_read import list_segments
    from utils.site.layout import SiteLayout

    segment = list_segments(SiteLayout(share).station(station_id).journal)[0][1]
    lines = segment.read_bytes().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if '"action' in json.loads(line).get("body", ""))
    entry = json.loads(lines[index])
    entry["body"] = entry["body"].replace('"action":"', '"action":"x', 1)
    lines[index] = (json.dumps(entry) + "\n").encode()
    segment.write_bytes(b"".join(lines))


def render_wizard(out_dir: Path) -> list[Path]:
    """The first-run wizard's pages (create a site, with a folder problem and a weak password
    shown, then join it with a wrong passphrase) and This PC's settings, on throwaway folders."""
    import functools
    import threading

    import utils.passwords
    from gui.app import make_application
    from gui.i18n import install_translators
    from gui.pc_settings_dialog import PcSettingsDialog
    from gui.wizard import FirstRunWizard, WizardOptions
    from utils.autostart import Autostart
    from utils.context import AppContext
    from utils.site import membership, site_key

    utils.passwords.BCRYPT_ROUNDS = 4
    fast_create = functools.partial(site_key.create_site, scrypt_n=2 ** 10)
    real_create, membership.create_site = membership.create_site, fast_create
    app = make_application(sys.argv[:1])
    written: list[Path] = []
    pause = threading.Event()

    def settle(wizard=None) -> None:
        for _ in range(2000):  # a background check or set-up: bounded wait for its end
            app.processEvents()
            if wizard is None or wizard.busy.isHidden():
                break
            pause.wait(0.005)
        for _ in range(5):
            app.processEvents()

    try:
        for language, folder in in_each_language(app, "shopfloor-wizard-shots-"):

            def make(home: str) -> FirstRunWizard:
                wizard = FirstRunWizard(AppContext.open(folder / home), WizardOptions(
                    home=folder / home, translations_dir=folder / "qm",
                    autostart=Autostart(platform="linux", folder=folder / f"{home}-autostart")))
                wizard.language_page.buttons[language].setChecked(True)
                wizard.resize(1024, 700)
                wizard.show()
                settle()
                return wizard

            def shot(widget, name: str) -> None:
                settle()
                save_png(widget, out_dir, name, language, written)

            wizard = make("office")
            shot(wizard, "wizard-language")
            wizard.next()
            shot(wizard, "wizard-mode")
            wizard.choose_mode("create")
            site = wizard.site_pages["create"]
            (folder / "share").mkdir()
            # A folder that does not exist yet, the box to make it not ticked: said, not made.
            site.folder.set_text(str(folder / "share" / "shopfloor"))
            site.passphrase.setText("long site passphrase 1")
            site.repeat.setText("long site passphrase 1")
            wizard.next()
            settle(wizard)
            shot(wizard, "wizard-site-folder-problem")
            site.make_folder.setChecked(True)
            site.passphrase.setText("long site passphrase 1")
            site.repeat.setText("long site passphrase 1")
            wizard.next()
            settle(wizard)
            admin = wizard.admin_page
            admin.username.setText("maria")
            admin.full_name.setText("Maria Silva")
            admin.password.setText("password")
            admin.repeat.setText("password")
            wizard.next()
            shot(wizard, "wizard-admin-weak-password")
            admin.password.setText("Quarry-Lantern-42")
            admin.repeat.setText("Quarry-Lantern-42")
            wizard.next()
            wizard.station_page.choice.office.click()
            wizard.station_page.choice.office_id.setText("office1")
            shot(wizard, "wizard-station")
            wizard.next()
            shot(wizard, "wizard-summary")
            wizard.next()
            settle(wizard)
            shot(wizard, "wizard-done")
            office = wizard.result.ctx
            wizard.start()  # the context is handed over (closed below)
            wizard.close()

            joining = make("station")
            joining.next()
            joining.choose_mode("join")
            join = joining.site_pages["join"]
            join.folder.set_text(str(folder / "share" / "shopfloor"))
            join.passphrase.setText("not the passphrase")
            joining.next()
            settle(joining)
            shot(joining, "wizard-join-station")
            joining.next()
            joining.next()
            settle(joining)
            shot(joining, "wizard-join-wrong-passphrase")
            # The right passphrase, as the office PC's id: refused, the takeover offered.
            join.passphrase.setText("long site passphrase 1")
            joining.next()
            settle(joining)
            joining.station_page.choice.office.click()
            joining.station_page.choice.office_id.setText("office1")
            joining.next()
            joining.next()
            settle(joining)
            joining.station_page.takeover.setChecked(True)
            joining.station_page.takeover_reason.setText("the old PC's disk failed")
            shot(joining, "wizard-join-station-taken")
            joining.close()
            joining.ctx.close()

            session = office.auth.login("maria", "Quarry-Lantern-42").session
            dialog = PcSettingsDialog(office, session, autostart=Autostart(
                platform="linux", folder=folder / "office-autostart"))
            dialog.resize(1024, 700)  # fits 1280 x 720: the fields scroll below that
            dialog.show()
            shot(dialog, "pc-settings")
            dialog.reject()
            dialog.deleteLater()  # gone before its context closes, not at interpreter exit
            settle()
            office.close()
            wizard.ctx.close()
    finally:
        membership.create_site = real_create
        install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    app.processEvents()
    return written


def render_legacy(out_dir: Path) -> list[Path]:
    """What the migration from the old system shows: imported records with "location not
    recorded" (production tab, insights), the Users tab's import and its one-time passwords
    dialog; the users tab and the dialog also at 1366×768."""

    import utils.passwords
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.i18n import install_translators
    from tests.fixtures.legacy_collector import write_collector_csv
    from tests.gui.test_admin_dashboard import load_sample_into_site_view
    from tests.utils.site.sitekit import ADMIN_PW, make_site

    utils.passwords.BCRYPT_ROUNDS = 4
    app = make_application(sys.argv[:1])
    written: list[Path] = []

    def settle(rounds: int = 10) -> None:  # (settle_until passes its own count)
        settle_for(app, rounds)

    def save(widget, name: str) -> None:
        save_png(widget, out_dir, name, language, written)

    for language, folder in in_each_language(app, "shopfloor-legacy-shots-"):
        site = make_site(folder)
        generated = write_collector_csv(folder / "dados_producao.csv", boxes_per_machine=4)
        load_sample_into_site_view(site.admin, generated.path)
        usuarios = folder / "usuarios.csv"
        usuarios.write_text("login;senha;tipo;nome_completo\r\n"
                            "joao;x1;Operador;João Souza\r\n"
                            "marta;x2;Encarregada;Marta Nunes\r\n"
                            "rita;x3;Coordenadora;Rita Reis\r\n"
                            "dev;x4;Desenvolvedor;Equipe de Sistemas\r\n"
                            "ana;x5;Coordenador;Ana Admin\r\n"
                            "zé;x6;Operador;José Silva\r\n", encoding="utf-8")
        window = AdminWindow(site.admin, site.admin.auth.login("ana", ADMIN_PW).session)
        window.show()
        settle()

        window.tabs.setCurrentWidget(window.production_tab)
        window.production_tab.set_range(datetime(2025, 11, 1, tzinfo=timezone.utc),
                                        datetime(2025, 11, 30, tzinfo=timezone.utc))
        window.production_tab.refresh()
        settle()
        save(window, "legacy-production")
        window.tabs.setCurrentWidget(window.insights_tab)
        window.insights_tab.refresh()
        settle()
        window.insights_tab.select_station(None, "station")
        settle()
        save(window, "legacy-insights")
        window.tabs.setCurrentWidget(window.users_tab)
        window.users_tab.import_legacy(str(usuarios))
        settle_until(lambda: window.users_tab.legacy_dialog is not None, settle)
        dialog = window.users_tab.legacy_dialog
        settle()
        save(window, "legacy-users-tab")
        save(dialog, "legacy-users-dialog")
        window.resize(1366, 768)
        dialog.resize(min(dialog.width(), 1366), min(dialog.height(), 768))
        settle()
        save(window, "legacy-users-tab-1366x768")
        dialog.close()
        window.close()
        site.admin.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


def render_sizes(out_dir: Path) -> list[Path]:
    """The station window (logged in, with records), the office window (the panel) and the
    wizard's busiest page at the three screens the product must fit, in both languages."""
    import functools

    import utils.passwords
    from config.constants import Role
    from config.settings import Settings
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from gui.wizard import FirstRunWizard, WizardOptions
    from utils.clock import ManualClock
    from utils.context import AppContext
    from utils.site import membership, site_key

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])

    def settle(rounds: int = 5) -> None:  # (settle_until passes its own count)
        settle_for(app, rounds, wait_s=0.01)

    written: list[Path] = []
    sizes = {"1280x720": SCREEN_1280, "1366x768": SCREEN_1366, "1920x1080": SCREEN_1920}
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-sizes-"))
        install_translators(app, language, home / "qm")
        clock = ManualClock(datetime(2026, 11, 22, 11, 52, tzinfo=timezone.utc))
        for kind in ("production", "office"):
            ctx = AppContext.open(home / kind, clock=clock, settings=Settings(
                station_id="206" if kind == "production" else "office1", station_kind=kind,
                timezone="America/Sao_Paulo"))
            ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
            admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
            ctx.auth.create_user(admin, "olga", "Olga Operadora de Souza", Role.OPERATOR,
                                 "Otter-Initial-1", "operator of machine 206")
            ctx.auth.change_password("olga", "Otter-Initial-1", "Otter-Own-Pass-1")
            station = StationApp(ctx, start_sync=False)
            station.start()
            if kind == "production":
                station.controller.login("olga", "Otter-Own-Pass-1")
                station.controller.set_lot("L2503-001", 40, 1)
                for cam_d, defect in (("4,42", "Cápsula Fina"), ("2,1", None), ("3,3", "Furo")):
                    form = station.window.form
                    if defect:
                        form.fields["rej1_defect"].setCurrentText(defect)
                        form.fields["rej1_location"].setCurrentText("Cap/Body")
                    form.cam_d.setText(cam_d)
                    form.cam_w.setText("3,1")
                    form.submit()
                    clock.advance(minutes=3)
            else:
                station.controller.login("ana", "Quarry-Lantern-42")
            for size_name, size in sizes.items():
                station.window.resize(*size)
                settle()
                save_png(station.window, out_dir, f"{kind}-{size_name}", language, written)
            station.controller.logout()
            station.stop()
            station.window.allow_close = True
            station.window.close()
            ctx.close()
        fast_create = functools.partial(site_key.create_site, scrypt_n=2 ** 10)
        real_create, membership.create_site = membership.create_site, fast_create
        try:
            fresh = AppContext.open(home / "fresh")
            wizard = FirstRunWizard(fresh, WizardOptions(home=home / "fresh",
                                                         translations_dir=home / "qm"))
            wizard.show()
            wizard.next()
            wizard.choose_mode("create")
            for size_name, size in sizes.items():
                wizard.resize(*size)
                settle()
                save_png(wizard, out_dir, f"wizard-site-{size_name}", language, written)
            wizard.close()
            fresh.close()
        finally:
            membership.create_site = real_create
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


def render_chains(out_dir: Path) -> list[Path]:
    """Station 206 taken over by a new PC, which publishes its chain beside the old PC's
    journal: the admin's Audit tab after a whole-site verify (one line per chain) and its
    Production tab (both PCs' records), in both languages, at 1366x768."""

    import utils.passwords
    from config.constants import Role
    from config.paths import resolve_paths
    from config.settings import Settings
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.i18n import install_translators
    from utils.context import AppContext
    from utils.site.membership import join_site_membership
    from tests.utils.site.sitekit import (ADMIN_PW, OPERATOR_PW, PASSPHRASE, add_user,
                                          make_site, start_sync)

    utils.passwords.BCRYPT_ROUNDS = 4
    app = make_application(sys.argv[:1])
    written: list[Path] = []

    settle = partial(settle_for, app)

    def boxes(ctx, lot: str, count: int) -> None:
        operator = ctx.auth.login("op", OPERATOR_PW).session
        ctx.production.set_lot(operator, lot, 40)
        for _ in range(count):
            ctx.production.register_box(operator, {"size": "#00", "cam_d": "4,42",
                                                   "cam_w": "3,98"})

    for language, folder in in_each_language(app, "shopfloor-chain-shots-"):
        site = make_site(folder)
        add_user(site, "op", Role.OPERATOR)
        old = site.station(folder, "206")
        old.directory.refresh()
        boxes(old, "L2503-001", 3)
        service = start_sync(old)
        settle_until(lambda: service.journal.last_exported_seq > 0, settle)
        service.stop()
        old.close()
        home = folder / "home-206-replacement"
        join_site_membership(resolve_paths(home).ensure(), Settings(), site.share,
                             PASSPHRASE, station_id="206",
                             takeover_reason="motherboard replaced")
        new = AppContext.open(home)
        new.directory.refresh()
        boxes(new, "L2503-002", 2)
        service = start_sync(new)
        settle_until(lambda: service.journal.chain is not None, settle)
        window = AdminWindow(site.admin, site.admin.auth.login("ana", ADMIN_PW).session,
                             poll_interval_s=0.2)
        window.show()
        window.resize(*SCREEN_1366)
        settle(60)
        window.site_view.ingest()
        window.tabs.setCurrentWidget(window.audit_tab)
        window.audit_tab.refresh()
        dialog = window.audit_tab.verify()
        settle_until(lambda: dialog.outcome is not None, settle)
        save_png(dialog, out_dir, "chains-verify-dialog", language, written)
        dialog.accept()
        settle(5)
        save_png(window, out_dir, "chains-audit", language, written)
        window.tabs.setCurrentWidget(window.production_tab)
        window.production_tab.refresh()
        settle(20)
        save_png(window, out_dir, "chains-production", language, written)
        window.close()
        service.stop()
        new.close()
        site.admin.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


def render_verify(out_dir: Path) -> list[Path]:
    """The verify dialog naming a production record that differs from its audit event (the
    record table changed with sqlite3, as the tamper tests do), and one naming a station that
    could not be verified (a fault of the program, not tampering), in both languages."""
    import sqlite3
    from contextlib import closing

    from PySide6.QtTest import QTest

    import utils.passwords
    from config.settings import Settings
    from gui.app import make_application
    from gui.i18n import install_translators
    from gui.tasks import TaskRunner
    from gui.verify_dialog import run_verify
    from utils.audit.verify import VerifyResult
    from utils.clock import ManualClock
    from utils.context import AppContext

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-shots-"))
        ctx = AppContext.open(home, clock=ManualClock(), settings=Settings(
            station_id="206", language=language))
        install_translators(app, language, home / "translations")
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.production.set_lot(admin, "L2503-001", 40)
        for _ in range(3):
            ctx.production.register_box(admin, {"size": "#00", "cam_d": "4,42",
                                                "cam_w": "3,98"})
        with closing(sqlite3.connect(ctx.paths.database_file)) as connection:
            connection.execute("DROP TRIGGER record_versions_no_update")
            connection.execute("UPDATE record_versions SET cam_d = 99.9, cam_w = 88.8 "
                               "WHERE rowid = 2")
            connection.commit()
        runner = TaskRunner()

        def verified(work, name: str) -> None:
            """The verify dialog once `work` is done, saved as `name`-<language>.png."""
            dialog = run_verify(None, runner, work)
            settle_until(lambda: dialog.outcome is not None, lambda _n: QTest.qWait(10))
            _settle(app)
            save_png(dialog, out_dir, name, language, written)
            dialog.accept()

        verified(lambda progress, cancel: ctx.verify_audit(progress=progress, cancel=cancel),
                 "verify-record")
        # A station whose check raised (a fault of the program): "not verified", not tampered.
        fault = VerifyResult("207", False, 0, detail="checking this station stopped with a "
                             "fault of the program (RuntimeError: example); nothing is known "
                             "about its journal and nothing was changed")
        verified(lambda progress, cancel: [VerifyResult("206", True, 4), fault],
                 "verify-not-verified")
        runner.shutdown(timeout_s=10)
        ctx.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


def render_release(out_dir: Path) -> list[Path]:
    """Lot release: the admin panel's Lots tab (a released lot, one with exceptions), the
    release dialog with its exceptions, one acknowledged, and the audit-trail review dialog,
    for a quality person, in both languages, at 1366 x 768."""
    from datetime import timedelta

    from PySide6.QtTest import QTest

    import utils.passwords
    from config.constants import Role
    from config.settings import Settings
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from gui.i18n import install_translators
    from models.lot_status import DecisionKind
    from utils.clock import ManualClock
    from utils.context import AppContext
    from utils.production import Meaning, Signature

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []
    form = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
            "cam_d": "1,42", "cam_w": "0,98"}
    for language in ("pt_BR", "en"):
        home = Path(tempfile.mkdtemp(prefix="shopfloor-shots-"))
        clock = ManualClock(datetime(2026, 11, 22, 11, 52, tzinfo=timezone.utc))
        ctx = AppContext.open(home, clock=clock, settings=Settings(
            station_id="206", language=language, timezone="America/Sao_Paulo"))
        install_translators(app, language, home / "translations")
        ctx.auth.create_first_admin("ana", "Ana Admin", "Quarry-Lantern-42")
        admin = ctx.auth.login("ana", "Quarry-Lantern-42").session
        ctx.auth.create_user(admin, "quinn", "Quinn Qualidade", Role.QUALITY, "Quartz-Initial-1",
                             "quality assurance of the plant")
        ctx.auth.change_password("quinn", "Quartz-Initial-1", "Quartz-Own-Pass-1")
        for code, boxes in (("L2503-001", 6), ("L2503-002", 8)):
            ctx.production.set_lot(admin, code, boxes)
            made = []
            for box in range(boxes):
                clock.advance(minutes=3)
                made.append(ctx.production.register_box(
                    admin, {**form, "cam_d": "7,25" if box == 4 and code.endswith("2")
                            else "1,42"}))
        clock.advance(minutes=5)
        ctx.production.edit_record(admin, made[2].record_id, {"cam_d": "2,1"},
                                   "transcription error on the paper log",
                                   signature=Signature("Quarry-Lantern-42", Meaning.CORRECTION))
        quinn = ctx.auth.login("quinn", "Quartz-Own-Pass-1").session
        state = ctx.release.state(quinn, "L2503-001")
        ctx.release.decide(quinn, "L2503-001", DecisionKind.RELEASE, password="Quartz-Own-Pass-1",
                           username="quinn", reviewed_hash=state.content_hash)
        window = AdminWindow(ctx, quinn, embedded=True)
        window.resize(1366, 698)
        window.show()
        tab = window.lots_tab
        window.tabs.setCurrentWidget(tab)
        settle_until(lambda: tab.model.rowCount() == 2, lambda _n: QTest.qWait(10))
        tab.table.selectRow(1)  # the released lot: its signature
        settle_until(lambda: tab._selected_state is not None, lambda _n: QTest.qWait(10))
        _settle(app)
        save_png(window, out_dir, "admin-lots", language, written)
        tab.table.selectRow(0)  # the lot with exceptions
        settle_until(lambda: tab._selected_state is not None
                     and tab._selected_state.lot == "L2503-002", lambda _n: QTest.qWait(10))
        dialog = tab.open_review()
        dialog.resize(1100, 640)
        settle_until(lambda: dialog.state is not None, lambda _n: QTest.qWait(10))
        dialog.table.selectRow(0)
        dialog.note.setText("re-measured 10 capsules: within the limit")
        dialog.acknowledge_selected()
        _settle(app)
        save_png(dialog, out_dir, "release-dialog", language, written)
        dialog.close()
        audit = window.audit_tab
        window.tabs.setCurrentWidget(audit)
        audit.set_range(clock.now() - timedelta(days=1), clock.now())
        review = audit.open_review()
        review.resize(1100, 560)
        settle_until(lambda: review.reviewed is not None, lambda _n: QTest.qWait(10))
        _settle(app)
        save_png(review, out_dir, "audit-review", language, written)
        review.close()
        window.shutdown()
        window.close()
        ctx.close()
    install_translators(app, "en", Path(tempfile.gettempdir()) / "shopfloor-qm")
    return written


if __name__ == "__main__":
    # Issue 15's screens each have a module of their own, as the Audit tab's hostile text.
    from tests.gui.screenshots_audit import render_audit_hostile
    from tests.gui.screenshots_demo import render_demo
    from tests.gui.screenshots_handover import render_handover
    from tests.gui.screenshots_labels import render_labels
    from tests.gui.screenshots_oee import render_oee
    from tests.gui.screenshots_spc import render_spc

    arguments = [a for a in sys.argv[1:] if a != "--sizes"]
    target = Path(arguments[0]) if arguments else ROOT / "docs" / "screenshots"
    only = arguments[1].split(",") if len(arguments) > 1 else ["station", "admin", "wizard",
                                                                 "legacy", "catching-up",
                                                                 "takeover", "upgrade",
                                                                 "verify", "chains", "release",
                                                                 "oee", "spc", "handover",
                                                                 "labels", "demo",
                                                                 "audit-hostile"]
    renderers = {"station": render, "admin": render_admin, "wizard": render_wizard,
                 "legacy": render_legacy, "catching-up": render_catching_up,
                 "takeover": render_takeover, "upgrade": render_upgrade,
                 "verify": render_verify, "chains": render_chains, "release": render_release,
                 "oee": render_oee, "spc": render_spc, "handover": render_handover,
                 "labels": render_labels, "demo": render_demo,
                 "audit-hostile": render_audit_hostile}
    target.mkdir(parents=True, exist_ok=True)  # some renderers save without making it
    from gui.app import make_application
    from gui.collector_timer import GuiThreadCollector

    # As the app does (gui/app.py run_gui): every screen in one process made garbage cycles
    # of Qt objects that a background thread's collection destroyed, a segfault.
    collector = GuiThreadCollector(make_application([]))
    for path in [p for name in only for p in renderers[name](target)]:
        print(path)
    if "--sizes" in sys.argv[1:]:
        for path in render_sizes(target / "sizes"):
            print(path)
