"""Whether this PC's home is a demo's (`shopfloor demo`, utils/site/demo.py): a mark in the
PC's own database, never on the share, where anyone may write and a real plant's PCs read.
Small on purpose: an office PC's header asks it at start-up, without loading the demo's
generators."""

from __future__ import annotations

from sqlalchemy import Connection

from data import meta_repo
from data.database import Database

# meta key in the demo office PC's own database: this home is a demo (value: its name).
DEMO_KEY = "demo_site"


def mark_demo(connection: Connection, name: str) -> None:
    meta_repo.put(connection, DEMO_KEY, name)


def demo_name(database: Database) -> str | None:
    """The demo's name when `database` (a PC's own) is the home `create_demo` made; None for
    any real PC."""
    with database.read() as connection:
        return meta_repo.get(connection, DEMO_KEY) or None
