"""Survey answers through Slack: 400 organizations answer a 10-question survey at the same time.

    .venv/bin/python -m bench.bench_survey_answers [--rounds 3] [--think 8] [--ramp 10] [--people 400] [--db URL]
                                                   [--harness-gc]

Issue 7, item 10. The 400/5,000 network (bench/gen_network.py) with `answering_survey`: 10 questions of
every type (two numbers, two scales, yes/no, a single and a multiple choice, a date, a required and an
optional text), audience the chief executives (one person per organization), `respondent: organization`,
open now. The bot is the real aiohttp web app with Slack attached, in its own process (bench_slack_e2e's
BotProcess, so BENCH_PROFILE=FILE profiles it); the Slack emulator and the respondents run in this one.

Each of the 400 chief executives starts at a random moment of the first `--ramp` seconds: every second one
presses the invitation's Start button (`survey_start`, the survey's id), the others type `svar <id>`. Then
they answer the 10 questions one after the other as a person would in a Slack DM: the numbers, the date,
the texts and one scale typed ("ca. 4,5", "17. oktober 2025"), the other scale, yes/no and the single
choice pressed, the multiple choice one option pressed and then "Ferdig"; the buttons are the ones the bot
posted to the emulator, sent back as a signed block_actions payload of that message, as Slack does. Last,
"Send inn" is pressed (or "send" typed). Between a reply and the next action the person thinks for a time
drawn uniformly from [0.5, 1.5] x `--think` seconds (from the reply's last message, so Slack's one message
per second per DM never delays a reply).

Figures (medians over `--rounds`, each round a fresh database and a fresh bot process):
- latency per answer: from just before the signed POST to the emulator recording the bot's next
  chat.postMessage into that DM (both on this process's clock), p50 and p99 of the 11 posts per person
  that answer a question (the multiple choice takes two) and the submit; the start apart;
- replies that did not move on (a refusal, a repeated question: the conversation went wrong);
- answers lost: afterwards every organization's response in the database must hold all 10 answers and be
  submitted; anything less counts as lost;
- the bot process's peak RSS;
- the load generator's own garbage collector: while the respondents answer, this process (the emulator that
  records each answer's arrival, and the 400 respondents) runs with its collector frozen and off
  (`--harness-gc` leaves it on). With it on, its full collections (0.1 to 0.3 s: the emulator keeps every
  call) stopped the recording of whatever answer arrived meanwhile, and those answers were counted that much
  late although the bot had sent them in time. Its full collections are reported either way;
- the report from the database: the 400 stored responses read back (handlers/surveys/stored.py), the report with
  its 6 charts (PNG), the XLSX, the CSV and the chat text built; the first build and the median of the
  next ones (matplotlib's import apart, as in bench_survey_report).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from sqlalchemy import func, select

from bench.bench_questions import Databases, Row, emit, import_into, percentile, rss_mb, write_network
from bench.bench_slack_e2e import BotProcess, GcPauses
from bench.gen_network import ANSWER_SURVEY, NETWORK_ID
from bench.survey_answers_report import report_seconds
from bench.survey_respondents import QUESTIONS, STRAYS, Conversation, Inbox, Respondent
from storage.db import make_engine, make_sessionmaker
from storage.models import Survey
from storage.models_surveys import SurveyAnswer, SurveyResponse

LATENCY_TARGET_MS = 50.0
REPORT_TARGET_S = 2.0

# --- a round ----------------------------------------------------------------------------------------------


@dataclass
class Round:
    answers: list[float]  # ms, every post answering a question, and the submits
    starts: list[float]  # ms
    no_reply: int
    not_moved_on: int
    non_200: int
    complete: int  # responses in the database with 10 answers, submitted
    stored_answers: int
    rate: float  # posts/s while everyone was answering
    rss: float
    start_rss: float
    gc: str
    report: tuple[float, float, float]  # matplotlib import, first build, median of the next (s)
    people: int
    cpu_ms: float  # the bot process's CPU time per post (user + system)
    harness_cpu_ms: float  # this process's (emulator and respondents)
    acks: list[float]  # ms
    harness_gc: str  # this process's full collections while the respondents answered


def respondents(data: dict, seed: int) -> list[Respondent]:
    chiefs = [(i, p) for i, p in enumerate(data["people"]) if "chief_executive" in p["roles"]]
    return [Respondent(i, p["slack_user_id"], p["language"], random.Random(seed * 100_000 + i)) for i, p in chiefs]


@contextmanager
def quiet_harness(frozen: bool) -> Iterator[GcPauses]:
    """While the respondents answer: this process's full GC pauses, and with `frozen` its collector frozen and
    off, so that the load generator's own pauses are not counted as the bot's latency."""
    if frozen:
        gc.collect()
        gc.freeze()
        gc.disable()
    pauses = GcPauses()
    try:
        yield pauses
    finally:
        if frozen:
            gc.enable()
            gc.unfreeze()
        gc.callbacks.remove(pauses._callback)


async def check_database(url: str) -> tuple[int, int]:
    """(responses with all 10 answers and submitted, answers stored) for the bench's survey."""
    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            counts = (select(SurveyAnswer.response_id, func.count().label("n"))
                      .group_by(SurveyAnswer.response_id).subquery())
            rows = (await session.execute(
                select(counts.c.n, SurveyResponse.submitted_at)
                .join(counts, counts.c.response_id == SurveyResponse.id)
                .join(Survey, Survey.id == SurveyResponse.survey_id)
                .where(Survey.key == ANSWER_SURVEY, Survey.network_id == NETWORK_ID))).all()
    finally:
        await engine.dispose()
    return sum(1 for n, at in rows if n == QUESTIONS and at is not None), sum(n for n, _ in rows)


