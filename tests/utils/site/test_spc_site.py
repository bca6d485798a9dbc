"""SPC across two PCs (utils/mes/spc_service.py): station 206 records boxes, its journal goes
to the share, the admin PC previews and freezes a baseline from its site view (audited), the
freeze travels in the admin PC's journal to the station's own site view, and a box beyond the
limits raises the fleet alarm on both; an analyst may not freeze (refused and audited), and a
baseline too short or without a reason is refused before anything is written."""

from __future__ import annotations

from datetime import timedelta

import pytest

from config.constants import Role
from config.spc import SpcSettings, SpecLimit
from data.view_spc import FREEZE_ACTION
from models.canonical import parse_utc
from models.spc import BaselineRefused
from models.validation import ValidationFailed
from utils.mes import spc_service
from utils.permissions import PermissionDenied
from utils.site.journal import JournalWriter

from tests.utils.site.sitekit import OPERATOR_PW, add_user, admin_session, site_layout

# CAM-D of the baseline's 20 boxes (mean 1.5, each step 0.1 or 0.2: MR̄ ≈ 0.13).
BASELINE = [1.5, 1.6, 1.4, 1.5, 1.7, 1.5, 1.4, 1.6, 1.5, 1.3,
            1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5, 1.6, 1.4, 1.5]
SETTINGS = SpcSettings((SpecLimit("#00", "cam_d", 0.5, 2.5),))


def _form(cam_d: float) -> dict:
    return {"size": "#00", "rej1_defect": "N/A", "cam_d": f"{cam_d:.2f}".replace(".", ","),
            "cam_w": "1,0"}


class Plant:
    def __init__(self, site, tmp_path):
        self.site = site
        self.station = site.station(tmp_path, "206")
        add_user(site, "op", Role.OPERATOR)
        add_user(site, "ann", Role.ANALYST)
        self.station.directory.refresh()
        self.operator = self.station.auth.login("op", OPERATOR_PW).session
        self.station.production.set_lot(self.operator, "L1", 500)
        layout = site_layout(site.share)
        self.journals = [
            JournalWriter(self.station.database, layout.station("206").ensure(),
                          self.station.anchor, self.station.trust.pc_key),
            JournalWriter(site.admin.database, layout.station("office1").ensure(),
                          site.admin.anchor, site.admin.trust.pc_key)]

    def boxes(self, values) -> None:
        for value in values:
            self.station.production.register_box(self.operator, _form(value))

    def sync(self) -> None:
        """Both PCs' journals out, both PCs' site views in."""
        for writer in self.journals:
            while writer.sync():
                pass
        self.site.admin.site_view.ingest()
        self.station.site_view.ingest()

    def close(self) -> None:
        self.station.close()


@pytest.fixture
def plant(site, tmp_path):
    plant = Plant(site, tmp_path)
    yield plant
    plant.close()


def _period(view):
    chart = spc_service.chart(view, SETTINGS, "206", "#00", "cam_d")
    start = parse_utc(chart.times[0])
    return start, parse_utc(chart.times[len(BASELINE) - 1]) + timedelta(milliseconds=1)


def test_a_freeze_on_the_admin_pc_reaches_the_station_and_a_signal_alarms_on_both(plant):
    admin_ctx, station = plant.site.admin, plant.station
    plant.boxes(BASELINE)
    plant.sync()
    start, end = _period(admin_ctx.site_view)
    preview = spc_service.preview(admin_ctx.site_view, SETTINGS, "206", "#00", "cam_d", start, end)
    assert preview.n == 20 and preview.mean == pytest.approx(1.5)
    session = admin_session(plant.site)
    limits = spc_service.freeze(admin_ctx.changes, session, admin_ctx.site_view, SETTINGS,
                                "206", "#00", "cam_d", start, end, "a stable week after setup")
    assert limits == preview
    with admin_ctx.database.read() as connection:
        body = connection.exec_driver_sql(
            "SELECT username, entity_id FROM audit_events WHERE action = ?",
            (FREEZE_ACTION,)).fetchall()
    assert body == [("ana", "206/#00/cam_d")]
    # A box at 3.0 (far beyond UCL ≈ 1.5 + 3 × 0.13 / 1.128) then the journals travel.
    plant.boxes([1.5, 3.0])
    plant.sync()
    for ctx in (admin_ctx, station):
        chart = spc_service.chart(ctx.site_view, SETTINGS, "206", "#00", "cam_d")
        assert chart.baseline is not None and chart.baseline.frozen_by == "ana"
        assert chart.values[-1] == pytest.approx(3.0) and chart.rules[-1] == (1,)
        assert chart.capability.n == 20 and chart.capability.too_small  # 20 < 30
        assert chart.capability.cp == pytest.approx(2.0 / (6 * limits.sigma))
        assert spc_service.spc_alarms(ctx.site_view) == [("206", "spc.cam_d", "critical")]
    assert [s["open_rules"] for s in spc_service.site_statuses(station.site_view)] == ["1"]
    # Eight boxes in control later, the chart is back in control and the alarm clears.
    plant.boxes([1.4, 1.6] * 4)
    plant.sync()
    assert spc_service.spc_alarms(admin_ctx.site_view) == []


def test_only_an_admin_freezes_and_a_bad_baseline_writes_nothing(plant):
    admin_ctx = plant.site.admin
    plant.boxes(BASELINE[:10])
    plant.sync()
    start, end = parse_utc("2020-01-01T00:00:00.000Z"), parse_utc("2100-01-01T00:00:00.000Z")
    analyst = admin_ctx.auth.login("ann", OPERATOR_PW).session
    assert not spc_service.may_freeze(analyst)
    with pytest.raises(PermissionDenied):
        spc_service.freeze(admin_ctx.changes, analyst, admin_ctx.site_view, SETTINGS, "206",
                           "#00", "cam_d", start, end, "a stable week after setup")
    session = admin_session(plant.site)
    with pytest.raises(ValidationFailed):
        spc_service.freeze(admin_ctx.changes, session, admin_ctx.site_view, SETTINGS, "206",
                           "#00", "cam_d", start, end, "short")
    with pytest.raises(BaselineRefused) as refused:  # 10 boxes, 20 needed
        spc_service.freeze(admin_ctx.changes, session, admin_ctx.site_view, SETTINGS, "206",
                           "#00", "cam_d", start, end, "a stable week after setup")
    assert refused.value.code == "too_few"
    with admin_ctx.database.read() as connection:
        actions = [row[0] for row in connection.exec_driver_sql(
            "SELECT action FROM audit_events WHERE action IN (?, ?)",
            (FREEZE_ACTION, "permission.denied"))]
    assert actions == ["permission.denied"]
