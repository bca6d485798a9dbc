"""The Lots tab over a real site: a lot made at station 206, reviewed and released by a quality
person in the release dialog (exceptions acknowledged, signature), printed as a PDF whose every
page carries "page x of y" and the content hash."""

from __future__ import annotations

import pytest

from models.lot_status import DecisionKind, LotStatus

from tests.gui.conftest import wait_for
from tests.utils.site.releasekit import FORM, QA_PW
from tests.utils.site.sitekit import ADMIN_PW


@pytest.fixture
def plant(release_plant):
    return release_plant


@pytest.fixture
def tab(qtbot, plant):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    runner = TaskRunner()
    widget = wiring.lots_tab(plant.office, plant.qa(), runner)
    qtbot.addWidget(widget)
    yield widget
    runner.shutdown()


def _select(tab, lot):
    tab.refresh()
    wait_for(lambda: any(tab.model.lot_at(r) == lot for r in range(tab.model.rowCount())))
    row = next(r for r in range(tab.model.rowCount()) if tab.model.lot_at(r) == lot)
    tab.table.selectRow(row)
    wait_for(lambda: tab._selected_state is not None and tab._selected_state.lot == lot)


def test_lots_model(qtmodeltester, plant, tab):
    plant.make_lot("L1", 2)
    _select(tab, "L1")
    qtmodeltester.check(tab.model)
    assert "complete" in tab.details.text()


def test_review_acknowledge_and_release_in_the_dialog(qtbot, plant, tab):
    from gui.admin.release_dialog import ReleaseDialog

    [first, _second] = plant.make_lot("L1", 2, form={**FORM, "cam_d": "7,5"})  # two in band
    _select(tab, "L1")
    dialog = tab.open_review()
    assert isinstance(dialog, ReleaseDialog)
    wait_for(lambda: dialog.state is not None)
    assert dialog.model.rowCount() == 2 and len(dialog.model.waiting) == 2
    assert dialog.username.isVisibleTo(dialog)  # the session's first signing
    assert dialog.chosen() is DecisionKind.RELEASE
    dialog.password.setText(QA_PW + "x")
    dialog.username.setText("qa")
    dialog.sign()
    wait_for(lambda: "Acknowledge every exception" in dialog.message.text())
    dialog.table.selectAll()
    dialog.note.setText("re-measured two capsules: within the limit")
    dialog.acknowledge_selected()
    assert dialog.model.waiting == []
    dialog.password.setText(QA_PW + "x")
    dialog.username.setText("qa")
    dialog.sign()
    wait_for(lambda: dialog.decided is not None)
    wait_for(lambda: dialog.state is not None and dialog.state.status is LotStatus.RELEASED)
    assert not dialog.username.isVisibleTo(dialog)  # later signings: the password only
    dialog.close()
    assert dialog.decided.meaning == "released"


def test_the_lot_record_pdf_has_every_page_numbered_with_the_content_hash(qtbot, plant, tab,
                                                                          tmp_path):
    import json
    import re
    from zoneinfo import ZoneInfo

    from data import audit_repo
    from gui.admin.lot_record_pdf import lot_record_sections
    from gui.pdf_pages import print_sections
    from utils.production import Meaning, Signature
    from utils.release.record import gather

    records = plant.make_lot("L1", 60)
    admin = plant.office.auth.login("ana", ADMIN_PW).session
    plant.office.production.edit_record(admin, records[3].record_id, {"cam_d": "2,25"},
                                        "transcribed wrongly from the log",
                                        signature=Signature(ADMIN_PW, Meaning.CORRECTION))
    _select(tab, "L1")
    out = tmp_path / "lot-L1.pdf"
    task = tab.export_pdf(str(out))
    wait_for(lambda: task.finished.is_set(), timeout=60)
    wait_for(lambda: "was written" in tab.status.text())
    data = out.read_bytes()
    pages = len(re.findall(rb"/Type /Page(?!s)", data))
    assert data.startswith(b"%PDF") and pages >= 2
    state = plant.office.release.state(plant.qa(), "L1")
    with plant.office.database.read() as c:
        [made] = [json.loads(e["body"]) for e in audit_repo.list_events(c, action="lot.record_pdf")]
    assert made["after"] == {"file": "lot-L1.pdf", "pages": pages, "status": "complete",
                             "content_hash": state.content_hash}
    # What the pages hold: the changed value struck through beside the new one, who and why,
    # each chain's verify; the footer of every page with "page x of y" and the hash.
    record = gather(plant.office, plant.qa(), "L1")
    sections = lot_record_sections(record, ZoneInfo("America/Sao_Paulo"))
    html = "".join(s.heading + s.header + "".join(s.rows) for s in sections)
    # (the box's row and the change's own: the first value struck through, the new in bold)
    assert len(re.findall(r"<s>1[.,]42</s> +<b>2[.,]25</b>", html)) == 2
    assert "▌" in html  # the changed box's change bar
    assert "transcribed wrongly from the log" in html
    assert state.content_hash in html and record.verified and all(
        r.ok for r in record.verified.values())
    assert set(record.verified) == {"206", "office1"}  # the station's and the corrector's
    # A chain whose check found nothing either way (a fault of the program): "NOT VERIFIED",
    # never "NOT INTACT", on the signed record.
    import dataclasses

    from utils.audit.verify import VerifyResult

    faulted = dataclasses.replace(record, verified={**record.verified, "206": VerifyResult(
        "206", False, 0, detail="checking this station stopped with a fault")})
    html_faulted = "".join(s.heading + s.header + "".join(s.rows)
                           for s in lot_record_sections(faulted, ZoneInfo("America/Sao_Paulo")))
    assert "NOT VERIFIED" in html_faulted and "NOT INTACT" not in html_faulted
    footers = []
    again = print_sections(tmp_path / "again.pdf", sections,
                           footer=lambda page, total: footers.append((page, total)) or "x")
    assert again == pages and footers == [(n, pages) for n in range(1, pages + 1)]


def test_the_audit_tab_signs_a_review_of_its_range(qtbot, qtmodeltester, plant):
    from datetime import timedelta

    from gui.admin import wiring
    from gui.tasks import TaskRunner

    plant.make_lot("L1", 2)
    runner = TaskRunner()
    qa = plant.qa()
    office = plant.office
    tab = wiring.audit_tab(office, qa, runner, site_view=office.site_view)
    qtbot.addWidget(tab)
    now = office.clock.now()
    tab.set_range(now - timedelta(days=1), now)
    try:
        dialog = tab.open_review()
        wait_for(lambda: dialog.reviewed is not None)
        assert "events that matter" in dialog.period.text()  # %n plural: 0 events
        dialog.note.setText("every correction has a reason; no refusal unexplained")
        dialog.username.setText("qa")
        dialog.password.setText(QA_PW + "x")
        dialog.sign()
        wait_for(lambda: dialog.signed is not None and dialog.model.rowCount() == 1)
        qtmodeltester.check(dialog.model)
        assert dialog.model.index(0, 5).data() == "yes"
        dialog.close()
    finally:
        runner.shutdown()


def test_the_tab_and_the_dialogs_are_named_and_walked_in_reading_order(qtbot, plant, tab):
    from tests.gui.test_tab_order_and_names import check

    plant.make_lot("L1", 2, form={**FORM, "cam_d": "7,5"})
    _select(tab, "L1")
    tab.show()
    check(tab)
    dialog = tab.open_review()
    wait_for(lambda: dialog.state is not None)
    check(dialog)
    dialog.close()
