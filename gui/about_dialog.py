"""About: product, version, this PC's station id and folders, Qt and Python versions.

The folders are selectable text, so support can be told exactly where the data and logs are.
"""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from config.version import APP_VERSION
from utils.context import AppContext

from gui.theme import TOUCH_MIN_PX

PRODUCT_NAME = "Shopfloor Collector"


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About %1").replace("%1", PRODUCT_NAME))
        self.setMinimumWidth(560)
        title = QLabel(PRODUCT_NAME)
        title.setObjectName("aboutTitle")
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.version = APP_VERSION
        subtitle = QLabel(self.tr("Version %1").replace("%1", self.version))
        subtitle.setObjectName("aboutVersion")

        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = [
            ("station", self.tr("Station"), ctx.station_id),
            ("data", self.tr("Data folder"), str(ctx.paths.data_dir)),
            ("logs", self.tr("Log folder"), str(ctx.paths.log_dir)),
            ("config", self.tr("Settings folder"), str(ctx.paths.config_dir)),
            ("qt", self.tr("Qt"), self.tr("%1 (PySide6 %2)").replace("%1", qVersion())
             .replace("%2", PySide6.__version__)),
            ("python", self.tr("Python"), platform.python_version()),
        ]
        for key, label, value in rows:
            field = QLabel(value)
            field.setObjectName(f"about_{key}")
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)  # long folder paths wrap instead of widening the window
            self.fields[key] = field
            form.addRow(label, field)

        close = QPushButton(self.tr("Close"))
        close.setObjectName("aboutClose")
        close.setMinimumHeight(TOUCH_MIN_PX)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Wrapped folder paths: the automatic size measures them at the size hint's width,
        # narrower than the minimum, and leaves a gap; measure at the real width instead.
        self.resize(self.width(), self.layout().totalHeightForWidth(self.width()))

    def text(self) -> str:
        """Everything shown, one `label: value` per line (for tests and support requests)."""
        form = self.findChild(QFormLayout)
        lines = [PRODUCT_NAME, self.tr("Version %1").replace("%1", self.version)]
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            lines.append(f"{label.widget().text()}: {field.widget().text()}")
        return "\n".join(lines)
