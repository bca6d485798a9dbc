"""Recording production: register a box, set the lot, correct and void records.

Every change and its audit event are written in one transaction. Permissions are checked
here, not only in the GUI: an operator reaching `edit_record` by any path is refused and the
attempt is audited.

Corrections and voids are signed: the person re-enters their password and says what the
signature means. The service checks the password through the auth service (a wrong one counts
towards the lockout and nothing is saved) and writes the signature's manifest (who, full name,
when, meaning; never the password) into the change's audit event.

How it fits: docs/architecture.md §4, "A box, from the form to every PC's site view".
"""


from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any, Callable, Mapping
from zoneinfo import ZoneInfo

from config.catalog import Catalog
from config.constants import Permission, Role
from data import records_repo
from data.records_repo import RecordFilter
from models.canonical import format_utc
from models.lot import Lot
from models.record import Origin, ProductionRecord
from models.record_ids import new_record_id
from models.validation import (
    FieldError, ValidationFailed, validate_int, validate_lot_code, validate_reason,
    validate_record_input,
)
from utils.audit.chain import Actor
from utils.auth import AuthService, Session
from utils.changes import Changes, Topic
from utils.clock import Clock, SystemClock
from utils.permissions import require
from utils.production_types import (
    Meaning, ProductionError, Signature, SignatureRejected, SiteRecords,
)
from utils.record_corrections import RecordCorrections, signed_view

log = logging.getLogger(__name__)

# The values the dialogs and tests take from here with the service.
__all__ = ["Meaning", "ProductionError", "ProductionService", "Signature", "SignatureRejected",
           "actor_of"]

# A manual record may be dated a little ahead (clocks differ) but not into the future.
MANUAL_FUTURE_TOLERANCE = timedelta(minutes=5)


def actor_of(session: Session) -> Actor:
    return session.actor


