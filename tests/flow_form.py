"""A two-question form used by the flow tests: "Which colour?" (buttons), then "Which size?" (buttons or
typed), then a summary. "pause" pauses it; `form` starts it and `form again` resumes it where it was;
`deadlineform` starts the same questions ending 30 minutes after the start, however they are answered.

Each answer is also stored in a table of its own (`form_answers`) in the step, so a test can see that
the answer and the move are written together, or not at all.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select

from handlers.context import Context
from handlers.flows import (
    Decline,
    Done,
    Flow,
    FlowState,
    Goto,
    Pause,
    StepResult,
    choice_button,
    current_flow,
    register,
    start_flow,
)
from handlers.incoming import Incoming
from handlers.router import Router
from messages.model import Message

if TYPE_CHECKING:
    from tests.testbot import TestBot

TEST_TABLES = MetaData()  # not the bot's metadata: the tests create this table themselves
FORM_ANSWERS = Table("form_answers", TEST_TABLES, Column("id", Integer, primary_key=True),
                     Column("person_id", Integer), Column("question", String(20)), Column("answer", String(20)))


SLOW = {"seconds": 0.0}  # a step that takes this long, so that two replicas can race on one flow


def colour_question() -> Message:
    return Message(text="Which colour?", buttons=[choice_button("Red", "red"), choice_button("Blue", "blue")])


def size_question() -> Message:
    return Message(text="Which size?", buttons=[choice_button("Small", "S"), choice_button("Large", "L")])


async def _store(ctx: Context, question: str, answer: str) -> None:
    assert ctx.person is not None
    await ctx.session.execute(insert(FORM_ANSWERS).values(person_id=ctx.person.id, question=question, answer=answer))


async def _colour(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    choice = incoming.value if incoming.action_id else incoming.text.strip().lower()
    if choice == "pause":
        return Pause([Message(text="Paused. Type 'form again' to go on.")])
    if choice not in ("red", "blue"):
        return Decline()
    await _store(ctx, "colour", str(choice))
    await asyncio.sleep(SLOW["seconds"])
    return Goto("size", [size_question()], {**state.data, "colour": choice})


async def _size(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    choice = incoming.value if incoming.action_id else incoming.text.strip().upper()
    if choice not in ("S", "L"):
        return Decline()
    await _store(ctx, "size", str(choice))
    return Done([Message(text=f"Thanks: {state.data['colour']}, size {choice}.")])


FORM = register(Flow("test_form", {"colour": _colour, "size": _size}, first="colour",
                     lifetime=timedelta(hours=1)))


async def start_form(ctx: Context, incoming: Incoming) -> list[Message]:
    if incoming.text.strip().lower() == "form again":
        state = await current_flow(ctx, FORM)
        if state is not None:  # resume where it was
            question = colour_question() if state.step == "colour" else size_question()
            return await start_flow(ctx, FORM, [question], step=state.step, data=state.data)
    return await start_flow(ctx, FORM, [colour_question()])


# the same questions with a fixed end (like a survey's deadline) instead of a lifetime after each move
DEADLINE_FORM = register(Flow("test_deadline_form", {"colour": _colour, "size": _size}, first="colour"))


async def start_deadline_form(ctx: Context, incoming: Incoming) -> list[Message]:
    return await start_flow(ctx, DEADLINE_FORM, [colour_question()], expires_at=ctx.now + timedelta(minutes=30))


# the same colour question in a `moves_first` flow: the step writes nothing; its answer is stored in `after`,
# once the move has won (the survey's way)
async def _colour_first(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    choice = incoming.value if incoming.action_id else incoming.text.strip().lower()
    if choice not in ("red", "blue"):
        return Decline()
    await asyncio.sleep(SLOW["seconds"])

    async def store_it() -> None:
        await _store(ctx, "colour", str(choice))

    return Goto("size", [size_question()], {**state.data, "colour": choice}, after=store_it)


async def _size_first(ctx: Context, incoming: Incoming, state: FlowState) -> StepResult:
    choice = incoming.value if incoming.action_id else incoming.text.strip().upper()
    if choice not in ("S", "L"):
        return Decline()
    await asyncio.sleep(SLOW["seconds"])

    async def store_it() -> None:
        await _store(ctx, "size", str(choice))

    return Done([Message(text=f"Thanks: {state.data['colour']}, size {choice}.")], after=store_it)


FIRST_FORM = register(Flow("test_first_form", {"colour": _colour_first, "size": _size_first}, first="colour",
                           lifetime=timedelta(hours=1), moves_first=True))


async def start_first_form(ctx: Context, incoming: Incoming) -> list[Message]:
    return await start_flow(ctx, FIRST_FORM, [colour_question()])


def add_form(router: Router) -> None:
    router.command("form")(start_form)
    router.command("deadlineform")(start_deadline_form)
    router.command("firstform")(start_first_form)


async def with_form(bot: TestBot) -> None:
    """The test bot with the form: its answers' table and its commands."""
    async with bot.engine.begin() as conn:
        await conn.run_sync(TEST_TABLES.create_all)
    bot.extend(add_form)


async def stored_answers(bot: TestBot) -> list[tuple[str, str]]:
    async with bot.sessions() as session:
        rows = await session.execute(select(FORM_ANSWERS.c.question, FORM_ANSWERS.c.answer).order_by(FORM_ANSWERS.c.id))
        return [(q, a) for q, a in rows]
