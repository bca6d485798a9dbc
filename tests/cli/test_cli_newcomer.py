"""The command line as a new user meets it, mistakes included: each refusal is one line that
says what happened, what was kept and what to do, with exit code 2, never a traceback and never
a claim of success. In-process (tests/cli/clikit.py)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

PASSWORD = "Quarry-Lantern-42"
PASSPHRASE = "long site passphrase 1"
DEMO_PASSWORD = "Demo-Lantern-2026"


@pytest.fixture
def admin_home(tmp_path, shopfloor, fast_secrets) -> Path:
    """A PC outside a site with its first admin, maria."""
    home = tmp_path / "home"
    assert shopfloor(home, "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_PASSWORD=PASSWORD).returncode == 0
    return home


@pytest.fixture
def office(tmp_path, shopfloor, fast_secrets) -> tuple[Path, Path]:
    """(the office PC's home, the shared folder) of a site with station 206 joined."""
    share = tmp_path / "share"
    share.mkdir()
    home = tmp_path / "office"
    created = shopfloor(home, "site", "create", "--folder", str(share), "--station", "office1",
                        "--office", "--admin", "maria", "--timezone", "America/Sao_Paulo",
                        SHOPFLOOR_PASSPHRASE=PASSPHRASE, SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    joined = shopfloor(tmp_path / "s206", "site", "join", "--folder", str(share), "--station",
                       "206", SHOPFLOOR_PASSPHRASE=PASSPHRASE)
    assert joined.returncode == 0, joined.stderr
    return home, share


def one_line_refusal(result) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: ")
    return result.stderr


@pytest.mark.parametrize("fmt, name, wanted", [("xlsx", "shift.csv", ".xlsx"),
                                               ("csv", "shift.XLSX", ".csv")])
def test_an_export_named_for_the_other_format_is_refused(admin_home, shopfloor, tmp_path,
                                                         fmt, name, wanted):
    out = tmp_path / name
    refused = shopfloor(admin_home, "export", "--format", fmt, "--out", str(out), "--as",
                        "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    message = one_line_refusal(refused)
    assert f"--format {fmt}" in message and f"ending with {wanted}" in message
    assert "nothing was written" in message and not out.exists()
    assert "exported" not in refused.stdout


def test_an_archive_named_csv_is_refused(admin_home, shopfloor, tmp_path):
    out = tmp_path / "period.csv"
    refused = shopfloor(admin_home, "archive", "--from", "2025-11-01", "--to", "2025-12-01",
                        "--out", str(out), "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert "ending with .zip" in one_line_refusal(refused) and not out.exists()


def _unwritable(monkeypatch, target: str) -> None:
    """`target`'s writer refused by the folder, as a read-only folder refuses (root, who runs
    these tests in CI, may write in any folder whatever its mode)."""
    def refused(_data, path, *args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr(target, refused)


def test_an_export_into_a_read_only_folder_is_one_line(admin_home, shopfloor, tmp_path,
                                                       monkeypatch):
    _unwritable(monkeypatch, "utils.records_io.write_csv")
    out = tmp_path / "records.csv"
    refused = shopfloor(admin_home, "export", "--format", "csv", "--out", str(out), "--as",
                        "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    message = one_line_refusal(refused)
    assert f"--out {out}: the file cannot be written in {tmp_path}" in message
    assert "nothing was written: choose a folder you can write to" in message
    assert ".tmp" not in message and not out.exists()
    log = (admin_home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in log  # a refusal, not a bug


def test_an_archive_into_a_read_only_folder_is_one_line(admin_home, shopfloor, tmp_path,
                                                        monkeypatch):
    import utils.backup.archive as archive

    def refused(path, _writer, *args, **kwargs):
        temp = Path(path).parent / f".{Path(path).name}.0123.tmp"
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM), str(temp))

    monkeypatch.setattr(archive, "atomic_write_with", refused)
    out = tmp_path / "period.zip"
    result = shopfloor(admin_home, "archive", "--from", "2025-11-01", "--to", "2025-12-01",
                       "--out", str(out), "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    message = one_line_refusal(result)
    assert "the file cannot be written in" in message and "nothing was written" in message


def test_verify_archive_of_a_missing_file_checks_nothing(tmp_path, shopfloor):
    """As `backup verify`: nothing to check is a refusal (2), not "not intact" (1)."""
    missing = tmp_path / "typo.zip"
    refused = shopfloor(tmp_path / "h", "verify-archive", str(missing))
    message = one_line_refusal(refused)
    assert f"{missing} does not exist; nothing was checked" in message
    assert "NOT intact" not in refused.stdout
    folder = shopfloor(tmp_path / "h", "verify-archive", str(tmp_path))
    assert "is a folder; nothing was checked" in one_line_refusal(folder)


def test_a_pc_with_no_accounts_says_how_to_make_one(tmp_path, shopfloor):
    """Not "wrong username or password": there is nobody to log in as yet."""
    refused = shopfloor(tmp_path / "h", "user", "list", "--as", "maria",
                        SHOPFLOOR_PASSWORD=PASSWORD)
    message = one_line_refusal(refused)
    assert "this PC has no accounts yet" in message
    assert "shopfloor user add NAME --role admin" in message


def test_export_site_outside_a_site_asks_no_password(admin_home, shopfloor, tmp_path):
    """Refused for the site first: no password typed for a command that cannot run."""
    refused = shopfloor(admin_home, "export", "--site", "--format", "csv", "--out",
                        str(tmp_path / "site.csv"), "--as", "maria")  # no password given
    assert "this PC is not in a site yet" in one_line_refusal(refused)


def test_send_with_the_share_gone_says_nothing_was_sent(office, shopfloor, tmp_path):
    home, share = office
    os.rename(share, tmp_path / "away")
    try:
        refused = shopfloor(home, "send", "206", "ping", "--as", "maria")  # no password asked
    finally:
        os.rename(tmp_path / "away", share)
    message = one_line_refusal(refused)
    assert "cannot be reached" in message and "nothing was sent" in message
    assert "run send again when it is back" in message
    log = (home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in log


def test_demo_password_being_chosen_comes_from_new_password(tmp_path, shopfloor, fast_secrets):
    """The demo admin's password is one being set: SHOPFLOOR_NEW_PASSWORD, as for any first
    admin (README); the refusal without one reads as a sentence and names that variable."""
    home = tmp_path / "home"
    refused = shopfloor(home, "demo", "--no-gui", "--days", "1")
    message = one_line_refusal(refused)
    assert "SHOPFLOOR_NEW_PASSWORD" in message and "cannot be asked here (no terminal)" in message
    made = shopfloor(home, "demo", "--no-gui", "--days", "1", "--admin", "boss",
                     SHOPFLOOR_NEW_PASSWORD=DEMO_PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "log in as boss" in made.stdout
    # Run again with another admin's name: the demo made before is opened, and the line names
    # its real admin, not the name just typed (there is no such account in it).
    again = shopfloor(home, "demo", "--no-gui", "--admin", "other", "--days", "3")
    assert again.returncode == 0, again.stderr
    assert "log in as boss" in again.stdout and "log in as other" not in again.stdout
    assert "--days and --admin apply only when a demo is made" in again.stdout
