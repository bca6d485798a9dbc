"""Defects a new user found in the station window (s16 review, items 1, 2, 6 and 11): a lot
found complete at login says so and asks for the next lot; the header never cuts the lot and
box on a 1366 px screen (the user's name gives way first, then the share status); a field's
error is shown whole, wrapped, in Portuguese too; the header's tick survives this PC's
database going away (one warning, "cannot be read" shown) and recovers when it is back."""

from __future__ import annotations

import logging
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from config.constants import Role
from utils.site.share_health import ShareState

from tests.gui import test_header_share
from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_station_window import OP_PW, SUP_PW, login, set_lot

# A maximised window's client area on a 1366 x 768 screen (less a taskbar and a title bar).
CLIENT_1366 = (1366, 698)
ANALYST_PW = "Amber-Own-Pass-1"


def register(window, count: int) -> None:
    for _ in range(count):
        window.form.cam_d.setText("3,5")
        window.form.cam_w.setText("2,5")
        window.form.submit()


def complete_the_lot_and_log_out(station) -> None:
    """The supervisor registers a lot's only box, cancels the next-lot question, logs out."""
    window = station.window
    assert station.controller.login("sup", SUP_PW).ok
    set_lot(station, total="1")
    register(window, 1)
    assert window.lot_dialog.isVisible()  # asked at once after the last box
    window.lot_dialog.reject()
    station.controller.logout("user")


# -- 1. a lot found complete at login --------------------------------------------------------------

def test_an_operator_finding_the_lot_complete_is_told_why_and_asked_for_the_next(qtbot, station):
    complete_the_lot_and_log_out(station)
    window = station.window
    login(qtbot, station, "op", OP_PW)
    assert not window.form.save.isEnabled()
    assert window.form.general_error.text() == (
        "Lot L2503-001 is complete. Set the next lot to go on: Lot… (F2), or scan its code.")
    dialog = window.lot_dialog
    assert dialog.isVisible() and dialog.code.text() == ""  # the next lot, asked at once
    dialog.reject()
    assert window.form.general_error.text().startswith("Lot L2503-001 is complete.")
    dialog = window.open_lot_dialog()
    dialog.code.setText("L2503-002")
    dialog.total.setText("5")
    dialog.apply()
    assert window.form.save.isEnabled() and window.form.general_error.text() == ""


def test_a_role_that_may_not_set_lots_is_told_who_does(qtbot, station, ctx):
    admin = ctx.auth.login("ana", ADMIN_PW).session
    ctx.auth.create_user(admin, "arlete", "Arlete Analista", Role.ANALYST, "Initial-Pass-an",
                         "analyst of line 2 this month")
    ctx.auth.change_password("arlete", "Initial-Pass-an", ANALYST_PW)
    complete_the_lot_and_log_out(station)
    window = station.window
    window.lot_dialog = None
    assert station.controller.login("arlete", ANALYST_PW).ok
    assert window.form.general_error.text() == (
        "Lot L2503-001 is complete. An operator or a supervisor sets the next lot at this "
        "station.")
    assert window.lot_dialog is None  # not asked: this person may not set it


# -- 2. the header at 1366 px ----------------------------------------------------------------------

@pytest.fixture
def language(request, qm_dir):
    from gui.i18n import install_translators

    app = QApplication.instance()
    assert install_translators(app, request.param, qm_dir) == request.param
    yield request.param
    install_translators(app, "en", qm_dir)


@pytest.mark.parametrize("language", ["pt_BR", "en"], indirect=True)
def test_the_lot_and_box_are_never_cut_at_1366(qtbot, ctx, language):
    from gui.app import StationApp

    station = StationApp(ctx, start_sync=False)
    qtbot.addWidget(station.window)
    station.start()
    try:
        window = station.window
        header = window.header
        assert station.controller.login("ana", ADMIN_PW).ok  # "administrador": the longest
        set_lot(station, total="40")
        register(window, 3)
        now = ctx.clock.now()
        header.set_share_source(lambda: ShareState(True, None, now), lambda: 9)
        window.resize(*CLIENT_1366)
        window.show()
        qtbot.wait(1)
        header.set_lot(station.controller.current_lot())
        header._tick()  # the share status, as every second
        QApplication.processEvents()
        assert "L2503-001" in header.lot.text() and "4/40" in header.lot.text()
        assert not header.lot.is_elided(), (language, header.lot.text(), header.lot.width())
        # The name gave way before the share status did.
        if header.share.is_elided():
            assert header.user.width() <= header.user.minimumSizeHint().width()
    finally:
        station.stop()
        station.window.allow_close = True
        station.window.close()


