"""Every time on screen in the site's zone: the header clock and the shift table agree on a PC
whose own zone differs (labelled then, not otherwise); the wizard proposes this PC's zone for a
new site; an admin sees and changes the zone in Settings."""

from __future__ import annotations

import pytest

from tests.gui.conftest import ADMIN_PW, wait_for
from tests.gui.test_station_window import OP_PW, fill, login, set_lot


def shift_table_time(window) -> str:
    model = window.model
    return model.data(model.index(0, model.COLUMNS.index("time")))


def test_header_and_shift_table_agree_on_a_utc_pc(qtbot, station, monkeypatch):
    monkeypatch.setenv("TZ", "Etc/UTC")  # the PC's own zone; the site's is America/Sao_Paulo
    login(qtbot, station, "op", OP_PW)
    set_lot(station)
    fill(station.window.form)
    station.window.form.submit()
    station.window.header._tick()
    assert shift_table_time(station.window) == "09:00:00"  # 12:00 UTC in Sao Paulo
    assert station.window.header.clock.text() == "09:00:00 (UTC-03)"


def test_no_label_when_the_pc_shows_the_site_time(qtbot, station, monkeypatch):
    monkeypatch.setenv("TZ", "America/Sao_Paulo")
    station.window.header._tick()
    assert station.window.header.clock.text() == "09:00:00"


def test_a_locked_account_says_until_when_in_site_time(qtbot, station, monkeypatch):
    monkeypatch.setenv("TZ", "Etc/UTC")
    page = station.window.login_page
    for attempt in range(3):
        page.reset()
        login(qtbot, station, "op", f"wrong-{attempt}-pass")
    # Locked for 15 minutes from 09:00 site time.
    assert "locked until 09:15 (UTC-03)" in page.error.text()


@pytest.fixture
def catalog_tab(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    tab = wiring.catalog_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    qtbot.addWidget(tab)
    yield tab
    tab.runner.shutdown()


def test_the_catalog_shows_and_changes_the_zone(catalog_tab, ctx):
    assert catalog_tab.zone.zone() == "America/Sao_Paulo"
    catalog_tab.zone.set_zone("Mars/Base")
    catalog_tab.reason.setText("the plant is in Manaus, not Sao Paulo")
    catalog_tab.publish()
    assert "Site time zone" in catalog_tab.error.text() and ctx.catalog.version == 0
    catalog_tab.zone.set_zone("America/Manaus")
    catalog_tab.reason.setText("the plant is in Manaus, not Sao Paulo")
    catalog_tab.publish()
    wait_for(lambda: ctx.catalog.version == 1)
    assert ctx.timezone == "America/Manaus" and ctx.production.timezone == "America/Manaus"
    wait_for(lambda: "published by ana" in catalog_tab.status.text())
    # 12:00 UTC is 08:00 in Manaus; the zone is named, as the zone itself just changed.
    assert "2026-11-22 08:00 (UTC-04)" in catalog_tab.status.text()


def test_the_wizard_proposes_this_pcs_zone(make_launcher, monkeypatch):
    from tests.gui.test_wizard import fill_site, next_page, to_mode

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    wizard = make_launcher().wizard
    to_mode(wizard, "create")
    page = wizard.site_pages["create"]
    assert page.zone.zone() == "Asia/Tokyo"
    fill_site(wizard, "create", wizard.ctx.paths.data_dir / "share", make_folder=True)
    page.zone.set_zone("Tokyo")  # not a zone name: said next to the field
    next_page(wizard)
    assert wizard.current is page and "Choose a time zone" in page.zone_error.text()
    page.zone.set_zone("America/Recife")
    next_page(wizard)
    assert wizard.current is wizard.admin_page
    assert wizard.plan().timezone == "America/Recife"
