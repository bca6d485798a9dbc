"""Catalog tab: "Publish" with nothing changed says so and publishes nothing (s17: it said
"In force: site catalog version 2 … Stations take it within a few seconds" for a catalog equal
to version 1); the rejections-per-box box shows its limits (a 4 was kept at 3 without a word)."""

from __future__ import annotations

import pytest

from data import audit_repo

from tests.gui.conftest import ADMIN_PW, wait_for


@pytest.fixture
def make_tab(qtbot):
    from gui.admin import wiring
    from gui.app import make_application

    make_application([])
    made = []

    def make(ctx, session):
        tab = wiring.catalog_tab(ctx, session)
        qtbot.addWidget(tab)
        made.append(tab)
        return tab

    yield make
    for tab in made:
        assert tab.runner.shutdown(10)


def publish_events(ctx) -> list:
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, action="catalog.publish")


def test_publishing_with_nothing_changed_says_so_and_publishes_nothing(make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    tab.max_rejections.setValue(2)
    tab.reason.setText("two rejections per box from today")
    tab.publish()
    wait_for(lambda: ctx.catalog.version == 1 and tab.publish_button.isEnabled(), timeout=60)
    tab.reason.setText("publishing again without an edit")
    tab.publish()
    wait_for(lambda: tab.error.text() and tab.publish_button.isEnabled(), timeout=60)
    assert tab.error.text() == ("Nothing changed: the catalog in force is already version 1, "
                                "so nothing was published. Change a value first.")
    assert "version 1, published by ana" in tab.status.text()
    assert "Stations take it" not in tab.status.text()
    assert ctx.catalog.version == 1 and len(publish_events(ctx)) == 1
    assert tab.reason.text() == "publishing again without an edit"  # kept for the real edit


def test_the_rejections_per_box_show_their_limits(make_tab, ctx):
    tab = make_tab(ctx, ctx.auth.login("ana", ADMIN_PW).session)
    assert (tab.max_rejections.minimum(), tab.max_rejections.maximum()) == (1, 3)
    assert tab.rejections_range.text() == "1 to 3"
    assert tab.max_rejections.toolTip() == "1 to 3"
    tab.show()
    assert tab.rejections_range.isVisibleTo(tab)
