"""A new production station's id is checked against the site's machine table where the join
reads the site's directory (utils/site/membership.py `join_site_membership`, rules in
utils/site/station_checks.py): one read with the directory reader's own rules, so a share
writer's junk is set aside (said once) instead of refusing the join, and an id the directory
holds is judged as a takeover or a rejoin, not as a new machine (found by the s20 review: a
second read of its own refused both). A machine the site lacks, or a typo, is still refused,
a takeover reason for an id nobody holds included."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import pytest

from config.paths import resolve_paths
from config.settings import Settings
from utils.first_run import SetupError, SetupPlan, set_up
from utils.setup_checks import site_machines
from utils.site.fleet import FleetMonitor
from utils.site.keystore import read_member_file
from utils.site.layout import SiteLayout
from utils.site.membership import join_site_membership
from utils.site.protocol import DIRECTORY_QUARANTINE
from utils.site.site_key import read_site
from utils.site_catalog import catalog_to_dict
from utils.trust.dirlog import make_op

from tests.utils.site.sitekit import (
    ADMIN_PW, PASSPHRASE, certified_pc_key, make_site, person_signer, use_fast_kdf,
)


def _site_with_machine_301(tmp_path, monkeypatch, *, held: tuple[str, ...] = (),
                           revoked: tuple[str, ...] = ()):
    """A site whose catalog's machine table names 301 alone, and the number of its newest
    entry. `held`: station ids certified before that catalog (joined under the built-in
    table; no PC of theirs runs), `revoked` among them (their PC lost)."""
    use_fast_kdf(monkeypatch)
    site = make_site(tmp_path)
    try:
        trust = site.admin.trust
        keys = {station: certified_pc_key(site, station) for station in held}
        for station in revoked:
            trust.directory.append(make_op(
                trust.person_name("ana"), person_signer(site, "ana"), trust.site_id,
                "pc.revoke", {"station": station, "key_id": keys[station].key_id,
                              "reason": "PC lost"}, datetime.now(timezone.utc)))
        session = site.admin.auth.login("ana", ADMIN_PW).session
        raw = catalog_to_dict(site.admin.catalog)
        raw["machines"] = [{"station_id": "301", "size": "#1", "unit_weight_kg": 0.000076}]
        site.admin.site_catalog.publish(session, raw, "the new hall")
    finally:
        site.admin.close()
    assert site_machines(site.share) == ["301"]
    layout = SiteLayout(site.share)
    seq = 1
    while layout.directory_entry(seq + 1).exists():
        seq += 1
    return site, seq


def _join(tmp_path, site, station: str, kind: str = "production", reason: str | None = None):
    """`set_up`'s join (the wizard's and `site join`'s path); the caller closes its context."""
    return set_up(tmp_path / f"pc{station}-{reason is not None}",
                  SetupPlan("join", station, folder=str(site.share), passphrase=PASSPHRASE,
                            station_kind=kind, takeover_reason=reason))


def _refused(tmp_path, site, station: str, reason: str | None = None) -> SetupError:
    with pytest.raises(SetupError) as refused:
        _join(tmp_path, site, station, reason=reason)
    return refused.value


def test_junk_in_the_directory_is_set_aside_and_a_genuine_join_goes_on(tmp_path, monkeypatch,
                                                                       caplog):
    """A file a share writer puts at the directory's next number refused every production
    join ("the site's machine table could not be read"): the join's directory reader sets it
    aside, saying so once, and the site's own table still decides."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch)
    junk = SiteLayout(site.share).directory_entry(seq + 1)
    junk.write_text("{not json")
    caplog.set_level(logging.INFO)
    joined = _join(tmp_path, site, "301")
    member = joined.ctx.trust.state.member("301")
    joined.ctx.close()
    said = [r.getMessage() for r in caplog.records if "Site directory entry" in r.getMessage()]
    assert len(said) == 1 and f"entry {seq + 1} refused" in said[0]
    assert [p.name for p in SiteLayout(site.share).quarantine(DIRECTORY_QUARANTINE).iterdir()
            if p.suffix == ".json"] == [junk.name]
    assert member.certified_seq == seq + 1  # the junk's number, set free
    refused = _refused(tmp_path, site, "206")  # still the site's table, not the built-in one
    assert refused.code == "unknown_machine" and "machine table (301)" in str(refused)


def test_a_rejoin_of_a_station_the_directory_holds_is_judged_by_the_rejoin_rules(
        tmp_path, monkeypatch):
    """206 and 207 joined before the site's table named 301 alone. A new PC for 206 is not a
    new machine: its PC held, it needs a takeover (said so), and with one it joins; 207's key
    revoked (the PC lost), a new PC joins as 207 with no reason. Each was refused as "not a
    machine of the site's machine table"."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch, held=("206", "207"),
                                       revoked=("207",))
    refused = _refused(tmp_path, site, "206")
    assert refused.code == "station_taken" and refused.field == "station"
    assert "asking for a takeover" in str(refused)
    for station, reason in (("206", "the old PC broke"), ("207", None)):
        joined = _join(tmp_path, site, station, reason=reason)
        member = joined.ctx.trust.state.member(station)
        joined.ctx.close()
        assert member is not None and member.certified_seq > seq
    # A PC of this site from before its upgrade to keys by role joins again as the station it
    # was (the admin panel's "join again"): never certified, yet no new machine either.
    paths = resolve_paths(tmp_path / "pc-line3").ensure()
    site_id = read_site(site.share).site_id
    join_site_membership(paths, Settings(site_id=site_id, station_id="LINE3"), site.share,
                         PASSPHRASE, station_id="LINE3")
    assert read_member_file(paths.config_dir, site_id).station_id == "LINE3"


