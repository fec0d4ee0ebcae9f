"""`make bench`: every benchmark, each in its own process, and one Markdown table of the figures.

    .venv/bin/python -m bench.run [--only questions,slack_e2e,...] [--db postgresql://USER@HOST:PORT/DB] [--quick]

Each bench runs as `python -m bench.<module>` in a subprocess (so the peak RSS it reports is its own),
its output is passed through, and its last line `RESULT {json}` gives the rows: figure, measured,
target, ok. The table goes to stdout and to bench/out/results.md. `--db` runs the benches that can on
fresh databases of that PostgreSQL server instead of SQLite files (the delivery bench stays on SQLite);
`--quick` makes every bench smaller, for trying the machinery out (the figures are then not the real ones).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "results.md"


@dataclass
class Bench:
    name: str
    module: str
    args: list[str]
    timeout: float  # seconds
    takes_db: bool = True
    quick: list[str] = field(default_factory=list)  # the arguments instead of `args` with --quick


BENCHES = (
    Bench("questions", "bench.bench_questions", [], 240, quick=["--questions", "1000", "--rounds", "1",
                                                                "--imports", "1"]),
    Bench("slack_e2e", "bench.bench_slack_e2e", ["--rate", "50", "--seconds", "30"], 180,
          quick=["--rate", "50", "--seconds", "5"]),
    Bench("slack_peer", "bench.bench_slack_peer", ["--rounds", "5", "--seconds", "10", "--fast-seconds", "15"], 480,
          quick=["--rounds", "1", "--seconds", "4", "--fast-seconds", "3"]),
    Bench("planner", "bench.bench_planner", ["--runs", "5"], 240, quick=["--runs", "1"]),
    Bench("delivery", "bench.bench_delivery", [], 300, takes_db=False,
          quick=["--people", "600", "--cap", "1200", "--lateness-runs", "1", "--reminders", "50"]),
    Bench("outbox", "bench.bench_outbox", [], 300, quick=["--rows", "2000", "--runs", "1"]),
    Bench("cli", "bench.bench_cli", ["--runs", "10"], 180, quick=["--runs", "3"]),
    Bench("teams", "bench.bench_teams", ["--people", "900"], 240, quick=["--people", "150"]),
    Bench("run_start", "bench.bench_run_start", ["--rounds", "5"], 240, takes_db=False, quick=["--rounds", "1"]),
    Bench("survey_report", "bench.bench_survey_report", ["--runs", "5"], 120, takes_db=False,
          quick=["--runs", "2"]),
    Bench("email", "bench.bench_email", [], 300, quick=["--people", "500"]),
    Bench("survey_answers", "bench.bench_survey_answers", ["--rounds", "3"], 900,
          quick=["--rounds", "1", "--people", "60", "--think", "2", "--report-runs", "1"]),
)


@dataclass
class Outcome:
    bench: Bench
    command: str
    seconds: float
    rows: list[list]  # [figure, measured, target, ok]
    peak_rss_mb: float | None = None
    error: str | None = None


async def run_one(bench: Bench, db: str | None, quick: bool) -> Outcome:
    """Run one bench in a new process group, echoing its output; stop the group at the time limit."""
    argv = [*(bench.quick if quick else bench.args), *(["--db", db] if db and bench.takes_db else [])]
    command = " ".join(["python -m", bench.module, *argv])
    print(f"\n=== {bench.name}: {command}", flush=True)
    started = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", bench.module, *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        start_new_session=True, cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    result: dict | None = None
    error: str | None = None
    try:
        async with asyncio.timeout(bench.timeout):
            while line := (await proc.stdout.readline()).decode(errors="replace"):
                if line.startswith("RESULT "):
                    result = json.loads(line[len("RESULT "):])
                else:
                    print(f"  {line}", end="", flush=True)
            await proc.wait()
    except TimeoutError:
        error = f"stopped after the time limit of {bench.timeout:g} s"
        os.killpg(proc.pid, signal.SIGKILL)  # the bench and its own children (emulator, bot)
        await proc.wait()
    seconds = time.perf_counter() - started
    if error is None and proc.returncode != 0:
        error = f"exited with {proc.returncode}"
    if error is None and result is None:
        error = "printed no RESULT line"
    if error is not None:
        return Outcome(bench, command, seconds, [[f"{bench.name} bench", error, "", False]], error=error)
    assert result is not None
    return Outcome(bench, command, seconds, result["rows"], result.get("peak_rss_mb"))


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("yes" if ok else "**NO**")


def markdown(outcomes: list[Outcome], total_s: float, header: str) -> str:
    lines = [header, "", "| figure | measured | target | ok? |", "|---|---|---|---|"]
    for outcome in outcomes:
        rss = f", process peak RSS {outcome.peak_rss_mb:.0f} MB" if outcome.peak_rss_mb is not None else ""
        lines.append(f"| **{outcome.bench.name}** (`{outcome.command}`, {outcome.seconds:.0f} s{rss}) | | | |")
        for figure, measured, target, ok in outcome.rows:
            cells = [str(figure).strip(), str(measured), str(target), _verdict(ok)]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    missed = [str(r[0]).strip() for o in outcomes for r in o.rows if r[3] is False]
    lines += ["", f"Command: `make bench` (`.venv/bin/python -m bench.run`), {total_s / 60:.1f} min in all. "
              + (f"Missed: {'; '.join(missed)}." if missed else "Every target met.")]
    return "\n".join(lines) + "\n"


async def main_async(args: argparse.Namespace) -> int:
    chosen = [b for b in BENCHES if not args.only or b.name in args.only.split(",")]
    if not chosen:
        raise SystemExit(f"--only: choose among {', '.join(b.name for b in BENCHES)}")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    outcomes = [await run_one(bench, args.db, args.quick) for bench in chosen]
    total_s = time.perf_counter() - started
    header = (f"Measured {datetime.now():%Y-%m-%d %H:%M} on {platform.machine()} with {os.cpu_count()} CPUs, "
              f"Python {platform.python_version()}, {'PostgreSQL' if args.db else 'SQLite'}"
              f"{' (--quick: NOT the real figures)' if args.quick else ''}; load average "
              f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after. Latencies: medians over rounds of "
              "p50/p99 (see each bench's docstring).")
    table = markdown(outcomes, total_s, header)
    print("\n" + table, end="")
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(table, encoding="utf-8")
    print(f"(written to {OUT.relative_to(ROOT)})")
    return 1 if any(o.error for o in outcomes) else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", help="comma-separated bench names: " + ", ".join(b.name for b in BENCHES))
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: run on fresh databases of that server")
    parser.add_argument("--quick", action="store_true", help="smaller benches, to try the machinery out")
    sys.exit(asyncio.run(main_async(parser.parse_args(argv))))


if __name__ == "__main__":
    main()
