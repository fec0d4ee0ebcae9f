"""Slack end to end: signed `message.im` events at a steady rate, until the answer reaches the Slack emulator.

    .venv/bin/python -m bench.bench_slack_e2e [--rate 50] [--seconds 30] [--layout split|single] [--db URL]

The bot is the real aiohttp web app (bot.web + attach_slack, HTTP events, access log and INFO logging to a
file as `digibot run` does) on 127.0.0.1, port 0, with the 400/5,000 network imported and every person
given a Slack user id. Its Web API calls go to a SlackApiEmulator (tests/emulators) on loopback.

Layouts: `split` (default) runs the bot in its own process and the emulator with the load generator in
this one, so the bot's event loop and peak memory are its own; `single` runs all three on one event loop.

The load is open-loop: request i is sent at t0 + i/rate whatever happened to earlier ones, each from a
different person (so the DM channel identifies the event) asking a question of the bench/bench_questions
mix. End to end = from just before the POST (after signing) to the emulator recording the first
chat.postMessage into that person's DM channel; ack = the POST's own round trip. Both on this process's
monotonic clock (the emulator runs here). Warm-up requests first (the snapshot build), not measured.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import multiprocessing
import os
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.bench_questions import Databases, Row, emit, import_into, percentile, question_mix, rss_mb, write_network
from bench.gen_network import NETWORK_ID
from bot.channels.slack.app import attach_slack
from bot.config import Settings
from bot.web import build_web_app
from storage.db import make_engine, make_sessionmaker
from tests.emulators.slack_api import SlackApiEmulator, dm_channel_id
from tests.emulators.slack_signing import event_callback, json_body, json_headers, message_im_event
from tests.service_up import free_port, wait_until_up

TOKEN = "xoxb-bench-e2e"
SECRET = "8f14e45fceea167a5a36dedd4bea2543"
WARMUP = 40
E2E_TARGET_MS = 100.0


class GcPauses:
    """The garbage collector's full (generation 2) collections while installed: how many, the longest (ms)."""

    def __init__(self) -> None:
        self.full: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif info["generation"] == 2:
            self.full.append((time.perf_counter() - self._started) * 1000)

    def summary(self) -> str:
        return f"{len(self.full)} full GCs, longest {max(self.full, default=0):.0f} ms"


# --- the bot --------------------------------------------------------------------------------------------


async def start_bot(db_url: str, api_url: str) -> tuple[int, Callable[[], Awaitable[None]]]:
    """The service's web app with Slack attached, on a loopback port; returns (port, close)."""
    engine = make_engine(db_url)
    app = build_web_app(engine)
    settings = Settings(slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=api_url,
                        network=NETWORK_ID)
    close_slack = await attach_slack(app, settings, make_sessionmaker(engine))
    runner = web.AppRunner(app)  # with the access log, like `digibot run`
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()

    async def close() -> None:
        await close_slack()
        await runner.cleanup()
        await engine.dispose()

    return int(runner.addresses[0][1]), close


async def start_bolt(_db_url: str, api_url: str) -> tuple[int, Callable[[], Awaitable[None]]]:
    """The peer: a bare slack-bolt AsyncApp on aiohttp, one message listener posting a fixed reply."""
    from slack_bolt.async_app import AsyncApp
    from slack_sdk.web.async_client import AsyncWebClient

    bolt = AsyncApp(token=TOKEN, signing_secret=SECRET, client=AsyncWebClient(token=TOKEN, base_url=api_url))

    @bolt.event("message")
    async def reply(event: dict, client: AsyncWebClient) -> None:
        await client.chat_postMessage(channel=event["channel"], text="Hei! Dette er eit fast svar.")

    runner = web.AppRunner(bolt.web_app(path="/slack/events"))  # with the access log, like digibot
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return int(runner.addresses[0][1]), runner.cleanup


async def start_service(db_url: str, api_url: str) -> tuple[int, Callable[[], Awaitable[None]]]:
    """`digibot run` itself (bot.service.serve: web app, Slack, scheduler, delivery worker) on a free port."""
    from bot.service import serve

    port = free_port()
    settings = Settings(database_url=db_url, host="127.0.0.1", port=port, network=NETWORK_ID, slack_bot_token=TOKEN,
                        slack_signing_secret=SECRET, slack_api_url=api_url)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop))
    await wait_until_up(f"http://127.0.0.1:{port}/healthz", 60)

    async def close() -> None:
        stop.set()
        await task

    return port, close


APPS: dict[str, Callable[[str, str], Awaitable[tuple[int, Callable[[], Awaitable[None]]]]]] = {
    "digibot": start_bot, "bolt": start_bolt, "service": start_service,
}


