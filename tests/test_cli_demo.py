"""`shopfloor demo --no-gui`: the demo plant made in a folder of its own from the command line,
its admin's password asked like any other (there are no built-in accounts), then found again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_demo_from_the_command_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPFLOOR_")}
    env.update(SHOPFLOOR_KEYRING="off", SHOPFLOOR_PASSWORD="Demo-Lantern-2026")
    home = tmp_path / "home"

    def demo(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--home", str(home), "demo",
                               "--no-gui", "--days", "1", *extra], capture_output=True,
                              text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)

    made = demo()
    assert made.returncode == 0, made.stderr
    assert "DEMO site (synthetic data, not a real plant)" in made.stdout
    assert (home / "demo" / "share" / "stations" / "214" / "journal").is_dir()
    assert not (home / "data" / "site-view.sqlite3").exists()  # the real home is not touched
    again = demo()
    assert again.returncode == 0 and "making the DEMO plant" not in again.stdout
