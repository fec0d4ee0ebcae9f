"""SQLite's one write lock in a busy bot (storage/sqlite_gate.py): the writers of one process queue for it on the
event loop, a conversation's step holds it only for the CPU time of its few statements, and nothing is lost when
two answers for one response come at the same moment.

SQLite's own busy handler does not wake a waiting writer when the lock is let go; it sleeps 1, 2, 5, 10 ... 100 ms
and looks again. Those sleeps, and steps that held the lock across several turns of a busy event loop, were the
p99 of a survey answer (bench/bench_survey_answers.py).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import make_engine, make_sessionmaker
from storage.models import ProcessedEvent
from storage.models_surveys import SurveyAnswer
from storage.prepared import driver_connection
from tests.chat import Chat
from tests.survey_chat_world import KARI, NETWORK, OPEN, SURVEY, colleagues_answer_at_once, stored, two_bots_on
from tests.test_pipeline_cost import _longest_gap
from tests.testbot import TestBot, make_bot

NOW = datetime(2026, 10, 5, 8, 0, tzinfo=UTC)
CHANGED = "Siden sist har andre endret svar:"


async def _statements_of(session: Any) -> list[str]:
    """What SQLite runs on the session's connection from now on (its trace callback), first words only."""
    seen: list[str] = []
    raw = driver_connection(await session.connection())
    assert raw is not None
    raw._conn.set_trace_callback(lambda sql: seen.append(" ".join(sql.split()[:3]).upper()))
    return seen


