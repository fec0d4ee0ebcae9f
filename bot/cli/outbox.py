"""`digibot outbox [list|retry|cancel] [ID...] [--status S] [--failed] [--limit N] [--network N]`.

    list            the newest rows first: id, status, due (network's local time), kind, to, channel,
                    attempts, and why a row failed or waits (truncated)
    retry ID...     failed or cancelled rows go back to the queue, due now; --failed: every failed row
    cancel ID...    pending rows are not sent

Retry and cancel say what changed, and for every id that did not change, why (not found, or its status).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.webhook.sender import WAITING_FOR_URL
from bot.cli.common import CommandError, add_db_option, open_database
from messages.render_text import one_line, shorten
from storage import outbox, outbox_waiting
from storage.db import make_sessionmaker
from storage.models import Network
from storage.models_notify import OutboxMessage

NOTE_WIDTH = 60
CHANNEL_APPS = {"teams": "Teams"}
HEADER = ("id", "status", "due", "kind", "to", "channel", "attempts", "note")


def _note(row: OutboxMessage) -> str:
    raw = row.last_error or row.status_text or ""
    return shorten(one_line(raw), NOTE_WIDTH)


def as_table(rows: Sequence[OutboxMessage], zones: dict[str, str]) -> list[str]:
    cells = [HEADER] + [
        (str(r.id), r.status, r.due_at.astimezone(ZoneInfo(zones.get(r.network_id, "Europe/Oslo")))
         .strftime("%Y-%m-%d %H:%M"), r.kind, r.recipient, r.channel, str(r.attempts), _note(r))
        for r in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER) - 1)]
    return ["  ".join([*(c.ljust(w) for c, w in zip(line[:-1], widths, strict=True)), line[-1]]).rstrip()
            for line in cells]


_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")


def _scoped(stmt: _Query, network: str | None) -> _Query:
    return stmt.where(OutboxMessage.network_id == network) if network else stmt


async def _list(session: AsyncSession, args: argparse.Namespace) -> None:
    if args.ids:
        raise CommandError("outbox list takes no ids (use --status, --limit, --network)", 2)
    if args.limit < 1:
        raise CommandError("--limit must be at least 1", 2)
    query = select(OutboxMessage).order_by(OutboxMessage.due_at.desc(), OutboxMessage.id.desc()).limit(args.limit)
    total_query = select(func.count()).select_from(OutboxMessage)
    if args.status:
        query = query.where(OutboxMessage.status == args.status)
        total_query = total_query.where(OutboxMessage.status == args.status)
    rows = (await session.scalars(_scoped(query, args.network))).all()
    total = int(await session.scalar(_scoped(total_query, args.network)) or 0)
    zones = {n.id: n.timezone for n in (await session.scalars(select(Network))).all()}
    for line in as_table(rows, zones):
        print(line)
    by_status = await outbox.counts(session, args.network)
    summary = ", ".join(f"{status} {n}" for status, n in sorted(by_status.items())) or "empty"
    print(f"{len(rows)} of {total} rows shown, newest first; the outbox: {summary}")
    for recipient, channel, waiting in await outbox_waiting.waiting_for_app(session, args.network):
        print(f"{recipient} must install the {CHANNEL_APPS.get(channel, channel)} app: {waiting} message(s) wait")
    for room, reason, waiting in await outbox_waiting.waiting_rooms(session, WAITING_FOR_URL, args.network):
        print(f"room {room} is {reason} (then restart digibot): {waiting} message(s) wait")


async def _statuses(session: AsyncSession, ids: Sequence[int], network: str | None) -> dict[int, str]:
    query = select(OutboxMessage.id, OutboxMessage.status).where(OutboxMessage.id.in_(list(ids)))
    return {row_id: status for row_id, status in (await session.execute(_scoped(query, network))).all()}


def _unchanged(ids: Sequence[int], before: dict[int, str], after: dict[int, str], wanted: str) -> list[str]:
    lines = []
    for row_id in ids:
        if row_id not in before:
            lines.append(f"  {row_id}: no such row")
        elif after.get(row_id) != wanted or before[row_id] == wanted:
            lines.append(f"  {row_id}: left alone, it is {before[row_id]}")
    return lines


async def _retry(session: AsyncSession, args: argparse.Namespace) -> None:
    ids: list[int] = list(dict.fromkeys(args.ids))
    if args.failed:
        query = select(OutboxMessage.id).where(OutboxMessage.status == "failed").order_by(OutboxMessage.id)
        ids += [i for i in (await session.scalars(_scoped(query, args.network))).all()
                if i not in ids]
    elif not ids:
        raise CommandError("outbox retry needs row ids, or --failed for every failed row", 2)
    if not ids:
        print("nothing to retry: no failed rows")
        return
    before = await _statuses(session, ids, args.network)
    changed = await outbox.retry(session, [i for i in ids if i in before], datetime.now(UTC))
    after = await _statuses(session, ids, args.network)
    done = [i for i in ids if before.get(i) in ("failed", "cancelled") and after.get(i) == "pending"]
    print(f"retried {changed}: " + (" ".join(map(str, done)) if done else "none") + " (pending, due now)")
    for line in _unchanged(ids, before, after, "pending"):
        print(line)


async def _cancel(session: AsyncSession, args: argparse.Namespace) -> None:
    ids: list[int] = list(dict.fromkeys(args.ids))
    if not ids:
        raise CommandError("outbox cancel needs row ids", 2)
    if args.failed:
        raise CommandError("--failed goes with retry, not cancel", 2)
    before = await _statuses(session, ids, args.network)
    changed = await outbox.cancel(session, [i for i in ids if i in before])
    after = await _statuses(session, ids, args.network)
    done = [i for i in ids if before.get(i) == "pending" and after.get(i) == "cancelled"]
    print(f"cancelled {changed}: " + (" ".join(map(str, done)) if done else "none"))
    for line in _unchanged(ids, before, after, "cancelled"):
        print(line)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", default="list", choices=["list", "retry", "cancel"])
    parser.add_argument("ids", nargs="*", type=int, help="row ids for retry/cancel")
    parser.add_argument("--status", choices=["pending", "sending", "sent", "failed", "cancelled"])
    parser.add_argument("--failed", action="store_true", help="retry: every failed row")
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--network")
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    action = {"list": _list, "retry": _retry, "cancel": _cancel}[args.action]
    if args.failed and args.action == "list":
        raise CommandError("--failed goes with retry; to list failed rows use --status failed", 2)
    engine = await open_database(args, create=False)
    try:
        async with make_sessionmaker(engine)() as session:
            await action(session, args)
    finally:
        await engine.dispose()
    return 0
