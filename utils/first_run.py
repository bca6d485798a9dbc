"""First run of a PC: is it configured yet, are the chosen folders usable, and the three ways
to set it up (create a site, join one, try it on this PC alone).

Qt-free, so the steps are tested without widgets; the first-run wizard calls them through the
background-task helper, because a folder check on an offline share and the site key's scrypt
derivation both take seconds. The steps are those of `shopfloor site create / join`
(cli/cmd_site.py): membership first, then the context is reopened so that the first admin's
audit event starts the new station's chain.

Every refusal is a `SetupError` with a stable `code` (translated by the GUI), the input it
concerns (`field`: folder, passphrase, station, admin) and nothing written.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any, Callable, Iterable

from config.catalogs import Catalog
from config.paths import AppPaths, resolve_paths
from data.netfs import Mount, is_unc_path, network_filesystem_reason
from models.validation import ValidationFailed, validate_text, validate_username
from utils.atomic_io import atomic_write_text
from models.validation import FULL_NAME_MAX
from utils.autostart import Autostart, AutostartError
from utils.clock import Clock
from utils.context import AppContext
from utils.passwords import check_policy
from utils.settings_store import load_settings
from utils.site.layout import SITE_FILE_NAME, SiteLayout
from utils.site.membership import Membership, create_site_membership, join_site_membership
from utils.site.site_key import SiteError
from utils.timezones import pc_zone_name, valid_zone

log = logging.getLogger(__name__)

MODES = ("create", "join", "trial")
TRIAL_FOLDER_NAME = "trial-site"
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
_FIELD_OF_SITE_CODE = {
    "folder_unusable": "folder", "site_exists": "folder", "no_site": "folder",
    "bad_site_file": "folder", "wrong_passphrase": "passphrase", "weak_passphrase": "passphrase",
    "station_in_use": "station", "bad_station_id": "station", "bad_kind": "station",
    "station_taken": "station",
}


class SetupError(RuntimeError):
    """Setting up this PC was refused; nothing was changed. `code` is stable, `field` names
    the input to correct (or None), `params` fill the translated message."""

    def __init__(self, code: str, message: str, *, field: str | None = None, **params: Any):
        self.code = code
        self.field = field
        self.params = params
        super().__init__(message)


def needs_first_run(ctx: AppContext) -> bool:
    """A PC with no site membership and no account has never been set up: the wizard runs.

    A PC that joined a site stays configured even before the site's accounts arrive (the
    share may be offline at its first start); one set up with the command line (`user add`)
    has an account.
    """
    return not ctx.settings.site_id and not ctx.auth.has_users()


def first_machine(catalog: Catalog) -> str | None:
    return catalog.machines[0].station_id if catalog.machines else None


# -- checks -------------------------------------------------------------------------------------

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


def _folder_error(exc: OSError, folder: Path, doing: str) -> SetupError:
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
                 platform: str | None = None) -> Path:
    """Check a shared folder for `purpose` ('create': may be new, must hold no site yet;
    'join': must hold a site) and that this PC can write there. Returns the folder to use.
    Blocks for as long as the network takes: call it off the GUI thread."""
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
            if purpose == "join":
                raise SetupError("no_site" if folder.parent.is_dir() else "folder_not_found",
                                 f"the folder {folder} does not exist", field="folder",
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
        raise _folder_error(exc, folder, "looking at") from exc
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
        raise _folder_error(exc, target, "writing a test file to") from exc
    return folder


def machines_on_share(folder: Path) -> list[str]:
    """Station ids of the site catalog's machine table, for the join page's list only.

    Read from the site's directory log, checked against the root key the site file names; the
    passphrase (typed next) confirms that root. An unreadable site gives []."""
    from utils.site.site_key import read_site
    from utils.trust.dirlog import read_state_from_share

    try:
        info = read_site(Path(folder))
        if info.root is None:
            return []
        state = read_state_from_share(SiteLayout(Path(folder)), site_id=info.site_id,
                                      root=info.root)
    except (OSError, SiteError):
        return []
    catalog = (state.catalog or {}).get("catalog") or {}
    machines = catalog.get("machines") if isinstance(catalog, dict) else None
    if not isinstance(machines, list):
        return []
    ids = [str(m.get("station_id")) for m in machines if isinstance(m, dict)
           and isinstance(m.get("station_id"), (str, int))]
    return list(dict.fromkeys(ids))


# -- setting up -------------------------------------------------------------------------------

@dataclass(frozen=True)
class AdminAccount:
    username: str
    full_name: str
    password: str

    def __repr__(self) -> str:  # never the password, not even in a traceback
        return f"AdminAccount({self.username!r}, {self.full_name!r})"


@dataclass(frozen=True)
class SetupPlan:
    mode: str  # create | join | trial
    station_id: str
    station_kind: str = "production"
    folder: str | None = None  # the shared folder (not for trial: that one is under data/)
    passphrase: str = ""  # trial: generated
    admin: AdminAccount | None = None  # create and trial
    autostart: bool = False
    site_name: str = ""
    # The site's time zone (create and trial): kept in the first site catalog. None: this
    # PC's own zone (pc_zone_name), or the settings' stand-in where the system does not say.
    timezone: str | None = None
    # Join only: this PC replaces the PC that holds `station_id` (it broke, was retired), with
    # the reason kept in the site directory. None: a station id held by another PC is refused.
    takeover_reason: str | None = None

    def __repr__(self) -> str:
        return (f"SetupPlan({self.mode!r}, station={self.station_id!r}, "
                f"kind={self.station_kind!r}, folder={self.folder!r})")


@dataclass
class SetupResult:
    ctx: AppContext  # reopened as the new station; the caller owns and closes it
    membership: Membership
    plan: SetupPlan
    folder: Path
    autostart_error: str | None = None
    accounts: int = 0  # accounts known on this PC once set up


def check_admin_account(admin: AdminAccount) -> str:
    """The first admin's username, full name and password rules (raises ValidationFailed or
    PasswordPolicyError); returns the normalised username."""
    name, errors = validate_username(admin.username)
    _full, name_errors = validate_text("full_name", admin.full_name, required=True,
                                       max_length=FULL_NAME_MAX)
    if errors or name_errors:
        raise ValidationFailed(errors + name_errors)
    assert name is not None
    check_policy(admin.password, username=name)
    return name


def trial_folder(paths: AppPaths) -> Path:
    """The trial site's folder under the data folder; a leftover site (from an attempt cut
    off before this PC remembered it) is left alone and the next free name used."""
    base = paths.data_dir / TRIAL_FOLDER_NAME
    candidate, number = base, 1
    while (candidate / SITE_FILE_NAME).exists():
        number += 1
        candidate = base.with_name(f"{TRIAL_FOLDER_NAME}-{number}")
    return candidate


def _site_error(exc: SiteError, **params: Any) -> SetupError:
    return SetupError(exc.code, str(exc), field=_FIELD_OF_SITE_CODE.get(exc.code), **params)


def set_up(home: str | os.PathLike[str] | None, plan: SetupPlan, *, clock: Clock | None = None,
           autostart: Autostart | None = None, probe: Callable[[Path], None] = write_probe,
           mounts: Callable[[], Iterable[Mount]] | None = None) -> SetupResult:
    """Make this PC a member of a site as `plan` says, create the first admin where there is
    one, switch autostart, and return the reopened context. Raises SetupError,
    ValidationFailed or PasswordPolicyError before anything is written."""
    if plan.mode not in MODES:
        raise ValueError(f"unknown set-up mode {plan.mode!r}")
    paths = resolve_paths(home).ensure()
    check_database_location(paths, mounts)
    settings = load_settings(paths.settings_file)
    if settings.site_id:
        raise SetupError("already_member", "this PC already belongs to a site")
    if plan.admin is not None:
        check_admin_account(plan.admin)  # before any file is written: no half site on the share
    elif plan.mode != "join":
        raise SetupError("admin_required", "a new site needs its first admin", field="admin")
    if plan.timezone is not None and not valid_zone(plan.timezone):
        raise SetupError("not_a_zone", f"{plan.timezone!r} is not a time zone name",
                         field="timezone", zone=str(plan.timezone)[:64])
    if plan.mode == "trial":
        folder = check_folder(trial_folder(paths), "create", probe=probe)
        # Nobody joins a trial site, so nobody needs its passphrase: a random one.
        passphrase = plan.passphrase or secrets.token_urlsafe(32)
    else:
        folder = check_folder(plan.folder, plan.mode, probe=probe)
        passphrase = plan.passphrase
    try:
        if plan.mode == "join":
            membership = join_site_membership(paths, settings, folder, passphrase,
                                              station_id=plan.station_id, kind=plan.station_kind,
                                              takeover_reason=plan.takeover_reason)
        else:
            membership = create_site_membership(paths, settings, folder, passphrase,
                                                station_id=plan.station_id,
                                                kind=plan.station_kind, name=plan.site_name,
                                                clock=clock)
    except SiteError as exc:
        raise _site_error(exc, station=plan.station_id) from exc
    except OSError as exc:  # the key or the settings file could not be written
        raise _folder_error(exc, folder, "setting up the site in") from exc
    log.info("This PC is now %s station %s of site %s (%s)", plan.station_kind,
             plan.station_id, membership.info.site_id, plan.mode)
    # Reopen with the new station id and site key, so the first admin's audit event starts
    # this station's chain (as `shopfloor site create` does).
    ctx = AppContext.open(home, clock=clock)
    try:
        if plan.admin is not None:
            ctx.auth.create_first_admin(plan.admin.username, plan.admin.full_name,
                                        plan.admin.password, root=membership.root)
            name_site_zone(ctx, plan.admin.username, plan.admin.password,
                           plan.timezone or pc_zone_name() or ctx.settings.timezone)
        else:
            _take_site_directory(ctx)
        accounts = _count_accounts(ctx)
    except BaseException:
        ctx.close()
        raise
    autostart_error = None
    switch = autostart or Autostart(home=home)
    try:
        switch.set_enabled(plan.autostart and plan.station_kind == "production")
    except Exception as exc:  # the PC is set up already: this must not undo or hide that
        autostart_error = str(exc)
        log.warning("Autostart not switched: %s", exc,
                    exc_info=not isinstance(exc, AutostartError))
    return SetupResult(ctx, membership, plan, folder, autostart_error, accounts)


def name_site_zone(ctx: AppContext, username: str, password: str, zone: str) -> None:
    """A new site's first catalog, published by its first admin: the built-in lists and the
    zone chosen for the site (audited like every catalog change, with a reason)."""
    session = ctx.auth.login(username, password).session
    if session is None:
        raise SetupError("admin_required", "the first admin could not log in", field="admin")
    try:
        ctx.site_catalog.publish_time_zone(session, zone, f"site created; its time zone is "
                                                          f"{zone}")
    finally:
        ctx.auth.logout(session, "set-up")
    log.info("The site's time zone is %s", zone)


def _take_site_directory(ctx: AppContext) -> None:
    """A joining PC takes the site's accounts and catalog at once, so the site's people can
    log in right away; the sync service keeps them current afterwards."""
    try:
        if ctx.directory is not None:
            ctx.directory.refresh()
        if ctx.site_catalog is not None:
            ctx.site_catalog.refresh()
    except OSError as exc:  # DirectoryUnavailable is one
        log.warning("The site's accounts could not be read yet (%s); they arrive when the "
                    "share is reachable", exc)


def _count_accounts(ctx: AppContext) -> int:
    from data import users_repo

    with ctx.database.read() as connection:
        return users_repo.count(connection)
