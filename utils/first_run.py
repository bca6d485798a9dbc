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

import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from config.catalog import Catalog
from config.paths import AppPaths, resolve_paths
from data import users_repo
from data.netfs import Mount
from utils.autostart import Autostart, AutostartError
from utils.clock import Clock
from utils.context import AppContext
from utils.settings_store import load_settings
from utils.setup_checks import (
    AdminAccount, SetupError, check_admin_account, check_database_location, check_folder,
    folder_error, write_probe,
)
from utils.site.layout import SITE_FILE_NAME
from utils.site.membership import Membership, create_site_membership, join_site_membership
from utils.site.site_key import SiteError
from utils.timezones import pc_zone_name, valid_zone
from utils.trust.bootstrap import certify_existing_accounts

log = logging.getLogger(__name__)

# The values the wizard takes from here with `set_up` (the checks live in utils/setup_checks).
__all__ = ["AdminAccount", "SetupError", "SetupPlan", "SetupResult", "check_folder",
           "first_machine", "needs_first_run", "set_up", "write_probe"]

MODES = ("create", "join", "trial")
TRIAL_FOLDER_NAME = "trial-site"
_FIELD_OF_SITE_CODE = {
    "folder_unusable": "folder", "site_exists": "folder", "no_site": "folder",
    "bad_site_file": "folder", "wrong_passphrase": "passphrase", "weak_passphrase": "passphrase",
    "station_in_use": "station", "bad_station_id": "station", "bad_kind": "station",
    "station_taken": "station", "unknown_machine": "station",
}


def needs_first_run(ctx: AppContext) -> bool:
    """A PC with no site membership and no account has never been set up: the wizard runs.

    A PC that joined a site stays configured even before the site's accounts arrive (the
    share may be offline at its first start); one set up with the command line (`user add`)
    has an account.
    """
    return not ctx.settings.site_id and not ctx.auth.has_users()


def first_machine(catalog: Catalog) -> str | None:
    return catalog.machines[0].station_id if catalog.machines else None


# -- setting up -------------------------------------------------------------------------------

@dataclass(frozen=True)
class SetupPlan:
    mode: str  # create | join | trial
    station_id: str
    station_kind: str = "production"
    folder: str | None = None  # the shared folder (not for trial: that one is under data/)
    passphrase: str = ""  # trial: generated
    admin: AdminAccount | None = None  # create and trial
    # True: this PC has accounts already (made with `shopfloor user add`) and `admin` is one
    # of their admins, whom the site's root certifies and who certifies the others; the
    # caller has checked that person's password (the command line logs them in first).
    certify_existing: bool = False
    autostart: bool | None = False  # None: leave this PC's autostart as it is (command line)
    site_name: str = ""
    # The site's time zone (create and trial): kept in the first site catalog. None: this
    # PC's own zone (pc_zone_name), or the settings' stand-in where the system does not say.
    timezone: str | None = None
    # Join only: this PC replaces the PC that holds `station_id` (it broke, was retired), with
    # the reason kept in the site directory. None: a station id held by another PC is refused.
    takeover_reason: str | None = None
    # Create only: a shared folder that does not exist is made (in an existing parent). The
    # command line asks for it (`--make-folder`): a share not mounted must not become a
    # folder on the local disk.
    make_folder: bool = True

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
    """Make this PC a member of a site as `plan` says, create (or certify) the first admin
    where there is one, switch autostart, and return the reopened context. The one path of
    the first-run wizard and of `shopfloor site create / join` (cli/cmd_site.py). Raises SetupError,
    ValidationFailed or PasswordPolicyError before anything is written."""
    if plan.mode not in MODES:
        raise ValueError(f"unknown set-up mode {plan.mode!r}")
    paths = resolve_paths(home).ensure()
    check_database_location(paths, mounts)
    settings = load_settings(paths.settings_file)
    if settings.site_id:
        raise SetupError("already_member", "this PC already belongs to a site")
    if plan.admin is None and plan.mode != "join":
        raise SetupError("admin_required", "a new site needs its first admin", field="admin")
    if plan.admin is not None and not plan.certify_existing:
        check_admin_account(plan.admin)  # before any file is written: no half site on the share
    if plan.timezone is not None and not valid_zone(plan.timezone):
        raise SetupError("not_a_zone", f"{plan.timezone!r} is not a time zone name such as "
                         "America/Sao_Paulo; nothing was changed",
                         field="timezone", zone=str(plan.timezone)[:64])
    if plan.mode == "trial":
        folder = check_folder(trial_folder(paths), "create", probe=probe)
        # Nobody joins a trial site, so nobody needs its passphrase: a random one.
        passphrase = plan.passphrase or secrets.token_urlsafe(32)
    else:
        folder = check_folder(plan.folder, plan.mode, probe=probe, may_make=plan.make_folder)
        passphrase = plan.passphrase
    try:
        if plan.mode == "join":
            membership = join_site_membership(paths, settings, folder, passphrase,
                                              station_id=plan.station_id, kind=plan.station_kind,
                                              takeover_reason=plan.takeover_reason,
                                              clock=clock)
        else:
            membership = create_site_membership(paths, settings, folder, passphrase,
                                                station_id=plan.station_id,
                                                kind=plan.station_kind, name=plan.site_name,
                                                clock=clock)
    except SiteError as exc:
        raise _site_error(exc, station=plan.station_id) from exc
    except OSError as exc:  # the key or the settings file could not be written
        raise folder_error(exc, folder, "setting up the site in") from exc
    log.info("This PC is now %s station %s of site %s (%s)", plan.station_kind,
             plan.station_id, membership.info.site_id, plan.mode)
    # Reopen with the new station id and site key, so the first admin's audit event starts
    # this station's chain.
    ctx = AppContext.open(home, clock=clock)
    try:
        if plan.admin is None:
            _take_site_directory(ctx)
        else:
            if plan.certify_existing:
                certify_existing_accounts(ctx, plan.admin.username, plan.admin.password,
                                          membership.root)
            else:
                ctx.auth.create_first_admin(plan.admin.username, plan.admin.full_name,
                                            plan.admin.password, root=membership.root)
            name_site_zone(ctx, plan.admin.username, plan.admin.password,
                           plan.timezone or pc_zone_name() or ctx.settings.timezone)
        accounts = _count_accounts(ctx)
    except BaseException:
        ctx.close()
        raise
    autostart_error = None
    if plan.autostart is not None:
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
        ctx.site_catalog.refresh()
    except OSError as exc:  # DirectoryUnavailable is one
        log.warning("The site's accounts could not be read yet (%s); they arrive when the "
                    "share is reachable", exc)


def _count_accounts(ctx: AppContext) -> int:
    with ctx.database.read() as connection:
        return users_repo.count(connection)
