"""The shift handover at the station: the outgoing person reads the summary made from the data,
adds notes and signs; the incoming one reads it and acknowledges (signed); afterwards anyone on
the station may add a signed note. Nothing signed is editable here or anywhere.

Three modes of one dialog:
- SIGN: the shift's summary (read in the background), a notes box, the signature, "Sign and
  hand over";
- ACKNOWLEDGE: the signed handover whole, an optional note, the signature, "I have read it:
  acknowledge";
- NOTE: the signed handover whole, a new note, the signature, "Sign the note".
Signing runs in the background (the password check is deliberately slow); the service refuses
anything the screen might have let through.
"""

from __future__ import annotations

from enum import Enum
from functools import partial
from html import escape
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextBrowser,
    QVBoxLayout, QWidget,
)

from models.shifts import Shift
from utils.auth import Session
from utils.context import AppContext
from utils.mes.handover import Handover, HandoverError
from utils.mes.handover_summary import HandoverSummary
from utils.permissions import PermissionDenied

from gui.admin.signature_fields import SignatureFields
from gui.handover_texts import HandoverTexts
from gui.labels import wrapped_label
from gui.tasks import TaskRunner
from gui.theme import ERROR_COLOR, OK_COLOR, TOUCH_MIN_PX, form_label


class Mode(Enum):
    SIGN = "sign"
    ACKNOWLEDGE = "acknowledge"
    NOTE = "note"


