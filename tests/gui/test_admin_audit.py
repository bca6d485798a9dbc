"""Audit tab over a real site: another PC's station journal ingested into the site view next to
this PC's own chain; filters, the station list, pages read as the table scrolls, exports of the
whole filtered trail."""

from __future__ import annotations

import csv
import json
from datetime import timedelta

import pytest

from tests.gui.conftest import wait_for
from tests.utils.site.sitekit import ADMIN_PW, drop, issue, wait_ack


@pytest.fixture
def tab(qtbot, fleet_site):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    site_, _station, _service = fleet_site
    admin = site_.admin
    view = admin.site_view
    session = admin.auth.login("ana", ADMIN_PW).session
    runner = TaskRunner()
    widget = wiring.audit_tab(admin, session, runner, site_view=view)
    qtbot.addWidget(widget)
    now = admin.clock.now()
    widget.set_range(now - timedelta(days=1), now + timedelta(hours=1))
    yield widget
    runner.shutdown()


def _ingest_station(tab, fleet_site) -> None:
    """A command run at station 206 (events in its chain), then its journal read from the
    share into this PC's read-model."""
    from config.constants import CommandType
    from data import view_repo

    site_ = fleet_site[0]
    command = issue(site_, CommandType.PING, "206")
    drop(site_.share, "206", command)
    wait_ack(site_.share, "206", command["id"], timeout=20)

    def ingested() -> bool:
        tab.view.ingest()
        with tab.view.database.read() as connection:
            return bool(view_repo.count_events(connection, station="206"))

    wait_for(ingested, timeout=20)


def _rows(tab) -> list[dict]:
    return [tab.model.row_data(r) for r in range(tab.model.rowCount())]


def test_the_viewer_shows_every_station_and_filters_by_station_user_and_time(qtmodeltester, tab,
                                                                             fleet_site):
    _ingest_station(tab, fleet_site)
    # Stations that reached the read-model after the tab was made are offered when the list opens.
    assert tab.station.findData("206") == -1
    tab.station.showPopup()
    tab.station.hidePopup()
    assert tab.station.findData("206") > 0 and tab.station.findData("office1") > 0
    assert tab.station.currentData() is None  # the choice ("all") was kept

    tab.refresh()
    qtmodeltester.check(tab.model)
    everything = _rows(tab)
    assert {"206", "office1"} <= {row["station"] for row in everything}

    tab.station.setCurrentIndex(tab.station.findData("206"))
    tab.refresh()
    assert _rows(tab) and {row["station"] for row in _rows(tab)} == {"206"}
    # Reopening the list keeps the station chosen.
    tab.station.showPopup()
    tab.station.hidePopup()
    assert tab.station.currentData() == "206"

    tab.station.setCurrentIndex(0)
    tab.user.setText("ana")
    tab.refresh()
    assert _rows(tab) and {row["username"] for row in _rows(tab)} == {"ana"}
    assert len(_rows(tab)) < len(everything)

    tab.user.clear()
    now = tab.site.clock.now()
    tab.set_range(now + timedelta(hours=1), now + timedelta(hours=2))  # nothing happened yet
    tab.refresh()
    assert tab.model.rowCount() == 0
    tab.set_range(now - timedelta(hours=1), now + timedelta(minutes=10))
    tab.refresh()
    assert tab.model.rowCount() == len(everything)


def test_a_fixed_range_shows_events_that_arrive_late_inside_it(tab, fleet_site):
    """Events carry their station's own time: a station that syncs late brings events inside
    a fixed range; they are shown as they arrive, as in a live range (no Apply)."""
    tab.refresh()
    assert tab.range.fixed_until() is not None and tab._shown
    before = {row["station"] for row in _rows(tab)}
    assert "206" not in before
    _ingest_station(tab, fleet_site)  # station 206's command, read from the share now
    tab.view_changed(None)  # what the panel's bridge delivers on arrival
    assert "206" in {row["station"] for row in _rows(tab)}
    assert "fixed range" in tab.currency.text()


