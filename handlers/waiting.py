"""What waits for the person's answer: the `svar` / `answer` command over a small registry of sources.

A source is two functions and a name, listed in `SOURCES` below:

    waiting(ctx) -> list[Waiting]                 what of this kind waits for ctx.person (handlers/waiting_types.py)
    start(ctx, key) -> list[Message] | None       start or resume the thing `key` for ctx.person: the first
                                                  question, or why not ("past the deadline"); None when `key` is
                                                  not one of this source's, so the next source is asked

`svar` lists every source's items (those still unanswered first, each with a button); `svar <key>` and the
list's buttons (action `answer_open`, value the key) ask the sources in order and use the first answer that is
not None. Keys are the network file's ids; a source should answer None for a key it does not know, never
refuse it. Adding a source (surveys) is one line in `SOURCES`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from handlers.context import Context
from handlers.incoming import Incoming
from handlers.interest import listeners as interest
from handlers.surveys import start as surveys
from handlers.waiting_types import Waiting
from messages.formatting import format_datetime
from messages.i18n import t
from messages.model import Button, Message

ACTION = "answer_open"
MAX_BUTTONS = 10
MAX_LABEL = 70  # Slack allows 75 characters in a button's text


@dataclass(frozen=True)
class Source:
    name: str
    waiting: Callable[[Context], Awaitable[list[Waiting]]]
    start: Callable[[Context, str], Awaitable[list[Message] | None]]


SOURCES: tuple[Source, ...] = (
    Source("interest", interest.waiting, interest.start),
    Source("survey", surveys.waiting, surveys.start),
)


async def everything_waiting(ctx: Context) -> list[Waiting]:
    """Every source's items: the unanswered first, then by deadline."""
    items = [item for source in SOURCES for item in await source.waiting(ctx)]
    return sorted(items, key=lambda i: (i.done, i.due is None, i.due or ctx.now, i.key))


def _label(title: str) -> str:
    return title if len(title) <= MAX_LABEL else title[:MAX_LABEL - 1].rstrip() + "…"


def _line(ctx: Context, item: Waiting) -> str:
    if item.due is None:
        return t(ctx.lang, "waiting_line_no_due", title=item.title, state=item.state, id=item.key)
    return t(ctx.lang, "waiting_line", title=item.title, state=item.state, id=item.key,
             due=format_datetime(item.due, ctx.lang, ctx.tz, weekday=True))


async def list_waiting(ctx: Context) -> list[Message]:
    if ctx.person is None:
        return [Message(text=t(ctx.lang, "not_registered"))]
    items = await everything_waiting(ctx)
    if not items:
        return [Message(text=t(ctx.lang, "waiting_none"))]
    return [Message(title=t(ctx.lang, "waiting_title"), items=[_line(ctx, item) for item in items],
                    buttons=[Button(label=_label(item.title), action_id=ACTION, value=item.key)
                             for item in items[:MAX_BUTTONS]],
                    context=t(ctx.lang, "waiting_hint"))]


async def open_item(ctx: Context, key: str) -> list[Message]:
    """`svar <key>`: the first source that knows `key` starts or resumes it."""
    if ctx.person is None:
        return [Message(text=t(ctx.lang, "not_registered"))]
    for source in SOURCES:
        answer = await source.start(ctx, key)
        if answer is not None:
            return answer
    return [Message(text=t(ctx.lang, "waiting_unknown", id=key[:64]))]


async def answer_command(ctx: Context, incoming: Incoming) -> list[Message]:
    """`svar` lists; `svar <key>` starts or resumes; "svar på invitasjonen" (words no source knows) is a question."""
    words = incoming.text.split(maxsplit=1)
    if len(words) == 1:
        return await list_waiting(ctx)
    key = words[1].strip()
    if " " in key and ctx.person is not None:
        for source in SOURCES:
            if (answer := await source.start(ctx, key)) is not None:
                return answer
        from handlers.questions import answer_question  # the question engine loads only when needed

        return await answer_question(ctx, incoming)
    return await open_item(ctx, key)


async def open_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    key = (incoming.value or "").strip()
    if not key or len(key) > 64:
        return [Message(text=t(ctx.lang, "waiting_unknown", id=key[:64]))]
    return await open_item(ctx, key)
