"""The fleet's journal alarms: a refusal of the site view (`anomaly_sources`: a forged seal, a
broken journal) stays shown while this program runs, even between the passes that find it
again; a condition (`condition_sources`: changes waiting for their record) shows only while
its source names it."""

from __future__ import annotations

from utils.site.fleet import FleetMonitor
from utils.site.folder_transport import FolderTransport


def test_a_refusal_stays_and_a_waiting_condition_clears(site):
    refused = {"205": "journal broken at event 9 (seal): forged"}
    waiting = {"207": "1 change(s) of records whose first version no journal read so far holds"}
    fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
    fleet.anomaly_sources.append(lambda: dict(refused))
    fleet.condition_sources.append(lambda: dict(waiting))
    views = {view.station_id: view for view in fleet.poll()}
    assert views["205"].journal_anomaly == refused["205"]
    assert views["207"].journal_waiting == waiting["207"]
    refused.clear()  # a follow pass that has not read 205's journal again yet
    waiting.clear()  # the record's version 1 was read
    views = {view.station_id: view for view in fleet.poll()}
    assert views["205"].journal_anomaly is not None
    assert views["207"].journal_waiting is None
