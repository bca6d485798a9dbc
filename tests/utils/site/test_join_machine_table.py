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


@pytest.mark.parametrize("damage", ["garbage", "hard link"])
def test_a_damaged_catalog_entry_refuses_the_join_instead_of_the_built_in_table(
        tmp_path, monkeypatch, damage):
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
    newest = layout.directory_entry(seq)  # the catalog's publication
    if damage == "garbage":
        newest.write_text("{not json")
    else:
        os.link(newest, tmp_path / "elsewhere.json")  # a hard link is never read
    for station in ("206", "301"):  # a built-in machine the site lacks; the site's own
        with pytest.raises(SetupError) as refused:
            set_up(tmp_path / f"pc{station}", SetupPlan("join", station,
                                                        folder=str(site.share),
                                                        passphrase=PASSPHRASE))
        assert refused.value.code == "folder_unusable"
        assert "machine table" in str(refused.value)
    assert not {"206", "301"} & {p.name for p in (site.share / "stations").iterdir()}
