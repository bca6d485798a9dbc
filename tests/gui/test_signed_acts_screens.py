"""In a site, classifying a stop or freezing control limits signs with the person's key opened
at login: when that key is not open, the station's stops dialog and the freeze dialog say so
(what happened, that nothing was changed, what to do) and write nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from config.constants import Role
from config.spc import SpcSettings, SpecLimit
from tests.utils.site.sitekit import ADMIN_PW, OPERATOR_PW, add_user, make_site, use_fast_kdf


@pytest.fixture
def site(tmp_path, monkeypatch):
    from gui.app import make_application

    make_application([])
    use_fast_kdf(monkeypatch)
    monkeypatch.setattr("utils.passwords.BCRYPT_ROUNDS", 4)
    made = make_site(tmp_path)
    station = made.station(tmp_path, "206")
    add_user(made, "op", Role.OPERATOR)
    station.directory.refresh()
    yield made, station
    station.close()
    made.admin.close()


def _classified(ctx) -> int:
    with ctx.database.read() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM audit_events WHERE action = 'stop.classified'").scalar()


def test_the_stops_dialog_says_the_signing_key_is_not_open(qtbot, site):
    from gui.stops_dialog import StopsDialog

    _site, station = site
    operator = station.auth.login("op", OPERATOR_PW).session
    assert operator.signer is not None
    station.downtime.declare(operator, "maintenance")
    dialog = StopsDialog(station, replace(operator, signer=None))
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    dialog.findChild(type(dialog.classify_button), "reason_material").click()
    dialog.classify_button.click()
    assert "signing key is not open" in dialog.message.text()
    assert "Nothing was changed" in dialog.message.text()
    assert _classified(station) == 0
    # With the key open (as after a login) the same click signs and records it.
    dialog.session = operator
    dialog.classify_button.click()
    assert _classified(station) == 1 and "material" in dialog.message.text()


def test_the_freeze_dialog_says_the_signing_key_is_not_open(qtbot, site):
    from gui.admin.spc_freeze_dialog import FreezeDialog

    made, _station = site
    admin = made.admin
    settings = SpcSettings((SpecLimit("#00", "cam_d", 0.5, 2.5),))
    session = replace(admin.auth.login("ana", ADMIN_PW).session, signer=None)
    dialog = FreezeDialog(admin.timezone, admin.site_view, admin.changes, session, settings,
                          ("206", "#00", "cam_d"),
                          datetime(2026, 12, 1, 10, 0, tzinfo=timezone.utc),
                          datetime(2026, 12, 1, 10, 35, tzinfo=timezone.utc))
    qtbot.addWidget(dialog)
    dialog.reason.setText("stable after the die change")
    assert not dialog.freeze()
    assert "signing key is not open" in dialog.error.text()
    assert "Nothing was frozen" in dialog.error.text()
