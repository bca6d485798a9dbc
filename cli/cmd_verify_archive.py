"""`shopfloor verify-archive FILE [--json]`: an archive checked on any PC; it needs no home, no
site and no key, everything is in the archive. Exit 1 if not intact."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from config.exit_codes import ExitCode
from utils.backup.archive_check import verify_archive

from cli.verbs import Needs

NEEDS = Needs.NOTHING


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file")
    parser.add_argument("--json", action="store_true")


def run(args: argparse.Namespace) -> int:
    report = verify_archive(Path(args.file))
    if args.json:
        print(json.dumps({"ok": report.ok, "sealed": report.sealed, "lines": report.lines,
                          "problems": report.problems, "stations": report.stations}, indent=2))
    else:
        for line in report.lines:
            print(line)
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        print("archive INTACT" if report.ok else "archive NOT intact")
    return ExitCode.OK if report.ok else ExitCode.FAILED
