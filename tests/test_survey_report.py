"""The secretariat's survey report: figures per question, response rates, and anonymity that holds.

Stories built on seed 001 (six questions to every chief executive, "presented without reference to
municipality") and seed 002 (a maturity self-assessment on a 1-5 scale, 15 of 18 answered).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

from handlers.surveys.report import build_report
from handlers.surveys.results import (
    QuestionSpec,
    Respondent,
    Response,
    SurveyResults,
    SurveySpec,
    coerce_answer,
    question_spec,
    survey_spec,
)
from tests.survey_report_data import SAMARBEID_OPTIONS, names_in, seed_001


def _question(report_json: dict[str, object], key: str) -> dict[str, object]:
    questions = report_json["questions"]
    assert isinstance(questions, list)
    return next(q for q in questions if q["id"] == key)


def test_secretariat_gets_the_seed_001_figures_from_twelve_municipalities():
    report = build_report(seed_001()).to_json()

    assert (report["survey"], report["anonymous"], report["suppressed"]) == ("ikt-status-2017", True, False)
    assert (report["invited"], report["submitted"]) == (15, 12)
    assert [q["id"] for q in report["questions"]] == [
        "arsverk", "samarbeid", "utfordringar", "tiltak", "regionalt", "bidrag"]

    arsverk = _question(report, "arsverk")
    assert arsverk == {"id": "arsverk", "type": "number", "answers": 12, "mean": 4.5, "median": 3.5}

    samarbeid = _question(report, "samarbeid")  # multiple choice: every option chosen counts
    assert samarbeid["answers"] == 12
    assert samarbeid["distribution"] == dict(zip(SAMARBEID_OPTIONS, [8, 6, 3, 2], strict=True))

    assert _question(report, "regionalt")["distribution"] == {"yes": 9, "no": 3}

    bidrag = _question(report, "bidrag")  # optional: eight answered it
    assert bidrag["answers"] == 8
    assert "mean" not in bidrag and "distribution" not in bidrag
    assert bidrag["texts"] == sorted(bidrag["texts"], key=str.casefold)


def test_the_challenges_compress_into_recurring_themes_without_municipalities():
    report = build_report(seed_001()).to_json()

    utfordringar = _question(report, "utfordringar")
    themes = [(t["theme"], t["count"]) for t in utfordringar["themes"]]
    assert themes[:2] == [("kompetanse", 6), ("kapasitet", 5)]  # "Kompetansen", "Kapasiteten" grouped
    assert ("informasjonstryggleik", 2) in themes
    assert ("manglande kompetanse", 2) in themes  # a recurring pair replaces its first word
    assert not any(t in {"og", "på", "for", "til", "dei", "lite"} for t, _ in themes)  # stop words gone

    tiltak = [(t["theme"], t["count"]) for t in _question(report, "tiltak")["themes"]]
    assert tiltak[:2] == [("samarbeid", 5), ("felles løysingar", 4)]
    bidrag = [(t["theme"], t["count"]) for t in _question(report, "bidrag")["themes"]]
    assert bidrag[0] == ("finansiering", 3)

    text = json.dumps(report, ensure_ascii=False)
    for name in names_in(seed_001()):
        assert name not in text


def test_answers_of_a_response_not_submitted_count_nowhere():
    report = build_report(seed_001()).to_json()
    assert "Alver: alt" not in _question(report, "utfordringar")["texts"]
    assert _question(report, "arsverk")["answers"] == 12  # Alver's 40 is not in the mean


def test_an_anonymous_survey_with_two_submitted_shows_nothing():
    results = seed_001()
    two = SurveyResults(results.survey, tuple(replace(r, submitted=i < 2) for i, r in enumerate(results.responses)))

    report = build_report(two)
    data = report.to_json()

    assert data["suppressed"] is True
    assert (data["invited"], data["submitted"]) == (15, 2)
    assert data["questions"] == []
    assert "response_rate" not in data and "responses" not in data
    assert report.rates is None and report.raw == ()


def test_a_region_with_two_responses_is_hidden_in_the_breakdown():
    rates = build_report(seed_001()).to_json()["response_rate"]

    by_region = {c["group"]: c for c in rates["by_region"]}
    assert by_region["Nordhordland"] == {"group": "Nordhordland", "invited": 3, "suppressed": True}
    # hiding one region alone would let 12 - 6 - 4 give it away: the next smallest is hidden too
    assert by_region["Hardanger"] == {"group": "Hardanger", "invited": 5, "suppressed": True}
    assert by_region["Sunnhordland"] == {"group": "Sunnhordland", "invited": 7, "submitted": 6, "rate": 0.8571}

    by_status = {c["group"]: c for c in rates["by_status"]}
    assert by_status["member"] == {"group": "member", "invited": 12, "submitted": 9, "rate": 0.75}
    assert by_status["invited"] == {"group": "invited", "invited": 3, "submitted": 3, "rate": 1.0}
    assert rates["overall"] == 0.8


def test_a_named_survey_shows_small_cells_and_names_organization_and_person():
    report = build_report(seed_001(anonymous=False)).to_json()

    assert report["anonymous"] is False
    assert {c["group"]: c.get("submitted") for c in report["response_rate"]["by_region"]} == {
        "Hardanger": 4, "Nordhordland": 2, "Sunnhordland": 6}
    first = report["responses"][0]
    assert first["organization"] == {"id": "4600", "name": "Bømlo"}
    assert first["person"]["name"] == "Bjørg Bømlo-Rådmann"
    assert first["answers"]["samarbeid"] == ["Nabokommunar", "Interkommunalt IKT-samarbeid"]
    assert len(report["responses"]) == 12  # only the submitted


def _maturity(answers: list[int], invited: int) -> SurveyResults:
    question = QuestionSpec("modenhet", "scale", "Korleis vurderer de den digitale modenheita?", min=1, max=5,
                            labels={1: "minimalt", 5: "transformert"})
    survey = SurveySpec("modenhet-2019", "Digital modenhet", (question,), anonymous=True)
    responses = tuple(
        Response(Respondent(str(n), f"Kommune {n}", "member", "Helgeland"),
                 submitted=n < len(answers), answers={"modenhet": answers[n]} if n < len(answers) else {})
        for n in range(invited)
    )
    return SurveyResults(survey, responses)


def test_seed_002_maturity_on_a_1_to_5_scale_fifteen_of_eighteen():
    answers = [2, 3, 3, 2, 4, 3, 1, 2, 3, 3, 4, 2, 3, 5, 3]
    report = build_report(_maturity(answers, 18)).to_json()

    modenhet = report["questions"][0]
    assert modenhet["answers"] == 15
    assert modenhet["mean"] == round(sum(answers) / 15, 2) == 2.87
    assert modenhet["median"] == 3
    # every step of the scale is listed, also the ones nobody chose
    assert modenhet["distribution"] == {"1": 1, "2": 4, "3": 7, "4": 2, "5": 1}
    assert report["response_rate"]["overall"] == round(15 / 18, 4)


def test_an_empty_question_has_no_mean_but_keeps_its_place():
    report = build_report(_maturity([], 0)).to_json()
    assert report["suppressed"] is True and report["invited"] == 0
    named = _maturity([], 3)
    named = SurveyResults(replace(named.survey, anonymous=False), tuple(replace(r, submitted=True)
                                                                        for r in named.responses))
    q = build_report(named).to_json()["questions"][0]
    assert q == {"id": "modenhet", "type": "scale", "answers": 0, "mean": None, "median": None,
                 "distribution": {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}}


def test_stored_answers_are_read_generously():
    number = QuestionSpec("n", "number")
    assert coerce_answer(number, "4.5") == 4.5 and coerce_answer(number, "mange") is None
    assert coerce_answer(number, True) is None
    assert coerce_answer(QuestionSpec("s", "scale"), 3.0) == 3
    assert coerce_answer(QuestionSpec("c", "choice"), "Anna") == ("Anna",)
    assert coerce_answer(QuestionSpec("y", "yes_no"), "nei") is False
    assert coerce_answer(QuestionSpec("d", "date"), "2017-10-17") == date(2017, 10, 17)
    assert coerce_answer(QuestionSpec("t", "text"), "   ") is None


def test_after_an_anonymous_survey_closes_the_unlinked_answers_still_make_the_report():
    """At close the link between respondents and answers is removed: storage hands the answers over
    without respondents, and the respondents as submitted without answers. The report is the same."""
    linked = seed_001()
    unlinked = SurveyResults(
        linked.survey,
        tuple(replace(r, answers={}) for r in linked.responses),
        unlinked=tuple(r.answers for r in linked.responses if r.submitted),
    )
    assert build_report(unlinked).to_json() == build_report(linked).to_json()


def test_the_survey_comes_from_the_network_file_or_a_storage_row():
    entry = {"id": "ikt-status-2017", "title": "Status og utfordringar på IKT-området", "respondent": "organization",
             "anonymous": True}
    questions = [
        {"id": "arsverk", "text": "Kor mange årsverk?", "type": "number", "min": 0},
        {"id": "modenhet", "text": "Modenheit?", "type": "scale", "min": 1, "max": 5,
         "labels": {1: "minimalt", 5: "transformert"}},
        {"id": "samarbeid", "text": "Kva samarbeid?", "type": "choice",
         "options": ["HALD-IKT", "Øyriket IKT", "Anna"], "multiple": True},
        {"id": "utfordringar", "text": "Kva utfordringar?", "type": "text", "required": False},
    ]
    survey = survey_spec(entry, questions)
    assert survey.key == "ikt-status-2017" and survey.anonymous and survey.respondent == "organization"
    assert [q.type for q in survey.questions] == ["number", "scale", "choice", "text"]
    assert survey.questions[0].min == 0 and survey.questions[1].labels == {1: "minimalt", 5: "transformert"}
    assert survey.questions[2].multiple and not survey.questions[3].required

    # a storage row: `key` for `id`, JSON labels with text keys
    row = SimpleNamespace(key="modenhet", type="scale", text="Modenheit?", min=1.0, max=5.0,
                          labels={"1": "minimalt", "5": "transformert"}, options=[], multiple=False, required=True)
    assert question_spec(row) == survey.questions[1]
