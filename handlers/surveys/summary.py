"""What the survey conversation shows: a question with its place and buttons, an answer in the reader's
language, the summary, the resume line, and what colleagues changed.

Words come from messages/catalog/survey.py; buttons are the flow engine's `choice_button`s, whose choice
is `<question key>=<token>` (handlers/surveys/answers_parse.py reads it back).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from handlers.context import Context
from handlers.flows import choice_button
from handlers.surveys.answers_parse import DONE_TOKEN, button_token, scale_values
from handlers.surveys.results import QuestionSpec, SurveySpec, coerce_answer
from messages.formatting import format_date, format_datetime, format_number
from messages.i18n import t
from messages.model import Button, Field, Message
from messages.render_text import one_line, shorten
from storage.snapshot import SurveyInfo
from storage.surveys import StoredAnswer, StoredResponse

PICKED = "✓ "
SHOWN_TEXT = 300  # characters of a free-text answer in a summary line


def show_number(value: float, lang: str) -> str:
    if float(value).is_integer():
        return format_number(value, lang)
    text = format_number(value, lang, 2)
    return text.rstrip("0").rstrip(",.")


def show_value(ctx: Context, question: QuestionSpec, value: object) -> str:
    """An answer the way the reader writes it: "4,5", "4 – transformert", "Ja", "17. oktober 2026"."""
    coerced = coerce_answer(question, value)
    if coerced is None:
        return t(ctx.lang, "survey_not_answered")
    if isinstance(coerced, bool):
        return t(ctx.lang, "survey_yes" if coerced else "survey_no")
    if isinstance(coerced, tuple):
        return ", ".join(coerced)
    if isinstance(coerced, date):
        return format_date(coerced, ctx.lang)
    if question.type == "scale" and isinstance(coerced, int):
        label = question.labels.get(coerced)
        return f"{coerced} – {label}" if label else str(coerced)
    if isinstance(coerced, int | float) and not isinstance(coerced, bool):
        return show_number(float(coerced), ctx.lang)
    return shorten(one_line(str(coerced)), SHOWN_TEXT)


def who(ctx: Context, person_id: int | None) -> str:
    person = ctx.network.people.get(person_id) if person_id is not None else None
    return person.name if person is not None else t(ctx.lang, "survey_someone")


def shown_with_author(ctx: Context, question: QuestionSpec, answer: StoredAnswer) -> str:
    shown = show_value(ctx, question, answer.value)
    if ctx.person is not None and answer.by == ctx.person.id:
        return shown
    return t(ctx.lang, "survey_answer_by", answer=shown, who=who(ctx, answer.by))


def _hint(ctx: Context, question: QuestionSpec) -> str:
    if question.type == "number":
        low = show_number(question.min, ctx.lang) if question.min is not None else None
        high = show_number(question.max, ctx.lang) if question.max is not None else None
        if low is not None and high is not None:
            return t(ctx.lang, "survey_hint_number_range", min=low, max=high)
        if low is not None:
            return t(ctx.lang, "survey_hint_number_min", min=low)
        if high is not None:
            return t(ctx.lang, "survey_hint_number_max", max=high)
        return t(ctx.lang, "survey_hint_number")
    if question.type == "date":
        return t(ctx.lang, "survey_hint_date")
    if question.type == "text":
        return t(ctx.lang, "survey_hint_text")
    if question.type == "choice" and question.multiple:
        return t(ctx.lang, "survey_hint_multiple")
    return t(ctx.lang, "survey_hint_buttons")


def picked_labels(question: QuestionSpec, value: object) -> list[str]:
    coerced = coerce_answer(question, value)
    return [o for o in question.options if isinstance(coerced, tuple) and o in coerced]


def buttons(ctx: Context, question: QuestionSpec, current: object) -> list[Button]:
    """The question's buttons, numbered the way typing a number presses them."""
    if question.type == "scale":
        return [choice_button(f"{v} – {question.labels[v]}" if v in question.labels else str(v),
                              button_token(question, str(v))) for v in scale_values(question)]
    if question.type == "yes_no":
        return [choice_button(t(ctx.lang, "survey_yes"), button_token(question, "yes")),
                choice_button(t(ctx.lang, "survey_no"), button_token(question, "no"))]
    if question.type == "choice":
        picked = picked_labels(question, current) if question.multiple else []
        made = [choice_button((PICKED if option in picked else "") + option, button_token(question, str(i)))
                for i, option in enumerate(question.options, start=1)]
        if question.multiple:
            made.append(choice_button(t(ctx.lang, "survey_done_button"), button_token(question, DONE_TOKEN),
                                      style="primary"))
        return made
    return []


