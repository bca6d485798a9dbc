"""The fleet's journal alarm (FleetMonitor.anomaly_sources, the site view's `anomalies`)
follows what its sources say now: one that cleared (a journal read again, a change whose
record came) is no longer shown."""

from __future__ import annotations

from utils.site.fleet import FleetMonitor
from utils.site.folder_transport import FolderTransport


def test_a_journal_alarm_that_cleared_is_no_longer_shown(site):
    said = {"207": "1 change(s) of records whose first version no journal read so far holds"}
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    fleet.anomaly_sources.append(lambda: dict(said))
    views = {view.station_id: view for view in fleet.poll()}
    assert views["207"].journal_anomaly == said["207"]
    said.clear()
    views = {view.station_id: view for view in fleet.poll()}
    assert views["207"].journal_anomaly is None
