"""The announcement listeners the router knows: buttons ("Lest", remind, report) and the text commands.

    announcement_read <id>      anyone it was sent to: "Takk, registrert som lest"
    announcement_remind <id>    secretariat: remind those who have not confirmed
    announcement_report <id>    secretariat: the report (the button in the author's confirmation)
    rapport|report <id>         secretariat: the report
    kunngjeringar|announcements secretariat: the recent ones, with their numbers
    kunngjering|announce        how to write one (Slack modal or CLI); others get the polite no
"""

from __future__ import annotations

from handlers.announce import confirm, report
from handlers.announce.send import refusal
from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message


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
    return _say(ctx, "ann_compose_hint")
