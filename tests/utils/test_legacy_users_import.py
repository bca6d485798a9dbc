"""Importing the old system's accounts on a real database: created through AuthService, each
with a one-time password that works once, audited, existing names untouched, admins only;
and the command line (in-process, plus one real subprocess)."""

from __future__ import annotations

import json
import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from config.constants import Role
from config.settings import Settings
from data import audit_repo
from utils.clock import ManualClock
from utils.context import AppContext
from utils.legacy_users import AUDIT_ACTION, import_legacy_users
from utils.passwords import check_policy, one_time_password
from utils.permissions import PermissionDenied

from tests.cli.clikit import run_process

ADMIN_PW = "Quarry-Lantern-42"
OLD = ("old-pw-joao-1", "old-pw-dev-2", "old-pw-sup-3", "old-pw-rita-4")
USUARIOS = ("login,tipo,senha,nome_completo\r\n"
            f"joao,Operador,{OLD[0]},João Souza\r\n"
            f"dev,Desenvolvedor,{OLD[1]},Equipe de Sistemas\r\n"
            f"sup,Encarregado,{OLD[2]},Already Here\r\n"
            f"rita,Coordenadora,{OLD[3]},Rita Reis\r\n"
            "ze ca,Operador,x,Zé\r\n")


@pytest.fixture
def ctx(tmp_path, monkeypatch):
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    context = AppContext.open(tmp_path / "home", clock=ManualClock(),
                              settings=Settings(station_id="office1"))
    context.auth.create_first_admin("ana", "Ana Admin", ADMIN_PW)
    ana = context.auth.login("ana", ADMIN_PW).session
    context.auth.create_user(ana, "sup", "Saulo Supervisor", Role.SUPERVISOR, "Initial-Pass-sb",
                             "supervisor of shift A")
    context.auth.change_password("sup", "Initial-Pass-sb", "Sable-Own-Pass-1")
    yield context
    context.close()


@pytest.fixture
def usuarios(tmp_path) -> Path:
    path = tmp_path / "usuarios.csv"
    path.write_text(USUARIOS, encoding="utf-8")
    return path


def events(ctx, action: str) -> list[dict]:
    with ctx.database.read() as connection:
        return [e for e in audit_repo.list_events(connection) if e["action"] == action]


def test_one_time_passwords_pass_the_policy_and_differ():
    made = {one_time_password("joao") for _ in range(200)}
    assert len(made) == 200
    for password in made:
        check_policy(password, username="joao")
        assert len(password) == 14 and password.count("-") == 2


def test_accounts_are_created_with_mapped_roles_and_a_password_that_works_once(
        ctx, usuarios, caplog):
    caplog.set_level(logging.DEBUG)
    ana = ctx.auth.login("ana", ADMIN_PW).session
    seen: list[tuple[int, int]] = []
    report = import_legacy_users(ctx.auth, ana, usuarios,
                                 progress=lambda done, total: seen.append((done, total)))
    assert [(a.username, a.role, a.full_name) for a in report.created] == [
        ("joao", Role.OPERATOR, "João Souza"), ("dev", Role.ANALYST, "Equipe de Sistemas"),
        ("rita", Role.SUPERVISOR, "Rita Reis")]
    assert [a.username for a in report.existing] == ["sup"]
    assert [(p.line, p.code) for p in report.problems] == [(6, "login")]
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    for account in report.created:
        user = ctx.auth.get_user(ana, account.username)
        assert user.must_change_password and user.role == account.role
        old = OLD[account.line - 2]
        assert not ctx.auth.login(account.username, old).ok  # the old password never works
        first = ctx.auth.login(account.username, account.one_time_password)
        assert first.ok and first.session.must_change_password
        ctx.auth.change_password(account.username, account.one_time_password, "Own-Choice-77x")
        assert not ctx.auth.login(account.username, account.one_time_password).ok
    # The existing account is untouched: its own password still works, its name stays.
    kept = ctx.auth.login("sup", "Sable-Own-Pass-1")
    assert kept.ok and kept.session.full_name == "Saulo Supervisor"
    # One event per account, with the file and line; one for the import, with the counts.
    created = events(ctx, "user.create")
    assert [e["entity_id"] for e in created[-3:]] == ["joao", "dev", "rita"]
    assert "usuarios.csv, line 2" in json.loads(created[-3]["body"])["reason"]
    (summary,) = events(ctx, AUDIT_ACTION)
    assert summary["username"] == "ana"
    for words in ('"created":3', '"existing":1', '"not_imported":1', '"existing_usernames":["sup"]'):
        assert words in summary["body"]
    # Never a password, old or new, in the audit trail or the log.
    with ctx.database.read() as connection:
        trail = repr(audit_repo.list_events(connection))
    secrets = (*OLD, *(a.one_time_password for a in report.created))
    for secret in secrets:
        assert secret not in trail and secret not in caplog.text
    assert all(secret not in repr(report) for secret in OLD)


