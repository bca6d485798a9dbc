"""Admin panel, users and audit tabs, on a real database."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from data import audit_repo
from utils.permissions import PermissionDenied

from tests.gui.conftest import ADMIN_PW, wait_for


@pytest.fixture
def admin(ctx):
    return ctx.auth.login("ana", ADMIN_PW).session


@pytest.fixture
def users_tab(qtbot, ctx, admin):
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    tab = wiring.users_tab(ctx, admin)
    qtbot.addWidget(tab)
    return tab


def fill(dialog, *values, repeat=None):
    """Type the values as a person would; a password goes in twice (`repeat`: a different
    second entry)."""
    for widget, value in zip(dialog.fields.values(), values):
        if hasattr(widget, "findData"):
            widget.setCurrentIndex(widget.findData(value))
        else:
            widget.setText(value)
    if dialog.repeat is not None and values:
        dialog.repeat.setText(values[-1] if repeat is None else repeat)


def test_a_password_is_typed_twice(users_tab, ctx):
    dialog = users_tab.open_dialog("create")
    fill(dialog, "dora", "Dora Dias", "operator", "Dune-Initial-Pass-1",
         repeat="Dune-Initial-Pass-2")
    dialog.reason.setText("new operator on the night shift")
    assert not dialog.apply()
    assert dialog.error.text().startswith("The two passwords differ")
    assert "dora" not in [u.username for u in ctx.auth.list_users(
        ctx.auth.login("ana", ADMIN_PW).session)]
    fill(dialog, "dora", "Dora Dias", "operator", "Dune-Initial-Pass-1")
    assert dialog.apply(), dialog.error.text()


def actions(ctx, prefix):
    with ctx.database.read() as c:
        return [e["action"] for e in audit_repo.list_events(c) if e["action"].startswith(prefix)]


def test_users_table_and_create(qtbot, qtmodeltester, users_tab, ctx):
    qtmodeltester.check(users_tab.model)
    assert users_tab.model.rowCount() == 4
    dialog = users_tab.open_dialog("create")
    fill(dialog, "carla", "Carla Costa", "analyst", "Cobalt-First-Pass-1")
    dialog.reason.setText("new analyst for quality")
    assert dialog.apply()
    assert users_tab.model.rowCount() == 5
    user = ctx.auth.get_user(users_tab.session, "carla")
    assert user.must_change_password and str(user.role) == "analyst"
    again = users_tab.open_dialog("create")
    fill(again, "carla", "Other", "operator", "Cobalt-First-Pass-1")
    again.reason.setText("trying the same name again")
    assert not again.apply()
    assert "never reused" in again.error.text()


def test_short_reason_and_weak_password_are_explained(users_tab):
    dialog = users_tab.open_dialog("create")
    fill(dialog, "dan", "Dan", "operator", "12345678")
    dialog.reason.setText("short")
    assert not dialog.apply() and "at least 10" in dialog.error.text()
    dialog.reason.setText("long enough reason here")
    assert not dialog.apply() and "too common" in dialog.error.text()


def test_last_admin_rule_and_role_change(users_tab, ctx):
    users_tab.select("ana")
    dialog = users_tab.open_dialog("role")
    fill(dialog, "supervisor")
    dialog.reason.setText("stepping down from admin")
    assert not dialog.apply() and "last active admin" in dialog.error.text()
    users_tab.select("sup")
    dialog = users_tab.open_dialog("role")
    fill(dialog, "admin")
    dialog.reason.setText("second admin for nights")
    assert dialog.apply()
    assert "user.role" in actions(ctx, "user.")


def test_reset_unlock_deactivate(users_tab, ctx):
    for attempt in range(3):
        ctx.auth.login("op", f"wrong-{attempt}-pass")
    users_tab.refresh()
    users_tab.select("op")
    dialog = users_tab.open_dialog("unlock")
    dialog.reason.setText("called from the line, verified")
    assert dialog.apply()
    assert ctx.auth.login("op", "Otter-Own-Pass-1").ok
    users_tab.select("op")
    dialog = users_tab.open_dialog("reset")
    fill(dialog, "Temp-Pass-4455")
    dialog.reason.setText("forgot the password again")
    assert dialog.apply()
    assert ctx.auth.login("op", "Temp-Pass-4455").session.must_change_password
    users_tab.select("op")
    dialog = users_tab.open_dialog("deactivate")
    dialog.reason.setText("left the company in May")
    assert dialog.apply()
    assert not ctx.auth.login("op", "Temp-Pass-4455").ok
    assert {"user.unlock", "user.password_reset", "user.deactivate"} <= set(actions(ctx, "user."))


@pytest.fixture
def audit_tab(qtbot, ctx, admin):
    from gui.admin import wiring
    from gui.app import make_application
    from gui.tasks import TaskRunner

    make_application([])
    runner = TaskRunner()
    tab = wiring.audit_tab(ctx, admin, runner)
    qtbot.addWidget(tab)
    now = ctx.clock.now()
    tab.set_range(now - timedelta(days=1), now + timedelta(hours=1))
    tab.refresh()
    yield tab
    runner.shutdown()


def test_operator_is_refused_the_audit_tab(qtbot, ctx):
    from gui.admin import wiring
    from gui.tasks import TaskRunner

    operator = ctx.auth.login("op", "Otter-Own-Pass-1").session
    with pytest.raises(PermissionDenied):
        wiring.audit_tab(ctx, operator, TaskRunner())
    assert actions(ctx, "permission.denied")


def test_audit_filters_and_detail(qtmodeltester, audit_tab):
    qtmodeltester.check(audit_tab.model)
    total = audit_tab.model.rowCount()
    assert total > 5
    audit_tab.action.setText("user.create")
    audit_tab.refresh()
    assert 0 < audit_tab.model.rowCount() < total
    assert all(audit_tab.model.row_data(r)["action"] == "user.create"
               for r in range(audit_tab.model.rowCount()))
    audit_tab.table.selectRow(0)
    assert '"action": "user.create"' in audit_tab.detail.toPlainText()


def test_verify_intact_then_tampered(qtbot, audit_tab, ctx):
    dialog = audit_tab.verify()
    wait_for(lambda: audit_tab.results.rowCount() > 0, timeout=20)
    assert all(audit_tab.results.row_at(r).ok for r in range(audit_tab.results.rowCount()))
    dialog.close()
    db = sqlite3.connect(ctx.paths.database_file)
    db.execute("DROP TRIGGER audit_events_no_update")
    db.execute("UPDATE audit_events SET username = 'mallory' WHERE seq = 2")
    db.commit()
    db.close()
    audit_tab.results.set_rows([])
    audit_tab.verify()
    wait_for(lambda: audit_tab.results.rowCount() > 0, timeout=20)
    bad = [audit_tab.results.row_at(r) for r in range(audit_tab.results.rowCount())
           if not audit_tab.results.row_at(r).ok]
    assert bad and bad[0].first_bad_seq == 2 and str(bad[0].kind) == "modified"


def test_exports(audit_tab, tmp_path):
    task = audit_tab.export_csv(str(tmp_path / "audit.csv"))
    wait_for(lambda: task.finished.is_set(), timeout=20)
    csv_path = tmp_path / "audit.csv"
    assert csv_path.read_text(encoding="utf-8-sig").startswith("Time (UTC),Local time,Station")
    task = audit_tab.export_pdf(str(tmp_path / "audit.pdf"))
    wait_for(lambda: task.finished.is_set() and audit_tab.pdf_button.isEnabled(), timeout=20)
    assert (tmp_path / "audit.pdf").read_bytes().startswith(b"%PDF")


def test_more_events_than_a_page_are_read_page_by_page_newest_first(monkeypatch, audit_tab,
                                                                     ctx, admin):
    """More events in the range than a page holds: every one is reachable by scrolling, the
    newest first, each page read only when it is needed."""
    from config.constants import Role

    monkeypatch.setattr("gui.admin.audit_model.PAGE_ROWS", 3)
    ctx.auth.create_user(admin, "late", "Late Comer", Role.OPERATOR, "Lark-Initial-1",
                         "the newest event of all")
    audit_tab.refresh()
    assert audit_tab.model.rowCount() > 3
    assert len(audit_tab.model._pages) <= 1  # only what was painted or fitted so far
    rows = [audit_tab.model.row_data(r) for r in range(audit_tab.model.rowCount())]
    assert rows[0]["action"] == "user.create" and "late" in rows[0]["body"]
    assert [r["seq"] for r in rows] == sorted((r["seq"] for r in rows), reverse=True)
    assert len({r["seq"] for r in rows}) == len(rows)


def test_the_tab_made_in_steps_shows_what_a_refresh_shows(qtbot, ctx, admin):
    """Made a step at a time (the panel prepares it while a verify's result is read): its
    first rows, read on a task's thread, are the rows a refresh on the GUI thread reads, and
    their texts the same; the columns are fitted to them; none of its many steps is the
    whole tab."""
    from PySide6.QtCore import Qt

    from gui.admin import wiring
    from gui.app import make_application
    from gui.steps import OffThread, finish
    from gui.tasks import TaskRunner

    make_application([])
    runner = TaskRunner()
    threads: list[bool] = []  # per step: whether it worked off the GUI thread
    tab = finish(wiring.audit_tab_in_steps(ctx, admin, runner),
                 each=lambda asked: threads.append(isinstance(asked, OffThread)))
    qtbot.addWidget(tab)
    assert len(threads) >= 20 and threads.count(True) == 3  # the modules, the zone, the read

    def shown(model):
        return [[model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole)
                 for c in range(model.columnCount())] for r in range(model.rowCount())]

    first = shown(tab.model)
    assert len(first) > 5 and all(first)
    assert tab.table.property("columnsFitted")
    assert [tab.station.itemData(i) for i in range(tab.station.count())] == [None, "206"]
    tab.refresh()
    assert shown(tab.model) == first
    runner.shutdown()
