"""What the app imports before its login window shows.

Start-up (bench_gui's startup phase) went from 1.74 s to 2.40 s when the station window began
importing, at the top of its modules, what only a later action uses: the shift export's
pandas (~300 modules), the labels' barcode and QR libraries (through the expected-refusals
list, which the command line and the background tasks import), and the handover, stops and
label dialogs with their services. Each is now imported when first used; this test runs the
real start-up and fails if one of them comes back. (The station's stop button once brought in
the site view's tables, about 30 ms, for two constants of a stop's classification: those live
in models/downtime.py now.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Imported by an action after login (an export, a label, a dialog, the admin panel), or by an
# exception being looked at (utils/refusals.py): never needed to show the login window.
LATER = (
    "pandas", "numpy", "segno", "barcode", "pyqtgraph",
    "data.exports", "utils.records_io",
    "utils.mes.labels", "utils.mes.handover", "utils.release.service", "utils.audit.review",
    "gui.label_dialog", "gui.handover_dialog", "gui.stops_dialog", "gui.admin",
    "utils.site.site_view", "data.view_schema",  # the site view's tables: the admin panel's
)

SCRIPT = """
import sys, main
code = main.main(['--home', sys.argv[1], 'gui', '--smoke'])
print('MODULES', ' '.join(sorted(sys.modules)))
sys.exit(code)
"""


def test_the_login_window_shows_without_what_only_later_actions_use(tmp_path, shopfloor,
                                                                      fast_secrets):
    home = tmp_path / "h"
    # A configured home (an account exists): the login window, not the first-run wizard.
    assert shopfloor(home, "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_PASSWORD="Quarry-Lantern-42").returncode == 0
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")},
           "QT_QPA_PLATFORM": "offscreen", "SHOPFLOOR_KEYRING": "off"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(home)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "login window shown" in result.stdout
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES "))
    modules = set(line.split()[1:])
    assert "gui.station_window" in modules  # the start-up did run
    loaded = sorted(m for m in modules if m.split(".")[0] in LATER or m in LATER
                    or any(m.startswith(name + ".") for name in LATER))
    assert not loaded, loaded


def test_a_refusal_is_still_told_apart_from_a_bug():
    """The expected refusals are imported when the first exception is looked at: the classes
    of the services that start-up no longer imports are still refusals, a plain error is not."""
    from utils.mes.handover import HandoverError
    from utils.mes.labels import LabelError
    from config.constants import Permission
    from utils.permissions import PermissionDenied
    from utils.refusals import is_refusal

    assert is_refusal(LabelError("printer", "no printer"))
    assert is_refusal(HandoverError("signed", "already signed"))
    assert is_refusal(PermissionDenied("ana", "operator", Permission.AUDIT_VIEW))
    assert not is_refusal(KeyError("a bug"))
