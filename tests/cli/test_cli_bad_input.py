"""A new user's bad input at the command line (review s15): Ctrl-D at a prompt, a home that is
a file, a command's validity out of range, a station with no status yet, an output path that
is a folder or empty, a missing backup and a reader that closes the output. Each is one line
for the person and, when the program got as far as its log, one INFO/WARNING line there,
never a traceback. In-process (tests/cli/clikit.py) unless the real process is the point."""

from __future__ import annotations

import getpass
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli import test_cli_site
from tests.cli.clikit import ROOT, process_env
from tests.cli.test_cli_site import PASSWORD, assert_refusal_logged

# An office PC and station 206 joined to its site, made with the command line (a fixture).
two_pcs = test_cli_site.two_pcs
HOME_IS_A_FILE = "is not a folder"


class Terminal:
    """stdin as a person's terminal (the prompts ask only at one)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def admin_home(tmp_path, shopfloor, fast_secrets) -> Path:
    """A PC with its first admin, ana (in no site: the verbs below need none)."""
    home = tmp_path / "home"
    made = shopfloor(home, "user", "add", "ana", "--role", "admin", SHOPFLOOR_PASSWORD=PASSWORD)
    assert made.returncode == 0, made.stderr
    return home


def typed(monkeypatch, *entries: str) -> None:
    """The terminal gives `entries`, then the input ends (Ctrl-D)."""
    left = list(entries)

    def getpass_(prompt: str = "") -> str:
        if not left:
            raise EOFError
        return left.pop(0)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", getpass_)


def test_ctrl_d_at_the_site_passphrase_is_one_line_and_a_logged_refusal(tmp_path, shopfloor,
                                                                        monkeypatch):
    typed(monkeypatch)
    home, share = tmp_path / "office", tmp_path / "share"
    result = shopfloor(home, "site", "create", "--folder", str(share), "--station", "office1",
                       "--office", "--admin", "ana")
    assert result.returncode == 2
    assert result.stderr == ("error: no site passphrase given (input ended at 'New site "
                             "passphrase:'); nothing was changed\n")
    assert not share.exists()
    assert_refusal_logged(home, "input ended")


def test_ctrl_d_at_a_password_and_at_its_repeat(admin_home, shopfloor, monkeypatch):
    typed(monkeypatch)
    asked = shopfloor(admin_home, "user", "list", "--as", "ana")
    assert asked.returncode == 2
    assert asked.stderr == ("error: no password given (input ended at 'Password for ana:'); "
                            "nothing was changed\n")
    typed(monkeypatch, "Jasper-First-Pass1")
    repeated = shopfloor(admin_home, "user", "add", "joao", "--role", "operator", "--as", "ana",
                         SHOPFLOOR_PASSWORD=PASSWORD)
    assert repeated.returncode == 2
    assert repeated.stderr == ("error: no password given (input ended when repeating "
                               "'Initial password for joao:'); nothing was changed\n")
    listed = shopfloor(admin_home, "user", "list", "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert "joao" not in listed.stdout
    text = (admin_home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert text.count("input ended") == 2
    assert "Traceback" not in text and " ERROR " not in text


def test_a_home_that_is_a_file_is_refused_in_one_line(tmp_path, shopfloor, monkeypatch):
    afile = tmp_path / "afile"
    afile.write_text("not a home")
    given = shopfloor(afile, "status")
    assert given.returncode == 2
    assert given.stderr.startswith(f"error: the home folder {afile} {HOME_IS_A_FILE} "
                                   f"({afile} is a file): give --home (or SHOPFLOOR_HOME) a "
                                   "folder")
    monkeypatch.setenv("SHOPFLOOR_HOME", str(afile / "below"))
    from_env = shopfloor(None, "status")
    assert from_env.returncode == 2
    assert from_env.stderr.startswith(f"error: the home folder {afile / 'below'} "
                                      f"{HOME_IS_A_FILE} ({afile} is a file)")
    assert afile.read_text() == "not a home"


@pytest.mark.parametrize("option, value, message", [
    ("--ttl", "-5", "--ttl must be more than 0 and at most 86400 seconds, not -5"),
    ("--ttl", "0", "--ttl must be more than 0 and at most 86400 seconds, not 0"),
    ("--ttl", "86401", "--ttl must be more than 0 and at most 86400 seconds, not 86401"),
    ("--ttl", "nan", "--ttl must be more than 0 and at most 86400 seconds, not nan"),
    ("--wait", "-1", "--wait must be 0 seconds or more, not -1"),
])
def test_send_refuses_a_validity_or_a_wait_out_of_range_first(tmp_path, shopfloor, option,
                                                              value, message):
    """Refused before anything else is looked at: here even before "not in a site yet"."""
    result = shopfloor(tmp_path / "h", "send", "206", "ping", "--as", "ana", option, value)
    assert result.returncode == 2
    assert result.stderr == f"error: {message}; nothing was sent\n"


def test_send_takes_the_longest_validity_a_station_accepts(tmp_path, shopfloor):
    result = shopfloor(tmp_path / "h", "send", "206", "ping", "--as", "ana", "--ttl", "86400")
    assert "this PC is not in a site yet" in result.stderr


def test_status_of_a_station_with_no_status_yet_shows_no_none(two_pcs, shopfloor):
    """206 joined but its agent never ran: a command sent to it makes its folder, with no
    status in it."""
    share, office, _station = two_pcs
    sent = shopfloor(office, "send", "206", "ping", "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert sent.returncode == 0, sent.stderr
    status = shopfloor(office, "status")
    assert status.returncode == 0, status.stderr
    [row] = [line for line in status.stdout.splitlines() if line.startswith("206 ")]
    assert "None" not in status.stdout
    assert "cpu - mem - disk -  never seen" in row


@pytest.mark.parametrize("verb, period", [("export", ("--format", "csv")),
                                          ("archive", ("--from", "2020-01-01", "--to",
                                                       "2100-01-01"))])
def test_an_output_that_is_a_folder_or_empty_is_refused_before_writing(
        admin_home, shopfloor, tmp_path, verb, period):
    folder = tmp_path / "out"
    folder.mkdir()
    example = "records.csv" if verb == "export" else "archive.zip"
    into = shopfloor(admin_home, verb, *period, "--out", str(folder), "--as", "ana",
                     SHOPFLOOR_PASSWORD=PASSWORD)
    assert into.returncode == 2
    assert into.stderr == (f"error: --out {folder} is a folder: give a file in it such as "
                           f"{folder / example}; nothing was written\n")
    assert list(folder.iterdir()) == [] and list(tmp_path.glob(".out*")) == []
    empty = shopfloor(admin_home, verb, *period, "--out", "", "--as", "ana",
                      SHOPFLOOR_PASSWORD=PASSWORD)
    assert empty.returncode == 2
    assert empty.stderr == (f"error: --out is empty: give a file name such as {example}; "
                            "nothing was written\n")
    text = (admin_home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "Traceback" not in text and " ERROR " not in text
    assert text.count("nothing was written") == 2


def test_restore_of_a_missing_file_is_a_refusal_not_a_crash(admin_home, shopfloor, tmp_path):
    missing = tmp_path / "nonexist.sqlite3"
    result = shopfloor(admin_home, "restore", str(missing), "--as", "ana",
                       SHOPFLOOR_PASSWORD=PASSWORD)
    assert result.returncode == 2  # refused before anything is checked, as backup verify does
    assert result.stderr == (f"error: cannot restore {missing}: it does not exist; nothing "
                             f"was changed: check the path\n")
    assert_refusal_logged(admin_home, "shopfloor restore refused")


def test_a_reader_that_closes_the_output_ends_the_command_quietly(tmp_path):
    """`shopfloor ... | head -1`: the reader gone before the output is written. A real
    process: the pipe, and the interpreter's flush at exit, are the point."""
    from utils.context import AppContext

    AppContext.open(tmp_path / "h").close()  # verify-audit refuses a home with no installation
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--home",
                                str(tmp_path / "h"), "verify-audit"], env=process_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True)
    process.stdout.close()  # long before the child has imported what it needs to print
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141, stderr
    assert stderr == ""


