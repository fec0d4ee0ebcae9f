"""digibot next to a bare slack-bolt app on the same harness, in the same run, so the ratios hold on a noisy machine.

    .venv/bin/python -m bench.bench_slack_peer [--seconds 20] [--fast-seconds 15] [--db URL]

The harness is bench/bench_slack_e2e.py's (split layout: the app in its own process; the Slack emulator
and the open-loop load generator in this one). Runs, one after another on one imported 400/5,000 network:

1. the peer: a bare slack-bolt AsyncApp (aiohttp, one `message` listener that posts a fixed reply
   through the same emulator), 50 DMs/s;
2. digibot (web app + Slack, as in bench_slack_e2e), 50 DMs/s: p50 end-to-end latency and CPU per DM
   (the app process's user + system time during the measured part, divided by the DMs) as ratios to 1;
3. digibot at 300 DMs/s: p99 and answers lost;
4. `digibot run` itself (bot.service.serve: scheduler and delivery worker too) at 50 DMs/s: its peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from bench.bench_questions import Row, emit
from bench.bench_slack_e2e import Run, measure, prepared

RATIO_TARGET = 1.5
FAST_RATE = 300.0
FAST_P99_MS = 250.0
RUN_RSS_MB = 110.0


def _ratio(ours: float, theirs: float) -> float:
    return ours / theirs if theirs > 0 else float("inf")


async def bench(args: argparse.Namespace) -> tuple[list[Row], float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dbs, url, data, _ = await prepared(work, args.db)
        try:
            runs: dict[str, Run] = {}
            for name, app, rate, seconds, seed in (
                ("bolt", "bolt", 50.0, args.seconds, 21),
                ("digibot", "digibot", 50.0, args.seconds, 22),
                ("fast", "digibot", FAST_RATE, args.fast_seconds, 23),
                ("service", "service", 50.0, args.seconds, 24),
            ):
                runs[name] = run = await measure(url, data, app=app, rate=rate, seconds=seconds, workdir=work,
                                                 seed=seed)
                print(f"{name:>8} ({app}, {rate:g}/s, {run.n} DMs, {run.achieved:.0f}/s sent): p50 {run.p(50):.1f} ms, "
                      f"p99 {run.p(99):.1f} ms, CPU {run.cpu_ms_per_dm or 0:.2f} ms/DM, lost {run.lost}, "
                      f"non-200 {run.failed}, peak RSS {run.rss:.0f} MB; {run.gc}", flush=True)
        finally:
            await dbs.drop_all()
    bolt, ours, fast, service = runs["bolt"], runs["digibot"], runs["fast"], runs["service"]
    latency = _ratio(ours.p(50), bolt.p(50))
    cpu = _ratio(ours.cpu_ms_per_dm or 0.0, bolt.cpu_ms_per_dm or 0.0)
    fast_ok = fast.p(99) < FAST_P99_MS and fast.lost == 0 and fast.failed == 0
    return [
        ("bare slack-bolt app, 50 DMs/s: p50 / p99 e2e, CPU per DM",
         f"{bolt.p(50):.1f} / {bolt.p(99):.1f} ms, {bolt.cpu_ms_per_dm or 0:.2f} ms", "", None),
        ("digibot, 50 DMs/s: p50 / p99 e2e, CPU per DM",
         f"{ours.p(50):.1f} / {ours.p(99):.1f} ms, {ours.cpu_ms_per_dm or 0:.2f} ms", "", None),
        ("digibot / bolt p50 latency at 50 DMs/s", f"{latency:.2f}x", f"<= {RATIO_TARGET:g}x", latency <= RATIO_TARGET),
        ("digibot / bolt CPU per DM at 50 DMs/s", f"{cpu:.2f}x", f"<= {RATIO_TARGET:g}x", cpu <= RATIO_TARGET),
        (f"digibot at {FAST_RATE:g} DMs/s: p99 e2e, lost",
         f"{fast.p(99):.0f} ms (p50 {fast.p(50):.0f} ms, {fast.achieved:.0f}/s sent), lost {fast.lost} of {fast.n:,}"
         f" (non-200 acks: {fast.failed})", f"p99 < {FAST_P99_MS:g} ms, 0 lost", fast_ok),
        ("`digibot run` (service, 5,000 people) peak RSS at 50 DMs/s",
         f"{service.rss:.0f} MB (listening {service.start_rss:.0f} MB; bare bolt {bolt.rss:.0f} MB)",
         f"< {RUN_RSS_MB:g} MB", service.rss < RUN_RSS_MB),
    ], service.rss


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the 50 DMs/s runs")
    parser.add_argument("--fast-seconds", type=float, default=15.0, help="length of the 300 DMs/s run")
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create a fresh database on")
    args = parser.parse_args(argv)
    rows, rss = asyncio.run(bench(args))
    emit("slack_peer", rows, command="python -m bench.bench_slack_peer", peak_rss_mb=round(rss, 1))


if __name__ == "__main__":
    main()
