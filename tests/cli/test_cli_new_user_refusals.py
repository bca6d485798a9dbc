"""What a new IT person's first commands got wrong (review s19): a site's real shared folder
named as an unfinished demo ("delete that folder"), a missing shared folder made on the local
disk, any station id taken as a machine, read-only verbs making a new installation in a
mistyped home, `demo --days` without a bound, the agent's Ctrl+C exiting 0, and refusals that
said neither which site nor, in words, what was not allowed."""

from __future__ import annotations

import json
import signal

import pytest

from tests.cli.clikit import create_office_site
from tests.cli.test_cli_site import PASSPHRASE, PASSWORD, start_agent
from tests.utils.site.sitekit import wait_until
from utils.first_run import SetupError, SetupPlan, set_up

MACHINES = ", ".join(str(number) for number in range(201, 215))


def _create(shopfloor, home, share, *extra: str):
    return create_office_site(shopfloor, home, share, *extra, SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                              SHOPFLOOR_PASSWORD=PASSWORD)


def _tree(folder):
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_sites_shared_folder_is_not_called_an_unfinished_demo(tmp_path, shopfloor,
                                                               fast_secrets):
    share = tmp_path / "share"
    assert _create(shopfloor, tmp_path / "office", share, "--make-folder").returncode == 0
    before = _tree(share)
    refused = shopfloor(tmp_path / "home", "demo", "--no-gui", "--folder", str(share),
                        SHOPFLOOR_PASSWORD=PASSWORD)
    assert refused.returncode == 2
    assert refused.stderr == (f"error: {share} holds other files: the demo needs a folder of "
                              f"its own; nothing was made: choose another --folder\n")
    assert "unfinished" not in refused.stderr and "delete" not in refused.stderr
    assert _tree(share) == before


def test_site_create_refuses_a_missing_folder_unless_asked_to_make_it(tmp_path, shopfloor,
                                                                       fast_secrets):
    missing = tmp_path / "mnt" / "shopfloor"  # a share not mounted: its mount point is there
    missing.parent.mkdir()
    refused = _create(shopfloor, tmp_path / "office", missing)
    assert refused.returncode == 2
    assert refused.stderr == (f"error: the folder {missing} does not exist; nothing was "
                              f"changed: check the path and that the share is mounted, or add "
                              f"--make-folder to make it\n")
    assert not missing.exists()
    made = _create(shopfloor, tmp_path / "office", missing, "--make-folder")
    assert made.returncode == 0, made.stderr
    assert (missing / "shopfloor-site.json").is_file()


def test_make_folder_is_not_offered_again_when_the_parent_is_missing_too(tmp_path, shopfloor,
                                                                         fast_secrets):
    missing = tmp_path / "not-mounted" / "shopfloor"
    refused = _create(shopfloor, tmp_path / "office", missing, "--make-folder")
    assert refused.returncode == 2
    assert "add --make-folder" not in refused.stderr
    assert refused.stderr.endswith("check the path and that the share is mounted (--make-folder "
                                   "makes the last folder only, in one that exists)\n")
    assert not missing.parent.exists()


