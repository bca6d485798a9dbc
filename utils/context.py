"""The composition root: builds the services of one installation from its home folder.

The CLI, the GUI and the tests all start here, so they share one wiring.

The site view, its follower and lot release are imported where they are first used, not at
the top: no import cycle is involved (each imports without this module), but a station PC
never opens them and the program's start-up (≤ 1.5 s to the login window) would pay for them
(the site view alone costs about 0.2 s of imports). The site's trust and directory are light
(their cryptography is loaded anyway) and imported at the top, and so are the shared folder's
two ports: a member PC's directory log is opened on its site store at start.

How it fits: docs/architecture.md §1 (layers) and §7 (the two ports, built here).
"""

from __future__ import annotations

import logging
import socket
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.catalog import Catalog, default_catalog
from config.paths import AppPaths, resolve_paths
from config.settings import Settings
from data import meta_repo
from data.database import Database, open_database
from utils.audit.chain import AuditLog
from utils.audit.keys import KeyRing, SigningKey, load_or_create_local_key
from utils.audit.database_verify import verify_database
from utils.audit.verify import VerifyResult
from utils.auth import AuthService
from utils.backup.database_users import DatabaseUser
from utils.changes import Changes
from utils.clock import Clock, SystemClock
from utils.demo_home import demo_name as read_demo_name
from utils.production import ProductionService
from utils.settings_holder import SettingsHolder
from utils.settings_store import load_settings
from utils.site.keystore import load_legacy_site_key, load_pc_key, read_member_file
from utils.site.folder_store import FolderSiteStore
from utils.site.folder_transport import FolderTransport
from utils.site.site_file_keep import Witness, keep_site_file
from utils.site_catalog import SiteCatalogService, catalog_from_dict, stored_document
from utils.trust.dirlog import DirectoryLog
from utils.trust.site_accounts import SiteAccounts
from utils.trust.site_trust import SiteTrust

if TYPE_CHECKING:
    from utils.mes.downtime import DowntimeService
    from utils.mes.oee_report import OeeReport
    from utils.mes.handover import HandoverHistory, HandoverService
    from utils.release.service import ReleaseService
    from utils.site.ports import DirectoryEntries, LiveTransport, SiteStore
    from utils.site.site_view import SiteView
    from utils.site.view_follower import ViewFollower

log = logging.getLogger(__name__)

ANCHOR_KEY = "chain_anchor"


def _stored_catalog(database: Database) -> Catalog | None:
    """The newest site catalog this PC has taken, if any (kept so the form works offline)."""
    try:
        document = stored_document(database)
        if document is None:
            return None
        return catalog_from_dict(document["catalog"], version=document["version"])
    except (ValueError, KeyError, TypeError) as exc:  # ValidationFailed is a ValueError
        log.error("The stored site catalog cannot be read (%s); the embedded defaults are used "
                  "until the site's catalog is taken again", exc)
        return None


def _folder_ports(folder: Path) -> "tuple[Path, LiveTransport, SiteStore]":
    """The two ports for a site folder: the shared folder's implementations (an MQTT broker's
    transport and a PostgreSQL server's store plug in here, callers unchanged)."""
    return folder, FolderTransport(folder), FolderSiteStore(folder)


def _open_trust(paths: AppPaths, settings: Settings, database: Database,
                store: "DirectoryEntries", station_id: str, clock: Clock) -> SiteTrust | None:
    """This PC's trust in its site (pinned root, own key, verified directory), or None with
    the reason logged: production goes on locally either way."""
    assert settings.site_id is not None
    member = read_member_file(paths.config_dir, settings.site_id)
    pc_key = load_pc_key(paths.config_dir, settings.site_id)
    if member is None or pc_key is None:
        log.warning("This PC belongs to site %s but holds no membership of the new kind "
                    "(keys by role): an admin upgrades the site, then this PC joins again "
                    "(shopfloor site join). Production continues on this PC meanwhile.",
                    settings.site_id)
        return None
    if member.pc_key_id != pc_key.key_id:
        log.error("This PC's key does not match its membership for site %s; join again",
                  settings.site_id)
        return None
    if settings.site_folder:  # its site file written back from this PC's copy if removed
        keep_site_file(Path(settings.site_folder), settings.site_id, member.root,
                       paths.config_dir, witness=Witness(station_id, pc_key.public))
    directory = DirectoryLog(store, database, site_id=settings.site_id, root=member.root,
                             clock=clock)
    return SiteTrust(site_id=settings.site_id, station_id=station_id, pc_key=pc_key,
                     directory=directory)


def default_station_id() -> str:
    """Before a PC joins a site, its chain is named after the host."""
    return "pc-" + (socket.gethostname().split(".")[0].lower() or "local")


@dataclass(eq=False)
class _Opened:
    """The context's one changing part: the catalog in force (swapped whole by a newer site
    catalog) and what is opened on first use, for the site folder it was opened for."""

    catalog: Catalog
    site_view: "SiteView | None" = None
    view_follower: "ViewFollower | None" = None
    # The site's two ports (utils/site/ports.py), built here and nowhere else, for the shared
    # folder they were built for (a PC that joins a site while running gets new ones).
    ports: "tuple[Path, LiveTransport, SiteStore] | None" = None
    closed: bool = False
    closing: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True, eq=False)