def test_the_user_gives_way_first_then_the_share_status(qtbot, ctx):
    from gui.header import StationHeader
    from models.lot import Lot

    header = StationHeader(ctx)
    qtbot.addWidget(header)
    header.set_lot(Lot("L2503-001", 40, 4))
    header.set_user(ctx.auth.login("ana", ADMIN_PW).session)
    now = ctx.clock.now()
    header.set_share_source(lambda: ShareState(True, None, now), lambda: 9)
    header._tick()
    header.show()
    header.user.setMaximumWidth(16777215)
    whole = header.sizeHint().width()
    header.resize(whole + 50, header.sizeHint().height())
    QApplication.processEvents()
    assert not header.user.is_elided() and not header.share.is_elided()
    header.resize(whole - 40, header.height())  # a little short: only the name gives way
    QApplication.processEvents()
    assert header.user.is_elided() and not header.share.is_elided()
    assert not header.lot.is_elided()
    header.resize(whole - 400, header.height())  # short: the name at its least, then the share
    QApplication.processEvents()
    assert header.user.width() <= header.user.minimumSizeHint().width()
    assert header.share.is_elided() and not header.lot.is_elided()


# -- 6. a field's error shown whole ----------------------------------------------------------------

@pytest.mark.parametrize("language", ["pt_BR"], indirect=True)
def test_a_field_error_wraps_and_is_shown_whole_without_moving_the_form(qtbot, ctx, language):
    from gui.app import StationApp

    station = StationApp(ctx, start_sync=False)
    qtbot.addWidget(station.window)
    station.start()
    try:
        window = station.window
        window.resize(*CLIENT_1366)
        window.show()
        login(qtbot, station, "op", OP_PW)
        set_lot(station, total="40")
        QApplication.processEvents()
        form = window.form
        below = form.fields["rej1_defect"].geometry()
        form.cam_w.setText("1.234,5")
        form.submit()
        QApplication.processEvents()
        label = form.errors["cam_w"]
        text = label.text()
        assert text == "Digite um número, por exemplo 3,5."
        assert label.fontMetrics().horizontalAdvance(text) > label.width()  # needs 2 lines
        needed = label.fontMetrics().boundingRect(
            QRect(0, 0, label.contentsRect().width(), 10_000),
            int(Qt.TextFlag.TextWordWrap), text)
        assert label.wordWrap() and needed.height() <= label.contentsRect().height(), (
            needed, label.contentsRect())
        assert form.fields["rej1_defect"].geometry() == below  # its room was kept: no move
    finally:
        station.stop()
        station.window.allow_close = True
        station.window.close()


# -- 11. this PC's database goes away --------------------------------------------------------------

site = test_header_share.site  # a site on a tmp share, fast key sealing (a fixture)


def test_the_header_survives_the_database_going_away_and_recovers(qtbot, site, tmp_path,
                                                                   caplog):
    from gui.app import StationApp, make_application

    station_ctx = site.station(tmp_path, "206")
    make_application([])
    app = StationApp(station_ctx)
    qtbot.addWidget(app.window)
    app.start()
    header = app.window.header
    data = station_ctx.paths.data_dir
    gone = data.with_name("data-unplugged")
    caplog.set_level(logging.INFO, logger="gui")
    try:
        wait_for(lambda: header.share.text().startswith("Share online · synced "), timeout=20)
        station_ctx.database.dispose()  # no connection kept open: the next one opens the file
        data.rename(gone)  # the disk holding the data folder goes away
        wait_for(lambda: "This PC's database cannot be read" in header.share.text(), timeout=20)
        seen = {header.clock.text()}
        wait_for(lambda: seen.add(header.clock.text()) or len(seen) >= 3, timeout=20)  # ticks
        assert "This PC's database cannot be read" in header.share.text()
        warnings = [r for r in caplog.records if r.levelno >= logging.WARNING
                    and r.name.startswith("gui.")]
        assert len(warnings) == 1 and "cannot be read" in warnings[0].getMessage(), warnings
        assert "\n" not in warnings[0].getMessage() and warnings[0].exc_info is None
        gone.rename(data)
        wait_for(lambda: header.share.text().startswith("Share online")
                 and "cannot be read" not in header.share.text(), timeout=20)
        assert any("can be read again" in r.getMessage() for r in caplog.records)
    finally:
        if gone.exists() and not data.exists():
            gone.rename(data)
        app.stop()
        app.window.allow_close = True
        app.window.close()
        station_ctx.close()