@pytest.mark.parametrize("verb", ["export", "archive"])
def test_a_range_whose_end_is_not_after_its_start_is_refused_saying_how_to_ask_for_a_day(
        admin_home, shopfloor, tmp_path, verb):
    out = tmp_path / ("day.csv" if verb == "export" else "day.zip")
    form = ("--format", "csv") if verb == "export" else ()
    refused = shopfloor(admin_home, verb, *form, "--from", "2025-11-03", "--to", "2025-11-03",
                        "--out", str(out), "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert refused.returncode == 2
    assert refused.stderr == ("error: --to 2025-11-03 is not after --from 2025-11-03, so the "
                              "range holds nothing (--to is not included): for one day give "
                              "--from 2025-11-03 --to 2025-11-04\n")
    assert not out.exists()


def test_backup_verify_of_a_file_that_does_not_exist_is_refused_not_not_intact(admin_home,
                                                                             shopfloor,
                                                                             tmp_path):
    missing = tmp_path / "nope.sqlite3"
    refused = shopfloor(admin_home, "backup", "verify", str(missing))
    assert refused.returncode == 2  # refused or impossible, not "a check found a problem"
    assert refused.stderr.startswith(f"error: {missing} does not exist; nothing was checked")


def test_backup_settings_show_an_unset_value_as_the_default_not_none(admin_home, shopfloor,
                                                                     tmp_path):
    changed = shopfloor(admin_home, "backup", "settings", "--folder", str(tmp_path / "bk"),
                        "--as", "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert changed.returncode == 0, changed.stderr
    assert f"backup_folder: (the default) -> {tmp_path / 'bk'}" in changed.stdout
    assert "None" not in changed.stdout


def test_a_users_import_refused_for_a_role_is_logged_once(admin_home, shopfloor, tmp_path):
    made = shopfloor(admin_home, "user", "add", "joao", "--role", "operator", "--as", "ana",
                     "--reason", "new hire on shift A", SHOPFLOOR_PASSWORD=PASSWORD,
                     SHOPFLOOR_NEW_PASSWORD="Jasper-Own-Pass-12")
    assert made.returncode == 0, made.stderr
    own = shopfloor(admin_home, "user", "change-password", "joao",
                    SHOPFLOOR_PASSWORD="Jasper-Own-Pass-12",
                    SHOPFLOOR_NEW_PASSWORD="Jasper-Newer-Pass-34")
    assert own.returncode == 0, own.stderr
    users = tmp_path / "usuarios.csv"
    users.write_text("login,tipo,senha,nome_completo\r\nrita,Operador,x,Rita Reis\r\n",
                     encoding="utf-8")
    refused = shopfloor(admin_home, "import-legacy-users", str(users), "--as", "joao",
                        SHOPFLOOR_PASSWORD="Jasper-Newer-Pass-34")
    assert refused.returncode == 2, refused.stderr
    assert "joao (operator) may not import user accounts" in refused.stderr
    log = (admin_home / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    refusals = [line for line in log.splitlines() if "import-legacy-users refused" in line]
    assert len(refusals) == 1, log


def test_an_empty_home_is_refused_not_replaced_by_the_real_one(shopfloor, tmp_path, capsys):
    with pytest.raises(SystemExit) as refused:
        shopfloor(tmp_path / "unused", "--home", "", "status")
    assert refused.value.code == 2
    assert "argument --home: it is empty" in capsys.readouterr().err


def test_change_password_offers_no_option_it_would_ignore(shopfloor, tmp_path, capsys):
    with pytest.raises(SystemExit):
        shopfloor(tmp_path / "h", "user", "change-password", "--help")
    shown = capsys.readouterr().out
    assert "--as" not in shown and "--reason" not in shown


def test_a_short_site_passphrase_is_said_before_any_password_is_asked(shopfloor, tmp_path):
    refused = shopfloor(tmp_path / "h", "site", "create", "--folder", str(tmp_path),
                        "--station", "office1", "--office", "--admin", "maria",
                        SHOPFLOOR_PASSPHRASE="too short")
    assert refused.returncode == 2
    assert "the site passphrase needs at least 12 characters" in refused.stderr
    assert not (tmp_path / "shopfloor-site.json").exists()


def test_a_long_legacy_import_tells_its_progress(admin_home, shopfloor, tmp_path):
    """200,000 rows took minutes with nothing on the screen."""
    header = ("maquina,lote,numero_caixa,size,peso,rej1_defect,rej1_local,rej2_defect,"
              "rej2_local,percent_cam_d,percent_cam_w,data_hora\n")
    rows = [f"206,L1,{n},#00,1.21e-04,Furo,N/A,,,2.5,,2025-11-03 {6 + n // 3600:02d}:"
            f"{n // 60 % 60:02d}:{n % 60:02d}\n" for n in range(1, 1201)]
    path = tmp_path / "dados_producao.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    done = shopfloor(admin_home, "import-legacy", str(path), "--as", "ana",
                     SHOPFLOOR_PASSWORD=PASSWORD)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["read 1,200 rows to store; storing them...",
                                        "stored 500 of 1,200 rows", "stored 1,000 of 1,200 rows",
                                        "stored 1,200 of 1,200 rows"]
    assert "imported: 1200" in done.stdout


def test_an_output_in_a_folder_that_does_not_exist_is_refused(admin_home, shopfloor, tmp_path):
    out = tmp_path / "typo" / "deep" / "records.csv"
    refused = shopfloor(admin_home, "export", "--format", "csv", "--out", str(out), "--as",
                        "ana", SHOPFLOOR_PASSWORD=PASSWORD)
    assert refused.returncode == 2
    assert refused.stderr == (f"error: --out {out}: the folder {out.parent} does not exist; "
                              "nothing was written: give a file in an existing folder\n")
    assert not (tmp_path / "typo").exists()


def test_only_a_reader_gone_from_stdout_counts_as_the_output_closed(monkeypatch):
    """Another pipe broken inside a verb is a failure like any other, not a quiet exit."""
    import os

    from cli.app import stdout_reader_gone

    read_end, write_end = os.pipe()
    with os.fdopen(write_end, "w") as out:
        monkeypatch.setattr(sys, "stdout", out)
        assert not stdout_reader_gone()  # someone still reads
        os.close(read_end)
        assert stdout_reader_gone()
        monkeypatch.undo()


def test_a_broken_pipe_of_the_verbs_own_is_a_failure_not_a_quiet_exit(tmp_path, monkeypatch,
                                                                       shopfloor):
    import os

    from cli import cmd_status
    from utils.context import AppContext

    def broken(_ctx, _args):
        raise BrokenPipeError(32, "Broken pipe (a printer's socket)")

    monkeypatch.setattr(cmd_status, "run", broken)
    AppContext.open(tmp_path / "h").close()  # status refuses a home with no installation
    read_end, write_end = os.pipe()  # our output still has its reader
    try:
        with os.fdopen(write_end, "w") as out, monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", out)
            result = shopfloor(tmp_path / "h", "status")
    finally:
        os.close(read_end)
    assert result.returncode == 2  # an error like any other, its traceback in the log
    log = (tmp_path / "h" / "logs" / "shopfloor.log").read_text(encoding="utf-8")
    assert "command status failed" in log and "Traceback" in log
