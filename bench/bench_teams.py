"""A broadcast to Teams through the Bot Connector emulator with Teams' limits enforced.

    .venv/bin/python -m bench.bench_teams [--people 900] [--db URL]

`--people` people, each with a stored conversation reference (the app installed), get one announcement row
each; the real DeliveryWorker sends them with the real TeamsSender (SDK connector client, TeamsLimiter) to the
emulator on loopback, which answers 429 to any request over 30 a second for the tenant or over 7 a second /
60 in 30 seconds for a conversation. Figures: the achieved rate (sends per second between the first and the
last) as a fraction of the tenant limit (target >= 0.9), the 429s the
emulator had to give, and rows lost (not sent) or duplicated (two activities for one row): both must be 0.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.bench_questions import Row, emit
from bot.channels.teams.connector import TeamsConnector
from bot.channels.teams.platform import TeamsPlatform
from bot.config import Settings
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.worker import DeliveryWorker
from messages.model import Message
from storage import identities, outbox
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models import Network, Organization, Person
from storage.models_identity import PlatformIdentity
from storage.models_notify import OutboxMessage
from tests.emulators.teams_connector import TENANT, TENANT_LIMITS, TeamsConnectorEmulator
from tests.fixtures.teams_harness import TOKEN, StaticToken

TARGET = 0.9


async def seed(sessions: Any, emulator: TeamsConnectorEmulator, n: int) -> str:
    network = f"bench-{uuid.uuid4().hex[:8]}"
    now = datetime.now(UTC)
    async with sessions() as s:
        s.add(Network(id=network, name="Benchnett"))
        await s.flush()
        org = Organization(network_id=network, key="4601", name="Bergen")
        s.add(org)
        await s.flush()
        people = [Person(network_id=network, email=f"p{i}@{network}.no", name=f"Person {i}", organization_id=org.id,
                         channel="teams") for i in range(n)]
        s.add_all(people)
        await s.flush()
        s.add_all([PlatformIdentity(person_id=p.id, network_id=network, platform="teams", external_id=f"aad-{i}",
                                    created_at=now) for i, p in enumerate(people)])
        for i in range(n):
            reference = {"serviceUrl": emulator.url, "channelId": "msteams",
                         "conversation": {"id": f"a:personal-{i}", "conversationType": "personal",
                                          "tenantId": TENANT}}
            await identities.remember_address(s, "teams", f"aad-{i}", reference, now)
        plan = [outbox.Planned(key=f"announcement:bench:{p.email}", kind="announcement", person_id=p.id,
                               recipient=p.email, channel="teams", lang="nb",
                               message=Message(title="Kunngjering", text=f"Melding til {p.name}."), due_at=now)
                for p in people]
        await outbox.enqueue(s, network, plan, now)
        await s.commit()
    return network


async def broadcast(args: argparse.Namespace) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        engine = make_engine(url)
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        async with TeamsConnectorEmulator(token=TOKEN) as emulator:
            network = await seed(sessions, emulator, args.people)
            settings = Settings(teams_app_id=emulator.app_id, teams_app_password="bench")
            platform = TeamsPlatform(settings, sessions, connector=TeamsConnector(settings, provider=StaticToken()))
            worker = DeliveryWorker(sessions, {"teams": platform.sender}, metrics=DeliveryMetrics())
            stop = asyncio.Event()
            task = asyncio.create_task(worker.run_forever(stop, idle_sleep=0.2))
            started = time.monotonic()
            while time.monotonic() - started < args.timeout:
                async with sessions() as s:
                    done = int(await s.scalar(select(func.count()).where(
                        OutboxMessage.network_id == network, OutboxMessage.status.in_(["sent", "failed"]))) or 0)
                if done >= args.people:
                    break
                await asyncio.sleep(0.5)
            stop.set()
            await task
            await platform.close()
            async with sessions() as s:
                sent = int(await s.scalar(select(func.count()).where(
                    OutboxMessage.network_id == network, OutboxMessage.status == "sent")) or 0)
            times = sorted(x.at for x in emulator.sent)
            per_row = Counter(x.conversation for x in emulator.sent)
        await engine.dispose()
    count, seconds = TENANT_LIMITS[0]
    limit = count / seconds
    rate = (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else 0.0
    fraction = rate / limit
    lost = args.people - sent
    duplicated = sum(n - 1 for n in per_row.values() if n > 1)
    return [
        ("teams broadcast: people", str(args.people), "", None),
        ("teams broadcast: achieved rate", f"{rate:.1f}/s of {limit:g}/s", "", None),
        ("teams broadcast: rate / tenant limit", f"{fraction:.2f}", f">= {TARGET}", fraction >= TARGET),
        ("teams broadcast: 429s from the emulator", str(emulator.throttled), "", None),
        ("teams broadcast: rows lost", str(lost), "0", lost == 0),
        ("teams broadcast: rows duplicated", str(duplicated), "0", duplicated == 0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=240.0)
    parser.add_argument("--db")
    args = parser.parse_args()
    emit("teams", asyncio.run(broadcast(args)))


if __name__ == "__main__":
    main()
