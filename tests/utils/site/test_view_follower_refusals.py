"""One station's hostile entry stops only itself: a file, a FIFO or a link named like a journal
folder (`journal-<16 hex>`) planted in one member's folder on the share is named as refused for
that station, and the follower keeps following every station, that one's genuine journal
included; a link is never listed nor followed. Before, the change marker listed whatever
`os.stat` found (a link's target too) and the first station's error took the whole view
offline ("Not a directory"), no station followed any more."""

from __future__ import annotations

import errno
import os
import sys

import pytest

from utils.site.layout import SiteLayout
from utils.site.share_fs import ShareRefused
from utils.site.view_follower import Phase, ViewFollower

from tests.utils.site import test_view_follower
from tests.utils.site.sitekit import wait_until

plant = test_view_follower.plant
PLANTED = "journal-0123456789abcdef"

# Listings of folders by path, recorded while a test asks (audit hooks cannot be removed).
_listed: list[str] | None = None
_hooked = False


def _audit(event: str, args: tuple) -> None:
    if _listed is not None and event in ("os.listdir", "os.scandir") and args \
            and isinstance(args[0], (str, bytes, os.PathLike)):
        _listed.append(os.fsdecode(args[0]))


def _boxes(plant_parts, station_id: str, count: int) -> None:
    _site, stations, writers, operators = plant_parts
    test_view_follower._boxes(stations, writers, operators, station_id, count)


def _counts(view) -> dict[str, int]:
    with view.database.read() as connection:
        rows = connection.exec_driver_sql(
            "SELECT station, max(seq) FROM view_events WHERE station IN ('206', '207') "
            "GROUP BY station").all()
    return dict(rows)


def _exported(writers) -> dict[str, int]:
    return {station: writer.last_exported_seq for station, writer in writers.items()}


def _following(plant_parts):
    """The admin's follower, caught up with both stations, and every state it tells."""
    site = plant_parts[0]
    _boxes(plant_parts, "206", 2)
    _boxes(plant_parts, "207", 2)
    follower = ViewFollower(site.admin.site_view, rescan_s=0.02)
    states: list = []
    follower.add_state_listener(states.append)
    follower.acquire()
    wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
    return follower, states


def _both_followed_on(plant_parts, follower, states) -> None:
    """Both stations export more boxes: each reaches the view, and the view never went
    offline meanwhile."""
    _site, _stations, writers, _operators = plant_parts
    view = follower.view
    told = len(states)
    _boxes(plant_parts, "207", 3)
    _boxes(plant_parts, "206", 2)
    wait_until(lambda: _counts(view) == _exported(writers), timeout=20)
    wait_until(lambda: follower.passes > 2 and follower.state().phase == Phase.FOLLOWING)
    assert [s.phase for s in states[told:] if s.phase != Phase.FOLLOWING] == []
    assert follower.state().offline_since is None


@pytest.mark.parametrize("kind", ["file", "fifo"])
def test_a_file_or_fifo_named_like_a_journal_folder_stops_only_itself(plant, kind):
    site = plant[0]
    follower, states = _following(plant)
    planted = SiteLayout(site.share).station("206").folder / PLANTED
    try:
        if kind == "file":
            planted.write_bytes(b"x")
        else:
            os.mkfifo(planted)
        _both_followed_on(plant, follower, states)
        wait_until(lambda: f"stations/206/{PLANTED}" in follower.view.problems.get("206", {}))
        reason = follower.view.problems["206"][f"stations/206/{PLANTED}"]
        assert ("a FIFO" if kind == "fifo" else "a file where a journal folder belongs") \
            in reason
        assert "207" not in follower.view.problems
    finally:
        follower.release()
    assert not follower.running


