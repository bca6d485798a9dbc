"""The new user's small stumbles (issue 16, item 15): the log viewer where the README says,
the `site` hint with its --home, a version's reason shown as a reason, unit weights in mg,
machine sizes that say what they are, a Reason field whose hint fits, passwords typed twice,
the dashboard's target label and Pareto names readable."""

from __future__ import annotations

import pytest

from tests.gui.conftest import ADMIN_PW
from tests.gui.test_admin_dashboard import load_sample_into_site_view, make_tab
from tests.gui.test_station_window import login, set_lot


def test_the_log_viewer_is_under_tools(qtbot, station):
    login(qtbot, station, "ana", ADMIN_PW)
    tools = [a for a in station.window.menuBar().actions() if a.text() == "&Tools"][0].menu()
    assert "Log viewer…" in [a.text() for a in tools.actions() if a.isVisible()]
    help_menu = [a for a in station.window.menuBar().actions() if a.text() == "&Help"][0].menu()
    assert "Log viewer…" not in [a.text() for a in help_menu.actions()]


def test_unit_weight_in_milligrams(qtbot, station):
    login(qtbot, station, "ana", ADMIN_PW)
    set_lot(station)
    form = station.window.form
    form.set_size("#00")
    assert form.unit_weight.text() == "Unit weight: 121 mg"
    from gui.numbers import weight_text

    assert weight_text(0.000076) == "76 mg" and weight_text(0.0015) == "1.5 g"


def test_machines_say_what_their_size_is(ctx):
    from gui.app import make_application
    from gui.wizard.widgets import StationChoice

    make_application([])
    choice = StationChoice(ctx.catalog)
    labels = [choice.machine.itemText(i) for i in range(choice.machine.count())]
    assert "206 · capsule size #00, 121 mg each" in labels
    assert "201 · capsule size #1, 76 mg each" in labels


def test_the_reason_hint_fits_and_a_new_password_is_typed_twice(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    tab = wiring.users_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    qtbot.addWidget(tab)
    for kind in ("create", "reset"):
        if kind == "reset":
            tab.select("op")
        dialog = tab.open_dialog(kind)
        qtbot.waitExposed(dialog)
        placeholder = dialog.reason.placeholderText()
        assert dialog.reason.fontMetrics().horizontalAdvance(placeholder) < dialog.reason.width()
        assert dialog.repeat is not None and dialog.repeat.isVisible()
        dialog.reject()


@pytest.fixture
def dashboard(qtbot, ctx):
    load_sample_into_site_view(ctx)
    tab = make_tab(qtbot, ctx)
    yield tab
    tab.timer.stop()


def test_the_target_label_has_room_and_pareto_names_take_turns(dashboard):
    dashboard.resize(1366, 700)
    dashboard.refresh()
    top = dashboard.means_plot.viewRange()[1][1]
    tallest = max(bar.opts["height"].max() for bar in dashboard.means_bars.values())
    assert top >= max(tallest, dashboard.bands.target) * 1.2  # room above for the label
    ticks = dashboard.pareto_plot.getAxis("bottom")._tickLevels[0]
    names = [text for _position, text in ticks]
    assert all(not text.startswith("\n") for text in names[::2])
    assert all(text.startswith("\n") for text in names[1::2])
