"""A verb refused for the person's role says it in one wording everywhere (cli/errors.py
`permission_refusal`): who was refused what, which roles may, what was not done, what to do;
exit code 2, nothing done, one WARNING line in the log and no traceback. In-process, on a home
with an admin (maria) and an operator (joao)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.clikit import ADMIN_PASSWORD
from tests.cli.test_cli_site import assert_refusal_logged

OPERATOR_PASSWORD = "Jasper-Own-Pass-77"
WHAT_TO_DO = "run it again with --as a user whose role allows it\n"


@pytest.fixture
def operator_home(admin_home: Path, shopfloor) -> Path:
    """admin_home with joao, an operator who has chosen his own password."""
    made = shopfloor(admin_home, "user", "add", "joao", "--role", "operator", "--as", "maria",
                     SHOPFLOOR_PASSWORD=ADMIN_PASSWORD,
                     SHOPFLOOR_NEW_PASSWORD="Jasper-First-Pass1")
    assert made.returncode == 0, made.stderr
    own = shopfloor(admin_home, "user", "change-password", "joao",
                    SHOPFLOOR_PASSWORD="Jasper-First-Pass1",
                    SHOPFLOOR_NEW_PASSWORD=OPERATOR_PASSWORD)
    assert own.returncode == 0, own.stderr
    return admin_home


def refused_as_operator(shopfloor, home: Path, *args: str) -> str:
    """What `args` run as joao printed: refused (2), nothing on stdout; its error line."""
    result = shopfloor(home, *args, "--as", "joao", SHOPFLOOR_PASSWORD=OPERATOR_PASSWORD)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    return result.stderr


def test_user_management_refused_for_an_operator(operator_home, shopfloor):
    said = refused_as_operator(shopfloor, operator_home, "user", "deactivate", "maria")
    assert said == ("error: joao (operator) may not manage user accounts (admin role only); "
                    "nothing was changed: " + WHAT_TO_DO)
    assert_refusal_logged(operator_home, "shopfloor user refused (PermissionDenied)")
    listed = shopfloor(operator_home, "user", "list", "--as", "maria",
                       SHOPFLOOR_PASSWORD=ADMIN_PASSWORD)
    assert "maria" in listed.stdout and "inactive" not in listed.stdout  # still active


@pytest.mark.parametrize("action", ["now", "settings"])
def test_backups_refused_for_an_operator(operator_home, shopfloor, tmp_path, action):
    if action == "now":
        said = refused_as_operator(shopfloor, operator_home, "backup", "now")
        assert said == ("error: joao (operator) may not back up this PC's database (admin "
                        "role only); no backup was made: " + WHAT_TO_DO)
    else:
        said = refused_as_operator(shopfloor, operator_home, "backup", "settings", "--folder",
                                   str(tmp_path / "elsewhere"))
        assert said == ("error: joao (operator) may not change the backup settings (admin "
                        "role only); nothing was changed: " + WHAT_TO_DO)
    assert_refusal_logged(operator_home, "shopfloor backup refused (PermissionDenied)")
    listed = shopfloor(operator_home, "backup", "list")
    assert listed.returncode == 0 and ": 0 (newest last" in listed.stdout  # none made
    assert str(tmp_path / "elsewhere") not in listed.stdout  # the folder as it was


def test_an_archive_refused_for_an_operator(operator_home, shopfloor, tmp_path):
    out = tmp_path / "period.zip"
    said = refused_as_operator(shopfloor, operator_home, "archive", "--from", "2020-01-01",
                               "--to", "2100-01-01", "--out", str(out))
    assert said == ("error: joao (operator) may not make archives (supervisor or admin role "
                    "only); nothing was written: " + WHAT_TO_DO)
    assert not out.exists()
    assert_refusal_logged(operator_home, "shopfloor archive refused (PermissionDenied)")


def test_a_users_import_refused_for_an_operator(operator_home, shopfloor, tmp_path):
    users = tmp_path / "usuarios.csv"
    users.write_text("login,tipo,senha,nome_completo\r\nrita,Operador,x,Rita Reis\r\n",
                     encoding="utf-8")
    said = refused_as_operator(shopfloor, operator_home, "import-legacy-users", str(users))
    assert said == ("error: joao (operator) may not import user accounts (admin role only); "
                    "nothing was imported: " + WHAT_TO_DO)
    assert_refusal_logged(operator_home,
                          "shopfloor import-legacy-users refused (PermissionDenied)")
    listed = shopfloor(operator_home, "user", "list", "--as", "maria",
                       SHOPFLOOR_PASSWORD=ADMIN_PASSWORD)
    assert "rita" not in listed.stdout
