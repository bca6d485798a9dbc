"""Is this PC's set-up possible as chosen: the data folder on a local disk, the shared folder
reachable, writable and holding a site (or not), the first admin's name and password.

Every refusal is a `SetupError` with a stable `code` (translated by the GUI), the input it
concerns (`field`: folder, passphrase, station, admin) and nothing written. Used by the set-up
itself (utils/first_run.py), the wizard's pages and this PC's settings (a new shared folder).
"""

from __future__ import annotations

import errno
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, Callable, Iterable

from config.paths import AppPaths
from data.netfs import Mount, is_unc_path, network_filesystem_reason
from models.validation import (
    FULL_NAME_MAX, ValidationFailed, validate_text, validate_username,
)
from utils.atomic_io import atomic_write_text
from utils.passwords import check_policy
from utils.site.folder_store import FolderSiteStore
from utils.site.layout import SITE_FILE_NAME
from utils.site.site_key import SiteError, read_site
from utils.site.station_checks import catalog_machines, machine_table
from utils.trust.dirlog import read_state_from_store

# Dot-prefixed with a .tmp suffix: every reader skips it and the temp sweep removes a leftover.
PROBE_PREFIX = ".shopfloor-write-check-"

# errno values and Windows error numbers that mean "the network share is not reachable".
_OFFLINE_ERRNOS = frozenset(code for code in (
    getattr(errno, name, None) for name in (
        "ENETUNREACH", "ENETDOWN", "EHOSTUNREACH", "EHOSTDOWN", "ETIMEDOUT", "ENOTCONN",
        "ESTALE", "ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "ENOLINK", "EREMOTEIO"))
    if code is not None)
# 51 remote computer not available, 53 network path not found, 59 unexpected network error,
# 64 network name no longer available, 67 network name not found, 121 semaphore timeout,
# 1222 network not present, 1231 network location unreachable.
_OFFLINE_WINERRORS = frozenset({51, 53, 59, 64, 67, 121, 1222, 1231})


class SetupError(RuntimeError):
    """Setting up this PC was refused; nothing was changed. `code` is stable, `field` names
    the input to correct (or None), `params` fill the translated message."""

    def __init__(self, code: str, message: str, *, field: str | None = None, **params: Any):
        self.code = code
        self.field = field
        self.params = params
        super().__init__(message)


def check_database_location(paths: AppPaths,
                            mounts: Callable[[], Iterable[Mount]] | None = None) -> None:
    """SQLite must not live on a network drive (sqlite.org/useovernet): refuse a data folder
    there before anything is created."""
    options = {} if mounts is None else {"mounts": mounts}
    reason = network_filesystem_reason(paths.data_dir, **options)
    if reason:
        raise SetupError("database_on_network", f"this PC's data folder {paths.data_dir} is on "
                         f"a network drive ({reason}); the database must be on this PC's own "
                         "disk", folder=str(paths.data_dir), reason=reason)


def _problem_code(exc: OSError) -> str:
    if isinstance(exc.__cause__, OSError) and exc.errno is None:
        exc = exc.__cause__  # AtomicWriteError wraps the PermissionError of the last retry
    if getattr(exc, "winerror", None) in _OFFLINE_WINERRORS or exc.errno in _OFFLINE_ERRNOS:
        return "offline"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission_denied"
    if exc.errno == errno.EROFS:
        return "read_only"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disk_full"
    if isinstance(exc, FileNotFoundError):
        return "folder_not_found"
    return "folder_unusable"


def folder_error(exc: OSError, folder: Path, doing: str) -> SetupError:
    code = _problem_code(exc)
    return SetupError(code, f"{doing} {folder} failed: {exc}", field="folder",
                      folder=str(folder), detail=exc.strerror or str(exc))


def write_probe(folder: Path) -> None:
    """Write, rename into place, read back and delete a small file: what the site protocol
    itself will do in this folder. Raises OSError (or SetupError for a file that will not go
    away)."""
    probe = Path(folder) / f"{PROBE_PREFIX}{uuid.uuid4().hex[:12]}.tmp"
    text = "Shopfloor Collector checks it can write here; this file is removed at once.\n"
    atomic_write_text(probe, text, retries=2)
    try:
        if probe.read_text(encoding="utf-8") != text:
            raise SetupError("folder_unusable", f"a file written to {folder} read back "
                             "differently", field="folder", folder=str(folder),
                             detail="read back differently")
    finally:
        try:
            probe.unlink()
        except OSError as exc:
            raise SetupError("cannot_delete", f"a file written to {folder} cannot be deleted: "
                             f"{exc}", field="folder", folder=str(folder),
                             detail=exc.strerror or str(exc)) from exc


def check_folder(text: str | os.PathLike[str] | None, purpose: str, *,
                 probe: Callable[[Path], None] = write_probe,
                 platform: str | None = None, may_make: bool = True) -> Path:
    """Check a shared folder for `purpose` ('create': must hold no site yet, and may be new
    unless `may_make` is False; 'join': must hold a site) and that this PC can write there.
    Returns the folder to use. Blocks for as long as the network takes: call it off the GUI
    thread. `may_make=False` (the command line, unless asked): a share not mounted, or a
    typo, must not become a folder on this PC's own disk."""
    raw = os.fspath(text).strip() if text is not None else ""
    if not raw:
        raise SetupError("folder_required", "choose the shared folder", field="folder")
    platform = platform or sys.platform
    if is_unc_path(raw) and platform != "win32":
        raise SetupError("unc_needs_mount", f"{raw} is a Windows network path; on this system "
                         "the share must be mounted first (for example under /mnt) and that "
                         "folder chosen", field="folder", folder=raw)
    folder = Path(raw).expanduser()
    if not folder.is_absolute():
        raise SetupError("folder_not_absolute", f"{raw} is not a full path", field="folder",
                         folder=raw)
    try:
        exists = folder.exists()
        if not exists and is_unc_path(raw) and not Path(PureWindowsPath(raw).anchor).exists():
            # Windows reports an unreachable \\server\share as "not found": say what it is.
            raise SetupError("offline", f"the network share of {raw} cannot be reached",
                             field="folder", folder=raw)
        if not exists:
            if purpose == "join" or not may_make:
                join_here = purpose == "join" and folder.parent.is_dir()
                # A new site's folder that was not asked to be made: "folder_not_made" (the
                # wizard's box or the command line's --make-folder makes it).
                code = ("no_site" if join_here else "folder_not_found" if purpose == "join"
                        else "folder_not_made")
                raise SetupError(code, f"the folder {folder} does not exist", field="folder",
                                 folder=str(folder))
            if not folder.parent.is_dir():
                raise SetupError("parent_not_found", f"neither {folder} nor {folder.parent} "
                                 "exists", field="folder", folder=str(folder),
                                 parent=str(folder.parent))
        elif not folder.is_dir():
            raise SetupError("not_a_folder", f"{folder} is a file, not a folder",
                             field="folder", folder=str(folder))
        has_site = exists and (folder / SITE_FILE_NAME).exists()
    except OSError as exc:
        raise folder_error(exc, folder, "looking at") from exc
    if purpose == "join" and not has_site:
        raise SetupError("no_site", f"no Shopfloor site in {folder}", field="folder",
                         folder=str(folder))
    if purpose != "join" and has_site:
        raise SetupError("site_exists", f"{folder} already holds a site", field="folder",
                         folder=str(folder))
    target = folder if exists else folder.parent
    try:
        probe(target)
    except SetupError:
        raise
    except OSError as exc:
        raise folder_error(exc, target, "writing a test file to") from exc
    return folder


def machines_on_share(folder: Path) -> list[str] | None:
    """Station ids of the site catalog's machine table in `folder` ([] when the site's
    catalog names none), or None when its site file cannot be read; for the join page's list,
    before the passphrase. Read from the site's directory log, checked against the root key
    the site file names, up to its first entry that does not verify (the entries a joining
    PC's directory reader takes: it sets the others aside). The join itself checks the id
    against the directory it reads (utils/site/station_checks.py `check_machine_table`)."""
    try:
        info = read_site(Path(folder))
        if info.root is None:
            return []  # a site of the old protocol: joining it says an admin upgrades it first
        state = read_state_from_store(FolderSiteStore(Path(folder)), site_id=info.site_id,
                                      root=info.root)
    except (OSError, SiteError):
        return None
    return catalog_machines(state.catalog)


def site_machines(folder: Path | None) -> list[str]:
    """The station ids the join page lists for a production station: the machine table of the
    site's catalog in `folder` (a site being joined), else the built-in one (a new site's
    first catalog; a site whose catalog names no machine, or whose site file is unreadable)."""
    on_share = machines_on_share(folder) if folder is not None else None
    return on_share or machine_table(None)


@dataclass(frozen=True)
class AdminAccount:
    username: str
    full_name: str
    password: str = field(repr=False)  # never the password, not even in a traceback



def check_admin_account(admin: AdminAccount) -> str:
    """The first admin's username, full name and password rules (raises ValidationFailed or
    PasswordPolicyError); returns the normalised username."""
    name, errors = validate_username(admin.username)
    _full, name_errors = validate_text("full_name", admin.full_name, required=True,
                                       max_length=FULL_NAME_MAX)
    if errors or name_errors:
        raise ValidationFailed(errors + name_errors)
    assert name is not None
    check_policy(admin.password, username=name, full_name=admin.full_name)
    return name
