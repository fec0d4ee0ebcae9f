"""The report of a survey: per question the figures, the response rates, and for an anonymous
survey the rules that keep it anonymous.

`build_report(results)` is pure: it takes `SurveyResults` (handlers/surveys/results.py) and returns a
`SurveyReport`, which `to_json()` turns into the `digibot survey report --json` shape (DESIGN.md).

Anonymity (issue 7, item 6): for `anonymous: true` nothing names an organization or a person (no
raw responses are kept in the report at all); while fewer than `MIN_SUBMITTED` responses are
submitted the report is `suppressed` and carries no figures; breakdowns hide cells under 3
(breakdown.py); free-text answers are sorted by their text, an order unrelated to who or when.
For a survey that is not anonymous `raw` holds every submitted response with its organization
and person, for the exports.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from handlers.surveys.breakdown import RateCell, ResponseRates, response_rates
from handlers.surveys.results import (
    AnswerValue,
    QuestionSpec,
    QuestionType,
    Respondent,
    RespondentKind,
    SurveyResults,
    answers_of,
    coerce_answer,
)
from handlers.surveys.themes import Theme, themes

MIN_SUBMITTED = 3  # an anonymous survey shows nothing while fewer responses than this are submitted


@dataclass(frozen=True)
class QuestionReport:
    key: str
    type: QuestionType
    text: str
    answers: int
    mean: float | None = None  # number, scale
    median: float | None = None  # number, scale
    distribution: tuple[tuple[str, int], ...] | None = None  # scale value / option / "yes"|"no" -> count
    labels: tuple[tuple[str, str], ...] = ()  # distribution key -> its label in the survey (scale labels)
    texts: tuple[str, ...] | None = None  # text: every answer, sorted by text
    themes: tuple[Theme, ...] = ()  # text: recurring themes

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.key, "type": self.type, "answers": self.answers}
        if self.type in ("number", "scale"):
            out["mean"] = None if self.mean is None else round(self.mean, 2)
            out["median"] = self.median
        if self.distribution is not None:
            out["distribution"] = dict(self.distribution)
        if self.texts is not None:
            out["texts"] = list(self.texts)
            out["themes"] = [{"theme": t.label, "count": t.count} for t in self.themes]
        return out


@dataclass(frozen=True)
class RawResponse:
    """One submitted response of a survey that is not anonymous: who, and the answers by question key."""

    respondent: Respondent
    answers: tuple[tuple[str, AnswerValue | None], ...]
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class SurveyReport:
    survey: str  # the survey's id (key)
    title: str
    anonymous: bool
    respondent: RespondentKind
    invited: int
    submitted: int
    suppressed: bool
    questions: tuple[QuestionReport, ...]  # empty when suppressed
    question_texts: tuple[tuple[str, str, QuestionType], ...]  # (key, text, type) of every question
    rates: ResponseRates | None  # None when suppressed
    raw: tuple[RawResponse, ...] = ()  # only for a survey that is not anonymous

    @property
    def response_rate(self) -> float | None:
        return self.submitted / self.invited if self.invited else None

    def to_json(self) -> dict[str, Any]:
        """The `digibot survey report --json` object (DESIGN.md, "Command line")."""
        out: dict[str, Any] = {
            "survey": self.survey,
            "title": self.title,
            "anonymous": self.anonymous,
            "respondent": self.respondent,
            "invited": self.invited,
            "submitted": self.submitted,
            "suppressed": self.suppressed,
            "questions": [q.to_json() for q in self.questions],
        }
        if self.rates is not None:
            out["response_rate"] = {
                "overall": _rate(self.rates.rate),
                "by_status": [_cell_json(c) for c in self.rates.by_status],
                "by_region": [_cell_json(c) for c in self.rates.by_region],
            }
        if self.raw:
            out["responses"] = [_raw_json(r) for r in self.raw]
        return out


def build_report(results: SurveyResults) -> SurveyReport:
    survey = results.survey
    submitted = results.submitted
    suppressed = survey.anonymous and len(submitted) < MIN_SUBMITTED
    questions: tuple[QuestionReport, ...] = ()
    rates: ResponseRates | None = None
    raw: tuple[RawResponse, ...] = ()
    if not suppressed:
        answer_sets = results.submitted_answers
        questions = tuple(question_report(q, answers_of(q, answer_sets)) for q in survey.questions)
        rates = response_rates(results.responses, anonymous=survey.anonymous)
        if not survey.anonymous:
            raw = tuple(
                RawResponse(
                    respondent=r.respondent,
                    answers=tuple((q.key, coerce_answer(q, r.answers.get(q.key))) for q in survey.questions),
                    submitted_at=r.submitted_at,
                )
                for r in sorted(submitted, key=lambda r: (r.respondent.organization_name,
                                                          r.respondent.person_name or ""))
            )
    return SurveyReport(
        survey=survey.key,
        title=survey.title,
        anonymous=survey.anonymous,
        respondent=survey.respondent,
        invited=len(results.responses),
        submitted=len(submitted),
        suppressed=suppressed,
        questions=questions,
        question_texts=tuple((q.key, q.text, q.type) for q in survey.questions),
        rates=rates,
        raw=raw,
    )


def question_report(question: QuestionSpec, values: list[AnswerValue]) -> QuestionReport:
    """The figures of one question from its answers (already coerced to its type)."""
    base: dict[str, Any] = {"key": question.key, "type": question.type, "text": question.text,
                            "answers": len(values)}
    if question.type in ("number", "scale"):
        numbers = [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        if numbers:
            base["mean"] = statistics.fmean(numbers)
            median = statistics.median(numbers)
            base["median"] = int(median) if float(median).is_integer() else median
    if question.type == "scale":
        base["distribution"] = _scale_distribution(question, values)
        base["labels"] = tuple((str(k), v) for k, v in sorted(question.labels.items()))
    elif question.type == "choice":
        base["distribution"] = _choice_distribution(question, values)
    elif question.type == "yes_no":
        yes = sum(1 for v in values if v is True)
        base["distribution"] = (("yes", yes), ("no", sum(1 for v in values if v is False)))
    elif question.type == "text":
        texts = sorted((str(v) for v in values), key=lambda s: (s.casefold(), s))
        base["texts"] = tuple(texts)
        base["themes"] = tuple(themes(texts))
    return QuestionReport(**base)


def _scale_distribution(question: QuestionSpec, values: list[AnswerValue]) -> tuple[tuple[str, int], ...]:
    counts: dict[int, int] = {}
    if question.min is not None and question.max is not None and question.max - question.min <= 100:
        counts = {v: 0 for v in range(int(question.min), int(question.max) + 1)}
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool):
            counts[v] = counts.get(v, 0) + 1
    return tuple((str(k), n) for k, n in sorted(counts.items()))


def _choice_distribution(question: QuestionSpec, values: list[AnswerValue]) -> tuple[tuple[str, int], ...]:
    """Every option in the survey's order (a multiple choice counts each option chosen), then any
    label no longer among the options."""
    counts: dict[str, int] = {option: 0 for option in question.options}
    for v in values:
        chosen = v if isinstance(v, tuple) else (str(v),)
        for label in dict.fromkeys(chosen):  # an option chosen twice in one answer counts once
            counts[label] = counts.get(label, 0) + 1
    return tuple(counts.items())


def _rate(rate: float | None) -> float | None:
    return None if rate is None else round(rate, 4)


def _cell_json(cell: RateCell) -> dict[str, Any]:
    out: dict[str, Any] = {"group": cell.group, "invited": cell.invited}
    if cell.suppressed:
        out["suppressed"] = True
    else:
        out["submitted"] = cell.submitted
        out["rate"] = _rate(cell.rate)
    return out


def _raw_json(raw: RawResponse) -> dict[str, Any]:
    r = raw.respondent
    return {
        "organization": {"id": r.organization_id, "name": r.organization_name},
        "person": None if r.person_name is None and r.person_email is None
        else {"name": r.person_name, "email": r.person_email},
        "submitted_at": raw.submitted_at.isoformat() if raw.submitted_at is not None else None,
        "answers": {key: _json_value(value) for key, value in raw.answers},
    }


def _json_value(value: AnswerValue | None) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return value.isoformat()
