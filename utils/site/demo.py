"""`shopfloor demo`: a plant of 14 simulated stations in a home of its own, so a newcomer's
admin panel has life in one command.

`create_demo` makes, under one folder: a demo site (`share/`, named as a demo), an office PC's
home (`office/`) whose first admin the person names and gives a password (there are no
built-in accounts, not even in a demo), and the stations' history (utils/site/synthetic.py:
operators by shift, boxes with rejections and CAM measurements, machine stops, commands,
corrections and voids), written to the share as real sealed journals; each station works at
a pace of its own under the catalog's ideal rate and its machine stops now and then, recorded
as a station records its stops (utils/site/demo_pace.py). `LivePlant` then keeps the stations
working while the demo runs, through the product's own services (utils/site/demo_station.py):
boxes at that pace, stops by the station's DowntimeService, the journal by its writer, each
station's presence (birth, a signed status every status interval, death) by the heartbeat, so
the office PC's fleet sees fourteen stations online, and the commands sent to them by the
product's inbox, so the admin panel's Commands tab gets their real outcomes.

Nothing here touches the person's real installation: the demo lives in its own folder, and
its site is called a demo everywhere it is named. The office PC's home is marked as a demo in
its own database (utils/demo_home.py), so every window of it says so.
"""

from __future__ import annotations

import logging
import random
import secrets
import shutil
import sqlite3
import threading
from contextlib import closing
from dataclasses import dataclass
from enum import Enum
from datetime import datetime
from pathlib import Path

from config.catalog import default_catalog
from config.paths import resolve_paths
from config.settings import Settings
from data import meta_repo
from data.database import open_database, sqlite_uri
from models.validation import ValidationFailed, validate_username
from utils.atomic_io import atomic_write_text
from utils.site.layout import SITE_FILE_NAME
from utils.audit.chain import AuditLog
from utils.clock import Clock, SystemClock
from utils.context import AppContext
from utils.demo_home import mark_demo
from utils.passwords import check_policy
from utils.settings_store import save_settings
from utils.settings_store import load_settings
from utils.site.demo_station import Plumbing, SharedMetrics, SimulatedStation, StationPaths
from utils.site.folder_store import FolderSiteStore
from utils.site.folder_transport import FolderTransport
from utils.site.journal import JournalWriter
from utils.site.keystore import read_member_file
from utils.site.layout import SiteLayout
from utils.site.membership import create_site_membership
from utils.site.synthetic import (
    ANCHOR_KEY, PlantPlan, certify_plant, plant_keys, station_keys, write_plant,
)
from utils.trust.crypto import PublicKey
from utils.trust.dirlog import DirectoryLog
from utils.trust.site_trust import SiteTrust

log = logging.getLogger(__name__)

DEMO_STATIONS = tuple(str(number) for number in range(201, 215))
DEMO_SITE_NAME = "DEMO plant (synthetic data, not a real site)"
DEMO_OFFICE = "demo-office"
DEMO_ADMIN_FULL_NAME = "Demo admin"  # the name `shopfloor demo` gives its admin
POLL_S = 0.25  # how often the live plant looks at its clock (statuses go at their interval)
READY_MARKER = "demo-ready.txt"  # written last: a demo without it was never finished
# Written first, into the folder the demo is made in: only a folder holding it (and not the
# ready marker) is a demo whose making stopped. A folder that merely holds a `share/` or a
# `stations/` (a real site's shared folder does) was not made by the demo and is never named
# as one, so nobody is told to delete it.
MAKING_MARKER = "demo-making.txt"
DEMO_PARTS = frozenset({"office", "share", "stations"})  # what making a demo puts in its folder


@dataclass(frozen=True)
class Demo:
    root: Path
    share: Path
    office_home: Path
    work: Path  # the simulated stations' own databases
    plan: PlantPlan


def demo_layout(root: Path, plan: PlantPlan) -> Demo:
    root = Path(root)
    return Demo(root, root / "share", root / "office", root / "stations", plan)


