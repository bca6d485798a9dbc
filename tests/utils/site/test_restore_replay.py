"""A command replayed to a station restored from a backup: the restore keeps the command
ledger (utils/backup/restore.py `_keep_command_ledger`), so a command the station ran after the
backup, put back in its inbox by a share writer who removed its claim and ack, is a duplicate
and never runs again (found by running the attack: /work/briefs/s18/replay/)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from config.constants import CommandType
from data import commands_repo
from utils.backup.restore import restore_backup
from utils.backup.snapshot import make_backup
from utils.context import AppContext

from tests.utils.site.sitekit import (
    ADMIN_PW, RecordingEffects, drop, issue, site_layout, start_sync, wait_ack, wait_actions,
    wait_until,
)


def test_a_command_run_after_the_backup_is_not_run_again_after_the_restore(site, tmp_path,
                                                                          closing):
    station = site.station(tmp_path, "206")
    effects = RecordingEffects()
    service = start_sync(station, effects, watch=False)
    layout = site_layout(site.share).station("206")
    wait_until(layout.status.exists)
    backup = make_backup(station)  # last night's
    command = issue(site, CommandType.RESTART_APP, params={"force": True}, ttl=timedelta(days=1))
    drop(site.share, "206", command)  # the attacker keeps a copy: anyone reads the share
    assert wait_ack(site.share, "206", command["id"])["status"] == "done"
    wait_actions(station, command["id"], ["command.received", "command.done"])
    assert [name for name, _args in effects.calls] == ["restart_app"]
    service.stop()
    station.close()

    restore_backup(tmp_path / "home-206", backup.file.path, username="ana", password=ADMIN_PW,
                   override_reason="disk trouble; last night's copy is the good one")
    # The share writer removes the command's claim and ack, and puts the command back.
    (layout.claims / f"{command['id']}.json").unlink()
    (layout.acks / f"{command['id']}.json").unlink()
    drop(site.share, "206", command)
    restored = AppContext.open(tmp_path / "home-206")
    closing.append(restored)
    again = RecordingEffects()
    closing.append(start_sync(restored, again, watch=False))

    wait_actions(restored, command["id"], ["command.duplicate"])
    wait_until(lambda: not (layout.inbox / f"{command['id']}.json").exists())
    assert again.calls == []
    ledger = commands_repo.LEDGER
    with restored.database.read() as connection:
        row = connection.execute(select(ledger).where(
            ledger.c.command_id == command["id"])).one()
    assert (row.status, row.ack_written) == ("done", True)  # as the set-aside database had it
