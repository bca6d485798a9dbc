"""Catalog tab: the site catalog edited, checked with the problems shown where they are, and
published (signed, audited) by an admin; stations in the site take it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QTableWidgetItem

from data import audit_repo
from utils.site_catalog import catalog_to_dict

from tests.gui.conftest import ADMIN_PW, wait_for


@pytest.fixture
def make_tab(qtbot):
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    made = []

    def make(ctx, session):
        tab = wiring.catalog_tab(ctx, session)
        qtbot.addWidget(tab)
        made.append(tab)
        return tab

    yield make
    for tab in made:
        assert tab.runner.shutdown(10)


def publish_and_wait(tab):
    """Publish and wait for the tab's `published` signal. The publish runs on a worker thread
    that posts its result to the GUI thread: wait_for pumps events with a bound instead of
    qtbot.waitSignal, whose wait could keep that thread from running on a loaded machine."""
    got = []
    tab.published.connect(got.append)
    tab.publish()
    return wait_for(lambda: got, timeout=60)[0]


def publish_actions(ctx):
    with ctx.database.read() as c:
        return [e for e in audit_repo.list_events(c) if e["action"] == "catalog.publish"]


def test_the_tab_shows_the_catalog_in_force(make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    assert tab.machines.rowCount() == len(ctx.catalog.machines)
    assert tab.machines.item(0, 0).text() == "201" and tab.machines.item(0, 2).text() == "76"  # mg
    assert "Furo" in tab.defects.toPlainText().splitlines()
    assert "N/A" not in tab.locations.toPlainText()
    assert tab.bands["target"].value() == 3.0 and tab.thresholds["disk"][0].value() == 85
    assert tab.intervals["status_interval_ms"].text() == "each PC's own"
    assert "built-in catalog" in tab.status.text()
    # Nothing edited: the same document, with the zone in force named (the built-in catalog
    # names none; a publish keeps the one the site uses).
    assert {**catalog_to_dict(ctx.catalog), "timezone": ctx.timezone} == tab.values()


def test_an_admin_publishes_and_it_applies_at_once(qtbot, make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    tab.machines.add_machine()
    row = tab.machines.rowCount() - 1
    for column, text in enumerate(("215", "#5", "30")):  # 30 mg
        tab.machines.setItem(row, column, QTableWidgetItem(text))
    tab.defects.setPlainText(tab.defects.toPlainText() + "\nBolha\n\n")
    tab.bands["target"].setValue(2.5)
    tab.thresholds["cpu"][0].setValue(70)
    tab.intervals["status_interval_ms"].setValue(700)
    tab.reason.setText("new machine 215 and the bubble defect")
    catalog = publish_and_wait(tab)
    assert catalog.version == 1 and ctx.catalog is catalog
    assert catalog.machine("215").unit_weight_kg == pytest.approx(0.00003)
    assert catalog.defects[-2:] == ("Bolha", "N/A") and catalog.bands.target == 2.5
    assert catalog.thresholds["cpu"].warning == 70 and catalog.status_interval_ms == 700
    assert ctx.production.catalog is catalog  # the form's validation follows at once
    [event] = publish_actions(ctx)
    body = json.loads(event["body"])
    assert event["username"] == "ana"
    assert body["reason"] == "new machine 215 and the bubble defect"
    assert "version 1, published by ana" in tab.status.text()
    assert tab.reason.text() == "" and tab.error.text() == ""


def test_problems_are_shown_where_they_are_and_nothing_is_published(make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    tab.machines.item(1, 0).setText("201")            # the same station twice
    tab.machines.item(2, 2).setText("heavy")           # not a number
    tab.defects.setPlainText("Furo\n\nfuro")           # the same defect twice (case-blind)
    tab.bands["good"].setValue(1.0)                     # below "excellent"
    tab.thresholds["memory"][0].setValue(96)            # warning above critical
    tab.reason.setText("short")
    tab.publish()
    text = tab.error.text()
    assert text.startswith("Nothing was published")
    assert "Machine table, row 2: Appears twice" in text
    assert "Machine table, row 3: Type a number" in text
    assert "Defects, line 3: Appears twice" in text
    assert "The bands must rise" in text and "Critical must be above warning" in text
    assert "Reason: Too short" in text
    assert tab.machines.item(1, 0).toolTip() == "Appears twice; keep one."
    for widget in (tab.machines, tab.defects, tab.bands["good"], tab.thresholds["memory"][1],
                   tab.reason):
        assert widget.property("invalid") is True
    assert ctx.catalog.version == 0 and publish_actions(ctx) == []
    tab.load()  # "Undo my edits": back to the catalog in force, marks gone
    assert tab.error.text() == "" and tab.reason.property("invalid") is False
    assert tab.machines.item(1, 0).text() == "202"


def test_a_supervisor_gets_no_catalog_tab_and_the_service_refuses(make_tab, ctx):
    from gui.admin.window import AdminWindow

    session = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    window = AdminWindow(ctx, session)
    try:
        assert getattr(window, "catalog_tab", None) is None
    finally:
        window.shutdown()
        window.deleteLater()
    tab = make_tab(ctx, session)  # even if the view were reached, the service says no
    tab.reason.setText("trying without the right role")
    tab.publish()
    wait_for(lambda: "Only an admin" in tab.error.text())
    assert ctx.catalog.version == 0 and publish_actions(ctx) == []


def test_published_in_a_site_reaches_a_station(tmp_path, make_tab, monkeypatch):
    from tests.utils.site.sitekit import make_site, use_fast_kdf

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    station = site.station(tmp_path, "206")
    try:
        tab = make_tab(site.admin, site.admin.auth.login("ana", ADMIN_PW).session)
        tab.locations.setPlainText("Cap\nBody\nCap/Body\nRim")
        tab.reason.setText("rim defects are tracked from today")
        tab.publish()
        wait_for(lambda: "Stations take it within a few seconds" in tab.status.text())
        assert site.admin.catalog.version == 1
        station.directory.refresh()
        assert station.site_catalog.refresh() is not None
        assert station.catalog.locations == ("Cap", "Body", "Cap/Body", "Rim", "N/A")
    finally:
        station.close()
        site.admin.close()


def test_measurement_ranges_and_rejections_per_box_are_published(qtbot, make_tab, ctx):
    from models.validation import ValidationFailed, validate_record_input

    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    assert ctx.catalog.max_rejections == 3
    tab.ranges["cam_d"][0].setValue(0.5)
    tab.ranges["cam_d"][1].setValue(40.0)
    tab.ranges["cam_w"][0].setValue(1.0)
    tab.ranges["cam_w"][1].setValue(35.0)
    tab.max_rejections.setValue(2)
    tab.reason.setText("measuring gauges replaced: tighter ranges")
    publish_and_wait(tab)
    in_force = ctx.catalog
    assert in_force.version == 1 and ctx.production.catalog is in_force
    assert (in_force.measurement("cam_d").minimum, in_force.measurement("cam_d").maximum) == (0.5, 40.0)
    assert (in_force.measurement("cam_w").minimum, in_force.measurement("cam_w").maximum) == (1.0, 35.0)
    assert in_force.max_rejections == 2
    # The tab now shows the catalog in force.
    assert tab.ranges["cam_d"][1].value() == 40.0 and tab.max_rejections.value() == 2
    # A box measured above the new maximum is refused by the form's validation.
    with pytest.raises(ValidationFailed) as refused:
        validate_record_input({"lot": "L1", "box": 1, "size": "#0", "cam_d": 45.0,
                               "cam_w": 3.0}, in_force)
    assert [(e.field, e.code) for e in refused.value.errors] == [("cam_d", "out_of_range")]
    [event] = publish_actions(ctx)
    body = json.loads(event["body"])
    assert body["reason"] == "measuring gauges replaced: tighter ranges"
    assert body["before"]["max_rejections"] == 3 and body["after"]["max_rejections"] == 2
    assert [(m["key"], m["minimum"], m["maximum"]) for m in body["after"]["measurements"]] == [
        ("cam_d", 0.5, 40.0), ("cam_w", 1.0, 35.0)]
    assert [(m["minimum"], m["maximum"]) for m in body["before"]["measurements"]] == [
        (0.0, 100.0), (0.0, 100.0)]


def test_spc_specification_limits_are_edited_checked_and_published(make_tab, ctx):
    from PySide6.QtWidgets import QTableWidgetItem as Item

    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    assert tab.spc.table.rowCount() == 0 and tab.spc.min_capability.value() == 30
    row = tab.spc.add_row()
    tab.spc.table.setItem(row, 0, Item("#00"))
    tab.spc.table.setItem(row, 2, Item("2,5"))  # lower above upper: refused, shown at the table
    tab.spc.table.setItem(row, 3, Item("1,0"))
    tab.reason.setText("spec limits from the customer")
    tab.publish()
    assert "SPC specification limits" in tab.error.text()
    assert tab.spc.table in tab.invalid and ctx.catalog.version == 0
    tab.spc.table.setItem(row, 2, Item("0,5"))
    tab.spc.table.setItem(row, 3, Item("2,5"))
    tab.spc.table.cellWidget(row, 1).setCurrentIndex(1)  # CAM-W
    tab.spc.min_capability.setValue(50)
    catalog = publish_and_wait(tab)
    spec = catalog.spc.spec("#00", "cam_w")
    assert (spec.lower, spec.upper, catalog.spc.min_capability_points) == (0.5, 2.5, 50)
    tab.load()
    assert tab.spc.table.item(0, 2).text() == "0.5" and tab.spc.table.item(0, 0).text() == "#00"


def test_handover_offer_times_are_edited_published_and_followed(make_tab, ctx):
    from datetime import datetime, timezone

    from config.handover import HandoverSettings
    from models.shifts import shift_of
    from models.validation import FieldError

    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    assert (tab.handover.before_end.value(), tab.handover.after_end.value()) == (30, 120)
    assert (tab.handover.before_end.maximum(), tab.handover.after_end.maximum()) == (240, 480)
    # A refusal of the service is shown at its field, on the handover page.
    tab.show_errors([FieldError("handover.offer_after_end_minutes", "out_of_range",
                                "out of range", {"min": 0, "max": 480})])
    assert tab.handover.after_end in tab.invalid
    assert tab.sections.currentWidget().isAncestorOf(tab.handover.after_end)
    assert "Shift handover" in tab.error.text()
    tab.handover.before_end.setValue(60)
    tab.handover.after_end.setValue(15)
    tab.reason.setText("night shift signs before the last cleaning")
    catalog = publish_and_wait(tab)
    assert catalog.handover == ctx.catalog.handover == HandoverSettings(60, 15)
    # The station follows it: 59 min before shift 1's end (14:00 local) it is offered.
    ctx.clock._now = datetime(2026, 11, 22, 16, 1, tzinfo=timezone.utc)
    shift = shift_of(ctx.clock.now(), ctx.timezone)
    assert ctx.handover.offer_due() == shift
    ctx.clock._now = datetime(2026, 11, 22, 17, 16, tzinfo=timezone.utc)  # 16 min after
    assert ctx.handover.offer_due() is None
    tab.load()
    assert (tab.handover.before_end.value(), tab.handover.after_end.value()) == (60, 15)


# "Publish" with nothing changed says so and publishes nothing (it said "In force: site catalog
# version 2 ... Stations take it within a few seconds" for a catalog equal to version 1); the
# rejections-per-box box shows its limits (a 4 was kept at 3 without a word).

def publish_events(ctx) -> list:
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, action="catalog.publish")


def test_publishing_with_nothing_changed_says_so_and_publishes_nothing(make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    tab.max_rejections.setValue(2)
    tab.reason.setText("two rejections per box from today")
    tab.publish()
    wait_for(lambda: ctx.catalog.version == 1 and tab.publish_button.isEnabled(), timeout=60)
    tab.reason.setText("publishing again without an edit")
    tab.publish()
    wait_for(lambda: tab.error.text() and tab.publish_button.isEnabled(), timeout=60)
    assert tab.error.text() == ("Nothing changed: the catalog in force is already version 1, "
                                "so nothing was published. Change a value first.")
    assert "version 1, published by ana" in tab.status.text()
    assert "Stations take it" not in tab.status.text()
    assert ctx.catalog.version == 1 and len(publish_events(ctx)) == 1
    assert tab.reason.text() == "publishing again without an edit"  # kept for the real edit


def test_the_rejections_per_box_show_their_limits(make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    assert (tab.max_rejections.minimum(), tab.max_rejections.maximum()) == (1, 3)
    assert tab.rejections_range.text() == "1 to 3"
    assert tab.max_rejections.toolTip() == "1 to 3"
    tab.show()
    assert tab.rejections_range.isVisibleTo(tab)
