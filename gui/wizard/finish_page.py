"""The last page: what will be done, then (after the set-up ran) what was done and how to log
in. Nothing here says "ready" before the set-up service returned."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from config.catalog import Catalog
from utils.first_run import SetupPlan, SetupResult

from gui.wizard.page import Titles, WizardPage
from gui.wizard.widgets import machine_text
from gui.wizard.widgets import hint_label


class FinishPage(WizardPage):
    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__("finishPage", parent)
        self.catalog = catalog
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.note = hint_label("finishNote")
        self.done = QLabel()
        self.done.setObjectName("doneText")
        self.done.setTextFormat(Qt.TextFormat.RichText)
        self.done.setWordWrap(True)
        self.done.hide()
        self.body.addWidget(self.summary)
        self.body.addWidget(self.note)
        self.body.addWidget(self.done)
        self.body.addWidget(self.error)
        self.body.addStretch(1)
        self.plan: SetupPlan | None = None
        self.result: SetupResult | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.note.setText(self.tr("Setting up takes a few seconds: the site key is derived from "
                                  "the passphrase, on purpose slowly."))
        if self.plan is not None:
            self.set_plan(self.plan)
        if self.result is not None:
            self.show_done(self.result)

    def titles(self) -> Titles:
        if self.result:
            return Titles(self.tr("This PC is ready"))
        return Titles(self.tr("Ready to set up"), self.tr("Check, then press \"Set up this PC\"."))

    def set_plan(self, plan: SetupPlan) -> None:
        self.plan = plan
        lines = []
        if plan.mode == "create":
            lines.append(self.tr("Create a new site in %1").replace("%1", _b(plan.folder or "")))
        elif plan.mode == "join":
            lines.append(self.tr("Join the site in %1").replace("%1", _b(plan.folder or "")))
        else:
            lines.append(self.tr("A trial site on this PC only"))
        lines.append(self._station_text(plan))
        if plan.admin is not None:
            lines.append(self.tr("First admin: %1 (%2)").replace("%1", _b(plan.admin.username))
                         .replace("%2", html.escape(plan.admin.full_name)))
        if plan.timezone:
            lines.append(self.tr("Site time zone: %1").replace("%1", _b(plan.timezone)))
        if plan.station_kind == "production":
            lines.append(self.tr("Start with the PC: yes") if plan.autostart
                         else self.tr("Start with the PC: no"))
        self.summary.setText("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")

    def _station_text(self, plan: SetupPlan) -> str:
        if plan.station_kind == "production":
            return self.tr("This PC: production station %1").replace(
                "%1", _b(machine_text(self.catalog, plan.station_id)))
        return self.tr("This PC: office PC %1").replace("%1", _b(plan.station_id))

    def show_done(self, result: SetupResult) -> None:
        """Only called with the set-up service's result: everything said here happened."""
        self.result = result
        self.note.hide()
        self.summary.hide()
        lines = [self._station_text(result.plan)]
        if result.plan.admin is not None:
            lines.append(self.tr("Log in as %1 with the password you chose.").replace(
                "%1", _b(result.plan.admin.username)))
        elif result.accounts:
            lines.append(self.tr("%n account(s) of the site reached this PC; log in with yours.",
                                 "", result.accounts))
        else:
            lines.append(self.tr("No accounts of the site reached this PC yet (is the shared "
                                 "folder reachable?). They arrive by themselves once it is; "
                                 "until then nobody can log in here."))
        if result.plan.mode == "create":
            lines.append(self.tr("Set up the plant's other PCs with \"Join a site\": the "
                                 "folder %1 and the site passphrase.").replace(
                "%1", _b(str(result.folder))))
        if result.plan.mode == "trial":
            lines.append(self.tr("The trial site is in %1. For a real site, set up the PCs "
                                 "with a shared folder.").replace("%1", _b(str(result.folder))))
        if result.membership.folder_note:
            lines.append(self.tr("The shared folder is on the network: status and commands "
                                 "are checked every half second there."))
        if result.plan.station_kind == "production":
            if result.autostart_error:
                lines.append(self.tr("Starting with the PC could not be switched on: %1. An "
                                     "admin can try again in Tools → This PC's settings.")
                             .replace("%1", html.escape(result.autostart_error)))
            elif result.plan.autostart:
                lines.append(self.tr("The app starts by itself when this PC starts."))
        self.done.setText("<ul>" + "".join(f"<li>{line}</li>" for line in lines) + "</ul>")
        self.done.show()


def _b(text: str) -> str:
    return f"<b>{html.escape(text)}</b>"
