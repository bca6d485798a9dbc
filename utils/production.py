"""Recording production: register a box, set the lot, correct and void records.

Every change and its audit event are written in one transaction. Permissions are checked
here, not only in the GUI: an operator reaching `edit_record` by any path is refused and the
attempt is audited.

Corrections and voids are signed: the person re-enters their password and says what the
signature means. The service checks the password through the auth service (a wrong one counts
towards the lockout and nothing is saved) and writes the signature's manifest (who, full name,
when, meaning; never the password) into the change's audit event.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Callable, Mapping
from zoneinfo import ZoneInfo

from config.catalogs import Catalog
from config.constants import Permission, Role
from data import records_repo
from data.database import Database
from data.records_repo import RecordFilter
from models.canonical import format_utc
from models.lot import Lot
from models.record import Origin, ProductionRecord, RecordStatus
from models.refusal import CodedRefusal
from models.validation import (
    FieldError, ValidationFailed, validate_int, validate_lot_code, validate_reason,
    validate_record_input,
)
from utils.audit.chain import Actor
from utils.audit.records import RecordsNotProven, require_proven
from utils.auth import AuthService, Session
from utils.changes import Changes, Topic
from utils.clock import Clock, SystemClock
from utils.permissions import require
from utils.trust.record_signatures import sign_manifest

log = logging.getLogger(__name__)

# A manual record may be dated a little ahead (clocks differ) but not into the future.
MANUAL_FUTURE_TOLERANCE = timedelta(minutes=5)


SiteRecords = Callable[[str], "dict[str, Any] | None"]


def current_version(connection, record_id: str,
                    site_records: SiteRecords | None = None) -> ProductionRecord | None:
    """The newest version of a record this PC knows: its own database or the site view
    (another station's record, `site_records`). A correction made here becomes version n + 1
    of whichever is newer, is stored in this PC's own database and reaches the site through
    this PC's journal; every reader takes the highest version."""
    local = records_repo.current(connection, record_id)
    site = None if site_records is None else site_records(record_id)
    if site is not None and (local is None or site["version"] > local.version):
        return records_repo.row_to_record(site)
    return local


class ProductionError(CodedRefusal):
    """A request that cannot be carried out as asked; nothing was saved."""


class SignatureRejected(ProductionError):
    """The signature was missing, meant something else, or its password was wrong."""


class Meaning(StrEnum):
    """What a signature stands for (stored in the audit event as is)."""

    CORRECTION = "correction"
    VOID = "void"


@dataclass(frozen=True)
class Signature:
    """The password the person re-entered to sign, and what the signature means."""

    password: str = field(repr=False)  # never logged, never stored
    meaning: Meaning


def _proven(database: Database, record_id: str, changes: Changes, session: Session) -> None:
    """A change builds on the current version: refuse when this PC's versions of the record
    are not what the audit chain says (a changed row would be carried into a signed version)."""
    try:
        require_proven(database, [record_id], f"Changing record {record_id}", changes=changes,
                       actor=session.actor)
    except RecordsNotProven as exc:
        raise ProductionError("not_proven", str(exc)) from None


def _changeable(connection, record_id: str, voided_message: str,
                site_records: SiteRecords | None = None) -> ProductionRecord:
    """The current version of a record that may still be changed; refuses otherwise."""
    current = current_version(connection, record_id, site_records)
    if current is None:
        raise ProductionError("not_found", f"Record {record_id} does not exist.")
    if current.status == RecordStatus.VOIDED:
        raise ProductionError("voided", voided_message)
    return current


def actor_of(session: Session) -> Actor:
    return session.actor


class ProductionService:
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

    def _refuse_if_frozen(self, *lots: str) -> None:
        """A released (or rejected) lot's records change only after it is reopened."""
        if self.lot_guard is None:
            return
        for lot in dict.fromkeys(lots):
            reason = self.lot_guard(lot)
            if reason is not None:
                log.info("Change refused: %s", reason)
                raise ProductionError("lot_released", reason)

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
                record_id=uuid.uuid4().hex, station_id=self.station_id, lot=draft.lot,
                box=draft.box, size=draft.size, unit_weight_kg=draft.unit_weight_kg,
                rejections=draft.rejections, cam_d=draft.cam_d, cam_w=draft.cam_w,
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
            record_id=uuid.uuid4().hex, station_id=station_id, lot=draft.lot, box=draft.box,
            size=draft.size, unit_weight_kg=draft.unit_weight_kg, rejections=draft.rejections,
            cam_d=draft.cam_d, cam_w=draft.cam_w, operator=session.username, recorded_at=when,
            utc_offset_minutes=self._offset_minutes(when), origin=Origin.MANUAL,
            reason=reason_text)
        # Made on behalf of a station: in a site, signed with the person's own key (opened
        # by the password they typed at login), or no other PC's site view takes it.
        manifest = {"meaning": "manual", "signed_by": session.username,
                    "full_name": session.full_name, "signed_at": format_utc(now)}
        after = (_signed_view(record, manifest, session, reason_text)
                 if session.signer is not None else record.audit_view())
        with self.changes.begin(actor_of(session), Topic.RECORDS) as tx:
            records_repo.insert_version(tx.connection, record)
            tx.audit("record.manual", entity="record",
                     entity_id=record.record_id, after=after, reason=reason_text)
        return record

    # -- corrections ---------------------------------------------------------------------------

    def edit_record(self, session: Session, record_id: str, changes: Mapping[str, Any],
                    reason: Any, *, base_version: int | None = None,
                    signature: Signature | None = None) -> ProductionRecord:
        """Write a new version. The original author stays; the editor is recorded.

        `base_version` is the version the editor was looking at. If someone else saved a
        version since, both are kept and the new one is marked as a conflict. `signature`
        means "correction"; see `_sign` for when one is required.
        """
        require(session, Permission.RECORD_EDIT, self.changes, target=record_id)
        reason_text = validate_reason(reason)
        # Every refusal that needs no signature comes first, so a refused change leaves no
        # signature event behind and does not count the password.
        with self.database.read() as connection:
            current = _changeable(connection, record_id, "A voided record cannot be edited.",
                                  self.site_records)
        _proven(self.database, record_id, self.changes, session)
        self._refuse_if_frozen(current.lot, self._edited_draft(current, changes).lot)
        manifest = self._sign(session, current, signature, Meaning.CORRECTION)
        with self.changes.begin(actor_of(session), Topic.RECORDS) as tx:
            # Again: another change may have landed while the person signed.
            current = _changeable(tx.connection, record_id, "A voided record cannot be edited.",
                                  self.site_records)
            draft = self._edited_draft(current, changes)
            now = self.clock.now()
            new = replace(current, lot=draft.lot, box=draft.box, size=draft.size,
                          unit_weight_kg=draft.unit_weight_kg, rejections=draft.rejections,
                          cam_d=draft.cam_d, cam_w=draft.cam_w, version=current.version + 1,
                          reason=reason_text, editor=session.username, edited_at=now,
                          base_version=current.version if base_version is None else base_version)
            records_repo.insert_version(tx.connection, new)
            tx.audit("record.edit", entity="record",
                     entity_id=record_id, before=current.audit_view(),
                     after=_signed_view(new, manifest, session, reason_text),
                     reason=reason_text)
        return new

    def void_record(self, session: Session, record_id: str, reason: Any, *,
                    base_version: int | None = None,
                    signature: Signature | None = None) -> ProductionRecord:
        """Mark the record voided in a new version; `signature` means "void"."""
        require(session, Permission.RECORD_VOID, self.changes, target=record_id)
        reason_text = validate_reason(reason)
        with self.database.read() as connection:  # refusals first, as in edit_record
            current = _changeable(connection, record_id, "The record is already voided.",
                                  self.site_records)
        _proven(self.database, record_id, self.changes, session)
        self._refuse_if_frozen(current.lot)
        manifest = self._sign(session, current, signature, Meaning.VOID)
        with self.changes.begin(actor_of(session), Topic.RECORDS) as tx:
            current = _changeable(tx.connection, record_id, "The record is already voided.",
                                  self.site_records)
            now = self.clock.now()
            new = replace(current, status=RecordStatus.VOIDED, version=current.version + 1,
                          reason=reason_text, editor=session.username, edited_at=now,
                          base_version=current.version if base_version is None else base_version)
            records_repo.insert_version(tx.connection, new)
            tx.audit("record.void", entity="record",
                     entity_id=record_id, before=current.audit_view(),
                     after=_signed_view(new, manifest, session, reason_text),
                     reason=reason_text)
        return new

    def _edited_draft(self, current: ProductionRecord, changes: Mapping[str, Any]):
        """The record with `changes` applied, validated (raises ValidationFailed)."""
        # An imported record may lack what the old system did not record (a measurement, a
        # defect's location); a correction keeps such a gap unless the editor fills it.
        imported = current.origin == Origin.IMPORT
        return validate_record_input({**_form_of(current), **changes}, self.catalog,
                                     require_measurements=not imported,
                                     allow_unrecorded_location=imported)

    def _sign(self, session: Session, current: ProductionRecord, signature: Signature | None,
              meaning: Meaning) -> dict[str, Any] | None:
        """Check the signature and return its manifest for the audit event.

        Required for another station's record (the admin panel's site-wide corrections). The
        GUI signs every edit and void (the station's correction dialog too); a station's own
        record may still be changed unsigned by a program (tests, tools), and such an event
        says `"signature": null`, so it is visible.

        Runs before the write transaction: a wrong password is counted by the auth service in
        its own transaction, which must not wait behind ours.
        """
        if signature is None:
            if current.station_id != self.station_id:
                raise SignatureRejected("signature_required",
                                        "A change to another station's record must be signed "
                                        "with your password; nothing was saved.")
            return None
        if signature.meaning != meaning:
            raise SignatureRejected("signature_meaning",
                                    f"A signature meaning {str(signature.meaning)!r} cannot sign "
                                    f"a {meaning}; nothing was saved.")
        if self.auth is None:
            raise SignatureRejected("signature_unavailable",
                                    "Signatures cannot be checked on this PC; nothing was saved.")
        if not self.auth.verify_password(session, signature.password):
            raise SignatureRejected("signature_rejected",
                                    "Wrong password (or the account is locked); nothing was "
                                    "saved.")
        return {"meaning": str(meaning), "signed_by": session.username,
                "full_name": session.full_name, "signed_at": format_utc(self.clock.now())}

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


def _signed_view(record: ProductionRecord, manifest: dict[str, Any] | None, session: Session,
                 reason: str) -> dict[str, Any]:
    """The record as the audit event shows it after the change, with the signature that made
    it (None: unsigned). In a site the manifest is signed with the person's own key, bound to
    this content. The site read-model takes only the record's own fields from it."""
    view = record.audit_view()
    if manifest is not None and session.signer is not None:
        manifest = sign_manifest(session.signer, view, manifest, reason)
    return {**view, "signature": manifest}


def _form_of(record: ProductionRecord) -> dict[str, Any]:
    form: dict[str, Any] = {"lot": record.lot, "box": record.box, "size": record.size,
                            "unit_weight_kg": record.unit_weight_kg,
                            "cam_d": record.cam_d, "cam_w": record.cam_w}
    for index in range(1, 4):
        rejection = record.rejections[index - 1] if index <= len(record.rejections) else None
        form[f"rej{index}_defect"] = rejection.defect if rejection else None
        form[f"rej{index}_location"] = rejection.location if rejection else None
    return form
