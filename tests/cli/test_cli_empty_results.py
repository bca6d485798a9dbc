"""Why an export or an archive found nothing, on an office PC that imported the old system's
records (boxes of November 2025, imported today): an export's reason tells a station this PC
holds none of (look in the site view) from one it holds records of that the filters leave out,
on its own records and on the site view alike; an archive's says that its period counts when
events were written, not the boxes' dates. In-process."""

from __future__ import annotations

import zipfile

import pytest

from tests.cli.clikit import ROOT, create_office_site
from tests.cli.test_cli_site import PASSPHRASE, PASSWORD

SAMPLE = ROOT / "tests" / "fixtures" / "legacy_dados_producao.csv"


@pytest.fixture
def office(tmp_path, shopfloor, fast_secrets):
    """An office PC of a site holding the legacy sample's records (station 206's among them)."""
    home = tmp_path / "office"
    (tmp_path / "share").mkdir()
    created = create_office_site(shopfloor, home, tmp_path / "share",
                                 SHOPFLOOR_PASSPHRASE=PASSPHRASE, SHOPFLOOR_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    imported = shopfloor(home, "import-legacy", str(SAMPLE), "--as", "ana", "--timezone",
                         "America/Sao_Paulo", SHOPFLOOR_PASSWORD=PASSWORD)
    assert imported.returncode == 0, imported.stderr
    return home


def _why(shopfloor, home, tmp_path, *args: str) -> str:
    """The `why none:` line of an export that found nothing."""
    result = shopfloor(home, "export", "--format", "csv", "--out", str(tmp_path / "x.csv"),
                       *args, "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("exported 0 records"), result.stdout
    [line] = [line for line in result.stdout.splitlines() if line.startswith("why none: ")]
    return line


def test_own_records_of_the_station_left_out_by_the_filters_are_counted(office, shopfloor,
                                                                         tmp_path):
    whole = shopfloor(office, "export", "--format", "csv", "--out", str(tmp_path / "all.csv"),
                      "--station", "206", "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    held = int(whole.stdout.split("exported ")[1].split(" records")[0])
    assert held > 0
    for filters in (("--from", "2030-01-01"), ("--lot", "NOPE")):
        why = _why(shopfloor, office, tmp_path, "--station", "206", *filters)
        assert why == (f"why none: this PC's own records hold {held} records of station 206, "
                       f"none within these filters"), filters
    # A station it holds nothing of: said so, with where to look.
    why = _why(shopfloor, office, tmp_path, "--station", "299")
    assert "own records hold none of station 299" in why and "--site" in why
    # No station named: how many it holds, none within the filters.
    why = _why(shopfloor, office, tmp_path, "--from", "2030-01-01")
    assert why.startswith("why none: this PC's own records hold ") and why.endswith(
        "records, none within these filters")


def test_the_site_view_counts_the_station_the_filters_leave_out(office, shopfloor, tmp_path):
    why = _why(shopfloor, office, tmp_path, "--site", "--station", "206", "--from",
               "2030-01-01")
    assert "holds " in why and "records of station 206, none within these filters" in why
    unknown = _why(shopfloor, office, tmp_path, "--site", "--station", "299")
    assert "this PC holds no records of station 299" in unknown


def _publish_own_journal(home) -> None:
    """What the office PC's agent does: its own chain put on the shared folder, sealed."""
    from utils.context import AppContext
    from utils.site.journal import JournalWriter
    from utils.site.layout import SiteLayout

    ctx = AppContext.open(home)
    try:
        writer = JournalWriter(ctx.database, SiteLayout(ctx.site_folder).station(
            ctx.station_id).ensure(), ctx.anchor, ctx.trust.pc_key)
        while writer.sync():
            pass
    finally:
        ctx.close()


def test_an_archive_of_the_boxes_month_says_the_period_counts_when_events_were_written(
        office, shopfloor, tmp_path):
    _publish_own_journal(office)
    out = tmp_path / "nov.zip"
    made = shopfloor(office, "archive", "--from", "2025-11-01", "--to", "2025-12-01", "--out",
                     str(out), "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "(0 station(s), 0 events" in made.stdout and zipfile.is_zipfile(out)
    why = made.stdout.splitlines()[-1]
    assert why.startswith("why empty: no events were written from 2025-11-01 to 2025-12-01 "
                          "(America/Sao_Paulo time"), why
    assert "none is on the shared folder" not in why
    assert ": this PC's site view holds events of 1 station(s), written from 20" in why
    assert "the period counts when events were written, not the boxes' dates" in why
    # The boxes of that month are named, and where their events are.
    assert why.endswith(" records are dated in the period but were written (imported) later: "
                        "give the period in which they were written"), why
