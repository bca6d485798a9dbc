"""Where windows open and what they remember: each main window opens on the screen the person
is working on (the one under the mouse), inside that screen's available area (no part under a
taskbar or off the edge), and comes back where it was left on this PC.

UI state only, kept with Qt's QSettings in an INI file in this PC's configuration folder
(`window-state.ini`, next to settings.json): `--home` moves it with everything else, and tests
get a temporary one with their home. Domain settings never go here (config/settings.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

FILE_NAME = "window-state.ini"
SAVE_DELAY_MS = 400  # moving a window sends dozens of events: one write when it rests


def ui_settings(config_dir: Path) -> QSettings:
    return QSettings(str(Path(config_dir) / FILE_NAME), QSettings.Format.IniFormat)


def current_screen() -> QScreen | None:
    """The screen the person works on: the one under the mouse, else the primary one."""
    return QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


def screen_of(rect: QRect) -> QScreen | None:
    """The screen holding most of `rect` (None: it is on no screen any more)."""
    best, best_area = None, 0
    for screen in QGuiApplication.screens():
        part = screen.availableGeometry().intersected(rect)
        area = part.width() * part.height()
        if area > best_area:
            best, best_area = screen, area
    return best


def fit_inside(rect: QRect, area: QRect) -> QRect:
    """`rect` made no larger than `area` and moved (not resized further) to lie inside it."""
    size = QSize(min(rect.width(), area.width()), min(rect.height(), area.height()))
    x = min(max(rect.x(), area.left()), area.right() - size.width() + 1)
    y = min(max(rect.y(), area.top()), area.bottom() - size.height() + 1)
    return QRect(QPoint(x, y), size)


def centred(size: QSize, area: QRect) -> QRect:
    rect = QRect(QPoint(0, 0), size.boundedTo(area.size()))
    rect.moveCenter(area.center())
    return fit_inside(rect, area)


def restore_window(window: QWidget, key: str, default_size: QSize, config_dir: Path) -> None:
    """Give `window` its remembered place on this PC, kept inside a screen's available area;
    the first time, `default_size` (at most the screen) centred on the current screen. Then
    keep remembering it."""
    settings = ui_settings(config_dir)
    saved = settings.value(f"{key}/geometry")
    maximised = settings.value(f"{key}/maximized", False, type=bool)
    rect = saved if isinstance(saved, QRect) and saved.isValid() else None
    screen = screen_of(rect) if rect is not None else None
    if rect is not None and screen is not None:
        geometry = fit_inside(rect, screen.availableGeometry())
    else:
        screen = current_screen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)
        geometry = centred(default_size, area)
    # A window larger than its minimum could not shrink into a small screen: let it.
    window.setMinimumSize(window.minimumSize().boundedTo(geometry.size()))
    window.setGeometry(geometry)
    if maximised:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    GeometryKeeper(window, key, config_dir)


class GeometryKeeper(QObject):
    """Remembers a window's normal geometry and whether it is maximised, when it rests."""

    def __init__(self, window: QWidget, key: str, config_dir: Path):
        super().__init__(window)
        self.window = window
        self.key = key
        self.config_dir = Path(config_dir)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and not self.window.isMaximized():
            # Only now is the frame (title bar, borders) known: the whole of it goes inside.
            QTimer.singleShot(0, lambda: keep_frame_inside(self.window))
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize,
                            QEvent.Type.WindowStateChange) and self.window.isVisible():
            self.timer.start()
        elif event.type() == QEvent.Type.Close:
            self.save()
        return False

    def save(self) -> None:
        settings = ui_settings(self.config_dir)
        maximised = self.window.isMaximized()
        normal = self.window.normalGeometry() if maximised else self.window.geometry()
        if normal.isValid():
            settings.setValue(f"{self.key}/geometry", normal)
        settings.setValue(f"{self.key}/maximized", maximised)
        settings.sync()


def fit_to_screen(window: QWidget) -> None:
    """A window sized in advance (a dialog) made no larger than the free area of the screen
    it opens on."""
    screen = (window.parentWidget().screen() if window.parentWidget() is not None
              else current_screen())
    if screen is not None:
        window.resize(window.size().boundedTo(screen.availableGeometry().size()))


def keep_frame_inside(window: QWidget) -> None:
    """Move (and if need be shrink) a shown window so its frame, title bar included, lies in
    the free area of the screen that holds most of it."""
    frame = window.frameGeometry()
    screen = screen_of(frame) or current_screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    if area.contains(frame):
        return
    extra = QSize(frame.width() - window.width(), frame.height() - window.height())
    size = window.size().boundedTo(area.size() - extra).expandedTo(window.minimumSize())
    window.resize(size)
    fitted = fit_inside(QRect(frame.topLeft(), size + extra), area)
    window.move(fitted.topLeft())


def restore_position(widget: QWidget, key: str, config_dir: Path, default: QPoint) -> None:
    """A small window's remembered position (the register window), kept on a screen."""
    saved = ui_settings(config_dir).value(f"{key}/position")
    point = saved if isinstance(saved, QPoint) else default
    rect = QRect(point, widget.size())
    screen = screen_of(rect) or current_screen()
    if screen is not None:
        rect = fit_inside(rect, screen.availableGeometry())
    widget.move(rect.topLeft())


def save_position(widget: QWidget, key: str, config_dir: Path) -> None:
    settings = ui_settings(config_dir)
    settings.setValue(f"{key}/position", widget.pos())
    settings.sync()
