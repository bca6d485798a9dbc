"""Defaults that depend on whether the site folder is local or a network share."""

from __future__ import annotations

from pathlib import Path

from data.netfs import network_filesystem_reason

LOCAL_RESCAN_MS = 50
NETWORK_RESCAN_MS = 500


def on_network_share(folder: Path) -> bool:
    """Is `folder` on a network share? There each scan is a round trip to the server, and a
    file-system watcher on this PC sees only this PC's own writes, never another PC's."""
    return bool(network_filesystem_reason(Path(folder)))


def default_rescan_ms(folder: Path) -> int:
    """50 ms on a local folder; 500 ms on a network share."""
    return NETWORK_RESCAN_MS if on_network_share(folder) else LOCAL_RESCAN_MS
