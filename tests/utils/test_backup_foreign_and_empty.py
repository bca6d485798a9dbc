"""A backup made by another installation, and a file too short to be one (cli review s15, #7
and #8): both are refused as what they are, before any chain check and before SQLite opens
the file, and nothing changes on this PC. Real homes in tmp_path; the command line in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from data import audit_repo
from utils.backup.proof import BackupUnreadable, OtherInstallation, verify_backup
from utils.backup.restore import RestoreRefused, restore_backup
from utils.backup.snapshot import make_backup
from utils.context import AppContext

PASSWORD = "Quarry-Lantern-42"
PASSPHRASE = "long site passphrase 1"


def event_count(home: Path) -> int:
    ctx = AppContext.open(home)
    try:
        with ctx.database.read() as connection:
            return len(audit_repo.list_events(connection))
    finally:
        ctx.close()


def verify_refused(home: Path, file: Path, kind: type[Exception]) -> Exception:
    """What verifying `file` on the PC of `home` refuses it with (`kind`, or the test fails)."""
    ctx = AppContext.open(home)
    try:
        with pytest.raises(kind) as refused:
            verify_backup(ctx, file)
    finally:
        ctx.close()
    return refused.value


@pytest.fixture
def two_installations(tmp_path, shopfloor, fast_secrets):
    """`other`: office1 of site "Planta Norte", with a backup made there; `here`: a PC of its
    own with an admin."""
    other, here = tmp_path / "other", tmp_path / "here"
    (tmp_path / "share").mkdir()
    created = shopfloor(other, "site", "create", "--folder", str(tmp_path / "share"),
                        "--station", "office1", "--office", "--admin", "maria", "--name",
                        "Planta Norte", SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                        SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    made = shopfloor(other, "backup", "now", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.split("backup written: ")[1].split(" (")[0])
    added = shopfloor(here, "user", "add", "ana", "--role", "admin",
                      SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert added.returncode == 0, added.stderr
    return other, here, backup


def test_another_installations_backup_is_named_as_such_not_forged(two_installations):
    other, here, backup = two_installations
    refused = verify_refused(here, backup, OtherInstallation)
    text = str(refused)
    assert "another installation (station office1 of site 'Planta Norte')" in text
    assert "verified on the PC that made it" in text and "Nothing was changed" in text
    assert (refused.station, refused.site) == ("office1", "'Planta Norte'")
    # It still verifies where it was made.
    ctx = AppContext.open(other)
    try:
        assert verify_backup(ctx, backup).intact
    finally:
        ctx.close()


def test_verify_and_restore_of_another_installations_backup_on_the_command_line(
        two_installations, shopfloor):
    other, here, backup = two_installations
    before = event_count(here)
    verified = shopfloor(here, "backup", "verify", str(backup))
    assert verified.returncode == 2  # cli/cmd_backup.py: no backup it can check, refused
    assert verified.stdout == ""
    assert "another installation (station office1 of site 'Planta Norte')" in verified.stderr
    for word in ("forged", "NOT intact", "Traceback"):
        assert word not in verified.stdout + verified.stderr
    restored = shopfloor(here, "restore", str(backup), "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert restored.returncode == 1  # README: restore refused
    assert restored.stderr.startswith("error: restore refused: ")
    assert "another installation (station office1" in restored.stderr
    assert "forged" not in restored.stderr and "not intact" not in restored.stderr
    assert not (here / "data" / "set-aside").exists() or not any(
        (here / "data" / "set-aside").iterdir())
    # Nothing changed here but the restore's own login (and its logout-free session).
    assert [e["action"] for e in _events(here)][before:] == ["login"]


def _events(home: Path) -> list[dict]:
    ctx = AppContext.open(home)
    try:
        with ctx.database.read() as connection:
            return audit_repo.list_events(connection)
    finally:
        ctx.close()


def test_restore_service_refuses_another_installation_first(two_installations):
    other, here, backup = two_installations
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(here, backup, username="ana", password=PASSWORD)
    assert refused.value.code == "other_installation"
    assert "office1" in str(refused.value) and refused.value.proof is None


@pytest.fixture
def station(tmp_path, fast_secrets):
    home = tmp_path / "home"
    ctx = AppContext.open(home)
    ctx.auth.create_first_admin("ana", "Ana Admin", PASSWORD)
    ctx.close()
    return home


@pytest.mark.parametrize("content", [b"", b"SQLite"], ids=["empty", "shorter-than-a-header"])
def test_an_empty_or_short_file_is_not_opened_as_a_database(station, tmp_path, content):
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(content)
    refused = verify_refused(station, empty, BackupUnreadable)
    if content:
        assert "not a database this program can read" in str(refused)
    else:
        assert str(refused).startswith("empty.sqlite3 is empty: not a backup; nothing "
                                       "was changed")
    assert empty.read_bytes() == content  # SQLite never made a database of it
    with pytest.raises(RestoreRefused) as not_restored:
        restore_backup(station, empty, username="ana", password=PASSWORD)
    assert not_restored.value.code == "unreadable"
    assert empty.read_bytes() == content


def test_an_empty_backup_on_the_command_line(station, tmp_path, shopfloor):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    verified = shopfloor(station, "backup", "verify", str(empty))
    assert verified.returncode == 2 and verified.stdout == ""  # refused: nothing to check
    assert verified.stderr.startswith("error: empty.sqlite3 is empty: not a backup; nothing was "
                                      "checked")
    restored = shopfloor(station, "restore", str(empty), "--as", "ana",
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert restored.returncode == 1
    assert "empty.sqlite3 is empty: not a backup" in restored.stderr
    assert "Traceback" not in restored.stderr and "ends at event" not in restored.stderr
    log = (station / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert empty.stat().st_size == 0


def test_a_backup_of_this_installation_still_verifies(station):
    ctx = AppContext.open(station)
    try:
        made = make_backup(ctx)
        assert verify_backup(ctx, made.file.path).intact
    finally:
        ctx.close()


def test_one_of_this_pcs_backups_with_its_anchor_altered_is_not_passed_off_as_anothers(
        station):
    import sqlite3

    ctx = AppContext.open(station)
    try:
        made = make_backup(ctx)
        with sqlite3.connect(made.file.path) as connection:  # the attacker's edit
            connection.execute("UPDATE meta_info SET value = 'x' || value "
                               "WHERE key = 'chain_anchor'")
        with pytest.raises(OtherInstallation) as refused:
            verify_backup(ctx, made.file.path)
    finally:
        ctx.close()
    text = str(refused.value)
    assert f"names this PC's station (station {ctx.station_id}" in text
    assert "or its anchor was altered" in text and "another installation (" not in text


def test_another_installations_backup_with_a_hostile_site_entry_is_still_named_plainly(
        two_installations):
    """A backup may come from anywhere: its site entry, deeply nested or huge, is read within
    bounds and not shown; the refusal stays one plain line."""
    import sqlite3

    _other, here, backup = two_installations
    with sqlite3.connect(backup) as connection:
        seq = connection.execute("SELECT min(seq) FROM directory_log").fetchone()[0]
        connection.execute("UPDATE directory_log SET entry = ? WHERE seq = ?",
                           ("[" * 100_000 + "]" * 100_000, seq))
    refused = verify_refused(here, backup, OtherInstallation)
    assert refused.site is None and "another installation (station office1)" in str(refused)


# Every refusal of a file that is no backup this PC can read ends with what to do
# (utils/backup/proof.py builds them all); what was not done depends on the verb.
GIVE_A_BACKUP = "give the path of a backup file (shopfloor backup list shows this station's)"


def test_a_restore_of_an_empty_file_says_what_to_do(station, tmp_path, shopfloor):
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    restored = shopfloor(station, "restore", str(empty), "--as", "ana",
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert restored.returncode == 1
    assert restored.stderr == ("error: restore refused: empty.sqlite3 is empty: not a backup; "
                               f"nothing was changed: {GIVE_A_BACKUP}\n")


def test_a_restore_of_a_damaged_backup_says_what_to_do(station, tmp_path):
    ctx = AppContext.open(station)
    try:
        made = make_backup(ctx)
    finally:
        ctx.close()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(made.file.path.read_bytes())
    with open(damaged, "r+b") as handle:  # the header kept, the pages after it overwritten
        handle.seek(100)
        handle.write(b"\xff" * 8000)
    before = event_count(station)
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(station, damaged, username="ana", password=PASSWORD)
    assert refused.value.code == "unreadable"
    assert str(refused.value) == ("damaged.sqlite3 is not a database this program can read "
                                  "(database disk image is malformed); nothing was changed: "
                                  f"{GIVE_A_BACKUP}")
    assert event_count(station) == before + 1  # the restore's own login, nothing else


def test_verify_of_another_installations_backup_says_nothing_was_checked(two_installations,
                                                                         shopfloor):
    _other, here, backup = two_installations
    verified = shopfloor(here, "backup", "verify", str(backup))
    assert verified.returncode == 2
    assert verified.stderr.endswith("verified on the PC that made it (its events are sealed "
                                    "with that PC's own key), and it cannot be restored here. "
                                    "Nothing was checked.\n")
