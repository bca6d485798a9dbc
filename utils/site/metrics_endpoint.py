"""Prometheus endpoint for a station (off by default; 127.0.0.1 only).

Values are read from the sync service when Prometheus scrapes, so nothing runs in between.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

if TYPE_CHECKING:
    from utils.site.station_sync import SyncService


class _StationCollector:
    def __init__(self, service: "SyncService"):
        self.service = service

    def collect(self):
        service = self.service
        labels = [service.link.station_id]
        metrics = service.metrics.sample()
        for name in ("cpu", "memory", "disk"):
            gauge = GaugeMetricFamily(f"shopfloor_{name}_percent", f"Station {name} use (%)",
                                      labels=["station"])
            value = metrics[name]["value"]
            if value is not None:
                gauge.add_metric(labels, value)
            yield gauge
        online = GaugeMetricFamily("shopfloor_share_online", "1 when the shared folder is reachable",
                                   labels=["station"])
        online.add_metric(labels, 1.0 if service.share_state().online else 0.0)
        yield online
        for name, value in service.counters.items():
            counter = CounterMetricFamily(f"shopfloor_sync_{name}", f"Sync {name} since start",
                                          labels=["station"])
            counter.add_metric(labels, value)
            yield counter
        for name, value in service.restarts.items():
            counter = CounterMetricFamily(f"shopfloor_{name}_restarts",
                                          f"Restarts of the {name} thread", labels=["station"])
            counter.add_metric(labels, value)
            yield counter


class MetricsEndpoint:
    def __init__(self, server: Any, thread: Any):
        self.server = server
        self.thread = thread

    def shutdown(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def start_metrics_endpoint(service: "SyncService", port: int) -> MetricsEndpoint:
    """Serve on 127.0.0.1:`port` (0 picks a free port; see `server.server_address`)."""
    registry = CollectorRegistry()
    registry.register(_StationCollector(service))
    server, thread = start_http_server(port, addr="127.0.0.1", registry=registry)
    return MetricsEndpoint(server, thread)