async def one_round(args: argparse.Namespace, seed: int, workdir: Path) -> Round:
    dbs = Databases(workdir, args.db)
    path, data = write_network(workdir, slack_ids=True, answering=True)
    url = await dbs.fresh()
    try:
        await import_into(url, path)
        people = respondents(data, seed)[:args.people]
        del data
        async with Inbox() as inbox:
            bot = BotProcess(url, inbox.base_url, workdir / f"bot-{seed}.log")
            port, start_rss = await bot.recv(90)  # type: ignore[misc]
            endpoint = f"http://127.0.0.1:{port}/slack/events"
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                             timeout=aiohttp.ClientTimeout(total=60)) as http:
                talk = Conversation(inbox, http, endpoint, args.think)
                ramp = random.Random(seed)
                t0 = time.monotonic() + 0.5
                cpu_before, own_before = bot.cpu_seconds(), time.process_time()
                with quiet_harness(not args.harness_gc) as harness_gc:
                    await asyncio.gather(*(talk.run(r, t0 + ramp.uniform(0, args.ramp)) for r in people))
                elapsed = time.monotonic() - t0
                cpu, own = bot.cpu_seconds() - cpu_before, time.process_time() - own_before
            rss, gc_pauses = await bot.stop()
        complete, stored = await check_database(url)
        report = await report_seconds(url, args.report_runs)
    finally:
        await dbs.drop_all()
    steps = [s for r in people for s in r.steps]
    return Round(
        answers=[s.ms for s in steps if s.kind != "start" and s.ms is not None],
        starts=[s.ms for s in steps if s.kind == "start" and s.ms is not None],
        no_reply=sum(1 for s in steps if s.ms is None), not_moved_on=sum(1 for s in steps if not s.moved_on),
        non_200=sum(1 for s in steps if s.status != 200), complete=complete, stored_answers=stored,
        rate=len(steps) / elapsed, rss=rss, start_rss=start_rss, gc=gc_pauses, report=report,
        people=len(people), cpu_ms=cpu * 1000 / max(1, len(steps)), harness_cpu_ms=own * 1000 / max(1, len(steps)),
        acks=[s.ack for s in steps], harness_gc=harness_gc.summary())


