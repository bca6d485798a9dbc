"""Two PCs on one tmp_path share: an admin sends commands, a station runs them once."""

from __future__ import annotations

from config.constants import CommandType
from data import audit_repo
from utils.site.folder_transport import FolderTransport
from utils.site.fleet import FleetMonitor

from tests.utils.site.sitekit import ADMIN_PW, command_actions, start_sync, wait_until




def test_ping_round_trip_once_with_audit_on_both_sides(site, tmp_path):
    station = site.station(tmp_path, "206")
    service = start_sync(station)
    try:
        fleet = FleetMonitor(site.admin, transport=FolderTransport(site.share))
        ana = site.admin.auth.login("ana", ADMIN_PW).session
        sent = fleet.send(ana, CommandType.PING, ["206"])
        finished = wait_until(fleet.track)
        assert finished[0]["state"] == "done" and finished[0]["result"]["station"] == "206"
        command_id = sent[0]["id"]
        # The station writes the ack before it commits the outcome's audit event.
        wait_until(lambda: "command.done" in command_actions(station, command_id))
        with station.database.read() as c:
            station_events = [e for e in audit_repo.list_events(c) if e["command_id"] == command_id]
        with site.admin.database.read() as c:
            admin_events = [e for e in audit_repo.list_events(c) if e["command_id"] == command_id]
        assert [e["action"] for e in station_events] == ["command.received", "command.done"]
        assert [e["action"] for e in admin_events] == ["command.send", "command.ack.done"]
        views = {v.station_id: v for v in fleet.poll()}
        assert views["206"].liveness == "online"
    finally:
        service.stop()
        station.close()


def test_prometheus_endpoint_serves_station_metrics_on_localhost(site, tmp_path):
    import urllib.request

    from utils.site.metrics_endpoint import start_metrics_endpoint

    station = site.station(tmp_path, "206")
    service = start_sync(station, watch=False)
    endpoint = start_metrics_endpoint(service, 0)
    try:
        host, port = endpoint.server.server_address[:2]
        assert host == "127.0.0.1"
        wait_until(lambda: service.counters["heartbeats"] > 0)
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
        assert 'shopfloor_share_online{station="206"} 1.0' in text
        assert "shopfloor_sync_heartbeats_total" in text and "shopfloor_cpu_percent" in text
    finally:
        endpoint.shutdown()
        service.stop()
        station.close()
