"""Issue 14, "every tab updates on arrival", for the SPC, OEE, Lots and Handovers tabs: on the
office PC, each tab open in the panel shows what station 206 did once its journal reaches the
office's site view, without Refresh: a new measurement on the SPC chart, a new box and a stop
in the OEE figures, a lot's new setting and a new lot in Lots, a new handover in Handovers.

Station 206 writes through its own services and its journal writer, and the office's site view
reads the share (tests/utils/site/releasekit.py), as the panel's follower does; the tabs hear of
it through the panel's bridge (gui/admin/view_bridge.py), as in the panel. (Production, Audit,
Dashboard and Insights are covered in test_site_view_panel.py, test_admin_dashboard.py and
test_admin_insights.py.)"""

from __future__ import annotations

import pytest

from tests.gui.conftest import wait_for
from tests.utils.site.releasekit import FORM, OP_PW, Plant
from tests.utils.site.sitekit import ADMIN_PW


@pytest.fixture
def panel(release_plant):
    """The office PC's panel parts: its bridge over its site view and follower (changes told
    at once), and a task runner; with the plant."""
    from gui.admin.view_bridge import ViewBridge
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    office = release_plant.office
    bridge = ViewBridge(office.site_view, office.view_follower, coalesce_ms=1)
    runner = TaskRunner()
    yield release_plant, bridge, runner
    bridge.close()
    assert runner.shutdown(10)


def arrive(plant: Plant) -> None:
    """Station 206's journal written to the share, then read by the office's site view (what
    the panel's follower does on its next pass)."""
    plant.station_journal.sync()
    plant.office.site_view.ingest()


def shown(qtbot, tab):
    qtbot.addWidget(tab)
    tab.resize(1366, 698)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def admin(plant: Plant):
    return plant.office.auth.login("ana", ADMIN_PW).session


def box(plant: Plant, **fields: str):
    return plant.station.production.register_box(plant.operator, {**FORM, **fields})


def test_a_new_measurement_shows_on_the_spc_chart(qtbot, panel):
    from gui.admin import wiring

    plant, bridge, _runner = panel
    plant.station.production.set_lot(plant.operator, "L1", 10)
    for value in ("1,40", "1,45", "1,50"):
        box(plant, cam_d=value)
    arrive(plant)
    tab = shown(qtbot, wiring.spc_tab(plant.office, admin(plant), bridge))
    assert tab.chart() == ("206", "#00", "cam_d")
    assert tab.data.values == pytest.approx([1.40, 1.45, 1.50])

    box(plant, cam_d="1,62")
    arrive(plant)
    wait_for(lambda: len(tab.data.values) == 4)
    assert tab.data.values == pytest.approx([1.40, 1.45, 1.50, 1.62])
    _x, drawn = tab.values_chart.curve.getData()  # what is drawn follows
    assert list(drawn) == pytest.approx([1.40, 1.45, 1.50, 1.62])


def _summed(tab, column: str) -> int:
    """`column` added up over the lines shown: station 206's shift under way (two lines if a
    shift change falls between its boxes; the clock is the real one here)."""
    from gui.admin.oee_model import COLUMNS

    cells = [tab.model.data(tab.model.index(row, COLUMNS.index(column)))
             for row in range(tab.model.rowCount())]
    return sum(0 if cell == "—" else int(cell) for cell in cells)


def test_a_new_box_and_a_stop_show_in_the_oee_figures(qtbot, panel):
    from gui.admin import wiring

    plant, bridge, _runner = panel
    plant.station.production.set_lot(plant.operator, "L1", 10)
    box(plant)
    arrive(plant)
    tab = shown(qtbot, wiring.oee_tab(plant.office, admin(plant), bridge))
    assert tab.total.text().endswith("· 1 box")
    assert (_summed(tab, "boxes"), _summed(tab, "stops")) == (1, 0)

    box(plant)
    plant.station.downtime.declare(plant.operator, "setup")  # the machine stops after it
    arrive(plant)
    wait_for(lambda: tab.total.text().endswith("· 2 boxes"))
    wait_for(lambda: _summed(tab, "stops") == 1)
    assert _summed(tab, "boxes") == 2


def _lots(tab) -> dict[str, tuple[str, str]]:
    """Each lot listed: its status and records, as shown."""
    model = tab.model
    return {model.lot_at(row): (model.index(row, 1).data(), model.index(row, 2).data())
            for row in range(model.rowCount())}


def test_a_lots_new_setting_and_a_new_lot_show_in_lots(qtbot, panel):
    from gui.admin import wiring

    plant, bridge, runner = panel
    plant.station.production.set_lot(plant.operator, "L1", 3)
    box(plant)
    box(plant)
    arrive(plant)
    tab = shown(qtbot, wiring.lots_tab(plant.office, plant.qa(), runner, bridge))
    wait_for(lambda: _lots(tab) == {"L1": ("open", "2")})

    # A lot event alone (no record): the station sets L1 to the 2 boxes it made.
    plant.station.production.set_lot(plant.operator, "L1", 2, 2)
    arrive(plant)
    wait_for(lambda: _lots(tab) == {"L1": ("complete", "2")})

    plant.station.production.set_lot(plant.operator, "L2", 5)
    box(plant)
    arrive(plant)
    wait_for(lambda: _lots(tab) == {"L1": ("complete", "2"), "L2": ("open", "1")})


def test_a_new_handover_shows_in_handovers(qtbot, panel):
    from gui.admin import wiring

    plant, bridge, runner = panel
    tab = shown(qtbot, wiring.handover_tab(plant.office, admin(plant), runner, bridge))
    wait_for(lambda: tab.loaded >= 1)
    assert tab.model.rowCount() == 0
    loaded = tab.loaded

    station = plant.station
    signed = station.handover.sign(plant.operator, station.handover.shift_to_hand_over(),
                                   "Scale 2 drifts", password=OP_PW + "x", username="op")
    arrive(plant)
    wait_for(lambda: tab.model.rowCount() == 1)
    assert tab.loaded > loaded
    row = tab.model.row_at(0)
    assert (row["station"], row["handover"], row["problem"]) == ("206", signed.id, None)
    assert tab.status.text().startswith("Handovers shown: 1 ")
