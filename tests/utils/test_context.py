"""The composition root (utils/context.py): services built once and never reassigned; the
settings change through their holder and the catalog through `apply_catalog`."""

from __future__ import annotations

import dataclasses

import pytest

from config.catalog import default_catalog
from utils.context import AppContext


@pytest.fixture
def ctx(home):
    context = AppContext.open(home)
    yield context
    context.close()


def test_the_services_are_never_reassigned(ctx):
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.production = None  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.catalog = default_catalog()  # type: ignore[misc]


def test_a_newer_catalog_reaches_the_context_and_production_together(ctx):
    newer = dataclasses.replace(ctx.catalog, version=ctx.catalog.version + 1,
                                timezone="America/Manaus")
    ctx.apply_catalog(newer)
    assert ctx.catalog is newer and ctx.production.catalog is newer
    assert ctx.timezone == "America/Manaus"


def test_services_made_on_first_use_are_made_once(ctx):
    assert ctx.site_catalog is ctx.site_catalog
    assert ctx.handover_history is ctx.handover_history
    assert ctx.site_catalog.in_site is False  # no site folder when it was opened


def test_the_sign_in_service_knows_the_sites_accounts_from_the_start(tmp_path, monkeypatch):
    from tests.utils.site.sitekit import make_site, use_fast_kdf

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        admin = site.admin
        assert admin.directory is not None and admin.auth.site is admin.directory
        assert admin.site_catalog.in_site is True
    finally:
        site.admin.close()