class AppContext:
    """One installation's services, built once by `open` and never reassigned (frozen): the
    settings change through `settings_holder`, the catalog through `apply_catalog`."""

    paths: AppPaths
    settings_holder: SettingsHolder
    database: Database
    anchor: str
    station_id: str
    key: SigningKey
    keyring: KeyRing
    audit: AuditLog
    changes: Changes
    auth: AuthService
    production: ProductionService
    _opened: _Opened
    clock: Clock = field(default_factory=SystemClock)
    trust: SiteTrust | None = None  # once the PC is a certified member of a site
    directory: SiteAccounts | None = None  # the site's accounts, with `trust`
    in_site_at_open: bool = False  # a site folder was in the settings when it was opened
    # This process's hold on the database, so a restore never replaces it under us.
    database_user: DatabaseUser | None = None

    @property
    def catalog(self) -> Catalog:
        """The catalog in force: the newest signed site catalog taken, else the defaults."""
        return self._opened.catalog

    @cached_property
    def demo_name(self) -> str | None:
        """The demo's name when this home is `shopfloor demo`'s, else None: a mark in this
        PC's own database (never the share's word), read once, since nothing unmarks a home
        (utils/demo_home.py)."""
        return read_demo_name(self.database)

    @cached_property
    def site_catalog(self) -> SiteCatalogService:
        """Publishing and taking the site catalog (utils/site_catalog.py)."""
        return SiteCatalogService(self, self.trust, in_site=self.in_site_at_open)

    def _site_ports(self) -> "tuple[LiveTransport, SiteStore] | None":
        folder = self.site_folder
        if folder is None:
            return None
        opened = self._opened
        if opened.ports is None or opened.ports[0] != folder:
            opened.ports = _folder_ports(folder)
        return opened.ports[1], opened.ports[2]

    @property
    def transport(self) -> "LiveTransport | None":
        """The site's live transport (statuses, commands, acks); None outside a site. The
        shared folder's today; an MQTT broker's plugs in here."""
        ports = self._site_ports()
        return None if ports is None else ports[0]

    @property
    def site_store(self) -> "SiteStore | None":
        """The site's store of journals; None outside a site. The shared folder's today; a
        PostgreSQL server's plugs in here."""
        ports = self._site_ports()
        return None if ports is None else ports[1]

    @property
    def site_view(self) -> "SiteView":
        """The site view of this PC (its own database, opened on first use): every station's
        journal and this PC's own chain, for every tab, the CLI and the exports."""
        if self._opened.site_view is None:
            # Deferred for start-up time: only a PC that shows the site opens its view.
            from utils.site.site_view import SiteView

            self._opened.site_view = SiteView(self)
        return self._opened.site_view

    @property
    def holds_site_view(self) -> bool:
        """Whether this PC has a site view (opened now, or kept on disk), without opening one."""
        return self._opened.site_view is not None or self.paths.site_view_file.exists()

    @property
    def view_follower(self) -> "ViewFollower":
        """What keeps the site view current while someone needs it (view_follower.py)."""
        if self._opened.view_follower is None:
            # Deferred for start-up time (watchdog and the view): see `site_view`.
            from utils.site.view_follower import ViewFollower

            self._opened.view_follower = ViewFollower(self.site_view, clock=self.clock)
        return self._opened.view_follower

    # The services below are built on first use, once (cached_property); their modules are
    # imported then, for start-up time: each is read on demand (a panel, a tab, the CLI).

    @cached_property
    def release(self) -> "ReleaseService":
        """Lot release: status, exceptions, signed decisions (utils/release/service.py)."""
        from utils.release.service import ReleaseService

        return ReleaseService(self)

    @cached_property
    def downtime(self) -> "DowntimeService":
        """This station's stops (utils/mes/downtime.py); its clock of "since the app ran"
        starts at first use."""
        from utils.mes.downtime import DowntimeService

        return DowntimeService(self)

    @cached_property
    def oee(self) -> "OeeReport":
        """OEE, stops and the Pareto of every station, from the site view (utils/mes/)."""
        from utils.mes.oee_report import OeeReport

        return OeeReport(self.site_view.database, lambda: self.catalog, lambda: self.timezone,
                         self.clock)

    @cached_property
    def handover(self) -> "HandoverService":
        """Shift handover: summary, signing, acknowledging, notes (utils/mes/handover.py)."""
        from utils.mes.handover import HandoverService

        return HandoverService(self)

    @cached_property
    def handover_history(self) -> "HandoverHistory":
        """Every station's handovers from the site view (utils/mes/handover.py)."""
        from utils.mes.handover import HandoverHistory

        return HandoverHistory(self)

    def _site_record(self, record_id: str) -> dict[str, Any] | None:
        """The current version of a record in the site view, if this PC has a view."""
        if not self.holds_site_view:
            return None
        return self.site_view.current_record(record_id)

    @property
    def settings(self) -> Settings:
        """This PC's settings in force (replaced through `settings_holder`)."""
        return self.settings_holder.current

    @property
    def timezone(self) -> str:
        """The site's time zone: shifts, record times and every time on screen are in it.

        The one place to read it. It is kept in the signed site catalog (chosen when the site
        was created, changed by an admin in Settings); `settings.timezone` only stands in while
        this PC holds no catalog that names one (before it joins a site, or a site created by a
        version that did not keep the zone there)."""
        return self.catalog.timezone or self.settings.timezone

    @property
    def site_folder(self) -> Path | None:
        return Path(self.settings.site_folder) if self.settings.site_folder else None

    @classmethod
    def open(cls, home: str | Path | None = None, *, clock: Clock | None = None,
             settings: Settings | None = None,
             database_user: DatabaseUser | None = None) -> "AppContext":
        """Open this PC's installation (RestoreUnderWay while a restore replaces its
        database: utils/backup/database_users.py). `database_user`: already registered (by a
        restore holding the gate); else this process registers now."""
        paths = resolve_paths(home).ensure()
        user = database_user
        if user is None:
            user = DatabaseUser(paths.database_users_dir)
            user.register()
        try:
            return cls._open(paths, user, clock, settings)
        except BaseException:
            user.release()
            raise

    @classmethod
    def _open(cls, paths: AppPaths, user: DatabaseUser, clock: Clock | None,
              settings: Settings | None) -> "AppContext":
        settings = settings or load_settings(paths.settings_file)
        clock = clock or SystemClock()
        database = open_database(paths.database_file)
        with database.write() as connection:
            anchor = meta_repo.get_or_create(connection, ANCHOR_KEY)
        station_id = settings.station_id or default_station_id()
        local_key = load_or_create_local_key(paths.local_key_file)
        # Audit MACs use this PC's own local key: other PCs check a station's journal by the
        # signed seals in it (utils/trust), not by a shared secret. A site of protocol 1 left
        # events MACed with its old shared key: kept only to verify those.
        legacy = load_legacy_site_key(paths.config_dir, settings.site_id) if settings.site_id else None
        keyring = KeyRing(local_key, *([legacy] if legacy else []))
        audit = AuditLog(database, anchor=anchor, station=station_id, key=local_key,
                         checkpoint_file=paths.checkpoint_file,
                         checkpoint_every=settings.checkpoint_every_events, clock=clock)
        catalog = _stored_catalog(database) or default_catalog()
        changes = Changes(database, audit)
        holder = SettingsHolder(settings)
        trust = accounts = ports = None
        if settings.site_id and settings.site_folder:
            # The site directory log lives in the site store: the same store the context
            # hands out (`site_store`), built once for the site folder.
            ports = _folder_ports(Path(settings.site_folder))
            trust = _open_trust(paths, settings, database, ports[2], station_id, clock)
            if trust is not None:
                accounts = SiteAccounts(trust, database, clock)
                accounts.project()
        auth = AuthService(changes, holder, clock, site=accounts)
        production = ProductionService(changes, catalog, station_id=station_id,
                                       timezone=catalog.timezone or settings.timezone,
                                       clock=clock, auth=auth)
        context = cls(paths, holder, database, anchor, station_id, local_key, keyring, audit,
                      changes, auth, production, _Opened(catalog, ports=ports), clock, trust,
                      accounts, in_site_at_open=ports is not None, database_user=user)
        # The production service asks the context's site view and lot release (opened on
        # first use) about a record and a lot: given as calls, after the context exists.
        production.site_records = context._site_record
        production.lot_guard = lambda lot: context.release.frozen(lot)
        return context

    def apply_catalog(self, catalog: Catalog) -> None:
        """Use a newer site catalog from now on (forms, validation, bands, thresholds). The
        services take it first and the context last: whoever sees the new catalog here (its
        version, the zone) finds the production service on it too, never half switched."""
        self.production.catalog = catalog
        self.production.set_timezone(catalog.timezone or self.settings.timezone)
        self._opened.catalog = catalog

    def verify_audit(self, **options) -> list[VerifyResult]:
        return verify_database(self.database, anchor=self.anchor, keyring=self.keyring,
                               witness_files=(self.paths.checkpoint_file,),
                               home=self.station_id, **options)

    def close(self) -> None:
        """Stop what was opened on use, witness the chain's head, let the database go. Once:
        a second call does nothing (a checkpoint then would write to whatever file is at
        the database's path by then, e.g. the copy a restore put there)."""
        with self._opened.closing:  # two threads closing at once: one does it
            if self._opened.closed:
                return
            self._opened.closed = True
        try:
            if self._opened.view_follower is not None:
                self._opened.view_follower.stop()
            if self._opened.site_view is not None:
                self._opened.site_view.close()
            self.audit.checkpoint_now()
        finally:
            try:
                self.database.dispose()
            finally:
                if self.database_user is not None:
                    self.database_user.release()
