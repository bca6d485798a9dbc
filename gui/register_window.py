"""The small always-on-top "Register production" window.

Frameless, in the top-right corner, showing lot, box c/t, size and station with one big
button that brings the entry form forward. Operators cannot close it; a supervisor or admin
login hides it; it can be switched off per station in the settings.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from models.lot import Lot


class RegisterWindow(QWidget):
    register_requested = Signal()

    def __init__(self, station_id: str, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("registerWindow")
        self.setWindowTitle(self.tr("Register production"))
        self.allow_close = False  # only the application itself closes it (on exit)
        self.info = QLabel()
        self.info.setObjectName("registerInfo")
        self.info.setStyleSheet("font-size: 15px;")
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.station_id = station_id
        self.button = QPushButton(self.tr("Register production"))
        self.button.setObjectName("primary")
        self.button.setMinimumHeight(64)
        self.button.clicked.connect(self.register_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.info)
        layout.addWidget(self.button)
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

    def place_top_right(self) -> None:
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return
        area = screen.availableGeometry()
        self.adjustSize()
        self.move(area.right() - self.width() - 16, area.top() + 16)

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
