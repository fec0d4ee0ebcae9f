"""`digibot ask` wall time: the whole command in a fresh process, as a person at a terminal waits for it.

    .venv/bin/python -m bench.bench_cli [--runs 10] [--db URL]

Two databases: the demo network (`digibot demo`, DigiVestland) and the 400/5,000 bench network. Each run
is `digibot ask --db URL --as EMAIL QUESTION` (the venv's console script) timed from spawn to exit;
median and p90 of `--runs` after one untimed run (the OS file cache; for SQLite also the stored snapshot,
storage/snapshot_file.py). The floor is `python -c "import sqlalchemy.ext.asyncio"`, measured in the same
rounds (one of each command per round), so that a busy machine slows both alike; `python -c pass` and
`digibot --help` are there for scale. The project is byte-compiled first (as an installed package is), so
that PYTHONDONTWRITEBYTECODE does not make every run compile it again.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_questions import Databases, Row, emit, import_into, percentile, write_network
from bot.cli.demo_network import DEMO_COORDINATOR

DIGIBOT = str(Path(sys.executable).with_name("digibot"))
TARGET_S = 0.5  # `digibot ask` on the 400/5,000 network
FLOOR = [sys.executable, "-c", "import sqlalchemy.ext.asyncio"]
ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "messages", "storage")


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or (command[1:2] == ["ask"] and not done.stdout.strip()):
        raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def wall_times(command: list[str], runs: int) -> list[float]:
    """Seconds per run of `command` (one untimed run first); fails loudly when the command fails."""
    _timed(command)
    return [_timed(command) for _ in range(runs)]


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Like `wall_times` for several commands, one of each per round."""
    for command in commands.values():
        _timed(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(_timed(command))
    return times


def show(name: str, times: list[float]) -> str:
    return f"{name}: median {statistics.median(times):.2f} s, p90 {percentile(times, 90):.2f} s, " \
           f"min {min(times):.2f} s, max {max(times):.2f} s"


def bench(args: argparse.Namespace) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        dbs = Databases(Path(tmp), args.db)
        try:
            demo_url = asyncio.run(dbs.fresh())
            subprocess.run([DIGIBOT, "demo", "--db", demo_url], capture_output=True, timeout=120, check=True)
            path, data = write_network(Path(tmp))
            bench_url = asyncio.run(dbs.fresh())
            asyncio.run(import_into(bench_url, path))
            bench_as = next(p["email"] for p in data["people"] if "coordinator" in p["roles"])
            org = data["organizations"][7]["name"]
            subprocess.run([sys.executable, "-m", "compileall", "-q", *(str(ROOT / d) for d in PACKAGES)],
                           capture_output=True, timeout=120, check=False)
            times = interleaved({
                "python -c pass": [sys.executable, "-c", "pass"],
                "floor: import sqlalchemy.ext.asyncio": FLOOR,
                "digibot --help": [DIGIBOT, "--help"],
                "ask, demo network": [DIGIBOT, "ask", "--db", demo_url, "--as", DEMO_COORDINATOR,
                                      "Kven er koordinator i Voss?"],
                "ask, 400/5,000 network": [DIGIBOT, "ask", "--db", bench_url, "--as", bench_as,
                                           f"Hvem er koordinator i {org}?"],
            }, args.runs)
        finally:
            asyncio.run(dbs.drop_all())
    print(f"\n{args.runs} runs each, {dbs.backend}")
    for name, measured in times.items():
        print(show(name, measured))
    demo, large, floor = times["ask, demo network"], times["ask, 400/5,000 network"], times[
        "floor: import sqlalchemy.ext.asyncio"]
    med_demo, med_large, med_floor = statistics.median(demo), statistics.median(large), statistics.median(floor)
    return [
        (f"`digibot ask` wall time, demo network (median / p90 of {args.runs})",
         f"{med_demo:.2f} / {percentile(demo, 90):.2f} s", f"< {TARGET_S:g} s", med_demo < TARGET_S),
        (f"`digibot ask` wall time, 400/5,000 network (median / p90 of {args.runs})",
         f"{med_large:.2f} / {percentile(large, 90):.2f} s", f"< {TARGET_S:g} s", med_large < TARGET_S),
        ("  floor `python -c \"import sqlalchemy.ext.asyncio\"` (median), and ask / floor",
         f"{med_floor:.2f} s, {med_large / med_floor:.2f}x", "", None),
        ("  interpreter start / CLI imports (`python -c pass` / `digibot --help`)",
         f"{statistics.median(times['python -c pass']):.2f} / {statistics.median(times['digibot --help']):.2f} s",
         "", None),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create fresh databases on")
    args = parser.parse_args(argv)
    emit("cli", bench(args), command="python -m bench.bench_cli")


if __name__ == "__main__":
    main()
