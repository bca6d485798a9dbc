"""A synthetic plant: stations whose operators log in by shift, set lots, register boxes (with
rejections and CAM measurements that differ by station and drift over time), machines that stop
for a shift now and then, remote commands, and supervisors' corrections and voids.

Every event is a chain event as a station makes it (models/audit_event.AuditEvent's body, the
chain's hash and MAC, stored in a database of each station's own by data/audit_repo) and every
journal is written by the product's own writer (utils/site/journal.JournalWriter, sealed with
the station's own PC key, certified in the site directory by `certify_plant` as a join would),
so what lands on the share is what real stations write. (The chain is built
here in bulk, a week per transaction, not one AuditLog.append at a time: a year of 200
stations is ten million events.) Used by `shopfloor demo` (a plant of 14 stations in a home of its
own) and by tests/benchmarks/bench_site_view.py (up to 200 stations and a year).
"""

from __future__ import annotations

import hashlib
import logging
import random
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo

import time as _time

from config.catalog import NO_REJECTION, Catalog, default_catalog
from data import meta_repo
from data.database import open_database
from models.audit_event import AuditEvent
from models.canonical import format_utc
from models.record import ProductionRecord, RecordStatus, Rejection
from models.record_ids import new_record_id
from models.shifts import shift_of
from utils.audit.chain import Actor, event_hash, genesis_hash
from utils.audit.keys import SigningKey, key_id_for
from utils.site.demo_pace import station_timeline
from utils.site.journal import JournalWriter
from utils.site.keystore import write_secret_file
from utils.site.layout import SiteLayout
from utils.site.membership import certify_simulated_pcs
from utils.trust.crypto import SigningKeyPair

log = logging.getLogger(__name__)

SHIFTS = ((6, "a"), (14, "b"), (22, "c"))  # local start hour and the operator's suffix
LOT_BOXES = 500
EXPORT_BATCH = 20_000
DAY_BATCH = 7  # days of events per transaction
ANCHOR_KEY = "chain_anchor"  # utils/context.py keeps a station's anchor under this name


@dataclass(frozen=True)
class PlantPlan:
    """What to make: `stations` each with about `boxes_per_day` boxes a day for `days` days
    ending at `end`, and about `events_per_box` audit events per box in all (logins, lots,
    commands and corrections besides the boxes themselves)."""

    stations: tuple[str, ...]
    days: int
    boxes_per_day: int
    end: datetime
    events_per_box: float = 2.78
    timezone: str = "America/Sao_Paulo"
    corrections: float = 0.01  # share of boxes corrected later by a supervisor
    voids: float = 0.002  # share of boxes voided later
    stops: float = 0.04  # share of shifts in which the machine stands still
    seed: int = 14
    seal_every: int = 3  # a running station seals every export: about every box
    # The demo's: each station's boxes at its pace under the catalog's ideal rate, its stops
    # recorded as a station records them (utils/site/demo_pace.py); `boxes_per_day` and
    # `stops` are then not used. Off (the benchmark's): `boxes_per_day` spread over each shift.
    paced: bool = False


@dataclass
class StationOutcome:
    station: str
    events: int = 0
    records: int = 0
    seconds: float = 0.0


class _Clock:
    """The moment each synthetic event happens at (the chain and the seals read it)."""

    def __init__(self, moment: datetime):
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def monotonic(self) -> float:
        return self.moment.timestamp()


@dataclass
class StationProfile:
    """How one station behaves: its CAM levels, drift and defects."""

    cam_d: float
    cam_w: float
    drift: float  # CAM change over the whole period, per cent points
    rejection: float  # chance that a box has a rejection
    defects: list[tuple[str, float]] = field(default_factory=list)
    locations: tuple[str, ...] = ()


def station_profile(rng: random.Random, catalog: Catalog) -> StationProfile:
    defects = [d for d in catalog.defects if d != NO_REJECTION]
    weights = [rng.random() ** 2 for _ in defects]
    total = sum(weights) or 1.0
    return StationProfile(cam_d=rng.uniform(1.0, 6.0), cam_w=rng.uniform(1.0, 5.0),
                    drift=rng.uniform(-1.0, 1.5), rejection=rng.uniform(0.15, 0.6),
                    defects=[(d, w / total) for d, w in zip(defects, weights)],
                    locations=tuple(l for l in catalog.locations if l != NO_REJECTION))


