"""What the router and the "svar" registry call for calls for interest.

    interest_answer <deadline>:<org>:<answer>   a call's or reminder's button: checked, stored, then a comment
    ja | nei | usikker | yes | no | unsure      typed after a call: answers the one open call the person's
                                                organization has not answered (else: a question as before)
    status <deadline id>                        secretariat: where the call stands (also `/digi status <id>`)
    waiting(ctx), start(ctx, key)               the calls-for-interest source of handlers/waiting.py
"""

from __future__ import annotations

import logging

from handlers.context import Context
from handlers.incoming import Incoming
from handlers.interest import conversation
from handlers.interest.buttons import ACTION, answer_of_text, parse_value
from handlers.interest.calls import addressed, check, find_call, open_calls
from handlers.interest.status import answered_by, call_status, status_messages
from handlers.waiting_types import Waiting
from messages.i18n import t
from messages.model import Message
from storage import interest as stored

log = logging.getLogger(__name__)
SECRETARIAT = "secretariat"
__all__ = ["ACTION", "TYPED", "answer_pressed", "start", "status_command", "typed_answer", "waiting"]
TYPED = ("ja", "nei", "usikker", "yes", "no", "unsure")  # the words `typed_answer` takes (not 1, 2, 3)


def _say(ctx: Context, text: str) -> list[Message]:
    return [Message(text=text)]


async def answer_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    """A Ja / Nei / Usikker button of a call or reminder: valid only for the presser's own organization, a call they
    are addressed by, before its deadline."""
    pressed = parse_value(incoming.value)
    if pressed is None:
        log.info("malformed interest button %.80r from person %s", incoming.value,
                 ctx.person.id if ctx.person else None)
        return _say(ctx, t(ctx.lang, "interest_button_invalid"))
    call = check(ctx, pressed.deadline, pressed.organization)
    if isinstance(call, str):
        return _say(ctx, call)
    return await conversation.answer(ctx, call, pressed.answer)


async def typed_answer(ctx: Context, incoming: Incoming) -> list[Message]:
    """ "ja" typed instead of pressed, with no conversation in flight: it answers the person's open call when
    exactly one is addressed to them and unanswered by their organization; with several, they are listed;
    with none, "ja" is a question like any other."""
    from handlers.questions import answer_question  # the question engine loads only when needed

    choice = answer_of_text(incoming.text)
    person = ctx.person
    if choice is None or person is None:
        return await answer_question(ctx, incoming)
    calls = [d for d in open_calls(ctx.network, ctx.now) if addressed(ctx.network, person, d)]
    done = await stored.answered(ctx.session, [d.id for d in calls])
    silent = [d for d in calls if person.org_id not in done[d.id]]
    if not silent:
        return await answer_question(ctx, incoming)
    if len(silent) > 1:
        from handlers.waiting import list_waiting  # the registry imports this module

        return [Message(text=t(ctx.lang, "interest_which")), *await list_waiting(ctx)]
    call = check(ctx, silent[0].key)
    if isinstance(call, str):
        return _say(ctx, call)
    return await conversation.answer(ctx, call, choice)


async def status_command(ctx: Context, incoming: Incoming) -> list[Message]:
    """`status <deadline id>`: the secretariat's view of a call; anyone else is told why not. A `status ...`
    that names no call is a question like any other."""
    from handlers.questions import answer_question  # the question engine loads only when needed

    words = incoming.text.split()
    deadline = find_call(ctx.network, words[1]) if len(words) == 2 else None
    if deadline is None:
        if len(words) == 1 and ctx.has_role(SECRETARIAT):
            return _say(ctx, t(ctx.lang, "interest_status_usage"))
        return await answer_question(ctx, incoming)
    if not ctx.has_role(SECRETARIAT):
        return _say(ctx, t(ctx.lang, "interest_status_refused"))
    return status_messages(ctx.lang, ctx.tz, await call_status(ctx.session, ctx.network, deadline))


async def waiting(ctx: Context) -> list[Waiting]:
    """The open calls addressed to the person, each with what their organization has answered."""
    person = ctx.person
    if person is None:
        return []
    calls = [d for d in open_calls(ctx.network, ctx.now) if addressed(ctx.network, person, d)]
    answers = await stored.answered(ctx.session, [d.id for d in calls])
    items = []
    for deadline in calls:
        state = t(ctx.lang, "interest_not_answered_short")
        done = person.org_id in answers[deadline.id]
        if done:
            current = await stored.answer_of(ctx.session, deadline.id, person.org_id)
            if current is not None:
                by = ctx.network.people.get(current.person_id) if current.person_id is not None else None
                state = answered_by(ctx.lang, ctx.tz, current, by)
        items.append(Waiting(key=deadline.key, title=deadline.title, due=deadline.due, state=state, done=done))
    return items


async def start(ctx: Context, key: str) -> list[Message] | None:
    """`svar <deadline id>`: the call put to the person (or why not); None when `key` names no call."""
    if find_call(ctx.network, key) is None:
        return None
    call = check(ctx, key)
    if isinstance(call, str):
        return _say(ctx, call)
    return await conversation.question(ctx, call)
