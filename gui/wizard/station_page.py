"""The wizard's page of what this PC is: a production station (its machine) or an office PC,
and starting with the PC."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QWidget

from config.catalog import Catalog

from gui.theme import TOUCH_MIN_PX
from gui.wizard.page import Titles, WizardPage
from gui.wizard.widgets import StationChoice, hint_label, row_label


class StationPage(WizardPage):
    """Production station (its machine) or office PC, and starting with the PC."""

    fields = frozenset({"station"})

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__("stationPage", parent)
        self.catalog = catalog
        self.choice = StationChoice(catalog)
        self.autostart = QCheckBox()
        self.autostart.setObjectName("autostart")
        self.autostart.setMinimumHeight(TOUCH_MIN_PX)
        self.autostart_hint = hint_label()
        self.kind_hint = hint_label()
        self.autostart_wanted = True
        # Offered only once a join was refused because another PC holds the station id.
        self.takeover = QCheckBox()
        self.takeover.setObjectName("takeover")
        self.takeover.setMinimumHeight(TOUCH_MIN_PX)
        self.takeover_reason = QLineEdit()
        self.takeover_reason.setObjectName("takeoverReason")
        self.takeover_reason.setMinimumHeight(TOUCH_MIN_PX)
        # Its own label, like the page's other fields (a screen reader names it by it).
        self.takeover_label = row_label()
        self.takeover_label.setObjectName("takeoverReasonLabel")
        self.takeover_label.setBuddy(self.takeover_reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.takeover_label)
        reason_row.addWidget(self.takeover_reason, 1)
        for widget in (self.takeover_label, self.takeover_reason):
            widget.setEnabled(False)
            self.takeover.toggled.connect(widget.setEnabled)
            widget.setVisible(False)
        self.takeover.setVisible(False)
        self.body.addWidget(self.choice)
        self.body.addWidget(self.takeover)
        self.body.addLayout(reason_row)
        self.body.addWidget(self.kind_hint)
        self.body.addSpacing(12)
        self.body.addWidget(self.autostart)
        self.body.addWidget(self.autostart_hint)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.choice.kind_changed.connect(self._kind_changed)
        self.choice.office_id.returnPressed.connect(self.submitted)
        self.autostart.toggled.connect(self._autostart_toggled)
        self.retranslate()
        self._kind_changed(self.choice.kind())

    def retranslate(self) -> None:
        self.takeover.setText(self.tr("This PC replaces that station's PC"))
        self.takeover_reason.setPlaceholderText(self.tr("Why, e.g. the old PC's disk failed "
                                                        "(at least 10 characters)"))
        self.takeover_label.setText(self.tr("Reason for the replacement"))
        self.takeover_reason.setAccessibleName(self.takeover_label.text())
        self.autostart.setText(self.tr("Start automatically when this PC starts"))
        self.autostart_hint.setText(self.tr("For production stations: after a restart or a "
                                            "power cut the login window opens by itself."))
        self.kind_hint.setText(self.tr("A production station records the boxes of its "
                                       "machine. An office PC records nothing; supervisors and "
                                       "admins get the admin panel there right after login."))

    def titles(self) -> Titles:
        return Titles(self.tr("What is this PC?"))

    def prepare(self, *, autostart: bool, machines: list[str] | None = None) -> None:
        """Defaults for the chosen way: the site's machines when joining (utils/setup_checks
        site_machines: those the join accepts, utils/site/station_checks.py); autostart on for
        a real site's station, off for a trial."""
        if machines:
            self.choice.set_machines(machines)
        self.autostart_wanted = autostart
        self._kind_changed(self.choice.kind())

    def _kind_changed(self, kind: str) -> None:
        production = kind == "production"
        self.autostart.setEnabled(production)
        self.autostart.blockSignals(True)
        self.autostart.setChecked(production and self.autostart_wanted)
        self.autostart.blockSignals(False)

    def _autostart_toggled(self, on: bool) -> None:
        self.autostart_wanted = on

    def validate(self) -> bool:
        return self.choice.validate()

    def offer_takeover(self) -> None:
        """The chosen station id belongs to another PC: offer to replace it, with a reason."""
        for widget in (self.takeover, self.takeover_label, self.takeover_reason):
            widget.setVisible(True)

    def takeover_wanted(self) -> str | None:
        """The reason for replacing the station's PC, when ticked; else None."""
        if self.takeover.isHidden() or not self.takeover.isChecked():  # (page may be off screen)
            return None
        return self.takeover_reason.text().strip()

    def show_problem(self, text: str, field: str | None = None) -> None:
        if field == "station":
            self.choice.error.setText(text)
        else:
            self.error.setText(text)

    def clear_problem(self) -> None:
        self.error.clear()
        self.choice.error.clear()
