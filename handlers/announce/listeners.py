"""The announcement listeners the router knows: buttons ("Lest", remind, report) and the text commands.

    announcement_read <id>      anyone it was sent to: "Takk, registrert som lest"
    announcement_remind <id>    secretariat: remind those who have not confirmed
    announcement_report <id>    secretariat: the report (the button in the author's confirmation)
    rapport|report <id>         secretariat: the report
    kunngjeringar|announcements secretariat: the recent ones, with their numbers
    kunngjering|announce        a "write" button (announce_compose); others get the polite no
    announce_compose            the button, when the channel has no form to open for it: where to write one
"""

from __future__ import annotations

from handlers.announce import confirm, report
from handlers.announce.send import refusal
from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Button, Message

COMPOSE_ACTION = "announce_compose"  # a channel with forms opens its announcement form on this button


def _number(value: str | None) -> int | None:
    text = (value or "").strip().lstrip("#")
    return int(text) if text.isdigit() and len(text) < 10 else None


def _argument(incoming: Incoming) -> str | None:
    words = incoming.text.split()
    return words[1] if len(words) > 1 else None


def _say(ctx: Context, key: str, **params: object) -> list[Message]:
    return [Message(text=t(ctx.lang, key, **params))]


async def read_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    announcement_id = _number(incoming.value)
    if announcement_id is None:
        return _say(ctx, "ann_read_not_recipient")
    return await confirm.confirm_read(ctx, announcement_id)


async def remind_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    if (refused := refusal(ctx)) is not None:
        return [Message(text=refused)]
    announcement_id = _number(incoming.value)
    if announcement_id is None:
        return _say(ctx, "ann_report_usage")
    return await confirm.remind(ctx, announcement_id)


async def report_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    return await _report(ctx, _number(incoming.value))


async def report_command(ctx: Context, incoming: Incoming) -> list[Message]:
    return await _report(ctx, _number(_argument(incoming)))


async def _report(ctx: Context, announcement_id: int | None) -> list[Message]:
    if (refused := refusal(ctx)) is not None:
        return [Message(text=refused)]
    if announcement_id is None:
        return _say(ctx, "ann_report_usage")
    return await report.report_messages(ctx, announcement_id)


async def list_command(ctx: Context, incoming: Incoming) -> list[Message]:
    if (refused := refusal(ctx)) is not None:
        return [Message(text=refused)]
    return await report.list_messages(ctx)


async def compose_command(ctx: Context, incoming: Incoming) -> list[Message]:
    if (refused := refusal(ctx)) is not None:
        return [Message(text=refused)]
    button = Button(label=t(ctx.lang, "ann_compose_button"), action_id=COMPOSE_ACTION, style="primary")
    return [Message(text=t(ctx.lang, "ann_compose_hint"), buttons=[button])]


async def compose_pressed(ctx: Context, incoming: Incoming) -> list[Message]:
    """The write button reached the router: the channel it was pressed in has no form for it."""
    if (refused := refusal(ctx)) is not None:
        return [Message(text=refused)]
    return _say(ctx, "ann_compose_no_form")
