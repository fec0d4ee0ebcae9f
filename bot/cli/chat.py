"""`digibot chat [--db URL] [--as EMAIL] [--lang nb|nn|en] [--now ISO]`: a conversation in the terminal
(bot/channels/console/chat.py). Reads line by line from stdin when it is not a terminal."""

from __future__ import annotations

import argparse
import sys

from bot.cli.common import add_speaker_options, open_database, speaker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_speaker_options(parser, "the person talking")


async def run(args: argparse.Namespace) -> int:
    from bot.channels import enabled_channels
    from bot.channels.console.chat import run_console
    from bot.config import Settings
    from storage.db import make_sessionmaker

    engine = await open_database(args, create=False)
    settings = Settings.from_env()
    skip = list(enabled_channels(settings))  # a running service sends those
    try:
        network_id, person_id, now = await speaker(engine, args)
        await run_console(make_sessionmaker(engine), network_id, person_id, args.lang, sys.stdin, sys.stdout, skip,
                          settings.public_url, now=now)
    finally:
        await engine.dispose()
    return 0
