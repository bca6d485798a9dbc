"""`shopfloor verify-archive FILE [--json]`: an archive checked on any PC; it needs no home, no
site and no key, everything is in the archive. Exit 1 if not intact."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from config.exit_codes import ExitCode
from utils.backup.archive_check import verify_archive

from cli.errors import CliError
from cli.verbs import Needs

NEEDS = Needs.NOTHING


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="the archive (what shopfloor archive --out wrote)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON, for scripts")


def run(args: argparse.Namespace) -> int:
    file = Path(args.file)
    # Nothing to check is refused (2), as `backup verify` does, not "not intact" (1): a typo
    # in the path says nothing about the archive.
    if not file.exists():
        raise CliError(f"{file} does not exist; nothing was checked: give the path of an "
                       f"archive file (what shopfloor archive --out wrote)")
    if file.is_dir():
        raise CliError(f"{file} is a folder; nothing was checked: give the archive file in it "
                       f"(what shopfloor archive --out wrote)")
    report = verify_archive(file)
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
