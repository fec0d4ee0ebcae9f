"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC; always returns aware UTC datetimes.

    SQLite has no time zones; PostgreSQL `timestamp without time zone` keeps exactly what we give it.
    Naive input is refused, so a local time can never be stored by mistake.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored = datetime.fromisoformat(value) if isinstance(value, str) else value  # raw SQLite text, rarely
        if not isinstance(stored, datetime):
            raise TypeError(f"a UTC column held {type(stored).__name__}")
        return stored.replace(tzinfo=UTC)
