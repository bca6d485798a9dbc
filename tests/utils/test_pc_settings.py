"""This PC's settings changed by an admin: permission checked in the service (and a refusal
audited), one audit event with before/after, the settings file saved, the shared folder only
pointed at the same site, the station id checked against the machine table and live stations,
autostart switched."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace

import pytest

from config.constants import Role
from data import audit_repo
from utils.autostart import Autostart
from utils.pc_settings import PcSettingsError, change_pc_settings, read_pc_settings
from utils.permissions import PermissionDenied
from utils.settings_store import load_settings
from tests.utils.site.sitekit import ADMIN_PW, make_site, use_fast_kdf


@pytest.fixture(autouse=True)
def fast(monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    use_fast_kdf(monkeypatch)


@pytest.fixture
def site(tmp_path):
    built = make_site(tmp_path)
    yield built
    built.admin.close()


@pytest.fixture
def switch(tmp_path):
    return Autostart(platform="linux", folder=tmp_path / "autostart")


def admin_session(ctx):
    return ctx.auth.login("ana", ADMIN_PW).session


def events(ctx, action):
    with ctx.database.read() as connection:
        return [e for e in audit_repo.list_events(connection, limit=10_000) if e["action"] == action]


def test_operator_is_refused_and_the_attempt_audited(site, switch):
    ctx = site.admin
    admin = admin_session(ctx)
    ctx.auth.create_user(admin, "op", "Op", Role.OPERATOR, "Initial-Pass-1", "new operator here")
    ctx.auth.change_password("op", "Initial-Pass-1", "Otter-Own-Pass-1")
    operator = ctx.auth.login("op", "Otter-Own-Pass-1").session
    wanted = replace(read_pc_settings(ctx, switch), register_window=False)
    with pytest.raises(PermissionDenied):
        change_pc_settings(ctx, operator, wanted, autostart=switch)
    assert load_settings(ctx.paths.settings_file).register_window is True
    denied = events(ctx, "permission.denied")
    assert denied and denied[-1]["username"] == "op"
    assert not events(ctx, "pc_settings.change")


def test_admin_changes_are_saved_and_audited_with_before_and_after(site, switch):
    ctx = site.admin
    current = read_pc_settings(ctx, switch)
    assert current.autostart is False and current.station_id == "office1"
    wanted = replace(current, register_window=False, language="en", status_interval_ms=2000,
                     rescan_interval_ms=750, autostart=True)
    change = change_pc_settings(ctx, admin_session(ctx), wanted, autostart=switch)
    assert set(change.changed) == {"register_window", "language", "status_interval_ms",
                                   "rescan_interval_ms", "autostart"}
    assert set(change.restart_needed) == {"language", "status_interval_ms", "rescan_interval_ms"}
    saved = load_settings(ctx.paths.settings_file)
    assert (saved.register_window, saved.language, saved.status_interval_ms,
            saved.rescan_interval_ms) == (False, "en", 2000, 750)
    assert ctx.settings == saved and ctx.auth.settings == saved
    assert switch.is_enabled()
    [event] = events(ctx, "pc_settings.change")
    body = json.loads(event["body"])
    assert event["username"] == "ana" and body["entity"] == "pc"
    assert body["before"] == {"register_window": True, "language": "system",
                              "status_interval_ms": 100, "rescan_interval_ms": 20,
                              "autostart": False}
    assert body["after"]["autostart"] is True and body["after"]["rescan_interval_ms"] == 750
    assert all(r.ok for r in ctx.verify_audit())
    # Nothing different: nothing written.
    again = change_pc_settings(ctx, admin_session(ctx), read_pc_settings(ctx, switch),
                               autostart=switch)
    assert again.changed == () and len(events(ctx, "pc_settings.change")) == 1


def test_automatic_rescan_and_autostart_off(site, switch):
    ctx = site.admin
    switch.enable()
    wanted = replace(read_pc_settings(ctx, switch), rescan_interval_ms=None, autostart=False)
    change_pc_settings(ctx, admin_session(ctx), wanted, autostart=switch)
    assert load_settings(ctx.paths.settings_file).rescan_interval_ms is None
    assert not switch.is_enabled()


def test_the_folder_may_move_but_must_hold_the_same_site(site, switch, tmp_path):
    ctx = site.admin
    moved = tmp_path / "new-server" / "share"
    shutil.copytree(site.share, moved)  # the same site, now reached under another path
    session = admin_session(ctx)
    change = change_pc_settings(ctx, session, replace(read_pc_settings(ctx, switch),
                                                      site_folder=f"  {moved}  "), autostart=switch)
    assert change.restart_needed == ("site_folder",)
    assert load_settings(ctx.paths.settings_file).site_folder == str(moved.resolve())

    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PcSettingsError) as excinfo:
        change_pc_settings(ctx, session, replace(read_pc_settings(ctx, switch),
                                                 site_folder=str(empty)), autostart=switch)
    assert excinfo.value.code == "no_site" and excinfo.value.field == "site_folder"

    other = tmp_path / "other"
    from utils.site.site_key import create_site
    from utils.clock import ManualClock

    create_site(other, "another passphrase 2", now=ManualClock().now(), scrypt_n=2 ** 10)
    with pytest.raises(PcSettingsError) as excinfo:
        change_pc_settings(ctx, session, replace(read_pc_settings(ctx, switch),
                                                 site_folder=str(other)), autostart=switch)
    assert excinfo.value.code == "other_site"
    assert load_settings(ctx.paths.settings_file).site_folder == str(moved.resolve())


def test_folder_of_a_pc_outside_a_site_is_not_set_here(tmp_path, switch):
    from utils.context import AppContext

    ctx = AppContext.open(tmp_path / "solo")
    try:
        ctx.auth.create_first_admin("ana", "Ana", ADMIN_PW)
        with pytest.raises(PcSettingsError) as excinfo:
            change_pc_settings(ctx, admin_session(ctx), replace(
                read_pc_settings(ctx, switch), site_folder=str(tmp_path)), autostart=switch)
        assert excinfo.value.code == "not_member"
    finally:
        ctx.close()


def test_station_id_rules(site, switch):
    ctx = site.admin
    session = admin_session(ctx)
    current = read_pc_settings(ctx, switch)
    with pytest.raises(PcSettingsError) as excinfo:
        change_pc_settings(ctx, session, replace(current, station_kind="production",
                                                 station_id="999"), autostart=switch)
    assert excinfo.value.code == "unknown_machine" and excinfo.value.field == "station"
    with pytest.raises(PcSettingsError) as excinfo:
        change_pc_settings(ctx, session, replace(current, station_id="../x"), autostart=switch)
    assert excinfo.value.code == "bad_station_id"
    # In a site the id and kind are certified at join: another one needs the passphrase.
    for change in ({"station_kind": "production", "station_id": "207"},
                   {"station_id": "desk2"}):
        with pytest.raises(PcSettingsError) as excinfo:
            change_pc_settings(ctx, session, replace(current, **change), autostart=switch)
        assert excinfo.value.code == "rejoin_needed" and excinfo.value.field == "station"
    saved = load_settings(ctx.paths.settings_file)
    assert (saved.station_id, saved.station_kind) == ("office1", "office")


def test_autostart_failure_keeps_everything_as_it_was(site, tmp_path):
    ctx = site.admin
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the autostart folder should be")
    switch = Autostart(platform="linux", folder=blocked / "autostart")
    wanted = replace(read_pc_settings(ctx, switch), register_window=False, autostart=True)
    with pytest.raises(PcSettingsError) as excinfo:
        change_pc_settings(ctx, admin_session(ctx), wanted, autostart=switch)
    assert excinfo.value.code == "autostart_failed"
    assert load_settings(ctx.paths.settings_file).register_window is True
    assert ctx.settings.register_window is True
    assert not events(ctx, "pc_settings.change")
