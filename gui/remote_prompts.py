"""What a remote command shows the person at a PC, answered when they act: a message they must
acknowledge ("I have read it", with who read it and when), and a request to close or restart
the application they confirm or decline. Both stay on top, never block the event loop (open(),
not exec()), and answer the request exactly once (gui/sync_bridge.py answers any still waiting
when the window closes).
"""

from __future__ import annotations

from datetime import timezone
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.station_controller import StationController
from gui.sync_bridge import Request, RequestKind

# lupdate collects translate("Context", "text"[, None, n]) under this short name too.
translate = QCoreApplication.translate


def show_remote_message(parent: QWidget, request: Request,
                        controller: StationController) -> QMessageBox:
    """The message, answered once the person presses "I have read it"."""
    who = request.command.issued_by
    box = QMessageBox(parent)
    box.setObjectName("remoteMessage")
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    box.setWindowTitle(request.command.params.get("title")
                       or translate("RemotePrompts", "Message from %1").replace("%1", who))
    box.setText(request.command.params["text"])
    box.setInformativeText(translate("RemotePrompts", "From %1").replace("%1", who))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.button(QMessageBox.StandardButton.Ok).setText(translate("RemotePrompts",
                                                                "I have read it"))

    def acknowledged(_result: int) -> None:
        # Who read it: whoever is logged in when the button is pressed (None: the message
        # was read on the login page, with nobody logged in).
        session = controller.session
        request.answer(delivered=True, shown=True,
                       acknowledged_by=session.username if session else None,
                       acknowledged_at=controller.ctx.clock.now()
                       .astimezone(timezone.utc).isoformat(timespec="milliseconds"))

    box.finished.connect(acknowledged)
    box.open()
    return box


def ask_remote_close(parent: QWidget, request: Request, controller: StationController,
                     close: Callable[[], None]) -> QMessageBox:
    """Asks whether to close (or restart) now; `close()` runs when the person says yes."""
    who = request.command.issued_by
    box = QMessageBox(parent)
    box.setObjectName("remoteClose")
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    box.setWindowTitle(translate("RemotePrompts", "Close the application?"))
    restart = request.kind is RequestKind.RESTART
    text = (translate("RemotePrompts", "%1 asks to restart the application now.") if restart
            else translate("RemotePrompts", "%1 asks to close the application now.")
            ).replace("%1", who)
    box.setText(text + " " + translate("RemotePrompts", "Everything you saved is kept."))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)

    def decided(result: int) -> None:
        session = controller.session
        if result == QMessageBox.StandardButton.Yes:
            request.answer(closing=True, confirmed_by=session.username if session else None)
            close()
        else:
            request.answer(closing=False, declined_by=session.username if session else None)

    box.finished.connect(decided)
    box.open()
    return box
