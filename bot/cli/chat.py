"""`digibot chat [--db URL] [--as EMAIL] [--lang nb|nn|en] [--now ISO]`: a conversation in the terminal
(bot/channels/console/chat.py). Reads line by line from stdin when it is not a terminal."""

from __future__ import annotations

import argparse
import sys

from bot.cli.common import add_db_option, network_timezone, open_database, parse_now, whoami


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="as_email", metavar="EMAIL", help="the person talking (default: DIGIBOT_AS)")
    parser.add_argument("--lang", choices=["nb", "nn", "en"])
    parser.add_argument("--now", metavar="ISO-DATETIME", help="fix the clock (local time of the network)")
    parser.add_argument("--network", help="the network, when the person is in several")
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    from bot.channels import enabled_channels
    from bot.channels.console.chat import run_console
    from bot.config import Settings
    from storage.db import make_sessionmaker

    engine = await open_database(args, create=False)
    settings = Settings.from_env()
    skip = list(enabled_channels(settings))  # a running service sends those
    try:
        network_id, person_id = await whoami(engine, args.as_email, args.network)
        now = parse_now(args.now, await network_timezone(engine, network_id)) if args.now else None
        await run_console(make_sessionmaker(engine), network_id, person_id, args.lang, sys.stdin, sys.stdout, skip,
                          settings.public_url, now=now)
    finally:
        await engine.dispose()
    return 0