class ProductionService(RecordCorrections):
    """Recording production on this PC: the lot, boxes, manual records, reading; corrections
    and voids come from `RecordCorrections`."""

    def __init__(self, changes: Changes, catalog: Catalog, *,
                 station_id: str, timezone: str = "UTC", clock: Clock | None = None,
                 auth: AuthService | None = None):
        self.changes = changes
        self.database = changes.database
        # Checks signatures; without it no signed change can be made on this PC.
        self.auth = auth
        self.audit = changes.audit
        self.catalog = catalog
        self.station_id = station_id
        self.zone = ZoneInfo(timezone)
        self.timezone = timezone
        self.clock = clock or SystemClock()
        self.locked_reason: str | None = None
        # Another station's records, as this PC's site view holds them (set by the context).
        self.site_records: SiteRecords | None = None
        # Why a lot's records may not change now (released or rejected: utils/release), set by
        # the context; None: this PC knows of no lot decisions.
        self.lot_guard: Callable[[str], str | None] | None = None
    def set_timezone(self, timezone: str) -> None:
        """A newer site catalog named another zone: record times from now on use it."""
        self.zone = ZoneInfo(timezone)
        self.timezone = timezone

    # -- the operator's lot --------------------------------------------------------------------

    def current_lot(self) -> Lot | None:
        with self.database.read() as connection:
            return records_repo.get_lot(connection, self.station_id)

    def set_lot(self, session: Session, code: Any, total_boxes: Any, current_box: Any = 1, *,
                command_id: str | None = None) -> Lot:
        require(session, Permission.LOT_SET, self.changes, target=self.station_id)
        errors: list[FieldError] = []
        lot_code, found = validate_lot_code(code)
        errors += found
        total, found = validate_int("total_boxes", total_boxes, minimum=1, maximum=100_000)
        errors += found
        box, found = validate_int("current_box", current_box, minimum=1,
                                  maximum=total if total else None)
        errors += found
        if errors:
            raise ValidationFailed(errors)
        assert lot_code is not None and total is not None and box is not None
        lot = Lot(lot_code, total, box, 0)
        with self.changes.begin(actor_of(session), Topic.LOT) as tx:
            before = records_repo.get_lot(tx.connection, self.station_id)
            records_repo.put_lot(tx.connection, self.station_id, lot, self.clock.now())
            tx.audit("lot.set", entity="lot",
                     entity_id=lot_code, before=_lot_view(before), after=_lot_view(lot),
                     command_id=command_id)
        return lot

    # -- registering a box ---------------------------------------------------------------------

    def register_box(self, session: Session, form: Mapping[str, Any]) -> ProductionRecord:
        """Validate the form against the current lot and store the box with its audit event.

        The box number and lot come from the station's lot, not from the form.
        """
        require(session, Permission.RECORD_CREATE, self.changes, target=self.station_id)
        if self.locked_reason is not None:
            raise ProductionError("station_locked",
                                  f"Production entry is locked: {self.locked_reason}")
        lot_now = self.current_lot()
        if lot_now is not None:
            self._refuse_if_frozen(lot_now.code)
        with self.changes.begin(actor_of(session), Topic.RECORDS) as tx:
            lot = records_repo.get_lot(tx.connection, self.station_id)
            if lot is None:
                raise ProductionError("no_lot", "Set the lot before registering a box.")
            if not lot.can_register:
                raise ProductionError("lot_complete",
                                      f"Lot {lot.code} is complete ({lot.total_boxes} boxes); "
                                      f"set a new lot.")
            draft = validate_record_input(
                {**form, "lot": lot.code, "box": lot.current_box}, self.catalog,
                total_boxes=lot.total_boxes)
            now = self.clock.now()
            record = ProductionRecord(
                **draft.content(), record_id=new_record_id(self.station_id), station_id=self.station_id,
                operator=session.username, recorded_at=now,
                utc_offset_minutes=self._offset_minutes(now), origin=Origin.STATION)
            records_repo.insert_version(tx.connection, record)
            records_repo.put_lot(tx.connection, self.station_id, lot.after_registration(), now)
            tx.audit("record.create", entity="record",
                     entity_id=record.record_id, after=record.audit_view())
        return record

    def manual_record(self, session: Session, station_id: str, form: Mapping[str, Any],
                      reason: Any, recorded_at: datetime | None = None) -> ProductionRecord:
        """A supervisor enters a box on behalf of a station, with a mandatory reason."""
        require(session, Permission.RECORD_MANUAL, self.changes, target=station_id)
        reason_text = validate_reason(reason)
        if self.catalog.machine(str(station_id)) is None:
            raise ProductionError("unknown_station",
                                  f"Station {station_id!r} is not in the machine table.")
        draft = validate_record_input(form, self.catalog)
        self._refuse_if_frozen(draft.lot)
        now = self.clock.now()
        when = recorded_at or now
        if when - now > MANUAL_FUTURE_TOLERANCE:
            raise ProductionError("future", "A record cannot be entered for a time in the future.")
        record = ProductionRecord(
            **draft.content(), record_id=new_record_id(station_id), station_id=station_id,
            operator=session.username, recorded_at=when,
            utc_offset_minutes=self._offset_minutes(when), origin=Origin.MANUAL,
            reason=reason_text)
        # Made on behalf of a station: in a site, signed with the person's own key (opened
        # by the password they typed at login), or no other PC's site view takes it.
        manifest = {"meaning": "manual", "signed_by": session.username,
                    "full_name": session.full_name, "signed_at": format_utc(now)}
        after = (signed_view(record, manifest, session, reason_text)
                 if session.signer is not None else record.audit_view())
        with self.changes.begin(actor_of(session), Topic.RECORDS) as tx:
            records_repo.insert_version(tx.connection, record)
            tx.audit("record.manual", entity="record",
                     entity_id=record.record_id, after=after, reason=reason_text)
        return record
    # -- reading -------------------------------------------------------------------------------

    def history(self, session: Session, record_id: str) -> list[ProductionRecord]:
        with self.database.read() as connection:
            versions = records_repo.history(connection, record_id)
        if versions and versions[0].station_id != self.station_id or not versions:
            require(session, Permission.RECORD_VIEW_SITE, self.changes, target=record_id)
        else:
            require(session, Permission.RECORD_VIEW_OWN, self.changes, target=record_id)
        return versions

    def list_records(self, session: Session, record_filter: RecordFilter = RecordFilter()
                     ) -> list[dict[str, Any]]:
        """Operators see their own station only; analysts and up see the whole database."""
        record_filter = self.scope_filter(session, record_filter)
        with self.database.read() as connection:
            return records_repo.list_current_rows(connection, record_filter)

    def scope_filter(self, session: Session, record_filter: RecordFilter) -> RecordFilter:
        if session.role in (Role.OPERATOR,) or record_filter.station_id == self.station_id:
            require(session, Permission.RECORD_VIEW_OWN, self.changes)
            return replace(record_filter, station_id=self.station_id)
        require(session, Permission.RECORD_VIEW_SITE, self.changes)
        return record_filter

    def _offset_minutes(self, moment: datetime) -> int:
        offset = moment.astimezone(self.zone).utcoffset()
        return 0 if offset is None else int(offset.total_seconds() // 60)


def _lot_view(lot: Lot | None) -> dict[str, Any] | None:
    if lot is None:
        return None
    return {"code": lot.code, "total_boxes": lot.total_boxes, "current_box": lot.current_box}
