"""Question benchmark: import a 400-organization / 5,000-person network, then answer a realistic mix.

    .venv/bin/python -m bench.bench_questions [--questions 1500] [--rounds 3] [--imports 3] [--db URL] [--show N]

The network comes from bench/gen_network.py (seed 1, dates relative to today), written as YAML to a
temporary directory. Figures:
- import: the importer (`import_network` + commit) into a fresh, migrated database; median of `--imports`;
- first question: the first `Pipeline.reply`, which builds the network snapshot and the name index;
- per question: `Pipeline.reply` (session, revision check, parse, answer) after a warm-up, for a mix of
  nb/nn/en questions about people by role, projects, deadlines in a period, next meetings, population,
  counts, the fee, typos and unknown things, asked by random people; p50/p90/p99/max per round, and
  the median over rounds (the machines are noisy);
- peak RSS of this process (generation, imports and answers).

The helpers at the top (databases, the network file, percentiles, the RESULT line) are shared with the
other benches. `--db postgresql://USER@HOST:PORT/DB` uses DB as the maintenance database of a server on
which fresh databases are created and dropped again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import tempfile
import time
import unicodedata
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bench.gen_network import NETWORK_ID, build_large_network
from bot.pipeline import build_pipeline
from handlers.incoming import Incoming
from storage.db import make_engine, make_sessionmaker
from storage.importer import import_network
from storage.migrate import upgrade
from storage.models import Person

Row = tuple[str, str, str, bool | None]  # figure, measured, target, ok (None: no target)


# --- shared helpers -----------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def rss_mb() -> float:
    """This process's peak RSS so far, in MB.

    VmHWM where /proc has it: Linux's ru_maxrss carries the parent's peak over fork+exec, so a child
    spawned by a 150 MB process would report at least 150 MB; VmHWM starts afresh at exec.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def emit(bench: str, rows: list[Row], **extra: Any) -> None:
    """Print the table for a reader, then one `RESULT {json}` line for bench/run.py."""
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print(f"\n{'figure':<{width}}  {'measured':<{value_width}}  target")
    for name, value, target, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  MISSED")
        print(f"{name:<{width}}  {value:<{value_width}}  {target}{mark}".rstrip())
    print("RESULT " + json.dumps({"bench": bench, "rows": rows, "peak_rss_mb": round(rss_mb(), 1), **extra},
                                 ensure_ascii=False), flush=True)


def write_network(directory: Path, *, slack_ids: bool = False, today: date | None = None,
                  answering: bool = False) -> tuple[Path, dict]:
    """The 400/5,000 network as YAML in `directory`; with `slack_ids` every person has a Slack user id, with
    `answering` the network has the survey bench_survey_answers answers (gen_network.answering_survey)."""
    data = build_large_network(n_orgs=400, n_people=5000, seed=1, today=today, answering=answering)
    if slack_ids:
        for i, person in enumerate(data["people"]):
            person["slack_user_id"] = f"U0BENCH{i:05d}"  # the generator's own ids follow the same pattern
    path = directory / "network.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, data


class Databases:
    """Fresh, empty databases: SQLite files in `directory`, or PostgreSQL databases on the server of
    `pg_url` (created on demand, all dropped by `drop_all`)."""

    def __init__(self, directory: Path, pg_url: str | None = None) -> None:
        self.directory = directory
        self.pg_url = pg_url
        self.created: list[str] = []

    @property
    def backend(self) -> str:
        return "PostgreSQL" if self.pg_url else "SQLite"

    async def _admin(self, sql: str) -> None:
        import asyncpg

        assert self.pg_url is not None
        conn = await asyncpg.connect(self.pg_url.replace("+asyncpg", ""), timeout=10)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    async def fresh(self) -> str:
        name = f"digibot_bench_{uuid.uuid4().hex[:10]}"
        self.created.append(name)
        if self.pg_url is None:
            return f"sqlite:///{self.directory / (name + '.sqlite3')}"
        await self._admin(f'CREATE DATABASE "{name}"')
        return f"{self.pg_url.rsplit('/', 1)[0]}/{name}"

    async def drop_all(self) -> None:
        if self.pg_url is not None:
            for name in self.created:
                await self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.created.clear()


async def import_into(url: str, path: Path) -> float:
    """Migrate the empty database at `url`, then import `path`; returns the import's seconds."""
    engine = make_engine(url)
    try:
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        async with sessions() as session:
            started = time.perf_counter()
            await import_network(session, path)
            await session.commit()
            return time.perf_counter() - started
    finally:
        await engine.dispose()


