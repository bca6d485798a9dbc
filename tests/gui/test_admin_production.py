"""Site-wide records in the admin panel: filters, version history with what changed, exports."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from data import site_repo

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_admin_dashboard import load_sample_into_site_view


@pytest.fixture
def production(qtbot, ctx):
    from gui.admin.production_tab import ProductionTab
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    total = load_sample_into_site_view(ctx)
    runner = TaskRunner()
    tab = ProductionTab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
    qtbot.addWidget(tab)
    tab.set_range(datetime(2025, 1, 1, tzinfo=timezone.utc), datetime(2027, 1, 1, tzinfo=timezone.utc))
    tab.refresh()
    yield tab, total
    runner.shutdown()


def test_every_record_and_filters(qtmodeltester, production):
    tab, total = production
    assert tab.model.rowCount() == total
    qtmodeltester.check(tab.model)
    tab.station.setCurrentIndex(tab.station.findData("206"))
    tab.refresh()
    assert tab.model.rowCount() and {r["station_id"] for r in tab.rows} == {"206"}
    tab.station.setCurrentIndex(0)
    tab.defect.setCurrentIndex(tab.defect.findData("Furo"))
    tab.refresh()
    assert all("Furo" in (r["rej1_defect"], r["rej2_defect"], r["rej3_defect"]) for r in tab.rows)


def test_version_history_shows_what_changed(production, ctx):
    tab, _total = production
    first = tab.rows[0]
    with ctx.database.write() as connection:
        site_repo.insert_record_version(connection, {**first, "version": 2, "cam_d": 1.11,
                                                     "editor": "sup", "edited_at": "2026-11-22T12:00:00.000Z",
                                                     "reason": "measured again on the bench",
                                                     "base_version": 1, "source_station": "office1",
                                                     "source_seq": 999})
    tab.refresh()
    row = next(i for i in range(tab.model.rowCount())
               if tab.model.row_data(i)["record_id"] == first["record_id"])
    tab.table.selectRow(row)
    text = tab.history.toPlainText()
    assert "Version 2 · sup" in text and "cam_d" in text and "→ 1.11" in text


def test_export_is_written_and_audited(production, tmp_path, ctx):
    tab, _total = production
    out = tmp_path / "site.csv"
    tab.export("csv", str(out))
    wait_for(lambda: getattr(tab, "last_export", None))
    assert tab.last_export == (str(out), tab.model.rowCount())
    from data import audit_repo

    with ctx.database.read() as c:
        assert audit_repo.list_events(c, action="records.export")


def test_analyst_may_view_but_operator_not(qtbot, ctx):
    from gui.admin.production_tab import ProductionTab
    from gui.tasks import TaskRunner
    from utils.permissions import PermissionDenied

    operator = ctx.auth.login("op", "Olga-Own-Pass-1").session
    with pytest.raises(PermissionDenied):
        ProductionTab(ctx, operator, TaskRunner())
