"""Station metrics for the heartbeat (psutil), each with a quality flag.

A metric that cannot be read is reported as `unavailable` rather than 0, so the admin panel
never shows a healthy-looking zero for a broken sensor.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable

import psutil


def _metric(read: Callable[[], float]) -> dict[str, Any]:
    try:
        return {"value": round(float(read()), 1), "quality": "ok"}
    except Exception as exc:  # psutil raises many kinds on locked-down PCs
        return {"value": None, "quality": "unavailable", "error": type(exc).__name__}


class MetricsSampler:
    def __init__(self, disk_path: Path):
        self.disk_path = Path(disk_path)
        # The first cpu_percent(None) call returns a meaningless 0.0; prime it now.
        try:
            psutil.cpu_percent(interval=None)
        except Exception:
            pass

    def sample(self) -> dict[str, Any]:
        return {
            "cpu": _metric(lambda: psutil.cpu_percent(interval=None)),
            "memory": _metric(lambda: psutil.virtual_memory().percent),
            "disk": _metric(lambda: psutil.disk_usage(str(self.disk_path)).percent),
            "uptime_s": _metric(lambda: time.time() - psutil.boot_time()),
        }
