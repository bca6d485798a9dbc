"""Moving a site of protocol 1 (one shared HMAC key on every PC) to keys by role.

One admin action, on any PC of the site, with the site passphrase and the admin's password:

1. the passphrase is checked against the old site file (nothing changes if it is wrong);
2. a root key is made and sealed under the same passphrase; the site file is rewritten as
   protocol 2 (same site id, the old key check kept as `upgraded_from`);
3. the site's directory log starts: the root's genesis, this PC certified, this admin
   certified by the root, and every account this PC holds certified by that admin (their
   roles and passwords carried over; a supervisor or another admin gets a signing key when
   an admin resets their password);
4. an audit event `site.upgrade` on this PC's chain.

Every other PC then joins again with the passphrase (`shopfloor site join`, same station id;
no takeover is needed: the id was never certified), which certifies its own new key. From the
upgrade on, nothing signed with the old shared key is accepted anywhere: every file carries
protocol 2 and a signature by a certified key.
"""

from __future__ import annotations

import logging
import platform
from dataclasses import dataclass
from pathlib import Path

from config.constants import Role
from data import users_repo
from utils.audit.chain import Actor
from utils.context import AppContext
from utils.passwords import check_password
from utils.site.keystore import MemberFile, store_pc_key, write_member_file
from utils.site.site_file_keep import keep_verified_copy
from utils.site.site_key import (
    SiteError, legacy_key_secret, new_site_info, read_site, write_upgraded_site_file,
)
from utils.trust.bootstrap import BootstrapError, certify_existing_accounts
from utils.trust.crypto import ROOT_SCRYPT_N, SigningKeyPair
from utils.trust.directory_state import ROOT
from utils.trust.dirlog import DirectoryLog, make_op

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpgradeReport:
    site_id: str
    certified_accounts: list[str]
    without_keys: list[str]


def upgrade_site(home, passphrase: str, admin: str, password: str, *,
                 clock=None, scrypt_n: int = ROOT_SCRYPT_N) -> UpgradeReport:
    """Upgrade the protocol-1 site this PC belongs to (see the module docstring)."""

    ctx = AppContext.open(home, clock=clock)
    try:
        settings, paths = ctx.settings, ctx.paths
        if not settings.site_id or not settings.site_folder:
            raise SiteError("not_member", "this PC is not in a site")
        folder = Path(settings.site_folder)
        info = read_site(folder)
        if info.site_id != settings.site_id:
            raise SiteError("other_site", f"{folder} holds another site")
        if not info.is_legacy:
            raise SiteError("already_upgraded", "this site uses keys by role already: join it "
                            "again with the passphrase (shopfloor site join)")
        legacy_key_secret(info, passphrase)  # SiteError("wrong_passphrase") before any change
        _check_admin(ctx, admin, password)
        new_info, root = new_site_info(info.site_id, info.name, info.created_at, passphrase,
                                       scrypt_n=scrypt_n, legacy=info.legacy)
        pc = SigningKeyPair.generate()
        store = ctx.site_store  # the site store of `folder` (built by the composition root)
        assert store is not None
        directory = DirectoryLog(store, ctx.database, site_id=info.site_id,
                                 root=new_info.root, clock=ctx.clock)
        write_upgraded_site_file(folder, new_info)
        now = ctx.clock.now()
        directory.start(make_op(ROOT, root, info.site_id, "site.genesis",
                                {"root_public_key": root.public.hex, "name": info.name,
                                 "upgraded_from_protocol": 1}, now))

        directory.append(make_op(ROOT, root, info.site_id, "pc.certify", {
            "station": ctx.station_id, "kind": settings.station_kind,
            "public_key": pc.public.hex, "host": platform.node()}, now))
        store_pc_key(paths.config_dir, info.site_id, pc)
        write_member_file(paths.config_dir, MemberFile(info.site_id, root.public.hex,
                                                       ctx.station_id, settings.station_kind,
                                                       pc.key_id))
        keep_verified_copy(paths.config_dir, new_info)  # the copy written back if removed
    finally:
        ctx.close()
    member = AppContext.open(home, clock=clock)
    try:
        report = certify_existing_accounts(member, admin, password, root)
        member.changes.record(Actor(admin, "admin"), "site.upgrade", entity="site",
                              entity_id=info.site_id,
                              after={"protocol": 2, "root_key_id": root.key_id,
                                     "accounts": report.certified,
                                     "without_signing_keys": report.without_keys})
    finally:
        member.close()
    log.info("Site %s moved to keys by role by %s; %d accounts certified", info.site_id, admin,
             len(report.certified))
    return UpgradeReport(info.site_id, report.certified, report.without_keys)


def _check_admin(ctx: "AppContext", admin: str, password: str) -> None:
    with ctx.database.read() as connection:
        found = users_repo.get(connection, admin)
    if found is None or not found[0].active or found[0].role != Role.ADMIN \
            or not check_password(password, found[1]):
        raise BootstrapError(f"{admin} is not an active admin of this PC, or the password is "
                             "wrong; nothing was changed")
