"""Frozen entry of `shopfloor`: the command line (console)."""

from main import run_cli

run_cli()
