"""`digibot run` start time and resident memory, with and without Teams configured.

    .venv/bin/python -m bench.bench_run_start [--rounds 5] [--modes teams,none]

Each round starts the venv's `digibot run` once per mode (modes alternated, so that a busy machine slows
them alike) on a SQLite database that already holds the test network (tests/fixtures/network_testland.yaml):

    none   no chat credentials (what a Slack-less, Teams-less deployment pays)
    teams  TEAMS_APP_ID with TEAMS_ANONYMOUS=1 (no Entra token needed), the Bot Connector emulator on loopback

Figures per mode (medians of the rounds): seconds from spawn to the first 200 from /healthz, VmRSS then,
and for `teams` VmRSS after one question typed in Teams has been answered at the emulator (the first turn
loads what a turn needs) and the seconds from that POST to the answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from bench.bench_questions import Row, emit
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from tests.emulators.teams_connector import TeamsConnectorEmulator
from tests.service_up import free_port, wait_until_up
from tests.testbot import ROOT, import_file

DIGIBOT = str(Path(sys.executable).with_name("digibot"))
NETWORK = ROOT / "tests/fixtures/network_testland.yaml"
USER = "29:bjorn"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def prepare(path: Path) -> str:
    url = f"sqlite+aiosqlite:///{path}"
    engine = make_engine(url)
    await upgrade(engine)
    await import_file(make_sessionmaker(engine), NETWORK)
    await engine.dispose()
    return url


async def one_run(mode: str, db_url: str, emulator: TeamsConnectorEmulator) -> dict[str, float]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "WARNING",
           "DIGIBOT_NETWORK": "digikyst"}
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "TEAMS_APP_ID", "SMTP_HOST"):
        env.pop(name, None)
    if mode == "teams":
        env.update(TEAMS_APP_ID="app-digibot", TEAMS_ANONYMOUS="1")
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(DIGIBOT, "run", env=env, stdout=asyncio.subprocess.DEVNULL,
                                                   stderr=asyncio.subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    figures: dict[str, float] = {}
    try:
        try:
            await wait_until_up(f"{base}/healthz", 120, interval=0.01, alive=lambda: process.returncode is None)
        except ChildProcessError as exc:
            err = await process.stderr.read() if process.stderr else b""
            raise RuntimeError(f"digibot run exited: {err.decode()[-2000:]}") from exc
        async with aiohttp.ClientSession() as http:
            figures["start_s"] = time.perf_counter() - started
            figures["rss_up_mb"] = rss_mb(process.pid)
            if mode == "teams":
                before = len(emulator.sent)
                asked = time.perf_counter()
                async with http.post(f"{base}/api/messages",
                                     json=emulator.message(USER, "Hvem er koordinator i Rana?")) as response:
                    assert response.status == 202, response.status
                async with asyncio.timeout(30):
                    while len(emulator.sent) == before:
                        await asyncio.sleep(0.005)
                figures["first_answer_s"] = time.perf_counter() - asked
                await asyncio.sleep(0.2)
                figures["rss_answered_mb"] = rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
    return figures


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--modes", default="teams,none")
    args = parser.parse_args()
    modes = args.modes.split(",")
    results: dict[str, dict[str, list[float]]] = {m: {} for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        async with TeamsConnectorEmulator(enforce_limits=False) as emulator:
            emulator.add_user(USER, aad="aad-bjorn", email="bjorn.eriksen@rana.kommune.no", name="Bjørn Eriksen")
            for round_ in range(args.rounds + 1):  # the first round warms the OS file cache, not counted
                for mode in modes:
                    db_url = await prepare(Path(tmp) / f"{mode}-{round_}.db")
                    figures = await one_run(mode, db_url, emulator)
                    if round_ == 0:
                        continue
                    for name, value in figures.items():
                        results[mode].setdefault(name, []).append(value)
    rows: list[Row] = []
    for mode, figures in results.items():
        for name, values in figures.items():
            median = statistics.median(values)
            print(f"{mode:6} {name:16} median {median:8.3f}  runs {' '.join(f'{v:.3f}' for v in values)}")
            rows.append((f"digibot run ({mode}): {name}", f"{median:.3f}", "", None))
    emit("run_start", rows)


if __name__ == "__main__":
    asyncio.run(main())
