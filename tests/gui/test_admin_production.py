"""Site-wide records in the admin panel: filters, version history with what changed, exports."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_admin_dashboard import load_sample_into_site_view


@pytest.fixture
def production(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    total = load_sample_into_site_view(ctx)
    runner = TaskRunner()
    tab = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
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
    assert tab.model.rowCount() and {r["station_id"] for r in rows_of(tab)} == {"206"}
    tab.station.setCurrentIndex(0)
    tab.defect.setCurrentIndex(tab.defect.findData("Furo"))
    tab.refresh()
    assert tab.model.rowCount() and all(
        "Furo" in (r["rej1_defect"], r["rej2_defect"], r["rej3_defect"]) for r in rows_of(tab))


def rows_of(tab):
    return [tab.model.row_data(row) for row in range(tab.model.rowCount())]


def test_version_history_shows_what_changed(production, ctx):
    tab, _total = production
    from tests.utils.site.viewkit import put_view_rows

    first = rows_of(tab)[-1]
    put_view_rows(ctx.site_view, [{**first, "version": 2, "cam_d": 1.11, "editor": "sup",
                                   "edited_at": "2026-11-22T12:00:00.000Z",
                                   "reason": "measured again on the bench", "base_version": 1,
                                   "source_station": "office1", "source_seq": 999}])
    tab.refresh()
    row = next(i for i in range(tab.model.rowCount())
               if tab.model.row_data(i)["record_id"] == first["record_id"])
    tab.table.selectRow(row)
    text = tab.history.toPlainText()
    before = f"{first['cam_d']:.2f}"
    assert "Version 2 · sup" in text and f"    CAM-D %: {before} → 1.11" in text
    # 12:00 UTC in the site's time zone, as the table's Date and Time are.
    from zoneinfo import ZoneInfo

    edited = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
    local = edited.astimezone(ZoneInfo(ctx.timezone)).strftime("%Y-%m-%d %H:%M:%S")
    assert f"Version 2 · sup · {local}" in text and "2026-11-22T12:00:00" not in text


def test_version_history_reads_as_labels_and_formatted_values(small_site, ctx, qm_dir):
    from PySide6.QtWidgets import QApplication

    from gui.i18n import install_translators
    from tests.gui.test_admin_dashboard import put_site_rows, site_row

    tab = small_site
    first = next(r for r in rows_of(tab) if r["record_id"] == "a")
    corrected = site_row("a", "201", first["recorded_at"], cam_d=4.0, cam_w=2.0, lot="L1",
                         operator="joao", rejections=[("Furo", "Cap"), ("Rachada", "Body")],
                         seq=10)
    voided = {**corrected, "version": 3, "status": "voided", "reason": "counted twice",
              "editor": "ana", "edited_at": "2026-03-02T15:00:00.000Z", "base_version": 2}
    put_site_rows(ctx, [{**corrected, "version": 2, "cam_d": 1.11, "rej2_defect": None,
                         "rej2_location": None, "reason": "measured again", "editor": "sup",
                         "edited_at": "2026-03-02T14:00:00.000Z", "base_version": 1}, voided])
    tab.refresh()
    _select(tab, "a")
    text = tab.history.toPlainText()
    assert "    CAM-D %: 1.00 → 1.11" in text and "    CAM-D %: 1.11 → 4.00" in text
    assert "    Rejections: — → Furo (Cap)" in text
    assert "    Rejections: Furo (Cap) → Furo (Cap), Rachada (Body)" in text
    assert "    Status: active → voided" in text
    # A version's reason is why it was written, not a value that changed from nothing.
    assert "    Reason: measured again" in text and "    Reason: counted twice" in text
    assert "Reason: —" not in text
    for internal in ("cam_d", "rej1_defect", "status:", "'", "None"):
        assert internal not in text
    app = QApplication.instance()
    try:
        install_translators(app, "pt_BR", qm_dir)
        tab.table.clearSelection()
        _select(tab, "b")
        _select(tab, "a")
        assert "1,00 → 1,11" in tab.history.toPlainText()
    finally:
        install_translators(app, "en", qm_dir)


def test_export_is_written_and_audited(production, tmp_path, ctx):
    tab, _total = production
    out = tmp_path / "site.csv"
    tab.export("csv", str(out))
    wait_for(lambda: getattr(tab, "last_export", None))
    assert tab.last_export == (str(out), tab.model.rowCount())
    from data import audit_repo

    with ctx.database.read() as c:
        assert audit_repo.list_events(c, action="records.export")


# Four boxes that differ in lot, operator and time (São Paulo local time = UTC - 3).
DIFFERING = [("a", "L1", "joao", "2026-03-02T12:00:00.000Z"),   # 09:00 local
             ("b", "L1", "maria", "2026-03-02T12:05:00.000Z"),  # 09:05
             ("c", "L2", "joao", "2026-03-02T12:10:00.000Z"),   # 09:10
             ("d", "L2", "maria", "2026-03-02T13:00:00.000Z")]  # 10:00


@pytest.fixture
def small_site(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner
    from tests.gui.test_admin_dashboard import put_site_rows, site_row

    make_application([])
    put_site_rows(ctx, [site_row(record_id, "201", at, cam_d=1.0 + seq, cam_w=2.0, lot=lot,
                                 operator=operator, box=seq + 1, seq=seq + 1)
                        for seq, (record_id, lot, operator, at) in enumerate(DIFFERING)])
    runner = TaskRunner()
    tab = wiring.production_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
    qtbot.addWidget(tab)
    tab.set_range(datetime(2026, 3, 1, tzinfo=timezone.utc), datetime(2026, 3, 3, tzinfo=timezone.utc))
    tab.refresh()
    yield tab
    runner.shutdown()


def _shown(tab) -> set[str]:
    return {row["record_id"] for row in rows_of(tab)}


def test_lot_operator_and_time_filters_narrow_the_rows(small_site):
    tab = small_site
    assert _shown(tab) == {"a", "b", "c", "d"}
    tab.lot.setText("L1")
    tab.refresh()
    assert _shown(tab) == {"a", "b"}
    tab.lot.clear()
    tab.operator.setText(" joao ")  # stray spaces typed around the name do not matter
    tab.refresh()
    assert _shown(tab) == {"a", "c"}
    tab.lot.setText("L2")
    tab.refresh()
    assert _shown(tab) == {"c"}
    tab.lot.clear()
    tab.operator.clear()
    # From 09:05 (included) to 10:00 (excluded), local time.
    tab.set_range(datetime(2026, 3, 2, 12, 5, tzinfo=timezone.utc),
                  datetime(2026, 3, 2, 13, 0, tzinfo=timezone.utc))
    tab.refresh()
    assert _shown(tab) == {"b", "c"}
    assert tab.range.start.text().endswith("09:05") and tab.range.end.text().endswith("10:00")
    assert tab.count.text() == "2 records"


def test_excel_export_from_the_tab_holds_the_filtered_rows(small_site, tmp_path):
    from openpyxl import load_workbook

    from data.exports import BOX, CAM_D, EXPORT_COLUMNS, LOT, OPERATOR, RECORD_ID

    tab = small_site
    tab.operator.setText("maria")
    tab.refresh()
    out = tmp_path / "maria.xlsx"
    tab.export("xlsx", str(out))
    wait_for(lambda: getattr(tab, "last_export", None))
    assert tab.last_export == (str(out), 2)
    sheet = load_workbook(out, read_only=True).active
    header, *rows = [list(values) for values in sheet.iter_rows(values_only=True)]
    assert tuple(header) == EXPORT_COLUMNS
    got = [dict(zip(header, values)) for values in rows]
    assert sorted((r[RECORD_ID], r[LOT], r[OPERATOR], r[BOX], r[CAM_D]) for r in got) == [
        ("b", "L1", "maria", 2, 2.0), ("d", "L2", "maria", 4, 4.0)]
    assert {r[RECORD_ID] for r in got} == _shown(tab)


def test_analyst_may_view_but_operator_not(qtbot, ctx):
    from gui.admin import wiring
    from gui.tasks import TaskRunner
    from utils.permissions import PermissionDenied

    operator = ctx.auth.login("op", "Otter-Own-Pass-1").session
    with pytest.raises(PermissionDenied):
        wiring.production_tab(ctx, operator, TaskRunner())


# -- changing records from the panel ------------------------------------------------------------

def _select(tab, record_id):
    row = next(i for i in range(tab.model.rowCount())
               if tab.model.row_data(i)["record_id"] == record_id)
    tab.table.selectRow(row)
    return tab.model.row_data(row)


def _other_station_row(tab):
    return next(r for r in rows_of(tab) if r["station_id"] != "206" and r["status"] == "active"
                and r["cam_d"] is not None)


def _versions(ctx, record_id):
    from utils import dashboard_figures

    return [v["version"] for v in dashboard_figures.record_history(ctx.site_view, record_id)]


def test_signed_correction_of_another_stations_record(production, ctx):
    tab, _total = production
    target = _other_station_row(tab)
    _select(tab, target["record_id"])
    tab.correct_button.click()
    dialog = tab.dialog
    assert dialog.objectName() == "recordDialog" and dialog.lot.text() == target["lot"]
    assert "Ana Admin" in dialog.signature.text() and "correction" in dialog.signature.text()
    dialog.entry.cam_d.setText("0,5")
    dialog.reason.setText("re-measured on the bench")
    dialog.password.setText("not my password")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "Wrong password" in dialog.error.text() and dialog.isVisible()
    assert _versions(ctx, target["record_id"]) == [target["version"]]
    dialog.password.setText(ADMIN_PW)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    row = _select(tab, target["record_id"])
    assert row["cam_d"] == 0.5 and row["version"] == target["version"] + 1
    assert row["editor"] == "ana" and row["operator"] == target["operator"]
    assert "Saved version" in tab.status.text()
    assert "re-measured on the bench" in tab.history.toPlainText()
    assert _last_signature(ctx, "record.edit") == {
        "meaning": "correction", "signed_by": "ana", "full_name": "Ana Admin",
        "signed_at": "2026-11-22T12:00:00.000Z"}


def test_correction_errors_are_shown_and_nothing_is_saved(production, ctx):
    tab, _total = production
    target = _other_station_row(tab)
    _select(tab, target["record_id"])
    tab.correct_button.click()
    dialog = tab.dialog
    dialog.entry.cam_d.setText("150")
    dialog.reason.setText("short")
    dialog.password.setText(ADMIN_PW)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.text()
    dialog.reason.setText("a reason long enough")
    dialog.password.setText(ADMIN_PW)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.entry.errors["cam_d"].text()
    assert _versions(ctx, target["record_id"]) == [target["version"]]
    dialog.reject()


def test_signed_void_keeps_the_record_in_the_history(production, ctx):
    tab, _total = production
    target = _other_station_row(tab)
    _select(tab, target["record_id"])
    tab.void_button.click()
    dialog = tab.dialog
    assert dialog.objectName() == "voidDialog"
    dialog.reason.setText("box counted twice on the paper log")
    dialog.password.setText(ADMIN_PW)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert _select(tab, target["record_id"])["status"] == "voided"
    assert _last_signature(ctx, "record.void")["meaning"] == "void"
    shown = tab.dialog
    tab.void_button.click()
    assert "already voided" in tab.status.text()
    tab.correct_button.click()  # nor corrected: no dialog opens for a voided record
    assert "voided and cannot be changed" in tab.status.text() and tab.dialog is shown


def _last_signature(ctx, action):
    import json

    from data import audit_repo

    with ctx.database.read() as c:
        events = audit_repo.list_events(c, action=action)
        assert not [e for e in audit_repo.list_events(c) if ADMIN_PW in e["body"]]
    return json.loads(events[-1]["body"])["after"]["signature"]


def test_void_with_a_wrong_password_saves_nothing(production, ctx):
    tab, _total = production
    target = _other_station_row(tab)
    _select(tab, target["record_id"])
    tab.void_button.click()
    dialog = tab.dialog
    dialog.reason.setText("box counted twice on the paper log")
    dialog.password.setText("not my password")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and "Wrong password (or the account is locked): nothing was saved" in dialog.error.text()
    assert dialog.password.text() == ""
    assert _versions(ctx, target["record_id"]) == [target["version"]]
    assert _select(tab, target["record_id"])["status"] == "active"
    dialog.reject()


def test_the_signature_shows_who_and_when_it_is_made(production, ctx, clock):
    tab, _total = production
    _select(tab, _other_station_row(tab)["record_id"])
    tab.void_button.click()
    dialog = tab.dialog
    # 12:00 UTC is 09:00 in São Paulo, the site's time zone.
    assert dialog.signature.text() == ('Signing as Ana Admin (ana) at 2026-11-22 09:00: '
                                       'this means "void".')
    clock.advance(minutes=7)  # the person reads, thinks, types: the time shown follows
    wait_for(lambda: "09:07" in dialog.signature.text())
    clock.advance(minutes=5)
    dialog.reason.setText("box counted twice on the paper log")
    dialog.password.setText(ADMIN_PW)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible() and "09:12" in dialog.signature.text()
    assert _last_signature(ctx, "record.void")["signed_at"] == "2026-11-22T12:12:00.000Z"
    assert not dialog.signature_timer.isActive()


def test_manual_record_on_behalf_of_a_station(production, ctx, clock):
    tab, total = production
    tab.manual_button.click()
    dialog = tab.dialog
    dialog.station.setCurrentIndex(dialog.station.findData("203"))
    assert dialog.entry.size.currentText() == "#0"  # the machine's size
    dialog.lot.setText("L-MAN-1")
    dialog.box.setText("4")
    dialog.entry.cam_d.setText("2,5")
    dialog.entry.cam_w.setText("1,5")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.text()  # the reason is mandatory
    dialog.reason.setText("collector of 203 was down")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert tab.model.rowCount() == total + 1
    row = next(r for r in rows_of(tab) if r["lot"] == "L-MAN-1")
    assert (row["station_id"], row["box"], row["origin"], row["operator"]) == ("203", 4, "manual", "ana")


def test_roles_without_the_right_do_not_get_the_buttons(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    from config.constants import Role

    make_application([])
    admin = ctx.auth.login("ana", ADMIN_PW).session
    ctx.auth.create_user(admin, "ana2", "Ana Analyst", Role.ANALYST, "Initial-Pass-an",
                         "quality analyst, reports only")
    ctx.auth.change_password("ana2", "Initial-Pass-an", "Birch-Own-Pass-1")
    runner = TaskRunner()
    tab = wiring.production_tab(ctx, ctx.auth.login("ana2", "Birch-Own-Pass-1").session, runner)
    qtbot.addWidget(tab)
    assert tab.manual_button.isHidden() and tab.correct_button.isHidden() and tab.void_button.isHidden()
    runner.shutdown()


# -- the date-and-time filter -------------------------------------------------------------------

@pytest.fixture
def minute_edit(qtbot):
    from PySide6.QtWidgets import QDateTimeEdit

    from gui.admin.time_range import five_minute_edit
    from gui.app import make_application

    make_application([])

    def make(hour: int, minute: int) -> QDateTimeEdit:
        # 12:05 UTC is 09:05 in São Paulo (UTC-3, no daylight saving since 2019).
        edit = five_minute_edit("America/Sao_Paulo",
                                datetime(2026, 3, 2, hour + 3, minute, tzinfo=timezone.utc))
        qtbot.addWidget(edit)
        edit.setCurrentSection(QDateTimeEdit.Section.MinuteSection)
        return edit

    return make


def test_minutes_step_by_five_and_cross_the_hour(minute_edit):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    edit = minute_edit(9, 5)
    assert edit.text() == "2026-03-02 09:05"
    QTest.keyClick(edit, Qt.Key.Key_Up)
    assert edit.text() == "2026-03-02 09:10"
    QTest.keyClick(edit, Qt.Key.Key_Down)
    QTest.keyClick(edit, Qt.Key.Key_Down)
    assert edit.text() == "2026-03-02 09:00"
    late = minute_edit(9, 55)
    QTest.keyClick(late, Qt.Key.Key_Up)
    assert late.text() == "2026-03-02 10:00"
    QTest.keyClick(late, Qt.Key.Key_Down)
    assert late.text() == "2026-03-02 09:55"


def test_a_typed_minute_is_put_on_the_five_minute_grid(minute_edit):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QDateTimeEdit

    from gui.admin.time_range import moment_of

    edit = minute_edit(9, 5)
    edit.setSelectedSection(QDateTimeEdit.Section.MinuteSection)
    QTest.keyClicks(edit, "07")
    assert edit.text() == "2026-03-02 09:07"
    # Read before editing ends (Enter in a filter), the moment is already on the grid.
    assert moment_of(edit) == datetime(2026, 3, 2, 12, 5, tzinfo=timezone.utc)
    QTest.keyClick(edit, Qt.Key.Key_Return)  # editing ends: the field shows what is used
    assert edit.text() == "2026-03-02 09:05"