def test_a_production_station_must_be_a_machine_of_the_site(tmp_path, shopfloor,
                                                            fast_secrets):
    share = tmp_path / "share"
    share.mkdir()
    assert _create(shopfloor, tmp_path / "office", share).returncode == 0
    for station in ("abc", "999", "0206"):
        home = tmp_path / f"pc-{station}"
        refused = shopfloor(home, "site", "join", "--folder", str(share), "--station", station,
                            SHOPFLOOR_PASSPHRASE=PASSPHRASE)
        assert refused.returncode == 2, refused.stdout
        assert (f"error: station {station} is not a machine of the site's machine table "
                f"({MACHINES}); nothing was changed") in refused.stderr
        assert not (share / "stations" / station).exists()
    # The wizard's path (set_up) refuses it too; an office PC keeps its own naming.
    with pytest.raises(SetupError) as excinfo:
        set_up(tmp_path / "wizard", SetupPlan("join", "abc", folder=str(share),
                                              passphrase=PASSPHRASE))
    assert excinfo.value.code == "unknown_machine" and excinfo.value.field == "station"
    office = shopfloor(tmp_path / "office2", "site", "join", "--folder", str(share),
                       "--station", "office-b", "--office", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert office.returncode == 0, office.stderr
    joined = shopfloor(tmp_path / "pc206", "site", "join", "--folder", str(share),
                       "--station", "206", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert joined.returncode == 0, joined.stderr


def test_the_machines_are_the_sites_catalogs_when_it_names_them(tmp_path, monkeypatch):
    from tests.utils.site.sitekit import make_site, use_fast_kdf
    from utils.setup_checks import site_machines
    from utils.site_catalog import catalog_to_dict

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        session = site.admin.auth.login("ana", "Quarry-Lantern-42").session
        raw = catalog_to_dict(site.admin.catalog)
        raw["machines"] = [{"station_id": "301", "size": "#1", "unit_weight_kg": 0.000076}]
        site.admin.site_catalog.publish(session, raw, "the new hall")
        # The join page lists them; a join checks against them where it reads the directory
        # (tests/utils/site/test_join_machine_table.py).
        assert site_machines(site.share) == ["301"]
    finally:
        site.admin.close()


@pytest.mark.parametrize("argv", [("verify-audit",), ("status",), ("user", "list", "--as", "x"),
                                  ("backup", "list")])
def test_a_read_only_verb_in_a_home_without_installation_creates_nothing(tmp_path, shopfloor,
                                                                        argv):
    for home in (tmp_path / "typo", tmp_path / "empty"):
        (tmp_path / "empty").mkdir(exist_ok=True)
        refused = shopfloor(home, *argv, SHOPFLOOR_PASSWORD=PASSWORD)
        assert refused.returncode == 2
        assert refused.stderr == (f"error: no installation in {home} (nothing was created): "
                                  f"check --home / SHOPFLOOR_HOME, or set this PC up first "
                                  f"(shopfloor site create / join, shopfloor user add NAME "
                                  f"--role admin, or the app)\n")
    assert not (tmp_path / "typo").exists() and _tree(tmp_path / "empty") == []


def test_demo_days_are_bounded_and_the_estimate_follows_them(tmp_path, shopfloor, capsys):
    refused = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "100000",
                        SHOPFLOOR_PASSWORD=PASSWORD)
    assert refused.returncode == 2
    assert refused.stderr == ("error: --days 100000 is more than a demo makes: at most 90 days "
                              "of synthetic history (about 2 minutes of making); nothing was "
                              "made: give --days 90 or fewer\n")
    assert not (tmp_path / "home" / "demo").exists()
    with pytest.raises(SystemExit):
        shopfloor(None, "demo", "--help")
    assert "days of history, 1 to 90" in " ".join(capsys.readouterr().out.split())


def test_site_verbs_name_the_site_a_pc_is_in_and_take_an_offset_as_a_value(tmp_path, shopfloor,
                                                                           fast_secrets):
    share = tmp_path / "share"
    share.mkdir()
    offset = _create(shopfloor, tmp_path / "office", share, "--timezone", "-03:00")
    assert offset.returncode == 2
    assert offset.stderr.startswith("error: --timezone -03:00 is a UTC offset, not a time "
                                    "zone: give the zone's name, such as America/Sao_Paulo")
    assert list(share.iterdir()) == []
    assert _create(shopfloor, tmp_path / "office", share).returncode == 0
    site_id = json.loads((share / "shopfloor-site.json").read_text())["site_id"]
    again = shopfloor(tmp_path / "office", "site", "join", "--folder", str(share), "--station",
                      "206", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert again.returncode == 2
    assert again.stderr.startswith(f"error: this PC already belongs to site {site_id} (as "
                                   f"office station office1, shared folder ")
    assert "nothing was changed" in again.stderr and "give another --home" in again.stderr


def test_user_refusals_and_a_site_unlock_say_what_happened(tmp_path, shopfloor, fast_secrets):
    share, office = tmp_path / "share", tmp_path / "office"
    share.mkdir()
    assert _create(shopfloor, office, share).returncode == 0
    added = shopfloor(office, "user", "add", "joao", "--role", "operator", "--as", "ana",
                      SHOPFLOOR_PASSWORD=PASSWORD, SHOPFLOOR_NEW_PASSWORD="Otter-Meadow-2031")
    assert added.returncode == 0, added.stderr
    changed = shopfloor(office, "user", "change-password", "joao",
                        SHOPFLOOR_PASSWORD="Otter-Meadow-2031",
                        SHOPFLOOR_NEW_PASSWORD="Harbor-Candle-2032")
    assert changed.returncode == 0, changed.stderr
    listed = shopfloor(office, "user", "list", "--as", "joao",
                       SHOPFLOOR_PASSWORD="Harbor-Candle-2032")
    assert listed.returncode == 2
    assert listed.stderr == ("error: joao (operator) may not manage user accounts (admin role "
                             "only); nothing was shown: run it again with --as a user whose "
                             "role allows it\n")
    unlocked = shopfloor(office, "user", "unlock", "joao", "--as", "ana",
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert unlocked.returncode == 0, unlocked.stderr
    assert unlocked.stdout == ("joao unlocked on every PC of the site (a signed unlock, "
                               "audited; this PC cannot tell whether another PC had locked "
                               "the account)\n")


def test_the_agent_stopped_by_ctrl_c_exits_130(two_pcs):
    share, _office, station = two_pcs
    agent = start_agent(station)
    try:
        wait_until(lambda: (share / "stations" / "206" / "status.json").exists(), timeout=30)
    finally:
        agent.send_signal(signal.SIGINT)
        out, err = agent.communicate(timeout=60)
    assert agent.returncode == 130, err
    assert "stopped (interrupted)" in out and "Traceback" not in err


def test_the_read_only_gate_in_a_home_this_account_may_not_look_into(tmp_path, shopfloor,
                                                                      monkeypatch):
    """Another account's home (its data folder 0700): the gate cannot tell whether an
    installation is there, and lets the verb's own opening say what is wrong, in one line
    (Path.exists raises PermissionError on EACCES: it had been a traceback)."""
    import errno
    from pathlib import Path

    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    real_stat = Path.stat

    def stat(self, *args, **kwargs):
        if self.parent == home / "data":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    result = shopfloor(home, "status")
    assert result.returncode == 2
    assert result.stderr.startswith("error:") and "Permission denied" in result.stderr
    assert "Traceback" not in result.stderr
