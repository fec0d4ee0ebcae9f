"""Sending: who may, and turning a checked draft into an Announcement row and one outbox row per recipient.

Every recipient gets a row keyed `announcement:<id>:<email>` (so enqueueing twice is harmless), referring to
`announcement:<id>`, due at the send time, through their own channel, in their own language; every room
that receives it (handlers/notify/rooms.py) a row keyed `announcement:<id>:room:<room>`. The delivery
worker does the rest. The caller commits (the pipeline, the CLI).
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.announce.content import announcement_message, reader_language, sent_message
from handlers.announce.draft import Draft, DraftInput, check_draft
from handlers.context import Context
from handlers.notify.rooms import CHANNEL, audience_groups, room_key, room_language, rooms_for, without_person_buttons
from messages.i18n import t
from messages.model import Message
from storage.models_notify import Announcement
from storage.outbox import Planned, enqueue
from storage.rooms import load_rooms

SECRETARIAT = "secretariat"
KIND = "announcement"


def refusal(ctx: Context) -> str | None:
    """The polite no for anyone outside the secretariat; None for the secretariat."""
    return None if ctx.has_role(SECRETARIAT) else t(ctx.lang, "ann_refused")


def ref_of(announcement_id: int) -> str:
    return f"announcement:{announcement_id}"


def key_of(announcement_id: int, email: str) -> str:
    return f"announcement:{announcement_id}:{email.lower()}"


@dataclass(frozen=True)
class Sent:
    announcement_id: int
    queued: int  # outbox rows written
    messages: list[Message]  # what to tell the author


class NotAllowed(Exception):  # noqa: N818 - an outcome: a refusal
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def prepare(ctx: Context, given: DraftInput) -> Draft:
    """Permission and checks; raises NotAllowed or Invalid. Writes nothing."""
    refused = refusal(ctx)
    if refused is not None:
        raise NotAllowed(refused)
    return check_draft(ctx, given)


async def send(ctx: Context, draft: Draft) -> Sent:
    """Store the announcement and queue it for every recipient (the session is flushed, not committed)."""
    refused = refusal(ctx)
    if refused is not None or ctx.person is None:
        raise NotAllowed(refused or t(ctx.lang, "ann_refused"))
    network = ctx.network
    row = Announcement(
        network_id=network.id, author_id=ctx.person.id, title=draft.title, text=draft.text,
        audience={k: list(v) for k, v in draft.audience.items()}, send_at=draft.send_at,
        require_confirmation=draft.require_confirmation, created_at=ctx.now,
    )
    ctx.session.add(row)
    await ctx.session.flush()
    by_lang: dict[str, Message] = {}
    planned = []
    for person in draft.recipients:
        lang = reader_language(network, person)
        if lang not in by_lang:
            by_lang[lang] = announcement_message(network, draft.title, draft.text, draft.require_confirmation,
                                                 lang, row.id)
        planned.append(Planned(
            key=key_of(row.id, person.email), kind=KIND, person_id=person.id, recipient=person.email,
            channel=person.channel, lang=lang, message=by_lang[lang], due_at=draft.send_at, ref=ref_of(row.id),
        ))
    for room in rooms_for(await load_rooms(ctx.session, network.id), KIND, audience_groups(draft.audience)):
        lang = room_language(network, room)  # a room reads it without the "Read" button: nobody in particular
        message = announcement_message(network, draft.title, draft.text, False, lang, row.id)
        planned.append(Planned(
            key=room_key(f"announcement:{row.id}", room), kind=KIND, person_id=None, recipient=room.key,
            channel=CHANNEL, lang=lang, message=without_person_buttons(message), due_at=draft.send_at,
            ref=ref_of(row.id),
        ))
    queued = await enqueue(ctx.session, network.id, planned, ctx.now)
    return Sent(row.id, queued, [sent_message(network, row.id, draft, ctx.lang)])


async def announce(ctx: Context, given: DraftInput) -> Sent:
    """Check and send in one go (raises NotAllowed or Invalid before anything is written)."""
    return await send(ctx, prepare(ctx, given))
