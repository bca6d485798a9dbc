"""The command line as a new user meets it, mistakes included: each refusal is one line that
says what happened, what was kept and what to do, with exit code 2, never a traceback and never
a claim of success. In-process (tests/cli/clikit.py)."""

from __future__ import annotations

import argparse
import errno
import os
import re
import zipfile
from pathlib import Path

import pytest

from cli.cmd_send import parse_words
from cli.errors import CliError
from cli.parser import build_parser
from cli.times import FROM_HELP, parse_time

from tests.cli.clikit import create_office_site

PASSWORD = "Quarry-Lantern-42"
PASSPHRASE = "long site passphrase 1"
DEMO_PASSWORD = "Quarry-Lantern-2026"


@pytest.fixture
def office(tmp_path, shopfloor, fast_secrets) -> tuple[Path, Path]:
    """(the office PC's home, the shared folder) of a site with station 206 joined."""
    share = tmp_path / "share"
    share.mkdir()
    home = tmp_path / "office"
    created = create_office_site(shopfloor, home, share, "--timezone", "America/Sao_Paulo",
                                 admin="maria", SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                                 SHOPFLOOR_NEW_PASSWORD=PASSWORD)
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


def test_a_full_disk_during_an_export_is_one_line(admin_home, shopfloor, tmp_path,
                                                  monkeypatch):
    """A write that fails naming no file (a full disk mid-write, an fsync) is about the
    export's own file too: one line, not a crash."""
    def full(_data, path, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("utils.records_io.write_csv", full)
    out = tmp_path / "records.csv"
    refused = shopfloor(admin_home, "export", "--format", "csv", "--out", str(out), "--as",
                        "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    message = one_line_refusal(refused)
    assert f"--out {out}: the file cannot be written in {tmp_path}" in message
    assert "nothing was written" in message and not out.exists()


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
    from utils.context import AppContext

    AppContext.open(tmp_path / "h").close()  # installed (a home without one is refused)
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


# --- --help says what every option and positional is ---------------------------------------

def helpless(parser: argparse.ArgumentParser, path: str) -> list[str]:
    """Every option and positional of `parser` and its actions (`backup now`...) with no help
    text; an action group itself is named by the help of each of its choices."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if not helps.get(name):
                    found.append(f"{path} {name}")
                found += helpless(sub, f"{path} {name}")
        elif not action.help:
            found.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    return found


def test_every_option_and_positional_of_every_verb_has_help():
    assert helpless(build_parser(), "shopfloor") == []


def test_the_help_of_from_gives_forms_that_parse_in_the_zone_it_names():
    """--from/--to's help is true to cli/times.py: each example parses, a date alone is its
    midnight in the site's zone, and an offset (or Z) given wins over that zone."""
    examples = re.findall(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d)?", FROM_HELP)
    assert len(examples) >= 2 and "site's time zone" in FROM_HELP
    for example in examples:
        assert parse_time(example, "America/Sao_Paulo") is not None
    assert parse_time("2025-11-03", "America/Sao_Paulo").hour == 3  # 00:00 at UTC-03
    assert "-03:00" in FROM_HELP and "Z for UTC" in FROM_HELP
    assert parse_time("2025-11-03T06:00Z", "Asia/Tokyo").hour == 6
    assert parse_time("2025-11-03T06:00-03:00", "Asia/Tokyo").hour == 9


# --- the file and the zone are checked before a password is asked ---------------------------

@pytest.mark.parametrize("case", ["missing", "folder", "zone"])
def test_import_legacy_checks_its_file_and_zone_before_the_password(admin_home, shopfloor,
                                                                    tmp_path, case):
    """No password is given: a refusal about it would mean the login came first (a typo
    would cost a password typed and a login in the audit trail)."""
    dados = tmp_path / "dados_producao.csv"
    dados.write_text("Data;Hora\n", encoding="utf-8")
    file, zone = {"missing": (tmp_path / "typo.csv", []), "folder": (tmp_path, []),
                  "zone": (dados, ["--timezone", "America/Sao_Pablo"])}[case]
    refused = shopfloor(admin_home, "import-legacy", str(file), "--as", "maria", *zone)
    message = one_line_refusal(refused)
    assert "Password" not in message and "nothing was imported" in message
    assert {"missing": f"{file}: it does not exist", "folder": f"{file}: it is not a file",
            "zone": "--timezone America/Sao_Pablo is not a time zone name"}[case] in message


def test_import_legacy_says_an_offset_is_no_zone_as_site_create_does(admin_home, shopfloor,
                                                                      tmp_path):
    dados = tmp_path / "dados_producao.csv"
    dados.write_text("Data;Hora\n", encoding="utf-8")
    refused = shopfloor(admin_home, "import-legacy", str(dados), "--as", "maria",
                        "--timezone", "-03:00")
    message = one_line_refusal(refused)
    assert message.startswith("error: --timezone -03:00 is a UTC offset, not a time zone: give "
                              "the zone's name, such as America/Sao_Paulo")
    assert message.rstrip().endswith(", or leave --timezone out for the site's; nothing was imported")


@pytest.mark.parametrize("case", ["missing", "folder"])
def test_restore_checks_its_file_before_the_password(admin_home, shopfloor, tmp_path, case):
    file = tmp_path / "typo.sqlite3" if case == "missing" else tmp_path
    refused = shopfloor(admin_home, "restore", str(file), "--as", "maria")  # no password
    message = one_line_refusal(refused)
    assert "Password" not in message and "nothing was changed" in message
    assert ("does not exist" if case == "missing" else "is not a file") in message


# --- refusals say that nothing was sent or changed ------------------------------------------

@pytest.mark.parametrize("words", [["206", "set_lot", "total_boxes=many"],
                                   ["206", "close_app", "force=maybe"],
                                   ["206", "ping", "x=1"], ["206", "set_lot", "code"],
                                   ["206", "frobnicate"], ["206"]])
def test_send_parameter_refusals_say_nothing_was_sent(words):
    with pytest.raises(CliError) as refused:
        parse_words(words, every_station=False)
    assert str(refused.value).endswith("; nothing was sent")


def test_send_without_a_required_parameter_is_refused_before_the_password(office, shopfloor):
    """Checked against the command's specification before the login, not after it (and
    its audit event) by the signing."""
    home, _share = office
    refused = shopfloor(home, "send", "206", "set_lot", "code=L1", "--as", "maria")
    assert one_line_refusal(refused) == ("error: parameter total_boxes is required; nothing "
                                         "was sent\n")


@pytest.mark.parametrize("argv, secrets", [
    (["user", "add", "joao", "--role", "operator", "--as", "maria"],
     {"SHOPFLOOR_PASSWORD": PASSWORD, "SHOPFLOOR_NEW_PASSWORD": "password"}),
    (["user", "reset-password", "maria", "--as", "maria"],
     {"SHOPFLOOR_PASSWORD": PASSWORD, "SHOPFLOOR_NEW_PASSWORD": "short"}),
    (["user", "change-password", "maria"],
     {"SHOPFLOOR_PASSWORD": PASSWORD, "SHOPFLOOR_NEW_PASSWORD": "password"}),
])
def test_a_weak_password_says_nothing_was_changed(admin_home, shopfloor, argv, secrets):
    message = one_line_refusal(shopfloor(admin_home, *argv, **secrets))
    assert message.endswith("; nothing was changed: choose another password and run the "
                            "command again\n"), message
    listed = shopfloor(admin_home, "user", "list", "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert listed.returncode == 0 and "joao" not in listed.stdout  # maria's password holds
    assert "must-change-password" not in listed.stdout


def test_a_weak_first_admin_password_says_nothing_was_changed(tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "home"
    refused = shopfloor(home, "user", "add", "maria", "--role", "admin",
                        SHOPFLOOR_NEW_PASSWORD="abc")
    assert "characters; nothing was changed" in one_line_refusal(refused)
    assert shopfloor(home, "user", "add", "maria", "--role", "admin",
                     SHOPFLOOR_NEW_PASSWORD=PASSWORD).returncode == 0  # nobody was made


# --- an archive of nothing is written, and says why -----------------------------------------

def test_an_empty_archive_on_an_office_pc_says_no_journal_is_read_yet(office, shopfloor,
                                                                      tmp_path):
    """No station has synced (no agent ran, not even this PC's): the archive is written, true,
    and says why it holds nothing and what to do."""
    home, _share = office
    out = tmp_path / "period.zip"
    made = shopfloor(home, "archive", "--from", "2020-01-01", "--to", "2040-01-01", "--out",
                     str(out), "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "(0 station(s), 0 events" in made.stdout and zipfile.is_zipfile(out)
    assert "why empty: this PC holds " in made.stdout
    assert ("events written from 2020-01-01 to 2040-01-01 (America/Sao_Paulo time unless an "
            "offset was given; --to is not included), but none of them is on the shared folder "
            "yet") in made.stdout
    assert "shopfloor agent" in made.stdout


def test_an_empty_archive_outside_a_site_names_the_period_and_its_zone(admin_home, shopfloor,
                                                                       tmp_path):
    out = tmp_path / "old.zip"
    made = shopfloor(admin_home, "archive", "--from", "2020-01-01", "--to", "2020-02-01",
                     "--out", str(out), "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    assert "(0 station(s), 0 events" in made.stdout and out.exists()
    assert ("why empty: this PC is in no site, so only its own audit trail is archived, and it "
            "has no events written from 2020-01-01 to 2020-02-01 (America/Sao_Paulo time"
            ) in made.stdout


def test_an_empty_archive_of_another_period_says_what_the_view_holds(office, shopfloor,
                                                                     tmp_path):
    """Station 206's journal is on the shared folder (its sync, in-process), but not within the
    period asked for: the line says up to when the view holds events, and to check the dates."""
    from utils.context import AppContext
    from utils.site.journal import JournalWriter
    from utils.site.layout import SiteLayout

    home, share = office
    station = AppContext.open(tmp_path / "s206")
    try:
        writer = JournalWriter(station.database, SiteLayout(share).station("206").ensure(),
                               station.anchor, station.trust.pc_key)
        while writer.sync():
            pass
    finally:
        station.close()
    made = shopfloor(home, "archive", "--from", "2020-01-01T00:00Z", "--to", "2020-02-01",
                     "--out", str(tmp_path / "old.zip"), "--as", "maria",
                     SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    why = made.stdout.splitlines()[-1]
    assert why.startswith("why empty: no events were written from 2020-01-01T00:00Z to "
                          "2020-02-01 (America/Sao_Paulo time unless an offset was given; --to "
                          "is not included): this PC's site view holds events of 2 station(s), "
                          "written from 20"), why
    assert why.endswith("the period counts when events were written, not the boxes' dates: "
                        "check --from and --to"), why


def test_archive_reads_its_period_in_the_sites_time_zone(tmp_path, shopfloor, fast_secrets):
    """The site's zone is the one its catalog names (chosen at `site create`), not this PC's
    stand-in setting (America/Sao_Paulo by default), as export and --help say."""
    import json

    from utils.backup.archive_format import MANIFEST

    share, home = tmp_path / "share", tmp_path / "office"
    share.mkdir()
    created = create_office_site(shopfloor, home, share, "--timezone", "Asia/Tokyo",
                                 admin="maria", SHOPFLOOR_PASSPHRASE=PASSPHRASE,
                                 SHOPFLOOR_NEW_PASSWORD=PASSWORD)
    assert created.returncode == 0, created.stderr
    out = tmp_path / "day.zip"
    made = shopfloor(home, "archive", "--from", "2020-01-01", "--to", "2020-01-02", "--out",
                     str(out), "--as", "maria", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    with zipfile.ZipFile(out) as archive:
        period = json.loads(archive.read(MANIFEST))["period"]
    assert period["from"].startswith("2019-12-31T15:00")  # midnight in Tokyo (UTC+9)
