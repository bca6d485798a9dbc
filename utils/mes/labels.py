"""Printing box and lot labels: what a label says, whether it is a reprint, and its audit.

`LabelService.print_label` checks the permission, decides first print or reprint (a reprint
needs a reason and is marked REPRINT on the label), hands the label to a printer (a callable:
the Qt print path or a Zebra socket, so this module stays Qt-free) and only when the printer
took it writes the audit event `label.print` or `label.reprint` with the unit of work. A
failed print writes nothing, so trying again is still the first print.

Whether a label was printed before is read from this PC's own chain (events about the entity
`label` with the label's key): labels are printed where the box is made, and the event travels
with the station's journal to every PC's Audit tab.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Mapping
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from config.constants import Permission
from data import records_repo
from data.schema import audit_events
from models.lot import Lot
from models.record import ProductionRecord
from models.validation import validate_reason
from utils.changes import Topic
from utils.mes.label_layout import LabelContent
from utils.mes.label_payload import encode_payload
from utils.permissions import require

if TYPE_CHECKING:
    from utils.context import AppContext

log = logging.getLogger(__name__)

PRINT_ACTIONS = ("label.print", "label.reprint")
TIME_FORMAT = "%Y-%m-%d %H:%M"


class LabelError(ValueError):
    """A label that cannot be printed as asked; `code` names why for the screen."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class LabelJob:
    """A label ready for a printer: what it says (REPRINT marked) and which print it is."""

    content: LabelContent
    key: str
    copy: int  # 1: the first print; 2 and on: reprints
    reason: str | None


def label_key(content: LabelContent) -> str:
    """The audit entity id of a label: the same box or lot label has the same key."""
    if content.kind == "box":
        return f"box/{content.station}/{content.lot}/{content.box}"
    return f"lot/{content.station}/{content.lot}"


class LabelService:
    def __init__(self, ctx: "AppContext"):
        self.ctx = ctx

    def _local_time(self, moment: datetime) -> str:
        return moment.astimezone(ZoneInfo(self.ctx.timezone)).strftime(TIME_FORMAT)

    def box_content(self, record: ProductionRecord, lot: Lot | None) -> LabelContent:
        """The label of one box; the lot's size comes from `lot` when it is the box's lot."""
        total = lot.total_boxes if lot is not None and lot.code == record.lot else 0
        return LabelContent("box", record.lot, record.box, total, record.size, record.station_id,
                            self._local_time(record.recorded_at), record.operator,
                            encode_payload(record.lot, record.box, total))

    def box_content_for_row(self, row: Mapping[str, Any], lot: Lot | None) -> LabelContent:
        """The label of a record as the records table holds it (a current version's row)."""
        return self.box_content(records_repo.row_to_record(row), lot)

    def lot_content(self, lot: Lot, size: str, operator: str) -> LabelContent:
        """The lot's own label, printed now by `operator`."""
        return LabelContent("lot", lot.code, 0, lot.total_boxes, size, self.ctx.station_id,
                            self._local_time(self.ctx.clock.now()), operator,
                            encode_payload(lot.code, 0, lot.total_boxes))

    def times_printed(self, key: str) -> int:
        with self.ctx.database.read() as connection:
            return connection.execute(
                select(func.count()).select_from(audit_events).where(
                    audit_events.c.entity == "label", audit_events.c.entity_id == key,
                    audit_events.c.action.in_(PRINT_ACTIONS))).scalar_one()

    def prepare(self, session, content: LabelContent, reason: str | None = None) -> LabelJob:
        """The job to print; a reprint without a valid reason is refused (LabelError or
        ValidationFailed), before anything reaches a printer."""
        require(session, Permission.LABEL_PRINT, self.ctx.changes, target="label")
        key = label_key(content)
        printed = self.times_printed(key)
        if printed == 0:
            return LabelJob(replace(content, reprint=False), key, 1, None)
        if reason is None or not str(reason).strip():
            raise LabelError("reason_required", f"this label was printed {printed} time(s) "
                             "already: a reprint needs a reason")
        return LabelJob(replace(content, reprint=True), key, printed + 1, validate_reason(reason))

    def record(self, session, job: LabelJob, printer: str) -> None:
        """Audit a label the printer took."""
        content = job.content
        with self.ctx.changes.begin(session.actor, Topic.LABELS) as tx:
            tx.audit("label.reprint" if content.reprint else "label.print", entity="label",
                     entity_id=job.key, reason=job.reason,
                     after={"kind": content.kind, "lot": content.lot, "box": content.box,
                            "total_boxes": content.total_boxes, "size": content.size,
                            "station": content.station, "operator": content.operator,
                            "copy": job.copy, "printer": printer[:200],
                            "payload": content.payload})

    def print_label(self, session, content: LabelContent, reason: str | None,
                    send: Callable[[LabelJob], str]) -> LabelJob:
        """Prepare, print with `send` (returns the printer's name), then audit. If `send`
        raises, nothing is recorded and the error goes to the caller."""
        job = self.prepare(session, content, reason)
        printer = send(job)
        self.record(session, job, printer)
        log.info("Label %s printed on %s (copy %d)", job.key, printer, job.copy)
        return job
