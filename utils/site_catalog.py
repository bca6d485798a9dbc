"""The site catalog: machines, defects, locations, measurement ranges, quality bands and target,
fleet thresholds, default intervals and the site's time zone, edited by an admin and published
to every PC.

In a site it is a `catalog.publish` operation in the signed directory log, signed by the admin
who publishes it (write access to the share is not enough to change what stations accept).
Every PC keeps the newest catalog it has seen in its own database, so the form works while the
share is away; a catalog is taken only when its `version` is higher than the one held. Publishing
is an admin's act, checked here and audited with the before and after and a reason. A catalog
equal to the one in force is refused (`CatalogUnchanged`): a new version that changes nothing
would tell every station to take it and fill the audit with publishes of nothing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from config.catalog import (
    FLEET_METRICS, LOCATION_NOT_RECORDED, NO_REJECTION, Catalog, Machine, Measurement,
    MetricThresholds, QualityBands, default_catalog,
)
from config.constants import Permission
from data import meta_repo
from models.canonical import canonical_json, format_utc
from models.validation import FieldError, ValidationFailed, validate_reason
from utils.audit.chain import Actor
from utils.auth import Session
from utils.catalog_checks import required_text, whole_number
from utils.changes import Topic
from utils.mes.downtime_catalog import downtime_from_dict, downtime_to_dict
from utils.mes.spc_catalog import spc_from_dict, spc_to_dict
from utils.mes.label_catalog import labels_from_dict, labels_to_dict
from utils.mes.handover_catalog import handover_from_dict, handover_to_dict
from utils.permissions import require
from utils.timezones import valid_zone
from utils.trust.directory_state import OpRefused, check_op
from utils.trust.dirlog import make_op

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

META_KEY = "site_catalog"
CATALOG_MAX_BYTES = 256 * 1024
NAME_MAX = 40
STATUS_INTERVAL_RANGE = (100, 60_000)
RESCAN_INTERVAL_RANGE = (10, 60_000)


# -- the catalog as plain data -----------------------------------------------------------------

def catalog_to_dict(catalog: Catalog) -> dict[str, Any]:
    """The catalog as the JSON document's body (no signature, no version)."""
    return {
        "machines": [{"station_id": m.station_id, "size": m.size,
                      "unit_weight_kg": m.unit_weight_kg} for m in catalog.machines],
        "defects": [d for d in catalog.defects if d != NO_REJECTION],
        "locations": [loc for loc in catalog.locations if loc != NO_REJECTION],
        "measurements": [{"key": m.key, "label": m.label, "minimum": m.minimum,
                          "maximum": m.maximum} for m in catalog.measurements],
        "bands": {"excellent": catalog.bands.excellent, "good": catalog.bands.good,
                  "attention": catalog.bands.attention, "target": catalog.bands.target},
        "thresholds": {name: {"warning": t.warning, "critical": t.critical}
                       for name, t in catalog.thresholds.items()},
        "intervals": {"status_interval_ms": catalog.status_interval_ms,
                      "rescan_interval_ms": catalog.rescan_interval_ms},
        "max_rejections": catalog.max_rejections,
        "timezone": catalog.timezone,
        "downtime": downtime_to_dict(catalog.downtime),
        "spc": spc_to_dict(catalog.spc),
        "labels": labels_to_dict(catalog.labels),
        "handover": handover_to_dict(catalog.handover),
    }


