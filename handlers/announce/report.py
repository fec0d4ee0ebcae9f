"""The delivery report of an announcement, and the list of recent ones (secretariat only).

Counts come from the announcement's outbox rows (kind `announcement`, ref `announcement:<id>`): delivered
(sent), waiting (pending or being sent, with the reason a row waits, e.g. "the channel is not set up"), failed
(grouped by reason; the worker's raw texts in the reader's language, messages/delivery_status.py), cancelled;
with a read confirmation, who confirmed and who not yet (names up to 20).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.announce.audience import describe_audience
from handlers.announce.content import REMIND_ACTION, heading, recipients_text
from handlers.announce.send import KIND, ref_of
from handlers.context import Context
from handlers.notify.rooms import CHANNEL as ROOM_CHANNEL
from messages.delivery_status import reason_text
from messages.formatting import format_datetime, join_names
from messages.i18n import t
from messages.model import Button, Field, Message
from messages.render_text import shorten
from storage.models_notify import Announcement, OutboxMessage
from storage.snapshot import NetworkSnapshot

MAX_NAMES = 20
MAX_REASON = 150
RECENT = 10


@dataclass
class Tally:
    total: int = 0
    delivered: int = 0
    waiting: int = 0
    failed: int = 0
    cancelled: int = 0
    confirmed: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    waiting_reasons: Counter[str] = field(default_factory=Counter)
    unconfirmed: list[str] = field(default_factory=list)  # names of those delivered to who have not confirmed


def reason_of(row: OutboxMessage, lang: str) -> str:
    """Why a row failed or waits, in the reader's language, short enough to list."""
    return shorten(reason_text(row.last_error or row.status_text, lang), MAX_REASON)


async def find(session: AsyncSession, network_id: str, announcement_id: int) -> Announcement | None:
    row = await session.get(Announcement, announcement_id)
    return row if row is not None and row.network_id == network_id else None


async def tally(session: AsyncSession, network: NetworkSnapshot, announcement_id: int, lang: str) -> Tally:
    rows = (await session.scalars(
        select(OutboxMessage).where(OutboxMessage.network_id == network.id, OutboxMessage.kind == KIND,
                                    OutboxMessage.ref == ref_of(announcement_id),
                                    OutboxMessage.channel != ROOM_CHANNEL)  # people, not rooms
    )).all()
    result = Tally(total=len(rows))
    unconfirmed: list[str] = []
    for row in rows:
        if row.confirmed_at is not None:
            result.confirmed += 1
        if row.status == "sent":
            result.delivered += 1
            if row.confirmed_at is None:
                person = network.people.get(row.person_id) if row.person_id is not None else None
                unconfirmed.append(person.name if person is not None else row.recipient)
        elif row.status == "failed":
            result.failed += 1
            result.failures[reason_of(row, lang)] += 1
        elif row.status == "cancelled":
            result.cancelled += 1
        else:
            result.waiting += 1
            if row.status_text or row.last_error:
                result.waiting_reasons[reason_of(row, lang)] += 1
    result.unconfirmed = sorted(unconfirmed, key=str.lower)
    return result


def _author(network: NetworkSnapshot, announcement: Announcement, lang: str) -> str:
    person = network.people.get(announcement.author_id) if announcement.author_id is not None else None
    return person.name if person is not None else t(lang, "ann_r_unknown_author")


