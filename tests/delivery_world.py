"""The world the delivery tests share: a fake clock, people, planned rows, a worker on the Slack emulator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.channels.slack.sender import SlackSender, make_slack_client
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.worker import DeliveryWorker
from messages.model import Message
from storage import outbox
from storage.models import Network, Organization, Person
from storage.models_notify import OutboxMessage
from tests.emulators.slack_api import SlackApiEmulator
from tests.linking import account

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Styringsgruppemøte\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"


class FakeClock:
    """UTC `now()` for the database, `monotonic()` for the limiter, `sleep()` that moves time instead."""

    def __init__(self, start: datetime = NOW) -> None:
        self.current = start
        self.slept: list[float] = []

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.current.timestamp()

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)

    async def sleep(self, seconds: float) -> None:
        wake = self.current + timedelta(seconds=seconds)
        self.slept.append(seconds)
        await asyncio.sleep(0)
        self.current = max(self.current, wake)

    async def idle_wait(self, stop: asyncio.Event, seconds: float) -> None:
        await self.sleep(seconds)


@dataclass
class Someone:
    id: int
    email: str
    slack_id: str | None


async def seed_people(sessions, n: int, *, slack: bool = True, network: str = "net") -> list[Someone]:
    async with sessions() as s:
        s.add(Network(id=network, name="DigiTest"))
        await s.flush()
        org = Organization(network_id=network, key="4601", name="Bergen")
        s.add(org)
        await s.flush()
        people = [Person(network_id=network, email=f"p{i}@bergen.kommune.no", name=f"Person {i}",
                         organization_id=org.id, channel="slack")
                  for i in range(n)]
        s.add_all(people)
        if slack:
            s.add_all([account(p, f"U{i:05d}") for i, p in enumerate(people)])
        await s.commit()
        return [Someone(p.id, p.email, f"U{i:05d}" if slack else None) for i, p in enumerate(people)]


def planned(who: Someone, *, channel: str = "slack", due: datetime = NOW, text: str = "Frist i morgon",
            attachment: dict | None = None, key: str | None = None, title: str | None = None) -> outbox.Planned:
    return outbox.Planned(key=key or f"reminder:d1:{who.email}:P1D", kind="reminder", person_id=who.id,
                          recipient=who.email, channel=channel, lang="nb", message=Message(title=title, text=text),
                          due_at=due, attachment=attachment)


async def enqueue(sessions, rows: list[outbox.Planned], network: str = "net") -> None:
    async with sessions() as s:
        await outbox.enqueue(s, network, rows, NOW - timedelta(hours=1))
        await s.commit()


async def all_rows(sessions) -> list[OutboxMessage]:
    async with sessions() as s:
        return list((await s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


def make_worker(sessions, slack: SlackApiEmulator, clock: FakeClock, *, worker_id: str = "w1",
                workspace_per_minute: int | None = 600, metrics: DeliveryMetrics | None = None,
                base_url: str | None = None, **kwargs) -> DeliveryWorker:
    client = make_slack_client(slack.token, base_url or slack.base_url)
    limiter = RateLimiter(workspace_per_minute=workspace_per_minute, clock=clock.monotonic, sleep=clock.sleep)
    sender = SlackSender(client, limiter, sessions)
    return DeliveryWorker(sessions, {"slack": sender}, worker_id=worker_id, clock=clock.now, sleep=clock.sleep,
                          idle_wait=clock.idle_wait, rand=lambda: 0.5, metrics=metrics or DeliveryMetrics(),
                          **kwargs)


@pytest.fixture(name="slack")
async def slack_fixture() -> AsyncIterator[SlackApiEmulator]:
    async with SlackApiEmulator(token="xoxb-test") as emulator:
        yield emulator


def register(slack: SlackApiEmulator, people: list[Someone]) -> None:
    for who in people:
        if who.slack_id:
            slack.add_user(who.slack_id, who.email, who.email.split("@")[0])


# --- the happy path ----------------------------------------------------------------------------------
