"""Row helpers shared by the consent, permission and notice tables: an always-UTC timestamp
column and an insert-or-update on a primary key.

SQLite keeps no time zone and hands back naive values while PostgreSQL hands back aware ones;
decisions such as "48 hours since the refusal" compare stored times with a time passed in, so
every stored time is normalised to aware UTC on the way in and on the way out.

They live in the permissions package because it imports nothing else of the engine, so the
consent and notice packages can use them without an import cycle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive value is refused, since its zone is unknowable."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware datetime (e.g. datetime.now(UTC))")
    return value.astimezone(UTC)


class UtcDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that refuses naive input and returns aware UTC values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else as_utc(value)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        # Only SQLite returns naive values here, and they were written as UTC above.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def upsert(session: Session, table: Table, *, key: Sequence[str], values: Mapping[str, Any]) -> None:
    """Insert the row, or update it when its key exists, in one statement.

    Two first-time writes for the same key (a double click, two devices) would otherwise race
    to insert and one would fail on the primary key.
    """
    dialect = session.get_bind().dialect.name
    changes = {name: value for name, value in values.items() if name not in key}
    if dialect == "postgresql":
        pg = postgresql.insert(table).values(**values)
        session.execute(pg.on_conflict_do_update(index_elements=list(key), set_=changes))
    elif dialect == "sqlite":
        lite = sqlite.insert(table).values(**values)
        session.execute(lite.on_conflict_do_update(index_elements=list(key), set_=changes))
    else:
        raise NotImplementedError(f"no upsert for the {dialect} dialect")
