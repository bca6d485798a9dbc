"""The small always-on-top "Register production" window.

Frameless, showing lot, box c/t, size and station with one big button that brings the
entry form forward. Operators cannot close it; a supervisor or admin login hides it; it can be
switched off per station in the settings.

It is there for when another program covers the station window, so the station window shows
it only then (StationWindow decides): while the station window is in front it would only hide
part of it. It opens at the bottom-right of the screen's available area (clear of the header's
share status and clock), can be dragged anywhere by its top strip, comes back where the
operator left it on this PC, and is always kept inside a screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from models.lot import Lot

from gui.layouts import vbox
from gui.window_state import current_screen, restore_position, save_position

MARGIN_PX = 16
POSITION_KEY = "registerWindow"


class RegisterWindow(QWidget):
    register_requested = Signal()

    def __init__(self, station_id: str, parent: QWidget | None = None, *,
                 config_dir: Path | None = None):
        # Never takes the keyboard from the program in front: it only offers a way back.
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("registerWindow")
        self.setWindowTitle(self.tr("Register production"))
        self.allow_close = False  # only the application itself closes it (on exit)
        self.config_dir = config_dir
        self._placed = False
        self._drag_from: QPoint | None = None
        self.grip = QLabel(self.tr("⠿ drag to move"))
        self.grip.setObjectName("registerGrip")
        self.grip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grip.setStyleSheet("color: #546e7a; font-size: 12px;")
        self.grip.setCursor(Qt.CursorShape.SizeAllCursor)
        self.info = QLabel()
        self.info.setObjectName("registerInfo")
        self.info.setStyleSheet("font-size: 15px;")
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_id = station_id
        self.button = QPushButton(self.tr("Register production"))
        self.button.setObjectName("primary")
        self.button.setMinimumHeight(64)
        self.button.clicked.connect(self.register_requested)
        vbox(self, self.grip, self.info, self.button, margins=(8, 4, 8, 8), spacing=4)
        self.setStyleSheet("#registerWindow { background: #eceff1; border: 2px solid #1565c0; }")
        self.setFixedWidth(280)
        self.update_info(None, None)

    def update_info(self, lot: Lot | None, size: str | None) -> None:
        station = self.tr("Station %1").replace("%1", self.station_id)
        size_text = size or "—"
        if lot is None:
            self.info.setText(f"{station} · {size_text}\n" + self.tr("No lot set"))
        else:
            self.info.setText(f"{station} · {size_text}\n" + self.tr("Lot %1 · box %2/%3")
                              .replace("%1", lot.code).replace("%2", str(lot.current_box))
                              .replace("%3", str(lot.total_boxes)))

    def default_position(self) -> QPoint:
        """Bottom-right of the current screen's available area: away from the header's share
        status and clock, and from the form and the newest records."""
        screen = current_screen()
        if screen is None:
            return QPoint(0, 0)
        area = screen.availableGeometry()
        return QPoint(area.right() - self.width() - MARGIN_PX + 1,
                      area.bottom() - self.height() - MARGIN_PX + 1)

    def place(self) -> None:
        """Where the operator left it (or the default place), inside a screen."""
        self.adjustSize()
        if self.config_dir is None:
            self.move(self.default_position())
        else:
            restore_position(self, POSITION_KEY, self.config_dir, self.default_position())
        self._placed = True

    def show_placed(self) -> None:
        if not self._placed:
            self.place()
        self.show()

    # -- dragging: the operator moves it out of the way; the place is remembered --------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.button.geometry().contains(
                event.position().toPoint()):
            self._drag_from = event.globalPosition().toPoint() - self.pos()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self.move(event.globalPosition().toPoint() - self._drag_from)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None:
            self._drag_from = None
            self.keep_on_screen()
            if self.config_dir is not None:
                save_position(self, POSITION_KEY, self.config_dir)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keep_on_screen(self) -> None:
        from gui.window_state import fit_inside, screen_of

        screen = screen_of(self.frameGeometry()) or current_screen()
        if screen is not None:
            self.move(fit_inside(self.frameGeometry(), screen.availableGeometry()).topLeft())

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
        else:
            event.ignore()  # Alt+F4 by an operator does nothing

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)
