"""Defaults that depend on whether the site folder is local or a network share."""

from __future__ import annotations

from pathlib import Path

from data.netfs import network_filesystem_reason

LOCAL_RESCAN_MS = 50
NETWORK_RESCAN_MS = 500


def default_rescan_ms(folder: Path) -> int:
    """50 ms on a local folder; 500 ms on a network share, where each scan is a round trip."""
    return NETWORK_RESCAN_MS if network_filesystem_reason(Path(folder)) else LOCAL_RESCAN_MS


def watcher_sees_others(folder: Path) -> bool:
    """Does a file-system watcher on this PC see what other PCs write there? Not on a network
    share: inotify (and its kin) report only this PC's own writes to a mounted share."""
    return not network_filesystem_reason(Path(folder))
