"""The admin panel's Handovers tab: the history searched and read whole, with its signatures
checked; and on a site, a handover signed on station 206 appearing in the office PC's panel
through the share while the tab is open."""

from __future__ import annotations

from datetime import datetime, timezone

from config.constants import Role
from gui.admin import wiring
from gui.tasks import TaskRunner

from tests.gui.conftest import ADMIN_PW, open_admin_window, wait_for

OP_PW = "Otter-Own-Pass-1"
SUP_PW = "Sable-Own-Pass-1"


def test_the_history_is_searched_and_each_handover_read_whole(qtbot, qtmodeltester, ctx, clock):
    clock._now = datetime(2026, 11, 22, 16, 50, tzinfo=timezone.utc)
    op = ctx.auth.login("op", OP_PW).session
    ctx.production.set_lot(op, "L9", 5)
    ctx.production.register_box(op, {"size": "#00", "rej1_defect": "Furo",
                                     "rej1_location": "Cap", "cam_d": "1", "cam_w": "1"})
    signed = ctx.handover.sign(op, ctx.handover.shift_to_hand_over(), "Scale 2 drifts",
                               password=OP_PW, username="op")
    ana = ctx.auth.login("ana", ADMIN_PW).session
    runner = TaskRunner()
    tab = wiring.handover_tab(ctx, ana, runner)
    qtbot.addWidget(tab)
    tab.show()
    try:
        wait_for(lambda: tab.loaded == 1)
        qtmodeltester.check(tab.model)
        assert tab.model.rowCount() == 1
        row = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
        # No stops in the shift: 0 minutes down ("—" is for a version that recorded no stops)
        assert row == ["2026-11-22 06:00 · shift 1", "206", "Olga Operadora (op)", 1, 1, "0", 0,
                       1, "waiting", 0, "valid"]
        tab.table.selectRow(0)
        wait_for(lambda: "Scale 2 drifts" in tab.page.toPlainText())
        page = tab.page.toPlainText()
        assert "Handed over by Olga Operadora (op)" in page and "Not acknowledged yet." in page

        tab.search.setText("furo L9")
        wait_for(lambda: tab.loaded == 2)
        assert tab.model.rowCount() == 1
        tab.search.setText("nobody wrote this")
        wait_for(lambda: tab.loaded == 3)
        assert tab.model.rowCount() == 0

        sup = ctx.auth.login("sup", SUP_PW).session
        ctx.handover.acknowledge(sup, signed.id, password=SUP_PW, username="sup")
        tab.search.clear()
        tab.waiting.setChecked(True)  # waiting only: the acknowledged one is gone
        wait_for(lambda: tab.loaded >= 5)
        assert tab.model.rowCount() == 0
        tab.waiting.setChecked(False)
        wait_for(lambda: tab.model.rowCount() == 1)
        assert tab.model.index(0, 8).data().startswith("sup · ")
    finally:
        runner.shutdown()


def test_a_handover_on_station_206_reaches_the_office_panel(qtbot, fleet_site):
    site, station, _service = fleet_site
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Olga Operadora", Role.OPERATOR, "Initial-Pass-op",
                                "operator of machine 206")
    site.admin.auth.change_password("op", "Initial-Pass-op", OP_PW)
    station.directory.refresh()
    window = open_admin_window(qtbot, site)
    try:
        tab = window.handover_tab
        window.tabs.setCurrentWidget(tab)
        wait_for(lambda: tab.loaded >= 1)
        assert tab.model.rowCount() == 0
        op = station.auth.login("op", OP_PW).session
        signed = station.handover.sign(op, station.handover.shift_to_hand_over(),
                                       "Hand-over from 206", password=OP_PW, username="op")
        # The station's sync service exports its journal; the panel's follower reads it and
        # the tab refreshes on the view's change
        wait_for(lambda: tab.model.rowCount() == 1, timeout=20)
        row = tab.model.row_at(0)
        assert (row["station"], row["handover"], row["problem"]) == ("206", signed.id, None)
    finally:
        window.close()
