"""`digibot plan --from DATE --to DATE [--json] [--now ...]`: what would be sent, when and to whom.

Shows the secretariat the outbox rows of those days (pending or sent) and what the planners would still
add, without writing anything. DATEs are local dates of the network; --to is inclusive.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot.cli.common import NO_NETWORK, CommandError, add_db_option, open_database, parse_now
from storage.db import make_sessionmaker

if TYPE_CHECKING:
    from handlers.notify.planner import Previewed

def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{option}: not an ISO date (YYYY-MM-DD): {value!r}", 2) from exc


def _summary(row: Previewed) -> str:
    message = row.message
    return message.title or (message.text or "").split("\n", 1)[0]


def as_json(rows: list[Previewed], tz: str) -> list[dict[str, Any]]:
    zone = ZoneInfo(tz)
    return [
        {
            "at": row.due_at.astimezone(zone).isoformat(timespec="seconds"),
            "to": row.recipient,
            "kind": row.kind,
            "channel": row.channel,
            "key": row.key,
            "status": row.status,
            "lang": row.lang,
            "ref": row.ref,
            "title": _summary(row),
            "attachment": row.attachment["filename"] if row.attachment else None,
        }
        for row in rows
    ]


def as_table(rows: list[Previewed], tz: str) -> str:
    zone = ZoneInfo(tz)
    header = ("time", "kind", "to", "channel", "status", "about")
    lines = [header] + [
        (row.due_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"), row.kind, row.recipient, row.channel, row.status,
         _summary(row))
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header) - 1)]
    text = ["  ".join([*(cell.ljust(w) for cell, w in zip(line[:-1], widths, strict=True)), line[-1]]).rstrip()
            for line in lines]
    planned = sum(1 for row in rows if row.status == "planned")
    text.append(f"{len(rows)} messages ({planned} still to be planned, {len(rows) - planned} in the outbox); "
                f"times in {tz}")
    return "\n".join(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day (ISO date)")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="last day (ISO date), inclusive")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument("--now", metavar="ISO-DATETIME", help="fix the clock (local time of the network)")
    parser.add_argument("--network")
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    from handlers.notify.planner import preview
    from storage.models import Network

    first, last = _day(args.date_from, "--from"), _day(args.date_to, "--to")
    if last < first:
        raise CommandError(f"--to {last} is before --from {first}", 2)
    engine = await open_database(args, create=False)
    try:
        async with make_sessionmaker(engine)() as session:
            try:
                query = select(Network).order_by(Network.id).limit(1)
                if args.network:
                    query = select(Network).where(Network.id == args.network)
                network = await session.scalar(query)
            except (OperationalError, ProgrammingError) as exc:
                raise CommandError(NO_NETWORK, 1) from exc
            if network is None:
                raise CommandError(f"no network {args.network!r} in this database" if args.network else NO_NETWORK, 1)
            tz = network.timezone
            zone = ZoneInfo(tz)
            start = datetime.combine(first, time(0), zone)
            end = datetime.combine(last + timedelta(days=1), time(0), zone)
            now = parse_now(args.now, tz) if args.now else datetime.now(UTC)
            rows = await preview(session, network.id, start, end, now)
            await session.rollback()  # a preview writes nothing
    finally:
        await engine.dispose()
    if args.json:
        print(json.dumps(as_json(rows, tz), ensure_ascii=False, indent=2))
    else:
        print(as_table(rows, tz))
    return 0