def report_message(ctx: Context, announcement: Announcement, counts: Tally) -> Message:
    lang, network = ctx.lang, ctx.network
    fields = [
        Field(t(lang, "ann_r_recipients"), str(counts.total)),
        Field(t(lang, "ann_r_delivered"), str(counts.delivered)),
        Field(t(lang, "ann_r_waiting"), str(counts.waiting)),
        Field(t(lang, "ann_r_failed"), str(counts.failed)),
    ]
    if counts.cancelled:
        fields.append(Field(t(lang, "ann_r_cancelled"), str(counts.cancelled)))
    items = [t(lang, "ann_r_failure", count=n, reason=reason) for reason, n in counts.failures.most_common()]
    items += [t(lang, "ann_r_waiting_reason", count=n, reason=reason)
              for reason, n in counts.waiting_reasons.most_common()]
    buttons = []
    if announcement.require_confirmation:
        fields.append(Field(t(lang, "ann_r_confirmed"), str(counts.confirmed)))
        fields.append(Field(t(lang, "ann_r_unconfirmed"), str(len(counts.unconfirmed))))
        if counts.unconfirmed and len(counts.unconfirmed) <= MAX_NAMES:
            items.append(t(lang, "ann_r_unconfirmed_names", names=join_names(counts.unconfirmed, lang)))
        elif counts.unconfirmed:
            items.append(t(lang, "ann_r_unconfirmed_many", count=len(counts.unconfirmed)))
        if counts.unconfirmed:
            buttons.append(Button(t(lang, "ann_remind_button"), REMIND_ACTION, str(announcement.id)))
    when = format_datetime(announcement.send_at, lang, network.timezone)
    about = t(lang, "ann_r_scheduled" if announcement.send_at > ctx.now else "ann_r_sent", when=when,
              author=_author(network, announcement, lang),
              audience=describe_audience(network, dict(announcement.audience or {}), lang))
    return Message(title=t(lang, "ann_report_title", id=announcement.id),
                   text=heading(network, announcement.title, lang), fields=fields, items=items, buttons=buttons,
                   context=about)


async def report_messages(ctx: Context, announcement_id: int) -> list[Message]:
    """The report of one announcement (the caller has checked the permission)."""
    announcement = await find(ctx.session, ctx.network.id, announcement_id)
    if announcement is None:
        return [Message(text=t(ctx.lang, "ann_not_found", id=announcement_id))]
    counts = await tally(ctx.session, ctx.network, announcement_id, ctx.lang)
    return [report_message(ctx, announcement, counts)]


@dataclass(frozen=True)
class Summary:
    announcement: Announcement
    total: int
    delivered: int
    confirmed: int


async def recent(session: AsyncSession, network_id: str, limit: int = RECENT) -> list[Summary]:
    """The newest announcements of the network with their delivery and confirmation counts."""
    announcements = list((await session.scalars(
        select(Announcement).where(Announcement.network_id == network_id)
        .order_by(Announcement.created_at.desc(), Announcement.id.desc()).limit(limit)
    )).all())
    if not announcements:
        return []
    refs = [ref_of(a.id) for a in announcements]
    stmt = (
        select(OutboxMessage.ref, OutboxMessage.status, func.count(), func.count(OutboxMessage.confirmed_at))
        .where(OutboxMessage.network_id == network_id, OutboxMessage.kind == KIND, OutboxMessage.ref.in_(refs),
               OutboxMessage.channel != ROOM_CHANNEL)  # people, not rooms
        .group_by(OutboxMessage.ref, OutboxMessage.status)
    )
    totals: Counter[str] = Counter()
    delivered: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    for ref, status, n, n_confirmed in (await session.execute(stmt)).all():
        if ref is None:
            continue
        totals[ref] += int(n)
        confirmed[ref] += int(n_confirmed)
        if status == "sent":
            delivered[ref] += int(n)
    return [Summary(a, totals[ref_of(a.id)], delivered[ref_of(a.id)], confirmed[ref_of(a.id)])
            for a in announcements]


def summary_line(network: NetworkSnapshot, summary: Summary, lang: str) -> str:
    a = summary.announcement
    key = "ann_list_item_confirm" if a.require_confirmation else "ann_list_item"
    return t(lang, key, id=a.id, title=shorten(heading(network, a.title, lang), 80),
             when=format_datetime(a.send_at, lang, network.timezone), delivered=summary.delivered,
             total=recipients_text(lang, summary.total), confirmed=summary.confirmed)


async def list_messages(ctx: Context) -> list[Message]:
    """The recent announcements, newest first, with their numbers for `rapport <id>`."""
    summaries = await recent(ctx.session, ctx.network.id)
    title = t(ctx.lang, "ann_list_title", network=ctx.network.name)
    if not summaries:
        return [Message(title=title, text=t(ctx.lang, "ann_list_empty"))]
    return [Message(title=title, items=[summary_line(ctx.network, s, ctx.lang) for s in summaries],
                    context=t(ctx.lang, "ann_list_hint"))]
