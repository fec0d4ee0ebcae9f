"""`digibot ask [--db URL] [--as EMAIL] [--lang nb|nn|en] [--now ISO] "question"`: print the bot's answer
as plain text, exactly what the person would read."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from bot.cli.common import add_speaker_options, open_database, snapshot_file, speaker


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="+")
    add_speaker_options(parser, "the asking person")


async def run(args: argparse.Namespace) -> int:
    with _without_cycle_collection():
        return await _ask(args)


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """One question, then the process ends: the cyclic garbage collector would only walk the 150,000
    long-lived objects of the imports and the snapshot again and again (~40 ms of a 0.4 s answer).
    Reference counting still frees everything else; a caller in the same process gets it back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def _ask(args: argparse.Namespace) -> int:
    from bot.config import Settings
    from bot.pipeline import build_pipeline
    from handlers.incoming import Incoming
    from messages.render_text import to_text
    from storage.db import make_sessionmaker

    engine = await open_database(args, create=False)
    try:
        network_id, person_id, now = await speaker(engine, args)
        pipeline = build_pipeline(make_sessionmaker(engine), Settings.from_env().public_url)
        pipeline.snapshots.store = snapshot_file(engine)  # an unchanged network is not rebuilt on every call
        incoming = Incoming(network_id=network_id, person_id=person_id, text=" ".join(args.question),
                            lang=args.lang, now=now)
        reply = await pipeline.reply(incoming)
        pipeline.snapshots.persist()
    finally:
        await engine.dispose()
    print(to_text(reply.messages, reply.lang))
    return 0
