"""Starting and resuming a survey conversation: `svar <id>`, the invitation's Start button, the `svar` list.

    begin(ctx, key)        start or resume: where the person left off (their flow row), else the first
                           question nobody in their organization has answered, else the summary
    start_pressed          the router's `survey_start` action (value: the survey's id), the invitation's button
    waiting / start        the survey source of handlers/waiting.py (`svar` lists what waits for the person)

A start checks the survey like every step does (handlers/surveys/access.py); the button's value only names a
survey, never a response: the response is always the presser's own (their organization's).
"""

from __future__ import annotations

from handlers.context import Context
from handlers.flows import current_flow, start_flow
from handlers.incoming import Incoming
from handlers.surveys.access import Access, Refusal, check, check_with_response, find_survey
from handlers.surveys.conversation import SURVEY, flow_expiry, known_of, next_unanswered, refusal_messages
from handlers.surveys.summary import intro_message, question_message, resume_message, summary_message
from handlers.waiting_types import Waiting
from messages.i18n import t
from messages.model import Message
from storage import flows as flow_rows
from storage import surveys as store
from storage.surveys import StoredResponse

START_ACTION = "survey_start"


async def begin(ctx: Context, key: str) -> list[Message]:
    """`svar <key>`: the survey's next step for this person, or why they cannot answer it."""
    access = await check(ctx, key)
    if isinstance(access, Refusal):
        return refusal_messages(ctx, access)
    return await begin_survey(ctx, access)


async def begin_survey(ctx: Context, access: Access) -> list[Message]:
    assert ctx.person is not None
    survey, spec = access.survey, access.spec
    await _pause_others(ctx, survey.key)
    response = await store.find_response(ctx.session, survey.id, access.respondent)
    answers = response.answers if response is not None else {}
    existing = await current_flow(ctx, SURVEY, survey.key)
    at: int | None
    if existing is not None and existing.step == "question" and 0 <= int(existing.data.get("at") or 0) < len(
            spec.questions):
        at, ret = int(existing.data.get("at") or 0), bool(existing.data.get("ret"))  # exactly where they left
    elif existing is not None and existing.step == "summary" or response is not None and response.submitted:
        at, ret = None, False
    else:
        at, ret = next_unanswered(spec, answers, -1), False
    messages: list[Message] = []
    if not answers and existing is None:
        messages.append(intro_message(ctx, survey, spec))
    elif response is not None:
        organization = ctx.network.orgs[ctx.person.org_id].name if access.shared else None
        resumed = resume_message(ctx, spec, response, at, organization)
        if resumed is not None:
            messages.append(resumed)
    data = {"known": known_of(response), "ret": ret}
    if at is None:
        shown = response or StoredResponse(0, survey.id, access.respondent, None, None, 0, None, None)
        messages.append(summary_message(ctx, survey, spec, shown))
        return await start_flow(ctx, SURVEY, messages, subject=survey.key, step="summary", data=data,
                                expires_at=flow_expiry(survey))
    question = spec.questions[at]
    messages.append(question_message(ctx, spec, at, answers.get(question.key)))
    return await start_flow(ctx, SURVEY, messages, subject=survey.key, step="question", data={**data, "at": at},
                            expires_at=flow_expiry(survey))


async def _pause_others(ctx: Context, key: str) -> None:
    """One survey at a time takes typed answers: the person's other surveys in flight wait (paused)."""
    assert ctx.person is not None
    for state in await flow_rows.load(ctx.session, ctx.person.id, ctx.now):
        if state.flow == SURVEY.name and state.subject != key:
            await flow_rows.advance(ctx.session, state, step=state.step, data=state.data, now=ctx.now,
                                    expires_at=state.expires_at, paused=True)


async def start_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    """The Start button of an invitation (value: the survey's id)."""
    key = (incoming.value or "").strip()
    if not key or len(key) > 64:
        return refusal_messages(ctx, Refusal("survey_unknown", {"id": key[:64]}))
    return await begin(ctx, key)


# ------------------------------------------------------------------ the source of `svar` (handlers/waiting.py)

async def waiting(ctx: Context) -> list[Waiting]:
    """The open surveys addressed to the person: how far their response is, submitted or not."""
    if ctx.person is None:
        return []
    items = []
    for survey in sorted(ctx.network.surveys.values(), key=lambda s: s.key):
        access, response = await check_with_response(ctx, survey)
        if isinstance(access, Refusal):
            continue
        answered = sum(1 for q in access.spec.questions if response is not None and q.key in response.answers)
        submitted = response is not None and response.submitted
        state = (t(ctx.lang, "survey_waiting_submitted") if submitted else
                 t(ctx.lang, "survey_waiting_progress", answered=answered, total=len(access.spec.questions)))
        items.append(Waiting(survey.key, survey.title, survey.deadline, state, done=submitted))
    return items


async def start(ctx: Context, key: str) -> list[Message] | None:
    """`svar <key>` for a survey: None when `key` is no survey of the network (another source may know it)."""
    if find_survey(ctx, key) is None:
        return None
    return await begin(ctx, key)