def rows_of(rounds: list[Round], n: int, args: argparse.Namespace) -> list[Row]:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    p50 = med([percentile(r.answers, 50) for r in rounds])
    p99s = [percentile(r.answers, 99) for r in rounds]
    p99 = med(p99s)
    lost = max(n * QUESTIONS - r.stored_answers + (n - r.complete) for r in rounds)
    first, build = med([r.report[1] for r in rounds]), med([r.report[2] for r in rounds])
    rss = max(r.rss for r in rounds)
    return [
        (f"per answer p50 (signed POST -> the bot's next message, {n} people at once, think "
         f"{args.think:g} s x [0.5, 1.5], median of {len(rounds)})", f"{p50:.1f} ms", "", None),
        ("per answer p99", f"{p99:.1f} ms (rounds: {', '.join(f'{v:.0f}' for v in p99s)}; p90 "
         f"{med([percentile(r.answers, 90) for r in rounds]):.1f} ms, max "
         f"{med([max(r.answers) for r in rounds]):.0f} ms)", f"< {LATENCY_TARGET_MS:g} ms",
         p99 < LATENCY_TARGET_MS),
        ("start (Start pressed or `svar <id>`) p50 / p99",
         f"{med([percentile(r.starts, 50) for r in rounds]):.1f} / "
         f"{med([percentile(r.starts, 99) for r in rounds]):.1f} ms", "", None),
        ("posts per second while answering; CPU per post, the bot (this harness); ack p50 / p99 (medians)",
         f"{med([r.rate for r in rounds]):.0f}/s ({len(rounds[0].answers) + len(rounds[0].starts):,} posts a "
         f"round); {med([r.cpu_ms for r in rounds]):.1f} ms ({med([r.harness_cpu_ms for r in rounds]):.1f} ms); "
         f"{med([percentile(r.acks, 50) for r in rounds]):.1f} / {med([percentile(r.acks, 99) for r in rounds]):.1f}"
         " ms", "", None),
        ("answers lost (worst round)", f"{lost} of {n * QUESTIONS:,}; submitted with 10 answers: "
         f"{min(r.complete for r in rounds)} of {n}", "0", lost == 0),
        ("replies missing / not moving on / non-200 acks (worst round)",
         f"{max(r.no_reply for r in rounds)} / {max(r.not_moved_on for r in rounds)} / "
         f"{max(r.non_200 for r in rounds)}", "0", all(r.no_reply + r.not_moved_on + r.non_200 == 0
                                                       for r in rounds)),
        ("full GC pauses in the bot (last round)", rounds[-1].gc, "", None),
        ("full GC pauses in this harness while answering (last round; "
         f"{'collector on' if args.harness_gc else 'collector frozen and off'})", rounds[-1].harness_gc, "", None),
        ("peak RSS, the bot process (highest round)",
         f"{rss:.0f} MB (when it started listening {max(r.start_rss for r in rounds):.0f} MB)", "< 200 MB",
         rss < 200),
        ("matplotlib import (once per process)", f"{rounds[0].report[0]:.2f} s", "", None),
        (f"report of {n} stored responses from the database + 6 charts + XLSX + CSV, median",
         f"{build:.2f} s (first build {first:.2f} s)", f"< {REPORT_TARGET_S:g} s", build < REPORT_TARGET_S),
    ]


async def bench(args: argparse.Namespace) -> tuple[list[Row], float]:
    rounds: list[Round] = []
    for k in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            found = await one_round(args, seed=k + 1, workdir=Path(tmp))
        rounds.append(found)
        print(f"round {k + 1}: answers p50 {percentile(found.answers, 50):.1f} ms, p99 "
              f"{percentile(found.answers, 99):.1f} ms (acks {percentile(found.acks, 50):.1f} / "
              f"{percentile(found.acks, 99):.1f} ms), {found.rate:.0f} posts/s, CPU {found.cpu_ms:.1f} ms/post "
              f"(harness {found.harness_cpu_ms:.1f}), "
              f"complete {found.complete}, "
              f"not moved on {found.not_moved_on}, bot RSS {found.rss:.0f} MB, report {found.report[2]:.2f} s",
              flush=True)
    for stray in STRAYS:
        print("  a reply that did not move on:", stray)
    backend = "PostgreSQL" if args.db else "SQLite"
    print(f"\n{backend}; bot in its own process, emulator and {rounds[0].people} respondents in another")
    return rows_of(rounds, rounds[0].people, args), max(r.rss for r in rounds)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--think", type=float, default=8.0, help="mean seconds between a reply and the next action")
    parser.add_argument("--ramp", type=float, default=10.0, help="the respondents start within this many seconds")
    parser.add_argument("--people", type=int, default=400, help="fewer respondents, to try the bench out")
    parser.add_argument("--report-runs", type=int, default=3)
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create fresh databases on")
    parser.add_argument("--harness-gc", action="store_true",
                        help="leave this process's garbage collector on while answering (the measurement before "
                             "2026-11-27 17:00: its pauses counted as latency)")
    args = parser.parse_args(argv)
    rows, bot_rss = asyncio.run(bench(args))
    emit("survey_answers", rows, command=f"python -m bench.bench_survey_answers --rounds {args.rounds} "
         f"--think {args.think:g}{' --harness-gc' if args.harness_gc else ''}", peak_rss_mb=round(bot_rss, 1),
         harness_peak_rss_mb=round(rss_mb(), 1))


if __name__ == "__main__":
    main()
