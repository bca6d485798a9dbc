"""The fleet monitor remembers why its last poll could not read the transport (the share
renamed away), keeps the views it had, and forgets the error once a poll reads it again."""

from __future__ import annotations

import os

from utils.site.fleet import FleetMonitor


def test_the_last_poll_names_a_transport_that_is_away(site, tmp_path):
    fleet = FleetMonitor(site.admin, transport=site.admin.transport)
    before = [view.station_id for view in fleet.poll()]
    assert fleet.poll_error is None

    away = tmp_path / "share-away"
    os.rename(site.share, away)
    try:
        during = [view.station_id for view in fleet.poll()]
        assert isinstance(fleet.poll_error, OSError)
        assert during == before  # the views kept what they had
    finally:
        os.rename(away, site.share)
    fleet.poll()
    assert fleet.poll_error is None
