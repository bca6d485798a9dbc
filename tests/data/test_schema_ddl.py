"""The tables as SQLite creates them, pinned: every table of the local database
(data/schema.py) and of the site view (data/view_schema.py and the features' tables,
data/view_registry.py), rendered as DDL, must equal tests/data/schema_ddl.txt.

Why pinned: a local table is what a released migration created, so it never changes; a view
table that changes needs a `VIEW_FORMAT` bump, or an older view is read with the new shape.
A refactoring of the table definitions must leave this text as it was. A deliberate change
(a new migration's tables, a new VIEW_FORMAT) writes it again:
`.venv/bin/python -m tests.data.test_schema_ddl` (then review the diff).
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

from sqlalchemy import MetaData, Table
from sqlalchemy.dialects import sqlite
from sqlalchemy.schema import CreateIndex, CreateTable

from data import schema, view_registry, view_schema  # view_registry: the features' tables too

PINNED = Path(__file__).with_name("schema_ddl.txt")
_DIALECT = sqlite.dialect()


def _column_notes(table: Table) -> list[str]:
    # What the DDL leaves out and an insert still depends on: the column SQLite numbers itself
    # (as SQLAlchemy decides it, whatever the spelling) and Python-side defaults.
    notes = [f"-- {table.name}: autoincrement column {table.autoincrement_column}"]
    for column in table.columns:
        default = None if column.default is None else repr(column.default.arg)
        notes.append(f"-- {table.name}.{column.name}: {column.type!r} default={default}")
    return notes


def _rendered(metadata: MetaData) -> list[str]:
    lines = []
    for table in metadata.tables.values():  # in the order they are defined
        lines.append(str(CreateTable(table).compile(dialect=_DIALECT)).strip() + ";")
        lines += [str(CreateIndex(index).compile(dialect=_DIALECT)).strip() + ";"
                  for index in sorted(table.indexes, key=lambda index: index.name or "")]
        lines += _column_notes(table)
        lines.append("")
    return lines


def rendered() -> str:
    """Both databases' tables, indexes and column notes, as the pinned file holds them."""
    return "\n".join([
        "-- local database (data/schema.py)", "", *_rendered(schema.metadata),
        f"-- site view, VIEW_FORMAT {view_schema.VIEW_FORMAT}", "",
        *_rendered(view_schema.metadata),
    ])


def test_tables_are_as_pinned():
    pinned = PINNED.read_text(encoding="utf-8")
    now = rendered()
    diff = difflib.unified_diff(pinned.splitlines(), now.splitlines(), "pinned", "now",
                                lineterm="", n=1)
    assert now == pinned, (
        f"the tables' DDL differs from {PINNED.name}: a local table never changes (a new "
        "migration adds tables), a view table changes with a VIEW_FORMAT bump:\n"
        + "\n".join(list(diff)[:40]))


def test_every_feature_table_is_pinned():
    # The features declare their tables by being imported; one whose table is not in the view's
    # metadata would go unpinned (and uncreated).
    pinned = PINNED.read_text(encoding="utf-8")
    for feature in view_registry.registered():
        for name in feature.tables:
            assert f"CREATE TABLE {name} (" in pinned, name


if __name__ == "__main__":
    PINNED.write_text(rendered(), encoding="utf-8")
    sys.stdout.write(f"wrote {PINNED}\n")
