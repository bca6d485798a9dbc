"""The admin panel's audit verification: the check it runs (the whole site's, or this PC's own
chain) and the per-station results of the last one, shared by the Tools menu and the Audit
tab's button.

The panel owns it, not the Audit tab: a verify from the menu needs nothing of the tab, which
is built when first shown (gui/admin/lazy_tabs.py). Building the tab on the menu's click held
the GUI thread 242 ms before the dialog appeared (bench_gui, issue 17's "after"); now the
dialog opens and the check starts, and the tab, built when its results are shown, reads them
from `results`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from gui.admin.audit_model import VerifyResultsModel
from gui.tasks import TaskRunner
from gui.verify_dialog import VerifyDialog, VerifyFunction, run_verify


class SiteVerify(QObject):
    def __init__(self, verify: VerifyFunction, runner: TaskRunner,
                 parent: QObject | None = None):
        """`verify(progress, cancel)`: the check (gui/verify_dialog.py), run by `runner`."""
        super().__init__(parent)
        self.verify_work = verify
        self.runner = runner
        self.results = VerifyResultsModel(self)
        self.dialog: VerifyDialog | None = None

    def run(self, parent: QWidget) -> VerifyDialog:
        """Open the verify dialog over `parent` and start the check; its per-station results
        replace `results` when it ends (a check stopped by an error leaves them as they were)."""
        self.dialog = run_verify(parent, self.runner, self.verify_work)
        self.dialog.finished_with.connect(self.results.set_rows)
        return self.dialog
