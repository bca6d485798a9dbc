"""What the Commands tab says happened: a message to a station without a window is "delivered,
nobody logged in to read it"; one to a station window is "read by op at HH:MM" (site time)
once the operator presses the button; each outcome a sentence in the person's language, the
rest in a details dialog with site times and no protocol plumbing (session ids, JSON)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from config.constants import CommandType
from utils.site.effects import HeadlessEffects

from tests.gui.conftest import open_admin_window, wait_for
from tests.utils.site.sitekit import ADMIN_PW, make_site, start_sync, use_fast_kdf

OP_PW = "Otter-Own-Pass-1"


@pytest.fixture
def site(tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    yield site
    site.admin.close()


@pytest.fixture
def tab(qtbot, site):
    window = open_admin_window(qtbot, site)
    tab = window.commands_tab
    tab._confirm = lambda text: True
    yield tab
    window.close()


def send_and_wait_done(tab, command_type, station_id, **params) -> int:
    tab.prepare(command_type, [station_id], **params)
    tab.send()
    assert tab.error.text() == ""

    def done():
        tab.fleet.track()
        tab.refresh_history()
        return tab.history.rowCount() and tab.history.row_data(0)["state"] == "done"
    wait_for(done, timeout=20)
    return 0


def outcome(tab, row: int = 0) -> str:
    return tab.history.index(row, tab.history.COLUMNS.index("outcome")).data()


def test_a_message_to_a_station_without_a_window(tab, site, tmp_path):
    station = site.station(tmp_path, "206")
    service = start_sync(station, HeadlessEffects())  # what `shopfloor agent` runs
    try:
        send_and_wait_done(tab, CommandType.MESSAGE, "206", text="Clean the hopper")
    finally:
        service.stop()
        station.close()
    text = outcome(tab)
    assert text.startswith("Delivered; nobody logged in to read it")
    assert "done" not in text.lower() and "{" not in text
    details = tab.show_details(0)
    assert details.values["Shown on a screen"] == "no" and details.values["Read by"] == "—"
    details.reject()


def test_a_message_read_at_a_station_window(qtbot, tab, site, tmp_path):
    from gui.app import StationApp
    from config.constants import Role

    station_ctx = site.station(tmp_path, "206")
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Olga Operadora", Role.OPERATOR, "Initial-Pass-1",
                                "operator of machine 206")
    site.admin.auth.change_password("op", "Initial-Pass-1", OP_PW)
    app = StationApp(station_ctx)
    qtbot.addWidget(app.window)
    app.start()
    try:
        wait_for(lambda: station_ctx.directory.refresh() is not None
                 or station_ctx.auth.has_users(), timeout=20)
        wait_for(lambda: app.controller.login("op", OP_PW).ok, timeout=20)
        tab.prepare(CommandType.MESSAGE, ["206"], text="Clean the hopper")
        tab.send()
        wait_for(lambda: getattr(app.window, "remote_message", None) is not None
                 and app.window.remote_message.isVisible(), timeout=20)
        app.window.remote_message.accept()  # "I have read it"

        def done():
            tab.fleet.track()
            tab.refresh_history()
            return tab.history.rowCount() and tab.history.row_data(0)["state"] == "done"
        wait_for(done, timeout=20)
    finally:
        app.stop()
        app.window.allow_close = True
        app.window.close()
        station_ctx.close()
    row = tab.history.row_data(0)
    read_at = row["result"]["acknowledged_at"]
    from models.canonical import parse_utc

    local = parse_utc(read_at).astimezone(ZoneInfo(site.admin.timezone)).strftime("%H:%M")
    assert outcome(tab) == f"Read by op at {local}."


def test_outcomes_in_portuguese_and_details_without_plumbing(qtbot, tab, site, tmp_path, qm_dir):
    from PySide6.QtWidgets import QApplication

    from gui.i18n import install_translators

    station = site.station(tmp_path, "206")
    service = start_sync(station, HeadlessEffects())
    try:
        send_and_wait_done(tab, CommandType.PING, "206")
    finally:
        service.stop()
        station.close()
    app = QApplication.instance()
    try:
        install_translators(app, "pt_BR", qm_dir)
        text = outcome(tab)
        assert text.startswith("A estação respondeu às ")
        details = tab.show_details(0)
        shown = " ".join(f"{k} {v}" for k, v in details.values.items())
        row = tab.history.row_data(0)
        assert row["result"]["session_id"] not in shown  # protocol plumbing stays out
        assert "{" not in shown and "T" not in details.values["Enviado em"].split(" ")[0][-1:]
        screen = details.screen().availableGeometry()
        assert details.width() <= screen.width() and details.height() <= screen.height()
        tip = tab.history.index(0, tab.history.COLUMNS.index("outcome")).data(
            Qt.ItemDataRole.ToolTipRole)
        assert tip.startswith(text)
        details.reject()
    finally:
        install_translators(app, "en", qm_dir)


@pytest.mark.parametrize("command, result, expected", [
    ("logout", {"logged_out": "joao"}, "joao was logged out."),
    ("logout", {"logged_out": None}, "Nobody was logged in; nothing to do."),
    ("lock", {"locked": True, "shown_to": "joao"}, "Production entry locked; joao sees the banner."),
    ("set_lot", {"lot": "L1", "current_box": 3, "total_boxes": 40}, "Lot L1 set: box 3 of 40."),
    ("set_product", {"size": "#00"}, "Size #00 set."),
    ("close_app", {"closing": True, "confirmed_by": "joao"}, "Closing: joao confirmed it."),
    ("close_app", {"closing": True, "confirmed_by": None, "forced": True},
     "Closing, without asking the operator."),
    ("backup_now", {"path": "/x/b.sqlite3", "bytes": 1_240_000},
     "Backup written on the station (1.2 MB)."),
    ("message", {"delivered": True, "shown": True, "acknowledged_by": None,
                 "acknowledged_at": "2026-11-22T17:21:00.000Z"},
     "Read at 14:21 on the login screen (nobody was logged in)."),
    ("message", {"answered": False, "note": "the application is closing"},
     "Shown, but not read: the station's application closed (or nobody answered for hours) "
     "before anyone pressed “I have read it”."),
])
def test_each_done_outcome_is_a_sentence(command, result, expected):
    from gui.admin.command_outcomes import outcome_text

    row = {"type": command, "state": "done", "reason": "x", "result": result,
           "issued_at": "2026-11-22T17:20:00.000Z"}
    assert outcome_text(row, ZoneInfo("America/Sao_Paulo")) == (expected, True)