def test_another_machines_id_is_still_refused_a_takeover_reason_included(tmp_path, monkeypatch):
    """A machine of the built-in table the site lacks (206), or a typo (0301), is refused
    naming the site's table, and nothing is certified. A takeover reason used to skip the
    check: it names no member here, so the id is a new one and the table decides."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch)
    for station, reason in (("206", None), ("0301", None), ("206", "the old PC broke")):
        refused = _refused(tmp_path, site, station, reason)
        assert refused.code == "unknown_machine" and refused.field == "station", station
        assert (f"station {station} is not a machine of the site's machine table (301); "
                "nothing was changed") in str(refused)
    assert not SiteLayout(site.share).directory_entry(seq + 1).exists()
    assert not (site.share / "stations" / "206").exists()


def test_an_office_pc_is_not_checked_against_the_machine_table(tmp_path, monkeypatch):
    """The table is for a new production station's id: an office PC's id follows its own
    rules."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch)
    joined = _join(tmp_path, site, "office2", kind="office")
    member = joined.ctx.trust.state.member("office2")
    joined.ctx.close()
    assert member is not None


def test_the_newest_entry_damaged_on_the_share_is_put_back_by_the_pc_that_holds_it(
        tmp_path, monkeypatch):
    """A share writer overwrites the site's newest entry with junk, or leaves it empty (an
    empty file is waited for by a reader that never saw the entry, so every join found the
    number taken, "busy", for good). The admin PC reads its newest entry back at each
    refresh: a file there that is not its entry, nor another signed entry (a fork), is set
    aside and its own written back; a join after it lands above, no fork."""
    for junk in ("{not json", ""):
        site, seq = _site_with_machine_301(tmp_path / f"site{len(junk)}", monkeypatch)
        SiteLayout(site.share).directory_entry(seq).write_text(junk)
        report = site.admin.trust.directory.refresh()
        assert report.fork is None and report.healed == 1
        joined = _join(tmp_path / f"site{len(junk)}", site, "301")
        try:
            assert joined.ctx.trust.state.member("301").certified_seq == seq + 1
        finally:
            joined.ctx.close()
        report = site.admin.trust.directory.refresh()
        assert report.fork is None and site.admin.trust.state.member("301") is not None


def test_another_entry_at_a_pcs_newest_number_is_said_as_a_fork(tmp_path, monkeypatch, caplog):
    """The fork the refusal above prevents, made the way it still can be (the newest entry
    deleted, and a PC joining before any member wrote it back): the admin PC reads its newest
    entry back at each refresh and says the fork, where before it saw nothing at all."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch)
    SiteLayout(site.share).directory_entry(seq).unlink()
    joined = _join(tmp_path, site, "206")  # the catalog naming 301 alone is gone: built-in
    joined.ctx.close()
    caplog.set_level(logging.ERROR)
    report = site.admin.trust.directory.refresh()
    assert report.fork == f"entry {seq} on the share differs from the one this PC verified"
    assert any("Site directory: entry" in r.getMessage() for r in caplog.records)
    # The admin panel's fleet shows it as an alarm of the station whose certificate forked
    # (gui/admin/window.py adds the directory's forks to the fleet's anomaly sources).
    assert site.admin.trust.directory.forks() == {"206": report.fork}
    fleet = FleetMonitor(site.admin, transport=site.admin.transport)
    fleet.anomaly_sources.append(site.admin.trust.directory.forks)
    [view] = [view for view in fleet.poll() if view.station_id == "206"]
    assert view.journal_anomaly == report.fork


def test_an_unsigned_or_replayed_entry_at_the_newest_number_is_no_fork(tmp_path, monkeypatch):
    """A share writer replaces the newest entry with one that links where it should but is
    signed by nobody the site knows, or with an older signed operation of the site put in a
    new envelope (a replay): no fork is said (anyone can make those), no alarm, the file is
    set aside and the admin's entry written back, and the entries below still are too."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch)
    path = SiteLayout(site.share).directory_entry(seq)
    genuine = path.read_bytes()
    forged = json.loads(genuine)
    forged["op"]["data"] = {"forged": True}  # its signature no longer holds
    replayed = dict(json.loads(genuine),
                    op=json.loads(SiteLayout(site.share).directory_entry(2).read_bytes())["op"])
    for planted in (forged, replayed):
        path.write_text(json.dumps(planted))
        SiteLayout(site.share).directory_entry(seq - 1).unlink()
        report = site.admin.trust.directory.refresh()
        assert report.fork is None and report.healed == 2
        assert path.read_bytes() == genuine
    assert site.admin.trust.directory.forks() == {}


def test_a_fork_at_the_head_is_said_once_not_at_every_refresh(tmp_path, monkeypatch, caplog):
    """The fork stays on the share until a person sets the PC up again: each refresh (every
    5 s) keeps saying it to the panel, but logs it once, and does not check its signature
    and read the whole copy again."""
    site, seq = _site_with_machine_301(tmp_path, monkeypatch)
    SiteLayout(site.share).directory_entry(seq).unlink()
    _join(tmp_path, site, "206").ctx.close()
    caplog.set_level(logging.ERROR)
    reports = [site.admin.trust.directory.refresh() for _ in range(3)]
    assert [report.fork_station for report in reports] == ["206"] * 3
    assert len([r for r in caplog.records if "Site directory: entry" in r.getMessage()]) == 1
