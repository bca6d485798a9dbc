"""Small key/value facts about this database (its chain anchor, the site it belongs to)."""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, bindparam, select

from data import schema

M = schema.meta_info
# Built once: a station's heartbeat reads a meta key every second, and building the statement
# cost more than running it.
_GET = select(M.c.value).where(M.c.key == bindparam("key"))


def get(connection: Connection, key: str) -> str | None:
    return connection.execute(_GET, {"key": key}).scalar_one_or_none()


def put(connection: Connection, key: str, value: str) -> None:
    if get(connection, key) is None:
        connection.execute(M.insert().values(key=key, value=value))
    else:
        connection.execute(M.update().where(M.c.key == key).values(value=value))


def get_or_create(connection: Connection, key: str) -> str:
    value = get(connection, key)
    if value is None:
        value = uuid.uuid4().hex
        connection.execute(M.insert().values(key=key, value=value))
    return value
