"""The station window's shift-handover button and when it asks for attention.

The button is there all shift (an operator may leave early and hand over then). In the last
half hour of a shift, and in the first two hours of the next while the ending one is unsigned
(utils/mes/handover.py `offer_due`), it says the handover is due and stands out. When someone
logs in and the station's last handover (signed by someone else) waits for acknowledgement,
the dialog opens for them to read and acknowledge it. The clock is checked once a minute: a
shift's end needs no finer grain.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QPushButton, QWidget

from models.shifts import shift_of
from utils.auth import Session

from gui.periodic_failure import PeriodicFailure
from gui.station_controller import StationController
from gui.tasks import TaskRunner

if TYPE_CHECKING:  # the dialog and the handover service are imported when first used
    from gui.handover_dialog import HandoverDialog

CHECK_INTERVAL_MS = 60_000
DUE_STYLE = "background-color: #f0b000; color: black; font-weight: bold;"


log = logging.getLogger(__name__)

class HandoverOffer(QObject):
    def __init__(self, controller: StationController, runner: TaskRunner, window: QWidget):
        super().__init__(window)
        self.controller, self.runner, self.window = controller, runner, window
        self.button = QPushButton()
        self.button.setObjectName("handoverButton")
        self.button.clicked.connect(self.open)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.dialog: HandoverDialog | None = None
        self._failure = PeriodicFailure(log, "Whether a shift handover is due")
        self._show_due(False)

    def session_started(self, session: Session) -> None:
        self.timer.start()
        self.check()
        waiting = self.controller.ctx.handover.waiting_for(session)
        if waiting is not None:
            from gui.handover_dialog import HandoverDialog, Mode

            self._open(HandoverDialog(self.controller.ctx, session, self.runner,
                                      handover=waiting, mode=Mode.ACKNOWLEDGE,
                                      parent=self.window))

    def session_ended(self) -> None:
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.close()  # a logout takes the signing person's dialog with it
            self.dialog = None
        self._show_due(False)

    def check(self) -> None:
        try:
            due = (self.controller.session is not None
                   and self.controller.ctx.handover.offer_due() is not None)
        except Exception as exc:  # noqa: BLE001 (a timer's: never an error box a minute)
            self._failure.failed(exc)
            return
        self._failure.worked()
        self._show_due(due)

    def open(self) -> HandoverDialog | None:
        """The handover to act on now: one waiting for this person's acknowledgement; else the
        shift whose handover is due; else the page of this or the last shift's signed
        handover (to add a signed note); else an early handover of this shift."""
        session = self.controller.session
        if session is None:
            return None
        # Imported on the first opening, not with the station window: the dialog, the
        # handover's service and the site view's tables it reads took ~0.1 s of every start-up
        # before the login window showed (bench_gui's startup phase).
        from utils.mes.handover import handover_id

        from gui.handover_dialog import HandoverDialog, Mode

        ctx = self.controller.ctx
        service = ctx.handover
        waiting = service.waiting_for(session)
        if waiting is not None:
            dialog = HandoverDialog(ctx, session, self.runner, handover=waiting,
                                    mode=Mode.ACKNOWLEDGE, parent=self.window)
        else:
            shift, signed = service.shift_to_hand_over(), None
            if service.offer_due() is None:
                # Not the time to hand over: the page of this shift's or the last shift's
                # handover, if signed (to add a note); else an early handover of this shift.
                previous = shift_of(shift.start_utc - timedelta(seconds=1), ctx.timezone)
                signed = (service.find(handover_id(ctx.station_id, shift))
                          or service.find(handover_id(ctx.station_id, previous)))
            if signed is not None:
                dialog = HandoverDialog(ctx, session, self.runner, handover=signed,
                                        mode=Mode.NOTE, parent=self.window)
            else:
                dialog = HandoverDialog(ctx, session, self.runner, shift=shift,
                                        pending_on_share=self.controller.pending_on_share(),
                                        parent=self.window)
        return self._open(dialog)

    def _open(self, dialog: HandoverDialog) -> HandoverDialog:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = dialog
        dialog.finished.connect(lambda _code: self.check())
        dialog.open()  # not exec(): the window stays responsive, tests can read it
        return dialog

    def _show_due(self, due: bool) -> None:
        self.button.setText(self.tr("Shift handover due…") if due
                            else self.tr("Shift handover…"))
        self.button.setStyleSheet(DUE_STYLE if due else "")
        self.button.setProperty("due", due)