def test_a_link_named_like_a_journal_folder_to_a_big_folder_is_never_listed(plant, tmp_path):
    global _listed, _hooked
    site = plant[0]
    big = tmp_path / "big-folder"
    big.mkdir()
    for number in range(1, 2001):
        (big / f"{number:08d}.jsonl").write_bytes(b"")
    follower, states = _following(plant)
    store = follower.view.store
    link = SiteLayout(site.share).station("206").folder / PLANTED
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True
    _listed = []
    try:
        os.symlink(big, link)
        _both_followed_on(plant, follower, states)
        wait_until(lambda: f"stations/206/{PLANTED}" in follower.view.problems.get("206", {}))
        assert "symbolic link" in follower.view.problems["206"][f"stations/206/{PLANTED}"]
        # The link's target changing changes nothing: it is not looked into.
        marker = store.change_marker("206", None)
        (big / "00009999.jsonl").write_bytes(b"more")
        os.utime(big, ns=(1, 1))
        assert store.change_marker("206", marker) == marker
        assert store.change_marker("206", None) == marker
    finally:
        listed, _listed = _listed, None
        follower.release()
    assert not [path for path in listed if path.startswith((str(big), str(link)))]


def test_a_station_that_cannot_be_read_is_named_and_the_others_are_followed(plant,
                                                                            monkeypatch):
    """Whatever one station's place raises while it is followed (a refusal of the store, an
    I/O error) is that station's: the share answering, the view stays live for the others
    and follows that one again once it reads."""
    site, _stations, writers, _operators = plant
    follower, states = _following(plant)
    store = follower.view.store
    real = store.change_marker
    failing = {"206": ShareRefused(site.share / "stations" / "206", "a symbolic link")}

    def change_marker(station_id, previous):
        if station_id in failing:
            raise failing[station_id]
        return real(station_id, previous)

    monkeypatch.setattr(store, "change_marker", change_marker)
    try:
        told = len(states)
        _boxes(plant, "207", 3)
        wait_until(lambda: _counts(follower.view)["207"] == writers["207"].last_exported_seq,
                   timeout=20)
        wait_until(lambda: "stations/206" in follower.view.problems.get("206", {}))
        failing["206"] = OSError(errno.EIO, "Input/output error")
        _boxes(plant, "207", 1)
        wait_until(lambda: _counts(follower.view)["207"] == writers["207"].last_exported_seq,
                   timeout=20)
        assert [s.phase for s in states[told:] if s.phase != Phase.FOLLOWING] == []
        failing.clear()
        _both_followed_on(plant, follower, states)
    finally:
        follower.release()


@pytest.mark.parametrize("where", ["size", "read"])
def test_a_station_that_cannot_be_read_during_the_catch_up_stops_only_itself(plant,
                                                                           monkeypatch, where):
    """The same during the first catch-up: a station whose journal cannot be sized or read
    (swapped for a link meanwhile, an I/O error) is named and left to the follow passes; the
    catch-up ends with the others read (never "offline" for one station), and once that one
    reads it is taken in whole, even if its journal did not change since."""
    site, _stations, writers, _operators = plant
    _boxes(plant, "206", 2)
    _boxes(plant, "207", 2)
    view = site.admin.site_view
    real_size, real_ingest = view.remaining_bytes, view.ingest_station
    failing = {"206": ShareRefused(site.share / "stations" / "206", "a symbolic link")}

    def remaining_bytes(station_id):
        if station_id in failing and where == "size":
            raise failing[station_id]
        return real_size(station_id)

    def ingest_station(station_id, **options):
        if station_id in failing:
            raise failing[station_id]
        return real_ingest(station_id, **options)

    real_witness = view.witness_checkpoint

    def witness_checkpoint(station_id):  # its checkpoint unreadable too: never asked
        if station_id in failing:
            raise OSError(errno.EIO, "Input/output error")
        return real_witness(station_id)

    monkeypatch.setattr(view, "remaining_bytes", remaining_bytes)
    monkeypatch.setattr(view, "ingest_station", ingest_station)
    monkeypatch.setattr(view, "witness_checkpoint", witness_checkpoint)
    follower = ViewFollower(view, rescan_s=0.02)
    states: list = []
    follower.add_state_listener(states.append)
    follower.acquire()
    try:
        wait_until(lambda: follower.state().phase == Phase.FOLLOWING, timeout=20)
        assert Phase.OFFLINE not in [s.phase for s in states]
        assert _counts(view).get("207") == writers["207"].last_exported_seq
        assert "206" not in _counts(view)
        assert "stations/206" in view.problems.get("206", {})
        failing.clear()  # readable again, its journal unchanged: taken in by a follow pass
        wait_until(lambda: _counts(view).get("206") == writers["206"].last_exported_seq,
                   timeout=20)
    finally:
        follower.release()