async def test_a_second_writer_waits_on_the_event_loop_and_goes_as_soon_as_the_first_commits(
        sqlite_engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(sqlite_engine)
    async with sessions() as first, sessions() as second:
        await first.execute(insert(ProcessedEvent).values(key="first", received_at=NOW))  # holds the write lock
        tried = await _statements_of(second)

        async def write_second() -> None:
            await second.execute(insert(ProcessedEvent).values(key="second", received_at=NOW))
            await second.commit()

        waiting = asyncio.create_task(write_second())
        await asyncio.sleep(0.2)
        assert not waiting.done()
        assert not any(s.startswith("INSERT") for s in tried), tried  # not polling SQLite: queued on the loop
        await first.commit()
        await asyncio.wait_for(waiting, 2)
    async with sessions() as session:
        assert set(await session.scalars(select(ProcessedEvent.key))) == {"first", "second"}


async def test_a_failed_write_gives_the_lock_back_with_its_rollback(sqlite_engine: AsyncEngine) -> None:
    sessions = make_sessionmaker(sqlite_engine)
    async with sessions() as session:
        await session.execute(insert(ProcessedEvent).values(key="taken", received_at=NOW))
        await session.commit()
    async with sessions() as first:
        await first.execute(insert(ProcessedEvent).values(key="new", received_at=NOW))
        with pytest.raises(IntegrityError):
            await first.execute(insert(ProcessedEvent).values(key="taken", received_at=NOW))
        await first.rollback()
    async with sessions() as second:  # would wait for the lock (10 s) if the failed writer still held it
        await asyncio.wait_for(second.execute(insert(ProcessedEvent).values(key="later", received_at=NOW)), 2)
        await second.commit()
        assert set(await second.scalars(select(ProcessedEvent.key))) == {"taken", "later"}


@pytest.fixture
async def sqlite_bot(sqlite_engine: AsyncEngine, tmp_path: Path) -> AsyncIterator[TestBot]:
    async for testbot in make_bot(sqlite_engine, tmp_path):
        yield testbot


async def test_a_survey_answer_holds_the_write_lock_without_waiting_for_the_event_loop(
        sqlite_bot: TestBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """From its first write to its commit, an answer's statements run on the event loop's thread: no trip to
    aiosqlite's thread (which would hand the loop to other messages while the lock is held)."""
    await sqlite_bot.load(NETWORK)
    kari = sqlite_bot.person(KARI, channel="slack")
    await sqlite_bot.at(OPEN)
    await kari.says(f"svar {SURVEY}")
    holding: list[bool] = []
    execute = aiosqlite.Connection._execute

    async def trip(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        holding.append(bool(self._connection is not None and self._connection.in_transaction))
        return await execute(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", trip)
    await kari.says("ca. 4,5")  # the response is created here: its first answer
    await kari.presses("4")
    await kari.presses("Ja")
    monkeypatch.setattr(aiosqlite.Connection, "_execute", execute)

    assert await stored(sqlite_bot, "Voss") == {"arsverk": 4.5, "modenhet": 4, "sky": True}
    assert not any(holding), holding


async def test_an_answer_waits_for_a_lock_held_by_another_process_without_stopping_the_bot(
        sqlite_bot: TestBot) -> None:
    await sqlite_bot.load(NETWORK)
    kari = sqlite_bot.person(KARI, channel="slack")
    await sqlite_bot.at(OPEN)
    await kari.says(f"svar {SURVEY}")
    await kari.says("ca. 4,5")
    database = sqlite_bot.engine.url.database
    other = sqlite3.connect(str(database), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write lock, as the CLI writing beside the bot would hold it
    ticker = asyncio.create_task(_longest_gap(0.5))
    answering = asyncio.create_task(kari.presses("4"))
    try:
        assert await ticker < 0.25  # the loop went on while the answer waited for the lock in the driver's thread
        assert not answering.done()
    finally:
        other.execute("COMMIT")
        other.close()
    answer = (await asyncio.wait_for(answering, 10))[-1]
    assert "Lagret: 4" in answer.text and "Spørsmål 3 av 7" in answer.text
    assert await stored(sqlite_bot, "Voss") == {"arsverk": 4.5, "modenhet": 4}


@pytest.fixture
async def two_bots(sqlite_url: str) -> AsyncIterator[tuple[Chat, Chat]]:
    """Two engines (each its own pool and snapshot cache) on one SQLite file, in one process."""
    async with two_bots_on(sqlite_url) as bots:
        yield bots


async def test_two_colleagues_answering_the_same_response_at_the_same_moment_on_sqlite_lose_nothing(
        two_bots: tuple[Chat, Chat], monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = two_bots
    kari_reply, ola_reply = await colleagues_answer_at_once(one, two, monkeypatch)

    async with one.sessions() as session:
        keys = {k: v for k, v in await session.execute(select(SurveyAnswer.question_key, SurveyAnswer.value))}
        assert await session.scalar(select(func.count()).select_from(SurveyAnswer)) == 3
    assert keys == {"arsverk": 4, "modenhet": 2, "sky": True}  # both answers stored
    assert [CHANGED in kari_reply, CHANGED in ola_reply].count(True) == 1  # the one who waited is told at once
    assert "Lagret: 2" in kari_reply and "Lagret: Ja" in ola_reply  # each was told their answer is stored


async def test_a_burst_of_messages_opens_sqlite_connections_once_and_keeps_them(sqlite_url: str) -> None:
    """More sessions at once than SQLAlchemy's default pool keeps (5): the extra connections are kept for the next
    burst instead of being closed on return and opened again (a thread, PRAGMAs and a cold cache each time)."""
    engine = make_engine(sqlite_url)
    opened: list[object] = []
    event.listen(engine.sync_engine, "connect", lambda *_: opened.append(1))
    sessions = make_sessionmaker(engine)

    async def one_message() -> None:
        async with sessions() as session:
            await session.execute(text("SELECT 1"))
            await asyncio.sleep(0.05)  # all ten at once

    try:
        await asyncio.gather(*(one_message() for _ in range(10)))
        first_burst = len(opened)
        await asyncio.gather(*(one_message() for _ in range(10)))
    finally:
        await engine.dispose()
    assert first_burst == 10
    assert len(opened) == 10  # the second burst opened none
