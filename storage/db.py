"""Engine and session factory for SQLite (embedded) and PostgreSQL (production)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Result, event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.sqlite_driver import BUSY_TIMEOUT_MS, ONE_HOP_DBAPI

DEFAULT_SQLITE_FILE = "digibot.sqlite3"
SQLITE_POOL = 15  # connections to a SQLite file, kept once opened (see make_engine)


def database_url(url: str | None = None) -> str:
    """The async URL to use: the given one, else DATABASE_URL, else a SQLite file in the working dir.

    Plain `sqlite:///` and `postgresql://` URLs get their async driver; explicit drivers are kept.
    """
    raw = url or os.environ.get("DATABASE_URL") or f"sqlite:///{Path.cwd() / DEFAULT_SQLITE_FILE}"
    parsed = make_url(raw)
    backend = parsed.get_backend_name()
    if backend == "sqlite" and parsed.drivername != "sqlite+aiosqlite":
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif backend in ("postgresql", "postgres") and parsed.drivername != "postgresql+asyncpg":
        parsed = parsed.set(drivername="postgresql+asyncpg")
    elif backend not in ("sqlite", "postgresql"):
        raise ValueError(f"unsupported database: {backend} (use sqlite:/// or postgresql://)")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


def dialect_insert(session: AsyncSession) -> Any:
    """The `insert` of the session's dialect (with ON CONFLICT). Imported on use: on SQLite the PostgreSQL
    dialect (20 ms to import) is never loaded, which `digibot ask` notices."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # 256 KiB of page cache per connection instead of SQLite's 2 MiB: the pool keeps several connections,
    # each filled by a snapshot's full scans, and the OS page cache holds the file anyway (digibot run's peak
    # RSS with 5,000 people: about 4 MB less; an answer reads a few index pages).
    cursor.execute("PRAGMA cache_size=-256")
    cursor.close()


def make_engine(url: str | None = None, *, pool_size: int | None = None, **kwargs: Any) -> AsyncEngine:
    """The engine for `url` (see database_url). `pool_size`: connections kept open on PostgreSQL, to be
    at least the number of sessions used at once; beyond it SQLAlchemy opens "overflow" connections and
    closes each as soon as it is returned, which costs a new PostgreSQL connection every time."""
    if pool_size is not None and not database_url(url).startswith("sqlite"):
        kwargs.setdefault("pool_size", pool_size)
        kwargs.setdefault("max_overflow", max(2, pool_size // 4))
    url = database_url(url)
    if url.startswith("sqlite+aiosqlite:"):
        kwargs.setdefault("module", ONE_HOP_DBAPI)  # one trip to aiosqlite's thread per statement
        # The connection used last is handed out first: SQLite drops a connection's page cache when another
        # connection has written since, so taking the pool's connections in turn (its default) had every
        # chat message read its index pages afresh from the file.
        kwargs.setdefault("pool_use_lifo", True)
        database = make_url(url).database or ""
        if database and database != ":memory:" and "mode=memory" not in url:
            # As many connections as SQLAlchemy's default allows (5 + 10 overflow), but kept once opened: an
            # overflow connection was closed on its return, so a burst of chat messages (400 people starting a
            # survey) opened and closed one every few messages, each a new thread, five PRAGMAs and a cold cache
            # on the answer's path. Only connections ever in use at once are kept (about 0.3 MB each).
            kwargs.setdefault("pool_size", SQLITE_POOL)
            kwargs.setdefault("max_overflow", 0)
    engine = create_async_engine(url, **kwargs)
    if is_sqlite(engine):
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def affected(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE touched."""
    return int(cast(CursorResult[Any], result).rowcount or 0)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
