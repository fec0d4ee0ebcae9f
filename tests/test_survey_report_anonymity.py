"""Anonymity that holds, whatever the answers: no output of an anonymous survey (JSON, CSV, XLSX cells,
chat text) names an organization or a person, and nothing in it depends on who answered or when."""

from __future__ import annotations

import io
import json
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from handlers.surveys.report import build_report
from handlers.surveys.report_export import report_csv, report_xlsx
from handlers.surveys.report_messages import report_messages
from handlers.surveys.results import QuestionSpec, Respondent, Response, SurveyResults, SurveySpec
from messages.render_text import to_text

QUESTIONS = (
    QuestionSpec("antall", "number", "Kor mange årsverk?", min=0),
    QuestionSpec("modenhet", "scale", "Digital modenheit?", min=1, max=5, labels={1: "minimalt", 5: "transformert"}),
    QuestionSpec("samarbeid", "choice", "Kva samarbeid?", options=("HALD-IKT", "Øyriket IKT", "Anna"),
                 multiple=True),
    QuestionSpec("fylkesvis", "yes_no", "Fylkesvise løysingar?"),
    QuestionSpec("frist", "date", "Når?"),
    QuestionSpec("utfordringar", "text", "Kva utfordringar?", required=False),
    QuestionSpec("bidrag", "text", "Kva kan KS bidra med?", required=False),
)
SURVEY = SurveySpec("anonym", "Anonym kartlegging", QUESTIONS, anonymous=True)

# names the survey's own words, the catalog and the numbers can never contain: "Qz" + letters
name = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=3, max_size=8).map(lambda s: "Qz" + s)
answers = st.fixed_dictionaries({}, optional={
    "antall": st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 500), st.text(max_size=5)),
    "modenhet": st.integers(0, 6),
    "samarbeid": st.lists(st.sampled_from(["HALD-IKT", "Øyriket IKT", "Anna"]), max_size=3),
    "fylkesvis": st.booleans(),
    "frist": st.dates(date(2017, 1, 1), date(2030, 12, 31)),
    "utfordringar": st.text(max_size=60),
    "bidrag": st.lists(st.sampled_from(["kompetanse", "kapasitet", "og", "felles", "løysingar", "Kompetansen",
                                        "finansiering", "på", "=SUM(A1)", "\x00\x1b"]), max_size=6).map(" ".join),
})
respondent = st.builds(
    lambda org, person, status, region, submitted, given, hours: Response(
        Respondent(organization_id=f"id-{org}", organization_name=org, status=status, region=region,
                   person_name=person, person_email=f"{person.lower()}@{org.lower()}.kommune.no"),
        submitted=submitted, submitted_at=datetime(2017, 10, 3, tzinfo=UTC) + timedelta(hours=hours),
        answers=given),
    name, name, st.sampled_from(["member", "invited", "observer", "former", None]),
    st.sampled_from(["Sunnhordland", "Hardanger", "Nordhordland", None]), st.booleans(), answers,
    st.integers(0, 400),
)


def _outputs(results: SurveyResults, lang: str) -> list[str]:
    report = build_report(results)
    workbook = load_workbook(io.BytesIO(report_xlsx(report, lang)))
    cells = [str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row
             if v is not None]
    return [json.dumps(report.to_json(), ensure_ascii=False), report_csv(report, lang), "\n".join(cells),
            to_text(report_messages(report, lang), lang)]


def _names(results: SurveyResults) -> set[str]:
    return {n for r in results.responses for n in (r.respondent.organization_name, r.respondent.person_name,
                                                    r.respondent.person_email, r.respondent.organization_id) if n}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses=st.lists(respondent, max_size=9), lang=st.sampled_from(["nb", "nn", "en"]))
def test_no_output_of_an_anonymous_survey_names_an_organization_or_person(responses, lang):
    results = SurveyResults(SURVEY, tuple(responses))
    names = _names(results)
    typed = " ".join(str(v) for r in responses for v in r.answers.values()).casefold()
    assume(not any(n.casefold() in typed for n in names))  # a name the respondent typed is theirs to give

    for output in _outputs(results, lang):
        folded = output.casefold()
        assert not [n for n in names if n.casefold() in folded]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(responses=st.lists(respondent, min_size=3, max_size=9), seed=st.integers(0, 2**32))
def test_nothing_in_an_anonymous_report_depends_on_who_answered_or_when(responses, seed):
    """The same answers from other respondents, in another order, at other times: the same report."""
    results = SurveyResults(SURVEY, tuple(responses))
    rng = random.Random(seed)
    shuffled = list(responses)
    rng.shuffle(shuffled)
    others = tuple(
        replace(r, respondent=replace(r.respondent, organization_id=f"x{i}", organization_name=f"Andre {i}",
                                      person_name=None, person_email=None),
                submitted_at=(r.submitted_at or datetime(2017, 10, 1, tzinfo=UTC)) - timedelta(days=i))
        for i, r in enumerate(shuffled)
    )
    before, after = build_report(results), build_report(SurveyResults(SURVEY, others))
    assert before.to_json() == after.to_json()
    assert report_csv(before, "nb") == report_csv(after, "nb")
