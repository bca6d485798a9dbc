"""The arguments the two verbs that import the old system's files share
(`import-legacy FILE --as USER`, `import-legacy-users FILE --as ADMIN`): the file, and who
imports it, asked for their password once the file has been checked."""

from __future__ import annotations

import argparse


def add_file_and_importer(parser: argparse.ArgumentParser, csv_name: str, as_help: str) -> None:
    """FILE (the old system's `csv_name`) and the required `--as USERNAME` (`args.as_user`)."""
    parser.add_argument("file", help=f"the old system's {csv_name}")
    parser.add_argument("--as", dest="as_user", metavar="USERNAME", required=True, help=as_help)
