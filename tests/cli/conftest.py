"""Fixtures of several command-line test modules, found here by pytest in each of them (a
fixture imported by name into a test module reads as an unused import to pyflakes)."""

from __future__ import annotations

from tests.cli.clikit import admin_home
from tests.cli.test_cli_site import two_pcs

__all__ = ["admin_home", "two_pcs"]  # a home with an admin; two PCs of one site
