"""The conversation of a call for interest: Ja / Nei / Usikker, then an optional comment, then a confirmation.

The flow "interest" (subject: the deadline's id) has two steps:

    answer   waits for Ja / Nei / Usikker (its buttons, or typed: ja, nei, usikker, yes, no, unsure, 1, 2, 3);
             the answer is stored at once, for the person's organization, and the flow moves to `comment`
    comment  waits for one message: the comment, stored with the answer; "hopp over"/"skip" (or its
             button) leaves it out; either way the flow ends with a confirmation

The buttons of a call or reminder (handlers/interest/buttons.py) answer without a flow: the router's listener
stores the answer and starts this flow at `comment`. Every step checks the call again (deadline, audience), so an answer
after the deadline is refused and stored nowhere. The comment waits `LIFETIME`, then typed text is the
router's again.
"""

from __future__ import annotations

from datetime import timedelta

from handlers.context import Context
from handlers.flows import Decline, Done, Flow, FlowState, Goto, StepResult, choice_button, register, start_flow
from handlers.incoming import Incoming
from handlers.interest.buttons import ANSWERS, STYLE, answer_label, answer_of_text, is_skip
from handlers.interest.calls import Call, check, due_text
from handlers.interest.status import answered_by
from messages.i18n import t
from messages.model import Button, Message
from storage import interest as stored

LIFETIME = timedelta(minutes=30)
PASS_ON = frozenset({"hjelp", "help", "?", "svar", "answer", "status", "kalender", "calendar"})  # the router's


def _words(text: str) -> list[str]:
    return text.lower().strip(" .!?,").split()


def _passes_on(text: str) -> bool:
    words = _words(text)
    return not words or words[0] in PASS_ON


def answer_buttons(lang: str) -> list[Button]:
    return [choice_button(answer_label(lang, a), a, STYLE[a]) for a in ANSWERS]


async def question(ctx: Context, call: Call) -> list[Message]:
    """The call put to the person, with what their organization has answered so far; the flow waits at `answer`."""
    deadline, org = call.deadline, call.org
    current = await stored.answer_of(ctx.session, deadline.id, org.id)
    text = t(ctx.lang, "interest_question", org=org.name, due=due_text(ctx, deadline))
    if current is None:
        context = t(ctx.lang, "interest_not_answered_yet", org=org.name)
    else:
        by = ctx.network.people.get(current.person_id) if current.person_id is not None else None
        context = t(ctx.lang, "interest_answered_already", org=org.name,
                    answer=answered_by(ctx.lang, ctx.tz, current, by))
        if current.comment:
            context = t(ctx.lang, "interest_with_comment", text=context, comment=current.comment)
        context += " " + t(ctx.lang, "interest_can_change")
    message = Message(title=deadline.title, text=text, context=context,
                      buttons=answer_buttons(ctx.lang))
    return await start_flow(ctx, FLOW, [message], subject=deadline.key)


async def answer(ctx: Context, call: Call, choice: str) -> list[Message]:
    """Store `choice` for the person's organization now, and ask for a comment (the flow waits at `comment`)."""
    return await start_flow(ctx, FLOW, await _record(ctx, call, choice), subject=call.deadline.key, step="comment",
                            data={"answer": choice})


async def _record(ctx: Context, call: Call, choice: str) -> list[Message]:
    deadline, org, person = call.deadline, call.org, call.person
    before = await stored.answer_of(ctx.session, deadline.id, org.id)
    await stored.record(ctx.session, deadline.id, org.id, person.id, choice, ctx.now)
    colleagues = [p.id for p in ctx.network.people_by_org.get(org.id, [])]
    await stored.cancel_reminders(ctx.session, ctx.network.id, deadline.key, colleagues)
    text = t(ctx.lang, "interest_recorded", org=org.name, answer=answer_label(ctx.lang, choice), title=deadline.title)
    if before is not None and (before.person_id != person.id or before.answer != choice):
        by = ctx.network.people.get(before.person_id) if before.person_id is not None else None
        text += " " + t(ctx.lang, "interest_replaces", answer=answered_by(ctx.lang, ctx.tz, before, by))
    return [Message(text=text, context=t(ctx.lang, "interest_ask_comment"),
                    buttons=[choice_button(t(ctx.lang, "interest_skip"), "skip")])]


async def _answer_step(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    choice = incoming.value if incoming.action_id else answer_of_text(incoming.text)
    if choice not in ANSWERS:
        if incoming.action_id or _passes_on(incoming.text) or len(_words(incoming.text)) > 1:
            return Decline()  # a forged choice, a command or a question: not an answer
        return Goto("answer", [Message(text=t(ctx.lang, "interest_answer_hint"), buttons=answer_buttons(ctx.lang))])
    call = check(ctx, state.subject)
    if isinstance(call, str):
        return Done([Message(text=call)])
    assert choice is not None
    return Goto("comment", await _record(ctx, call, choice), {"answer": choice})


async def _comment_step(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    if incoming.action_id and incoming.value != "skip":
        return Decline()
    if not incoming.action_id and _passes_on(incoming.text):
        return Decline()
    call = check(ctx, state.subject)
    if isinstance(call, str):
        return Done([Message(text=call)])
    given = str(state.data.get("answer"))
    org, due = call.org.name, due_text(ctx, call.deadline)
    change = t(ctx.lang, "interest_change_hint", id=call.deadline.key, due=due)
    if incoming.action_id or is_skip(incoming.text):
        return Done([Message(text=t(ctx.lang, "interest_saved", org=org, answer=answer_label(ctx.lang, given)),
                             context=change)])
    comment = incoming.text.strip()
    if not await stored.add_comment(ctx.session, call.deadline.id, call.org.id, call.person.id, given, comment,
                                    ctx.now):
        return Done([Message(text=t(ctx.lang, "interest_comment_lost", org=org))])
    return Done([Message(text=t(ctx.lang, "interest_saved_comment", org=org, answer=answer_label(ctx.lang, given),
                                comment=comment), context=change)])


FLOW = register(Flow("interest", {"answer": _answer_step, "comment": _comment_step}, first="answer",
                     lifetime=LIFETIME))
