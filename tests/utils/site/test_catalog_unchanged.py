"""A site catalog published with nothing changed is refused (s17: "Publish" with no edit said
"version 1 … the stations receive it", made a new version and a second `catalog.publish` in the
audit for the same catalog). A catalog equal to an older one while a newer one is in the site's
directory is a change (it undoes the newer one), so it is published."""

from __future__ import annotations

import json
import logging

import pytest

from config.catalog import default_catalog
from data import audit_repo
from utils.context import AppContext
from utils.site_catalog import CatalogUnchanged, catalog_to_dict

from tests.utils.site.sitekit import ADMIN_PW, make_site


def edited(**changes):
    raw = catalog_to_dict(default_catalog())
    raw["defects"] = [*raw["defects"], "Bolha"]
    raw.update(changes)
    return raw


def catalog_ops(share) -> list[dict]:
    folder = share / "directory" / "log"
    return [op for op in (json.loads(p.read_text())["op"] for p in sorted(folder.iterdir()))
            if op["op"] == "catalog.publish"]


def publish_events(ctx: AppContext) -> list[dict]:
    with ctx.database.read() as connection:
        return audit_repo.list_events(connection, action="catalog.publish")


@pytest.fixture
def site(tmp_path):
    site = make_site(tmp_path)
    yield site
    site.admin.close()


def test_publishing_the_catalog_in_force_again_is_refused_and_nothing_is_written(site, caplog):
    ana = site.admin.auth.login("ana", ADMIN_PW).session
    service = site.admin.site_catalog
    assert service.publish(ana, edited(), "bubbles are a defect from today").version == 1
    log_files = sorted((site.share / "directory" / "log").iterdir())
    caplog.set_level(logging.INFO, logger="utils.site_catalog")
    with pytest.raises(CatalogUnchanged) as refused:
        service.publish(ana, edited(), "publishing the same list again")
    assert refused.value.version == 1
    assert "nothing changed: the catalog in force is already version 1" in str(refused.value)
    assert site.admin.catalog.version == 1 and service.stored().catalog.version == 1
    assert sorted((site.share / "directory" / "log").iterdir()) == log_files  # nothing written
    assert [op["data"]["version"] for op in catalog_ops(site.share)] == [1]
    assert len(publish_events(site.admin)) == 1
    assert not service.share_pending
    assert "nothing changed since version 1" in caplog.text
    assert "Traceback" not in caplog.text
    # A real change still goes out, as version 2.
    assert service.publish(ana, edited(max_rejections=2), "two rejections per box").version == 2


def test_the_built_in_catalog_published_as_it_is_is_refused_too(site):
    ana = site.admin.auth.login("ana", ADMIN_PW).session
    with pytest.raises(CatalogUnchanged) as refused:
        site.admin.site_catalog.publish(ana, catalog_to_dict(site.admin.catalog),
                                        "publish the defaults as they are")
    assert refused.value.version == 0 and "built-in catalog" in str(refused.value)
    assert catalog_ops(site.share) == [] and publish_events(site.admin) == []


def test_an_older_catalog_published_over_a_newer_one_not_taken_yet_is_a_change(site, tmp_path):
    """A second office PC still using version 1 while the site's directory holds version 2:
    publishing version 1's content again undoes version 2, so it is published (version 3)."""
    ana = site.admin.auth.login("ana", ADMIN_PW).session
    site.admin.site_catalog.publish(ana, edited(), "bubbles are a defect from today")
    office2 = site.station(tmp_path, "office2", kind="office")
    try:
        office2.directory.refresh()
        office2.site_catalog.refresh()
        assert office2.catalog.version == 1
        site.admin.site_catalog.publish(ana, edited(max_rejections=2), "two per box")
        office2.directory.refresh()  # version 2 is in its directory, not taken yet
        assert office2.catalog.version == 1
        ana2 = office2.auth.login("ana", ADMIN_PW).session
        back = office2.site_catalog.publish(ana2, edited(), "three per box again, as before")
        assert back.version == 3 and back.max_rejections == 3
    finally:
        office2.close()
