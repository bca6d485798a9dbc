"""The command line on a PC whose shared folder is away (renamed away, then put back): an
export of the site view that finds nothing says the share could not be read, what the view
holds from before and what to do; `status` says so in one line and lists every station the
site view holds, with no status read now. In-process (tests/cli/clikit.py), on the plant of
tests/gui/test_cli_site_view.py (an office PC, stations 206 and 201 with their journals)."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from cli.cmd_status import station_rows
from utils.context import AppContext

from tests.gui import test_cli_site_view

# The plant and the in-process `shopfloor` of the site view's CLI tests (fixtures).
plant = test_cli_site_view.plant
cli = test_cli_site_view.cli

SHARE_AWAY = "the shared folder cannot be read now"
UNKNOWN = "unknown"  # a station's state when no status of it was read now


@contextmanager
def share_away(share: Path, tmp_path: Path):
    """The shared folder renamed away for the block, and put back after it."""
    away = tmp_path / "share-away"
    os.rename(share, away)
    try:
        yield
    finally:
        os.rename(away, share)


def _export(cli, home: Path, out: Path, *filters: str):
    return cli(home, "export", "--site", "--format", "csv", "--out", str(out), *filters,
               "--as", "ana")


def test_export_site_with_the_share_away_says_so_and_what_the_view_held(plant, cli, tmp_path):
    site, homes = plant
    out = tmp_path / "x.csv"
    # Never read on this PC: the view holds only its own chain, nothing of 206.
    with share_away(site.share, tmp_path):
        never = _export(cli, homes["201"], out, "--station", "206")
    assert never.returncode == 0 and never.stdout.startswith("exported 0 records")
    assert "warning: the shared folder cannot be read now" in never.stderr
    why = never.stdout.splitlines()[1]
    assert why.startswith(f"why none: {SHARE_AWAY}, and this PC's site view holds only what "
                          "it read before: nothing of station 206; run the export again when "
                          "the shared folder is back (check the network and the share path: ")
    assert str(site.share) in why
    assert "no journal of that station was found" not in never.stdout

    # Read once with the share there, then away: how much of the station the view holds.
    assert _export(cli, homes["201"], out, "--station", "206").stdout.startswith(
        "exported 7 records")
    with share_away(site.share, tmp_path):
        narrow = _export(cli, homes["201"], out, "--station", "206", "--lot", "no-such-lot")
        unknown = _export(cli, homes["201"], out, "--station", "299")
        site_wide = _export(cli, homes["201"], out, "--lot", "no-such-lot")
    assert (f"why none: {SHARE_AWAY}, and this PC's site view holds only what it read before: "
            "7 records of station 206, none within these filters; run the export again when "
            "the shared folder is back") in narrow.stdout
    assert f"why none: {SHARE_AWAY}" in unknown.stdout
    assert "holds only what it read before: nothing of station 299;" in unknown.stdout
    assert ("holds only what it read before: 11 records of the site, none within these "
            "filters;") in site_wide.stdout

    # The share back: the reasons are the ones of a share that was read.
    back = _export(cli, homes["201"], out, "--station", "299")
    assert "no journal of that station was found on the shared folder" in back.stdout
    assert SHARE_AWAY not in back.stdout + back.stderr


def test_status_with_the_share_away_lists_the_site_views_stations(plant, cli, tmp_path):
    site, homes = plant
    assert _export(cli, homes["201"], tmp_path / "x.csv").stdout.startswith("exported 11")
    with share_away(site.share, tmp_path):
        text = cli(homes["201"], "status")
        as_json = cli(homes["201"], "status", "--json")
    assert text.returncode == 0 and as_json.returncode == 0, text.stderr + as_json.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith(f"{SHARE_AWAY}, so no station's status was read: below is what "
                               "this PC's site view holds from before; run status again when "
                               "the shared folder is back (check the network and the share "
                               "path: ")
    assert "no stations have reported yet" not in text.stdout
    rows = {line.split()[0]: line for line in lines[1:]}
    assert set(rows) == {"201", "206"}
    for station in ("201", "206"):
        assert rows[station].split()[1] == "unknown"
        assert "no status read now" in rows[station] and "view: " in rows[station]
    assert "view: nothing read" not in text.stdout

    report = json.loads(as_json.stdout)
    assert report["share_readable"] is False
    by_station = {row["station"]: row for row in report["stations"]}
    assert set(by_station) == {"201", "206"}
    assert {row["state"] for row in report["stations"]} == {UNKNOWN}
    assert by_station["206"]["site_view"]["events"] > 7
    assert by_station["206"]["last_seen"] is None and by_station["206"]["problem"] is None

    # The share back: read, and every station's status from it.
    back = json.loads(cli(homes["201"], "status", "--json").stdout)
    assert back["share_readable"] is True
    assert {row["station"] for row in back["stations"]} >= {"201", "206"}
    assert UNKNOWN not in {row["state"] for row in back["stations"]}
    assert SHARE_AWAY not in cli(homes["201"], "status").stdout


def test_status_with_the_share_away_and_an_empty_view_says_both(plant, cli, tmp_path):
    site, homes = plant
    with share_away(site.share, tmp_path):
        text = cli(homes["office1"], "status")
        as_json = json.loads(cli(homes["office1"], "status", "--json").stdout)
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert lines[0].startswith(SHARE_AWAY) and len(lines) == 2
    assert lines[1].startswith("this PC's site view is empty")
    assert as_json == {"share_readable": False, "stations": []}


def test_status_shows_each_station_once_whatever_its_chains(plant, tmp_path):
    """A station's later chains are `station/journal-<chain id>` in the view: one row each
    station, with its first journal's part (or, known only by a later chain, that chain's)."""
    site, homes = plant

    def held(station: str, events: int) -> dict:
        return {"station": station, "events": events, "data_up_to": None, "read_at": None,
                "source": "journal", "broken": None}

    summaries = {"206": held("206", 9), "206/journal-abc": held("206", 3),
                 "207/journal-def": held("207", 5)}
    ctx = AppContext.open(homes["201"])
    try:
        with share_away(site.share, tmp_path):
            readable, rows = station_rows(ctx, summaries)
    finally:
        ctx.close()
    assert readable is False
    assert [(row["station"], row["state"], row["site_view"]["events"]) for row in rows] == [
        ("206", UNKNOWN, 9), ("207", UNKNOWN, 5)]


def test_status_with_the_stations_folder_a_link_says_it_was_refused(plant, cli, tmp_path):
    """A share writer swaps `stations/` for a link: nothing is followed, and the person is told
    the folder was refused (not to check the network: the share is answering)."""
    site, homes = plant
    stations = site.share / "stations"
    kept = tmp_path / "stations-kept"
    os.rename(stations, kept)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    stations.symlink_to(elsewhere, target_is_directory=True)
    try:
        text = cli(homes["201"], "status")
    finally:
        stations.unlink()
        os.rename(kept, stations)
    assert text.returncode == 0, text.stderr
    first = text.stdout.splitlines()[0]
    assert first.startswith("the stations' folder on the shared folder was refused and not "
                            "read ("), text.stdout
    assert "check the network" not in first


def test_export_site_with_the_stations_folder_a_link_says_it_was_refused(plant, cli, tmp_path):
    """A link planted in place of the share's `stations` folder: the export says the folder was
    refused and that the view holds what it read before, never "every journal read"."""
    site, homes = plant
    before = _export(cli, homes["office1"], tmp_path / "before.csv")
    assert before.returncode == 0, before.stderr
    stations = site.share / "stations"
    os.rename(stations, tmp_path / "stations-elsewhere")
    os.symlink(tmp_path / "stations-elsewhere", stations)
    after = _export(cli, homes["office1"], tmp_path / "after.csv")
    assert after.returncode == 0, after.stderr
    assert (f"warning: the stations' folder of the shared folder ({stations}) was refused: it "
            f"is not a plain folder (a link, or a file)") in after.stderr
    assert "every journal read" not in after.stderr
    # What the view read before is what is exported.
    assert (tmp_path / "after.csv").read_bytes() == (tmp_path / "before.csv").read_bytes()
