"""The one entry point adapters call: an `Incoming` in, the bot's `Message`s out."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.context import Context, aware_now, choose_language
from handlers.flows import continue_flow
from handlers.incoming import Incoming
from handlers.router import Router
from messages.i18n import Lang, t
from messages.model import Message
from storage.snapshot import SnapshotCache

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 4000
DEFAULT_PUBLIC_URL = "http://localhost:3000"


@dataclass
class Reply:
    messages: list[Message]
    lang: Lang


class Responder:
    """Finds the asker, picks the language, lets a flow in flight (handlers/flows) or else the matching
    listener answer, in one transaction.

    A listener that fails rolls back whatever it wrote and the asker gets a plain apology.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], router: Router,
                 public_url: str = DEFAULT_PUBLIC_URL) -> None:
        self.sessions = sessions
        self.router = router
        self.public_url = public_url
        self.snapshots = SnapshotCache()

    async def respond(self, incoming: Incoming) -> list[Message]:
        return (await self.reply(incoming)).messages

    async def reply(self, incoming: Incoming) -> Reply:
        async with self.sessions() as session:
            network = await self.snapshots.get(session, incoming.network_id)
            if network is None:
                return Reply([Message(text=t("nb", "not_registered"))], "nb")
            person = network.people.get(incoming.person_id) if incoming.person_id is not None else None
            lang = choose_language(incoming.lang, person, incoming.text, network.language)

            def say(key: str, **params: object) -> Reply:
                return Reply([Message(text=t(lang, key, **params))], lang)

            if person is None:
                return say("not_registered")
            if len(incoming.text) > MAX_TEXT_LENGTH:
                return say("text_too_long", length=len(incoming.text), limit=MAX_TEXT_LENGTH)
            ctx = Context(session=session, network=network, person=person, lang=lang, now=aware_now(incoming.now),
                          public_url=self.public_url)
            try:
                messages = await continue_flow(ctx, incoming)  # a conversation in flight gets the message first
                if messages is None:
                    listener = self.router.find(incoming) if incoming.text.strip() or incoming.action_id else None
                    if listener is None:
                        return say("empty_question")
                    messages = await listener(ctx, incoming)
                await session.commit()
            except Exception:
                log.exception("listener failed for %r", incoming)
                await session.rollback()
                return say("error_generic")
            return Reply(messages, lang)
