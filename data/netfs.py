"""Is a path on a network filesystem? SQLite must never be opened there (sqlite.org/useovernet).

Checks, in order: UNC paths (\\\\server\\share, //server/share), Windows mapped network drives
(GetDriveTypeW == DRIVE_REMOTE), and on every platform the filesystem type of the mount that
holds the path (nfs, cifs, smb and friends). The mount table can be injected for tests.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Callable, Iterable

import psutil

NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb2", "smb3", "sshfs", "fuse.sshfs", "9p", "afs",
    "ceph", "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "webdav",
    "ncpfs", "coda", "lustre", "gpfs", "beegfs", "ocfs2", "gfs2",
})


@dataclass(frozen=True)
class Mount:
    mountpoint: str
    fstype: str


def _system_mounts() -> list[Mount]:
    return [Mount(p.mountpoint, p.fstype.lower()) for p in psutil.disk_partitions(all=True)]


def is_unc_path(path: str) -> bool:
    text = str(path)
    return text.startswith("\\\\") or (text.startswith("//") and not text.startswith("///"))


def _windows_drive_is_remote(path: str) -> bool:
    if sys.platform != "win32":
        return False
    import ctypes  # only on Windows

    drive = PureWindowsPath(path).drive
    if not drive:
        return False
    DRIVE_REMOTE = 4
    return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE  # type: ignore[attr-defined]


def _mount_of(path: Path, mounts: Iterable[Mount]) -> Mount | None:
    best: Mount | None = None
    text = str(path)
    for mount in mounts:
        point = mount.mountpoint.rstrip("/\\") or "/"
        if text == point or text.startswith(point.rstrip("/\\") + os.sep) or point == "/":
            if best is None or len(point) > len(best.mountpoint.rstrip("/\\") or "/"):
                best = mount
    return best


def network_filesystem_reason(path: str | os.PathLike[str],
                              mounts: Callable[[], Iterable[Mount]] = _system_mounts) -> str | None:
    """Why `path` is on a network filesystem, or None when it is local."""
    text = os.fspath(path)
    if is_unc_path(text):
        return f"{text} is a network (UNC) path"
    if _windows_drive_is_remote(text):
        return f"{PureWindowsPath(text).drive} is a mapped network drive"
    resolved = Path(text).expanduser().absolute()
    try:
        mount = _mount_of(resolved, mounts())
    except Exception:  # a mount table we cannot read must not block a local install
        return None
    if mount is not None and (mount.fstype in NETWORK_FS_TYPES or mount.fstype.startswith("nfs")):
        return f"{text} is on a {mount.fstype} network mount ({mount.mountpoint})"
    return None
