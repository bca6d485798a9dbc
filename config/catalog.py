"""Default catalogs, taken from the system our users run today (see REFERENCE.md).

A site publishes its own signed catalog later; these are the embedded defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from config.downtime import DowntimeSettings
from config.handover import HandoverSettings
from config.spc import SpcSettings
from config.labels import LabelTemplate


@dataclass(frozen=True)
class Machine:
    station_id: str
    size: str
    unit_weight_kg: float


@dataclass(frozen=True)
class Measurement:
    key: str
    label: str
    minimum: float
    maximum: float


@dataclass(frozen=True)
class QualityBands:
    """Mean rejection (%) bands: below `excellent` is excellent, then good, attention, critical."""

    excellent: float = 2.0
    good: float = 4.0
    attention: float = 6.0
    target: float = 3.0

    def rank(self, value: float) -> str:
        if value < self.excellent:
            return "excellent"
        if value < self.good:
            return "good"
        if value < self.attention:
            return "attention"
        return "critical"


@dataclass(frozen=True)
class MetricThresholds:
    """A station metric (per cent) is stable below `warning`, then warning, then critical."""

    warning: float
    critical: float

    def level(self, value: float | None) -> str:
        if value is None:
            return "unknown"
        if value >= self.critical:
            return "critical"
        return "warning" if value >= self.warning else "stable"


FLEET_METRICS: tuple[str, ...] = ("cpu", "memory", "disk")
DEFAULT_THRESHOLDS: dict[str, MetricThresholds] = {
    "cpu": MetricThresholds(80, 95), "memory": MetricThresholds(80, 95),
    "disk": MetricThresholds(85, 95)}

NO_REJECTION = "N/A"
# A rejection whose defect is known but whose location the old system did not record (its form
# allowed an empty or "N/A" location). Stored as this token, never as a catalog location; only
# imports (and corrections of imported records) may carry it, the GUI shows it translated, and
# statistics never rank it as a location. Site catalogs may not use it as a name.
LOCATION_NOT_RECORDED = "(not recorded)"

_MACHINE_ROWS: tuple[tuple[str, str, float], ...] = (
    ("201", "#1", 0.000076),
    ("202", "#2", 0.000063),
    ("203", "#0", 0.000096),
    ("204", "#0", 0.000096),
    ("205", "#2", 0.000063),
    ("206", "#00", 0.000121),
    ("207", "#0", 0.000096),
    ("208", "#3", 0.000050),
    ("209", "#0", 0.000096),
    ("210", "#00", 0.000121),
    ("211", "#0", 0.000096),
    ("212", "#0", 0.000096),
    ("213", "#00", 0.000121),
    ("214", "#4", 0.000038),
)

DEFAULT_DEFECTS: tuple[str, ...] = (
    "Amassada", "Apara Retida", "Barra Colada", "Cápsula Fina", "Dente", "Furo", "Rachada",
    "Short", "Suja", NO_REJECTION,
)
DEFAULT_LOCATIONS: tuple[str, ...] = ("Cap", "Body", "Cap/Body", NO_REJECTION)
DEFAULT_MEASUREMENTS: tuple[Measurement, ...] = (
    Measurement("cam_d", "CAM-D %", 0.0, 100.0),
    Measurement("cam_w", "CAM-W %", 0.0, 100.0),
)


@dataclass(frozen=True)
class Catalog:
    """What a form may contain (machines with size and unit weight, defects, locations,
    measurement ranges), how results are judged (quality bands and target, fleet thresholds),
    the site's default intervals and its time zone. A site publishes its own as a signed
    file."""

    machines: tuple[Machine, ...] = tuple(Machine(*row) for row in _MACHINE_ROWS)
    defects: tuple[str, ...] = DEFAULT_DEFECTS
    locations: tuple[str, ...] = DEFAULT_LOCATIONS
    measurements: tuple[Measurement, ...] = DEFAULT_MEASUREMENTS
    bands: QualityBands = field(default_factory=QualityBands)
    max_rejections: int = 3
    thresholds: dict[str, MetricThresholds] = field(default_factory=lambda: dict(DEFAULT_THRESHOLDS))
    # The site's default intervals (ms) pushed to every station; None keeps each PC's own.
    status_interval_ms: int | None = None
    rescan_interval_ms: int | None = None
    # The site's time zone (IANA name): shifts, and every time shown, are in it. None: not
    # named yet (the embedded defaults, catalogs published before it was kept here).
    timezone: str | None = None
    downtime: DowntimeSettings = field(default_factory=DowntimeSettings)  # stops and OEE
    # SPC: specification limits per size and measurement, minimum sample sizes.
    spc: SpcSettings = field(default_factory=SpcSettings)
    labels: LabelTemplate = field(default_factory=LabelTemplate)  # box and lot labels
    handover: HandoverSettings = field(default_factory=HandoverSettings)  # when offered
    version: int = 0  # 0: the embedded defaults; a published site catalog counts from 1

    @property
    def sizes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(machine.size for machine in self.machines))

    def machine(self, station_id: str) -> Machine | None:
        return next((m for m in self.machines if m.station_id == station_id), None)

    def measurement(self, key: str) -> Measurement:
        return next(m for m in self.measurements if m.key == key)

    def unit_weight_for_size(self, size: str) -> float | None:
        return next((m.unit_weight_kg for m in self.machines if m.size == size), None)


def default_catalog() -> Catalog:
    return Catalog()
