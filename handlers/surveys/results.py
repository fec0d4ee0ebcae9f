"""A survey's results as plain data: what the report is built from.

The survey storage fills these from the database (`SurveyResults`); nothing here knows about
SQLAlchemy, channels or languages. `responses` holds one `Response` per invited respondent
(an organization or a person, as the survey says), submitted or not: the invited count and the
response rates are taken from it. Only submitted responses count in the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, cast

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
    """`responses`: one per invited respondent, submitted or not. `unlinked`: the answers of submitted
    responses whose link to their respondent was removed (an anonymous survey after it closed); their
    respondents are still in `responses` as submitted, with no answers."""

    survey: SurveySpec
    responses: tuple[Response, ...]
    unlinked: tuple[Mapping[str, object], ...] = ()

    @property
    def submitted(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if r.submitted)

    @property
    def submitted_answers(self) -> tuple[Mapping[str, object], ...]:
        """The answers of every submitted response, linked or not: what the figures are made of."""
        return tuple(r.answers for r in self.responses if r.submitted) + self.unlinked


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


def answers_of(question: QuestionSpec, answer_sets: Iterable[Mapping[str, object]]) -> list[AnswerValue]:
    """The usable answers to `question` in `answer_sets` (one mapping per response), in the order given."""
    out: list[AnswerValue] = []
    for answers in answer_sets:
        value = coerce_answer(question, answers.get(question.key))
        if value is not None:
            out.append(value)
    return out


def _get(source: object, name: str, default: object = None) -> object:
    if isinstance(source, Mapping):
        return source.get(name, default)
    return getattr(source, name, default)


def question_spec(source: object) -> QuestionSpec:
    """A question from a network-file entry (`id`, `type`, `text`, `min`, `max`, `labels`, `options`,
    `multiple`, `required`) or a storage row with the same fields (`key` for `id`)."""
    kind = str(_get(source, "type", "text"))
    if kind not in QUESTION_TYPES:
        raise ValueError(f"unknown question type {kind!r}")
    labels_in = _get(source, "labels") or {}
    labels = {int(k): str(v) for k, v in labels_in.items()} if isinstance(labels_in, Mapping) else {}
    options_in = _get(source, "options") or ()
    low, high = _get(source, "min"), _get(source, "max")
    return QuestionSpec(
        key=str(_get(source, "key") or _get(source, "id")),
        type=kind,
        text=str(_get(source, "text") or ""),
        min=float(low) if isinstance(low, int | float | str) else None,
        max=float(high) if isinstance(high, int | float | str) else None,
        labels=labels,
        options=tuple(str(o) for o in options_in) if isinstance(options_in, list | tuple) else (),
        multiple=bool(_get(source, "multiple", False)),
        required=bool(_get(source, "required", True)),
    )


def survey_spec(source: object, questions: Iterable[object]) -> SurveySpec:
    """A survey from a network-file entry or a storage row (`key` or `id`, `title`, `anonymous`,
    `respondent`), with its questions in order (anything `question_spec` takes)."""
    respondent = "person" if _get(source, "respondent") == "person" else "organization"
    return SurveySpec(
        key=str(_get(source, "key") or _get(source, "id")),
        title=str(_get(source, "title") or ""),
        questions=tuple(question_spec(q) for q in questions),
        anonymous=bool(_get(source, "anonymous", False)),
        respondent=cast(RespondentKind, respondent),
    )
