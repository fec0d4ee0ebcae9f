"""The one entry point adapters call: an `Incoming` in, the bot's `Message`s out."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from handlers.context import Context, aware_now, choose_language
from handlers.incoming import Incoming
from handlers.router import Router
from messages.i18n import t
from messages.model import Message
from storage.snapshot import SnapshotCache

log = logging.getLogger(__name__)

MAX_TEXT_LENGTH = 4000


class Responder:
    """Finds the asker, picks the language, runs the matching listener in one transaction.

    A listener that fails rolls back whatever it wrote and the asker gets a plain apology.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], router: Router) -> None:
        self.sessions = sessions
        self.router = router
        self.snapshots = SnapshotCache()

    async def respond(self, incoming: Incoming) -> list[Message]:
        async with self.sessions() as session:
            network = await self.snapshots.get(session, incoming.network_id)
            if network is None:
                return [Message(text=t("nb", "not_registered"))]
            person = network.people.get(incoming.person_id) if incoming.person_id is not None else None
            lang = choose_language(incoming.lang, person, incoming.text, network.language)
            if person is None:
                return [Message(text=t(lang, "not_registered"))]
            if len(incoming.text) > MAX_TEXT_LENGTH:
                return [Message(text=t(lang, "text_too_long", length=len(incoming.text), limit=MAX_TEXT_LENGTH))]
            if not incoming.text.strip() and not incoming.action_id:
                return [Message(text=t(lang, "empty_question"))]
            ctx = Context(session=session, network=network, person=person, lang=lang, now=aware_now(incoming.now))
            listener = self.router.find(incoming)
            if listener is None:
                return [Message(text=t(lang, "empty_question"))]
            try:
                messages = await listener(ctx, incoming)
                await session.commit()
            except Exception:
                log.exception("listener failed for %r", incoming)
                await session.rollback()
                return [Message(text=t(lang, "error_generic"))]
            return messages
