"""`digibot announce --audience ... --file text.md [--title ...] [--at ...] [--confirm] [--yes]`.

The secretariat's announcement from the command line: the same checks, preview and sending as the Slack
modal (handlers/announce). `--as` must be in the secretariat, else the polite refusal and exit 1. The text
is read as UTF-8; `--at` is the network's local time unless it has an offset. The preview and recipient
count are printed first; without `--yes` the command asks "Send? [j/N]" on a terminal, and sends nothing
when stdin is not a terminal (it says how to send). Problems are printed in the author's language, exit 1,
and nothing is written.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.common import NO_NETWORK, CommandError, add_db_option, open_database, parse_now, whoami
from bot.pipeline.context import Stranger, build_context
from handlers.announce import (
    Draft,
    DraftInput,
    Invalid,
    check_draft,
    parse_audience,
    parse_local_time,
    preview_messages,
    refusal,
    send,
)
from handlers.context import Context
from messages.i18n import t
from messages.render_text import to_text
from storage.db import make_sessionmaker
from storage.snapshot import SnapshotCache

YES = {"j", "ja", "y", "yes"}


def read_text(path: Path) -> str:
    if not path.is_file():
        raise CommandError(f"no such file: {path}", 2)
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", 2) from exc


async def _context(session: AsyncSession, network_id: str, person_id: int, now: str | None) -> Context:
    snapshots = SnapshotCache()
    network = await snapshots.get(session, network_id)
    moment = parse_now(now, network.timezone) if network is not None and now else datetime.now(UTC)
    ctx = await build_context(session, snapshots, network_id, person_id, now=moment)
    if isinstance(ctx, Stranger):
        raise CommandError(NO_NETWORK, 1)
    return ctx


def draft_from_args(ctx: Context, args: argparse.Namespace, text: str) -> Draft:
    """The checked draft, or CommandError listing every problem in the author's language."""
    audience, problems = parse_audience(args.audience or "", ctx.lang)
    send_at = None
    if args.at:
        try:
            send_at = parse_local_time(args.at, ctx.tz, ctx.lang)
        except Invalid as exc:
            problems.update(exc.problems)
    given = DraftInput(text=text, title=args.title, audience=audience, send_at=send_at,
                       require_confirmation=bool(args.confirm))
    try:
        draft = check_draft(ctx, given)
    except Invalid as exc:
        problems = {**exc.problems, **problems}
    if problems:
        raise CommandError("\n".join(problems.values()), 1)
    return draft


def _agreed(args: argparse.Namespace, lang: str) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        print(t(lang, "ann_cli_not_sent"))
        return False
    try:
        answer = input(t(lang, "ann_cli_ask"))
    except EOFError:
        answer = ""
    if answer.strip().lower() in YES:
        return True
    print(t(lang, "ann_cli_not_sent"))
    return False


def report_command(args: argparse.Namespace, email: str, announcement_id: int, lang: str) -> str:
    words = ["digibot", "ask", "--as", email]
    if args.db:
        words += ["--db", args.db]
    words.append(f"{'report' if lang == 'en' else 'rapport'} {announcement_id}")
    return shlex.join(words)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_email", metavar="EMAIL", help="the announcing secretariat member")
    parser.add_argument("--audience", default="", help="e.g. roles=chief_executive,coordinator;regions=Sogn")
    parser.add_argument("--file", type=Path, required=True, help="the text (Markdown/plain)")
    parser.add_argument("--title")
    parser.add_argument("--at", metavar="ISO-DATETIME", help="send later (local time of the network)")
    parser.add_argument("--confirm", action="store_true", help="ask recipients to confirm they have read it")
    parser.add_argument("--yes", action="store_true", help="send without asking after the preview")
    parser.add_argument("--now", metavar="ISO-DATETIME")
    parser.add_argument("--network")
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    engine = await open_database(args, create=False)
    try:
        network_id, person_id = await whoami(engine, args.as_email, args.network)
        async with make_sessionmaker(engine)() as session:
            ctx = await _context(session, network_id, person_id, args.now)
            refused = refusal(ctx)
            if refused is not None:
                raise CommandError(refused, 1)
            draft = draft_from_args(ctx, args, read_text(args.file))
            print(to_text(preview_messages(ctx.network, draft, ctx.lang), ctx.lang))
            print()
            if not _agreed(args, ctx.lang):
                return 0
            sent = await send(ctx, draft)
            await session.commit()
            assert ctx.person is not None
            print(sent.messages[0].text)
            print(t(ctx.lang, "ann_cli_report",
                    command=report_command(args, ctx.person.email, sent.announcement_id, ctx.lang)))
    finally:
        await engine.dispose()
    return 0
