"""`digibot import FILE [--db URL] [--prune]`: load a network file (spec/network-file.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import CommandError, add_db_option, engine_of, import_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path)
    parser.add_argument("--prune", action="store_true", help="delete entries that are missing from the file")
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise CommandError(f"no such file: {args.file}", 2)
    engine = engine_of(args)
    try:
        print(await import_file(engine, args.file, args.prune))
    finally:
        await engine.dispose()
    return 0
