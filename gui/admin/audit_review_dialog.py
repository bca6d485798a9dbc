"""The audit-trail review (Annex 11 §9): the reviews signed so far (who, when, which period,
how many events, valid or not, still covering its period or not), and signing the review of
the Audit tab's period: the events that matter are counted in the background, then the person
writes what they found and signs.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from config.constants import Permission, role_allows
from models.canonical import format_utc
from utils.audit import review
from utils.auth import AuthService, Session
from utils.permissions import PermissionDenied

from gui.admin.lot_texts import site_time
from gui.admin.site_now import SiteNow
from gui.admin.signature_fields import SignatureFields, sign_buttons, username_missing_text
from gui.empty_view import EmptyViewText
from gui.labels import wrapped_label
from gui.table_model import ColumnTableModel, Index as _Index
from gui.tasks import TaskRunner
from gui.theme import ERROR_COLOR, OK_COLOR, WARN_COLOR, form_label


class ReviewsModel(ColumnTableModel):
    COLUMNS = ("signed", "who", "period", "events", "note", "valid")

    def __init__(self, zone: ZoneInfo, parent: QObject | None = None):
        super().__init__(parent)
        self.zone = zone
        self._rows: list[review.Review] = []
        self._headers = (self.tr("Signed"), self.tr("Who"), self.tr("Period"),
                         self.tr("Events"), self.tr("Note"), self.tr("Valid"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        r, column = cell
        if role == Qt.ItemDataRole.DisplayRole:
            return {"signed": r.local_time, "who": f"{r.full_name} ({r.signed_by})",
                    "period": f"{site_time(r.start, self.zone)} – {site_time(r.end, self.zone)}",
                    "events": str(r.events), "note": r.note, "valid": self.validity(r)}[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == "valid":
            return self.validity(r)  # the whole text when the column cuts it
        if role == Qt.ItemDataRole.ForegroundRole and column == "valid" and not r.valid:
            return Qt.GlobalColor.darkRed
        if role == Qt.ItemDataRole.ForegroundRole and column == "valid" and not r.covers_period:
            return QColor(WARN_COLOR)
        return None

    def validity(self, r: review.Review) -> str:
        """Valid or not (the signature), then whether it still covers its period: a review
        whose period gained events stays a true statement of what was read, not a forgery."""
        if not r.valid:
            return self.tr("no: %1").replace("%1", r.problem or "")
        if r.events_now is None:
            return self.tr("yes")
        if r.events_now > r.events:
            text = self.tr("the signature holds, but events arrived in this period after the "
                           "review (%1 signed, %2 now): review it again")
        elif r.events_now < r.events:
            text = self.tr("the signature holds, but this PC holds fewer of the period's events "
                           "than were reviewed (%1 signed, %2 here): the site view may not have "
                           "read every station yet")
        else:
            text = self.tr("the signature holds, but the period's events are not those reviewed "
                           "(%1 signed, %2 now): review it again")
        return text.replace("%1", str(r.events)).replace("%2", str(r.events_now))


class AuditReviewDialog(QDialog):
    def __init__(self, reviews: review.AuditReviews, auth: AuthService, site: SiteNow,
                 session: Session, start: datetime, end: datetime, runner: TaskRunner,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.reviews, self.session, self.runner = reviews, session, runner
        self.zone = ZoneInfo(site.timezone)
        self.start, self.end = format_utc(start), format_utc(end)
        self.reviewed: str | None = None
        self.signed: review.Review | None = None
        self.setObjectName("auditReviewDialog")
        self.setWindowTitle(self.tr("Audit-trail review"))
        self.model = ReviewsModel(self.zone, self)
        self.table = QTableView()
        self.table.setObjectName("reviewsTable")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.table.verticalHeader().setVisible(False)
        self.no_reviews = EmptyViewText(self.table)  # said once the reviews are read
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # The validity column gets room (why a review is not valid, or no longer covers its
        # period); the label below says a stale review's text in full when the cell cuts it.
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.coverage = wrapped_label()  # said in full below the table when a review is stale
        self.coverage.setObjectName("reviewCoverage")
        self.coverage.setStyleSheet(f"color: {WARN_COLOR};")
        self.coverage.setVisible(False)
        self.period = wrapped_label()
        self.note = QLineEdit()
        self.note.setObjectName("reviewNote")
        self.note.setPlaceholderText(self.tr("What you found"))
        self.form = QFormLayout()
        self.form.addRow(form_label(self.tr("Findings")), self.note)
        self.signature = SignatureFields(self.form, self)
        self.username, self.password = self.signature.username, self.signature.password
        self.signature.ask_username(auth, session)
        self.message = wrapped_label()
        self.sign_button, buttons = sign_buttons(self, self.tr("Sign the review"), self.sign)
        self.sign_button.setEnabled(False)
        may_sign = role_allows(session.role, Permission.AUDIT_REVIEW)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Reviews signed so far (every PC's):")))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.coverage)
        layout.addWidget(self.period)
        if may_sign:
            layout.addLayout(self.form)
        else:
            self.sign_button.setVisible(False)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumSize(900, 520)
        self.load()

    def load(self):
        def work(_progress, _cancel):
            listed = self.reviews.reviews(self.session)
            return listed, self.reviews.digest(self.session, self.start, self.end)

        return self.runner.run(work, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, result: tuple[list[review.Review], tuple[int, str]]) -> None:
        listed, (count, digest) = result
        self.model.set_rows(listed)
        self.no_reviews.set_text(self.tr("No review of the audit trail has been signed yet."))
        self._say_coverage(listed)
        self.reviewed = digest
        self.period.setText(self.tr("This review: %1 – %2, %n event(s) that matter (changes, "
                                    "refusals, signatures, commands; not logins). Read them in "
                                    "the Audit tab with the same range.", "", count)
                            .replace("%1", site_time(self.start, self.zone))
                            .replace("%2", site_time(self.end, self.zone)))
        self.sign_button.setEnabled(True)

    def _say_coverage(self, listed: list[review.Review]) -> None:
        """The newest review that no longer covers its period, in full (the cell is cut)."""
        stale = [r for r in listed if r.valid and not r.covers_period]
        if stale:
            first = stale[0]
            text = (self.tr("Review of %1 – %2: %3")
                    .replace("%1", site_time(first.start, self.zone))
                    .replace("%2", site_time(first.end, self.zone))
                    .replace("%3", self.model.validity(first)))
            if len(stale) > 1:
                text += " " + self.tr("%n more review(s) in amber no longer cover their period.",
                                      "", len(stale) - 1)
            self.coverage.setText(text)
        self.coverage.setVisible(bool(stale))

    def sign(self):
        if self.reviewed is None:
            return None
        if (signer := self.signature.take_or_refuse(partial(self._say, ok=False))) is None:
            return None
        username, password = signer
        note = self.note.text()
        self.sign_button.setEnabled(False)
        reviewed = self.reviewed

        def work(_progress, _cancel):
            return self.reviews.sign(self.session, self.start, self.end,
                                     password=password, username=username,
                                     reviewed_hash=reviewed, note=note)

        return self.runner.run(work, on_done=self._signed, on_error=self._failed)

    def _signed(self, signed: review.Review) -> None:
        self.signed = signed
        self._say(self.tr("Signed by %1 at %2.").replace("%1", signed.full_name)
                  .replace("%2", signed.local_time), ok=True)
        self.signature.show_username(False)
        self.load()

    def _failed(self, exc: BaseException) -> None:
        self.sign_button.setEnabled(self.reviewed is not None)
        if isinstance(exc, review.ReviewError):
            texts = {
                "note": self.tr("Write what you found: a note is required. Nothing was signed."),
                "period_open": self.tr("The period has not ended yet: choose an end in the "
                                       "past. Nothing was signed."),
                "content_changed": self.tr("Events of this period arrived since it was read: "
                                           "close and review it again. Nothing was signed."),
                "no_signing_key": self.tr("Your signing key is not open on this PC: log in "
                                          "again. Nothing was signed."),
                "username_missing": username_missing_text(),
                "signature_rejected": self.tr("Wrong user name or password, or the account is "
                                              "locked. Nothing was signed."),
            }
            self._say(texts.get(exc.code, str(exc)), ok=False)
        elif isinstance(exc, PermissionDenied):
            self._say(self.tr("Your role may not sign audit-trail reviews."), ok=False)
        else:
            self._say(self.tr("The review could not be made (%1); nothing was signed.")
                      .replace("%1", type(exc).__name__), ok=False)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
