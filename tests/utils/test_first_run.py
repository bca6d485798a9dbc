"""First-run set-up without widgets: the first-run condition, folder checks with plain
explanations (missing, not a folder, read-only, permission denied, offline share, UNC path on
Linux, data folder on a network drive), and the three ways to set up a PC with real folders."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest


from config.settings import Settings
from data import audit_repo
from data.netfs import Mount
from models.validation import ValidationFailed
from utils.autostart import Autostart
from utils.clock import ManualClock
from utils.context import AppContext
from utils.first_run import SetupPlan, needs_first_run, set_up
from utils.setup_checks import (
    PROBE_PREFIX, AdminAccount, SetupError, check_database_location, check_folder,
    machines_on_share, write_probe,
)
from utils.passwords import PasswordPolicyError
from utils.settings_store import load_settings
from utils.site_catalog import catalog_to_dict
from config.paths import resolve_paths
from tests.utils.site.sitekit import use_fast_kdf

PASSPHRASE = "long site passphrase 1"
ADMIN = AdminAccount("maria", "Maria Silva", "Quarry-Lantern-42")


@pytest.fixture(autouse=True)
def fast(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)


def no_autostart(tmp_path: Path) -> Autostart:
    return Autostart(platform="linux", folder=tmp_path / "autostart")


def code_of(excinfo) -> str:
    return excinfo.value.code


# -- the first-run condition --------------------------------------------------------------------

def test_the_admin_account_never_shows_its_password():
    shown = f"{ADMIN!r} {ADMIN!s} {[ADMIN]}"
    assert ADMIN.password not in shown and "maria" in shown and "Maria Silva" in shown


def test_first_run_until_an_account_or_a_site_exists(tmp_path):
    ctx = AppContext.open(tmp_path / "fresh")
    try:
        assert needs_first_run(ctx)
        ctx.auth.create_first_admin("ana", "Ana", "Quarry-Lantern-42")  # the command line way
        assert not needs_first_run(ctx)
    finally:
        ctx.close()
    joined = AppContext.open(tmp_path / "joined", settings=Settings(site_id="abc", station_id="206"))
    try:
        assert not joined.auth.has_users() and not needs_first_run(joined)
    finally:
        joined.close()


# -- folder checks ------------------------------------------------------------------------------

def test_a_new_folder_under_an_existing_one_is_fine_and_not_created_yet(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    assert check_folder(str(share / "site"), "create") == share / "site"
    assert not (share / "site").exists()
    assert os.listdir(share) == []  # the probe file is gone


@pytest.mark.parametrize("text, code", [
    ("", "folder_required"), ("   ", "folder_required"), ("relative/folder", "folder_not_absolute"),
    ("//server/share/site", "unc_needs_mount"), ("\\\\server\\share", "unc_needs_mount"),
])
def test_unusable_paths(text, code):
    with pytest.raises(SetupError) as excinfo:
        check_folder(text, "create", platform="linux")
    assert code_of(excinfo) == code and excinfo.value.field == "folder"


def test_missing_parent_file_and_existing_site(tmp_path):
    with pytest.raises(SetupError) as excinfo:
        check_folder(tmp_path / "not-mounted" / "site", "create")
    assert code_of(excinfo) == "parent_not_found"
    assert excinfo.value.params["parent"] == str(tmp_path / "not-mounted")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    with pytest.raises(SetupError) as excinfo:
        check_folder(a_file, "create")
    assert code_of(excinfo) == "not_a_folder"
    (tmp_path / "shopfloor-site.json").write_text("{}")
    with pytest.raises(SetupError) as excinfo:
        check_folder(tmp_path, "create")
    assert code_of(excinfo) == "site_exists"
    assert check_folder(tmp_path, "join") == tmp_path


def test_join_needs_a_site(tmp_path):
    with pytest.raises(SetupError) as excinfo:
        check_folder(tmp_path, "join")
    assert code_of(excinfo) == "no_site"
    with pytest.raises(SetupError) as excinfo:
        check_folder(tmp_path / "gone" / "away", "join")
    assert code_of(excinfo) == "folder_not_found"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes to read-only folders; see the injected variant below")
def test_a_folder_without_write_permission(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(SetupError) as excinfo:
            check_folder(folder, "create")
        assert code_of(excinfo) == "permission_denied"
    finally:
        folder.chmod(0o755)


def _failing(exc: OSError):
    def probe(folder: Path) -> None:
        raise exc
    return probe


@pytest.mark.parametrize("exc, code", [
    (PermissionError(errno.EACCES, "Permission denied"), "permission_denied"),
    (OSError(errno.EROFS, "Read-only file system"), "read_only"),
    (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
    (OSError(errno.ETIMEDOUT, "Connection timed out"), "offline"),
    (OSError(errno.EHOSTDOWN, "Host is down"), "offline"),
    (OSError(errno.EINVAL, "Invalid argument"), "folder_unusable"),
])
def test_write_failures_are_named(tmp_path, exc, code):
    with pytest.raises(SetupError) as excinfo:
        check_folder(tmp_path, "create", probe=_failing(exc))
    assert code_of(excinfo) == code and excinfo.value.params["folder"] == str(tmp_path)


def test_windows_network_errors_mean_offline(tmp_path):
    error = OSError(errno.ENOENT, "The network path was not found")
    error.winerror = 53  # what Windows sets for an unreachable \\server\share
    with pytest.raises(SetupError) as excinfo:
        check_folder(tmp_path, "create", probe=_failing(error))
    assert code_of(excinfo) == "offline"


def test_a_probe_that_cannot_be_deleted(tmp_path, monkeypatch):
    real_unlink = Path.unlink

    def refuse(self, *args, **kwargs):
        if self.name.startswith(PROBE_PREFIX):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", refuse)
    with pytest.raises(SetupError) as excinfo:
        write_probe(tmp_path)
    assert code_of(excinfo) == "cannot_delete"


def test_database_on_a_network_drive_is_refused(tmp_path):
    paths = resolve_paths(tmp_path / "home")
    mounts = lambda: [Mount("/", "ext4"), Mount(str(tmp_path), "cifs")]  # noqa: E731
    with pytest.raises(SetupError) as excinfo:
        check_database_location(paths, mounts)
    assert code_of(excinfo) == "database_on_network" and "cifs" in str(excinfo.value)
    check_database_location(paths, lambda: [Mount("/", "ext4")])  # local: fine


# -- setting up ---------------------------------------------------------------------------------

def _events(ctx: AppContext) -> list[dict]:
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, limit=1000)


def test_trial_on_this_pc(tmp_path):
    home = tmp_path / "home"
    switch = no_autostart(tmp_path)
    result = set_up(home, SetupPlan("trial", station_id="201", admin=ADMIN, autostart=True),
                    clock=ManualClock(), autostart=switch)
    ctx = result.ctx
    try:
        paths = resolve_paths(home)
        assert result.folder == paths.data_dir / "trial-site"
        assert (result.folder / "shopfloor-site.json").is_file()
        saved = load_settings(paths.settings_file)
        assert (saved.station_id, saved.station_kind, saved.site_id) == (
            "201", "production", result.membership.info.site_id)
        assert ctx.station_id == "201" and ctx.trust is not None
        assert ctx.auth.login("maria", ADMIN.password).ok
        first = _events(ctx)[0]
        assert (first["station"], first["seq"], first["action"]) == (
            "201", 1, "user.create_first_admin")
        assert switch.is_enabled() and result.autostart_error is None
        assert not needs_first_run(ctx)
    finally:
        ctx.close()


def test_create_then_join_from_a_second_pc(tmp_path):
    share = tmp_path / "share" / "shopfloor"
    (tmp_path / "share").mkdir()
    created = set_up(tmp_path / "office", SetupPlan(
        "create", station_id="office1", station_kind="office", folder=str(share),
        passphrase=PASSPHRASE, admin=ADMIN, autostart=True), autostart=no_autostart(tmp_path))
    created.ctx.close()
    assert not no_autostart(tmp_path).is_enabled()  # office PCs do not start at login
    station_switch = Autostart(platform="linux", folder=tmp_path / "station-autostart")
    joined = set_up(tmp_path / "station", SetupPlan(
        "join", station_id="206", folder=str(share), passphrase=PASSPHRASE, autostart=True),
        autostart=station_switch)
    try:
        assert joined.membership.info.site_id == created.membership.info.site_id
        assert joined.accounts == 1  # the admin's account came from the share at once
        assert joined.ctx.auth.login("maria", ADMIN.password).ok
        assert station_switch.is_enabled()
    finally:
        joined.ctx.close()


def test_a_home_folder_keeps_autostart_inside_it(tmp_path, monkeypatch):
    """Set up with a home folder (--home) and no injected switch: the real one writes its
    entry into that home, never into the user's own autostart folder."""
    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    share = tmp_path / "share" / "shopfloor"
    (tmp_path / "share").mkdir()
    created = set_up(tmp_path / "office", SetupPlan(
        "create", station_id="office1", station_kind="office", folder=str(share),
        passphrase=PASSPHRASE, admin=ADMIN), autostart=no_autostart(tmp_path))
    created.ctx.close()
    joined = set_up(tmp_path / "pc206", SetupPlan("join", station_id="206", folder=str(share),
                                                  passphrase=PASSPHRASE, autostart=True))
    joined.ctx.close()
    assert (tmp_path / "pc206" / "autostart" / "shopfloor-collector.desktop").is_file()
    assert not xdg.exists()


