"""A tab's status line carries a path or an error's text of any length: after an export (or a
failed one) to a long path, the admin window is no wider than before. A one-line status once
raised its minimum width from 983 to 1935 px, and on a 1366 px screen Log out and the filters
went off-screen on every tab until a restart (s17 admin review, defect 2)."""

from __future__ import annotations

import pytest

from tests.gui.conftest import open_admin_window, wait_for
from tests.utils.site.sitekit import make_site, use_fast_kdf


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    use_fast_kdf(monkeypatch)
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    made = make_site(tmp_path / "site")
    panel = open_admin_window(qtbot, made)
    yield panel
    panel.close()
    made.admin.close()


def _long_folder(tmp_path):
    # Word wrap breaks a path after its separators, not inside one long folder name.
    folder = tmp_path.joinpath("Relatorios_de_producao_da_planta_de_Sorocaba_revisados_2026",
                               *(["a-rather-long-folder-name-for-exports"] * 8))
    folder.mkdir(parents=True)
    return folder


def _min_width(window) -> int:
    return window.minimumSizeHint().width()


def test_a_long_export_message_leaves_the_window_as_narrow(window, tmp_path):
    tab = window.production_tab
    window.tabs.setCurrentWidget(tab)
    before = _min_width(window)
    assert before < 1366
    path = _long_folder(tmp_path) / "production-records-of-the-whole-site.xlsx"
    tab.export("xlsx", str(path))
    wait_for(lambda: "Exported" in tab.status.text())
    assert str(path) in tab.status.text()  # the whole path is there, to read or select
    assert _min_width(window) <= before
    # A refusal quoting the path (a file where a folder should be) does not either.
    tab.export("csv", str(path / "x.csv"))
    wait_for(lambda: "was not written" in tab.status.text())
    assert _min_width(window) <= before


def test_a_long_audit_export_message_leaves_the_window_as_narrow(window, tmp_path):
    tab = window.audit_tab
    window.tabs.setCurrentWidget(tab)
    wait_for(lambda: tab.count.text() != "")
    before = _min_width(window)
    path = _long_folder(tmp_path) / "audit-trail-of-the-whole-site.csv"
    task = tab.export_csv(str(path))
    assert task is not None
    wait_for(lambda: "Exported" in tab.status.text())
    assert _min_width(window) <= before
    tab.export_pdf(str(_long_folder(tmp_path / "b") / "audit.pdf"))
    wait_for(lambda: "Exported" in tab.status.text() and ".pdf" in tab.status.text())
    assert _min_width(window) <= before
