"""The station's shift handover, driven as the operators would: the button asks for attention
at the shift's end, the outgoing operator signs the summary with notes, the incoming one gets
it at login to read and acknowledge, a wrong password saves nothing, and a signed handover
only takes a signed note."""

from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import Qt

from tests.gui.conftest import wait_for
from tests.gui.test_tab_order_and_names import check

OP_PW = "Otter-Own-Pass-1"
SUP_PW = "Sable-Own-Pass-1"
FORM = {"size": "#00", "rej1_defect": "Rachada", "rej1_location": "Cap", "cam_d": "1",
        "cam_w": "1"}


def test_sign_at_the_end_of_the_shift_then_acknowledge_at_the_next_login(qtbot, station, clock):
    ctx, window = station.controller.ctx, station.window
    clock._now = datetime(2026, 11, 22, 15, 0, tzinfo=timezone.utc)  # 12:00 local, shift 1
    assert station.controller.login("op", OP_PW).ok
    op = station.controller.session
    ctx.production.set_lot(op, "L9", 5)
    for _ in range(2):
        ctx.production.register_box(op, FORM)
    offer = window.handover
    assert not offer.button.property("due") and offer.dialog is None
    clock._now = datetime(2026, 11, 22, 16, 45, tzinfo=timezone.utc)  # 13:45: the last 30 min
    offer.check()
    assert offer.button.property("due") and offer.button.text() == "Shift handover due…"

    qtbot.mouseClick(offer.button, Qt.MouseButton.LeftButton)
    dialog = offer.dialog
    assert dialog is not None and dialog.mode.value == "sign"
    wait_for(lambda: dialog.summary is not None)
    check(dialog)  # every input named, Tab through them in reading order
    page = dialog.page.toPlainText()
    assert "Station 206 · shift 1 of 2026-11-22 · 2026-11-22 06:00 to 2026-11-22 14:00" in page
    assert "2 boxes registered, 0 voided · lots: L9" in page
    # The stops section is there: this version records stops, and this shift had none
    assert "Rachada" in page and "No stops in this shift." in page
    assert "not recorded" not in page
    assert "Lot L9 is not complete: 2 of 5 boxes registered" in page

    # A wrong password: refused, said, nothing saved; the password field emptied
    dialog.notes.setPlainText("Scale 2 drifts; watch it")
    dialog.signature.username.setText("op")
    dialog.signature.password.setText("wrong-password")
    dialog.sign()
    wait_for(lambda: dialog.message.text() != "")
    assert "Wrong user name or password" in dialog.message.text()
    assert dialog.signature.password.text() == "" and ctx.handover.latest() is None

    dialog.signature.password.setText(OP_PW)
    dialog.sign()
    wait_for(lambda: dialog.done_with is not None)
    assert dialog.message.text().startswith("Handed over")
    assert dialog.notes.isReadOnly() and not dialog.sign_button.isEnabled()
    assert "Handed over by Olga Operadora (op)" in dialog.page.toPlainText()
    assert ctx.handover.latest().document["notes"] == "Scale 2 drifts; watch it"
    dialog.close()
    offer.check()
    assert not offer.button.property("due")

    station.controller.logout("user")
    assert offer.dialog is None
    clock._now = datetime(2026, 11, 22, 17, 5, tzinfo=timezone.utc)  # 14:05, the next shift
    assert station.controller.login("sup", SUP_PW).ok
    dialog = offer.dialog  # opened at login: the last shift's handover waits for them
    assert dialog is not None and dialog.mode.value == "acknowledge"
    page = dialog.page.toPlainText()
    assert "Scale 2 drifts; watch it" in page and "Not acknowledged yet." in page
    dialog.signature.username.setText("sup")
    dialog.signature.password.setText(SUP_PW)
    dialog.notes.setPlainText("Read; calling maintenance for scale 2")
    dialog.sign()
    wait_for(lambda: dialog.done_with is not None)
    assert "Acknowledged by Saulo Supervisor (sup)" in dialog.page.toPlainText()
    dialog.close()

    # The handover is signed and taken: the button now opens it for a signed note only
    dialog = offer.open()
    assert dialog.mode.value == "note"
    dialog.notes.setPlainText("Scale 2 replaced at 14:30")
    dialog.signature.password.setText(SUP_PW)  # the session signed once: password only
    assert not dialog.signature.username.isVisibleTo(dialog)
    dialog.sign()
    wait_for(lambda: dialog.done_with is not None)
    assert "Note added by Saulo Supervisor (sup)" in dialog.page.toPlainText()
    assert [n["note"] for n in ctx.handover.latest().notes] == ["Scale 2 replaced at 14:30"]
    dialog.close()


def test_the_outgoing_operator_is_not_asked_to_acknowledge_their_own(qtbot, station, clock):
    ctx = station.controller.ctx
    clock._now = datetime(2026, 11, 22, 16, 50, tzinfo=timezone.utc)
    assert station.controller.login("op", OP_PW).ok
    op = station.controller.session
    ctx.handover.sign(op, ctx.handover.shift_to_hand_over(), "", password=OP_PW,
                      username="op")
    station.controller.logout("user")
    assert station.controller.login("op", OP_PW).ok
    assert station.window.handover.dialog is None


def test_a_first_signature_without_the_user_name_says_so_at_once(qtbot, station, clock):
    """As the lot release dialog: said before anything is sent, the password kept, the user
    name field focused, no failed signature audited (s17 fix)."""
    import json

    from data import audit_repo

    from gui.admin.signature_fields import username_missing_text

    ctx = station.controller.ctx
    clock._now = datetime(2026, 11, 22, 16, 45, tzinfo=timezone.utc)  # the shift's last 30 min
    assert station.controller.login("op", OP_PW).ok
    dialog = station.window.handover.open()
    assert dialog is not None and dialog.mode.value == "sign"
    wait_for(lambda: dialog.summary is not None)
    assert dialog.signature.username.isVisibleTo(dialog)
    dialog.signature.password.setText(OP_PW)  # the right password, no user name
    assert dialog.sign() is None  # nothing sent
    assert dialog.message.text() == username_missing_text()
    assert dialog.message.text().startswith("Type your user name too")
    assert dialog.signature.password.text() == OP_PW  # kept: only the user name is to type
    assert dialog.focusWidget() is dialog.signature.username
    with ctx.database.read() as connection:
        failed = [json.loads(e["body"])
                  for e in audit_repo.list_events(connection, action="signature.failed")]
    assert failed == [] and ctx.handover.latest() is None
    dialog.signature.username.setText("op")
    dialog.sign()
    wait_for(lambda: dialog.done_with is not None)
    dialog.close()
