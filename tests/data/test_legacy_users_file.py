"""Reading the old system's usuarios.csv: columns by name, bad rows named by line, roles
mapped as config.constants says, and the old passwords never read into anything we keep."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from config.constants import Role
from data.legacy_csv import LegacyFileError
from data.legacy_users import (
    PROBLEM_DUPLICATE, PROBLEM_FIELDS, PROBLEM_LOGIN, PROBLEM_ROLE, parse_legacy_users,
)

OLD_PASSWORDS = ("senha-do-joao-123", "Segredo!dev", "maria2019", "op42", "x-carla-x")
USUARIOS = [
    "login,senha,tipo,nome_completo",
    f"joao,{OLD_PASSWORDS[0]},Operador,João Souza",
    f"dev,{OLD_PASSWORDS[1]},Desenvolvedor,Equipe de Sistemas",
    f"Maria,{OLD_PASSWORDS[2]},COORDENADORA,Maria Silva",
    f"lucas,{OLD_PASSWORDS[3]},Encarregado,\"Lucas Lima, turno B\"",
    f"carla,{OLD_PASSWORDS[4]},Analista,",
]


def write(tmp_path: Path, lines: list[str], *, encoding: str = "utf-8",
          newline: str = "\r\n") -> Path:
    path = tmp_path / "usuarios.csv"
    path.write_bytes(newline.join(lines + [""]).encode(encoding))
    return path


def test_accounts_roles_and_names(tmp_path):
    result = parse_legacy_users(write(tmp_path, USUARIOS))
    assert result.problems == [] and result.total_rows == 5 and result.had_passwords
    assert [(a.line, a.username, a.role, a.full_name) for a in result.accounts] == [
        (2, "joao", Role.OPERATOR, "João Souza"),
        (3, "dev", Role.ANALYST, "Equipe de Sistemas"),  # a developer is no plant admin
        (4, "maria", Role.SUPERVISOR, "Maria Silva"),  # nor is a coordinator, until promoted
        (5, "lucas", Role.SUPERVISOR, "Lucas Lima, turno B"),
        (6, "carla", Role.ANALYST, "carla"),
    ]
    assert [a.full_name_from_login for a in result.accounts] == [False] * 4 + [True]
    assert not any(a.role == Role.ADMIN for a in result.accounts)
    assert not any("senha" in w for w in result.warnings)  # the flag says it; callers word it


def test_the_old_passwords_are_nowhere_in_the_result(tmp_path):
    bad = USUARIOS + ["x y,pw-in-bad-row-1,Operador,Bad Login", "zeca,pw-in-bad-row-2,Chefe,Z",
                      "a,b,c"]
    result = parse_legacy_users(write(tmp_path, bad))
    assert len(result.problems) == 3
    shown = repr(result)
    for secret in (*OLD_PASSWORDS, "pw-in-bad-row-1", "pw-in-bad-row-2"):
        assert secret not in shown


def test_order_bom_blank_lines_semicolons_and_cp1252(tmp_path):
    lines = ["", "Nome Completo;TIPO;Senha;Usuário", "", "José Araújo;Operadora;abc;jose", ""]
    result = parse_legacy_users(write(tmp_path, lines, encoding="cp1252"))
    (account,) = result.accounts
    assert (account.line, account.username, account.role, account.full_name) == (
        4, "jose", Role.OPERATOR, "José Araújo")
    assert any("not valid UTF-8" in w for w in result.warnings)
    assert any("semicolon" in w for w in result.warnings)
    assert any("blank line" in w for w in result.warnings)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbflogin,tipo\r\nana.p,Analista\r\n")
    assert [a.username for a in parse_legacy_users(bom).accounts] == ["ana.p"]
    assert not parse_legacy_users(bom).had_passwords


def test_rows_that_cannot_be_accounts_are_named_by_line(tmp_path):
    lines = ["login,senha,tipo,nome_completo",
             "joao,a,Operador,João",         # 2
             "JOAO,b,Analista,Outro João",   # 3 the same login
             "joão,c,Operador,Com acento",   # 4 not a username here
             ",d,Operador,Sem login",        # 5
             "pedro,e,Gerente,Pedro",        # 6 unknown type
             "rui,f,,Rui",                   # 7 empty type
             "ana,g,Operador,Ana,extra",     # 8 a comma in an unquoted name
             "",                             # 9 blank
             "bia,h,Desenvolvedora,Bia"]     # 10
    result = parse_legacy_users(write(tmp_path, lines))
    assert [a.line for a in result.accounts] == [2, 10]
    assert [(p.line, p.code) for p in result.problems] == [
        (3, PROBLEM_DUPLICATE), (4, PROBLEM_LOGIN), (5, PROBLEM_LOGIN), (6, PROBLEM_ROLE),
        (7, PROBLEM_ROLE), (8, PROBLEM_FIELDS)]
    reasons = {p.line: p.reason for p in result.problems}
    assert "line 2" in reasons[3] and "'joão'" in reasons[4] and "empty" in reasons[5]
    assert "'Gerente'" in reasons[6] and "not guessed" in reasons[6] and "is empty" in reasons[7]
    assert "5 fields" in reasons[8]
    assert result.total_rows == 8  # the blank line is no row


@pytest.mark.parametrize("content, words", [
    (b"", "empty"), (b"nome,senha\r\nx,y\r\n", "lacks the column(s) login, tipo"),
    (b"login,tipo,login\r\n", "twice")])
def test_files_that_are_not_a_usuarios_csv(tmp_path, content, words):
    path = tmp_path / "usuarios.csv"
    path.write_bytes(content)
    with pytest.raises(LegacyFileError, match=re.escape(words)):
        parse_legacy_users(path)