def demo_plan(days: int, end: datetime, timezone: str = "America/Sao_Paulo") -> PlantPlan:
    return PlantPlan(stations=DEMO_STATIONS, days=days, boxes_per_day=150, end=end,
                     timezone=timezone, corrections=0.02, voids=0.004, stops=0.06, seal_every=1,
                     paced=True)


class DemoState(Enum):
    """What a demo folder holds."""

    FREE = "free"  # nothing yet (missing, or an empty folder): a demo can be made there
    READY = "ready"  # a demo made to its end (its marker is there)
    UNFINISHED = "unfinished"  # a demo whose making stopped midway (a failure, Ctrl+C)
    TAKEN = "taken"  # a folder holding something else
    NOT_A_FOLDER = "not a folder"  # a file, or a path through one


def demo_state(root: Path) -> DemoState:
    """Which of the states `root` is in; only the marker written last says READY, so a demo
    whose making stopped anywhere is never taken for a finished one."""
    root = Path(root)
    try:
        if (root / SITE_FILE_NAME).exists():
            # A site's shared folder (a demo keeps its own under share/): whatever markers
            # anyone who can write there put beside it, never a demo to open, finish or name.
            return DemoState.TAKEN
        if (root / READY_MARKER).is_file():
            # Only with what making a demo leaves (its office PC and its share), never a
            # marker alone in some folder.
            return DemoState.READY if {"office", "share"} <= {e.name for e in root.iterdir()} \
                else DemoState.TAKEN
        if not root.exists():  # free, unless the path goes through a file
            nearest = next(parent for parent in root.parents if parent.exists())
            return DemoState.FREE if nearest.is_dir() else DemoState.NOT_A_FOLDER
        entries = {entry.name for entry in root.iterdir()}
    except NotADirectoryError:
        return DemoState.NOT_A_FOLDER
    if not entries:
        return DemoState.FREE
    if MAKING_MARKER in entries:
        return DemoState.UNFINISHED
    if entries & DEMO_PARTS and _made_before_markers(root):
        return DemoState.READY
    return DemoState.TAKEN  # not made by a demo (or by one before the markers, half made)


def _made_before_markers(root: Path) -> bool:
    """A demo made by a release before the markers: finished when its office PC has its admin
    (the account was the last thing that release could fail on) and its stations have
    history. Read only; any doubt is "no" (then the folder is one holding other files)."""
    database = resolve_paths(root / "office").database_file
    if not database.is_file() or not any((root / "stations").glob("*")):
        return False
    try:
        with closing(sqlite3.connect(sqlite_uri(database, "ro"), uri=True)) as connection:
            return connection.execute("SELECT count(*) FROM users").fetchone()[0] > 0
    except sqlite3.Error:
        return False


def check_demo_admin(admin: str, password: str, full_name: str = DEMO_ADMIN_FULL_NAME) -> None:
    """The demo admin's name and password, checked as creating the account will be, before
    anything is made (ValidationFailed, PasswordPolicyError)."""
    name, errors = validate_username(admin)
    if errors:
        raise ValidationFailed(errors)
    check_policy(password, username=name, full_name=full_name)


def create_demo(root: Path, admin: str, full_name: str, password: str, *, days: int = 14,
                clock: Clock | None = None, passphrase: str | None = None) -> Demo:
    """Make the demo under `root` (refused if it holds anything else). What a failure or an
    interruption leaves half made is removed; the marker that says the demo is ready is
    written last."""

    clock = clock or SystemClock()
    root = Path(root)
    check_demo_admin(admin, password, full_name)
    if demo_state(root) is not DemoState.FREE:
        raise FileExistsError(f"{root} is not an empty folder: the demo needs a folder of its "
                              f"own")
    demo = demo_layout(root, demo_plan(days, clock.now()))
    existed = root.exists()
    try:
        root.mkdir(parents=True, exist_ok=True)
        atomic_write_text(root / MAKING_MARKER, f"{DEMO_SITE_NAME}: being made (without "
                                                f"{READY_MARKER} beside it, it stopped)\n")
        _make(demo, admin, full_name, password, clock,
              passphrase or secrets.token_urlsafe(24))
        atomic_write_text(root / READY_MARKER, f"{DEMO_SITE_NAME}: made to its end\n")
        (root / MAKING_MARKER).unlink(missing_ok=True)  # READY decides from here on
    except BaseException:  # Ctrl+C too: never leave a demo that looks made
        _remove_half_made(root, keep_root=existed)
        raise
    return demo