def station_events(plan: PlantPlan, station_id: str, catalog: Catalog
                   ) -> Iterator[tuple[datetime, Actor, str, dict[str, Any]]]:
    """The station's events in time order: (moment, who, action, audit fields)."""
    rng = random.Random(f"{plan.seed}:{station_id}")
    zone = ZoneInfo(plan.timezone)
    profile = station_profile(rng, catalog)
    machine = catalog.machine(station_id)
    size, weight = (machine.size, machine.unit_weight_kg) if machine else ("#0", 0.000096)
    first_day = (plan.end.astimezone(zone) - timedelta(days=plan.days)).date()
    per_shift = plan.boxes_per_day / len(SHIFTS)
    # Events other than boxes, logins, logouts and lots: remote commands (received + done).
    others = max(0.0, plan.events_per_box - 1.0 - plan.corrections - plan.voids)
    lot_number, box = 0, LOT_BOXES + 1
    timeline = station_timeline(
        random.Random(f"{plan.seed}:{station_id}:pace"), catalog.downtime, station_id, size,
        first_day, plan.end, plan.timezone,
        lambda moment: shift_operator(station_id, moment, plan.timezone)) if plan.paced else None
    later: list[tuple[datetime, Actor, str, dict[str, Any]]] = []  # corrections to come
    # The demo's history goes on to its end, today's shifts up to now included (the stations
    # go on working from there); the benchmark's keeps its whole days.
    for day_index in range(plan.days + 1 if plan.paced else plan.days):
        day = first_day + timedelta(days=day_index)
        progress = min(1.0, day_index / max(1, plan.days - 1))
        for hour, suffix in SHIFTS:
            start = datetime(day.year, day.month, day.day, hour,
                             tzinfo=zone).astimezone(timezone.utc)
            if start >= plan.end:
                break
            end = min(start + timedelta(hours=8), plan.end)
            events: list[tuple[datetime, Actor, str, dict[str, Any]]] = []
            operator = Actor(f"op{station_id}{suffix}", "operator")
            boxes = (0 if rng.random() < plan.stops
                     else max(0, round(rng.gauss(per_shift, per_shift * 0.1))))
            span = (end - start).total_seconds()
            session = f"{rng.getrandbits(64):016x}"
            events.append((start + timedelta(seconds=rng.uniform(30, 300)), operator, "login",
                           {"entity": "session", "entity_id": session,
                            "after": {"must_change_password": False}}))
            moments = sorted(start + timedelta(seconds=rng.uniform(600, span - 300))
                             for _ in range(boxes)) if span > 1200 else []
            if timeline is not None:  # the demo's pace and stops, instead
                moments, stops = timeline.until(end)
                events.extend(stops)
                boxes = len(moments)
            for moment in moments:
                if box > LOT_BOXES:
                    lot_number, box = lot_number + 1, 1
                    code = f"L{station_id}-{lot_number:04d}"
                    events.append((moment - timedelta(seconds=20), operator, "lot.set",
                                   {"entity": "lot", "entity_id": code, "after": {
                                       "code": code, "total_boxes": LOT_BOXES, "current_box": 1}}))
                record = synthetic_record(rng, profile, station_id, size, weight, operator.user,
                                 f"L{station_id}-{lot_number:04d}", box, moment, zone, progress)
                box += 1
                events.append((moment, operator, "record.create",
                               {"entity": "record", "entity_id": record.record_id,
                                "after": record.audit_view()}))
                if rng.random() < plan.corrections + plan.voids:
                    later.append(later_change(rng, plan, record, moment, station_id))
            for _ in range(_count(rng, others * boxes if boxes else others * per_shift) // 2):
                moment = start + timedelta(seconds=rng.uniform(60, span - 60))
                command = f"{rng.getrandbits(64):016x}"
                kind = rng.choice(("ping", "resend_status", "collect_diagnostics"))
                issued = {"type": kind, "params": {}, "issued_by": "ana"}
                events.append((moment, Actor("ana", "admin"), "command.received",
                               {"entity": "command", "entity_id": command,
                                "command_id": command, "after": issued}))
                events.append((moment + timedelta(milliseconds=40), Actor("ana", "admin"),
                               "command.done", {"entity": "command", "entity_id": command,
                                                "command_id": command, "after": issued}))
            events.append((end - timedelta(seconds=rng.uniform(30, 240)), operator, "logout",
                           {"entity": "session", "entity_id": session,
                            "after": {"reason": "user"}}))
            due = [change for change in later if change[0] < end]
            later = [change for change in later if change[0] >= end]
            events.extend(due)
            events.sort(key=lambda event: event[0])
            yield from events


def shift_operator(station_id: str, moment: datetime, zone: str) -> Actor:
    """The operator of the station's shift under way at `moment` (op201a, op201b, op201c)."""
    return Actor(f"op{station_id}{SHIFTS[shift_of(moment, zone).number - 1][1]}", "operator")


def _count(rng: random.Random, expected: float) -> int:
    whole = int(expected)
    return whole + (1 if rng.random() < expected - whole else 0)


def synthetic_record(rng: random.Random, profile: StationProfile, station_id: str, size: str,
                     weight: float,
            operator: str, lot: str, box: int, moment: datetime, zone: ZoneInfo,
            progress: float) -> ProductionRecord:
    rejections: list[Rejection] = []
    if rng.random() < profile.rejection:
        for _ in range(1 + (rng.random() < 0.25) + (rng.random() < 0.05)):
            defect = rng.choices([d for d, _w in profile.defects],
                                 [w for _d, w in profile.defects])[0]
            rejections.append(Rejection(defect, rng.choice(profile.locations)))
    drift = profile.drift * progress
    cam_d = round(min(100.0, max(0.0, rng.gauss(profile.cam_d + drift, 0.8))), 2)
    cam_w = round(min(100.0, max(0.0, rng.gauss(profile.cam_w + drift, 0.7))), 2)
    offset = int(moment.astimezone(zone).utcoffset().total_seconds() // 60)
    return ProductionRecord(record_id=new_record_id(station_id, rng.randbytes), station_id=station_id,
                            lot=lot, box=box, size=size, unit_weight_kg=weight,
                            rejections=tuple(rejections), cam_d=cam_d, cam_w=cam_w,
                            operator=operator, recorded_at=moment.replace(microsecond=0),
                            utc_offset_minutes=offset)


def later_change(rng: random.Random, plan: PlantPlan, record: ProductionRecord,
                  moment: datetime, station_id: str) -> tuple[datetime, Actor, str, dict]:
    """A supervisor's signed correction (or void) of a box, some minutes after it."""
    when = moment + timedelta(minutes=rng.uniform(10, 90))
    supervisor = Actor(f"sup{station_id}", "supervisor")
    signature = {"signed_by": supervisor.user, "full_name": f"Supervisor {station_id}",
                 "signed_at": format_utc(when)}
    if rng.random() < plan.voids / (plan.corrections + plan.voids):
        new = replace(record, status=RecordStatus.VOIDED, version=2, editor=supervisor.user,
                      edited_at=when, base_version=1, reason="box counted twice on the paper log")
        action, meaning = "record.void", "void"
    else:
        cam_d = round(max(0.0, (record.cam_d or 0) + rng.uniform(-1.5, 1.5)), 2)
        new = replace(record, cam_d=cam_d, version=2, editor=supervisor.user, edited_at=when,
                      base_version=1, reason="measured again at the bench")
        action, meaning = "record.edit", "correction"
    return (when, supervisor, action, {
        "entity": "record", "entity_id": record.record_id, "before": record.audit_view(),
        "after": {**new.audit_view(), "signature": {**signature, "meaning": meaning}},
        "reason": new.reason})


PC_KEY_SUFFIX = ".pckey"


def certify_plant(plan: PlantPlan, site_root: Path, passphrase: str, work_dir: Path
                  ) -> dict[str, bytes]:
    """A PC key for every station of the plan, certified in the site's directory (the site
    root opened with its passphrase): simulated stations are members as real ones are. The
    raw private keys (what worker processes get), also kept in `work_dir` as 0600 files for a
    demo whose stations go on registering (`plant_keys`)."""

    Path(work_dir).mkdir(parents=True, exist_ok=True)
    pairs = certify_simulated_pcs(Path(site_root), passphrase, plan.stations,
                                  database_file=Path(work_dir) / "directory.sqlite3")
    keys = {station_id: pair.private_raw() for station_id, pair in pairs.items()}
    for station_id, raw in keys.items():
        write_secret_file(Path(work_dir) / f"station-{station_id}{PC_KEY_SUFFIX}", raw.hex())
    return keys


def plant_keys(work_dir: Path) -> dict[str, bytes]:
    """The simulated stations' PC keys `certify_plant` kept in `work_dir`."""
    keys = {}
    for path in Path(work_dir).glob(f"station-*{PC_KEY_SUFFIX}"):
        station_id = path.name[len("station-"):-len(PC_KEY_SUFFIX)]
        keys[station_id] = bytes.fromhex(path.read_text(encoding="ascii").strip())
    return keys


def station_keys(raw: bytes) -> tuple[SigningKeyPair, SigningKey]:
    """A simulated station's PC key (seals, checkpoints) and its local MAC key (chain events,
    as a real PC's own local key: made from the PC key here, so the demo keeps one file)."""

    secret = hashlib.sha256(b"shopfloor-synthetic-local" + raw).digest()
    return SigningKeyPair.from_raw(raw), SigningKey(key_id_for("local", secret), secret)


def write_station(plan: PlantPlan, station_id: str, site_root: Path, pc_key: bytes,
                  work_dir: Path, *, keep_database: bool = False,
                  catalog: Catalog | None = None) -> StationOutcome:
    """Make one station's chain in a database of its own (in `work_dir`) and write its journal
    to the share with the product's writer, sealed with the station's PC key (`pc_key`, raw).
    The database is removed afterwards unless kept (a demo station that goes on registering
    boxes)."""
    sealer, key = station_keys(pc_key)
    started = _time.perf_counter()
    outcome = StationOutcome(station_id)
    catalog = catalog or default_catalog()
    path = Path(work_dir) / f"station-{station_id}.sqlite3"
    database = open_database(path)
    try:
        with database.write() as connection:
            anchor = meta_repo.get_or_create(connection, ANCHOR_KEY)
        clock = _Clock(plan.end)
        writer = JournalWriter(database, SiteLayout(Path(site_root)).station(station_id).ensure(),
                               anchor, sealer, clock=clock, seal_every=plan.seal_every,
                               durable=False)
        host = f"pc-{station_id}"
        prev, seq, rows = genesis_hash(anchor, station_id), 0, []
        batch_end = None
        for moment, actor, action, fields in station_events(plan, station_id, catalog):
            if batch_end is not None and moment >= batch_end:
                _store(database, rows, clock, moment)
                _export(writer)
                rows = []
            if not rows:
                batch_end = moment + timedelta(days=DAY_BATCH)
            seq += 1
            row = chained_row(station_id, seq, prev, moment, actor, action, fields, host, key)
            rows.append(row)
            prev = row[CHAIN_HASH]
            outcome.events += 1
            outcome.records += action == "record.create"
        _store(database, rows, clock, plan.end)
        _export(writer)
    finally:
        database.dispose()
        if not keep_database:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    outcome.seconds = _time.perf_counter() - started
    return outcome


CHAIN_HASH = 10  # where a chained row holds its event's hash (the next event's prev_hash)


def chained_row(station_id: str, seq: int, prev: bytes, moment: datetime, actor: Actor,
                action: str, fields: dict[str, Any], host: str, key: SigningKey) -> tuple:
    """One event of a station's chain as the row the product's audit trail stores (the
    columns of `_INSERT`), chained to `prev` and signed with the station's `key`."""
    event = AuditEvent(station=station_id, seq=seq, ts=format_utc(moment), user=actor.user,
                       role=actor.role, action=action, host=host, **fields)
    body = event.body()
    digest = event_hash(prev, body)
    return (station_id, seq, event.ts, actor.user, actor.role, action, fields.get("entity"),
            fields.get("entity_id"), fields.get("command_id"), prev, digest, key.key_id,
            key.mac(digest), body)


_INSERT = ("INSERT INTO audit_events (station, seq, ts, username, role, action, entity, "
           "entity_id, command_id, prev_hash, hash, key_id, mac, body) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _store(database, rows: list[tuple], clock: _Clock, moment: datetime) -> None:
    """A week of chain rows in one transaction (the writer exports them next)."""
    if rows:
        with database.write() as connection:
            connection.exec_driver_sql(_INSERT, rows)
    clock.moment = moment  # the seals are stamped as if written as they happened


def _export(writer: JournalWriter) -> None:
    while writer.sync(batch=EXPORT_BATCH):
        pass


def write_plant(plan: PlantPlan, site_root: Path, keys: dict[str, bytes], work_dir: Path, *,
                processes: int = 1, keep: Callable[[str], bool] = lambda _s: False,
                progress: Callable[[StationOutcome], None] | None = None
                ) -> list[StationOutcome]:
    """Every station of the plan (in `processes` worker processes): their journals on the
    share at `site_root`, each sealed with its key from `keys` (`certify_plant`)."""
    Path(work_dir).mkdir(parents=True, exist_ok=True)
    outcomes = []
    if processes <= 1:
        for station_id in plan.stations:
            outcomes.append(write_station(plan, station_id, site_root, keys[station_id], work_dir,
                                          keep_database=keep(station_id)))
            if progress:
                progress(outcomes[-1])
        return outcomes
    with ProcessPoolExecutor(max_workers=processes) as pool:
        futures = [pool.submit(write_station, plan, station_id, Path(site_root), keys[station_id],
                               Path(work_dir), keep_database=keep(station_id))
                   for station_id in plan.stations]
        for future in futures:
            outcomes.append(future.result())
            if progress:
                progress(outcomes[-1])
    return outcomes


def remove_work(work_dir: Path) -> None:
    shutil.rmtree(work_dir, ignore_errors=True)
