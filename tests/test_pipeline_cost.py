"""What one Slack DM costs the database: one session (one pooled connection), at most one commit.

A coordinator writes the bot a DM; the bot deduplicates Slack's retries, finds her, loads the network
snapshot (cached: one revision check) and answers, all in one transaction. Before the pipeline it took
two sessions and two commits (dedupe, then identity, snapshot and the answer each in their own).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.emulators.slack_api import dm_channel_id
from tests.fixtures.slack.harness import KARI, running_bot


@dataclass
class Cost:
    connections: int = 0  # connections checked out of the pool: one per session that touched the database
    commits: int = 0
    statements: list[str] = field(default_factory=list)


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[Cost]:
    cost = Cost()
    sync = engine.sync_engine

    def checkout(*_: object) -> None:
        cost.connections += 1

    def commit(*_: object) -> None:
        cost.commits += 1

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        cost.statements.append(sql.split()[0].upper())

    event.listen(sync.pool, "checkout", checkout)
    event.listen(sync, "commit", commit)
    event.listen(sync, "before_cursor_execute", statement)
    try:
        yield cost
    finally:
        event.remove(sync.pool, "checkout", checkout)
        event.remove(sync, "commit", commit)
        event.remove(sync, "before_cursor_execute", statement)


async def test_a_slack_dm_costs_one_session_and_one_commit(engine, sessions) -> None:
    async with running_bot(engine, sessions) as bot:
        await bot.dm(KARI, "hvem er koordinator i Askøy?")  # the first answer builds the snapshot
        await bot.slack.wait_for_messages(dm_channel_id(KARI))
        await bot.idle()

        with counting(engine) as cost:
            await bot.dm(KARI, "hvem er koordinator i Bergen?")
            [_, answer] = await bot.slack.wait_for_messages(dm_channel_id(KARI), count=2)
            await bot.idle()

    assert "Bergen" in (answer.text or "")
    assert cost.connections == 1, cost
    assert cost.commits == 1, cost
    assert len(cost.statements) <= 5, cost  # dedupe, identity, revision, conversation state (+ BEGIN on SQLite)
