"""Everything the printed lot record holds, gathered in one place (off the GUI thread): the lot's
state and signed decisions, every version of its records (what changed, by whom, when, why),
its exceptions with their acknowledgements, and a verify run now of every chain involved.

The printing itself is the GUI's (gui/admin/lot_record_pdf.py, Qt's QPdfWriter); this module
only reads. Making the record is audited (`lot.record_pdf`) by whoever writes the file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from config.constants import Permission
from data import lot_repo
from models.lot_status import LOT_STATUS_ENTITY
from utils.audit.verify import VerifyResult
from utils.auth import Session
from utils.changes import Topic
from utils.permissions import require
from utils.release.exceptions import LotException
from utils.release.service import LotState

if TYPE_CHECKING:
    from utils.context import AppContext

# The fields a correction may change, in the order the record lists them.
CHANGED_FIELDS = ("lot", "box", "size", "unit_weight_kg", "rej1_defect", "rej1_location",
                  "rej2_defect", "rej2_location", "rej3_defect", "rej3_location", "cam_d",
                  "cam_w", "status")


@dataclass(frozen=True)
class FieldChange:
    record_id: str
    station: str
    box: int
    version: int
    field: str
    before: Any
    after: Any
    editor: str | None
    edited_at: str | None
    reason: str | None


@dataclass
class LotRecord:
    state: LotState
    versions: list[dict[str, Any]]
    exceptions: list[LotException]
    verified: dict[str, VerifyResult]
    printed_at: datetime
    printed_by: str
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def changed_records(self) -> dict[str, set[str]]:
        """record id -> the fields any of its versions changed."""
        changed: dict[str, set[str]] = {}
        for change in self.changes:
            changed.setdefault(change.record_id, set()).add(change.field)
        return changed

    def first_values(self) -> dict[str, dict[str, Any]]:
        """record id -> its first version (what a changed value was at the start)."""
        first: dict[str, dict[str, Any]] = {}
        for version in self.versions:
            known = first.get(version["record_id"])
            if known is None or version["version"] < known["version"]:
                first[version["record_id"]] = version
        return first


def field_changes(versions: list[dict[str, Any]]) -> list[FieldChange]:
    """Each changed value of each version against the version before it (its base when two
    versions share a number: both are listed)."""
    by_record: dict[str, list[dict[str, Any]]] = {}
    for version in versions:
        by_record.setdefault(version["record_id"], []).append(version)
    found: list[FieldChange] = []
    for record_id, rows in by_record.items():
        rows.sort(key=lambda r: (r["version"], r["edited_at"] or ""))
        for row in rows[1:]:
            base_number = row["base_version"] or row["version"] - 1
            base = next((r for r in rows if r["version"] == base_number), rows[0])
            for name in CHANGED_FIELDS:
                if base[name] != row[name]:
                    found.append(FieldChange(record_id, row["station_id"], row["box"],
                                             row["version"], name, base[name], row[name],
                                             row["editor"], row["edited_at"], row["reason"]))
    found.sort(key=lambda c: (c.station, c.box, c.version, CHANGED_FIELDS.index(c.field)))
    return found


def gather(ctx: "AppContext", session: Session, lot: str, *,
           progress: Callable[[int, int | None], None] | None = None,
           cancel: threading.Event | None = None) -> LotRecord:
    """The lot's record as of now, with a verify of each station's chain run now."""
    require(session, Permission.LOT_VIEW, ctx.changes, target=lot)
    service = ctx.release
    state = service.state(session, lot)
    view = ctx.site_view
    with view.database.read() as connection:
        versions = lot_repo.lot_versions(connection, [r["record_id"] for r in state.records])
    # Every chain the record rests on: the stations', the PCs' that corrected or signed.
    chains = (set(state.stations) | {v["source_station"] for v in versions}
              | {d.station for d in state.history.chain})
    verified: dict[str, VerifyResult] = {}
    for station in sorted(chains):
        if cancel is not None and cancel.is_set():
            break
        if station == ctx.station_id:
            results = ctx.verify_audit(cancel=cancel)
            own = [r for r in results if r.station == station] or results
            verified[station] = next((r for r in own if not r.ok), own[0])
        elif view.store is not None:
            verified[station] = view.verify_station(station, cancel=cancel)
        if progress is not None:
            progress(len(verified), None)
    exceptions = service.exceptions(session, lot, lot_state=state, verified=verified)
    return LotRecord(state, versions, exceptions, verified, ctx.clock.now(), session.full_name,
                     field_changes(versions))


def record_made(ctx: "AppContext", session: Session, record: LotRecord, out: Path,
                pages: int) -> None:
    """The printed record's own audit event: which lot, which content, where, how long."""
    ctx.changes.record(session.actor, "lot.record_pdf", topic=Topic.AUDIT,
                       entity=LOT_STATUS_ENTITY, entity_id=record.state.lot,
                       after={"file": Path(out).name, "pages": pages,
                              "content_hash": record.state.content_hash,
                              "status": str(record.state.status)})


class LotRecords:
    """`gather` and `record_made` with this installation's context bound, and the site's zone
    the record is printed in: what the Lots tab's PDF receives (gui/admin/wiring.py), so that
    no screen holds the context."""

    def __init__(self, ctx: "AppContext"):
        self._ctx = ctx

    @property
    def timezone(self) -> str:
        return self._ctx.timezone

    def gather(self, session: Session, lot: str, *,
               progress: Callable[[int, int | None], None] | None = None,
               cancel: threading.Event | None = None) -> LotRecord:
        return gather(self._ctx, session, lot, progress=progress, cancel=cancel)

    def made(self, session: Session, record: LotRecord, out: Path, pages: int) -> None:
        record_made(self._ctx, session, record, out, pages)
