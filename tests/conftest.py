"""Shared fixtures: databases (SQLite and the real PostgreSQL server), migrated and empty.

PostgreSQL tests use DIGIBOT_TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres) to
create a throw-away database. If the server is unreachable they are skipped, unless
DIGIBOT_REQUIRE_POSTGRES=1 (CI), where that is an error.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from tests.testbot import TestBot, make_bot

PG_ADMIN_URL = os.environ.get("DIGIBOT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _asyncpg_dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _pg_admin(sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_asyncpg_dsn(PG_ADMIN_URL), timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _run_in_thread(sql: str) -> None:
    """Runs admin SQL on its own event loop (fixtures may be set up inside a running loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _pg_admin(sql)).result()


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped at the end."""
    name = f"digibot_test_{uuid.uuid4().hex[:10]}"
    try:
        _run_in_thread(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        if os.environ.get("DIGIBOT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but not reachable at {PG_ADMIN_URL}: {exc}")
        pytest.skip(f"postgres not reachable at {PG_ADMIN_URL}: {exc}")
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    _run_in_thread(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _reset_pg_schema(url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_asyncpg_dsn(url), timeout=5)
    try:
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    finally:
        await conn.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty, unmigrated database: once as a SQLite file, once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'digibot.sqlite3'}"
    url: str = request.getfixturevalue("pg_database_url")
    await _reset_pg_schema(url)
    return url


@pytest.fixture
async def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'digibot.sqlite3'}"


@pytest.fixture
async def engine(db_url: str) -> AsyncIterator[AsyncEngine]:
    """A migrated database on SQLite and on PostgreSQL."""
    eng = make_engine(db_url)
    await upgrade(eng)
    yield eng
    await eng.dispose()


@pytest.fixture
async def sqlite_engine(sqlite_url: str) -> AsyncIterator[AsyncEngine]:
    """A migrated SQLite database, for tests where the backend does not matter."""
    eng = make_engine(sqlite_url)
    await upgrade(eng)
    yield eng
    await eng.dispose()


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
async def bot(engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[TestBot]:
    """The chat-like test bot (tests/testbot.py) on a migrated database, SQLite and PostgreSQL."""
    async for testbot in make_bot(engine, tmp_path):
        yield testbot
