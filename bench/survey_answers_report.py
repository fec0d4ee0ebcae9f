"""bench_survey_answers' last figure: the report of the stored responses, read from the database and built
with its charts, workbook, CSV and chat text, the way `digibot survey report` does (handlers/surveys/stored.py
`load_results`, then bench_survey_report's `build_everything`). The network snapshot is loaded once before
the timing, as the running bot holds it in memory.
"""

from __future__ import annotations

import statistics
import time

from bench.bench_survey_report import build_everything
from bench.gen_network import ANSWER_SURVEY, NETWORK_ID
from handlers.surveys.stored import find_survey, load_results
from storage.db import make_engine, make_sessionmaker
from storage.snapshot import load_snapshot


async def report_seconds(url: str, runs: int) -> tuple[float, float, float]:
    """(matplotlib's import, the first build, the median of the next `runs`), each read from the database."""
    started = time.perf_counter()
    import matplotlib.figure  # noqa: F401

    imported = time.perf_counter() - started
    engine = make_engine(url)
    times = []
    try:
        async with make_sessionmaker(engine)() as session:
            network = await load_snapshot(session, NETWORK_ID)
        assert network is not None
        for _ in range(1 + max(1, runs)):
            t0 = time.perf_counter()
            async with make_sessionmaker(engine)() as session:
                survey = await find_survey(session, NETWORK_ID, ANSWER_SURVEY)
                assert survey is not None
                results = await load_results(session, network, survey)
            charts, _ = build_everything(results)
            times.append(time.perf_counter() - t0)
            assert charts >= 5 and len(results.submitted) > 0, (charts, len(results.submitted))
    finally:
        await engine.dispose()
    return imported, times[0], statistics.median(times[1:])
