"""The station's controller: the logged-in session, the lot, the lock and the share state.

Views call it; it calls the services and turns their results into signals. No business rule
lives here or in a widget: validation, permissions, lot rules and audit are in the services.
"""

from __future__ import annotations

import enum
import logging
import sqlite3
from datetime import datetime
from typing import Any, Mapping

from PySide6.QtCore import QObject, Signal
from sqlalchemy.exc import SQLAlchemyError

from data.records_repo import RecordFilter
from models.lot import Lot
from models.record import ProductionRecord
from utils.auth import LoginResult, Session
from utils.context import AppContext
from utils.production import Signature
from models.shifts import Shift, shift_of
from utils.site.station_state import stored_size
from utils.site.share_health import ShareState
from utils.site.station_sync import SyncService

from gui.periodic_failure import PeriodicFailure
from gui.sync_bridge import Request, RequestKind, SyncBridge

log = logging.getLogger(__name__)

LOCK_KINDS = ("lock", "unlock")


class PendingUnknown(enum.Enum):
    """Why `waiting_for_share` has no count although the PC is in a site."""

    DATABASE = "database"  # this PC's database cannot be read now (its disk went away)


class StationController(QObject):
    session_changed = Signal(object)  # Session | None
    lot_changed = Signal(object)  # Lot | None
    lock_changed = Signal(object)  # str | None
    product_changed = Signal(str)
    records_changed = Signal()
    share_changed = Signal(object)  # ShareState
    catalog_changed = Signal(object)  # config.catalog.Catalog (a newer site catalog)
    interaction_requested = Signal(object)  # Request the window must show (message, logout, close, restart)

    def __init__(self, ctx: AppContext, bridge: SyncBridge | None = None,
                 sync: SyncService | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.sync = sync
        self.session: Session | None = None
        # The header asks every second: a database that stops answering is said once.
        self._database_failure = PeriodicFailure(
            log, f"This PC's database {ctx.database.path}",
            "the header shows the changes waiting for the share as unknown, and nothing can be "
            "saved until it is back; check the disk or folder that holds it")
        if bridge is not None:
            bridge.requested.connect(self._on_request)
            bridge.share_state_changed.connect(self.share_changed)
            bridge.catalog_changed_signal.connect(self.catalog_changed)

    # -- sessions --------------------------------------------------------------------------------

    def login(self, username: str, password: str) -> LoginResult:
        result = self.ctx.auth.login(username, password)
        if result.ok and result.session is not None and not result.session.must_change_password:
            self._start_session(result.session)
        return result

    def change_password_and_login(self, username: str, old: str, new: str) -> LoginResult:
        """Forced change: set the new password, then open the session with it."""
        self.ctx.auth.change_password(username, old, new)
        return self.login(username, new)

    def _start_session(self, session: Session) -> None:
        self.session = session
        if self.bridge is not None:
            self.bridge.user = (session.username, str(session.role))
        self.session_changed.emit(session)
        self._state_changed()

    def logout(self, reason: str = "user") -> None:
        """`reason`: user, idle, remote, shutdown."""
        if self.session is None:
            return
        session, self.session = self.session, None
        try:
            self.ctx.auth.logout(session, reason)
        finally:
            if self.bridge is not None:
                self.bridge.user = None
            self.session_changed.emit(None)
            self._state_changed()

    def verify_signature(self, password: str) -> bool:
        """The password re-entered to open the admin panel or this PC's settings."""
        return self.session is not None and self.ctx.auth.verify_password(self.session, password)

    def confirm_takeover(self, password: str, reason: str) -> str | None:
        """The logged-in supervisor or admin confirms that this PC takes its station over
        (password re-entered; audited by the sync service). None when done, else why not."""
        if self.sync is None or self.session is None:
            return "no_sync"
        if not self.ctx.auth.verify_password(self.session, password):
            return "wrong_password"
        self.sync.confirm_takeover(self.session, reason)  # checks the role and the reason
        return None

    # -- production ------------------------------------------------------------------------------

    def current_lot(self) -> Lot | None:
        return self.ctx.production.current_lot()

    @property
    def locked_reason(self) -> str | None:
        return self.ctx.production.locked_reason

    def register_box(self, form: Mapping[str, Any]) -> ProductionRecord:
        record = self.ctx.production.register_box(self._require_session(), form)
        self.lot_changed.emit(self.current_lot())
        self.records_changed.emit()
        return record

    def set_lot(self, code: Any, total_boxes: Any, current_box: Any) -> Lot:
        lot = self.ctx.production.set_lot(self._require_session(), code, total_boxes, current_box)
        self.lot_changed.emit(lot)
        return lot

    def edit_record(self, record_id: str, changes: Mapping[str, Any], reason: str,
                    base_version: int, signature: Signature | None = None) -> ProductionRecord:
        record = self.ctx.production.edit_record(self._require_session(), record_id, changes,
                                                 reason, base_version=base_version,
                                                 signature=signature)
        self.records_changed.emit()
        return record

    def shift(self, now: datetime | None = None) -> Shift:
        return shift_of(now or self.ctx.clock.now(), self.ctx.timezone)

    def shift_records(self) -> list[dict[str, Any]]:
        """This station's records of the current shift (what the operator's table shows)."""
        if self.session is None:
            return []
        shift = self.shift()
        return self.ctx.production.list_records(self.session, RecordFilter(
            start=shift.start_utc, end=shift.end_utc, station_id=self.ctx.station_id))

    def station_size(self) -> str | None:
        size = stored_size(self.ctx.database)
        if size:
            return size
        machine = self.ctx.catalog.machine(self.ctx.station_id)
        return machine.size if machine else None

    def share_state(self) -> ShareState | None:
        return None if self.sync is None else self.sync.share_state()

    def pending_on_share(self) -> int | None:
        """How many of this PC's changes (audit events, records among them) are not yet in its
        journal on the share; None when the PC is not in a site, before the share's journal
        was ever read, or while this PC's database cannot be read (then nobody knows)."""
        pending = self.waiting_for_share()
        return None if isinstance(pending, PendingUnknown) else pending

    def waiting_for_share(self) -> int | PendingUnknown | None:
        """`pending_on_share`, saying why when the count is unknown although the PC is in a
        site. Asked every second by the header: a database that went away is logged once
        (and its return once), never raised at every tick."""
        exported = None if self.sync is None else self.sync.exported_up_to()
        if exported is None:
            return None
        from data import audit_repo

        try:
            with self.ctx.database.read() as connection:
                head = audit_repo.chain_head(connection, self.ctx.station_id)
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            self._database_failure.failed(exc, trace=False)  # an outage, not a bug
            return PendingUnknown.DATABASE
        self._database_failure.worked()
        return max(0, (head[0] if head else 0) - exported)

    def _require_session(self) -> Session:
        if self.session is None:
            raise PermissionError("nobody is logged in")
        return self.session

    def _state_changed(self) -> None:
        if self.sync is not None:
            self.sync.notify_state_changed()

    # -- remote effects --------------------------------------------------------------------------

    def _on_request(self, request: Request) -> None:
        if request.kind is RequestKind.LOCK:
            self.lock_changed.emit(request.data["reason"])
            request.answer(locked=True, shown_to=self.session.username if self.session else None)
        elif request.kind is RequestKind.UNLOCK:
            self.lock_changed.emit(None)
            request.answer(locked=False)
        elif request.kind is RequestKind.LOT:
            lot: Lot = request.data["lot"]
            self.lot_changed.emit(lot)
            request.answer(lot=lot.code, current_box=lot.current_box, total_boxes=lot.total_boxes,
                           shown=True)
        elif request.kind is RequestKind.PRODUCT:
            self.product_changed.emit(request.data["size"])
            request.answer(size=request.data["size"], shown=True)
        elif request.kind is RequestKind.CONFIG:
            request.answer(applied=request.data["changes"])
        else:
            self.interaction_requested.emit(request)