def _bot_process(conn: Connection, db_url: str, api_url: str, log_file: str, app: str) -> None:
    logging.basicConfig(level="INFO", filename=log_file, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    profile = os.environ.get("BENCH_PROFILE")  # a file: the app process runs under cProfile and dumps there
    traced = os.environ.get("BENCH_TRACEMALLOC")  # a file: tracemalloc in the app process, its snapshot there
    if traced:
        import tracemalloc

        tracemalloc.start(12)
        asyncio.run(_bot_main(conn, db_url, api_url, app, f"{traced}.{app}"))
        return
    if not profile:
        asyncio.run(_bot_main(conn, db_url, api_url, app))
        return
    import cProfile

    with cProfile.Profile() as profiler:
        asyncio.run(_bot_main(conn, db_url, api_url, app))
    profiler.dump_stats(f"{profile}.{app}")


async def _bot_main(conn: Connection, db_url: str, api_url: str, app: str, traced: str | None = None) -> None:
    pauses = GcPauses()
    port, close = await APPS[app](db_url, api_url)
    conn.send((port, rss_mb()))
    await asyncio.to_thread(conn.recv)  # "stop"
    if traced:  # what the app holds after the load, before shutting down
        import tracemalloc

        tracemalloc.take_snapshot().dump(traced)
    await close()
    conn.send((rss_mb(), pauses.summary()))


class BotProcess:
    def __init__(self, db_url: str, api_url: str, log_file: Path, app: str = "digibot") -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_bot_process, args=(child, db_url, api_url, str(log_file), app),
                                       daemon=True)
        self.process.start()

    def cpu_seconds(self) -> float:
        """The process's CPU time so far (user + system), from /proc."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    async def recv(self, timeout: float) -> object:
        if not await asyncio.to_thread(self.conn.poll, timeout):
            raise TimeoutError(f"the bot process said nothing in {timeout} s")
        return self.conn.recv()

    async def stop(self) -> tuple[float, str]:
        """Stop the bot; returns its peak RSS in MB and its GC pauses."""
        self.conn.send("stop")
        rss, pauses = await self.recv(60)  # type: ignore[misc]
        self.process.join(timeout=10)
        return rss, pauses


# --- the load -------------------------------------------------------------------------------------------


@dataclass
class Request:
    user: str
    body: bytes
    late: float = 0.0  # how much later than scheduled it was sent (s)
    sent: float = 0.0  # monotonic, just before the POST
    ack: float = 0.0  # the POST's round trip (s)
    status: int = 0


def requests_for(data: dict, n: int, seed: int) -> list[Request]:
    """`n` DMs from `n` different people (people indices drawn without replacement)."""
    rng = random.Random(seed)
    people = rng.sample(range(len(data["people"])), n)
    mix = question_mix(data, n, seed=seed)
    rng.shuffle(mix)
    return [Request(f"U0BENCH{i:05d}", json_body(event_callback(message_im_event(f"U0BENCH{i:05d}", question))))
            for i, (_, question) in zip(people, mix, strict=True)]


async def post(http: aiohttp.ClientSession, url: str, request: Request) -> None:
    headers = json_headers(SECRET, request.body)
    request.sent = time.monotonic()
    try:
        async with http.post(url, data=request.body, headers=headers) as response:
            await response.read()
            request.status = response.status
    except (aiohttp.ClientError, TimeoutError):
        request.status = -1
    request.ack = time.monotonic() - request.sent


async def send_open_loop(http: aiohttp.ClientSession, url: str, requests: list[Request], rate: float) -> None:
    """Request i goes out at t0 + i/rate, whether or not earlier ones were answered."""
    tasks = []
    t0 = time.monotonic() + 0.1
    for i, request in enumerate(requests):
        due = t0 + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        request.late = time.monotonic() - due
        tasks.append(asyncio.create_task(post(http, url, request)))
    await asyncio.gather(*tasks)


def first_answers(slack: SlackApiEmulator) -> dict[str, float]:
    """Channel -> emulator time of the first accepted chat.postMessage there."""
    arrived: dict[str, float] = {}
    for call in slack.calls_to("chat.postMessage"):
        if call.ok:
            arrived.setdefault(str(call.response["channel"]), call.at)
    return arrived


async def wait_for_answers(slack: SlackApiEmulator, requests: list[Request], timeout: float) -> dict[str, float]:
    channels = {dm_channel_id(r.user) for r in requests}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        arrived = first_answers(slack)
        if channels <= arrived.keys():
            break
        await asyncio.sleep(0.1)
    return first_answers(slack)


# --- the bench ------------------------------------------------------------------------------------------


@dataclass
class Run:
    """What one run measured."""

    app: str
    rate: float
    n: int
    e2e: list[float]  # ms, per answered request
    acks: list[float]  # ms
    lost: int
    failed: int
    achieved: float  # requests/s actually sent
    late_p99: float  # ms
    cpu_ms_per_dm: float | None  # the bot process's CPU time during the measured part, per request (split only)
    rss: float
    start_rss: float
    gc: str

    def p(self, q: float) -> float:
        return percentile(self.e2e or [float("inf")], q)


async def measure(url: str, data: dict, *, app: str = "digibot", rate: float = 50.0, seconds: float = 30.0,
                  layout: str = "split", seed: int = 11, workdir: Path) -> Run:
    """Start `app` against the imported database at `url`, warm it up, then send `rate` DMs/s for `seconds`."""
    n = int(rate * seconds)
    requests = requests_for(data, WARMUP + n, seed=seed)
    warmup, measured = requests[:WARMUP], requests[WARMUP:]
    async with SlackApiEmulator(token=TOKEN) as slack:
        bot: BotProcess | None = None
        if layout == "split":
            bot = BotProcess(url, slack.base_url, workdir / f"bot-{app}.log", app)
            port, start_rss = await bot.recv(90)  # type: ignore[misc]
            close = None
        else:
            logging.basicConfig(level="INFO", filename=workdir / "bot.log")
            pauses = GcPauses()  # from here on: the harness's work is in the same process
            port, close = await APPS[app](url, slack.base_url)
            start_rss = rss_mb()
        endpoint = f"http://127.0.0.1:{port}/slack/events"
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                         timeout=aiohttp.ClientTimeout(total=30)) as http:
            await send_open_loop(http, endpoint, warmup, rate=10)
            await wait_for_answers(slack, warmup, timeout=30)
            cpu_before = bot.cpu_seconds() if bot is not None else 0.0
            started = time.monotonic()
            await send_open_loop(http, endpoint, measured, rate)
            sending_s = time.monotonic() - started
            arrived = await wait_for_answers(slack, measured, timeout=30)
            cpu = (bot.cpu_seconds() - cpu_before) * 1000 / n if bot is not None else None
        bot_rss, gc_pauses = await bot.stop() if bot is not None else (rss_mb(), pauses.summary())
        if close is not None:
            await close()
    e2e = [(arrived[dm_channel_id(r.user)] - r.sent) * 1000 for r in measured if dm_channel_id(r.user) in arrived]
    return Run(app=app, rate=rate, n=n, e2e=e2e, acks=[r.ack * 1000 for r in measured],
               lost=len({dm_channel_id(r.user) for r in measured} - arrived.keys()),
               failed=sum(1 for r in measured if r.status != 200), achieved=len(measured) / sending_s,
               late_p99=percentile([r.late * 1000 for r in measured], 99), cpu_ms_per_dm=cpu, rss=bot_rss,
               start_rss=start_rss, gc=gc_pauses)


async def prepared(tmp: Path, db: str | None) -> tuple[Databases, str, dict, float]:
    """A fresh database with the 400/5,000 network (every person with a Slack id) imported."""
    dbs = Databases(tmp, db)
    path, data = write_network(tmp, slack_ids=True)
    url = await dbs.fresh()
    import_s = await import_into(url, path)
    del data["surveys"], data["deadlines"], data["meetings"]  # only names are needed from here on
    return dbs, url, data, import_s


async def bench(args: argparse.Namespace) -> tuple[list[Row], float]:
    with tempfile.TemporaryDirectory() as tmp:
        dbs, url, data, import_s = await prepared(Path(tmp), args.db)
        try:
            run = await measure(url, data, rate=args.rate, seconds=args.seconds, layout=args.layout,
                                workdir=Path(tmp))
        finally:
            await dbs.drop_all()
    p99 = run.p(99)
    where = ("bot in its own process; emulator and load generator in another" if args.layout == "split"
             else "bot, emulator and load generator on one event loop")
    print(f"\n{run.n:,} signed message.im events at {args.rate:g}/s ({run.achieved:.1f}/s achieved, send lag "
          f"p99 {run.late_p99:.1f} ms); {dbs.backend} (import {import_s:.2f} s); {where}; in the bot: {run.gc}")
    return [
        (f"Slack e2e p50 (signed POST -> chat.postMessage at the emulator, {args.rate:g}/s open loop, "
         f"{args.layout})", f"{run.p(50):.1f} ms", "", None),
        ("Slack e2e p99", f"{p99:.1f} ms (p90 {run.p(90):.1f} ms, max {max(run.e2e or [float('inf')]):.0f} ms)",
         f"< {E2E_TARGET_MS:g} ms", p99 < E2E_TARGET_MS),
        ("Slack ack p50 / p99", f"{percentile(run.acks, 50):.1f} / {percentile(run.acks, 99):.1f} ms", "", None),
        ("full GC pauses in the bot (whole run)", run.gc, "", None),
        ("Slack answers lost", f"{run.lost} of {run.n:,} (non-200 acks: {run.failed})", "0",
         run.lost == 0 and run.failed == 0),
        ("peak RSS, the bot process (Slack e2e)" if args.layout == "split" else
         "peak RSS, bot + emulator + import (Slack e2e, one process)",
         f"{run.rss:.0f} MB (when it started listening {run.start_rss:.0f} MB)", "< 200 MB", run.rss < 200),
    ], run.rss


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--layout", choices=["split", "single"], default="split")
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create a fresh database on")
    args = parser.parse_args(argv)
    if args.rate * args.seconds + WARMUP > 5000:
        parser.error("every request comes from another of the 5,000 people: lower --rate or --seconds")
    rows, bot_rss = asyncio.run(bench(args))
    # the bot's peak, not this harness's (which generated and imported the network)
    emit("slack_e2e", rows, command=f"python -m bench.bench_slack_e2e --layout {args.layout}",
         peak_rss_mb=round(bot_rss, 1), harness_peak_rss_mb=round(rss_mb(), 1))


if __name__ == "__main__":
    main()
