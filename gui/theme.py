"""Look and touch sizes for the shop floor: every control at least 44 px high, large text,
colours for states (online, offline, locked, errors), and a thick focus ring on whatever has
the keyboard, so a key press never changes something nobody could see was selected."""

from __future__ import annotations

TOUCH_MIN_PX = 44
FOCUS_COLOR = "#ff8f00"  # amber: seen on white fields and on the blue primary buttons alike
# Rows measured to fit a big table's columns (measuring them all freezes the window).
SIZE_SAMPLE_ROWS = 100

ERROR_COLOR = "#b00020"
OK_COLOR = "#1b7f3b"
WARN_COLOR = "#b26a00"
HINT_COLOR = "#555555"  # hints, and what an empty list says (gui/empty_view.py)
HEADER_OK_COLOR = "#7fe0a0"  # readable on the dark header
HEADER_WARN_COLOR = "#ffd54f"  # amber, readable on the dark header

# Every input keeps the same outer size in every state: a thin border with some padding, a
# thicker red one when invalid, the thickest amber one with the keyboard (border + padding is
# 3 px in each), so a field taking the focus or an error never moves anything on screen.
STYLESHEET = f"""
QWidget {{ font-size: 15px; }}
QPushButton, QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QToolButton {{
    min-height: {TOUCH_MIN_PX}px;
}}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit {{
    border: 1px solid #9e9e9e; border-radius: 4px; padding: 2px 4px; background: white;
}}
QComboBox::drop-down {{ width: 30px; }}
QSpinBox::up-button, QSpinBox::down-button, QDoubleSpinBox::up-button,
QDoubleSpinBox::down-button {{ width: 32px; }}
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QDoubleSpinBox:disabled,
QDateTimeEdit:disabled {{ background: #f0f0f0; color: #9e9e9e; }}
QPushButton {{ padding: 2px 16px; border: 1px solid #9e9e9e; border-radius: 6px;
    background: #f5f5f5; }}
QPushButton:hover {{ background: #eceff1; }}
QPushButton:pressed, QPushButton:checked {{ background: #cfd8dc; }}
QPushButton:disabled {{ color: #9e9e9e; background: #f0f0f0; }}
QPushButton#primary {{ font-size: 18px; font-weight: bold; background: #1565c0; color: white;
    border: 1px solid #0d47a1; }}
QPushButton#primary:disabled {{ background: #90a4ae; border: 1px solid #90a4ae; }}
QCheckBox, QRadioButton {{ border: 2px solid transparent; border-radius: 4px; }}
QLabel[role="error"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: {HINT_COLOR}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QSpinBox[invalid="true"],
QDoubleSpinBox[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; padding: 1px 3px; }}
QPlainTextEdit[invalid="true"], QTableWidget[invalid="true"] {{ border: 2px solid {ERROR_COLOR}; }}
QFrame#banner {{ background: {ERROR_COLOR}; color: white; }}
QFrame#header {{ background: #263238; }}
QFrame#header QLabel {{ color: white; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QDateTimeEdit:focus {{
    border: 3px solid {FOCUS_COLOR}; padding: 0px 2px; }}
QPushButton:focus {{ border: 3px solid {FOCUS_COLOR}; padding: 0px 14px; }}
QPlainTextEdit:focus, QTextEdit:focus, QAbstractItemView:focus {{
    border: 3px solid {FOCUS_COLOR}; }}
QCheckBox:focus, QRadioButton:focus {{ background: #fff3e0; border: 2px solid {FOCUS_COLOR}; }}
"""

# A production station's menus, applied to that window's menu bar only (its menus are its
# children): the supervisor's actions there (Admin panel, Verify, This PC's settings) are
# touch-sized items, and the bar's titles wide targets. The bar itself stays one text line
# high: 44 px would take 22 px from every screen, and the station of a restored backup (its
# takeover notice shown) would no longer fit a 1366 x 768 screen.
TOUCH_MENUS = f"""
QMenuBar::item {{ padding: 4px 16px; }}
QMenu::item {{ min-height: {TOUCH_MIN_PX}px; padding: 0px 32px 0px 24px; }}
"""


def form_label(text: str):
    """A form label as tall as the touch-sized field beside it, text centred vertically
    (QFormLayout would otherwise pin it to the field's top edge)."""
    # Qt only here: the rest of this module is plain colours and sizes (no Qt to import).
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setMinimumHeight(TOUCH_MIN_PX)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label
