"""What one Slack DM costs the database: one session (one pooled connection), at most one commit.

A coordinator writes the bot a DM; the bot deduplicates Slack's retries, finds her, loads the network
snapshot (cached: one revision check) and answers, all in one transaction. Before the pipeline it took
two sessions and two commits (dedupe, then identity, snapshot and the answer each in their own).

On SQLite the statements are counted as SQLite ran them (its trace callback), since the hot ones do not go
through SQLAlchemy's execution (storage/prepared.py), and so are the trips to aiosqlite's thread: a DM
took nine of them; now none while no other connection holds a lock (and the event loop never waits for one).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import aiosqlite
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import make_sessionmaker
from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, running_bot


@dataclass
class Cost:
    connections: int = 0  # connections checked out of the pool: one per session that touched the database
    commits: int = 0
    statements: list[str] = field(default_factory=list)
    trips: int = 0  # calls run in aiosqlite's thread (SQLite only)


@contextmanager
def counting(engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cost]:
    cost = Cost()
    sync = engine.sync_engine
    sqlite = engine.dialect.name == "sqlite"

    def traced(sql: str) -> None:
        if not sql.startswith("PRAGMA busy_timeout"):  # a setting, not work (storage/prepared.py)
            cost.statements.append(sql.split()[0].upper())
            cost.commits += sql.upper().startswith("COMMIT")

    def checkout(dbapi_connection: object, *_: object) -> None:
        cost.connections += 1
        if sqlite:  # what SQLite itself runs, whichever way it was asked
            dbapi_connection._connection._conn.set_trace_callback(traced)  # type: ignore[attr-defined]

    def commit(*_: object) -> None:
        if not sqlite:
            cost.commits += 1

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if not sqlite:
            cost.statements.append(sql.split()[0].upper())

    execute = aiosqlite.Connection._execute

    async def trip(self: aiosqlite.Connection, fn: object, *args: object, **kwargs: object) -> object:
        cost.trips += 1
        return await execute(self, fn, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(aiosqlite.Connection, "_execute", trip)

    event.listen(sync.pool, "checkout", checkout)
    event.listen(sync, "commit", commit)
    event.listen(sync, "before_cursor_execute", statement)
    try:
        yield cost
    finally:
        event.remove(sync.pool, "checkout", checkout)
        event.remove(sync, "commit", commit)
        event.remove(sync, "before_cursor_execute", statement)


async def test_a_slack_dm_costs_one_session_and_one_commit(engine, sessions, monkeypatch) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.dm(KARI, "hvem er koordinator i Askøy?")  # the first answer builds the snapshot
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

        with counting(engine, monkeypatch) as cost:
            await bot.dm(KARI, "hvem er koordinator i Bergen?")
            [_, answer] = await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
            await bot.idle()

    assert "Bergen" in (answer.text or "")
    assert cost.connections == 1, cost
    assert cost.commits == 1, cost
    assert len(cost.statements) <= 5, cost  # dedupe, identity, revision, conversation state (+ BEGIN on SQLite)
    if engine.dialect.name == "sqlite":
        assert cost.trips == 0, cost


async def test_a_dm_waits_for_a_write_lock_held_elsewhere_without_stopping_the_bot(sqlite_engine) -> None:
    """Another process holds SQLite's write lock for a while: the DM is answered once it lets go, and in the
    meantime the bot's event loop goes on (a timer keeps firing on time): the wait is in aiosqlite's thread."""
    sessions = make_sessionmaker(sqlite_engine)
    async with running_bot(sqlite_engine, sessions) as bot:
        await bot.dm(KARI, "hvem er koordinator i Askøy?")
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

        other = sqlite3.connect(str(sqlite_engine.url.database), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock, as another writer would hold it
        ticker = asyncio.create_task(_longest_gap(0.5))
        try:
            await bot.dm(KARI, "hvem er koordinator i Bergen?")
            assert await ticker < 0.25  # the loop went on while the answer waited for the lock
            assert len(bot.slack.messages_to(dm_channel_id(KARI))) == 1  # no answer yet: the claim waits
        finally:
            other.execute("COMMIT")
            other.close()
        [_, answer] = await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
        await bot.idle()
    assert "Bergen" in (answer.text or "")


async def _longest_gap(seconds: float) -> float:
    """For `seconds`, tick every 10 ms; the longest time between two ticks (the event loop's longest stall)."""
    loop = asyncio.get_running_loop()
    last = started = loop.time()
    longest = 0.0
    while last - started < seconds:
        await asyncio.sleep(0.01)
        now = loop.time()
        longest, last = max(longest, now - last), now
    return longest