def test_the_time_range_includes_its_start_and_excludes_its_end(fleet_site):
    from models.canonical import format_utc
    from utils.audit.trail import TrailFilter, trail_page

    site_, _station, _service = fleet_site
    admin = site_.admin
    session = admin.auth.login("ana", ADMIN_PW).session
    admin.site_view.ingest_local()
    rows = trail_page(admin.site_view, admin.changes, session, TrailFilter(), 1000)
    times = sorted({row["ts"] for row in rows})
    assert len(times) >= 2
    middle = times[len(times) // 2]
    after = trail_page(admin.site_view, admin.changes, session, TrailFilter(start=middle), 1000)
    before = trail_page(admin.site_view, admin.changes, session, TrailFilter(end=middle), 1000)
    assert min(row["ts"] for row in after) == middle
    assert max(row["ts"] for row in before) < middle
    # Every event is on exactly one side.
    assert len(after) + len(before) == len(trail_page(
        admin.site_view, admin.changes, session, TrailFilter(end=format_utc(
            admin.clock.now() + timedelta(hours=1))), 1000))


def test_exports_hold_every_filtered_event_not_only_the_page(monkeypatch, tab, fleet_site,
                                                              tmp_path):
    from gui.admin import audit_model as audit_module

    _ingest_station(tab, fleet_site)
    monkeypatch.setattr(audit_module, "PAGE_ROWS", 2)  # pages smaller than the trail
    tab.refresh()
    total = tab.model.rowCount()
    assert total > 2
    shown = _rows(tab)  # read page by page
    assert len({(row["station"], row["seq"]) for row in shown}) == total
    assert [row["ts"] for row in shown] == sorted((row["ts"] for row in shown), reverse=True)

    task = tab.export_csv(str(tmp_path / "audit.csv"))
    wait_for(lambda: task.finished.is_set(), timeout=20)
    wait_for(lambda: tab.csv_button.isEnabled(), timeout=5)
    with open(tmp_path / "audit.csv", encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header, body = lines[0], lines[1:]
    assert header[:3] == ["Time (UTC)", "Local time", "Station"]
    assert len(body) > 2
    assert {"206", "office1"} <= {line[2] for line in body}
    assert [line[0] for line in body] == sorted(line[0] for line in body)  # oldest first
    assert f"Exported {len(body)} events" in tab.status.text()
    exported = [e for e in _audit_events(fleet_site) if e["action"] == "audit.export"]
    assert exported and exported[-1]["after"]["events"] == len(body)
    assert exported[-1]["after"]["format"] == "csv"

    task = tab.export_pdf(str(tmp_path / "audit.pdf"))
    wait_for(lambda: task.finished.is_set() and tab.pdf_button.isEnabled(), timeout=20)
    assert (tmp_path / "audit.pdf").read_bytes().startswith(b"%PDF")
    exported = [e for e in _audit_events(fleet_site) if e["action"] == "audit.export"]
    # The PDF holds the CSV's events plus the CSV export's own event.
    assert exported[-1]["after"] == {**exported[-1]["after"], "format": "pdf",
                                     "events": len(body) + 1}


def test_a_pdf_of_too_many_events_is_refused_with_the_way_out(monkeypatch, tab, tmp_path):
    from gui.admin import audit_report as audit_module

    monkeypatch.setattr(audit_module, "PDF_EVENT_LIMIT", 1)
    task = tab.export_pdf(str(tmp_path / "audit.pdf"))
    wait_for(lambda: task.finished.is_set() and tab.pdf_button.isEnabled(), timeout=20)
    assert not (tmp_path / "audit.pdf").exists()
    assert "More than 1 events" in tab.status.text() and "CSV" in tab.status.text()


def test_csv_export_neutralises_spreadsheet_formulas(tab, tmp_path):
    from config.constants import Role

    tab.auth.create_user(tab.session, "eve", "=HYPERLINK(\"http://x\")", Role.OPERATOR,
                             "Ember-Initial-Pass-1", "a name typed by anyone")
    tab.user.setText("ana")
    task = tab.export_csv(str(tmp_path / "audit.csv"))
    wait_for(lambda: task.finished.is_set(), timeout=20)
    text = (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    created = [row for row in rows[1:] if row[6] == "user.create" and "eve" in row[-1]]
    assert created and json.loads(created[0][-1])["after"]["full_name"].startswith("=")
    # The body cell starts with "{", so it is safe; a cell that starts with "=" gets a quote.
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_report_lists_each_events_reason_and_changes():
    from gui.admin.audit_report import event_details

    body = json.dumps({"reason": "box weighed again", "before": {"cam_d": 4.0, "lot": "L1"},
                       "after": {"cam_d": 1.5, "lot": "L1"}})
    assert event_details({"body": body, "command_id": "c-9"}) == (
        "box weighed again; cam_d: 4.0 → 1.5; command c-9")
    assert event_details({"body": body, "command_id": "c-9"}, "comando %1").endswith("comando c-9")
    assert event_details({"body": "not json"}) == "not json"


def test_verify_results_name_the_kind_in_the_persons_language(qtmodeltester, tmp_path):
    from PySide6.QtWidgets import QApplication

    from gui.admin.audit_model import VerifyResultsModel
    from gui.app import make_application
    from gui.i18n import compile_translations, install_translators
    from utils.audit.verify import TamperKind, VerifyResult

    model = VerifyResultsModel()
    model.set_rows([
        VerifyResult(station="206", ok=False, events_checked=12, first_bad_seq=7,
                     kind=TamperKind.MODIFIED, detail="hash mismatch"),
        VerifyResult(station="201", ok=True, events_checked=30),
    ])
    qtmodeltester.check(model)
    kind_column = model.COLUMNS.index("kind")
    assert model.data(model.index(0, kind_column)) == "modified"
    assert model.data(model.index(0, model.COLUMNS.index("result"))) == "TAMPERED"
    assert model.data(model.index(1, kind_column)) == ""

    make_application([])
    app = QApplication.instance()
    assert compile_translations(tmp_path / "qm")
    try:
        install_translators(app, "pt_BR", tmp_path / "qm")
        assert model.data(model.index(0, kind_column)) not in ("modified", "")
    finally:
        install_translators(app, "en", tmp_path / "qm")


def _audit_events(fleet_site) -> list[dict]:
    from data import audit_repo

    with fleet_site[0].admin.database.read() as connection:
        rows = audit_repo.list_events(connection, limit=100_000)
    return [{**row, **json.loads(row["body"])} for row in rows]


def test_the_report_says_its_range_in_the_sites_time(tab):
    from zoneinfo import ZoneInfo

    from gui.admin.audit_report import site_time

    zone = ZoneInfo("America/Sao_Paulo")
    assert site_time("2026-11-30T12:00:00.000Z", zone) == "2026-11-30 09:00"
    assert site_time(None, zone) == "—"


def test_closing_the_panel_during_an_export_reaches_no_widget(qtbot, tab, tmp_path):
    """The window's runner shuts down on close; a result still queued is dropped."""
    from PySide6.QtWidgets import QApplication

    task = tab.export_csv(str(tmp_path / "audit.csv"))
    task.thread.join(20)
    assert tab.runner.shutdown(5)
    status = tab.status.text()
    QApplication.processEvents()  # deliver what was queued
    assert tab.status.text() == status and not tab.csv_button.isEnabled()


def test_a_long_report_is_printed_page_by_page_with_the_header_on_each(tab, tmp_path):
    """Each page is its own small document (a single one held the window for seconds)."""
    import re

    from gui.admin.audit_report import print_pdf

    header = "<tr><th>Time</th><th>Details</th></tr>"
    rows = [f"<tr><td>2026-11-30 09:{i % 60:02d}</td><td>event {i}</td></tr>" for i in range(200)]
    out = tmp_path / "report.pdf"
    print_pdf("<h2>Audit trail</h2>", header, rows, out)
    pages = len(re.findall(rb"/Type /Page(?!s)", out.read_bytes()))
    assert 3 <= pages <= 10  # 200 short rows: several pages, none empty
    print_pdf("<h2>Audit trail</h2>", header, [], tmp_path / "empty.pdf")
    assert len(re.findall(rb"/Type /Page(?!s)", (tmp_path / "empty.pdf").read_bytes())) == 1
