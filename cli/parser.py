"""The argument parser of `shopfloor`, assembled from the verb modules (cli/verbs.py).

Only the verb being run is imported (its module imports the services it uses, which takes
seconds: pandas, SQLAlchemy, cryptography); the others appear in `--help` by name and help
line. `build_parser()` assembles every verb, for tests and documentation.
"""

from __future__ import annotations

import argparse
import importlib
from types import ModuleType
from typing import Collection, Sequence

from config.version import APP_VERSION

from cli.verbs import DEFAULT_VERB, VERBS


def verb_module(name: str) -> ModuleType:
    return importlib.import_module(VERBS[name][0])


def home_folder(text: str) -> str:
    """--home as given; an empty one is refused (it was ignored, and the real home used)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("it is empty: give the folder to keep this PC's "
                                         "configuration, data and logs in")
    return text


def build_parser(verbs: Collection[str] = tuple(VERBS)) -> argparse.ArgumentParser:
    """The parser with the options of `verbs` (the others by name and help line alone)."""
    parser = argparse.ArgumentParser(prog="shopfloor", description="Shopfloor Collector")
    parser.add_argument("--version", action="version", version=f"shopfloor {APP_VERSION}")
    parser.add_argument("--home", metavar="DIR", type=home_folder,
                        help="keep configuration, data and logs under DIR (portable/test use)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, text) in VERBS.items():
        sub = commands.add_parser(name, help=text)
        if name in verbs:
            verb_module(name).add_arguments(sub)
    return parser


def named_verb(argv: Sequence[str]) -> str | None:
    """The verb in `argv`: its first word that is neither an option nor --home's folder."""
    words = iter(argv)
    for word in words:
        if word == "--home":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in VERBS else None
    return None


# Options whose value may start with "-": `--timezone -03:00` (an offset) is taken as that
# option's value, to be refused with the reason (not a zone name), where argparse would read
# "-03:00" as another option and say only "expected one argument".
DASHED_VALUES = frozenset({"--timezone"})


def joined_values(argv: Sequence[str]) -> list[str]:
    """`argv` with each DASHED_VALUES option and a value like "-03:00" joined by "="."""
    words, joined = list(argv), []
    while words:
        word = words.pop(0)
        if word in DASHED_VALUES and words and words[0][:1] == "-" and words[0][1:2].isdigit():
            word = f"{word}={words.pop(0)}"
        joined.append(word)
    return joined


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    argv = joined_values(argv)
    verb = named_verb(argv)
    args = build_parser(() if verb is None else (verb,)).parse_args(argv)
    if args.command is None:  # no verb: the app, with the gui verb's defaults
        gui = build_parser((DEFAULT_VERB,)).parse_args([DEFAULT_VERB])
        gui.home = args.home
        return gui
    return args
