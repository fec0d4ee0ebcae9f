"""bench_survey_answers' last figure: the report of the stored responses, read from the database and built
with its charts, workbook, CSV and chat text (what `digibot survey report` and the Slack report do).

The responses are read the way storage/surveys.py gives them (`responses`), the organizations and people
from their tables; a survey of `respondent: organization` gets one Response per organization.
"""

from __future__ import annotations

import statistics
import time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bench.bench_survey_report import build_everything
from bench.gen_network import ANSWER_SURVEY, NETWORK_ID
from handlers.surveys.results import Respondent, Response, SurveyResults, survey_spec
from storage import surveys as store
from storage.db import make_engine, make_sessionmaker
from storage.models import Organization, Person, Survey, SurveyQuestion


async def results_from_database(session: AsyncSession, network_id: str, key: str) -> SurveyResults:
    survey = await session.scalar(select(Survey).where(Survey.network_id == network_id, Survey.key == key))
    assert survey is not None, key
    questions = await session.scalars(select(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id)
                                      .order_by(SurveyQuestion.position))
    spec = survey_spec(survey, questions)
    orgs = {o.id: o for o in await session.scalars(select(Organization).where(Organization.network_id == network_id))}
    names = dict((await session.execute(select(Person.id, Person.name).where(Person.network_id == network_id))).all())
    responses = []
    for stored in await store.responses(session, survey.id):
        org = orgs.get(stored.organization_id or 0)
        if org is None:
            continue
        who = None if survey.anonymous else names.get(stored.submitted_by or 0)
        responses.append(Response(Respondent(org.key, org.name, org.status, org.region, who), stored.submitted,
                                  stored.submitted_at, {k: a.value for k, a in stored.answers.items()}))
    return SurveyResults(spec, tuple(responses))


async def report_seconds(url: str, runs: int) -> tuple[float, float, float]:
    """(matplotlib's import, the first build, the median of the next `runs`), each build from the database."""
    started = time.perf_counter()
    import matplotlib.figure  # noqa: F401

    imported = time.perf_counter() - started
    engine = make_engine(url)
    times = []
    try:
        for _ in range(1 + max(1, runs)):
            t0 = time.perf_counter()
            async with make_sessionmaker(engine)() as session:
                results = await results_from_database(session, NETWORK_ID, ANSWER_SURVEY)
            charts, _ = build_everything(results)
            times.append(time.perf_counter() - t0)
            assert charts >= 5 and len(results.submitted) > 0, (charts, len(results.submitted))
    finally:
        await engine.dispose()
    return imported, times[0], statistics.median(times[1:])
