"""The outbox queue on the secretariat's App Home: what waits, what failed and why, what went out today,
and the latest announcements with their read confirmations. Others get nothing from here. Kinds and
reasons are shown in the reader's language (messages/delivery_status.py)."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import func, select

from handlers.announce.report import recent, summary_line
from handlers.announce.send import refusal
from handlers.context import Context
from messages.delivery_status import kind_text, reason_text
from messages.formatting import format_datetime, to_local
from messages.i18n import t
from messages.model import Field, Message
from messages.render_text import shorten
from storage.models_notify import OutboxMessage
from storage.outbox import counts
from storage.outbox_waiting import waiting_for_app

MAX_FAILURES = 5
MAX_ANNOUNCEMENTS = 5
MAX_REASON = 120


def _start_of_today(ctx: Context) -> datetime:
    local = to_local(ctx.now, ctx.tz)
    return datetime.combine(local.date(), time(0), local.tzinfo)


def _reason(row: OutboxMessage, lang: str) -> str:
    return shorten(reason_text(row.last_error or row.status_text, lang), MAX_REASON)


async def queue_messages(ctx: Context) -> list[Message]:
    """Pending and failed counts, sent today, the latest failures with reasons, recent announcements."""
    if refusal(ctx) is not None:
        return []
    lang, session, network_id = ctx.lang, ctx.session, ctx.network.id
    by_status = await counts(session, network_id)
    sent_today = await session.scalar(
        select(func.count()).select_from(OutboxMessage)
        .where(OutboxMessage.network_id == network_id, OutboxMessage.status == "sent",
               OutboxMessage.sent_at >= _start_of_today(ctx))
    )
    out = [Message(title=t(lang, "ann_q_title"), fields=[
        Field(t(lang, "ann_q_pending"), str(by_status.get("pending", 0) + by_status.get("sending", 0))),
        Field(t(lang, "ann_q_failed"), str(by_status.get("failed", 0))),
        Field(t(lang, "ann_q_sent_today"), str(int(sent_today or 0))),
    ])]
    if by_status.get("failed"):
        failures = (await session.scalars(
            select(OutboxMessage).where(OutboxMessage.network_id == network_id, OutboxMessage.status == "failed")
            .order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc()).limit(MAX_FAILURES)
        )).all()
        out.append(Message(
            title=t(lang, "ann_q_failures_title"),
            items=[t(lang, "ann_q_failure", when=format_datetime(row.due_at, lang, ctx.tz),
                     kind=kind_text(row.kind, lang), to=row.recipient, reason=_reason(row, lang))
                   for row in failures],
            context=t(lang, "ann_q_failures_hint"),
        ))
    waiting = await waiting_for_app(session, network_id)
    if waiting:
        out.append(Message(title=t(lang, "ann_q_waiting_app_title"),
                           items=[t(lang, "ann_q_waiting_app", to=to, count=n) for to, _, n in waiting[:MAX_FAILURES]],
                           context=t(lang, "ann_q_waiting_app_hint")))
    summaries = await recent(session, network_id, MAX_ANNOUNCEMENTS)
    if summaries:
        out.append(Message(title=t(lang, "ann_q_announcements_title"),
                           items=[summary_line(ctx.network, s, lang) for s in summaries],
                           context=t(lang, "ann_list_hint")))
    return out
