"""Corrections and voids of production records: a new version, checked, signed, audited.

A change builds on the newest version this PC knows (its own or the site view's), is refused
for a voided record, a record whose versions the audit chain does not prove, or a released
lot, before any signature is asked for; then it is signed (the person's password, the
meaning) and written with its audit event in one transaction. `ProductionService`
(utils/production.py) is built on this.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Callable, Mapping

from config.catalog import Catalog
from config.constants import Permission
from data import records_repo
from data.database import Database
from models.canonical import format_utc
from models.record import Origin, ProductionRecord, RecordStatus
from models.validation import validate_reason, validate_record_input
from utils.audit.records import RecordsNotProven, require_proven
from utils.auth import AuthService, Session
from utils.changes import Changes, Topic, Transaction
from utils.clock import Clock
from utils.permissions import require
from utils.production_types import (
    Meaning, ProductionError, Signature, SignatureRejected, SiteRecords,
)
from utils.trust.record_signatures import sign_manifest

log = logging.getLogger(__name__)


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


class RecordCorrections:
    """The correcting half of `ProductionService`: needs the attributes below, which
    `ProductionService.__init__` sets."""

    changes: Changes
    database: Database
    auth: AuthService | None
    catalog: Catalog
    station_id: str
    clock: Clock
    site_records: SiteRecords | None
    lot_guard: Callable[[str], str | None] | None

    def _refuse_if_frozen(self, *lots: str) -> None:
        """A released (or rejected) lot's records change only after it is reopened."""
        if self.lot_guard is None:
            return
        for lot in dict.fromkeys(lots):
            reason = self.lot_guard(lot)
            if reason is not None:
                log.info("Change refused: %s", reason)
                raise ProductionError("lot_released", reason)


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
        with self.changes.begin(session.actor, Topic.RECORDS) as tx:
            # Again: another change may have landed while the person signed.
            current = _changeable(tx.connection, record_id, "A voided record cannot be edited.",
                                  self.site_records)
            draft = self._edited_draft(current, changes)
            new = self._write_version(
                tx, "record.edit", current, session, reason_text, base_version, manifest,
                **draft.content())
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
        with self.changes.begin(session.actor, Topic.RECORDS) as tx:
            current = _changeable(tx.connection, record_id, "The record is already voided.",
                                  self.site_records)
            new = self._write_version(tx, "record.void", current, session, reason_text,
                                      base_version, manifest, status=RecordStatus.VOIDED)
        return new

    def _write_version(self, tx: Transaction, action: str, current: ProductionRecord,
                       session: Session, reason: str, base_version: int | None,
                       manifest: dict[str, Any] | None, **fields: Any) -> ProductionRecord:
        """Store version n + 1 of `current` with `fields` changed, by `session`, and its audit
        event (`action`) with the signature that made it."""
        new = replace(current, **fields, version=current.version + 1, reason=reason,
                      editor=session.username, edited_at=self.clock.now(),
                      base_version=current.version if base_version is None else base_version)
        records_repo.insert_version(tx.connection, new)
        tx.audit(action, entity="record", entity_id=current.record_id,
                 before=current.audit_view(), after=signed_view(new, manifest, session, reason),
                 reason=reason)
        return new

    def _edited_draft(self, current: ProductionRecord, changes: Mapping[str, Any]):
        """The record with `changes` applied, validated (raises ValidationFailed)."""
        # An imported record may lack what the old system did not record (a measurement, a
        # defect's location); a correction keeps such a gap unless the editor fills it.
        imported = current.origin == Origin.IMPORT
        return validate_record_input({**form_of(current), **changes}, self.catalog,
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
def signed_view(record: ProductionRecord, manifest: dict[str, Any] | None, session: Session,
                 reason: str) -> dict[str, Any]:
    """The record as the audit event shows it after the change, with the signature that made
    it (None: unsigned). In a site the manifest is signed with the person's own key, bound to
    this content. The site read-model takes only the record's own fields from it."""
    view = record.audit_view()
    if manifest is not None and session.signer is not None:
        manifest = sign_manifest(session.signer, view, manifest, reason)
    return {**view, "signature": manifest}


def form_of(record: ProductionRecord) -> dict[str, Any]:
    form: dict[str, Any] = {"lot": record.lot, "box": record.box, "size": record.size,
                            "unit_weight_kg": record.unit_weight_kg,
                            "cam_d": record.cam_d, "cam_w": record.cam_w}
    for index in range(1, 4):
        rejection = record.rejections[index - 1] if index <= len(record.rejections) else None
        form[f"rej{index}_defect"] = rejection.defect if rejection else None
        form[f"rej{index}_location"] = rejection.location if rejection else None
    return form

