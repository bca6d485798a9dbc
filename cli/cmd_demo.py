"""`shopfloor demo [--folder DIR] [--days N] [--admin USER] [--no-gui]`: a demo plant of 14
simulated stations in a home of its own (utils/site/demo.py), then the app on its office PC
while the stations keep working. Nothing of the real installation is touched."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from pathlib import Path

from config.constants import Role
from config.exit_codes import ExitCode
from config.paths import demo_root
from config.process import use_home
from data import users_repo
from utils.context import AppContext
from utils.site.demo import (
    DEMO_ADMIN_FULL_NAME, Demo, DemoState, LivePlant, check_demo_admin, create_demo,
    demo_layout, demo_plan, demo_state,
)

from cli.cmd_user import new_password
from cli.errors import CliError
from cli.verbs import GuiLauncher, Needs

NEEDS = Needs.GUI
DEFAULT_DAYS = 14
# Making the history takes about SECONDS_PER_DAY per simulated day (14 stations, 150 boxes a
# day each, sealed journals; measured: 14 days 21 s, 60 days 88 s on a 2-core PC), so 90 days
# is a couple of minutes: enough history for the trends; more only makes the person wait.
MAX_DAYS = 90
SECONDS_PER_DAY = 1.5
DEFAULT_ADMIN = "demo"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--folder", metavar="DIR",
                        help="where the demo lives (default: a demo folder of its own)")
    # None: not given (on a demo made before, --days and --admin change nothing: said so)
    parser.add_argument("--days", type=int, metavar="N",
                        help=f"days of history, 1 to {MAX_DAYS} (default {DEFAULT_DAYS}; for a "
                             f"new demo; making it takes about {SECONDS_PER_DAY:g} s a day)")
    parser.add_argument("--admin", metavar="USERNAME",
                        help=f"the demo admin's username (default {DEFAULT_ADMIN}; for a new "
                             f"demo; its password is asked)")
    parser.add_argument("--no-gui", action="store_true", help="make the demo, do not open it")


def run(args: argparse.Namespace, launch_gui: GuiLauncher) -> int:
    days = DEFAULT_DAYS if args.days is None else args.days
    if days < 1:
        raise CliError(f"--days must be 1 or more (days of synthetic history), not {days}")
    if days > MAX_DAYS:
        raise CliError(f"--days {days} is more than a demo makes: at most {MAX_DAYS} days of "
                       f"synthetic history ({making_time(MAX_DAYS)} of making); nothing was "
                       f"made: give --days {MAX_DAYS} or fewer")
    root = Path(args.folder).expanduser().resolve() if args.folder else demo_root()
    state = demo_state(root)
    if state is DemoState.READY:
        demo = demo_layout(root, demo_plan(days, datetime.now(timezone.utc)))
        admins = demo_admins(demo)
        if args.days is not None or args.admin is not None:
            print(f"note: a demo was made in {root} before and is opened as it is: --days and "
                  f"--admin apply only when a demo is made (for another one, give another "
                  f"--folder)")
    else:
        refuse_folder(root, state)
        admins = [args.admin or DEFAULT_ADMIN]
        demo = make(root, args.admin or DEFAULT_ADMIN, days)
    print(f"DEMO site (synthetic data, not a real plant): {root}")
    print(f"the office PC's home: {demo.office_home}; log in as {' or '.join(admins)}")
    if args.no_gui:
        return ExitCode.OK
    use_home(demo.office_home)  # from here on this process is the demo's office PC
    plant = LivePlant(demo)
    plant.start()
    try:
        return launch_gui()
    finally:
        plant.stop()


def refuse_folder(root: Path, state: DemoState) -> None:
    """A folder where no demo can be made, in one line naming it and what to do."""
    if state is DemoState.NOT_A_FOLDER:
        raise CliError(f"{root} is a file (or inside one), not a folder: the demo needs a "
                       f"folder of its own; nothing was made: choose another --folder")
    if state is DemoState.UNFINISHED:
        raise CliError(f"unfinished demo in {root}: its making stopped before the end, so it "
                       f"cannot be used; nothing was changed: delete that folder, or choose "
                       f"another --folder")
    if state is DemoState.TAKEN:
        raise CliError(f"{root} holds other files: the demo needs a folder of its own; nothing "
                       f"was made: choose another --folder")


def demo_admins(demo: Demo) -> list[str]:
    """The active admins of a demo made before (named when it was made, maybe not "demo")."""
    office = AppContext.open(demo.office_home)
    try:
        with office.database.read() as connection:
            users = users_repo.list_all(connection)
    finally:
        office.close()
    return sorted(user.username for user in users if user.active and user.role == Role.ADMIN)


def make(root: Path, admin: str, days: int) -> Demo:
    """Ask the admin's password, check it, then make the demo (nothing is kept when it fails).
    The password is one being chosen: SHOPFLOOR_NEW_PASSWORD, as for any first admin."""
    password = new_password(f"Choose a password for the demo's admin {admin}: ")
    try:
        check_demo_admin(admin, password)  # before anything is made
    except ValueError as exc:  # ValidationFailed, PasswordPolicyError
        raise CliError(f"{exc}; no demo was made: choose another") from None
    print(f"making the DEMO plant in {root}: 14 stations, {days} days of synthetic "
          f"production ({making_time(days)})…", flush=True)
    try:
        return create_demo(root, admin, DEMO_ADMIN_FULL_NAME, password, days=days)
    except OSError as exc:  # a folder that cannot be written; what was made is removed
        raise CliError(f"the demo cannot be made in {root} ({exc.strerror or exc}); nothing "
                       f"was kept: choose another --folder") from exc


def making_time(days: int) -> str:
    """How long making `days` of history takes, roughly, in words."""
    seconds = 5 + SECONDS_PER_DAY * days
    if seconds < 60:
        return f"about {round(seconds, -1):.0f} seconds"
    minutes = round(seconds / 60)
    return f"about {minutes} minute{'s' if minutes != 1 else ''}"
