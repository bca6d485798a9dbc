"""Reviewing a lot and signing a decision about it: the lot's status and content hash, the
exceptions to acknowledge (each with a note, audited), then the decision, its reason, and the
signature (user name and password at the session's first signing, the password later).

A lot with no exception is released in one step: choose nothing, type the password, sign. The
lot is read and the signature checked in the background (TaskRunner); the service refuses
anything the screen might have let through.
"""

from __future__ import annotations

from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableView, QWidget,
)

from models.lot_status import ALLOWED_FROM, DecisionKind
from models.validation import ValidationFailed
from utils.auth import AuthService, Session
from utils.permissions import PermissionDenied
from utils.release.exceptions import LotException
from utils.release.service import LotState, ReleaseError, ReleaseService

from gui.admin.lot_texts import (
    decision_text, exception_text, kind_text, may_sign, release_error_text, signers_text,
    site_time, status_heading, status_text,
)
from gui.labels import wrapped_label
from gui.layouts import vbox
from gui.messages import field_error_text
from gui.admin.signature_fields import SignatureFields, sign_buttons
from gui.table_model import ColumnTableModel
from gui.tasks import TaskRunner
from gui.theme import ERROR_COLOR, OK_COLOR, form_label


class ExceptionsModel(ColumnTableModel):
    COLUMNS = ("kind", "station", "what", "acknowledged")

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None):
        super().__init__(parent)
        self.zone = zone
        self._rows: list[LotException] = []
        self.acks: dict[str, Any] = {}
        self._headers = (self.tr("Kind"), self.tr("Station"), self.tr("What"),
                         self.tr("Acknowledged"))

    def set_rows(self, rows: list[LotException], acks: dict[str, Any]) -> None:
        self.beginResetModel()
        self._rows, self.acks = list(rows), dict(acks)
        self.endResetModel()

    def exception_at(self, row: int) -> LotException:
        return self._rows[row]

    @property
    def waiting(self) -> list[LotException]:
        return [e for e in self._rows if e.id not in self.acks]

    def cell_data(self, exception: LotException, column: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            ack = self.acks.get(exception.id)
            return {"kind": kind_text(exception.kind), "station": exception.station,
                    "what": exception_text(exception, self.zone),
                    "acknowledged": "" if ack is None else
                    self.tr("%1 at %2: %3").replace("%1", ack.by)
                    .replace("%2", site_time(ack.at, self.zone)).replace("%3", ack.note)}[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "what":
            return exception_text(exception, self.zone)
        return None


class ReleaseDialog(QDialog):
    def __init__(self, service: ReleaseService, auth: AuthService, timezone: str,
                 session: Session, lot: str, runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.auth, self.session, self.lot, self.runner = auth, session, lot, runner
        self.service = service
        self.zone = ZoneInfo(timezone)
        self.state: LotState | None = None
        self.decided = None  # the Decision signed here, once signed
        # The service's own rule (LOT_RELEASE): a role that may not sign reads the lot here,
        # and is told so before typing anything, not after its password.
        self.may_sign = may_sign(session.role)
        self.setObjectName("releaseDialog")
        self.setWindowTitle(self.tr("Review and sign lot %1").replace("%1", lot))
        self.summary = QLabel(self.tr("Reading the lot…"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = ExceptionsModel(self.zone, self)
        self.table = QTableView()
        self.table.setObjectName("exceptionsTable")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Whole sentences, wrapped: an exception is read before it is acknowledged.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.note = QLineEdit()
        self.note.setObjectName("ackNote")
        self.note.setPlaceholderText(self.tr("What you checked"))
        self.ack_button = QPushButton(self.tr("Acknowledge selected"))
        self.ack_button.setObjectName("acknowledge")
        self.ack_button.clicked.connect(self.acknowledge_selected)
        ack_row = QHBoxLayout()
        ack_row.addWidget(self.note, 1)
        ack_row.addWidget(self.ack_button)
        self.decision = QComboBox()
        self.decision.setObjectName("decision")
        self.decision.currentIndexChanged.connect(self._decision_changed)
        self.reason = QLineEdit()
        self.reason.setObjectName("decisionReason")
        self.reason.setPlaceholderText(self.tr("Why (at least 10 characters)"))
        self.form = QFormLayout()
        self.form.addRow(form_label(self.tr("Decision")), self.decision)
        self.form.addRow(form_label(self.tr("Reason")), self.reason)
        self.signature = SignatureFields(self.form, self)
        self.username, self.password = self.signature.username, self.signature.password
        self.signing = wrapped_label(role="hint")
        self.message = wrapped_label()
        self.sign_button, buttons = sign_buttons(self, self.tr("Sign"), self.sign)
        vbox(self, self.summary, QLabel(self.tr("Exceptions to look at before release:")),
             (self.table, 1), ack_row, self.form, self.signing, self.message, buttons)
        self.setMinimumSize(900, 600)
        if not self.may_sign:
            for widget in (self.note, self.decision, self.reason, self.username, self.password):
                widget.setEnabled(False)
            self.signing.setText(signers_text(session.role))
        self._set_busy(True)
        self.load()

    # -- reading ---------------------------------------------------------------------------

    def load(self):
        def work(_progress, _cancel):
            state = self.service.state(self.session, self.lot)
            return state, self.service.exceptions(self.session, self.lot, lot_state=state)

        return self.runner.run(work, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, result: tuple[LotState, list[LotException]]) -> None:
        state, exceptions = result
        self.state = state
        period = state.period
        lines = [
            self.tr("Lot %1 · %2: %3").replace("%1", self.lot).replace("%2", status_heading())
            .replace("%3", status_text(state.status, state.release_valid)),
            self.tr("Stations: %1 · %2 · from %3 to %4")
            .replace("%1", ", ".join(state.stations))
            .replace("%2", self.tr("%n record(s)", "", len(state.records)))
            .replace("%3", site_time(period[0] if period else None, self.zone))
            .replace("%4", site_time(period[1] if period else None, self.zone)),
            self.tr("Content SHA-256: %1").replace("%1", state.content_hash),
        ]
        self.summary.setText("\n".join(lines))
        self.model.set_rows(exceptions, state.acknowledgements)
        self.decision.blockSignals(True)
        self.decision.clear()
        for kind in DecisionKind:
            if state.status in ALLOWED_FROM[kind]:
                self.decision.addItem(decision_text(kind), str(kind))
        self.decision.blockSignals(False)
        self.signature.ask_username(self.auth, self.session)
        self._decision_changed()
        self._set_busy(False)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._say(self._error_text(exc), ok=False)

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.state is not None and self.may_sign
        self.ack_button.setEnabled(ready)
        self.sign_button.setEnabled(ready and self.decision.count() > 0)

    def chosen(self) -> DecisionKind | None:
        data = self.decision.currentData()  # Qt keeps the enum's text
        return None if data is None else DecisionKind(data)

    def _decision_changed(self) -> None:
        kind = self.chosen()
        needs_reason = kind is not None and kind.needs_reason
        self.reason.setVisible(needs_reason)
        self.form.labelForField(self.reason).setVisible(needs_reason)
        waiting = len(self.model.waiting)
        if not self.may_sign:
            self.signing.setText(signers_text(self.session.role))
        elif kind is DecisionKind.RELEASE and waiting:
            self.signing.setText(self.tr("%n exception(s) still to acknowledge before release.",
                                         "", waiting))
        else:
            self.signing.setText(self.tr("Signing as %1 (%2): your signature is bound to the "
                                         "lot's content as shown above.")
                                 .replace("%1", self.session.full_name)
                                 .replace("%2", self.session.username))

    # -- acting ----------------------------------------------------------------------------

    def acknowledge_selected(self) -> None:
        if not self.may_sign:
            return  # its button is disabled; the service would refuse (and audit) anyway
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows:
            self._say(self.tr("Select the exceptions you looked at first."), ok=False)
            return
        try:
            for row in rows:
                exception = self.model.exception_at(row)
                if exception.id not in self.model.acks:
                    ack = self.service.acknowledge(self.session, self.lot, exception,
                                                   self.note.text())
                    self.model.acks[exception.id] = ack
        except (ReleaseError, PermissionDenied) as exc:
            self._say(self._error_text(exc), ok=False)
            return
        finally:
            self.model.set_rows(list(self.model._rows), self.model.acks)
        self.note.clear()
        self._decision_changed()
        self._say(self.tr("Acknowledged."), ok=True)

    def sign(self):
        kind = self.chosen()
        if self.state is None or kind is None or not self.may_sign:
            return None
        if (signer := self.signature.take_or_refuse(partial(self._say, ok=False))) is None:
            return None
        username, password = signer
        reason = self.reason.text() if kind.needs_reason else None
        reviewed = self.state.content_hash
        self._set_busy(True)

        def work(_progress, _cancel):
            return self.service.decide(self.session, self.lot, kind, password=password,
                                       username=username, reason=reason,
                                       reviewed_hash=reviewed)

        return self.runner.run(work, on_done=self._signed, on_error=self._failed)

    def _signed(self, decision) -> None:
        self.decided = decision
        self._set_busy(False)
        self._say(self.tr("Signed: %1 by %2 at %3.").replace("%1", decision.meaning)
                  .replace("%2", decision.full_name).replace("%3", decision.local_time), ok=True)
        self.load()

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, ReleaseError):
            return release_error_text(exc.code, str(exc))
        if isinstance(exc, ValidationFailed):
            return "\n".join(field_error_text(e) for e in exc.errors)
        if isinstance(exc, PermissionDenied):
            return signers_text(self.session.role)
        return self.tr("The lot could not be read (%1); nothing was signed.").replace(
            "%1", type(exc).__name__)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
