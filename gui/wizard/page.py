"""One page of the first-run wizard: a heading, its inputs with inline errors, a cheap
check on "Next" and, where the check needs the disk or the network, a background check run by
the wizard through gui/tasks.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from utils.autostart import Autostart
from utils.clock import Clock
from utils.first_run import write_probe

from gui.wizard.widgets import Retranslating, error_label


@dataclass
class WizardOptions:
    """What the wizard passes to the set-up services; tests inject folders and fakes here."""

    home: Path | None = None  # None: SHOPFLOOR_HOME or the platform's folders
    clock: Clock | None = None
    autostart: Autostart | None = None
    probe: Callable[[Path], None] = write_probe
    translations_dir: Path | None = None


class Titles(NamedTuple):
    """What the wizard shows above a page, in the current language."""

    heading: str
    intro: str = ""  # the sentence under the heading; "": none


class WizardPage(Retranslating):
    #: The set-up problems (SetupError.field) this page's inputs can correct.
    fields: frozenset[str] = frozenset()
    submitted = Signal()  # Enter in the page's last field: the same as "Next"

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.error = error_label(name + "Error")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)

    # Each page defines titles(), asked again on a language change: a method, so that
    # self.tr gives its texts the page's own translation context.
    titles: Callable[[], Titles]

    def entered(self) -> None:
        """The page became the current one."""

    def validate(self) -> bool:
        """Cheap checks on "Next"; errors appear next to their fields."""
        return True

    def background_check(self) -> Callable[[], Any] | None:
        """Work to run off the GUI thread before moving on (None: nothing to wait for)."""
        return None

    def busy_text(self) -> str:
        return ""

    def checked(self, result: Any) -> None:
        """The background check's result, on the GUI thread."""

    def show_problem(self, text: str, field: str | None = None) -> None:
        """A problem found later (by a background check or the set-up itself); `field` says
        which input it concerns, when the page has a label next to it."""
        self.error.setText(text)

    def clear_problem(self) -> None:
        self.error.clear()

    @staticmethod
    def section(text_label: QLabel) -> QLabel:
        text_label.setStyleSheet("font-size: 17px; font-weight: bold; margin-top: 6px;")
        return text_label