def test_wrong_passphrase_changes_nothing(tmp_path):
    share = tmp_path / "share"
    set_up(tmp_path / "admin", SetupPlan("create", station_id="office1", station_kind="office",
                                         folder=str(share), passphrase=PASSPHRASE, admin=ADMIN),
           autostart=no_autostart(tmp_path)).ctx.close()
    home = tmp_path / "station"
    with pytest.raises(SetupError) as excinfo:
        set_up(home, SetupPlan("join", station_id="206", folder=str(share),
                               passphrase="not the passphrase"), autostart=no_autostart(tmp_path))
    assert code_of(excinfo) == "wrong_passphrase" and excinfo.value.field == "passphrase"
    assert load_settings(resolve_paths(home).settings_file).site_id is None
    assert not list(resolve_paths(home).config_dir.glob("site-*.key"))


def test_weak_password_or_bad_name_writes_nothing_to_the_share(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    with pytest.raises(PasswordPolicyError):
        set_up(tmp_path / "h", SetupPlan("create", station_id="office1", station_kind="office",
                                         folder=str(share), passphrase=PASSPHRASE,
                                         admin=AdminAccount("maria", "Maria", "password")))
    with pytest.raises(ValidationFailed):
        set_up(tmp_path / "h", SetupPlan("create", station_id="office1", station_kind="office",
                                         folder=str(share), passphrase=PASSPHRASE,
                                         admin=AdminAccount("x", "", ADMIN.password)))
    with pytest.raises(SetupError) as excinfo:
        set_up(tmp_path / "h", SetupPlan("create", station_id="office1", station_kind="office",
                                         folder=str(share), passphrase="short", admin=ADMIN))
    assert code_of(excinfo) == "weak_passphrase"
    assert os.listdir(share) == []


def test_a_pc_already_in_a_site_is_not_set_up_again(tmp_path):
    home = tmp_path / "home"
    set_up(home, SetupPlan("trial", station_id="201", admin=ADMIN),
           autostart=no_autostart(tmp_path)).ctx.close()
    with pytest.raises(SetupError) as excinfo:
        set_up(home, SetupPlan("trial", station_id="201", admin=ADMIN))
    assert code_of(excinfo) == "already_member"


def test_a_leftover_trial_site_is_left_alone(tmp_path):
    home = tmp_path / "home"
    leftover = resolve_paths(home).ensure().data_dir / "trial-site"
    leftover.mkdir()
    (leftover / "shopfloor-site.json").write_text("{}")
    result = set_up(home, SetupPlan("trial", station_id="201", admin=ADMIN),
                    autostart=no_autostart(tmp_path))
    result.ctx.close()
    assert result.folder.name == "trial-site-2"
    assert (leftover / "shopfloor-site.json").read_text() == "{}"


def test_machines_listed_from_the_share(tmp_path, monkeypatch):
    """The join page lists the machines of the catalog in the site's directory, checked
    against the site's root, up to its first entry that does not verify (what a joining PC's
    directory reader takes: junk after it is set aside); a folder with no site gives None."""
    from tests.utils.site.sitekit import make_site, use_fast_kdf

    use_fast_kdf(monkeypatch)
    assert machines_on_share(tmp_path) is None
    site = make_site(tmp_path)
    try:
        session = site.admin.auth.login("ana", "Quarry-Lantern-42").session
        raw = catalog_to_dict(site.admin.catalog)
        raw["machines"] = [{"station_id": "301", "size": "#1", "unit_weight_kg": 0.000076},
                           {"station_id": "302", "size": "#2", "unit_weight_kg": 0.000063}]
        site.admin.site_catalog.publish(session, raw, "machines of the new hall")
        assert machines_on_share(site.share) == ["301", "302"]
        log = site.share / "directory" / "log"
        (log / f"{len(list(log.glob('*.json'))) + 1:08d}.json").write_text("not json")
        assert machines_on_share(site.share) == ["301", "302"]
        (log / "00000001.json").write_text("not json")
        assert machines_on_share(site.share) == []  # no catalog read: the built-in is listed
    finally:
        site.admin.close()


def test_autostart_trouble_does_not_undo_the_set_up(tmp_path):
    class Broken(Autostart):
        def set_enabled(self, enabled):
            raise OSError("the autostart folder is on a full disk")

    result = set_up(tmp_path / "home", SetupPlan("trial", station_id="201", admin=ADMIN,
                                                 autostart=True),
                    autostart=Broken(platform="linux", folder=str(tmp_path / "as")))
    try:
        assert "full disk" in result.autostart_error
        assert result.ctx.auth.login("maria", ADMIN.password).ok
    finally:
        result.ctx.close()
