"""A chat-style test harness (in the spirit of errbot's testbot): tests read like a conversation.

    chat = await Chat.start(tmp_path, "tests/fixtures/network_testland.yaml")
    text = await chat.ask("kven er koordinator i Orsta?", as_="mona.lien@rana.kommune.no",
                          now="2026-03-04T10:00")

`ask` returns exactly what the user would read: the real pipeline (bot/pipeline) answers an
`Incoming` against a SQLite database migrated with Alembic and filled by the real importer, and the
messages are rendered with messages.render_text. `now` is an ISO date-time in the network's time
zone unless it carries an offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.pipeline import Pipeline, build_pipeline
from handlers.incoming import Incoming
from messages.model import Message
from messages.render_text import to_text
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from tests.testbot import ROOT, import_file, network_source, people_of

__all__ = ["ROOT", "Answer", "Chat", "Row", "check_answer", "row"]


@dataclass
class Answer:
    text: str
    messages: list[Message]
    lang: str

    def __str__(self) -> str:
        return self.text


class Chat:
    def __init__(self, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession], network_id: str,
                 timezone: str) -> None:
        self.engine = engine
        self.sessions = sessions
        self.network_id = network_id
        self.timezone = timezone
        self.pipeline: Pipeline = build_pipeline(sessions)
        self._people: dict[str, int] = {}
        self.last: Answer | None = None

    @classmethod
    async def start(cls, tmp_path: Path, network: str | Path | dict[str, Any]) -> Chat:
        """A fresh database in `tmp_path` holding `network` (a network file, or its content as a dict)."""
        engine = make_engine(f"sqlite:///{tmp_path / 'chat.sqlite3'}")
        await upgrade(engine)
        sessions = make_sessionmaker(engine)
        network_id, timezone = await import_file(sessions, network_source(network, tmp_path))
        chat = cls(engine, sessions, network_id, timezone)
        chat._people = await people_of(sessions, network_id)
        return chat

    async def close(self) -> None:
        await self.engine.dispose()

    def person_id(self, email: str) -> int:
        return self._people[email.lower()]

    def clock(self, now: str | datetime | None) -> datetime | None:
        if now is None:
            return None
        moment = now if isinstance(now, datetime) else datetime.fromisoformat(now)
        return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(self.timezone))

    async def answer(self, text: str, *, as_: str, now: str | datetime | None = None,
                     lang: str | None = None) -> Answer:
        """The full answer: rendered text, the messages and the language they were written in."""
        incoming = Incoming(network_id=self.network_id, person_id=self.person_id(as_), text=text,
                            lang=lang, now=self.clock(now))
        reply = await self.pipeline.reply(incoming)
        self.last = Answer(to_text(reply.messages, reply.lang), reply.messages, reply.lang)
        return self.last

    async def ask(self, text: str, *, as_: str, now: str | datetime | None = None, lang: str | None = None) -> str:
        """What the user would read after typing `text`."""
        return (await self.answer(text, as_=as_, now=now, lang=lang)).text


@dataclass(frozen=True)
class Row:
    """One line of a question table: what the answer must show, must not show, and its language."""

    question: str
    shows: tuple[str, ...]
    hides: tuple[str, ...] = ()
    as_: str = ""
    now: str | None = None  # None: the table's own clock
    lang: str | None = None  # the language the answer must be in

    def __str__(self) -> str:
        return self.question


def row(question: str, shows: str | tuple[str, ...], hides: str | tuple[str, ...] = (), *, as_: str,
        now: str | None = None, lang: str | None = None) -> Row:
    return Row(question, (shows,) if isinstance(shows, str) else shows,
               (hides,) if isinstance(hides, str) else hides, as_, now, lang)


async def check_answer(chat: Chat, case: Row, now: str) -> None:
    """Ask the row's question as its person, at its clock (else `now`), and check what the user reads."""
    answer = await chat.answer(case.question, as_=case.as_, now=case.now or now)
    for expected in case.shows:
        assert expected in answer.text, f"{case.question!r} should mention {expected!r}:\n{answer.text}"
    for unexpected in case.hides:
        assert unexpected not in answer.text, f"{case.question!r} must not mention {unexpected!r}:\n{answer.text}"
    if case.lang is not None:
        assert answer.lang == case.lang, f"{case.question!r} answered in {answer.lang}"
