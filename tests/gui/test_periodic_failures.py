"""The station's timers that read the database (the stop button every few seconds, the
handover offer every minute) when the read fails, e.g. the database unreadable: logged once
with its traceback, never raised into the app's error box at every tick, and said again once
when it works."""

from __future__ import annotations

import logging

import sqlalchemy.exc

from tests.gui.test_station_window import OP_PW, login


def _unreadable(*_args, **_kwargs):
    raise sqlalchemy.exc.OperationalError("SELECT", {}, Exception("disk I/O error"))


def test_the_stop_button_and_the_handover_offer_survive_an_unreadable_database(
        qtbot, station, ctx, monkeypatch, caplog):
    login(qtbot, station, "op", OP_PW)
    window = station.window
    caplog.set_level(logging.INFO, logger="gui")
    with monkeypatch.context() as patch:
        patch.setattr(ctx.downtime, "state", _unreadable)
        patch.setattr(ctx.handover, "offer_due", _unreadable)
        for _ in range(3):
            window.stop_button.tick()  # raised into the error box before, at every tick
            window.handover.check()
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2, [r.getMessage() for r in warnings]  # one each, not three
    assert all("disk I/O error" in r.getMessage() for r in warnings)
    window.stop_button.tick()
    window.handover.check()
    back = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO
            and r.getMessage().endswith("can be read again.")]
    assert len(back) == 2, back
