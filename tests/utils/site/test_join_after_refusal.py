"""A PC whose join was refused after it had read the site's directory (an id not in the
machine table, a station taken) is left as it was: it joins another site afterwards. Before,
its database kept the first site's directory and the second join failed with a traceback
(UNIQUE constraint failed: directory_log.seq). Real sites on tmp_path shares, the set-up the
wizard and `shopfloor site join` run."""

from __future__ import annotations

import pytest

from tests.utils.site.sitekit import PASSPHRASE, make_site, use_fast_kdf
from utils.first_run import AdminAccount, SetupError, SetupPlan, set_up


def _refused_at_a_site(tmp_path, monkeypatch, refused_as: str = "0206"):
    """A site on its own share, and a PC (its home) whose join to it as `refused_as` was
    refused after it had read the site's directory."""
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path / "a")
    site.admin.close()
    home = tmp_path / "pc"
    with pytest.raises(SetupError) as refused:
        set_up(home, SetupPlan("join", refused_as, folder=str(site.share),
                               passphrase=PASSPHRASE))
    assert refused.value.code in ("unknown_machine", "bad_station_id")
    return site, home


@pytest.mark.parametrize("refused_as", ["0206", "LINE-9"])
def test_a_join_refused_at_one_site_leaves_the_pc_free_to_join_another(tmp_path, monkeypatch,
                                                                       refused_as):
    site_a, home = _refused_at_a_site(tmp_path, monkeypatch, refused_as)
    site_b = make_site(tmp_path / "b")
    site_b.admin.close()
    joined = set_up(home, SetupPlan("join", "206", folder=str(site_b.share),
                                    passphrase=PASSPHRASE))
    try:
        assert (joined.ctx.settings.site_id == site_b.admin.settings.site_id
                != site_a.admin.settings.site_id)
        assert joined.ctx.trust.state.member("206") is not None
    finally:
        joined.ctx.close()


def test_a_refused_join_then_a_join_of_the_same_site_reads_on(tmp_path, monkeypatch):
    site, home = _refused_at_a_site(tmp_path, monkeypatch)
    joined = set_up(home, SetupPlan("join", "206", folder=str(site.share),
                                    passphrase=PASSPHRASE))
    try:
        assert joined.ctx.trust.state.member("206") is not None
    finally:
        joined.ctx.close()


def test_a_join_refused_then_a_new_site_made_on_this_pc(tmp_path, monkeypatch):
    """The same for a site this PC then creates: its directory's first entry is written over
    nothing (it failed with a database error, the new site's share left half made)."""
    site, home = _refused_at_a_site(tmp_path, monkeypatch)
    made = set_up(home, SetupPlan(
        "create", "206", folder=str(tmp_path / "b"), passphrase=PASSPHRASE, make_folder=True,
        admin=AdminAccount("maria", "Maria Silva", "Quarry-Lantern-42")))
    try:
        assert made.ctx.settings.site_id not in (None, "", site.admin.settings.site_id)
        assert made.ctx.trust.state.member("206") is not None
    finally:
        made.ctx.close()
