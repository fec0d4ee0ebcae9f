"""digibot next to a bare slack-bolt app on the same harness, in the same run, so the ratios hold on a noisy machine.

    .venv/bin/python -m bench.bench_slack_peer [--rounds 5] [--seconds 10] [--fast-seconds 15] [--db URL]

The harness is bench/bench_slack_e2e.py's (split layout: the app in its own process; the Slack emulator
and the open-loop load generator in this one). Runs, one after another on one imported 400/5,000 network:

1. `--rounds` rounds of the two apps at 50 DMs/s, `--seconds` each, in turn (bolt first in even rounds,
   digibot first in odd ones): the peer, a bare slack-bolt AsyncApp (aiohttp, one `message` listener that
   posts a fixed reply through the same emulator), and digibot (web app + Slack, as in bench_slack_e2e).
   Each run gives its p50 end-to-end latency and its CPU per DM (the app process's user + system time during
   the measured part, divided by the DMs); the ratios are of the two apps' medians over the rounds. On this
   2-core VM one app's CPU per DM moves by up to a third from one run to the next (both apps, in turns), so
   one pair of runs says little; the per-round ratios are printed too.
2. digibot at 300 DMs/s: p99 and answers lost;
3. `digibot run` itself (bot.service.serve: scheduler and delivery worker too) at 50 DMs/s: its peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from collections.abc import Iterable
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
            paired: dict[str, list[Run]] = {"bolt": [], "digibot": []}
            for r in range(args.rounds):
                for app in ("bolt", "digibot") if r % 2 == 0 else ("digibot", "bolt"):
                    paired[app].append(await _run(f"{app} {r + 1}", url, data, work, app, 50.0, args.seconds,
                                                  21 + r))
            fast = await _run("fast", url, data, work, "digibot", FAST_RATE, args.fast_seconds, 11)
            service = await _run("service", url, data, work, "service", 50.0, args.seconds, 12)
        finally:
            await dbs.drop_all()
    bolt, ours = paired["bolt"], paired["digibot"]
    bolt_p50, ours_p50 = _median(r.p(50) for r in bolt), _median(r.p(50) for r in ours)
    bolt_cpu, ours_cpu = _median(_cpu(r) for r in bolt), _median(_cpu(r) for r in ours)
    latency, cpu = _ratio(ours_p50, bolt_p50), _ratio(ours_cpu, bolt_cpu)
    rounds = f"{len(bolt)} rounds, medians"
    per_round = ", ".join(f"{_ratio(_cpu(o), _cpu(b)):.2f}" for b, o in zip(bolt, ours, strict=True))
    fast_ok = fast.p(99) < FAST_P99_MS and fast.lost == 0 and fast.failed == 0
    lost = sum(r.lost for r in (*bolt, *ours))
    return [
        (f"bare slack-bolt app, 50 DMs/s: p50 / p99 e2e, CPU per DM ({rounds})",
         f"{bolt_p50:.1f} / {_median(r.p(99) for r in bolt):.1f} ms, {bolt_cpu:.2f} ms", "", None),
        (f"digibot, 50 DMs/s: p50 / p99 e2e, CPU per DM ({rounds})",
         f"{ours_p50:.1f} / {_median(r.p(99) for r in ours):.1f} ms, {ours_cpu:.2f} ms", "", None),
        ("digibot / bolt p50 latency at 50 DMs/s", f"{latency:.2f}x", f"<= {RATIO_TARGET:g}x", latency <= RATIO_TARGET),
        ("digibot / bolt CPU per DM at 50 DMs/s", f"{cpu:.2f}x (rounds: {per_round})", f"<= {RATIO_TARGET:g}x",
         cpu <= RATIO_TARGET),
        ("answers lost at 50 DMs/s, both apps, all rounds", f"{lost}", "0", lost == 0),
        (f"digibot at {FAST_RATE:g} DMs/s: p99 e2e, lost",
         f"{fast.p(99):.0f} ms (p50 {fast.p(50):.0f} ms, {fast.achieved:.0f}/s sent), lost {fast.lost} of {fast.n:,}"
         f" (non-200 acks: {fast.failed})", f"p99 < {FAST_P99_MS:g} ms, 0 lost", fast_ok),
        ("`digibot run` (service, 5,000 people) peak RSS at 50 DMs/s",
         f"{service.rss:.0f} MB (listening {service.start_rss:.0f} MB; "
         f"bare bolt {_median(r.rss for r in bolt):.0f} MB)",
         f"< {RUN_RSS_MB:g} MB", service.rss < RUN_RSS_MB),
    ], service.rss


async def _run(name: str, url: str, data: dict, work: Path, app: str, rate: float, seconds: float, seed: int) -> Run:
    run = await measure(url, data, app=app, rate=rate, seconds=seconds, workdir=work, seed=seed)
    print(f"{name:>10} ({app}, {rate:g}/s, {run.n} DMs, {run.achieved:.0f}/s sent): p50 {run.p(50):.1f} ms, "
          f"p99 {run.p(99):.1f} ms, CPU {_cpu(run):.2f} ms/DM, lost {run.lost}, non-200 {run.failed}, "
          f"peak RSS {run.rss:.0f} MB; {run.gc}", flush=True)
    return run


def _cpu(run: Run) -> float:
    return run.cpu_ms_per_dm or 0.0


def _median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds of bolt and digibot at 50 DMs/s")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each 50 DMs/s run")
    parser.add_argument("--fast-seconds", type=float, default=15.0, help="length of the 300 DMs/s run")
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create a fresh database on")
    args = parser.parse_args(argv)
    rows, rss = asyncio.run(bench(args))
    emit("slack_peer", rows, command="python -m bench.bench_slack_peer", peak_rss_mb=round(rss, 1))


if __name__ == "__main__":
    main()
