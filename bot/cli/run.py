"""`digibot run [--db URL]`: the service (web app, channel endpoints, scheduler, delivery worker)."""

from __future__ import annotations

import argparse
import dataclasses

from bot.cli.common import add_db_option


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    from bot.config import Settings
    from bot.service import serve

    settings = Settings.from_env()
    if args.db:
        settings = dataclasses.replace(settings, database_url=args.db)
    await serve(settings)
    return 0
