"""`shopfloor demo` never reports a half-made demo as ready: the admin's name and password are
checked before anything is made, what a failure or Ctrl+C left is removed, and a folder a
demo's making stopped in (its making marker, no ready marker) is named as unfinished. A file as --folder
and --days below 1 are refused in one line."""

from __future__ import annotations

from pathlib import Path

from utils.site.demo import MAKING_MARKER, READY_MARKER

PASSWORD = "Quarry-Lantern-2026"


def test_a_weak_password_makes_nothing_and_a_good_one_then_makes_the_demo(tmp_path, shopfloor,
                                                                         fast_secrets):
    folder = tmp_path / "demo"
    weak = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "1", "--folder",
                     str(folder), SHOPFLOOR_PASSWORD="short")
    assert weak.returncode == 2
    assert "needs at least 8 characters; no demo was made" in weak.stderr, weak.stderr
    assert "making the DEMO plant" not in weak.stdout and not folder.exists()
    made = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "1", "--folder",
                     str(folder), SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0 and "making the DEMO plant" in made.stdout, made.stderr
    assert (folder / READY_MARKER).is_file()


def test_a_demo_interrupted_midway_is_removed(tmp_path, shopfloor, fast_secrets, monkeypatch):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("utils.site.demo.write_plant", interrupted)
    folder = tmp_path / "demo"
    folder.mkdir()  # a folder given empty stays, emptied again
    stopped = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "1", "--folder",
                        str(folder), SHOPFLOOR_PASSWORD=PASSWORD)
    assert stopped.returncode == 130
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_an_unfinished_demo_is_named_not_reported_ready(tmp_path, shopfloor):
    folder = tmp_path / "demo"
    (folder / "office" / "data").mkdir(parents=True)  # what a killed run leaves
    (folder / "share").mkdir()
    (folder / MAKING_MARKER).write_text("being made")  # written first by the demo
    again = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", "1", "--folder",
                      str(folder), SHOPFLOOR_PASSWORD=PASSWORD)
    assert again.returncode == 2, again.stdout
    assert f"unfinished demo in {folder}" in again.stderr
    assert "delete that folder, or choose another --folder" in again.stderr
    assert "DEMO site" not in again.stdout
    assert (folder / "office").is_dir()  # nothing of it removed: the person decides


def test_a_file_as_the_demo_folder_is_refused_naming_it(tmp_path, shopfloor):
    afile = tmp_path / "afile"
    afile.write_text("mine")
    for folder in (afile, afile / "demo"):
        refused = shopfloor(tmp_path / "home", "demo", "--no-gui", "--folder", str(folder),
                            SHOPFLOOR_PASSWORD=PASSWORD)
        assert refused.returncode == 2
        assert f"error: {folder} is a file (or inside one), not a folder" in refused.stderr
    assert afile.read_text() == "mine"


def test_days_below_one_are_refused(tmp_path, shopfloor):
    for days in ("0", "-1"):
        refused = shopfloor(tmp_path / "home", "demo", "--no-gui", "--days", days,
                            SHOPFLOOR_PASSWORD=PASSWORD)
        assert refused.returncode == 2
        assert f"--days must be 1 or more (days of synthetic history), not {days}" in \
            refused.stderr
    assert not Path(tmp_path / "home" / "demo").exists()


def test_a_demo_made_before_the_ready_mark_is_still_ready(tmp_path, fast_secrets):
    """A release before the marks left none: a demo whose office PC has its admin and whose
    stations have history is finished; without the admin it is not one this release can
    tell from other files (never named as a demo to delete)."""
    from utils.context import AppContext
    from utils.site.demo import DemoState, demo_state

    folder = tmp_path / "demo #1?"  # URI characters in its name: read as a name
    (folder / "share").mkdir(parents=True)
    (folder / "stations" / "201").mkdir(parents=True)
    office = AppContext.open(folder / "office")
    try:
        assert demo_state(folder) == DemoState.TAKEN  # no admin, no marker: not provably ours
        office.auth.create_first_admin("demo", "Demo Admin", PASSWORD)
    finally:
        office.close()
    assert demo_state(folder) == DemoState.READY


def test_markers_planted_in_a_sites_shared_folder_are_not_believed(tmp_path, shopfloor,
                                                                   fast_secrets):
    """Anyone who can write to the share can put the demo's markers there: a folder holding
    a site file is a site's, never a demo to name as unfinished or to open as made (opening
    it had made an office PC's database and key inside the real share)."""
    from tests.cli.clikit import create_office_site
    from tests.cli.test_cli_site import PASSPHRASE, PASSWORD as SITE_PASSWORD

    share = tmp_path / "share"
    assert create_office_site(shopfloor, tmp_path / "office", share, "--make-folder",
                              SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                              SHOPFLOOR_PASSWORD=SITE_PASSWORD).returncode == 0
    before = sorted(share.rglob("*"))
    for marker in (MAKING_MARKER, READY_MARKER):
        (share / marker).write_text("planted")
        result = shopfloor(tmp_path / "home", "demo", "--no-gui", "--folder", str(share),
                           SHOPFLOOR_PASSWORD=PASSWORD)
        assert result.returncode == 2, result.stdout
        assert "holds other files" in result.stderr and "delete" not in result.stderr
        (share / marker).unlink()
    assert sorted(share.rglob("*")) == before
