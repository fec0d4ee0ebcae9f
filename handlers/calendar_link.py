"""`kalender` / `calendar`: the asker's personal calendar feed link; `kalender ny` revokes and renews it."""

from __future__ import annotations

from handlers.context import Context
from handlers.incoming import Incoming
from messages.i18n import t
from messages.model import Message
from storage.calendar_tokens import issue_token, revoke

RENEW_WORDS = {"ny", "nytt", "new", "forny", "renew", "reset"}


async def show_calendar_link(ctx: Context, incoming: Incoming) -> list[Message]:
    assert ctx.person is not None  # the Responder answers unknown people before any listener
    words = incoming.text.lower().split()[1:]
    renewed = bool(RENEW_WORDS & set(words))
    if renewed:
        await revoke(ctx.session, ctx.person.id, ctx.now)
    token = await issue_token(ctx.session, ctx.person.id, ctx.now)
    url = f"{ctx.public_url.rstrip('/')}/calendar/{token}.ics"
    text = t(ctx.lang, "callink_text") + "\n" + url
    if renewed:
        text = t(ctx.lang, "callink_renewed") + "\n\n" + text
    # The link is the feed's only credential: private, so a channel never shows it to a room.
    return [
        Message(title=t(ctx.lang, "callink_title"), text=text, context=t(ctx.lang, "callink_context"), private=True)
    ]
