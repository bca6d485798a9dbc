"""Station ids that a Windows share folds together, or cannot make, are not given to new
members (attack report s17, "Case-only and Windows-equivalent station ids"): `Line1` and
`line1`, `206` and `206.` are one folder on a share a Windows server serves; `CON`, `NUL.txt`,
`COM1` are no folder there; `directory` is a folder the program keeps in quarantine/. Ids a
site's directory already holds are read and used as they are."""

from __future__ import annotations

import pytest

from config.paths import resolve_paths
from config.settings import Settings
from utils.context import AppContext
from utils.site.layout import SITE_FILE_NAME
from utils.site.membership import (
    certify_simulated_pcs, create_site_membership, join_site_membership,
)
from utils.site.protocol import folder_twin, new_station_id_problem, valid_station_id
from utils.site.site_key import SiteError

from tests.utils.site.sitekit import PASSPHRASE, certified_pc_key, site_layout


@pytest.mark.parametrize("station_id", ["206.", "line1..", "CON", "con", "Nul", "NUL.txt",
                                        "aux.tar.gz", "PRN", "COM1", "com9", "LPT1", "lpt9.x",
                                        "directory", "Directory", "DIRECTORY"])
def test_a_new_station_id_a_windows_share_cannot_hold_apart_is_refused(station_id):
    problem = new_station_id_problem(station_id)
    assert problem is not None and station_id in problem and "choose" in problem
    assert valid_station_id(station_id)  # still read where a site already holds it


@pytest.mark.parametrize("station_id", ["206", "line1", "Line1", "office1", "CONSOLE", "con1",
                                        "com10", "lpt", "auxiliary", "nul-2", "directory2",
                                        "a.b", "206.1"])
def test_an_ordinary_station_id_passes(station_id):
    assert new_station_id_problem(station_id) is None


def test_folder_twin_finds_another_spelling_of_one_folder_only():
    assert folder_twin("line1", ["Line1", "206"]) == "Line1"
    assert folder_twin("206", ["206.", "207"]) == "206."
    assert folder_twin("Line1", ["Line1", "line1"]) is None  # exactly a member: itself
    assert folder_twin("line2", ["Line1"]) is None


def _join(tmp_path, site, station_id, **kwargs):
    paths = resolve_paths(tmp_path / f"home-new-{station_id}").ensure()
    join_site_membership(paths, Settings(), site.share, PASSPHRASE, station_id=station_id,
                         **kwargs)
    return paths


def _refused_join(tmp_path, site, station_id, **kwargs) -> SiteError:
    paths = resolve_paths(tmp_path / f"home-refused-{station_id}").ensure()
    site.admin.directory.refresh()
    head = site.admin.trust.state.head_seq
    with pytest.raises(SiteError) as refused:
        join_site_membership(paths, Settings(), site.share, PASSPHRASE, station_id=station_id,
                             **kwargs)
    assert not paths.settings_file.exists()  # nothing written: this PC is no member
    site.admin.directory.refresh()
    assert site.admin.trust.state.head_seq == head  # nothing certified
    return refused.value


def test_a_join_with_another_case_of_a_members_id_is_refused_naming_it(site, tmp_path):
    _join(tmp_path, site, "Line1", kind="office")  # (a production id is a table's machine)
    refused = _refused_join(tmp_path, site, "line1")
    assert refused.code == "station_taken"
    assert "Line1" in str(refused) and "join as Line1 exactly" in str(refused)
    # A takeover names the exact id: another case is refused even with a reason.
    refused = _refused_join(tmp_path, site, "LINE1", takeover_reason="PC replaced")
    assert refused.code == "station_taken" and "Line1" in str(refused)
    # The office PC that created the site counts too.
    assert _refused_join(tmp_path, site, "Office1").code == "station_taken"


def test_a_join_that_names_a_members_folder_with_a_trailing_dot_is_refused(site, tmp_path):
    _join(tmp_path, site, "206")
    refused = _refused_join(tmp_path, site, "206.")
    assert refused.code == "bad_station_id" and "ends in '.'" in str(refused)


@pytest.mark.parametrize("station_id", ["CON", "nul.txt", "COM3", "directory"])
def test_a_join_as_a_windows_device_or_a_program_folder_is_refused(site, tmp_path, station_id):
    refused = _refused_join(tmp_path, site, station_id)
    assert refused.code == "bad_station_id" and station_id in str(refused)
    assert "choose another id" in str(refused)


def test_a_site_is_not_created_with_a_first_station_a_windows_share_cannot_hold(tmp_path):
    share = tmp_path / "share"
    paths = resolve_paths(tmp_path / "home").ensure()
    with pytest.raises(SiteError) as refused:
        create_site_membership(paths, Settings(), share, PASSPHRASE, station_id="AUX",
                               kind="office")
    assert refused.value.code == "bad_station_id" and "AUX" in str(refused.value)
    assert not (share / SITE_FILE_NAME).exists() and not paths.settings_file.exists()


def test_simulated_stations_get_no_id_a_windows_share_folds_together(site, tmp_path):
    with pytest.raises(SiteError) as refused:
        certify_simulated_pcs(site.share, PASSPHRASE, ["OFFICE1"],
                              database_file=tmp_path / "sim.db")
    assert refused.value.code == "station_taken" and "office1" in str(refused.value)


def test_ids_an_older_version_let_in_are_still_read_and_taken_over_exactly(site, tmp_path,
                                                                         closing):
    """A directory holding `CON`, `206.` and both `Line1` and `line1` (certified before this
    check): a new PC reads every one of them, and a takeover of one of them by its exact id
    is allowed."""
    for station_id in ("CON", "206.", "Line1", "line1"):
        certified_pc_key(site, station_id)
    _join(tmp_path, site, "207")
    newcomer = AppContext.open(tmp_path / "home-new-207")
    closing.append(newcomer)
    state = newcomer.trust.state
    for station_id in ("CON", "206.", "Line1", "line1", "207"):
        assert state.member(station_id) is not None, station_id
        site_layout(site.share).station(station_id)  # still a station's folder to read
    # The exact id of a member: a takeover (that PC is not running), whatever its spelling.
    for station_id in ("CON", "206.", "line1"):
        _join(tmp_path, site, station_id, takeover_reason="PC replaced")
    site.admin.directory.refresh()
    takeovers = [m for m in site.admin.trust.state.pc_keys.values() if m.superseded]
    assert sorted(m.station for m in takeovers) == ["206.", "CON", "line1"]
    # A new spelling of those folders is not: `206` names the folder of `206.`.
    refused = _refused_join(tmp_path, site, "206")
    assert refused.code == "station_taken" and "206." in str(refused)
