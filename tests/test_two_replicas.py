"""Two real `digibot run` processes on one PostgreSQL database deliver every message exactly once."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import func, select

from messages.model import Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models import Network, Organization, Person
from storage.models_notify import OutboxMessage
from tests.conftest import _reset_pg_schema
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.linking import account
from tests.service_up import free_port

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = 300
TOKEN = "xoxb-replicas"


def slack_id(person: Person) -> str:
    return f"U{int(person.email[1:].split('@')[0]):05d}"


async def _until(predicate, timeout: float, what: str, procs: list[subprocess.Popen]) -> None:
    """Poll `predicate` (async) until true; fail early if a replica died."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await predicate():
        for proc in procs:
            if proc.poll() is not None:
                raise AssertionError(f"a replica exited with {proc.returncode} while waiting for {what}")
        if loop.time() > deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.1)


@pytest.fixture
async def database(pg_database_url: str) -> AsyncIterator[str]:
    await _reset_pg_schema(pg_database_url)
    engine = make_engine(pg_database_url)
    await upgrade(engine)
    await engine.dispose()
    yield pg_database_url


async def test_two_replicas_deliver_every_message_exactly_once(database: str, tmp_path: Path) -> None:
    engine = make_engine(database)
    sessions = make_sessionmaker(engine)
    procs: list[subprocess.Popen] = []
    async with SlackApiEmulator(token=TOKEN) as slack, aiohttp.ClientSession() as http:
        try:
            async with sessions() as s:
                s.add(Network(id="net", name="DigiTest"))
                await s.flush()
                org = Organization(network_id="net", key="4601", name="Bergen")
                s.add(org)
                await s.flush()
                people = [Person(network_id="net", email=f"p{i}@bergen.kommune.no", name=f"Person {i}",
                                 organization_id=org.id, channel="slack")
                          for i in range(PEOPLE)]
                s.add_all(people)
                s.add_all([account(p, slack_id(p)) for p in people])
                await s.commit()
            for p in people:
                slack.add_user(slack_id(p), p.email, p.email.split("@")[0])

            ports = [free_port(), free_port()]
            for port in ports:
                env = {**os.environ, "DATABASE_URL": database, "SLACK_BOT_TOKEN": TOKEN,
                       "SLACK_SIGNING_SECRET": "replica-test-secret", "SLACK_API_URL": slack.base_url,
                       "SLACK_WORKSPACE_PER_MINUTE": "3000", "HOST": "127.0.0.1", "PORT": str(port),
                       "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}
                env.pop("SLACK_APP_TOKEN", None)
                log = (tmp_path / f"replica-{port}.log").open("w")
                procs.append(subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], env=env, cwd=tmp_path,
                                              stdout=log, stderr=subprocess.STDOUT))

            async def healthy() -> bool:
                for port in ports:
                    try:
                        async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                            if response.status != 200:
                                return False
                    except aiohttp.ClientError:
                        return False
                return True

            await _until(healthy, 60, "both replicas to answer /healthz", procs)

            now = datetime.now(UTC)
            plan = [outbox.Planned(key=f"announcement:1:{p.email}", kind="announcement", person_id=p.id,
                                   recipient=p.email, channel="slack", lang="nb",
                                   message=Message(title="Kunngjering", text=f"Hei {p.name}"),
                                   due_at=now - timedelta(seconds=1))
                    for p in people]
            async with sessions() as s:
                assert await outbox.enqueue(s, "net", plan, now) == PEOPLE
                await s.commit()

            await slack.wait_for_messages(count=PEOPLE, timeout=120)

            async def all_sent() -> bool:
                async with sessions() as s:
                    sent = await s.scalar(select(func.count()).where(OutboxMessage.status == "sent"))
                return sent == PEOPLE

            await _until(all_sent, 60, "every row to be recorded sent", procs)

            per_channel = Counter(m.channel for m in slack.messages)
            assert len(slack.messages) == PEOPLE
            assert set(per_channel) == {dm_channel_id(slack_id(p)) for p in people}
            assert set(per_channel.values()) == {1}
            async with sessions() as s:
                rows = (await s.scalars(select(OutboxMessage))).all()
            assert all(r.platform_message_id for r in rows)
            by_worker = Counter(r.claimed_by for r in rows)
            assert len(by_worker) == 2, f"both replicas should have delivered: {by_worker}"

            sends = 0
            for port in ports:
                async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                    text = await response.text()
                match = re.search(r'^digibot_delivery_sends_total\{channel="slack"\} (\d+)$', text, re.M)
                assert match, text
                sends += int(match.group(1))
                assert f'digibot_outbox_messages{{status="sent"}} {PEOPLE}' in text
            assert sends == PEOPLE
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
            for proc in procs:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            await engine.dispose()
    assert [p.returncode for p in procs] == [0, 0]