def test_only_an_admin_may_import_and_the_refusal_is_audited(ctx, usuarios):
    sup = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    with pytest.raises(PermissionDenied):
        import_legacy_users(ctx.auth, sup, usuarios)
    denied = events(ctx, "permission.denied")
    assert denied and denied[-1]["username"] == "sup" and "user.manage" in denied[-1]["entity_id"]
    ana = ctx.auth.login("ana", ADMIN_PW).session
    assert [u.username for u in ctx.auth.list_users(ana)] == ["ana", "sup"]
    assert events(ctx, AUDIT_ACTION) == []


# -- the command line, in-process -------------------------------------------------------------

@pytest.fixture
def cli_home(tmp_path, shopfloor, fast_secrets):
    home = tmp_path / "cli"
    assert shopfloor(home, "user", "add", "ana", "--role", "admin",
                     SHOPFLOOR_PASSWORD=ADMIN_PW).returncode == 0
    return home


def test_cli_prints_the_passwords_once_and_a_second_run_creates_nothing(cli_home, usuarios,
                                                                        shopfloor):
    first = shopfloor(cli_home, "import-legacy-users", str(usuarios), "--as", "ana",
                      SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert first.returncode == 0
    out = first.stdout
    assert out.count("One-time password:") == 4  # joao, dev, sup, rita (no sup here yet)
    assert "not imported, line 6" in out and "created: 4" in out
    assert "passwords in plain text (column senha)" in out
    assert all(secret not in out for secret in OLD)
    again = shopfloor(cli_home, "import-legacy-users", str(usuarios), "--as", "ana",
                      SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert again.returncode == 0
    assert "One-time password:" not in again.stdout
    assert "created: 0, existing (not changed): 4" in again.stdout


def test_cli_sheet_is_private_and_never_overwritten(cli_home, usuarios, tmp_path, shopfloor):
    sheet = tmp_path / "slips.txt"
    made = shopfloor(cli_home, "import-legacy-users", str(usuarios), "--as", "ana", "--sheet",
                     str(sheet), SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert made.returncode == 0
    assert "One-time password:" not in made.stdout and "written to" in made.stdout
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    text = sheet.read_text(encoding="utf-8")
    assert text.count("One-time password:") == 4 and "rita" in text
    again = shopfloor(cli_home, "import-legacy-users", str(usuarios), "--as", "ana", "--sheet",
                      str(sheet), SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert again.returncode == 2 and "never overwritten" in again.stderr
    assert sheet.read_text(encoding="utf-8") == text


def test_cli_refuses_a_non_admin_in_one_line(cli_home, usuarios, shopfloor):
    assert shopfloor(cli_home, "user", "add", "sup", "--role", "supervisor", "--as", "ana",
                     SHOPFLOOR_PASSWORD=ADMIN_PW,
                     SHOPFLOOR_NEW_PASSWORD="Initial-Pass-sb").returncode == 0
    assert shopfloor(cli_home, "user", "change-password", "sup",
                     SHOPFLOOR_PASSWORD="Initial-Pass-sb",
                     SHOPFLOOR_NEW_PASSWORD="Sable-Own-Pass-1").returncode == 0
    refused = shopfloor(cli_home, "import-legacy-users", str(usuarios), "--as", "sup",
                        SHOPFLOOR_PASSWORD="Sable-Own-Pass-1")
    assert refused.returncode == 2
    assert "sup (supervisor) may not import user accounts (admin role only)" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_cli_smoke_in_a_real_process(cli_home, usuarios):
    """The verb's run as a real process (tests/cli/clikit.py), on a home made in-process."""
    result = run_process(cli_home, "import-legacy-users", str(usuarios), "--as", "ana",
                         SHOPFLOOR_PASSWORD=ADMIN_PW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("One-time password:") == 4 and "Traceback" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="Windows file names are always text")
def test_a_file_whose_name_is_no_utf8_is_imported_and_audited(ctx, usuarios):
    """POSIX hands a Latin-1 name on as lone surrogates, which no audit event can hold."""
    latin1 = usuarios.with_name(os.fsdecode(b"usu\xe1rios.csv"))
    usuarios.rename(latin1)
    ana = ctx.auth.login("ana", ADMIN_PW).session
    report = import_legacy_users(ctx.auth, ana, latin1)
    assert report.file_name == "usu\\xe1rios.csv" and len(report.created) == 3
    [event] = events(ctx, AUDIT_ACTION)
    assert event["entity_id"] == "usu\\xe1rios.csv"
