"""`shopfloor demo --no-gui`: the demo plant made in a folder of its own from the command line,
its admin's password asked like any other (there are no built-in accounts), then found again
(by a real process: the verb's smoke run)."""

from __future__ import annotations

from tests.cli.clikit import run_process

PASSWORD = "Quarry-Lantern-2026"


def test_demo_from_the_command_line(tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "home"
    made = shopfloor(home, "demo", "--no-gui", "--days", "1", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "making the DEMO plant" in made.stdout
    assert "DEMO site (synthetic data, not a real plant)" in made.stdout
    assert (home / "demo" / "share" / "stations" / "214" / "journal").is_dir()
    assert not (home / "data" / "site-view.sqlite3").exists()  # the real home is not touched
    again = run_process(home, "demo", "--no-gui", "--days", "1", SHOPFLOOR_PASSWORD=PASSWORD)
    assert again.returncode == 0 and "making the DEMO plant" not in again.stdout, again.stderr
    assert f"the office PC's home: {home / 'demo' / 'office'}; log in as demo" in again.stdout


def test_demo_without_a_password_says_how_to_give_one(tmp_path, shopfloor):
    refused = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "1")
    # A password being chosen: SHOPFLOOR_NEW_PASSWORD (SHOPFLOOR_PASSWORD is still read alone)
    assert refused.returncode == 2 and "SHOPFLOOR_NEW_PASSWORD" in refused.stderr
    assert not (tmp_path / "home" / "demo" / "office").exists()