# --- the question mix ---------------------------------------------------------------------------------

TEMPLATES: dict[str, tuple[str, ...]] = {
    "role": ("Hvem er koordinator i {org}?", "Kven er kommunedirektør i {org}?", "Who is the ICT lead in {org}?",
             "Hvem er prosjektleder i {org}?", "Who is the chief executive of {org}?"),
    "person": ("Hvem er {person}?", "Kva grupper er {person} med i?", "What is {person}'s email?",
               "Hvilke prosjekter leder {person}?"),
    "project": ("Hvem leder {project}?", "Kva er status for {project}?", "Which projects does {org} take part in?",
                "Hvilke prosjekter deltar {org} i?", "When does {project} end?"),
    "deadlines": ("Hvilke frister har vi de neste to ukene?", "Kva fristar er det i {month_nn}?",
                  "What deadlines are there next month?", "mine frister denne uka", "Hva skjer neste uke?",
                  "Which deadlines are there in the next 10 days?"),
    "meeting": ("Når er neste møte i {group}?", "Når er neste møte i {group}? Eg lurer på det",
                "When is the next meeting of the {group}?", "Hva står på agendaen for neste møte i {group}?",
                "Når var forrige møte i {group}?"),
    "population": ("Hvor mange innbyggere har {org}?", "Kor mange innbyggjarar har {org}?",
                   "What is the population of {org}?"),
    "count": ("Hvor mange medlemskommuner er det?", "Kor mange kommunar er med i {region}?",
              "How many projects are there?", "Hvilke kommuner er i {region}?", "Which is the smallest municipality?"),
    "fee": ("Hva betaler {org} i kontingent?", "Kva betaler {org}?", "What is {org}'s yearly fee?",
            "Hvordan regnes kontingenten ut?"),
    "typo": ("hvem er kordinator i {org_typo}", "kor mange innbyggarar har {org_folded}",
             "who is the cheif executive of {org_typo}", "hvem er {person_typo}", "hvem leder {project_typo}"),
    "unknown": ("Hva er meningen med livet?", "Kven er koordinator i Springfield?", "What's the weather tomorrow?",
                "Who won the world cup in 2022?", "Hvem er Ola Dunk?"),
}
MONTHS_NN = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
             "november", "desember")


