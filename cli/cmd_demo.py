"""`shopfloor demo [--folder DIR] [--days N] [--admin USER] [--no-gui]`: a demo plant of 14
simulated stations in a home of its own (utils/site/demo.py), then the app on its office PC
while the stations keep working. Nothing of the real installation is touched."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

from config.exit_codes import ExitCode
from config.paths import demo_root
from config.process import use_home
from utils.site.demo import LivePlant, create_demo, demo_layout, demo_plan

from cli.errors import CliError
from cli.prompts import PASSWORD_ENV, secret
from cli.verbs import GuiLauncher, Needs

NEEDS = Needs.GUI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--folder", metavar="DIR",
                        help="where the demo lives (default: a demo folder of its own)")
    parser.add_argument("--days", type=int, default=14, help="days of history (default 14)")
    parser.add_argument("--admin", default="demo", metavar="USERNAME",
                        help="the demo admin's username (its password is asked)")
    parser.add_argument("--no-gui", action="store_true", help="make the demo, do not open it")


def run(args: argparse.Namespace, launch_gui: GuiLauncher) -> int:
    root = Path(args.folder).expanduser().resolve() if args.folder else demo_root()
    if not (root / "office").exists():
        password = secret(PASSWORD_ENV, f"Choose a password for the demo's admin {args.admin}: ",
                          confirm=True)
        print(f"making the DEMO plant in {root}: 14 stations, {args.days} days of synthetic "
              f"production (a minute or two)…", flush=True)
        try:
            demo = create_demo(root, args.admin, "Demo admin", password, days=args.days)
        except FileExistsError as exc:
            raise CliError(f"{exc}; choose another with --folder") from exc
    else:
        demo = demo_layout(root, demo_plan(args.days, datetime.now(timezone.utc)))
    print(f"DEMO site (synthetic data, not a real plant): {root}")
    print(f"the office PC's home: {demo.office_home}; log in as {args.admin}")
    if args.no_gui:
        return ExitCode.OK
    use_home(demo.office_home)  # from here on this process is the demo's office PC
    plant = LivePlant(demo)
    plant.start()
    try:
        return launch_gui()
    finally:
        plant.stop()
