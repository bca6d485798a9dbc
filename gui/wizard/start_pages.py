"""The first two pages: the language (applied at once) and how this PC will be used."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QWidget

from gui.wizard.page import Titles, WizardPage
from gui.wizard.widgets import OptionButton

# Each language is named in itself, so whoever reads the page finds their own.
LANGUAGE_NAMES = {
    "pt_BR": ("Português (Brasil)", "O aplicativo em português."),
    "en": ("English", "The application in English."),
}


class LanguagePage(WizardPage):
    language_chosen = Signal(str)

    def __init__(self, current: str, parent: QWidget | None = None):
        super().__init__("languagePage", parent)
        self.buttons: dict[str, OptionButton] = {}
        group = QButtonGroup(self)
        for code, (title, description) in LANGUAGE_NAMES.items():
            button = OptionButton(f"language_{code}")
            button.set_texts(title, description)
            group.addButton(button)
            button.clicked.connect(lambda _checked=False, c=code: self.choose(c))
            self.body.addWidget(button)
            self.buttons[code] = button
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.buttons.get(current, self.buttons["en"]).setChecked(True)

    def retranslate(self) -> None:
        pass  # the language names stay in their own language

    def titles(self) -> Titles:
        return Titles(self.tr("Welcome to Shopfloor Collector"),
                      self.tr("This PC is not set up yet. A few questions, and it is ready. "
                              "First, the language:"))

    def language(self) -> str:
        return next(code for code, button in self.buttons.items() if button.isChecked())

    def choose(self, code: str) -> None:
        self.buttons[code].setChecked(True)
        self.language_chosen.emit(code)


class ModePage(WizardPage):
    MODES = ("create", "join", "trial")
    mode_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__("modePage", parent)
        group = QButtonGroup(self)
        self.buttons: dict[str, OptionButton] = {}
        for mode in self.MODES:
            button = OptionButton(f"mode_{mode}")
            group.addButton(button)
            button.clicked.connect(lambda _checked=False, m=mode: self.mode_chosen.emit(m))
            self.body.addWidget(button)
            self.buttons[mode] = button
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.buttons["create"].set_texts(
            self.tr("Create a new site"),
            self.tr("The first PC of a plant. You choose a shared folder that every PC can "
                    "open, the site passphrase, and the first admin account."))
        self.buttons["join"].set_texts(
            self.tr("Join a site"),
            self.tr("Another PC of a plant whose site exists already. You need the shared "
                    "folder and the site passphrase."))
        self.buttons["trial"].set_texts(
            self.tr("Try it on this PC"),
            self.tr("Everything stays on this PC, to see how the app works. You choose the "
                    "admin's username and password."))

    def titles(self) -> Titles:
        return Titles(self.tr("How will this PC be used?"))

    def mode(self) -> str | None:
        return next((mode for mode, button in self.buttons.items() if button.isChecked()), None)

    def validate(self) -> bool:
        if self.mode() is None:
            self.error.setText(self.tr("Choose one of the three."))
            return False
        self.error.clear()
        return True
