"""What a new user's review of the screens found (GUI pass s19, items 4-7 and 9): the SPC site
table says what its state covers and when the chart last signalled; the chart's rule labels and
limit names do not pile on each other; the Production tab's columns fit 1366 px with the
rejections cut with "…" and whole in their tooltip; the station's stop button says what it does;
a supervisor confirms a takeover with a touch-sized button in the notice that asks for it, and
the station's menus are touch-sized."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import ADMIN_PW
from tests.gui import test_station_takeover
from tests.gui.test_admin_dashboard import put_site_rows, site_row

restored = test_station_takeover.restored  # station 206 restored from a backup, reused

LONG = (("Cápsula Fina", "Cap/Body"), ("Apara Retida", "Cap/Body"), ("Barra Colada", "Cap/Body"))


@pytest.fixture
def production_tab(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    put_site_rows(ctx, [site_row(f"r{i}", "207", f"2026-03-02T12:{i:02d}:00.000Z", cam_d=1.5,
                                 cam_w=1.2, rejections=LONG if i % 2 else (), box=i + 1,
                                 seq=i + 1, operator="operador-do-turno")
                        for i in range(10)])
    runner = TaskRunner()
    tab = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
    qtbot.addWidget(tab)
    tab.set_range(datetime(2026, 3, 1, tzinfo=timezone.utc),
                  datetime(2026, 3, 3, tzinfo=timezone.utc))
    yield tab
    runner.shutdown()


def test_the_production_columns_fit_1366_with_the_rejections_cut_and_whole_in_a_tooltip(
        qtbot, production_tab):
    tab = production_tab
    tab.resize(1366, 600)  # the admin window's tab at 1366 x 768
    tab.show()
    qtbot.waitExposed(tab)
    tab.refresh()
    table, model = tab.table, tab.model
    column = model.COLUMNS.index("rejections")
    row = next(r for r in range(model.rowCount()) if model.index(r, column).data() != "—")
    text = model.index(row, column).data()
    assert text == "Cápsula Fina (Cap/Body), Apara Retida (Cap/Body), Barra Colada (Cap/Body)"
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=3000)
    # Every column in sight, the last (Status) too; the rejections cut, whole in the tooltip.
    header = table.horizontalHeader()
    last = model.COLUMNS.index("status")
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= table.viewport().width()
    assert header.sectionSize(column) < table.fontMetrics().horizontalAdvance(text)
    assert not table.wordWrap() and table.textElideMode() == Qt.TextElideMode.ElideRight
    assert model.index(row, column).data(Qt.ItemDataRole.ToolTipRole) == text


def test_the_stop_button_says_first_that_it_is_where_stops_are(qtbot, station, clock):
    from tests.gui.test_station_window import OP_PW, login

    login(qtbot, station, "op", OP_PW)
    button = station.window.stop_button
    assert button.text() == "Stops… (idle)"
    station.window.controller.ctx.downtime.declare(station.window.controller.session, "setup")
    clock.advance(minutes=5)
    button.refresh()
    assert button.text() == "Stops… (down 0:05 · setup)"


def _spc_tab(qtbot, ctx, values: list[float], baseline_points: int):
    """The SPC tab over station 206's CAM-D `values` (a minute apart from 10:00), its first
    `baseline_points` frozen as the baseline, at the size it has in the admin window."""
    from config.spc import SpcSettings, SpecLimit
    from gui.admin import wiring
    from gui.admin.time_range import set_moment
    from gui.app import make_application

    make_application([])
    ctx.apply_catalog(replace(ctx.catalog, spc=SpcSettings((SpecLimit("#00", "cam_d", 1.0,
                                                                      2.0),))))
    put_site_rows(ctx, [site_row(f"r{i:03d}", "206", _minute(i), cam_d=value, cam_w=1.0,
                                 size="#00", box=i + 1, seq=i + 1)
                        for i, value in enumerate(values)])
    tab = wiring.spc_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    qtbot.addWidget(tab)
    tab.resize(1366, 620)
    dialog = tab.open_freeze()
    set_moment(dialog.start, tab.site.timezone, datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc))
    set_moment(dialog.end, tab.site.timezone, datetime(2026, 12, 1, 10 + baseline_points // 60,
                                                       baseline_points % 60, tzinfo=timezone.utc))
    dialog.reason.setText("stable after the die change")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        assert dialog.freeze()
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _minute(i: int) -> str:
    return f"2026-12-01T{10 + i // 60:02d}:{i % 60:02d}:00.000Z"


def test_the_spc_table_says_its_state_is_the_last_8_points_and_when_it_last_signalled(
        qtbot, ctx):
    from tests.gui.test_admin_spc import BASELINE

    tab = _spc_tab(qtbot, ctx, [*BASELINE, 3.0, *BASELINE[:9]], len(BASELINE))
    assert tab.data.rules[len(BASELINE)] == (1,)  # the chart shows a Rule 1 point...
    model = tab.model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["Station", "Size", "Measurement", "Last 8 points", "Last signal"]
    state = model.COLUMNS.index("state")
    assert "last 8 points" in model.headerData(state, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, state).data() == "in control"  # ...9 points before the newest
    last = model.index(0, model.COLUMNS.index("last_signal")).data()
    assert last == tab._when(_minute(len(BASELINE)))  # and when it was, beside it


def test_the_spc_chart_labels_do_not_pile_up_and_the_signals_are_not_cut(qtbot, ctx):
    """The screenshots' chart (a drift breaking rules 2, 3 and 4 point after point, then a
    spike): the rule labels shown overlap none other, the spike's among them; the limits'
    names overlap none other; every signal is read whole (wrapped, no scroll sideways)."""
    from tests.gui.screenshots_spc import _values

    tab = _spc_tab(qtbot, ctx, _values(), 40)
    tab.grab()  # painted: the labels' places on screen are final
    shown = [label for label in tab.labels if label.isVisible()]
    assert len(shown) >= 3
    assert "1" in [label.toPlainText().split(",")[0] for label in shown]
    rects = [label.sceneBoundingRect() for label in shown]
    assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]
    names = [tab.values_chart.lines[name].label for name in ("ucl", "centre", "lcl")]
    rects = [name.sceneBoundingRect() for name in names]
    assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]
    assert tab.signals.count() > 20 and tab.signals.wordWrap()
    assert tab.signals.horizontalScrollBar().maximum() == 0


def test_a_supervisor_confirms_a_takeover_with_a_touch_sized_button_in_its_notice(restored):
    from gui.takeover_dialog import TakeoverDialog
    from gui.theme import TOUCH_MIN_PX
    from tests.gui.conftest import wait_for
    from tests.gui.test_station_takeover import PASSWORD

    window, _ctx = restored
    window.resize(1366, 698)
    window.show()
    wait_for(lambda: window.sync_notice.isVisibleTo(window), timeout=10)
    notice, button = window.sync_notice, window.sync_notice.button
    assert "Tools →" not in notice.text() and "Confirm the takeover…" in notice.text()
    window.controller.login("joe", PASSWORD)
    assert not button.isVisibleTo(window)  # an operator cannot confirm
    window.controller.logout("user")
    window.controller.login("sue", PASSWORD)
    wait_for(lambda: button.isVisibleTo(window), timeout=5)
    assert button.text() == "Confirm the takeover…" and button.height() >= TOUCH_MIN_PX
    # The notice, its button and the touch-sized menus still fit a 1366 x 768 screen.
    assert window.minimumSizeHint().height() <= 698
    triggered = []
    window.takeover_action.triggered.connect(lambda: triggered.append(True))
    button.click()
    assert triggered == [True]  # the menu's own action: one code path
    assert isinstance(window.takeover_dialog, TakeoverDialog)
    assert window.takeover_dialog.isVisible()
    window.takeover_dialog.reject()


def test_the_stations_menus_are_touch_sized(qtbot, station):
    from gui.theme import TOUCH_MIN_PX
    from tests.gui.test_station_window import login

    window = station.window
    login(qtbot, station, "sup", "Sable-Own-Pass-1")
    window.resize(1366, 698)
    window.show()
    qtbot.waitExposed(window)
    bar = window.menuBar()
    for action in bar.actions():  # the bar stays one line high (gui/theme.py TOUCH_MENUS)
        assert bar.actionGeometry(action).width() >= TOUCH_MIN_PX, action.text()
        menu = action.menu()
        menu.ensurePolished()
        menu.adjustSize()
        for item in menu.actions():
            if item.isVisible() and not item.isSeparator():
                assert menu.actionGeometry(item).height() >= TOUCH_MIN_PX, item.text()
    assert window.admin_action in bar.actions()[1].menu().actions()
