"""Lots: every lot the site view holds with its release status, the decisions signed about the
selected one (and any refused as forged or replayed), and the ways to act on it: review and
sign (gui/admin/release_dialog.py) and the lot record as a PDF (gui/admin/lot_record_pdf.py).

Lists are read in the background (a GROUP BY over a year of records); the tab reads them again
when records or decisions arrive in the site view.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHeaderView, QPushButton, QWidget

from utils.auth import AuthService, Session
from utils.release.record import LotRecords
from utils.release.service import LotState, ReleaseService

from gui.admin.lot_texts import may_sign, meaning_text, signers_text, site_time, status_text
from gui.admin.lots_model import LotsModel
from gui.admin.release_dialog import ReleaseDialog
from gui.admin.site_now import SiteNow
from gui.admin.view_bridge import ViewBridge
from gui.admin.view_status import ViewStatus
from gui.labels import wrapped_label
from gui.layouts import STRETCH, hbox, vbox
from gui.table_view import read_table
from gui.tasks import TaskRunner
from gui.theme import ERROR_COLOR, OK_COLOR, WARN_COLOR


class LotsTab(QWidget):
    def __init__(self, release: ReleaseService, records: LotRecords, auth: AuthService,
                 site: SiteNow, session: Session, runner: TaskRunner,
                 bridge: ViewBridge | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.release, self.records, self.auth = release, records, auth
        self.session, self.runner = session, runner
        self.site = site
        self.zone = ZoneInfo(site.timezone)
        self.setObjectName("lotsTab")
        self.model = LotsModel(self.zone, self)
        self.table = read_table(self.model, self.tr("Lots"), "lotsTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # stations
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.details = wrapped_label("lotDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = wrapped_label()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.review_button = QPushButton(self.tr("Review and sign…"))
        self.review_button.setObjectName("reviewLot")
        self.review_button.clicked.connect(self.open_review)
        # Shown to every role, enabled for those the service lets sign (the same rule): a
        # role that may not is told who does here, not after typing its password.
        self.may_sign = may_sign(session.role)
        self.signers = wrapped_label("lotSigners", role="hint")
        if not self.may_sign:
            self.signers.setText(signers_text(session.role))
            self.review_button.setToolTip(self.signers.text())
        self.signers.setVisible(not self.may_sign)
        self.pdf_button = QPushButton(self.tr("Lot record (PDF)…"))
        self.pdf_button.setObjectName("lotPdf")
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.currency = ViewStatus(bridge, site.timezone, site.clock)  # how current (live)
        vbox(self, self.currency, (self.table, 3), (self.details, 2), self.status, self.signers,
             hbox(self.refresh_button, STRETCH, self.review_button, self.pdf_button))
        self._selected_state: LotState | None = None
        self._generation = 0
        self._enable()
        if bridge is not None:
            bridge.changed.connect(lambda _change: self.refresh() if self.isVisible() else None)
        self.refresh()

    def _enable(self) -> None:
        chosen = self.selected_lot() is not None
        self.review_button.setEnabled(chosen and self.may_sign)
        self.pdf_button.setEnabled(chosen)

    def selected_lot(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.lot_at(rows[0].row()) if rows else None

    def refresh(self):
        chosen = self.selected_lot()
        self._generation += 1
        generation = self._generation

        def done(rows: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return  # a newer reading is on its way (an older one may finish last)
            self.model.set_rows(rows)
            for number, row in enumerate(rows):
                if row["lot"] == chosen:
                    self.table.selectRow(number)
            self._enable()

        return self.runner.run(lambda _p, _c: self.release.lots(self.session),
                               on_done=done, on_error=self._failed)

    def show_selected(self):
        self._enable()
        lot = self.selected_lot()
        if lot is None:
            self.details.clear()
            return None
        return self.runner.run(lambda _p, _c: self.release.state(self.session, lot),
                               on_done=self._show_state, on_error=self._failed)

    def _show_state(self, state: LotState) -> None:
        if state.lot != self.selected_lot():
            return  # another lot was chosen meanwhile
        self._selected_state = state
        lines = [self.tr("<b>Lot %1</b>: %2").replace("%1", _html(state.lot))
                 .replace("%2", _html(status_text(state.status, state.release_valid)))]
        if not state.history.chain:
            lines.append(self.tr("No decision signed yet."))
        for decision in state.history.chain:
            stale = decision in state.invalidated
            # When, as the table above writes times: the signed wording of it (with its UTC
            # offset and zone) is the signed document's, printed in the lot record (PDF).
            line = (self.tr("%1 — %2 (%3), %4").replace("%1", _html(meaning_text(
                decision.kind, decision.reason))).replace("%2", _html(decision.full_name))
                .replace("%3", _html(decision.signed_by))
                .replace("%4", _html(site_time(decision.signed_at, self.zone))))
            if stale:
                line += " — " + self.tr("invalidated: the lot's records changed after it")
            lines.append(("<span style='color:%s'>" % (WARN_COLOR if stale else OK_COLOR))
                         + line + "</span>")
        for refused in state.history.refused:
            lines.append(f"<span style='color:{ERROR_COLOR}'>" + self.tr(
                "Not a decision: event %1 of %2 (%3)").replace("%1", str(refused.seq))
                .replace("%2", _html(refused.station)).replace("%3", _html(refused.reason))
                + "</span>")
        self.details.setText("<br>".join(lines))

    def open_review(self) -> ReleaseDialog | None:
        lot = self.selected_lot()
        if lot is None or not self.may_sign:
            return None
        dialog = ReleaseDialog(self.release, self.auth, self.site.timezone, self.session, lot,
                               self.runner, self)
        dialog.finished.connect(lambda _code: (self.refresh(), self.show_selected()))
        dialog.open()
        return dialog

    def export_pdf(self, path: str | None = None):
        from gui.admin.lot_record_pdf import run_lot_record_pdf

        lot = self.selected_lot()
        if lot is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the lot record"), str(Path.home() / f"lot-{lot}.pdf"),
                self.tr("PDF (*.pdf)"))
            if not path:
                return None
        return run_lot_record_pdf(self, self.records, self.session, lot, Path(path), self.runner,
                                  self.pdf_button, self.status)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(self.tr("The lots could not be read (%1).")
                            .replace("%1", type(exc).__name__))


def _html(text: Any) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
