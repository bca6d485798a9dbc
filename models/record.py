"""A production record: one registered box, and each of its versions."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from config.catalog import LOCATION_NOT_RECORDED
from models.canonical import format_utc


class Origin(StrEnum):
    STATION = "station"
    MANUAL = "manual"
    IMPORT = "import"


class RecordStatus(StrEnum):
    ACTIVE = "active"
    VOIDED = "voided"


MIN_REASON_LENGTH = 10

# The audit actions whose event carries a whole record version in its `after` (audit_view):
# what the site view takes records from, and what each stored version is checked against.
RECORD_EVENT_ACTIONS = frozenset(("record.create", "record.manual", "record.edit",
                                  "record.void", "record.import"))


@dataclass(frozen=True)
class Rejection:
    defect: str
    location: str  # a catalog location, or LOCATION_NOT_RECORDED (imported, see config.catalog)

    @property
    def location_recorded(self) -> bool:
        return self.location != LOCATION_NOT_RECORDED


@dataclass(frozen=True)
class RecordDraft:
    """A box's content as validated (models/validation.py), not yet stored: a record adds
    identity, time and author to it."""

    lot: str
    box: int
    size: str
    unit_weight_kg: float | None
    rejections: tuple[Rejection, ...]
    cam_d: float | None
    cam_w: float | None

    def content(self) -> dict[str, Any]:
        """The box's content alone, as keyword arguments (a new record, or a new version)."""
        return {name: getattr(self, name) for name in CONTENT_FIELDS}


CONTENT_FIELDS = tuple(item.name for item in fields(RecordDraft))


@dataclass(frozen=True, kw_only=True)
class ProductionRecord(RecordDraft):
    """One version of one box: its content (`RecordDraft`) and who, where, when, which
    version. Versions are appended, never overwritten.

    `operator` is the original author and never changes across versions; `editor` is who wrote
    this version when it is not the first.
    """

    record_id: str
    station_id: str
    operator: str
    recorded_at: datetime
    utc_offset_minutes: int
    origin: Origin = Origin.STATION
    status: RecordStatus = RecordStatus.ACTIVE
    version: int = 1
    reason: str | None = None
    editor: str | None = None
    edited_at: datetime | None = None
    base_version: int | None = None
    source_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_conflict(self) -> bool:
        """True when this version was written from an older version than the one before it."""
        return self.base_version is not None and self.base_version != self.version - 1

    def audit_view(self) -> dict[str, Any]:
        """The record as it appears in audit events (before/after)."""
        return {
            "record_id": self.record_id,
            "station": self.station_id,
            "lot": self.lot,
            "box": self.box,
            "size": self.size,
            "unit_weight_kg": self.unit_weight_kg,
            "rejections": [[r.defect, r.location] for r in self.rejections],
            "cam_d": self.cam_d,
            "cam_w": self.cam_w,
            "operator": self.operator,
            "recorded_at": format_utc(self.recorded_at),
            "utc_offset_minutes": self.utc_offset_minutes,
            "origin": str(self.origin),
            "status": str(self.status),
            "version": self.version,
            "reason": self.reason,
            "editor": self.editor,
            "edited_at": None if self.edited_at is None else format_utc(self.edited_at),
            "base_version": self.base_version,
        }

    def next_version(self, **changes: Any) -> "ProductionRecord":
        return replace(self, version=self.version + 1, base_version=self.version, **changes)
