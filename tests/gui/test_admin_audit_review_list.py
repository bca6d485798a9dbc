"""The Audit tab's review list (s17 attack2, finding 4): a review whose period gained events
after it was signed is shown as no longer covering the period, with both counts, in the
warning colour; not as "no" (a signature that does not verify) and not as a plain "yes"."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from models.canonical import format_utc
from utils.audit import review

from tests.gui.conftest import wait_for
from tests.utils.site.releasekit import FORM, QA_PW
from tests.waiting import wait_until

ARRIVED = ("the signature holds, but events arrived in this period after the review "
           "({} signed, {} now): review it again")


@pytest.fixture
def plant(release_plant):
    return release_plant


def _valid_cell(model, row: int, role=None):
    from PySide6.QtCore import Qt

    index = model.index(row, model.COLUMNS.index("valid"))
    return model.data(index, Qt.ItemDataRole.DisplayRole if role is None else role)


def test_a_review_whose_period_gained_events_is_shown_as_not_covering_it(qtbot, plant, runner):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from gui.admin import wiring
    from gui.theme import WARN_COLOR

    plant.make_lot("L1", 2)
    plant.station.production.set_lot(plant.operator, "L2", 5)  # 206 offline: not on the share
    plant.station.production.register_box(plant.operator, FORM)
    qa = plant.qa()
    now = plant.office.clock.now()
    end_at = now + timedelta(milliseconds=1)
    wait_until(lambda: plant.office.clock.now() > end_at, timeout=1, step=0.001)
    start, end = format_utc(now - timedelta(days=1)), format_utc(end_at)
    _count, reviewed = review.digest(plant.office, qa, start, end)
    signed = review.sign_review(plant.office, qa, start, end, password=QA_PW + "x",
                                username="qa", reviewed_hash=reviewed, note="read them all")
    plant.station_journal.sync()  # 206 back online: its events of the period arrive
    plant.office.site_view.ingest()
    now_count, _hash = review.digest(plant.office, qa, start, end)
    assert now_count > signed.events

    tab = wiring.audit_tab(plant.office, qa, runner, site_view=plant.office.site_view)
    qtbot.addWidget(tab)
    tab.set_range(now - timedelta(days=2), now)
    dialog = tab.open_review()
    wait_for(lambda: dialog.model.rowCount() == 1)

    expected = ARRIVED.format(signed.events, now_count)
    assert _valid_cell(dialog.model, 0) == expected
    assert _valid_cell(dialog.model, 0, Qt.ItemDataRole.ToolTipRole) == expected
    assert _valid_cell(dialog.model, 0, Qt.ItemDataRole.ForegroundRole) == QColor(WARN_COLOR)
    # Said in full below the table too: the Valid cell is cut at the dialog's size.
    wait_for(lambda: dialog.coverage.isVisibleTo(dialog))
    assert dialog.coverage.text().startswith("Review of ")
    assert dialog.coverage.text().endswith(": " + expected)
    dialog.close()


def _row(events: int, events_now: int | None, valid: bool = True,
         problem: str | None = None) -> review.Review:
    return review.Review("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", events, "h",
                         "note", "qa", "QA", "2026-01-02T01:00:00.000Z", "01/01 22:00", "office1",
                         3, valid, problem, events_now)


def test_the_list_tells_covering_gained_fewer_and_forged_apart(qtbot, runner):
    from PySide6.QtCore import Qt

    from gui.admin.audit_review_dialog import ReviewsModel

    model = ReviewsModel(ZoneInfo("UTC"))
    model.set_rows([_row(5, None), _row(5, 6), _row(5, 3), _row(5, 5),
                    _row(5, None, False, "the signature does not match the review")])
    texts = [_valid_cell(model, row) for row in range(5)]
    assert texts[0] == "yes"
    assert texts[1] == ARRIVED.format(5, 6)
    assert texts[2] == ("the signature holds, but this PC holds fewer of the period's events "
                        "than were reviewed (5 signed, 3 here): the site view may not have read "
                        "every station yet")
    assert texts[3] == ("the signature holds, but the period's events are not those reviewed "
                        "(5 signed, 5 now): review it again")
    assert texts[4] == "no: the signature does not match the review"
    assert not any("forged" in text or "tamper" in text for text in texts[1:4])
    assert _valid_cell(model, 4, Qt.ItemDataRole.ForegroundRole) == Qt.GlobalColor.darkRed
    assert _valid_cell(model, 0, Qt.ItemDataRole.ForegroundRole) is None
