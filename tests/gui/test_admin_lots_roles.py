"""The Lots tab and the release dialog for each role, and the signature's missing user name
(review s17, defects 1, 3 and 4): a supervisor is told who signs lot decisions before typing
anything, never offered a form the service refuses after the password; a first signature
without the user name says so (in the dialog before any check, and in the service's own
code); the dialog says "status" with the Lots table's word, in pt_BR too."""

from __future__ import annotations

import json

import pytest

from config.constants import Role
from data import audit_repo

from tests.gui.conftest import wait_for
from tests.utils.site.releasekit import QA_PW
from tests.utils.site.sitekit import ADMIN_PW

SUP_PW = "Granite-Harbor-58"


@pytest.fixture
def plant(release_plant):
    plant = release_plant
    admin = plant.office.auth.login("ana", ADMIN_PW).session
    plant.office.auth.create_user(admin, "carla", "Carla Mendes", Role.SUPERVISOR, SUP_PW,
                                  "supervisor for the lots tab tests")
    plant.office.auth.change_password("carla", SUP_PW, SUP_PW + "x")
    plant.make_lot("L1", 2)
    return plant


def _tab(qtbot, plant, session, runner):
    from gui.admin import wiring

    tab = wiring.lots_tab(plant.office, session, runner)
    qtbot.addWidget(tab)
    wait_for(lambda: tab.model.rowCount() == 1)
    tab.table.selectRow(0)
    wait_for(lambda: tab._selected_state is not None)
    return tab


def _dialog(qtbot, plant, session, runner):
    from gui.admin.release_dialog import ReleaseDialog

    dialog = ReleaseDialog(plant.office.release, plant.office.auth, "America/Sao_Paulo",
                           session, "L1", runner)
    qtbot.addWidget(dialog)
    wait_for(lambda: dialog.state is not None)
    return dialog


def _events(plant, action):
    with plant.office.database.read() as c:
        return [json.loads(e["body"]) for e in audit_repo.list_events(c, action=action)]


def test_a_supervisor_is_told_who_signs_and_not_offered_the_signing(qtbot, plant, runner):
    carla = plant.office.auth.login("carla", SUP_PW + "x").session
    tab = _tab(qtbot, plant, carla, runner)
    tab.show()
    # The button is there, disabled, and says who signs (from the permission map).
    assert tab.review_button.isVisible() and not tab.review_button.isEnabled()
    for text in (tab.review_button.toolTip(), tab.signers.text()):
        assert "signed by: quality, admin" in text and "Your role (supervisor)" in text
    assert tab.signers.isVisible() and tab.pdf_button.isEnabled()
    assert tab.open_review() is None
    # The dialog, if opened anyway, reads the lot and offers nothing to sign or acknowledge.
    dialog = _dialog(qtbot, plant, carla, runner)
    assert "signed by: quality, admin" in dialog.signing.text()
    assert dialog.decision.count() > 0  # the decisions the status allows, shown...
    assert not any(w.isEnabled() for w in (dialog.sign_button, dialog.ack_button,
                                           dialog.decision, dialog.password, dialog.username))
    dialog.password.setText(SUP_PW + "x")
    assert dialog.sign() is None  # ...but nothing is sent: no refusal after the password
    assert _events(plant, "permission.denied") == []


def test_a_quality_person_and_an_admin_get_the_signing(qtbot, plant, runner):
    for name, password in (("qa", QA_PW + "x"), ("ana", ADMIN_PW)):
        session = plant.office.auth.login(name, password).session
        tab = _tab(qtbot, plant, session, runner)
        tab.show()
        assert tab.review_button.isEnabled() and tab.review_button.toolTip() == ""
        assert not tab.signers.isVisible()
        dialog = tab.open_review()
        wait_for(lambda: dialog.state is not None and dialog.sign_button.isEnabled())
        assert dialog.signing.text().startswith("Signing as")
        dialog.close()


def test_a_first_signature_without_the_user_name_says_so(qtbot, plant, runner):
    from gui.admin.lot_texts import release_error_text

    qa = plant.qa()
    dialog = _dialog(qtbot, plant, qa, runner)
    assert dialog.username.isVisibleTo(dialog)
    dialog.password.setText(QA_PW + "x")  # the right password, no user name
    assert dialog.sign() is None  # said at once, before any check
    assert dialog.message.text().startswith("Type your user name too")
    assert dialog.password.text() == QA_PW + "x"  # kept: only the user name is to type
    assert _events(plant, "signature.failed") == []
    # The service's refusal for it has its own code and the dialog's words.
    assert release_error_text("username_missing", "x") == dialog.message.text()
    dialog.username.setText("qa")
    dialog.sign()
    wait_for(lambda: dialog.decided is not None)


def test_the_dialog_says_status_with_the_tables_word_in_portuguese(qtbot, plant, runner,
                                                                   qm_dir):
    from gui.app import make_application
    from gui.i18n import install_translators
    from gui.admin.lots_model import LotsModel
    from zoneinfo import ZoneInfo
    from PySide6.QtCore import Qt

    app = make_application([])
    install_translators(app, "pt_BR", qm_dir)
    try:
        heading = LotsModel(ZoneInfo("UTC")).headerData(1, Qt.Orientation.Horizontal)
        assert heading == "Situação"
        dialog = _dialog(qtbot, plant, plant.qa(), runner)
        first_line = dialog.summary.text().splitlines()[0]
        assert "Situação" in first_line and "status" not in first_line.lower()
    finally:
        install_translators(app, "en", qm_dir)


def review_dialog(qtbot, plant, runner):
    """The Audit tab's review dialog over the last day, opened by a quality person."""
    from datetime import timedelta

    from gui.admin import wiring

    tab = wiring.audit_tab(plant.office, plant.qa(), runner, site_view=plant.office.site_view)
    qtbot.addWidget(tab)
    now = plant.office.clock.now()
    tab.set_range(now - timedelta(days=1), now)
    return tab.open_review()


def test_an_audit_review_without_the_user_name_says_so_at_once(qtbot, plant, runner):
    """The audit-trail review dialog checks it as the release dialog does (s17 fix)."""
    from gui.admin.signature_fields import username_missing_text

    dialog = review_dialog(qtbot, plant, runner)
    wait_for(lambda: dialog.reviewed is not None and dialog.sign_button.isEnabled())
    assert dialog.username.isVisibleTo(dialog)
    dialog.note.setText("every correction has a reason")
    dialog.password.setText(QA_PW + "x")  # the right password, no user name
    assert dialog.sign() is None  # said at once, before any check
    assert dialog.message.text() == username_missing_text()
    assert dialog.message.text().startswith("Type your user name too")
    assert dialog.password.text() == QA_PW + "x" and dialog.focusWidget() is dialog.username
    assert _events(plant, "signature.failed") == [] and dialog.signed is None
    dialog.username.setText("qa")
    dialog.sign()
    wait_for(lambda: dialog.signed is not None)
    dialog.close()
