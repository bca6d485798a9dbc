"""What every benchmark script shares: progress logging and a description of the machine."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from pathlib import Path


def log(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the result table."""
    print(message, file=sys.stderr, flush=True)


def machine_info(folder: Path) -> dict:
    """CPU, Python, SQLite, memory and the file system the benchmark's files live on."""
    info = {"platform": platform.platform(), "python": platform.python_version(),
            "implementation": platform.python_implementation(), "sqlite": sqlite3.sqlite_version,
            "logical_cpus": os.cpu_count(), "cpu": platform.processor() or platform.machine()}
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import psutil

        info["memory_bytes"] = psutil.virtual_memory().total
        info["psutil"] = psutil.__version__
        best = None
        for part in psutil.disk_partitions(all=True):
            if str(folder).startswith(part.mountpoint) and (
                    best is None or len(part.mountpoint) > len(best.mountpoint)):
                best = part
        if best is not None:
            info["temp_filesystem"] = f"{best.fstype} on {best.mountpoint} ({best.device})"
    except ImportError:  # pragma: no cover
        pass
    return info
