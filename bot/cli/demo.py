"""`digibot demo [--db URL] [--file PATH]`: load the demo network DigiVestland (bot/cli/demo_network.py),
its deadlines and meetings placed relative to today."""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from bot.cli.common import add_db_option, engine_of, import_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", type=Path, help="also keep the generated network file here")
    add_db_option(parser)


async def run(args: argparse.Namespace) -> int:
    from bot.cli.demo_network import write_demo_file

    engine = engine_of(args)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = args.file or Path(tmp) / "digivestland.yaml"
            write_demo_file(path, date.today())
            print(await import_file(engine, path, prune=True))
    finally:
        await engine.dispose()
    return 0
