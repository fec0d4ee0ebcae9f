"""Read confirmations and reminders for those who have not confirmed.

Confirming sets `confirmed_at` on the reader's own announcement row, once (pressing again changes nothing
and gets the same thanks). Reminding (secretariat only) queues a reminder for everyone the announcement
was delivered to who has not confirmed, keyed `announcement_reminder:<id>:<email>:<n>`.

Why `<n>` is "1 + the reminders this person already got, counting only those that went out more than an
hour ago (or failed, or were cancelled)": a reminder still in the queue, or sent within the hour, keeps the
same n, so a second press (a double click, a colleague pressing too) collides with the first key and sends
nothing; once the last reminder has been out for an hour, a press is a deliberate new round and gets a
new n. A time bucket (the date, say) would also stop double presses but sends twice across the bucket's
edge and never allows a second reminder the same day.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sqlalchemy import select, update

from handlers.announce.content import recipients_text, reminder_message
from handlers.announce.report import find
from handlers.announce.send import KIND, ref_of, refusal
from handlers.context import Context
from messages.i18n import t
from messages.model import Message
from storage.models_notify import OutboxMessage
from storage.outbox import Planned, enqueue

REMINDER = "announcement_reminder"  # key and ref prefix; the outbox kind stays "announcement"
COOLDOWN = timedelta(hours=1)
SETTLED = ("sent", "failed", "cancelled")


def reminder_key(announcement_id: int, email: str, n: int) -> str:
    return f"{REMINDER}:{announcement_id}:{email.lower()}:{n}"


def reminder_ref(announcement_id: int) -> str:
    return f"{REMINDER}:{announcement_id}"


async def confirm_read(ctx: Context, announcement_id: int) -> list[Message]:
    """Record that the asker has read the announcement: only on a row of their own that was delivered, of
    an announcement that asked for a confirmation. Every other case (no such announcement, not sent to
    them, not delivered yet, cancelled, no confirmation asked) gets one and the same answer, so pressing
    or typing ids tells nobody which announcements exist or are on their way to them."""
    if ctx.person is None:
        return [Message(text=t(ctx.lang, "not_registered"))]
    announcement = await find(ctx.session, ctx.network.id, announcement_id)
    delivered_to_me = (
        OutboxMessage.network_id == ctx.network.id, OutboxMessage.kind == KIND,
        OutboxMessage.ref == ref_of(announcement_id), OutboxMessage.person_id == ctx.person.id,
        OutboxMessage.status == "sent",
    )
    if announcement is None or not announcement.require_confirmation or await ctx.session.scalar(
            select(OutboxMessage.id).where(*delivered_to_me).limit(1)) is None:
        return [Message(text=t(ctx.lang, "ann_read_not_recipient"))]
    await ctx.session.execute(
        update(OutboxMessage).where(*delivered_to_me, OutboxMessage.confirmed_at.is_(None))
        .values(confirmed_at=ctx.now).execution_options(synchronize_session=False)
    )
    return [Message(text=t(ctx.lang, "ann_read_thanks"))]


async def _earlier_rounds(ctx: Context, announcement_id: int) -> Counter[int]:
    """Per person: the reminders that are done with (their next reminder's n is one more)."""
    rows = await ctx.session.execute(
        select(OutboxMessage.person_id, OutboxMessage.status, OutboxMessage.sent_at)
        .where(OutboxMessage.network_id == ctx.network.id, OutboxMessage.ref == reminder_ref(announcement_id))
    )
    done: Counter[int] = Counter()
    for person_id, status, sent_at in rows.all():
        if person_id is not None and status in SETTLED and (sent_at is None or sent_at <= ctx.now - COOLDOWN):
            done[person_id] += 1
    return done


async def remind(ctx: Context, announcement_id: int) -> list[Message]:
    """Queue a reminder for each recipient who got the announcement and has not confirmed (secretariat only)."""
    refused = refusal(ctx)
    if refused is not None:
        return [Message(text=refused)]
    announcement = await find(ctx.session, ctx.network.id, announcement_id)
    if announcement is None:
        return [Message(text=t(ctx.lang, "ann_not_found", id=announcement_id))]
    if not announcement.require_confirmation:
        return [Message(text=t(ctx.lang, "ann_remind_not_asked"))]
    unconfirmed = (await ctx.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.network_id == ctx.network.id, OutboxMessage.kind == KIND,
            OutboxMessage.ref == ref_of(announcement_id), OutboxMessage.status == "sent",
            OutboxMessage.confirmed_at.is_(None), OutboxMessage.person_id.is_not(None))
    )).all()
    if not unconfirmed:
        return [Message(text=t(ctx.lang, "ann_remind_all_confirmed"))]
    done = await _earlier_rounds(ctx, announcement_id)
    by_lang: dict[str, Message] = {}
    planned = []
    for row in unconfirmed:
        assert row.person_id is not None
        person = ctx.network.people.get(row.person_id)
        channel = person.channel if person is not None else row.channel
        if row.lang not in by_lang:
            by_lang[row.lang] = reminder_message(ctx.network, announcement.title, announcement.text, row.lang,
                                                 announcement.id)
        planned.append(Planned(
            key=reminder_key(announcement.id, row.recipient, done[row.person_id] + 1), kind=KIND,
            person_id=row.person_id, recipient=row.recipient, channel=channel, lang=row.lang,
            message=by_lang[row.lang], due_at=ctx.now, ref=reminder_ref(announcement.id),
        ))
    queued = await enqueue(ctx.session, ctx.network.id, planned, ctx.now)
    if not queued:
        return [Message(text=t(ctx.lang, "ann_remind_recent"))]
    return [Message(text=t(ctx.lang, "ann_remind_done", recipients=recipients_text(ctx.lang, queued)))]
