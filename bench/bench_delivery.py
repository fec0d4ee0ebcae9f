"""Delivery benchmark: a broadcast to 5,000 people through the Slack emulator, and reminder lateness.

    .venv/bin/python -m bench.bench_delivery [--people 5000] [--cap 4000] [--runs 1] [--lateness-runs 3]
                                             [--reminders 300] [--db URL]

The emulator (tests/emulators) runs in a child process on loopback and enforces what Slack does:
1 chat.postMessage per second per channel and a workspace cap per minute (429 + Retry-After). The cap
defaults to 4,000/min: the 5,000-message broadcast then takes ~75 s, long enough for the emulator's
sliding minute to bite, and the whole bench stays around two minutes. The worker is the production one
(bot/delivery: DeliveryWorker + SlackSender + RateLimiter with the same cap, real slack_sdk client),
on a fresh SQLite file unless --db names a database.

Figures:
- rate: chat.postMessage accepted per minute (first to last, emulator clock) as a fraction of the cap;
- lost / duplicated: people without a message / extra messages, from the emulator's record;
- lateness: reminders due at spread-out moments (well below the cap), emulator receipt time minus due;
- peak memory: the bench process's peak RSS (the emulator runs in its own process).
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import func, select

from bench.bench_questions import emit, rss_mb
from bot.channels.slack.sender import SlackSender, make_slack_client
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.ratelimit import RateLimiter
from bot.delivery.worker import DeliveryWorker
from messages.model import Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models import Network, Organization, Person
from storage.models_identity import PlatformIdentity
from storage.models_notify import OutboxMessage
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id

TOKEN = "xoxb-bench"


# --- the emulator, in its own process -----------------------------------------------------------------


def _emulator_process(conn: Connection) -> None:
    asyncio.run(_emulator_main(conn))


async def _emulator_main(conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    async with SlackApiEmulator(token=TOKEN, clock=time.time) as slack:
        conn.send(slack.base_url)
        while True:
            command, *args = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                conn.send(None)
                return
            if command == "limit":
                slack.set_rate_limit(per_channel_per_second=args[0], workspace_per_minute=args[1])
                conn.send(None)
            elif command == "reset":
                slack.calls.clear()
                slack.reset_state()
                conn.send(None)
            elif command == "posts":
                posts = slack.calls_to("chat.postMessage")
                conn.send({
                    "ok": [(str(c.response["channel"]), c.at) for c in posts if c.ok],
                    "429": sum(1 for c in posts if c.status == 429),
                    "other_errors": sum(1 for c in posts if not c.ok and c.status != 429),
                })


class Emulator:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_emulator_process, args=(child,), daemon=True)
        self.process.start()
        self.base_url: str = self.conn.recv()

    async def ask(self, *message: Any) -> Any:
        def roundtrip() -> Any:
            self.conn.send(message)
            return self.conn.recv()

        return await asyncio.to_thread(roundtrip)

    async def close(self) -> None:
        await self.ask("stop")
        self.process.join(timeout=10)


# --- database -----------------------------------------------------------------------------------------


@dataclass
class Crowd:
    network: str
    people: list[tuple[int, str, str]]  # id, email, slack user id


async def seed(sessions: Any, n: int) -> Crowd:
    network = f"bench-{uuid.uuid4().hex[:8]}"
    async with sessions() as s:
        s.add(Network(id=network, name="Benchnett"))
        await s.flush()
        org = Organization(network_id=network, key="4601", name="Bergen")
        s.add(org)
        await s.flush()
        people = [Person(network_id=network, email=f"p{i}@{network}.no", name=f"Person {i}", organization_id=org.id,
                         channel="slack") for i in range(n)]
        ids = [f"U{network[-8:].upper()}{i:06d}" for i in range(n)]
        s.add_all(people)
        await s.flush()
        now = datetime.now(UTC)
        s.add_all([PlatformIdentity(person_id=p.id, network_id=network, platform="slack", external_id=user_id,
                                    created_at=now) for p, user_id in zip(people, ids, strict=True)])
        await s.commit()
        return Crowd(network, [(p.id, p.email, user_id) for p, user_id in zip(people, ids, strict=True)])


async def enqueue(sessions: Any, crowd: Crowd, kind: str, dues: list[datetime], text: str) -> None:
    tag = uuid.uuid4().hex[:8]
    plan = [outbox.Planned(key=f"{kind}:{tag}:{email}", kind=kind, person_id=pid, recipient=email, channel="slack",
                           lang="nb", message=Message(title="Kunngjering", text=text), due_at=due)
            for (pid, email, _), due in zip(crowd.people, dues, strict=False)]
    async with sessions() as s:
        await outbox.enqueue(s, crowd.network, plan, datetime.now(UTC))
        await s.commit()


async def settled(sessions: Any, network: str) -> int:
    async with sessions() as s:
        return int(await s.scalar(select(func.count()).where(
            OutboxMessage.network_id == network, OutboxMessage.status.in_(["sent", "failed"]))) or 0)


async def run_worker_until(sessions: Any, base_url: str, cap: int, network: str, total: int,
                           timeout: float) -> float:
    """Run the production worker until `total` rows of `network` are settled; returns the seconds taken."""
    async with aiohttp.ClientSession() as http:
        client = make_slack_client(TOKEN, base_url, session=http)
        sender = SlackSender(client, RateLimiter(workspace_per_minute=cap), sessions)
        worker = DeliveryWorker(sessions, {"slack": sender}, metrics=DeliveryMetrics())
        stop = asyncio.Event()
        started = time.perf_counter()
        task = asyncio.create_task(worker.run_forever(stop))
        try:
            while await settled(sessions, network) < total:
                if time.perf_counter() - started > timeout:
                    raise TimeoutError(f"only {await settled(sessions, network)} of {total} settled in {timeout} s")
                if task.done():
                    task.result()
                await asyncio.sleep(0.2)
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=30)
        return time.perf_counter() - started


# --- the experiments ----------------------------------------------------------------------------------


@dataclass
class Broadcast:
    rate_per_min: float
    fraction: float
    lost: int
    duplicated: int
    ratelimited: int
    seconds: float


async def broadcast(sessions: Any, emulator: Emulator, crowd: Crowd, cap: int) -> Broadcast:
    await emulator.ask("reset")
    await enqueue(sessions, crowd, "announcement", [datetime.now(UTC)] * len(crowd.people), "Ny kunngjering")
    n = len(crowd.people)
    seconds = await run_worker_until(sessions, emulator.base_url, cap, crowd.network, n, n / (cap / 60) * 2 + 60)
    posts = await emulator.ask("posts")
    times = sorted(at for _, at in posts["ok"])
    per_channel = Counter(channel for channel, _ in posts["ok"])
    rate = (len(times) - 1) / (times[-1] - times[0]) * 60 if len(times) > 1 else 0.0
    return Broadcast(rate, rate / cap, n - len(per_channel), sum(c - 1 for c in per_channel.values()),
                     posts["429"], seconds)


async def lateness(sessions: Any, emulator: Emulator, crowd: Crowd, cap: int, reminders: int,
                   spread: float) -> list[float]:
    """Seconds between each reminder's due time and its arrival, reminders due over `spread` seconds."""
    await emulator.ask("reset")
    people = Crowd(crowd.network, crowd.people[:reminders])
    start = datetime.now(UTC) + timedelta(seconds=2)
    dues = [start + timedelta(seconds=spread * i / reminders) for i in range(reminders)]
    await enqueue(sessions, people, "reminder", dues, "Frist i morgon")
    before = await settled(sessions, crowd.network)
    await run_worker_until(sessions, emulator.base_url, cap, crowd.network, before + reminders, spread + 60)
    posts = await emulator.ask("posts")
    arrived = {channel: at for channel, at in posts["ok"]}
    due_of = {dm_channel_id(slack_id): due for (_, _, slack_id), due in zip(people.people, dues, strict=True)}
    return [arrived[ch] - due.timestamp() for ch, due in due_of.items() if ch in arrived]


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]




