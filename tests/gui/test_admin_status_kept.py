"""What a person's action said stays while the site view's live updates arrive (s17 fixes): in
the Production and Audit tabs an export's "Exported N ... to <path>" (or why it failed) is kept
until the person's next action in the tab, the rows' count updating on its own line; and the
selected row's history (details) goes when a reload drops the selection, kept while a live
update leaves the selected row listed."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_admin_dashboard import put_site_rows, site_row


def _row(record_id: str, station: str, minute: int, lot: str):
    return site_row(record_id, station, f"2026-03-02T12:{minute:02d}:00.000Z", cam_d=1.0,
                    cam_w=2.0, lot=lot, box=minute + 1, seq=minute + 1)


@pytest.fixture
def production(qtbot, ctx, bridge, runner):
    from gui.admin import wiring

    put_site_rows(ctx, [_row("a", "201", 0, "L1"), _row("b", "202", 5, "L2")])
    tab = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner, bridge)
    qtbot.addWidget(tab)
    tab.resize(1366, 698)
    tab.show()
    tab.set_range(datetime(2026, 3, 1, tzinfo=timezone.utc),
                  datetime(2026, 3, 3, tzinfo=timezone.utc))
    return tab


def test_a_live_update_keeps_the_production_exports_message(ctx, production, tmp_path):
    tab = production
    path = tmp_path / "records.csv"
    tab.export("csv", str(path))
    wait_for(lambda: tab.last_export is not None)
    said = tab.status.text()
    assert said.startswith("Exported 2 records to ") and str(path) in said
    put_site_rows(ctx, [_row("c", "201", 10, "L3")])  # arrives through the bridge
    wait_for(lambda: tab.model.rowCount() == 3)
    assert tab.status.text() == said and tab.status.isVisible()
    assert tab.count.text() == "3 records"  # the count follows on its own line
    # A failed export's reason stays as well.
    tab.export("csv", str(path / "x.csv"))  # under a file: not written
    wait_for(lambda: "was not written" in tab.status.text())
    failed = tab.status.text()
    put_site_rows(ctx, [_row("d", "202", 15, "L4")])
    wait_for(lambda: tab.model.rowCount() == 4)
    assert tab.status.text() == failed and tab.count.text() == "4 records"
    # The person's next action in the tab replaces it.
    tab.apply_button.click()
    assert tab.status.text() == "" and not tab.status.isVisible()
    assert tab.count.text() == "4 records"


def test_the_history_goes_with_the_selection_and_stays_with_a_live_update(ctx, production):
    tab = production
    row_a = tab.model.row_of({"record_id": "a"})
    tab.table.selectRow(row_a)
    history = tab.history.toPlainText()
    assert "lot L1" in history
    put_site_rows(ctx, [_row("c", "201", 10, "L3")])  # the selected record still listed
    wait_for(lambda: tab.model.rowCount() == 3)
    assert tab.selected_row()["record_id"] == "a" and tab.history.toPlainText() == history
    # Another station's records only: the selected record is no longer in the list.
    tab.station.setCurrentIndex(tab.station.findData("202"))
    tab.apply_button.click()
    assert tab.selected_row() is None and tab.history.toPlainText() == ""
    assert tab.history.placeholderText().startswith("Select a record")
    # Apply drops the selection even when the record is still listed: the history goes too.
    tab.table.selectRow(0)
    assert "lot L2" in tab.history.toPlainText()
    tab.apply_button.click()
    assert tab.selected_row() is None and tab.history.toPlainText() == ""


@pytest.fixture
def audit(qtbot, ctx, bridge, runner):
    from gui.admin import wiring

    tab = wiring.audit_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner,
                           site_view=ctx.site_view, bridge=bridge)
    qtbot.addWidget(tab)
    tab.resize(1366, 698)
    tab.show()
    wait_for(lambda: tab.model.rowCount() > 0)
    return tab


def _new_event(ctx) -> None:
    """An event in this PC's own chain (a login), taken into the view: a live update."""
    ctx.auth.login("ana", ADMIN_PW)
    ctx.site_view.ingest_local()


def test_a_live_update_keeps_the_audit_exports_message(ctx, audit, tmp_path):
    tab = audit
    path = tmp_path / "audit.csv"
    tab.export_csv(str(path))
    wait_for(lambda: tab.status.text().startswith("Exported"))
    said = tab.status.text()
    assert str(path) in said
    before = tab.model.rowCount()
    _new_event(ctx)  # the export's own event comes with it
    wait_for(lambda: tab.model.rowCount() > before)
    assert tab.status.text() == said and tab.status.isVisible()
    assert tab.count.text() == f"{tab.model.rowCount()} events"
    tab.export_csv(str(path / "x.csv"))  # under a file: not written
    wait_for(lambda: "could not be exported" in tab.status.text())
    failed = tab.status.text()
    before = tab.model.rowCount()
    _new_event(ctx)
    wait_for(lambda: tab.model.rowCount() > before)
    assert tab.status.text() == failed
    tab.apply_button.click()
    assert tab.status.text() == "" and tab.count.text() == f"{tab.model.rowCount()} events"


def test_the_audit_detail_goes_with_the_selection(ctx, audit):
    tab = audit
    tab.table.selectRow(0)
    detail = tab.detail.toPlainText()
    assert detail != ""
    before = tab.model.rowCount()
    _new_event(ctx)  # the selected event still listed: kept
    wait_for(lambda: tab.model.rowCount() > before)
    assert tab.table.currentIndex().isValid() and tab.detail.toPlainText() == detail
    tab.user.setText("nobody-by-this-name")
    tab.apply_button.click()
    assert tab.model.rowCount() == 0 and tab.detail.toPlainText() == ""
