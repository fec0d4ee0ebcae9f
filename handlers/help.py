"""`hjelp` / `help`: what the bot can answer, with examples in the asker's language."""

from __future__ import annotations

from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message


async def show_help(ctx: Context, incoming: Incoming) -> list[Message]:
    lang = ctx.lang
    context = None
    if ctx.person is not None:
        org = ctx.network.orgs[ctx.person.org_id]
        context = t(lang, "help_context", name=ctx.person.name, organization=org.name, network=ctx.network.name)
    return [
        Message(
            title=t(lang, "help_title"),
            text=t(lang, "help_intro"),
            items=t(lang, "help_examples").splitlines(),
            context=context,
        )
    ]
