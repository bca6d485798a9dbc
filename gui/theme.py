"""Look and touch sizes for the shop floor: every control at least 44 px high, large text,
and colours for states (online, offline, locked, errors)."""

from __future__ import annotations

TOUCH_MIN_PX = 44
# Rows measured to fit a big table's columns (measuring them all freezes the window).
SIZE_SAMPLE_ROWS = 100

ERROR_COLOR = "#b00020"
OK_COLOR = "#1b7f3b"
WARN_COLOR = "#b26a00"
HEADER_OK_COLOR = "#7fe0a0"  # readable on the dark header
HEADER_WARN_COLOR = "#ffd54f"  # amber, readable on the dark header

STYLESHEET = f"""
QWidget {{ font-size: 15px; }}
QPushButton, QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QToolButton {{
    min-height: {TOUCH_MIN_PX}px;
}}
QPushButton {{ padding: 0 16px; }}
QPushButton#primary {{ font-size: 18px; font-weight: bold; background: #1565c0; color: white;
    border-radius: 6px; }}
QPushButton#primary:disabled {{ background: #90a4ae; }}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: #555555; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QSpinBox[invalid="true"],
QDoubleSpinBox[invalid="true"], QPlainTextEdit[invalid="true"], QTableWidget[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; }}
QFrame#banner {{ background: {ERROR_COLOR}; color: white; }}
QFrame#header {{ background: #263238; }}
QFrame#header QLabel {{ color: white; }}
"""


def form_label(text: str):
    """A form label as tall as the touch-sized field beside it, text centred vertically
    (QFormLayout would otherwise pin it to the field's top edge)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setMinimumHeight(TOUCH_MIN_PX)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label
