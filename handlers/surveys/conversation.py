"""The survey conversation: one question at a time, a summary, submit (DESIGN.md "Conversations").

A registered flow, `survey`, whose subject is the survey's id: one flow row per person (where they are:
`at`, the question's index; `ret`, back to the summary after it; `known`, a fingerprint per answer they
have seen), and the answers themselves in the respondent's shared response (storage/surveys.py). Each
answer is stored in the same transaction as the flow's move, the moment it is given.

    question   typed or pressed answer (handlers/surveys/answers_parse.py), or a steering word
               (handlers/surveys/words.py): tilbake, hopp over, pause, endre N, send, svar
    summary    every answer; "endre N" goes to question N and back here; "send" submits

Every step first checks the survey again (handlers/surveys/access.py): a deadline that passed between two
answers ends the conversation politely and stores nothing. Colleagues of one organization share the
response: a step tells the person what others changed since they last looked (last write per question
wins). Starting, resuming and the `svar` source are in handlers/surveys/start.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from handlers.context import Context
from handlers.flows import Decline, Done, Flow, FlowState, Goto, Pause, StepResult, register
from handlers.incoming import Incoming
from handlers.surveys import answers_parse as parse
from handlers.surveys.access import Access, Refusal, check_with_response, find_survey, spec_of
from handlers.surveys.results import QuestionSpec, SurveySpec
from handlers.surveys.summary import (
    changes_message,
    picked_labels,
    question_message,
    show_number,
    show_value,
    summary_message,
)
from handlers.surveys.words import Command, command
from messages.formatting import format_datetime, to_local
from messages.i18n import t
from messages.model import Message
from storage import surveys as store
from storage.models import Survey
from storage.snapshot import SurveyInfo
from storage.surveys import StoredResponse

# A conversation left alone this long no longer takes typed text that is not an answer to its question (a
# question to the bot goes to the router instead); an answer that fits, a steering word or a button still do.
IDLE = timedelta(hours=1)
# After the deadline the flow still takes the person's messages for a while, to say the survey closed
# (rather than letting the question engine read "4,5" as a question); then the row expires.
GRACE = timedelta(days=30)


def fingerprint(value: object) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()[:12]


def known_of(response: StoredResponse | None) -> dict[str, str]:
    return {key: fingerprint(answer.value) for key, answer in response.answers.items()} if response else {}


def changed_since(known: dict[str, str], response: StoredResponse | None, mine: str | None = None) -> list[str]:
    """The questions whose answer differs from what the person last saw (added, changed or removed)."""
    now = known_of(response)
    return [key for key in sorted(set(known) | set(now)) if key != mine and known.get(key) != now.get(key)]


def flow_expiry(survey: SurveyInfo) -> datetime | None:
    return survey.deadline + GRACE if survey.deadline is not None else None


def refusal_messages(ctx: Context, refusal: Refusal) -> list[Message]:
    return [Message(text=t(ctx.lang, refusal.key, **refusal.params))]


@dataclass
class Turn:
    """One step's view of the conversation: the survey, the response as read, the flow's data."""

    ctx: Context
    access: Access
    response: StoredResponse | None
    data: dict[str, Any]
    notices: list[Message] = field(default_factory=list)
    saved: str | None = None  # "Lagret: 4,5", shown above the next question or the summary

    @property
    def spec(self) -> SurveySpec:
        return self.access.spec

    @property
    def answers(self) -> dict[str, store.StoredAnswer]:
        return self.response.answers if self.response is not None else {}

    @property
    def today(self) -> date:
        return to_local(self.ctx.now, self.ctx.tz).date()


async def load_turn(ctx: Context, state: FlowState) -> Turn | list[Message]:
    """The turn for this message, or the refusal that ends the conversation (closed, no longer theirs)."""
    survey = find_survey(ctx, state.subject)
    if survey is None:
        return refusal_messages(ctx, Refusal("survey_unknown", {"id": state.subject}))
    access, response = await check_with_response(ctx, survey)
    if isinstance(access, Refusal):
        return refusal_messages(ctx, access)
    turn = Turn(ctx, access, response, dict(state.data))
    changed = changed_since(dict(turn.data.get("known") or {}), response)
    if changed:
        turn.notices.append(changes_message(ctx, access.spec, changed, turn.answers))
    turn.data["known"] = known_of(response)
    return turn


async def save(turn: Turn, question: QuestionSpec, value: object) -> bool:
    """Store one answer (None: remove it) now, in the step's transaction; re-read the response, and tell the
    person about anything a colleague wrote in between. False when a colleague did (the response is not the one
    read plus this answer)."""
    ctx, access = turn.ctx, turn.access
    assert ctx.person is not None
    response = turn.response or await store.start_response(
        ctx.session, access.survey.id, access.respondent, organization_id=access.organization_id,
        person_id=access.person_id, now=ctx.now)
    version = await store.save_answer(ctx.session, response.id, question.key, value, person_id=ctx.person.id,
                                      now=ctx.now)
    fresh: StoredResponse | None
    exact = version == response.version + 1 and (turn.response is not None or not response.answers)
    if version == response.version + 1:  # nobody wrote in between: the response as read, plus this answer
        fresh = replace(response, version=version, answers=_plus(response.answers, question, value, ctx.person.id,
                                                                  ctx.now))
    else:
        fresh = await store.find_response(ctx.session, access.survey.id, access.respondent)
    changed = changed_since(dict(turn.data.get("known") or {}), fresh, mine=question.key)
    if changed:
        turn.notices.append(changes_message(ctx, turn.spec, changed, fresh.answers if fresh else {}))
    turn.response = fresh
    turn.data["known"] = known_of(fresh)
    return exact


def _plus(answers: dict[str, store.StoredAnswer], question: QuestionSpec, value: object, by: int,
          at: datetime) -> dict[str, store.StoredAnswer]:
    out = {k: a for k, a in answers.items() if k != question.key}
    if value is not None:
        out[question.key] = store.StoredAnswer(value, by, at)
    return out


def saving(turn: Turn, question: QuestionSpec, value: object, then: Callable[[Turn], Goto]) -> Goto:
    """The move `then` builds with the answer as if stored and nobody else wrote in between; the answer itself is
    stored once that move has won (the engine's `after`: the flow row is held then), and when a colleague did
    write in between, the move is built again from the response as it is then (with the notice)."""
    ctx, access = turn.ctx, turn.access
    assert ctx.person is not None
    read = turn.response or StoredResponse(0, access.survey.id, access.respondent, access.organization_id,
                                           access.person_id, 0, None, None)
    assumed = replace(turn, data=dict(turn.data), notices=list(turn.notices),
                      response=replace(read, version=read.version + 1,
                                       answers=_plus(read.answers, question, value, ctx.person.id, ctx.now)))
    assumed.data["known"] = known_of(assumed.response)

    async def store_it() -> Goto | None:
        fresh = replace(turn, data=dict(turn.data), notices=list(turn.notices))
        return None if await save(fresh, question, value) else then(fresh)

    return replace(then(assumed), after=store_it)


# ------------------------------------------------------------------ moves

def next_unanswered(spec: SurveySpec, answers: dict[str, Any], after: int) -> int | None:
    return next((i for i in range(after + 1, len(spec.questions)) if spec.questions[i].key not in answers), None)


def _with_saved(turn: Turn, message: Message) -> Message:
    if turn.saved:
        message.text = f"{turn.saved}\n\n{message.text}" if message.text else turn.saved
    return message


def ask(turn: Turn, index: int, *, ret: bool, before: list[Message] | None = None) -> Goto:
    question = turn.spec.questions[index]
    shown = _with_saved(turn, question_message(turn.ctx, turn.spec, index, turn.answers.get(question.key)))
    return Goto("question", [*turn.notices, *(before or []), shown], {**turn.data, "at": index, "ret": ret})


def show_summary(turn: Turn, before: list[Message] | None = None) -> Goto:
    response = turn.response or StoredResponse(0, turn.access.survey.id, turn.access.respondent, None, None, 0, None,
                                               None)
    shown = _with_saved(turn, summary_message(turn.ctx, turn.access.survey, turn.spec, response))
    return Goto("summary", [*turn.notices, *(before or []), shown], {**turn.data, "ret": False})


def after_answer(turn: Turn, index: int) -> Goto:
    if turn.data.get("ret"):
        return show_summary(turn)
    following = next_unanswered(turn.spec, turn.answers, index)
    return ask(turn, following, ret=False) if following is not None else show_summary(turn)


def _say(turn: Turn, key: str, **params: Any) -> Message:
    shown = {k: show_number(float(v), turn.ctx.lang) if isinstance(v, int | float) and not isinstance(v, bool)
             else v for k, v in params.items()}
    return Message(text=t(turn.ctx.lang, key, **shown))


async def submit(turn: Turn) -> StepResult:
    ctx, spec, survey = turn.ctx, turn.spec, turn.access.survey
    assert ctx.person is not None
    missing = [i for i, q in enumerate(spec.questions) if q.required and q.key not in turn.answers]
    if missing or turn.response is None:
        first = missing[0] if missing else 0
        numbers = ", ".join(str(i + 1) for i in missing) or "1"
        return ask(turn, first, ret=False, before=[_say(turn, "survey_submit_missing", numbers=numbers,
                                                       first=str(first + 1))])
    response, person_id = turn.response, ctx.person.id

    async def store_it() -> None:  # once the flow's row is deleted (the engine's `after`)
        await store.submit(ctx.session, response, person_id=person_id, now=ctx.now)
        await _no_more_reminders(ctx, survey.id)

    deadline = format_datetime(survey.deadline, ctx.lang, ctx.tz) if survey.deadline else t(ctx.lang,
                                                                                            "survey_no_deadline")
    return Done([*turn.notices, _say(turn, "survey_submitted", title=survey.title, deadline=deadline,
                                     id=survey.key)], after=store_it)


async def _no_more_reminders(ctx: Context, survey_id: int) -> None:
    """The respondent has submitted: reminders planned but not sent to them (or their colleagues) are cancelled."""
    from handlers.surveys.lifecycle import submitted  # the planner's side; only a submit needs it

    survey = await ctx.session.get(Survey, survey_id)
    if survey is not None and ctx.person is not None:
        await submitted(ctx.session, ctx.network, survey, ctx.person)


def _resume_here(turn: Turn, said: Command) -> bool:
    """ "svar" alone or "svar <this survey>" shows where the person is; "svar <another>" is not for this flow."""
    return not said.rest or said.rest == turn.access.survey.key.lower()


# ------------------------------------------------------------------ the question step

def _left_alone(ctx: Context, state: FlowState, incoming: Incoming) -> bool:
    """Typed text after the person left the conversation alone for `IDLE`, that is neither a steering word
    nor an answer that fits the question they are at: not for this flow."""
    if incoming.action_id or ctx.now - state.updated_at <= IDLE or command(incoming.text) is not None:
        return False
    survey = find_survey(ctx, state.subject)
    if survey is None or state.step != "question":
        return survey is not None
    questions = spec_of(ctx, survey).questions
    at = int(state.data.get("at") or 0)
    if not 0 <= at < len(questions):
        return True
    question = questions[at]
    today = to_local(ctx.now, ctx.tz).date()
    return question.type == "text" or isinstance(parse.parse_typed(question, incoming.text, today, ctx.lang),
                                                 parse.Refused)


async def _question(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    if _left_alone(ctx, state, incoming):
        return Decline()
    turn = await load_turn(ctx, state)
    if isinstance(turn, list):
        return Done(turn)
    at = int(turn.data.get("at") or 0)
    if not 0 <= at < len(turn.spec.questions):
        return show_summary(turn)
    question = turn.spec.questions[at]
    if incoming.action_id:
        return await _answer(turn, question, at, parse.parse_pressed(question, incoming.value or ""))
    said = command(incoming.text)
    if said is None:
        return await _answer(turn, question, at, parse.parse_typed(question, incoming.text, turn.today, ctx.lang))
    return await _steer(turn, question, at, said)


async def _steer(turn: Turn, question: QuestionSpec, at: int, said: Command) -> StepResult:
    ret = bool(turn.data.get("ret"))
    if said.name == "help" or (said.name == "resume" and not _resume_here(turn, said)):
        return Decline()
    if said.name == "pause":
        return Pause([*turn.notices, _say(turn, "survey_paused", id=turn.access.survey.key)], turn.data)
    if said.name == "submit":
        return await submit(turn)
    if said.name == "back":
        if at == 0:
            return ask(turn, 0, ret=ret, before=[_say(turn, "survey_first_question")])
        return ask(turn, at - 1, ret=ret)
    if said.name == "change":
        return _change(turn, said, at, ret)
    if said.name == "done" and question.type == "choice" and question.multiple:
        return await _answer(turn, question, at, parse.Finish())
    if said.name in ("skip", "done"):
        return await _skip(turn, question, at, said.name)
    return ask(turn, at, ret=ret)  # "svar": where the person is


def _change(turn: Turn, said: Command, at: int, ret: bool) -> Goto:
    total = len(turn.spec.questions)
    number = said.number or 0
    if not 1 <= number <= total:
        return ask(turn, at, ret=ret, before=[_say(turn, "survey_refused_no_question", n=str(number),
                                                   total=str(total))])
    return ask(turn, number - 1, ret=True)


async def _skip(turn: Turn, question: QuestionSpec, at: int, word: str) -> StepResult:
    """An optional question is skipped (its answer, if any, removed); a required one that has an answer keeps
    it and the conversation moves on; a required one without is refused."""
    if question.required:
        if question.key not in turn.answers:
            return ask(turn, at, ret=bool(turn.data.get("ret")), before=[_say(turn, "survey_refused_required")])
        return after_answer(turn, at)
    if word == "skip" and question.key in turn.answers:
        return saving(turn, question, None, lambda moved: after_answer(moved, at))
    return after_answer(turn, at)


async def _answer(turn: Turn, question: QuestionSpec, at: int, outcome: parse.Outcome) -> StepResult:
    ret = bool(turn.data.get("ret"))
    if isinstance(outcome, parse.Refused):
        return ask(turn, at, ret=ret, before=[_say(turn, outcome.key, **outcome.params)])
    if isinstance(outcome, parse.Parsed):
        turn.saved = t(turn.ctx.lang, "survey_saved", answer=show_value(turn.ctx, question, outcome.value))
        return saving(turn, question, outcome.value, lambda moved: after_answer(moved, at))
    current = turn.answers.get(question.key)
    picked = picked_labels(question, current.value if current is not None else None)
    if isinstance(outcome, parse.Toggle):
        chosen = set(picked) ^ {outcome.label}
        return saving(turn, question, [o for o in question.options if o in chosen] or None,
                      lambda moved: ask(moved, at, ret=ret))
    if not picked and question.required:  # Finish with nothing chosen
        return ask(turn, at, ret=ret, before=[_say(turn, "survey_refused_none_picked")])
    if picked:
        turn.saved = t(turn.ctx.lang, "survey_saved", answer=", ".join(picked))
    return after_answer(turn, at)


# ------------------------------------------------------------------ the summary step

async def _summary(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    if _left_alone(ctx, state, incoming):
        return Decline()
    turn = await load_turn(ctx, state)
    if isinstance(turn, list):
        return Done(turn)
    if incoming.action_id:
        if incoming.value == "submit":
            return await submit(turn)
        return show_summary(turn, before=[_say(turn, "survey_refused_button")])
    said = command(incoming.text)
    if said is None or said.name in ("skip", "done"):
        return show_summary(turn, before=[_say(turn, "survey_summary_unclear")])
    if said.name == "help" or (said.name == "resume" and not _resume_here(turn, said)):
        return Decline()
    if said.name == "submit":
        return await submit(turn)
    if said.name == "pause":
        return Pause([*turn.notices, _say(turn, "survey_paused", id=turn.access.survey.key)], turn.data)
    total = len(turn.spec.questions)
    if said.name == "change":
        if said.number is None or not 1 <= said.number <= total:
            return show_summary(turn, before=[_say(turn, "survey_refused_no_question", n=str(said.number),
                                                   total=str(total))])
        return ask(turn, said.number - 1, ret=True)
    if said.name == "back" and total:
        return ask(turn, total - 1, ret=True)
    return show_summary(turn)


# moves_first: every write of a step is in its result's `after` (`saving`, `submit`), run once the move won
SURVEY = register(Flow("survey", {"question": _question, "summary": _summary}, first="question", moves_first=True))
