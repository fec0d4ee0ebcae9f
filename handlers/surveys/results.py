"""A survey's results as plain data: what the report is built from.

The survey storage fills these from the database (`SurveyResults`); nothing here knows about
SQLAlchemy, channels or languages. `responses` holds one `Response` per invited respondent
(an organization or a person, as the survey says), submitted or not: the invited count and the
response rates are taken from it. Only submitted responses count in the figures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

QuestionType = Literal["number", "scale", "text", "choice", "yes_no", "date"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("number", "scale", "text", "choice", "yes_no", "date")
RespondentKind = Literal["organization", "person"]
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never part of an answer; tab and newline are

# One answer, normalised: number -> float, scale -> int, text -> str, choice -> tuple of option labels
# (one for a single choice), yes_no -> bool, date -> date.
AnswerValue = float | int | str | bool | date | tuple[str, ...]


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    type: QuestionType
    text: str = ""
    min: float | None = None
    max: float | None = None
    labels: Mapping[int, str] = field(default_factory=dict)  # scale value -> label ("1": "minimalt")
    options: tuple[str, ...] = ()
    multiple: bool = False
    required: bool = True


@dataclass(frozen=True)
class SurveySpec:
    key: str
    title: str
    questions: tuple[QuestionSpec, ...]
    anonymous: bool = False
    respondent: RespondentKind = "organization"


@dataclass(frozen=True)
class Respondent:
    """Who answers: the organization, and for `respondent: person` (or who submitted) the person."""

    organization_id: str
    organization_name: str
    status: str | None = None  # member | invited | observer | former
    region: str | None = None
    person_name: str | None = None
    person_email: str | None = None


@dataclass(frozen=True)
class Response:
    respondent: Respondent
    submitted: bool = False
    submitted_at: datetime | None = None
    answers: Mapping[str, object] = field(default_factory=dict)  # question key -> value (coerced on use)


@dataclass(frozen=True)
class SurveyResults:
    survey: SurveySpec
    responses: tuple[Response, ...]

    @property
    def submitted(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.submitted)


def coerce_answer(question: QuestionSpec, value: object) -> AnswerValue | None:
    """`value` as the question's type, or None when it is missing or does not fit.

    Generous with what storage may hold: numbers as strings, choices as a list or one label,
    yes/no as "yes"/"ja"/"no"/"nei", dates as ISO text.
    """
    if value is None or value == "" or value == [] or value == ():
        return None
    kind = question.type
    try:
        if kind == "number":
            if isinstance(value, bool):
                return None
            return float(value) if isinstance(value, int | float | str) else None
        if kind == "scale":
            if isinstance(value, bool) or not isinstance(value, int | float | str):
                return None
            number = float(value)
            return int(number) if number.is_integer() else None
        if kind == "text":
            text = CONTROL_CHARS.sub("", str(value)).strip()
            return text or None
        if kind == "choice":
            labels = (value,) if isinstance(value, str) else tuple(value) if isinstance(value, list | tuple) else ()
            chosen = tuple(str(x) for x in labels if str(x))
            return chosen or None
        if kind == "yes_no":
            if isinstance(value, bool):
                return value
            word = str(value).strip().lower()
            if word in ("yes", "ja", "true", "1"):
                return True
            if word in ("no", "nei", "false", "0"):
                return False
            return None
        if kind == "date":
            if isinstance(value, datetime):
                return value.date()
            if isinstance(value, date):
                return value
            return date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None
    return None


def answers_of(question: QuestionSpec, responses: tuple[Response, ...]) -> list[AnswerValue]:
    """The usable answers to `question` in `responses`, in the order given."""
    out: list[AnswerValue] = []
    for response in responses:
        value = coerce_answer(question, response.answers.get(question.key))
        if value is not None:
            out.append(value)
    return out
