"""`shopfloor user` and `site create`: an account already as asked is said so and records
nothing, a password being set comes from SHOPFLOOR_NEW_PASSWORD, a site name is checked as a
full name is. In-process (tests/cli/clikit.py), real homes in tmp_path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data import audit_repo
from models.validation import ValidationFailed
from utils.context import AppContext
from utils.site.membership import create_site_membership

from tests.cli.clikit import create_office_site

PASSWORD = "Quarry-Lantern-42"
PASSPHRASE = "long site passphrase 1"


def actions(home: Path, action: str) -> list[dict]:
    ctx = AppContext.open(home)
    try:
        with ctx.database.read() as connection:
            return audit_repo.list_events(connection, action=action)
    finally:
        ctx.close()


@pytest.fixture
def home(tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "home"
    assert shopfloor(home, "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_NEW_PASSWORD=PASSWORD).returncode == 0
    added = shopfloor(home, "user", "add", "emo", "--role", "operator", "--as", "maria",
                      SHOPFLOOR_PASSWORD=PASSWORD, SHOPFLOOR_NEW_PASSWORD="Ember-First-Pass-1")
    assert added.returncode == 0, added.stderr
    return home


# -- #15 --------------------------------------------------------------------------------------

def test_deactivating_twice_says_already_inactive_and_records_nothing(home, shopfloor):
    args = ("user", "deactivate", "emo", "--as", "maria", "--reason", "left the company")
    first = shopfloor(home, *args, SHOPFLOOR_PASSWORD=PASSWORD)
    assert first.returncode == 0 and "emo deactivated" in first.stdout
    again = shopfloor(home, *args, SHOPFLOOR_PASSWORD=PASSWORD)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "emo is already inactive; nothing was changed"
    assert again.stderr == ""
    assert len(actions(home, "user.deactivate")) == 1


def test_unlocking_an_account_that_is_not_locked_records_nothing(home, shopfloor):
    unlocked = shopfloor(home, "user", "unlock", "maria", "--as", "maria",
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert unlocked.returncode == 0, unlocked.stderr
    assert unlocked.stdout.strip() == "maria is not locked; nothing was changed"
    assert actions(home, "user.unlock") == []
    log = (home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in log and "not_locked" in log


# -- #16 --------------------------------------------------------------------------------------

def test_the_first_admins_password_comes_from_shopfloor_new_password(tmp_path, shopfloor,
                                                                     fast_secrets):
    home = tmp_path / "h"
    created = shopfloor(home, "user", "add", "maria", "--role", "admin",
                        SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert shopfloor(home, "user", "list", "--as", "maria",
                     SHOPFLOOR_PASSWORD=PASSWORD).returncode == 0
    missing = shopfloor(tmp_path / "h2", "user", "add", "maria", "--role", "admin")
    assert missing.returncode == 2 and "set SHOPFLOOR_NEW_PASSWORD" in missing.stderr


def test_site_create_takes_the_first_admins_password_from_shopfloor_new_password(
        tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "office"
    (tmp_path / "share").mkdir()
    created = create_office_site(shopfloor, home, tmp_path / "share", admin="maria",
                                 SHOPFLOOR_PASSPHRASE=PASSPHRASE, SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert shopfloor(home, "user", "list", "--as", "maria",
                     SHOPFLOOR_PASSWORD=PASSWORD).returncode == 0
    missing = create_office_site(shopfloor, tmp_path / "other", tmp_path / "share2",
                                 admin="maria", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert missing.returncode == 2 and "set SHOPFLOOR_NEW_PASSWORD" in missing.stderr
    assert not (tmp_path / "share2").exists()


# -- #13 --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Plant\x01\x1b[31mRED", "Plant\u202eDER", "P" * 5000],
                         ids=["control", "direction", "too-long"])
def test_site_create_refuses_a_name_a_full_name_would_not_have(tmp_path, shopfloor,
                                                               fast_secrets, name):
    share = tmp_path / "share"
    refused = create_office_site(shopfloor, tmp_path / "office", share, "--name", name,
                                 admin="maria", SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                                 SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: the site name is refused (")
    assert "nothing was created" in refused.stderr and "\x1b" not in refused.stderr
    assert not share.exists()


def test_the_site_name_is_checked_by_the_service_too(tmp_path, home):
    ctx = AppContext.open(home)
    try:
        paths, settings = ctx.paths, ctx.settings
    finally:
        ctx.close()
    for bad in ("Plant\x1b[31mRED", "x" * 101):
        with pytest.raises(ValidationFailed):
            create_site_membership(paths, settings, tmp_path / "share", PASSPHRASE,
                                   station_id="office1", kind="office", name=bad)
        assert not (tmp_path / "share").exists()


def test_a_plain_site_name_is_kept(tmp_path, shopfloor, fast_secrets):
    share = tmp_path / "share"
    share.mkdir()
    created = create_office_site(shopfloor, tmp_path / "office", share, "--name",
                                 "  Planta São José  ", admin="maria",
                                 SHOPFLOOR_PASSPHRASE=PASSPHRASE, SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    site_file = json.loads((share / "shopfloor-site.json").read_text(encoding="utf-8"))
    assert site_file["name"] == "Planta São José"
