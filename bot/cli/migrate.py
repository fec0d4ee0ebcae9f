"""`digibot migrate [--db URL]`: bring the database schema up to date."""

from __future__ import annotations

import argparse

from bot.cli.common import add_db_option, engine_of


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    from storage.migrate import upgrade

    engine = engine_of(args)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
    print("database is up to date")
    return 0
