"""Planner benchmark: a tick that plans 10,000 reminders, and `digibot plan` for a month.

    .venv/bin/python -m bench.bench_planner [--runs 5] [--deadlines 50] [--audience 200] [--db URL]

- tick: the 400/5,000 network (bench/gen_network.py) with its deadlines replaced by 50 deadlines, each
  for a group of exactly 200 people and due tomorrow 12:00 with one reminder (P1D), i.e. due now; no
  meetings, surveys or digests, so that the tick plans exactly 10,000 deadline-person pairs. Timed:
  `plan_due` from a fresh session (snapshot load, planning, the outbox INSERTs, commit), on a fresh
  database each run; median of `--runs`. The snapshot load is also timed on its own.
- preview: `preview` (what `digibot plan` shows) for the next 30 days of the unchanged generated network,
  once, on a fresh database.
- peak RSS of this process.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import func, select

from bench.bench_questions import Databases, Row, emit, import_into, rss_mb, write_network
from bench.gen_network import NETWORK_ID, build_large_network
from handlers.notify.planner import plan_due, preview
from storage.db import make_engine, make_sessionmaker
from storage.models_notify import OutboxMessage
from storage.snapshot import SnapshotCache

TZ = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=TZ)  # a Wednesday; Thursday 5 March is a working day too
TARGET_S = 2.0


def tick_network(directory: Path, n_deadlines: int, audience: int) -> Path:
    """The generated network with `n_deadlines` deadlines for `audience` people each, all reminded at NOW."""
    data = build_large_network(n_orgs=400, n_people=5000, seed=1, today=NOW.date())
    rng = random.Random(5)
    emails = [p["email"] for p in data["people"]]
    for person in data["people"]:
        person["digest"] = "none"
    groups = [{"id": f"plan-{i:03d}", "name": f"Plangruppe {i}", "members": rng.sample(emails, audience)}
              for i in range(n_deadlines)]
    for group in groups:
        group["chair"] = group["members"][0]
    data["groups"] += groups
    due = (NOW + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data["deadlines"] = [{"id": f"d-plan-{i:03d}", "title": f"Planfrist {i}", "kind": "other", "due": due,
                          "audience": {"groups": [g["id"]]}, "contact": emails[0], "reminders": ["P1D"]}
                         for i, g in enumerate(groups)]
    data["meetings"], data["surveys"] = [], []
    path = directory / "tick.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


async def one_tick(url: str, path: Path) -> tuple[float, float, int]:
    """On a fresh database: (seconds of a cold `plan_due`, seconds of the snapshot load alone, rows inserted)."""
    await import_into(url, path)
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        async with sessions() as session:
            started = time.perf_counter()
            await SnapshotCache().get(session, NETWORK_ID)
            snapshot_s = time.perf_counter() - started
        async with sessions() as session:
            started = time.perf_counter()
            inserted = await plan_due(session, NETWORK_ID, NOW)
            tick_s = time.perf_counter() - started
        async with sessions() as session:
            stored = await session.scalar(select(func.count()).select_from(OutboxMessage))
        if inserted != stored:
            raise AssertionError(f"plan_due said {inserted} rows, the outbox holds {stored}")
        return tick_s, snapshot_s, inserted
    finally:
        await engine.dispose()


async def month_preview(url: str, path: Path) -> tuple[float, int]:
    await import_into(url, path)
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            now = datetime.now(UTC)
            started = time.perf_counter()
            rows = await preview(session, NETWORK_ID, now, now + timedelta(days=30), now)
            return time.perf_counter() - started, len(rows)
    finally:
        await engine.dispose()


async def bench(args: argparse.Namespace) -> list[Row]:
    pairs = args.deadlines * args.audience
    with tempfile.TemporaryDirectory() as tmp:
        dbs = Databases(Path(tmp), args.db)
        try:
            path = tick_network(Path(tmp), args.deadlines, args.audience)
            ticks = [await one_tick(await dbs.fresh(), path) for _ in range(args.runs)]
            network_path, _ = write_network(Path(tmp), today=date.today())
            preview_s, preview_rows = await month_preview(await dbs.fresh(), network_path)
        finally:
            await dbs.drop_all()
    if any(n != pairs for _, _, n in ticks):
        raise AssertionError(f"expected {pairs:,} rows per tick, got {[n for _, _, n in ticks]}")
    tick_s = [t for t, _, _ in ticks]
    snapshot_s = [s for _, s, _ in ticks]
    med = statistics.median(tick_s)
    print(f"\n{args.deadlines} deadlines x {args.audience} people = {pairs:,} reminders per tick, {dbs.backend}, "
          f"{args.runs} run(s) on fresh databases")
    print("plan_due (s): " + ", ".join(f"{t:.2f}" for t in tick_s)
          + "; snapshot load alone (s): " + ", ".join(f"{s:.2f}" for s in snapshot_s))
    return [
        (f"planner tick, {pairs:,} deadline-person pairs incl. outbox writes (median of {args.runs})",
         f"{med:.2f} s (max {max(tick_s):.2f} s; snapshot load {statistics.median(snapshot_s):.2f} s)",
         f"< {TARGET_S:g} s", med < TARGET_S),
        ("planner rows per second", f"{pairs / med:,.0f}", "", None),
        (f"preview, next 30 days of the 400/5,000 network ({preview_rows:,} rows)", f"{preview_s:.2f} s", "", None),
        ("peak RSS, planner bench", f"{rss_mb():.0f} MB", "", None),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--deadlines", type=int, default=50)
    parser.add_argument("--audience", type=int, default=200, help="people per deadline")
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create fresh databases on")
    args = parser.parse_args(argv)
    rows = asyncio.run(bench(args))
    emit("planner", rows, command="python -m bench.bench_planner")


if __name__ == "__main__":
    main()
