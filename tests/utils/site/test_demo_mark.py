"""`shopfloor demo` marks its office PC's home as a demo, in that PC's own database (never on
the share, which anyone may write), so every window of it can say so; a real home is not."""

from __future__ import annotations

import json

from data import meta_repo
from utils.context import AppContext
from utils.demo_home import DEMO_KEY
from utils.site.demo import DEMO_SITE_NAME, create_demo

PASSWORD = "Quarry-Lantern-2026"


def test_the_demo_home_is_marked_in_its_own_database(tmp_path):
    demo = create_demo(tmp_path / "demo", "demo", "Demo admin", PASSWORD, days=1)
    office = AppContext.open(demo.office_home)
    try:
        assert office.demo_name == DEMO_SITE_NAME
        with office.database.read() as connection:
            assert meta_repo.get(connection, DEMO_KEY) == DEMO_SITE_NAME
    finally:
        office.close()


def test_a_real_home_is_not_a_demo_whatever_its_share_says(tmp_path, site):
    """A real office PC, and one whose share's site file was rewritten to name a demo (the
    share is hostile): neither is marked, the mark is only ever read from the PC itself."""
    fresh = AppContext.open(tmp_path / "fresh")
    try:
        assert fresh.demo_name is None
    finally:
        fresh.close()
    site_file = site.share / "shopfloor-site.json"
    document = json.loads(site_file.read_text())
    document["name"] = DEMO_SITE_NAME
    site_file.write_text(json.dumps(document))
    assert site.admin.demo_name is None
