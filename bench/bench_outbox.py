"""Outbox throughput next to a peer: drain 20,000 rows with a no-op sender, digibot's worker and PgQueuer.

    .venv/bin/python -m bench.bench_outbox [--rows 20000] [--runs 3] [--batch 50] [--concurrency 100]
                                           [--db postgresql://postgres@127.0.0.1:5432/postgres]

Both run on the same PostgreSQL server, in one fresh database this bench creates and drops, one after
the other (alternating, `--runs` times each, each run on emptied and vacuumed tables), with the same
work per row: claim it, "send" it with a
no-op, mark it done. digibot: the production DeliveryWorker (bot.delivery.worker; claims with
FOR UPDATE SKIP LOCKED, records results in batches) on rows of the `outbox` table, with a sender that
returns at once. PgQueuer (a bench-only dependency: `pip install -e '.[bench]'`, done by `make bench`):
a QueueManager in drain mode over one asyncpg connection, with an async entrypoint that returns at
once; it dequeues with SKIP LOCKED and logs the finished jobs in batches. Both get the same batch size
and the same cap on jobs in flight (PgQueuer's max_concurrent_tasks, digibot's concurrency).

The filling is not timed; digibot's rows are put in as outbox.enqueue would (a bulk insert refreshes the
table's statistics: storage.outbox.refresh_statistics), PgQueuer's with its own enqueue. The work is not
quite equal, and the difference is in PgQueuer's favour: digibot's rows carry a rendered message (JSON)
that the worker decodes and hands to the sender in a Delivery, checks the lease of and counts in its
metrics, while PgQueuer's jobs carry no payload; PgQueuer also moves each finished job to its log table.

Figures: rows per second from the first claim to the last row marked done (medians over runs), their
ratio (digibot / PgQueuer, target >= 1.0), and the PostgreSQL connections each opened per drain
(counted by the client, and checked against pg_stat_database.sessions of the bench database).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import event, func, insert, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bench.bench_questions import emit
from bot.channels.base import Delivery
from bot.delivery.metrics import DeliveryMetrics
from bot.delivery.worker import DeliveryWorker
from messages.codec import message_to_dict
from messages.model import Message
from storage import outbox
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from storage.models import Network
from storage.models_notify import OutboxMessage

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


class NoopSender:
    async def send(self, row: Delivery) -> str | None:
        return None


def _dsn(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def pg_sessions(url: str) -> int:
    """Sessions ever opened to this database (the server's own count; flushed within about a second)."""
    await asyncio.sleep(1.2)
    conn = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        await conn.execute("SELECT pg_stat_clear_snapshot()")
        value = await conn.fetchval("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return int(value or 0) - 1  # not this one
    finally:
        await conn.close()


async def fresh_tables(url: str) -> None:
    """Every run starts alike: the rows of earlier runs gone and both queues' tables vacuumed."""
    conn = await asyncpg.connect(_dsn(url))
    try:
        await conn.execute("DELETE FROM outbox")
        for table in ("outbox", "pgqueuer", "pgqueuer_log"):
            await conn.execute(f"VACUUM ANALYZE {table}")
    finally:
        await conn.close()


# --- digibot ------------------------------------------------------------------------------------------


async def fill_outbox(sessions: async_sessionmaker[AsyncSession], network: str, n: int) -> None:
    now = datetime.now(UTC)
    body = message_to_dict(Message(title="Kunngjering", text="Ny kunngjering"))
    tag = uuid.uuid4().hex[:8]
    rows = [{"network_id": network, "key": f"bench:{tag}:{i}", "kind": "announcement", "person_id": None,
             "recipient": f"p{i}@bench.no", "channel": "slack", "lang": "nb", "message": body,
             "due_at": now - timedelta(seconds=1), "status": "pending", "attempts": 0, "created_at": now}
            for i in range(n)]
    async with sessions() as s:
        for start in range(0, n, 5000):
            await s.execute(insert(OutboxMessage), rows[start:start + 5000])
        await outbox.refresh_statistics(s, n)  # what outbox.enqueue does after a bulk insert
        await s.commit()


async def drain_digibot(engine: AsyncEngine, network: str, n: int, batch: int,
                        concurrency: int) -> tuple[float, float]:
    """Fill the outbox with `n` due rows, drain them; returns the seconds and CPU seconds of the drain."""
    sessions = make_sessionmaker(engine)
    await fill_outbox(sessions, network, n)
    metrics = DeliveryMetrics()
    worker = DeliveryWorker(sessions, {"slack": NoopSender()}, batch=batch, concurrency=concurrency,
                            metrics=metrics)
    stop = asyncio.Event()
    started, cpu = time.perf_counter(), time.process_time()
    task = asyncio.create_task(worker.run_forever(stop, idle_sleep=0.01))
    try:
        while metrics.sends.value(channel="slack") < n:  # counted once a row's "sent" is written
            if task.done():
                task.result()
            await asyncio.sleep(0.005)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=30)
    async with sessions() as s:
        left = await s.scalar(select(func.count()).where(OutboxMessage.network_id == network,
                                                         OutboxMessage.status != "sent"))
    assert left == 0, f"{left} rows not sent"
    return seconds, cpu


# --- PgQueuer -----------------------------------------------------------------------------------------


async def drain_pgqueuer(url: str, n: int, batch: int, concurrency: int,
                         connect: Callable[[], Any]) -> tuple[float, float]:
    """Enqueue `n` jobs, drain them; returns the seconds and CPU seconds of the drain."""
    from pgqueuer import QueueManager
    from pgqueuer.db import AsyncpgDriver
    from pgqueuer.models import Job
    from pgqueuer.queries import Queries
    from pgqueuer.types import QueueExecutionMode

    conn = await connect()
    try:
        queries = Queries(AsyncpgDriver(conn))
        for start in range(0, n, 5000):
            k = min(5000, n - start)
            await queries.enqueue(["noop"] * k, [None] * k, [0] * k)
        manager = QueueManager(queries)
        done = 0

        @manager.entrypoint("noop")
        async def noop(job: Job) -> None:
            nonlocal done
            done += 1

        started, cpu = time.perf_counter(), time.process_time()
        await manager.run(batch_size=batch, mode=QueueExecutionMode.drain, max_concurrent_tasks=concurrency,
                          dequeue_timeout=timedelta(seconds=0.05))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert done == n, f"PgQueuer ran {done} of {n} jobs"
        assert sum(x.count for x in await queries.queue_size()) == 0
        return seconds, cpu
    finally:
        await conn.close()


# --- the run ------------------------------------------------------------------------------------------


class Opened:
    """Counts the connections a peer opens."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_: Any) -> None:
        self.count += 1


async def run_digibot(url: str, args: argparse.Namespace) -> tuple[float, float, int]:
    engine = make_engine(url, **({"pool_size": args.pool_size} if args.pool_size else {}))
    opened = Opened()
    event.listen(engine.sync_engine, "connect", opened)
    try:
        seconds, cpu = await drain_digibot(engine, "bench", args.rows, args.batch, args.concurrency)
    finally:
        await engine.dispose()
    return seconds, cpu, opened.count


async def run_pgqueuer(url: str, args: argparse.Namespace) -> tuple[float, float, int]:
    opened = Opened()

    async def connect() -> Any:
        opened()
        return await asyncpg.connect(_dsn(url))

    seconds, cpu = await drain_pgqueuer(url, args.rows, args.batch, args.concurrency, connect)
    return seconds, cpu, opened.count


async def bench(args: argparse.Namespace) -> list[tuple[str, str, str, bool | None]]:
    from pgqueuer.queries import Queries

    admin = args.db
    name = f"bench_outbox_{uuid.uuid4().hex[:8]}"
    await _admin(admin, f'CREATE DATABASE "{name}"')
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    ours: list[float] = []
    theirs: list[float] = []
    cpu_ours: list[float] = []  # CPU µs per row drained (this process)
    cpu_theirs: list[float] = []
    conns: dict[str, list[int]] = {"digibot": [], "pgqueuer": []}
    server_conns: dict[str, list[int]] = {"digibot": [], "pgqueuer": []}
    try:
        setup = make_engine(url)
        await upgrade(setup)
        async with make_sessionmaker(setup)() as s:
            s.add(Network(id="bench", name="Benchnett"))
            await s.commit()
        await setup.dispose()
        conn = await asyncpg.connect(_dsn(url))
        await Queries.from_asyncpg_connection(conn).install()
        await conn.close()

        for run in range(args.runs):
            await fresh_tables(url)
            before = await pg_sessions(url)
            seconds, cpu, opened = await run_digibot(url, args)
            ours.append(args.rows / seconds)
            cpu_ours.append(cpu / args.rows * 1e6)
            conns["digibot"].append(opened)
            server_conns["digibot"].append(await pg_sessions(url) - before - 1)  # minus pg_sessions' own
            print(f"run {run + 1}: digibot  {ours[-1]:8,.0f} rows/s, {cpu_ours[-1]:4.0f} µs CPU/row, "
                  f"{opened} connections", flush=True)

            await fresh_tables(url)
            before = await pg_sessions(url)
            seconds, cpu, opened = await run_pgqueuer(url, args)
            theirs.append(args.rows / seconds)
            cpu_theirs.append(cpu / args.rows * 1e6)
            conns["pgqueuer"].append(opened)
            server_conns["pgqueuer"].append(await pg_sessions(url) - before - 1)
            print(f"run {run + 1}: PgQueuer {theirs[-1]:8,.0f} rows/s, {cpu_theirs[-1]:4.0f} µs CPU/row, "
                  f"{opened} connections", flush=True)
    finally:
        await _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    med = statistics.median
    ratio = med(ours) / med(theirs)
    print(f"\n{args.rows:,} rows drained with a no-op sender on PostgreSQL, batch {args.batch}, at most "
          f"{args.concurrency} in flight; {args.runs} run(s) each, alternating; medians\n")
    return [
        ("digibot worker", f"{med(ours):,.0f} rows/s", "", None),
        ("PgQueuer (same server, same work)", f"{med(theirs):,.0f} rows/s", "", None),
        ("ratio digibot / PgQueuer", f"{ratio:.2f}", ">= 1.0", ratio >= 1.0),
        ("CPU per row drained, digibot / PgQueuer",
         f"{med(cpu_ours):.0f} / {med(cpu_theirs):.0f} µs", "", None),
        ("PostgreSQL connections opened per drain (digibot)",
         f"{max(conns['digibot'])} (server count {max(server_conns['digibot'])})",
         f"<= pool size {args.pool_size}", max(conns["digibot"]) <= (args.pool_size or 5)),
        ("PostgreSQL connections opened per drain (PgQueuer)",
         f"{max(conns['pgqueuer'])} (server count {max(server_conns['pgqueuer'])})", "", None),
    ]




def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=50, help="rows per claim (PgQueuer: batch_size)")
    parser.add_argument("--concurrency", type=int, default=100,
                        help="rows in flight at most (PgQueuer: max_concurrent_tasks); digibot's pool size")
    parser.add_argument("--pool-size", type=int, default=None,
                        help="digibot's connection pool (default: the worker's own sizing; 0: SQLAlchemy's 5)")
    parser.add_argument("--db", default=ADMIN_URL, help="a PostgreSQL server (this bench makes its own database)")
    args = parser.parse_args(argv)
    if args.pool_size is None:
        args.pool_size = args.concurrency
    rows = asyncio.run(bench(args))
    emit("outbox", rows, command="python -m bench.bench_outbox")


if __name__ == "__main__":
    main()
