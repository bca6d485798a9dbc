"""The admin panel's "done when", end to end on one tmp_path share with real sync threads:
an admin on an office PC sees another PC's station live, sends it a command and sees the
result, finds its records in the dashboard, and verifies the whole site's audit from the menu —
then, with one station's journal altered, sees that station red and the others green."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QColor

from config.constants import CommandType, Role
from data import users_repo
from utils.site.journal_read import list_segments
from utils.site.layout import SiteLayout

from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import ADMIN_PW, RecordingEffects, make_site, start_sync, use_fast_kdf

FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap/Body",
        "cam_d": "4,42", "cam_w": "3,98"}
GREEN, RED = QColor("#d4edda"), QColor("#f8d7da")


@pytest.fixture
def plant(tmp_path, monkeypatch):
    """An office PC (ana, admin) and two production PCs, each with its sync thread running."""
    use_fast_kdf(monkeypatch)
    monkeypatch.setattr("utils.site.scheduler.DIRECTORY_REFRESH_S", 0.05)
    site = make_site(tmp_path)
    admin = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.auth.create_user(admin, "op", "Olga Operadora", Role.OPERATOR, "Initial-Pass-1",
                                "operator for machine 206")
    stations = {sid: site.station(tmp_path, sid, checkpoint_every_events=5)
                for sid in ("206", "201")}
    services = [start_sync(ctx, RecordingEffects()) for ctx in (site.admin, *stations.values())]
    yield site, stations, services
    for service in services:
        service.stop("test over")
    for ctx in stations.values():
        ctx.close()
    site.admin.close()


@pytest.fixture
def window(qtbot, plant):
    from gui.admin.window import AdminWindow
    from gui.app import make_application

    make_application([])
    site, _stations, _services = plant
    window = AdminWindow(site.admin, site.admin.auth.login("ana", ADMIN_PW).session,
                         poll_interval_s=0.05)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    assert window.runner.shutdown(10)


def _tamper_first_record(share, station_id: str) -> int:
    """Change one registered box's defect in the station's journal on the share (the hash
    is left as it was, as someone editing the file would)."""
    journal = SiteLayout(share).station(station_id).journal
    segment = list_segments(journal)[0][1]
    lines = segment.read_bytes().splitlines(keepends=True)
    for index, line in enumerate(lines):
        entry = json.loads(line)
        if '"Rachada"' in entry.get("body", ""):
            entry["body"] = entry["body"].replace('"Rachada"', '"Amassada"')
            lines[index] = (json.dumps(entry) + "\n").encode()
            segment.write_bytes(b"".join(lines))
            return entry["seq"]
    raise AssertionError("no registered box in the journal")


def test_the_admin_panel_done_when(qtbot, plant, window):
    site, stations, services = plant
    station = stations["206"]

    def knows_op() -> bool:  # the station learns the new account from the signed directory
        with station.database.read() as connection:
            return users_repo.exists(connection, "op")

    wait_for(knows_op, timeout=15)
    operator = station.auth.login("op", "Initial-Pass-1").session
    station.production.set_lot(operator, "L-E2E-1", 50)
    for _ in range(3):
        station.production.register_box(operator, FORM)
    services[1].notify_state_changed()

    # 1. The other PC's station, live in the fleet table.
    model = window.fleet_tab.model
    lot_column = model.COLUMNS.index("lot")

    def live_with_lot() -> bool:
        return any(model.view_at(r).station_id == "206" and model.view_at(r).liveness == "online"
                   and "L-E2E-1" in model.data(model.index(r, lot_column))
                   for r in range(model.rowCount()))

    wait_for(live_with_lot, timeout=15)

    # 2. A command from the panel reaches it; its state and result come back.
    commands = window.commands_tab
    commands.prepare(CommandType.PING, ["206"])
    commands.send()
    assert commands.error.text() == ""
    wait_for(lambda: commands.history.rowCount() and commands.history.row_data(0)["state"] == "done",
             timeout=15)

    # 3. Its records in the dashboard (the office PC ingests the station's journal).
    dashboard = window.dashboard_tab
    window.tabs.setCurrentWidget(dashboard)  # read on the window's task runner while shown

    def dashboard_has_them() -> bool:
        dashboard.refresh()
        if dashboard.figures is None:
            return False
        means = dashboard.figures.means
        return list(means[means["station"] == "206"]["boxes"]) == [3]

    wait_for(dashboard_has_them, timeout=15)
    assert "Rachada" in dashboard.critical.text()

    # 4. The whole site's audit, verified from the Tools menu: every station green.
    verify_action = next(a for a in window.menuBar().actions()[0].menu().actions()
                         if a.text().startswith("Verify audit integrity"))
    results = window.audit_tab.results
    verify_action.trigger()
    wait_for(lambda: results.rowCount() >= 3, timeout=30)
    rows = {results.row_at(r).station: r for r in range(results.rowCount())}
    assert {"206", "201", "office1"} <= set(rows)
    for row in rows.values():
        assert results.row_at(row).ok
        assert results.data(results.index(row, 0), 8).color() == GREEN  # BackgroundRole
    window.audit_tab.verify_dialog.close()
    assert window.tabs.currentWidget() is window.audit_tab  # the table, once the dialog closes

    # 5. One station's journal altered on the share: that station red, the others green.
    services[1].stop("before the journal is altered")
    bad_seq = _tamper_first_record(site.share, "206")
    results.set_rows([])
    verify_action.trigger()
    wait_for(lambda: results.rowCount() >= 3, timeout=30)
    rows = {results.row_at(r).station: r for r in range(results.rowCount())}
    bad = results.row_at(rows["206"])
    assert not bad.ok and bad.first_bad_seq == bad_seq and str(bad.kind) == "modified"
    assert results.data(results.index(rows["206"], 0), 8).color() == RED
    for station_id in ("201", "office1"):
        assert results.row_at(rows[station_id]).ok
        assert results.data(results.index(rows[station_id], 0), 8).color() == GREEN
    window.audit_tab.verify_dialog.close()
