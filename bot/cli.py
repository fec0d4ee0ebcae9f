"""The `digibot` command: import, ask, chat, run, migrate, demo.

Heavy modules are imported inside each command so that `digibot ask` starts quickly.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digibot", description="Chat-bot for networks of municipalities.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def db_option(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", help="database URL (default: DATABASE_URL, else ./digibot.sqlite3)")

    p = sub.add_parser("import", help="load a network file (YAML)")
    p.add_argument("file", type=Path)
    p.add_argument("--prune", action="store_true", help="delete entries that are missing from the file")
    db_option(p)

    p = sub.add_parser("ask", help="ask one question and print the answer")
    p.add_argument("question", nargs="+")
    p.add_argument("--as", dest="as_email", metavar="EMAIL", help="the asking person (default: DIGIBOT_AS)")
    p.add_argument("--lang", choices=["nb", "nn", "en"])
    p.add_argument("--now", metavar="ISO-DATETIME", help="fix the clock (local time of the network)")
    p.add_argument("--network", help="the network, when the person is in several")
    db_option(p)

    p = sub.add_parser("chat", help="talk to the bot in the terminal")
    p.add_argument("--as", dest="as_email", metavar="EMAIL")
    p.add_argument("--lang", choices=["nb", "nn", "en"])
    p.add_argument("--network")
    db_option(p)

    p = sub.add_parser("run", help="run the service: web app, Slack endpoint")
    db_option(p)

    p = sub.add_parser("migrate", help="bring the database schema up to date")
    db_option(p)

    p = sub.add_parser("plan", help="show what would be sent, when and to whom, without sending")
    p.add_argument("--from", dest="date_from", required=True, metavar="DATE", help="first day (ISO date)")
    p.add_argument("--to", dest="date_to", required=True, metavar="DATE", help="last day (ISO date), inclusive")
    p.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    p.add_argument("--now", metavar="ISO-DATETIME", help="fix the clock (local time of the network)")
    p.add_argument("--network")
    db_option(p)

    p = sub.add_parser("outbox", help="list, retry or cancel outgoing messages")
    p.add_argument("action", nargs="?", default="list", choices=["list", "retry", "cancel"])
    p.add_argument("ids", nargs="*", type=int, help="row ids for retry/cancel")
    p.add_argument("--status", choices=["pending", "sending", "sent", "failed", "cancelled"])
    p.add_argument("--failed", action="store_true", help="retry: every failed row")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--network")
    db_option(p)

    p = sub.add_parser("announce", help="send an announcement to an audience (secretariat only)")
    p.add_argument("--as", dest="as_email", metavar="EMAIL", help="the announcing secretariat member")
    p.add_argument("--audience", default="", help="e.g. roles=chief_executive,coordinator;regions=Sogn")
    p.add_argument("--file", type=Path, required=True, help="the text (Markdown/plain)")
    p.add_argument("--title")
    p.add_argument("--at", metavar="ISO-DATETIME", help="send later (local time of the network)")
    p.add_argument("--confirm", action="store_true", help="ask recipients to confirm they have read it")
    p.add_argument("--yes", action="store_true", help="send without asking after the preview")
    p.add_argument("--now", metavar="ISO-DATETIME")
    p.add_argument("--network")
    db_option(p)

    p = sub.add_parser("demo", help="load the demo network (DigiVestland, dates relative to today)")
    p.add_argument("--file", type=Path, help="also keep the generated network file here")
    db_option(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from bot import commands
    from bot.config import Settings
    from handlers.notify.organizer import set_fallback_organizer

    set_fallback_organizer(Settings.from_env().calendar_organizer)  # invites planned by `plan`, `chat`...

    try:
        return asyncio.run(commands.dispatch(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `digibot plan | head`: the reader has gone, which is fine
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except commands.CommandError as exc:
        print(f"digibot: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
