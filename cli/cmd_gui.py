"""`shopfloor gui [--smoke [--screenshot PNG]] [--lang pt_BR|en|system]`: the station window,
also what `shopfloor` with no verb and `shopfloor-gui` open. The window itself is gui/'s: this
verb calls the entry function main.py hands the command line (cli never imports Qt)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli.verbs import GuiLauncher, Needs

NEEDS = Needs.GUI


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--smoke", action="store_true",
                        help="start, wait for the login window, render it, exit 0 (checks)")
    parser.add_argument("--screenshot", metavar="PNG",
                        help="with --smoke: save the window here")
    parser.add_argument("--lang", choices=["pt_BR", "en", "system"],
                        help="this run's language, over the PC's setting (which stays as it is)")


def run(args: argparse.Namespace, launch_gui: GuiLauncher) -> int:
    return launch_gui(smoke=args.smoke,
                      smoke_png=Path(args.screenshot) if args.screenshot else None,
                      language=args.lang)
