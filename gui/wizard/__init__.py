"""The first-run wizard: shown by the app when this PC has no configuration yet (no site
membership and no account). It creates a site, joins one, or sets up a trial on this PC, and
hands the new context to the app, which continues with the login window."""

from gui.wizard.page import WizardOptions
from gui.wizard.window import FirstRunWizard

__all__ = ["FirstRunWizard", "WizardOptions"]