class HandoverDialog(QDialog):
    def __init__(self, ctx: AppContext, session: Session, runner: TaskRunner, *,
                 shift: Shift | None = None, handover: Handover | None = None,
                 mode: Mode = Mode.SIGN, pending_on_share: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.session, self.runner = ctx, session, runner
        self.service = ctx.handover
        self.zone = ZoneInfo(ctx.timezone)
        self.texts = HandoverTexts(self)
        self.mode, self.shift, self.handover = mode, shift, handover
        self.pending_on_share = pending_on_share
        self.summary: HandoverSummary | None = None
        self.done_with: Handover | None = None  # what was signed here, once signed
        self.setObjectName("handoverDialog")
        self.setWindowTitle({Mode.SIGN: self.tr("Shift handover: sign"),
                             Mode.ACKNOWLEDGE: self.tr("Shift handover: read and acknowledge"),
                             Mode.NOTE: self.tr("Shift handover: add a signed note")}[mode])
        self.page = QTextBrowser()
        self.page.setObjectName("handoverPage")
        self.page.setOpenLinks(False)
        self.page.setAccessibleName(self.tr("The shift's handover"))
        self.page.setTabChangesFocus(True)  # Tab goes on to the notes and the signature
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("handoverNotes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setTabChangesFocus(True)  # a keyboard-only person reaches the signature
        self.notes.setPlaceholderText({
            Mode.SIGN: self.tr("What the next shift must know: machine, material, quality, "
                               "people (optional)"),
            Mode.ACKNOWLEDGE: self.tr("Your remark (optional)"),
            Mode.NOTE: self.tr("The note to add (it is signed and cannot change afterwards)"),
        }[mode])
        self.notes.setMaximumHeight(96 if mode is Mode.SIGN else 64)
        form = QFormLayout()
        self.signature = SignatureFields(form, self)
        self.signature.ask_username(ctx.auth, session)
        for field in (self.signature.username, self.signature.password):
            field.setMinimumHeight(TOUCH_MIN_PX)
        self.who = QLabel(self.tr("Signing as %1 (%2).").replace("%1", session.full_name)
                          .replace("%2", session.username))
        self.who.setProperty("role", "hint")
        self.message = wrapped_label("handoverMessage")
        self.sign_button = QPushButton({Mode.SIGN: self.tr("Sign and hand over"),
                                        Mode.ACKNOWLEDGE: self.tr("I have read it: acknowledge"),
                                        Mode.NOTE: self.tr("Sign the note")}[mode])
        self.sign_button.setObjectName("primary")
        self.sign_button.clicked.connect(self.sign)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        for button in (self.sign_button, self.close_button):
            button.setMinimumHeight(TOUCH_MIN_PX)
        buttons = QHBoxLayout()
        buttons.addWidget(self.who, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(form_label({Mode.SIGN: self.tr("Notes for the next shift"),
                                     Mode.ACKNOWLEDGE: self.tr("Remark"),
                                     Mode.NOTE: self.tr("Note")}[mode]))
        layout.addWidget(self.notes)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumSize(720, 560)
        self.resize(960, 700)
        if mode is Mode.SIGN:
            self.sign_button.setEnabled(False)
            self.load()
        else:
            self._show_handover()

    # -- reading ---------------------------------------------------------------------------

    def load(self):
        self.page.setHtml("<p>" + self.tr("Reading the shift…") + "</p>")
        shift = self.shift
        assert shift is not None

        def work(_progress, _cancel):
            return self.service.summary(self.session, shift,
                                        pending_on_share=self.pending_on_share)

        return self.runner.run(work, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, summary: HandoverSummary) -> None:
        self.summary = summary
        title = self.texts.shift_title(summary.station, summary.shift_day,
                                       summary.shift_number, summary.start, summary.end,
                                       self.zone)
        self.page.setHtml(f"<h3>{escape(title)}</h3>"
                          + self.texts.summary_html(summary.to_dict(), self.zone))
        self.sign_button.setEnabled(True)
        self.notes.setFocus()

    def _show_handover(self) -> None:
        handover = self.handover
        assert handover is not None
        self.page.setHtml(self.texts.signed_html(handover.document, self.zone,
                                                 acknowledgement=handover.acknowledgement,
                                                 notes=handover.notes))

    # -- signing ---------------------------------------------------------------------------

    def sign(self):
        if (signer := self.signature.take_or_refuse(partial(self._say, ok=False))) is None:
            return None
        username, password = signer
        text = self.notes.toPlainText()
        self.sign_button.setEnabled(False)
        session, mode = self.session, self.mode

        def work(_progress, _cancel):
            if mode is Mode.SIGN:
                return self.service.sign(session, self.shift, text, password=password,
                                         username=username,
                                         pending_on_share=self.pending_on_share)
            if mode is Mode.ACKNOWLEDGE:
                return self.service.acknowledge(session, self.handover.id, password=password,
                                                username=username, note=text)
            return self.service.add_note(session, self.handover.id, text, password=password,
                                         username=username)

        return self.runner.run(work, on_done=self._signed, on_error=self._failed)

    def _signed(self, handover: Handover) -> None:
        self.done_with = self.handover = handover
        self.notes.clear()
        self.notes.setReadOnly(True)
        self.sign_button.setEnabled(False)
        self.signature.show_username(False)
        self._show_handover()
        self._say({Mode.SIGN: self.tr("Handed over: the handover is signed. The next shift "
                                      "acknowledges it when they log in."),
                   Mode.ACKNOWLEDGE: self.tr("Acknowledged: your signature is recorded."),
                   Mode.NOTE: self.tr("The note is signed and added.")}[self.mode], ok=True)

    def _failed(self, exc: BaseException) -> None:
        self.sign_button.setEnabled(self.mode is not Mode.SIGN or self.summary is not None)
        self.signature.ask_username(self.ctx.auth, self.session)
        if isinstance(exc, HandoverError):
            text = self.texts.error_text(exc.code, str(exc))
        elif isinstance(exc, PermissionDenied):
            text = self.tr("Your role may not sign shift handovers.")
        else:
            text = self.tr("The handover could not be read or saved (%1); nothing was "
                           "signed.").replace("%1", type(exc).__name__)
        self._say(text, ok=False)

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {OK_COLOR if ok else ERROR_COLOR};")
