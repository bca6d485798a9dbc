"""Screenshots of the Audit tab showing someone else's text, for `tests/gui/screenshots.py
audit-hostile`: an event whose file name and reason hold a right-to-left override (what the
site view keeps: a name a station was given) shown escaped in its cell and in the detail pane,
the accents kept; an office PC's panel at 1366 x 768, both languages, on throwaway folders."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path


def render_audit_hostile(out_dir: Path) -> list[Path]:
    import utils.passwords
    from gui.admin.window import AdminWindow
    from gui.app import make_application
    from utils.audit.chain import Actor
    from utils.changes import Topic

    from tests.gui.screenshots import SCREEN_1366, in_each_language, save_png, settle_for
    from tests.utils.site.sitekit import ADMIN_PW, make_site

    utils.passwords.BCRYPT_ROUNDS = 4
    out_dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    written: list[Path] = []

    settle = partial(settle_for, app)

    for language, folder in in_each_language(app, "shopfloor-audit-shots-"):
        site = make_site(folder)
        site.admin.changes.record(Actor("ana", "admin"), "records.export", topic=Topic.RECORDS,
                                  entity="file", entity_id="relatório-\u202ecod.exe",
                                  reason="pedido do cliente \u202eKO", after={"rows": 3})
        window = AdminWindow(site.admin, site.admin.auth.login("ana", ADMIN_PW).session)
        window.show()
        window.resize(*SCREEN_1366)
        settle(40)
        window.tabs.setCurrentWidget(window.audit_tab)
        window.audit_tab.refresh()
        settle(20)
        window.audit_tab.table.selectRow(1)  # the export (the newest is the login)
        settle(10)
        save_png(window, out_dir, "admin-audit-escaped", language, written)
        window.close()
        site.admin.close()
    return written
