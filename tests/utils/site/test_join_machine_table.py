"""`site join` checks a production station's id against the site's machine table, read from
the shared folder's directory before the passphrase is typed. A share writer who damages the
directory's newest entry (the catalog that names the machines) must not make the check fall
back to the built-in table, which would let a machine the site does not have join: a
directory that cannot be read whole refuses the join, saying so."""

from __future__ import annotations

import os

import pytest

from utils.first_run import SetupError, SetupPlan, set_up
from utils.setup_checks import site_machines
from utils.site.layout import SiteLayout
from utils.site_catalog import catalog_to_dict

from tests.utils.site.sitekit import ADMIN_PW, PASSPHRASE, make_site, use_fast_kdf


def _site_with_machine_301(tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        session = site.admin.auth.login("ana", ADMIN_PW).session
        raw = catalog_to_dict(site.admin.catalog)
        raw["machines"] = [{"station_id": "301", "size": "#1", "unit_weight_kg": 0.000076}]
        site.admin.site_catalog.publish(session, raw, "the new hall")
    finally:
        site.admin.close()
    assert site_machines(site.share) == ["301"]
    layout = SiteLayout(site.share)
    seq = 1
    while layout.directory_entry(seq + 1).exists():
        seq += 1
    return site, layout.directory_entry(seq)  # the newest entry: the catalog's publication


def _join(tmp_path, site, station: str, kind: str = "production"):
    return set_up(tmp_path / f"pc{station}", SetupPlan("join", station, folder=str(site.share),
                                                      passphrase=PASSPHRASE, station_kind=kind))


def test_a_damaged_catalog_entry_refuses_the_join_instead_of_the_built_in_table(
        tmp_path, monkeypatch):
    site, newest = _site_with_machine_301(tmp_path, monkeypatch)
    newest.write_text("{not json")
    for station in ("206", "301"):  # a built-in machine the site lacks; the site's own
        with pytest.raises(SetupError) as refused:
            _join(tmp_path, site, station)
        assert refused.value.code == "folder_unusable"
        assert "machine table" in str(refused.value)
    assert not {"206", "301"} & {p.name for p in (site.share / "stations").iterdir()}


def test_an_entry_with_a_second_name_is_judged_by_its_content(tmp_path, monkeypatch):
    """A writer mid-create (or anyone's hard link) gives the newest entry two names: read as
    the log's own reader reads it, by what it holds, never as damage nor as the log's end."""
    site, newest = _site_with_machine_301(tmp_path, monkeypatch)
    os.link(newest, tmp_path / "elsewhere.json")
    with pytest.raises(SetupError) as refused:
        _join(tmp_path, site, "206")
    assert refused.value.code == "unknown_machine"
    assert "301" in str(refused.value)


def test_an_office_pc_and_a_takeover_are_not_checked_against_the_machine_table(
        tmp_path, monkeypatch):
    """The table is for a new production station's id: an office PC's join never reads it (a
    damaged entry is for the log's own reader to deal with), and a takeover replaces a
    member the site already has, whatever id that one was given."""
    site, newest = _site_with_machine_301(tmp_path, monkeypatch)
    newest.write_text("{not json")
    joined = _join(tmp_path, site, "office2", kind="office")
    getattr(joined, "context", None) and joined.context.close()
    replaced = set_up(tmp_path / "pc-line3", SetupPlan("join", "LINE3", folder=str(site.share),
                                                       passphrase=PASSPHRASE,
                                                       takeover_reason="the old PC broke"))
    getattr(replaced, "context", None) and replaced.context.close()