async def bench(args: argparse.Namespace) -> list[tuple[str, str, str, bool | None]]:
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.sqlite3'}"
    engine = make_engine(url)
    await upgrade(engine)
    sessions = make_sessionmaker(engine)
    emulator = Emulator()
    try:
        await emulator.ask("limit", 1.0, args.cap)
        crowd = await seed(sessions, args.people)
        rss_before = rss_mb()
        runs = [await broadcast(sessions, emulator, crowd, args.cap) for _ in range(args.runs)]
        late_runs = [await lateness(sessions, emulator, crowd, args.cap, args.reminders, args.spread)
                     for _ in range(args.lateness_runs)]
    finally:
        await emulator.close()
        await engine.dispose()
        tmp.cleanup()
    pooled = [x for run in late_runs for x in run]
    med = statistics.median
    backend = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    print(f"broadcast to {args.people:,} people through the Slack emulator (1 msg/s per channel, workspace cap "
          f"{args.cap:,}/min), {backend}; {args.runs} broadcast run(s), {args.lateness_runs} lateness run(s) of "
          f"{args.reminders} reminders due over {args.spread:g} s; medians over runs\n")
    fraction, late_p99 = med(r.fraction for r in runs), med(p99(r) for r in late_runs)
    return [
        ("achieved rate / cap", f"{fraction:.3f} ({med(r.rate_per_min for r in runs):,.0f}/min)", ">= 0.9",
         fraction >= 0.9),
        ("messages lost", str(max(r.lost for r in runs)), "0", max(r.lost for r in runs) == 0),
        ("messages duplicated", str(max(r.duplicated for r in runs)), "0", max(r.duplicated for r in runs) == 0),
        ("429s from the emulator", str(max(r.ratelimited for r in runs)), "", None),
        ("broadcast time", f"{med(r.seconds for r in runs):.1f} s", "", None),
        ("reminder lateness p50", f"{med(statistics.median(r) for r in late_runs):.2f} s", "", None),
        ("reminder lateness p99", f"{late_p99:.2f} s (pooled {p99(pooled):.2f} s)", "< 2 s", late_p99 < 2),
        ("reminders arrived", f"{len(pooled):,} of {args.reminders * args.lateness_runs:,}", "all",
         len(pooled) == args.reminders * args.lateness_runs),
        ("peak RSS", f"{rss_mb():.0f} MB (before the broadcast {rss_before:.0f} MB)", "", None),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--cap", type=int, default=4000, help="workspace cap, messages per minute")
    parser.add_argument("--runs", type=int, default=1, help="broadcast runs")
    parser.add_argument("--lateness-runs", type=int, default=3)
    parser.add_argument("--reminders", type=int, default=300)
    parser.add_argument("--spread", type=float, default=10.0, help="seconds over which reminders fall due")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args(argv)
    rows = asyncio.run(bench(args))
    emit("delivery", rows, command="python -m bench.bench_delivery")


if __name__ == "__main__":
    main()