def _make(demo: Demo, admin: str, full_name: str, password: str, clock: Clock,
          passphrase: str) -> None:
    """The office PC's home, the site, its first admin and the stations' history. The
    passphrase is one nobody needs to type again: no other PC ever joins a demo (the simulated
    stations are certified with it here, once)."""
    paths = resolve_paths(demo.office_home).ensure()
    settings = Settings(timezone=demo.plan.timezone)
    save_settings(paths.settings_file, settings)
    membership = create_site_membership(paths, settings, demo.share, passphrase,
                                        station_id=DEMO_OFFICE, kind="office",
                                        name=DEMO_SITE_NAME)
    office = AppContext.open(demo.office_home, clock=clock)
    try:
        # First: a demo left half made is still marked as one.
        with office.database.write() as connection:
            mark_demo(connection, DEMO_SITE_NAME)
        office.auth.create_first_admin(admin, full_name, password, root=membership.root)
        keys = certify_plant(demo.plan, demo.share, passphrase, demo.work)
        write_plant(demo.plan, demo.share, keys, demo.work, keep=lambda _station: True)
    finally:
        office.close()


def _remove_half_made(root: Path, *, keep_root: bool) -> None:
    """Everything under `root` was made by this run (it was checked empty first). The making
    marker goes last: what cannot be removed stays named as an unfinished demo."""
    targets = (sorted(root.iterdir(), key=lambda path: path.name == MAKING_MARKER)
               if keep_root and root.is_dir() else [root])
    try:
        for target in targets:
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
    except OSError as exc:  # the next run finds it unfinished (its making marker) and says so
        log.warning("Demo: what was made in %s could not all be removed: %s", root, exc)
        return
    log.info("Demo: its making stopped; what was made in %s was removed", root)


