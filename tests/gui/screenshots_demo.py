"""The demo's office PC for tests/gui/screenshots.py (target `demo`): `shopfloor demo`'s office
window at 1366 x 768, on its login page and with the panel open, in pt_BR and en: the header's
"DEMO · synthetic data" mark under the PC's name (utils/site/demo.py marks the home), with the
stations at work as `shopfloor demo` runs them (LivePlant): the Fleet tab shows them online."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

DEMO_PASSWORD = "Quarry-Lantern-2026"


def render_demo(out_dir: Path) -> list[Path]:
    import utils.passwords
    from gui.app import StationApp, make_application
    from gui.i18n import install_translators
    from utils.context import AppContext
    from utils.site.demo import LivePlant, create_demo

    from tests.gui.screenshots import SCREEN_1366, office_panel_shot, save_png, settle_until

    utils.passwords.BCRYPT_ROUNDS = 4  # the demo admin's hash: a fast one for pictures
    app = make_application([])
    pause = threading.Event()  # never set: a bounded wait between event-loop turns

    def settle(rounds: int = 1) -> None:
        for _ in range(rounds):
            app.processEvents()
            pause.wait(0.02)

    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="shots-demo-") as temp:
        folder = Path(temp)
        demo = create_demo(folder / "demo", "demo", "Demo admin", DEMO_PASSWORD, days=2)
        ctx = AppContext.open(demo.office_home)
        plant = LivePlant(demo)
        plant.start()
        stations = [p.parent for p in (demo.share / "stations").glob("*/journal")]
        settle_until(lambda: all((s / "status.json").exists() for s in stations), settle)
        try:
            for language in ("pt_BR", "en"):
                install_translators(app, language, folder / "qm")
                office = StationApp(ctx)
                office.start()
                office.window.resize(*SCREEN_1366)
                office.window.show()
                settle(20)
                save_png(office.window, out_dir, "demo-office-login", language, written)
                written.append(office_panel_shot(
                    office, out_dir / f"demo-office-panel-{language}.png", "demo", DEMO_PASSWORD,
                    settle))
        finally:
            plant.stop()
            ctx.close()
            install_translators(app, "en", folder / "qm")
    return written
