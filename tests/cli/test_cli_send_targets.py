"""`shopfloor send` to a station that is not of the site (a typo): refused before anything is
signed, written or audited, and no phantom station folder that every PC would list."""

from __future__ import annotations

from tests.cli.test_cli_site import PASSWORD


def test_a_station_that_is_not_of_the_site_is_refused_and_nothing_is_made(two_pcs, shopfloor):
    share, office, _station = two_pcs
    result = shopfloor(office, "send", "207", "ping", "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: 207: not a station of this site (its stations: "
                                     "206, office1); nothing was sent")
    assert not (share / "stations" / "207").exists()
    log = (office / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and " ERROR " not in log