def catalog_from_dict(raw: Mapping[str, Any], *, version: int = 0) -> Catalog:
    """Check every part of a catalog and build it; `ValidationFailed` lists every problem.

    The fields are named after where an editor shows them (`machines.3.size`), so each error can
    be put next to the value it is about.
    """
    errors: list[FieldError] = []

    def number(field: str, value: Any, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            errors.append(FieldError(field, "not_a_number", f"{field} must be a number"))
            return low
        if not low <= value <= high:
            errors.append(FieldError(field, "out_of_range", f"{field} must be between {low} and "
                                     f"{high}", {"min": low, "max": high}))
        return float(value)

    def names(field: str, values: Any) -> tuple[str, ...]:
        if not isinstance(values, list) or not values:
            errors.append(FieldError(field, "required", f"{field} needs at least one entry"))
            return ()
        taken: list[str] = []
        for index, value in enumerate(values):
            text = required_text(f"{field}.{index}", value, NAME_MAX, errors)
            if text is None:
                continue
            if text == NO_REJECTION:
                continue  # always present, added below
            if text.casefold() == LOCATION_NOT_RECORDED.casefold():
                # Imported records use it for "the old system did not record the location";
                # as a catalog name it would make such records look located.
                errors.append(FieldError(f"{field}.{index}", "reserved",
                                         f"{text!r} is reserved for imported records"))
                continue
            if text.casefold() in (t.casefold() for t in taken):
                errors.append(FieldError(f"{field}.{index}", "duplicate", f"{text!r} twice"))
                continue
            taken.append(text)
        return (*taken, NO_REJECTION)

    machines: list[Machine] = []
    raw_machines = raw.get("machines")
    if not isinstance(raw_machines, list) or not raw_machines:
        errors.append(FieldError("machines", "required", "the machine table needs a machine"))
        raw_machines = []
    seen: set[str] = set()
    for index, entry in enumerate(raw_machines):
        entry = entry if isinstance(entry, Mapping) else {}
        station = required_text(f"machines.{index}.station_id", entry.get("station_id"), 64,
                                errors)
        size = required_text(f"machines.{index}.size", entry.get("size"), 20, errors)
        weight = number(f"machines.{index}.unit_weight_kg", entry.get("unit_weight_kg"), 0.0, 1.0)
        if station is not None and station in seen:
            errors.append(FieldError(f"machines.{index}.station_id", "duplicate",
                                     f"station {station} twice"))
        elif station is not None and size is not None:
            seen.add(station)
            machines.append(Machine(station, size, weight))
    defects = names("defects", raw.get("defects"))
    locations = names("locations", raw.get("locations"))

    defaults = {m.key: m for m in default_catalog().measurements}
    measurements: list[Measurement] = []
    raw_measurements = {m.get("key"): m for m in raw.get("measurements") or []
                        if isinstance(m, Mapping)}
    for key, default in defaults.items():  # the record has exactly these measurements
        entry = raw_measurements.get(key, {})
        low = number(f"measurements.{key}.minimum", entry.get("minimum", default.minimum), 0, 100)
        high = number(f"measurements.{key}.maximum", entry.get("maximum", default.maximum), 0, 100)
        if low >= high:
            errors.append(FieldError(f"measurements.{key}.maximum", "not_above_minimum",
                                     f"{key}: the maximum must be above the minimum"))
        measurements.append(Measurement(key, default.label, low, high))

    raw_bands = raw.get("bands") if isinstance(raw.get("bands"), Mapping) else {}
    band_values = {name: number(f"bands.{name}", raw_bands.get(name), 0, 100)
                   for name in ("excellent", "good", "attention", "target")}
    if not band_values["excellent"] < band_values["good"] < band_values["attention"]:
        errors.append(FieldError("bands.good", "bands_order",
                                 "the bands must rise: excellent < good < attention"))

    thresholds: dict[str, MetricThresholds] = {}
    raw_thresholds = raw.get("thresholds") if isinstance(raw.get("thresholds"), Mapping) else {}
    for name in FLEET_METRICS:
        entry = raw_thresholds.get(name) if isinstance(raw_thresholds.get(name), Mapping) else {}
        warning = number(f"thresholds.{name}.warning", entry.get("warning"), 1, 100)
        critical = number(f"thresholds.{name}.critical", entry.get("critical"), 1, 100)
        if warning >= critical:
            errors.append(FieldError(f"thresholds.{name}.critical", "not_above_warning",
                                     f"{name}: critical must be above warning"))
        thresholds[name] = MetricThresholds(warning, critical)

    raw_intervals = raw.get("intervals") if isinstance(raw.get("intervals"), Mapping) else {}
    intervals: dict[str, int | None] = {}
    for name, bounds in (("status_interval_ms", STATUS_INTERVAL_RANGE),
                         ("rescan_interval_ms", RESCAN_INTERVAL_RANGE)):
        intervals[name] = whole_number(f"intervals.{name}", raw_intervals.get(name), None,
                                       bounds, errors)

    zone = raw.get("timezone")
    if zone is not None and not valid_zone(zone):
        errors.append(FieldError("timezone", "not_a_zone", f"{zone!r} is not a time zone name "
                                 "such as America/Sao_Paulo", {"value": str(zone)[:64]}))
        zone = None

    max_rejections = raw.get("max_rejections", 3)
    if max_rejections not in (1, 2, 3) or isinstance(max_rejections, bool):
        errors.append(FieldError("max_rejections", "out_of_range", "1 to 3 rejections per box",
                                 {"min": 1, "max": 3}))
        max_rejections = 3
    downtime = downtime_from_dict(raw.get("downtime"), errors)
    spc = spc_from_dict(raw.get("spc"), errors)
    labels = labels_from_dict(raw.get("labels"), errors)
    handover = handover_from_dict(raw.get("handover"), errors)
    if errors:
        raise ValidationFailed(errors)
    return Catalog(machines=tuple(machines), defects=defects, locations=locations,
                   measurements=tuple(measurements),
                   bands=QualityBands(**band_values), max_rejections=max_rejections,
                   thresholds=thresholds, status_interval_ms=intervals["status_interval_ms"],
                   rescan_interval_ms=intervals["rescan_interval_ms"], timezone=zone,
                   downtime=downtime, spc=spc, labels=labels, handover=handover,
                   version=version)


# -- keeping, publishing and taking the catalog ------------------------------------------------

def stored_document(database) -> dict[str, Any] | None:
    """The newest catalog document this PC has kept (None: never took or published one)."""
    with database.read() as connection:
        text = meta_repo.get(connection, META_KEY)
    return json.loads(text) if text else None


class CatalogUnchanged(ValidationFailed):
    """The catalog to publish is the one in force: nothing was published. A refusal about what
    the person submitted (a ValidationFailed, so it is logged as one line and the CLI says it);
    `version` is the version in force (0: the built-in catalog)."""

    def __init__(self, version: int):
        self.version = version
        in_force = f"version {version}" if version else "the built-in catalog"
        super().__init__([FieldError(
            "catalog", "unchanged", f"nothing changed: the catalog in force is already "
            f"{in_force}; nothing was published", {"version": version})])


@dataclass(frozen=True)
class Published:
    catalog: Catalog
    published_by: str
    published_at: str


class SiteCatalogService:
    """One PC's view of the site catalog: its stored copy, publishing, and taking newer ones.

    In a site the catalog is published as a `catalog.publish` operation in the site's
    directory log, signed by the admin who publishes it: versions only grow and every PC
    witnesses them, so an older catalog put back on the share is never taken."""

    def __init__(self, ctx: "AppContext", trust=None, *, in_site: bool = False):
        self.ctx = ctx
        self.in_site = in_site  # the PC was in a site (a site folder in its settings) when opened
        self.trust = trust  # utils.trust.site_trust.SiteTrust when it is a certified member

    @property
    def share_pending(self) -> bool:
        """True while a catalog published here waits for the share (in the outbox)."""
        return self.trust is not None and self.trust.directory.pending() > 0

    # stored copy ---------------------------------------------------------------------------
    def stored(self) -> Published | None:
        document = stored_document(self.ctx.database)
        if document is None:
            return None
        return Published(catalog_from_dict(document["catalog"], version=document["version"]),
                         document.get("published_by", ""), document.get("published_at", ""))

    def _store(self, connection, document: dict[str, Any]) -> None:
        meta_repo.put(connection, META_KEY, canonical_json(document))

    # publishing ----------------------------------------------------------------------------
    def _in_force(self) -> tuple[int, dict[str, Any] | None]:
        """The newest catalog this PC knows, as a document body: the one it uses, or a newer
        one the site's directory holds and this PC has not taken yet (a publish equal to the
        older one would then undo the newer one: a change)."""
        held = self.ctx.catalog
        state = self.trust.state if self.trust is not None else None
        if state is None or state.catalog_version <= held.version:
            return held.version, catalog_to_dict(held)
        try:
            return state.catalog_version, catalog_to_dict(catalog_from_dict(
                state.catalog["catalog"]))
        except (ValidationFailed, KeyError, TypeError):  # one this PC refuses: not comparable
            return state.catalog_version, None

    def publish(self, session: Session, raw: Mapping[str, Any], reason: Any) -> Catalog:
        """Check, sign, keep and publish a new catalog (version = newest known + 1)."""
        require(session, Permission.SETTINGS_MANAGE, self.ctx.changes, target="site catalog")
        reason_text = validate_reason(reason)
        checked = catalog_from_dict(raw)  # every problem before anything is written
        newest, in_force = self._in_force()
        if catalog_to_dict(checked) == in_force:
            log.info("Site catalog not published by %s: nothing changed since version %s",
                     session.username, newest)
            raise CatalogUnchanged(newest)
        before = catalog_to_dict(self.ctx.catalog)
        catalog = catalog_from_dict(raw, version=newest + 1)
        document = {"kind": "catalog", "version": catalog.version,
                    "catalog": catalog_to_dict(catalog), "published_by": session.username,
                    "published_at": format_utc(self.ctx.clock.now())}
        op = None
        if self.trust is not None:
            if session.signer is None:
                raise PermissionError(f"{session.username} has no signing key open in this "
                                      "session; log in again with your password")
            op = make_op(self.trust.person_name(session.username), session.signer,
                         self.trust.site_id, "catalog.publish",
                         {"version": catalog.version, "catalog": document}, self.ctx.clock.now())
            try:
                check_op(self.trust.state, op)
            except OpRefused as exc:
                raise PermissionError(f"the site's directory refuses this catalog: {exc}") from exc
        with self.ctx.changes.begin(session.actor, Topic.CATALOG) as tx:
            self._store(tx.connection, document)
            tx.audit("catalog.publish", entity="catalog",
                     entity_id=str(catalog.version), before=before,
                     after=document["catalog"], reason=reason_text)
        self.ctx.apply_catalog(catalog)
        if op is not None:
            self.trust.directory.submit(op)
        return catalog

    def publish_time_zone(self, session: Session, zone: str, reason: Any) -> Catalog:
        """The catalog in force with the site's time zone set to `zone` (a site being created
        names its zone this way; the Settings tab changes it with the rest)."""
        raw = catalog_to_dict(self.ctx.catalog)
        raw["timezone"] = zone
        return self.publish(session, raw, reason)

    # taking --------------------------------------------------------------------------------
    def refresh(self) -> Catalog | None:
        """Take the site's catalog from the verified directory if it is newer than ours."""
        if self.trust is None:
            return None
        state = self.trust.state
        held = self.ctx.catalog.version
        if state.catalog is None or state.catalog_version <= held:
            return None
        body = state.catalog
        try:
            catalog = catalog_from_dict(body["catalog"], version=state.catalog_version)
        except (ValidationFailed, KeyError, TypeError) as exc:
            detail = ("; ".join(e.message for e in exc.errors) if isinstance(exc, ValidationFailed)
                      else str(exc))
            log.warning("Site catalog version %s refused: %s", state.catalog_version, detail)
            return None
        body = {**body, "version": catalog.version}
        with self.ctx.changes.begin(Actor.system(), Topic.CATALOG) as tx:
            self._store(tx.connection, body)
            tx.audit("catalog.take",
                     entity="catalog", entity_id=str(catalog.version),
                     after={"version": catalog.version,
                            "published_by": body.get("published_by"),
                            "published_at": body.get("published_at")})
        self.ctx.apply_catalog(catalog)
        log.info("Site catalog version %s taken (published by %s)", catalog.version,
                 body.get("published_by"))
        return catalog
