"""A fork of the site directory at the admin PC's newest entry (a PC joined while a share
writer had deleted that entry, and wrote its certificate at the freed number) is an alarm in
the admin panel's fleet, on the station whose certificate forked: before, a log line only.
A real site on a tmp_path share, the admin's panel (gui/admin/window.py wires the directory's
forks into the fleet's anomaly sources)."""

from __future__ import annotations

from tests.gui.conftest import open_admin_window, wait_for
from tests.utils.site.sitekit import make_site, use_fast_kdf
from utils.site.layout import SiteLayout


def test_a_forked_directory_is_an_alarm_of_the_forking_station(qtbot, tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        newest = site.admin.trust.state.head_seq
        SiteLayout(site.share).directory_entry(newest).unlink()  # before any PC wrote it back
        site.station(tmp_path, "207").close()  # its certificate at the freed number
        window = open_admin_window(qtbot, site)
        try:
            assert site.admin.trust.directory.refresh().fork is not None  # the admin's sync
            texts = lambda: [window.fleet_tab.alarms.item(row).text()  # noqa: E731
                             for row in range(window.fleet_tab.alarms.count())]
            wait_for(lambda: any(text.startswith("Station 207:") for text in texts()))
            assert any("files refused on the share" in text for text in texts())
        finally:
            window.close()
    finally:
        site.admin.close()