def _typo(name: str, rng: random.Random) -> str:
    """One dropped or swapped letter (names of six letters or more)."""
    if len(name) < 6:
        return name
    i = rng.randrange(1, len(name) - 2)
    if rng.random() < 0.5:
        return name[:i] + name[i + 1:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def _folded(name: str) -> str:
    """Without æøå, as on a foreign keyboard."""
    name = name.translate(str.maketrans({"æ": "ae", "ø": "o", "å": "aa", "Æ": "Ae", "Ø": "O", "Å": "Aa"}))
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def question_mix(data: dict, n: int, seed: int = 7, today: date | None = None) -> list[tuple[str, str]]:
    """`n` (category, question) pairs, categories in turn, names drawn from the network file `data`
    (months: this one and the next five, where the generated deadlines lie)."""
    rng = random.Random(seed)
    this_month = (today or date.today()).month - 1
    months = [MONTHS_NN[(this_month + k) % 12] for k in range(6)]
    orgs = [o["name"] for o in data["organizations"]]
    people = [p["name"] for p in data["people"]]
    projects = [p["name"] for p in data["projects"]]
    groups = [g["name"].lower() if i > 1 else g["name"].lower()[:-1] + "a" for i, g in enumerate(data["groups"])]
    regions = sorted({o["region"] for o in data["organizations"]})
    categories = list(TEMPLATES)
    mix: list[tuple[str, str]] = []
    for i in range(n):
        category = categories[i % len(categories)]
        org, person, project = rng.choice(orgs), rng.choice(people), rng.choice(projects)
        question = rng.choice(TEMPLATES[category]).format(
            org=org, person=person, project=project, group=rng.choice(groups), region=rng.choice(regions),
            month_nn=rng.choice(months), org_typo=_typo(org, rng), org_folded=_folded(org).lower(),
            person_typo=_typo(person, rng), project_typo=_typo(project, rng).lower())
        mix.append((category, question))
    return mix


# --- the bench ----------------------------------------------------------------------------------------


async def bench(args: argparse.Namespace) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        dbs = Databases(Path(tmp), args.db)
        try:
            path, data = write_network(Path(tmp))
            urls = [await dbs.fresh() for _ in range(args.imports)]
            imports = [await import_into(url, path) for url in urls]
            rss_import = rss_mb()
            rounds, first, per_category = await answer(urls[-1], data, args)
        finally:
            await dbs.drop_all()
    pooled = [x for r in rounds for x in r]
    med = statistics.median
    p50, p90 = med(percentile(r, 50) for r in rounds), med(percentile(r, 90) for r in rounds)
    p99, worst = med(percentile(r, 99) for r in rounds), max(max(r) for r in rounds)
    print(f"\n{len(data['organizations'])} organizations, {len(data['people']):,} people, {dbs.backend}; "
          f"{len(rounds)} round(s) of {len(rounds[0]):,} questions after {args.warmup} warm-up questions")
    print("imports (s): " + ", ".join(f"{s:.2f}" for s in imports))
    print("per round p50/p90/p99/max (ms): " + "; ".join(
        f"{percentile(r, 50):.2f}/{percentile(r, 90):.2f}/{percentile(r, 99):.2f}/{max(r):.1f}" for r in rounds))
    print("per category p50/p99 (ms), pooled: " + ", ".join(
        f"{c} {percentile(v, 50):.1f}/{percentile(v, 99):.1f}" for c, v in per_category.items()))
    return [
        (f"import 400 orgs / 5,000 people ({dbs.backend}, median of {len(imports)})", f"{med(imports):.2f} s",
         "", None),
        ("first question (snapshot + name index build)", f"{first:.0f} ms", "", None),
        ("handler p50 (Pipeline.reply)", f"{p50:.2f} ms", "", None),
        ("handler p90", f"{p90:.2f} ms", "", None),
        ("handler p99", f"{p99:.2f} ms (pooled {percentile(pooled, 99):.2f} ms)", "< 20 ms", p99 < 20),
        ("handler max", f"{worst:.1f} ms", "", None),
        ("peak RSS, questions bench", f"{rss_mb():.0f} MB (after the imports {rss_import:.0f} MB)", "< 200 MB",
         rss_mb() < 200),
    ]


async def answer(url: str, data: dict, args: argparse.Namespace) -> tuple[list[list[float]], float,
                                                                            dict[str, list[float]]]:
    """Answer the mix through the real pipeline: (ms per question per round, first question ms, by category)."""
    engine = make_engine(url)
    try:
        sessions = make_sessionmaker(engine)
        responder = build_pipeline(sessions)
        async with sessions() as session:
            askers = list(await session.scalars(select(Person.id).where(Person.network_id == NETWORK_ID)))
        rng = random.Random(3)

        async def ask(text: str) -> float:
            incoming = Incoming(network_id=NETWORK_ID, person_id=rng.choice(askers), text=text, channel="slack")
            started = time.perf_counter()
            reply = await responder.reply(incoming)
            elapsed = (time.perf_counter() - started) * 1000
            if not reply.messages:
                raise AssertionError(f"no answer to {text!r}")
            return elapsed

        first = await ask("Hvem er koordinator i Bergen?")
        for _, question in question_mix(data, args.warmup, seed=99):
            await ask(question)
        if args.show:
            from messages.render_text import to_text

            for category, question in question_mix(data, args.show, seed=5):
                incoming = Incoming(network_id=NETWORK_ID, person_id=askers[0], text=question)
                reply = await responder.reply(incoming)
                print(f"[{category}] {question}\n    {to_text(reply.messages, reply.lang)[:300]!r}")
        rounds: list[list[float]] = []
        per_category: dict[str, list[float]] = {c: [] for c in TEMPLATES}
        for r in range(args.rounds):
            timings = []
            for category, question in question_mix(data, args.questions, seed=7 + r):
                timings.append(await ask(question))
                per_category[category].append(timings[-1])
            rounds.append(timings)
        return rounds, first, per_category
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--questions", type=int, default=1500, help="questions per round (>= 1,000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--imports", type=int, default=3, help="fresh imports to time")
    parser.add_argument("--db", help="postgresql://USER@HOST:PORT/DB: a server to create fresh databases on")
    parser.add_argument("--show", type=int, default=0, help="print N sample questions with their answers")
    args = parser.parse_args(argv)
    rows = asyncio.run(bench(args))
    emit("questions", rows, command="python -m bench.bench_questions")


if __name__ == "__main__":
    main()
