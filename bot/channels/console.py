"""The terminal as a channel: `digibot chat` reads lines and prints the bot's answers."""

from __future__ import annotations

import asyncio
from typing import TextIO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.app import build_responder
from handlers.incoming import Incoming
from messages.i18n import t
from messages.render_text import to_text

QUIT_WORDS = {"quit", "exit", "avslutt", "slutt", "q"}


async def run_console(
    sessions: async_sessionmaker[AsyncSession],
    network_id: str,
    person_id: int,
    lang: str | None,
    stdin: TextIO,
    stdout: TextIO,
) -> None:
    responder = build_responder(sessions)
    greeting = await responder.reply(
        Incoming(network_id=network_id, person_id=person_id, text="hjelp", lang=lang, channel="console")
    )
    stdout.write(to_text(greeting.messages, greeting.lang) + "\n")
    stdout.write(t(greeting.lang, "console_prompt_hint") + "\n")
    loop = asyncio.get_running_loop()
    while True:
        if stdin.isatty():
            stdout.write("> ")
        stdout.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        text = line.strip()
        if not text:
            continue
        if text.lower() in QUIT_WORDS:
            break
        reply = await responder.reply(
            Incoming(network_id=network_id, person_id=person_id, text=text, lang=lang, channel="console")
        )
        stdout.write(to_text(reply.messages, reply.lang) + "\n\n")
        stdout.flush()
