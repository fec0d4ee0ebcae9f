"""The survey report of 400 responses to a 10-question survey: figures, 6 charts (PNG), XLSX, CSV, chat text.

    .venv/bin/python -m bench.bench_survey_report [--runs 5] [--responses 400]

Issue 7, item 10: the time to build the report with charts and XLSX for 400 responses (target under 2 s).
The first run pays for matplotlib's first drawing (fonts); the figure is the median of the runs after it
and the first run is reported as well. matplotlib's import is reported apart (the bot never pays for it
at start-up: it is imported when the first chart is drawn).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from bench.bench_questions import Row, emit, rss_mb
from handlers.surveys.results import QuestionSpec, Respondent, Response, SurveyResults, SurveySpec

OPTIONS = ("HALD-IKT", "Øyriket IKT", "Vertskommune", "Anna", "Ingen")
WORDS = ("kompetanse", "kapasitet", "tryggleik", "felles", "løysingar", "økonomi", "rekruttering", "drift",
         "samarbeid", "og", "på", "for", "lite", "manglande", "system")
QUESTIONS = (
    QuestionSpec("arsverk", "number", "Årsverk IKT?", min=0),
    QuestionSpec("budsjett", "number", "IKT-budsjett (kr)?", min=0),
    *(QuestionSpec(f"modenhet-{area}", "scale", f"Modenheit: {area}?", min=1, max=5, labels={1: "låg", 5: "høg"})
      for area in ("velferd", "oppvekst", "innkjøp")),
    QuestionSpec("samarbeid", "choice", "Kva samarbeid?", options=OPTIONS, multiple=True),
    QuestionSpec("leverandor", "choice", "Hovudleverandør?", options=OPTIONS[:4]),
    QuestionSpec("regionalt", "yes_no", "Regionale løysingar?"),
    QuestionSpec("utfordringar", "text", "Utfordringar?"),
    QuestionSpec("tiltak", "text", "Tiltak?"),
)


def survey_results(*, anonymous: bool, n: int = 400, seed: int = 7) -> SurveyResults:
    """`n` submitted responses to the 10 questions, from organizations in 7 regions."""
    rng = random.Random(seed)
    responses = []
    for i in range(n):
        answers: dict[str, object] = {
            "arsverk": round(rng.uniform(0.5, 40), 1), "budsjett": rng.randint(100_000, 30_000_000),
            "modenhet-velferd": rng.randint(1, 5), "modenhet-oppvekst": rng.randint(1, 5),
            "modenhet-innkjøp": rng.randint(1, 5), "samarbeid": rng.sample(OPTIONS, rng.randint(1, 3)),
            "leverandor": rng.choice(OPTIONS[:4]), "regionalt": rng.random() < 0.7,
            "utfordringar": " ".join(rng.choices(WORDS, k=rng.randint(3, 12))).capitalize(),
            "tiltak": " ".join(rng.choices(WORDS, k=rng.randint(2, 8))).capitalize(),
        }
        responses.append(Response(
            Respondent(str(i), f"Kommune {i}", rng.choice(["member", "invited"]), f"Region {i % 7}",
                       f"Person {i}", f"p{i}@k{i}.no"),
            submitted=True, answers=answers))
    return SurveyResults(SurveySpec("stor", "Stor kartlegging", QUESTIONS, anonymous=anonymous), tuple(responses))


def build_everything(results: SurveyResults, lang: str = "nb") -> tuple[int, int]:
    """The report with charts, workbook, CSV and chat text; (number of charts, workbook bytes)."""
    from handlers.surveys.report import build_report
    from handlers.surveys.report_charts import report_charts
    from handlers.surveys.report_export import report_csv, report_xlsx
    from handlers.surveys.report_messages import report_messages

    report = build_report(results)
    charts = report_charts(report, lang)
    workbook = report_xlsx(report, lang)
    report_csv(report, lang)
    report_messages(report, lang)
    return len(charts), len(workbook)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--responses", type=int, default=400)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    import matplotlib.figure  # noqa: F401

    imported = time.perf_counter()
    rows: list[Row] = [("matplotlib import (once per process)", f"{imported - started:.2f} s", "", None)]
    for anonymous in (True, False):
        results = survey_results(anonymous=anonymous, n=args.responses)
        times = []
        for _ in range(max(1, args.runs)):
            t0 = time.perf_counter()
            build_everything(results)
            times.append(time.perf_counter() - t0)
        median = statistics.median(times[1:] or times)
        kind = "anonymous" if anonymous else "named, with the responses sheet"
        rows.append((f"report + 6 charts + XLSX, {args.responses} x 10 ({kind}), median", f"{median:.2f} s",
                     "< 2 s", median < 2.0))
        rows.append((f"  the first run ({kind})", f"{times[0]:.2f} s", "", None))
    rows.append(("peak RSS, survey report bench", f"{rss_mb():.0f} MB", "", None))
    emit("survey_report", rows, command="python -m bench.bench_survey_report")


if __name__ == "__main__":
    main()