def question_message(ctx: Context, spec: SurveySpec, index: int, answer: StoredAnswer | None) -> Message:
    question = spec.questions[index]
    text = question.text + ("" if question.required else " " + t(ctx.lang, "survey_optional"))
    fields: list[Field] = []
    if answer is not None:
        label = "survey_picked" if question.type == "choice" and question.multiple else "survey_current"
        fields.append(Field(t(ctx.lang, label), shown_with_author(ctx, question, answer)))
    steer = "survey_steer" if question.required else "survey_steer_optional"
    return Message(title=t(ctx.lang, "survey_question_title", n=index + 1, total=len(spec.questions)),
                   text=f"{text}\n{_hint(ctx, question)}", fields=fields,
                   buttons=buttons(ctx, question, answer.value if answer is not None else None),
                   context=t(ctx.lang, steer))


def answered_count(spec: SurveySpec, response: StoredResponse | None) -> int:
    if response is None:
        return 0
    return sum(1 for q in spec.questions if q.key in response.answers)


def answered_lines(ctx: Context, spec: SurveySpec, answers: Mapping[str, StoredAnswer]) -> list[str]:
    return [f"{i}. {q.text}: {shown_with_author(ctx, q, answers[q.key])}"
            for i, q in enumerate(spec.questions, start=1) if q.key in answers]


def resume_message(ctx: Context, spec: SurveySpec, response: StoredResponse, next_index: int | None,
                   shared_with: str | None) -> Message | None:
    """ "Du har svart på 2 av 5. Vi held fram med spørsmål 3." With colleagues' answers in the response: what
    the organization has answered, and by whom."""
    answered, total = answered_count(spec, response), len(spec.questions)
    others = ctx.person is not None and any(a.by != ctx.person.id for a in response.answers.values())
    if shared_with is not None and others:
        text = t(ctx.lang, "survey_resume_shared", organization=shared_with, answered=answered, total=total)
        if next_index is not None:
            return Message(text=text, items=answered_lines(ctx, spec, response.answers),
                           context=t(ctx.lang, "survey_continue_with", next=next_index + 1))
        return Message(text=text, items=answered_lines(ctx, spec, response.answers))
    if next_index is None:
        return None
    return Message(text=t(ctx.lang, "survey_resume", answered=answered, total=total, next=next_index + 1))


def deadline_text(ctx: Context, survey: SurveyInfo) -> str:
    if survey.deadline is None:
        return t(ctx.lang, "survey_no_deadline")
    return format_datetime(survey.deadline, ctx.lang, ctx.tz)


def intro_message(ctx: Context, survey: SurveyInfo, spec: SurveySpec) -> Message:
    intro = (survey.intro or "").strip()
    line = t(ctx.lang, "survey_intro", questions=len(spec.questions), deadline=deadline_text(ctx, survey))
    return Message(title=survey.title, text=f"{intro}\n{line}" if intro else line)


def summary_message(ctx: Context, survey: SurveyInfo, spec: SurveySpec, response: StoredResponse) -> Message:
    items = []
    for i, question in enumerate(spec.questions, start=1):
        answer = response.answers.get(question.key)
        if answer is not None:
            shown = shown_with_author(ctx, question, answer)
        else:
            shown = t(ctx.lang, "survey_missing" if question.required else "survey_not_answered")
        items.append(f"{i}. {question.text}: {shown}")
    text = None
    if response.submitted_at is not None:
        text = t(ctx.lang, "survey_summary_submitted", when=format_datetime(response.submitted_at, ctx.lang, ctx.tz),
                 who=who(ctx, response.submitted_by), deadline=deadline_text(ctx, survey))
    return Message(title=t(ctx.lang, "survey_summary_title", title=survey.title), text=text, items=items,
                   buttons=[choice_button(t(ctx.lang, "survey_submit_button"), "submit", style="primary")],
                   context=t(ctx.lang, "survey_summary_help"))


def changes_message(ctx: Context, spec: SurveySpec, changed: list[str], answers: Mapping[str, StoredAnswer]) -> Message:
    """What colleagues changed since this person last looked (question keys in `changed`)."""
    items = []
    for i, question in enumerate(spec.questions, start=1):
        if question.key not in changed:
            continue
        answer = answers.get(question.key)
        shown = shown_with_author(ctx, question, answer) if answer is not None else t(ctx.lang, "survey_removed")
        items.append(f"{i}. {question.text}: {shown}")
    return Message(text=t(ctx.lang, "survey_changed_by_others"), items=items)
