"""Bounces on outbox rows: what a mail server said by mail, after it had accepted the mail
(bot/channels/email/bounces.py reads the report and finds the row from the mail's return path).

    await fail_bounced(session, row_id, "bounced: 5.1.1 ...")   # the row is failed with that reason
    await note_delayed(session, row_id, "delayed: 4.4.1 ...")   # a sent row keeps its status, with a note

Only e-mail rows are touched. A bounce fails a row that was sent (or is being recorded as sent: a fast
bounce may overtake the worker, whose "sent" then no longer applies); a row that already failed, waits,
or was cancelled is left as it is. A delay is noted only on a sent row. Each returns whether the row
changed, and commits.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import affected
from storage.models_notify import OutboxMessage

CHANNEL = "email"
BOUNCEABLE = ("sent", "sending")
MAX_REASON = 2000  # last_error, as the worker writes it
MAX_NOTE = 300  # status_text's column


async def fail_bounced(session: AsyncSession, row_id: int, reason: str) -> bool:
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.channel == CHANNEL,
                   OutboxMessage.status.in_(BOUNCEABLE))
            .values(status="failed", last_error=reason[:MAX_REASON], lease_until=None)
            .execution_options(synchronize_session=False))
    changed = affected(await session.execute(stmt))
    await session.commit()
    return changed > 0


async def note_delayed(session: AsyncSession, row_id: int, note: str) -> bool:
    stmt = (update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.channel == CHANNEL, OutboxMessage.status == "sent")
            .values(status_text=note[:MAX_NOTE])
            .execution_options(synchronize_session=False))
    changed = affected(await session.execute(stmt))
    await session.commit()
    return changed > 0
