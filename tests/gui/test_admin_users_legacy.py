"""The Users tab's "Import from the old system…": runs in the background, lists the new
accounts, shows their one-time passwords once (and prints them), refuses a non-admin."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.gui.conftest import ADMIN_PW, wait_for

USUARIOS = ("login;senha;tipo;nome_completo\r\n"
            "joao;velha-senha-1;Operador;João Souza\r\n"
            "dev;velha-senha-2;Desenvolvedor;Equipe de Sistemas\r\n"
            "op;velha-senha-3;Operador;Olga de novo\r\n"
            "pedro;velha-senha-4;Gerente;Pedro Paz\r\n")


@pytest.fixture
def users_tab(qtbot, ctx):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    runner = TaskRunner()
    tab = wiring.users_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session, runner)
    qtbot.addWidget(tab)
    yield tab
    runner.shutdown()


@pytest.fixture
def usuarios(tmp_path) -> Path:
    path = tmp_path / "usuarios.csv"
    path.write_text(USUARIOS, encoding="utf-8")
    return path


def shown_usernames(tab) -> list[str]:
    return [tab.model.row_at(row).username for row in range(tab.model.rowCount())]


def test_import_shows_the_one_time_passwords_once_and_prints_them(qtbot, qtmodeltester, ctx,
                                                                  users_tab, usuarios, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    users_tab.import_legacy(str(usuarios))
    assert not users_tab.import_button.isEnabled()  # one import at a time
    wait_for(lambda: users_tab.legacy_dialog is not None, timeout=20)
    dialog = users_tab.legacy_dialog
    assert users_tab.import_button.isEnabled()
    # The slips' "issued on" is the site's wall clock, not this PC's own zone.
    assert dialog.issued_at.tzinfo == ZoneInfo(ctx.timezone)
    assert {"joao", "dev"} <= set(shown_usernames(users_tab))
    assert "2 created, 1 already existed, 1 not imported" in users_tab.status.text()
    model = dialog.model
    qtmodeltester.check(model)
    rows = {model.data(model.index(r, 0)): [model.data(model.index(r, c)) for c in range(4)]
            for r in range(model.rowCount())}
    assert set(rows) == {"joao", "dev"}
    assert rows["dev"][1:3] == ["Equipe de Sistemas", "analyst"]
    for username, (_name, _full, _role, password) in rows.items():
        first = ctx.auth.login(username, password)
        assert first.ok and first.session.must_change_password
    details = dialog.details.text()
    assert "Already exist, not changed: op" in details
    assert "Line 5" in details and "\"Gerente\"" in details
    assert "old passwords in plain text" in details
    assert all(f"velha-senha-{n}" not in details for n in range(1, 5))

    pdf = tmp_path / "slips.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    sheet = dialog.document().toPlainText()
    assert rows["joao"][3] in sheet and rows["dev"][3] in sheet and "João Souza" in sheet
    dialog.print_to(printer)
    assert pdf.stat().st_size > 1000 and dialog.printed

    dialog.close()  # and with it the passwords: nowhere to be shown again
    assert model.rowCount() == 0
    wait_for(lambda: users_tab.legacy_dialog is None)


def test_a_file_that_is_not_usuarios_csv_creates_nothing(qtbot, ctx, users_tab, tmp_path):
    before = shown_usernames(users_tab)
    other = tmp_path / "dados_producao.csv"
    other.write_text("maquina,lote\r\n206,L1\r\n", encoding="utf-8")
    users_tab.import_legacy(str(other))
    wait_for(lambda: users_tab.import_button.isEnabled(), timeout=20)
    assert "could not be imported and no account was created" in users_tab.status.text()
    assert users_tab.legacy_dialog is None and shown_usernames(users_tab) == before


def test_a_non_admin_is_refused_by_the_service_and_told_so(qtbot, ctx, users_tab, usuarios):
    # The tab is an admin's; a supervisor's session reaching it (any path) is refused anyway.
    users_tab.session = ctx.auth.login("sup", "Sable-Own-Pass-1").session
    users_tab.import_legacy(str(usuarios))
    wait_for(lambda: users_tab.import_button.isEnabled(), timeout=20)
    assert users_tab.status.text() == "Your role may not manage users; no account was created."
    ana = ctx.auth.login("ana", ADMIN_PW).session
    assert "joao" not in [user.username for user in ctx.auth.list_users(ana)]


def test_the_admin_panel_hands_its_runner_to_the_users_tab(qtbot, ctx):
    from gui.admin.window import AdminWindow
    from gui.app import make_application

    make_application([])
    window = AdminWindow(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    qtbot.addWidget(window)
    try:
        assert window.users_tab.runner is window.runner
        assert window.users_tab.import_button.text() == "Import from the old system…"
    finally:
        window.shutdown()
        window.close()

