"""The station window starts and carries on with a hostile share (issue 13, points 3 and 4):
JSON nested far past any recursion limit in every file it reads, its own witness file
included, and its inbox a link to a private folder. It shows the share online, executes the
next good command, and touches nothing behind the link."""

from __future__ import annotations

import os

import pytest

from tests.gui.conftest import wait_for

DEEP = b"[" * 2_000 + b"]" * 2_000

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX links")


def test_station_window_starts_and_works_with_deep_json_and_a_linked_inbox(qtbot, tmp_path,
                                                                          monkeypatch):
    from config.constants import CommandType
    from gui.app import StationApp, make_application
    from tests.utils.site.sitekit import (
        drop, issue, make_site, read_ack, site_layout, use_fast_kdf, wait_ack,
    )
    from utils.site.signed import document_bytes

    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    layout = site_layout(site.share)
    station_ctx = site.station(tmp_path, "206")
    private = tmp_path / "pc206-private"
    private.mkdir()
    planted = issue(site, CommandType.LOCK, params={"reason": "behind the link"})
    (private / f"{planted['id']}.json").write_bytes(document_bytes(planted))
    head = site.admin.trust.state.head_seq
    (site.share / "directory" / "log" / f"{head + 1:08d}.json").write_bytes(DEEP)
    other = layout.station("207")
    other.folder.mkdir(parents=True)
    for path in (other.status, other.checkpoint, other.birth, other.death):
        path.write_bytes(DEEP)
    layout.station("206").folder.mkdir(parents=True)
    os.symlink(private, layout.station("206").inbox)
    station_ctx.paths.checkpoint_file.write_bytes(DEEP)
    make_application([])
    app = StationApp(station_ctx)
    qtbot.addWidget(app.window)
    app.start()
    try:
        wait_for(lambda: layout.station("206").status.exists(), timeout=10)
        wait_for(lambda: "online" in app.window.header.share.text()
                 or "on-line" in app.window.header.share.text(), timeout=10)
        wait_for(lambda: layout.station("206").inbox.is_dir()
                 and not layout.station("206").inbox.is_symlink(), timeout=10)
        ping = issue(site, CommandType.PING)
        drop(site.share, "206", ping)
        wait_for(lambda: read_ack(site.share, "206", ping["id"]) is not None, timeout=10)
        assert wait_ack(site.share, "206", ping["id"])["status"] == "done"
        assert app.window.isVisible()
        assert station_ctx.production.locked_reason is None
        assert read_ack(site.share, "206", planted["id"]) is None
        assert sorted(p.name for p in private.iterdir()) == [f"{planted['id']}.json"]
    finally:
        app.stop()
        app.window.allow_close = True
        app.window.close()
        station_ctx.close()
        site.admin.close()