class LivePlant:
    """The demo's stations at work while the demo runs (utils/site/demo_station.py): each
    registers its boxes at its own pace under the catalog's ideal rate, stops now and then
    (through its DowntimeService) and publishes its birth, a signed status every status
    interval and its death at `stop`, so the office PC's fleet sees them as it sees real
    stations; each lists its inbox every step, its commands run on its inbox's workers
    (stopped at `stop`). `step` does what is due by the clock (the thread calls it every
    `poll_s`; tests call it with a clock of their own).

    Each launch draws its boxes from a seed of its own (`seed`, by default the plan's seed
    mixed with the launch time): with one fixed seed every launch repeated the last one's
    boxes. The history made with the demo keeps the plan's seed (utils/site/synthetic.py), so
    it stays reproducible."""

    def __init__(self, demo: Demo, *, poll_s: float = POLL_S, clock: Clock | None = None,
                 seed: str | None = None):
        self.demo = demo
        self.keys = plant_keys(demo.work)  # each simulated station's PC key (certify_plant)
        self.poll_s = poll_s
        self.clock = clock or SystemClock()
        self.seed = seed or f"{demo.plan.seed}@{self.clock.now().isoformat()}"
        self._starts: dict[str, int] = {}  # each station's starts in this launch (restarts)
        self.catalog = default_catalog()
        self.settings = Settings(timezone=demo.plan.timezone)  # a station's: the product's
        self.metrics = SharedMetrics(demo.work, self.clock,  # this PC's: they run on it
                                     self.settings.status_interval_ms / 1000)
        self._stations: dict[str, SimulatedStation] = {}
        self._closed: set[str] = set()  # closed by a command: not back until the next demo
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.registered = 0  # boxes registered since the plant started
        self.log_dir = resolve_paths(demo.office_home).log_dir  # this process's (use_home)

    def start(self) -> None:
        log.info("Demo plant: this launch's seed is %s", self.seed)
        self._thread = threading.Thread(target=self._run, name="shopfloor-demo-plant",
                                        daemon=True)
        self._thread.start()

    def stop(self, reason: str = "demo stopped") -> None:
        """The stations stop working; each stops its inbox's workers, says so (its death
        file) and closes its database."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        for station in self._stations.values():
            station.leave(reason)
            station.parts.database.dispose()
        self._stations.clear()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception:  # the demo plant must not take the app down
                log.exception("Demo plant: a simulated station failed")
            self._stop.wait(self.poll_s)

    def step(self) -> None:
        """What is due at every station by now: its work, its commands, then its status."""
        for station_id in self.demo.plan.stations:
            if self._stop.is_set():
                return
            if station_id in self._closed:
                continue
            station = self._station(station_id)
            self.registered += station.work()
            station.take_commands()
            if station.effects.stop_requested.is_set():
                self._close(station)
                continue
            station.beat()

    def _close(self, station: SimulatedStation) -> None:
        """`close_app` or `restart_app` done: the station leaves (its command acked first);
        a restarted one comes back at the next step, with a new session."""
        restart = station.effects.restart_requested
        station.leave("restarting (a command)" if restart else "closed (a command)")
        station.parts.database.dispose()
        del self._stations[station.station_id]
        if not restart:
            self._closed.add(station.station_id)

    def _station(self, station_id: str) -> SimulatedStation:
        known = self._stations.get(station_id)
        if known is None:
            # A station restarted by a command goes on drawing, not from its launch's start.
            start = self._starts[station_id] = self._starts.get(station_id, 0) + 1
            known = self._stations[station_id] = SimulatedStation(
                self._plumbing(station_id), self.demo.plan, catalog=self.catalog,
                clock=self.clock, settings=self.settings, metrics=self.metrics,
                rng=random.Random(f"{self.seed}:{station_id}:{start}"), rescan_s=self.poll_s,
                paths=StationPaths(self.demo.work, self.demo.work, self.log_dir,
                                   database=self._database_file(station_id)))
            known.appear()
        return known

    def _plumbing(self, station_id: str) -> Plumbing:
        """The station's database (its history's), chain, journal writer, its end of the live
        transport and its trust: its PC key and the site's directory, chained to the root the
        office PC pinned when it made the site."""
        database = open_database(self._database_file(station_id))
        with database.write() as connection:
            anchor = meta_repo.get_or_create(connection, ANCHOR_KEY)
        sealer, key = station_keys(self.keys[station_id])
        audit = AuditLog(database, anchor=anchor, station=station_id, key=key,
                         checkpoint_file=None, clock=self.clock, host=f"pc-{station_id}")
        writer = JournalWriter(database, SiteLayout(self.demo.share).station(station_id),
                               anchor, sealer, clock=self.clock)
        site_id, root = self._site()
        directory = DirectoryLog(FolderSiteStore(self.demo.share), database, site_id=site_id,
                                 root=root, clock=self.clock)
        trust = SiteTrust(site_id=site_id, station_id=station_id, pc_key=sealer,
                          directory=directory)
        return Plumbing(station_id, database, audit, writer,
                        FolderTransport(self.demo.share).station(station_id), trust)

    def _database_file(self, station_id: str) -> Path:
        return self.demo.work / f"station-{station_id}.sqlite3"

    def _site(self) -> tuple[str, PublicKey]:
        """The demo site's id and root, as the office PC holds them."""
        paths = resolve_paths(self.demo.office_home)
        site_id = load_settings(paths.settings_file).site_id
        member = None if site_id is None else read_member_file(paths.config_dir, site_id)
        if site_id is None or member is None:
            raise RuntimeError(f"the demo's office PC in {self.demo.office_home} holds no "
                               f"membership of its site: make the demo again")
        return site_id, member.root
