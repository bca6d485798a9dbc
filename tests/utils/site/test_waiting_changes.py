"""`SiteView.waiting_changes` (the fleet's "waiting" warning) says what the view's table of
changes waiting for their record holds, also when another process catches up the same view
(the command line) and when a group of batches is rolled back (a disk full at its commit)."""

from __future__ import annotations

import uuid

import pytest

from data.view_db import open_view_database
from utils.site.site_view import SiteView

from tests.utils.site.test_record_ownership import (
    _export, _first_record, _forge, _station, _takeover, _write,
)


def _a_change_of_206s_record_by_207(site, tmp_path, closing) -> None:
    """Of a record of before ids carried their station (uuid4): nothing tells whose it is
    until its version 1 is read, so the change waits (one of a new id is refused at once)."""
    s206, w206 = _station(site, tmp_path, closing, "206", boxes=3)
    s207, w207 = _station(site, tmp_path, closing, "207", boxes=1)
    old = _forge(_first_record(s206, "206"), record_id=uuid.uuid4().hex, box=50)
    _write(s206, "record.create", old)
    _write(s207, "record.edit", _takeover(old), reason="forged")
    _export(w206)
    _export(w207)


def _another_process(site, closing) -> SiteView:
    """A second reader-writer of the same view file, as `shopfloor export` runs one."""
    other = SiteView(site.admin, database=open_view_database(site.admin.paths.site_view_file))
    closing.append(other)
    return other


def test_what_another_process_stores_in_the_view_is_said_at_the_next_pass(
        site, tmp_path, closing):
    _a_change_of_206s_record_by_207(site, tmp_path, closing)
    view = site.admin.site_view
    view.ingest_station("207")  # its change waits: 206's journal is not read yet
    assert "207" in view.waiting_changes()
    _another_process(site, closing).ingest()  # reads 206: nothing waits any more
    view.ingest()  # nothing new for this process to store
    assert view.waiting_changes() == {}


def test_a_waiting_change_another_process_stored_is_said_here_too(site, tmp_path, closing):
    _a_change_of_206s_record_by_207(site, tmp_path, closing)
    view = site.admin.site_view
    view.ingest_local()  # this process's writer made: nothing waits
    assert view.waiting_changes() == {}
    _another_process(site, closing).ingest_station("207")
    view.ingest_local()  # the next pass begins
    assert "207" in view.waiting_changes()


def test_a_group_rolled_back_leaves_nothing_said_of_it(site, tmp_path, closing, monkeypatch):
    _a_change_of_206s_record_by_207(site, tmp_path, closing)
    view = site.admin.site_view
    writer = view._writer_for_use()  # its commit made to fail, as a full disk would

    def disk_full() -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, "commit_group", disk_full)
    with pytest.raises(OSError):
        with view.grouped():
            view.ingest_station("207")
    assert view.waiting_changes() == {}


def test_status_says_what_waits_as_the_panel_does(site, tmp_path, closing, capsys):
    from cli.cmd_status import print_row, station_row
    from utils.site.view_report import station_summaries

    _a_change_of_206s_record_by_207(site, tmp_path, closing)
    site.admin.site_view.ingest_station("207")
    held = station_summaries(site.admin)
    assert held["207"]["waiting"] == site.admin.site_view.waiting_changes()["207"]
    print_row(station_row("207", held["207"]))
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("207") and "unknown" in lines[0]
    assert lines[1].strip() == f"waiting: {held['207']['waiting']}"
    site.admin.site_view.ingest()
    assert station_summaries(site.admin)["207"]["waiting"] is None


def test_a_catch_up_counts_what_waits_at_its_commits_not_at_each_batch(site, tmp_path, closing):
    """A count reads the whole table of waiting versions (a station's key can fill it): in a
    group of batches it is made once, when the group is committed (and seen by everyone)."""
    _a_change_of_206s_record_by_207(site, tmp_path, closing)
    view = site.admin.site_view
    with view.grouped():
        view.ingest_station("207")
        assert view.waiting_changes() == {}  # not committed, not counted yet
    assert "207" in view.waiting_changes()
