"""`verify-audit --site` and `archive` with the shared folder away: one line saying it cannot
be reached, what was (this PC's own chain) or was not checked, and to run again when it is
back; exit 2; no traceback in the log. On the plant of tests/gui/test_cli_site_view.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.cli.test_cli_share_away import share_away
from tests.gui import test_cli_site_view

plant = test_cli_site_view.plant
cli = test_cli_site_view.cli

UNREACHABLE = "cannot be reached"


def assert_no_traceback(home: Path) -> None:
    text = (home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in text and " ERROR " not in text, text[-2000:]


def test_verify_site_with_the_share_away_checks_this_pcs_chain_and_says_what_was_not(
        plant, cli, tmp_path):
    site, homes = plant
    with share_away(site.share, tmp_path):
        text = cli(homes["201"], "verify-audit", "--site")
        as_json = cli(homes["201"], "verify-audit", "--site", "--json")
    assert text.returncode == 2, text.stdout + text.stderr
    error = text.stderr.strip().splitlines()[-1]
    assert error.startswith(f"error: the shared folder {site.share} {UNREACHABLE} (")
    assert ("the stations' journals were not checked; only this PC's own audit chain was, and "
            "it is intact; run verify-audit --site again when the folder is back") in error
    assert "station 201" in text.stdout and "intact" in text.stdout
    assert "station 206" not in text.stdout
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 2
    assert report["ok"] is False and report["share_readable"] is False
    assert_no_traceback(homes["201"])
    # The share back: the whole site is verified again.
    back = cli(homes["201"], "verify-audit", "--site")
    assert back.returncode == 0 and "station 206: intact" in back.stdout, back.stderr


def test_archive_with_the_share_away_is_refused_in_one_line(plant, cli, tmp_path):
    site, homes = plant
    out = tmp_path / "a.zip"
    with share_away(site.share, tmp_path):
        refused = cli(homes["office1"], "archive", "--from", "2020-01-01", "--to", "2040-01-01",
                      "--out", str(out), "--as", "ana")
    assert refused.returncode == 2, refused.stderr
    error = refused.stderr.strip().splitlines()[-1]
    assert error.startswith(f"error: the shared folder {site.share} {UNREACHABLE} (")
    assert "nothing that needs them was done; run it again when the folder is back" in error
    assert not out.exists()
    assert_no_traceback(homes["office1"])


def test_verify_site_with_the_stations_folder_a_link_is_not_intact_and_says_why(
        plant, cli, tmp_path):
    """A link planted in place of the share's `stations` folder hides every station's journal:
    the whole site's check says the folder was refused and checks this PC's own chain only,
    exit 1 (a problem found), never "intact" with exit 0 on this PC's chain alone."""
    site, homes = plant
    stations = site.share / "stations"
    os.rename(stations, tmp_path / "stations-elsewhere")
    os.symlink(tmp_path / "stations-elsewhere", stations)
    text = cli(homes["201"], "verify-audit", "--site")
    as_json = cli(homes["201"], "verify-audit", "--site", "--json")
    assert text.returncode == 1, text.stdout + text.stderr
    error = text.stderr.strip().splitlines()[-1]
    assert error.startswith(f"error: the stations' folder of the shared folder ({stations}) "
                            f"was refused (a symbolic link; not followed): the stations' "
                            f"journals were not checked; only this PC's own audit chain was, "
                            f"and it is intact"), error
    assert "station 201: intact" in text.stdout and "station 206" not in text.stdout
    assert as_json.returncode == 1 and json.loads(as_json.stdout)["ok"] is False
    assert_no_traceback(homes["201"])
