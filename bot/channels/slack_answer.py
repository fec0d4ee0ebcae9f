"""The work done after the ack: who is asking, what the bot answers, and posting it back to Slack.

Every delivery is answered in its own task, tracked so that shutdown can finish (or cancel) what is
under way and so tests can wait until the bot is idle. Nothing here knows what a question means: the
Responder decides what to say, messages/render_slack how it looks.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.channels.slack_identity import identify, mention_names, stranger_language
from bot.channels.slack_text import mentioned, with_names
from handlers import home, home_queue
from handlers.context import Context, aware_now, choose_language
from handlers.incoming import Incoming
from handlers.respond import Responder
from messages.i18n import Lang, as_lang, t
from messages.model import Message
from messages.render_slack import SlackPayload, to_home_view, to_slack_messages
from storage.dedupe import first_delivery
from storage.identities import Identity

log = logging.getLogger(__name__)

Send = Callable[[list[SlackPayload]], Awaitable[None]]
MakeIncoming = Callable[[Identity], Incoming]


LANGUAGES_KEPT = 10_000  # users whose language is remembered for apologies during a database outage


def event_key(event_id: str) -> str:
    return f"slack:event:{event_id}"


class SlackAnswers:
    """Answers Slack deliveries in background tasks."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        responder: Responder,
        network: str | None,
    ) -> None:
        self.sessions = sessions
        self.responder = responder
        self.network = network
        self.tasks: set[asyncio.Task[None]] = set()
        self._languages: OrderedDict[str, Lang] = OrderedDict()  # Slack user → language of the last answer

    # ------------------------------------------------------------------ task bookkeeping

    def spawn(self, work: Coroutine[Any, Any, None], what: str) -> None:
        """Run `work` after the ack; failures are logged, never raised into the process."""
        task = asyncio.get_running_loop().create_task(self._guarded(work, what), name=f"slack: {what}")
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    @staticmethod
    async def _guarded(work: Coroutine[Any, Any, None], what: str) -> None:
        try:
            await work
        except asyncio.CancelledError:
            log.warning("Slack: %s was cancelled", what)
            raise
        except Exception:
            log.exception("Slack: %s failed", what)

    async def drain(self, timeout: float | None = None) -> bool:
        """Wait until no answer is under way (True), or `timeout` seconds passed (False)."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while self.tasks:
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                return False
            await asyncio.wait(set(self.tasks), timeout=left)
        return True

    async def close(self, timeout: float = 10.0) -> None:
        """Let running answers finish for up to `timeout` seconds, then cancel the rest."""
        if not await self.drain(timeout):
            pending = set(self.tasks)
            log.warning("Slack: cancelling %d unfinished answer(s) at shutdown", len(pending))
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    # ------------------------------------------------------------------ answering

    async def answer(
        self,
        client: AsyncWebClient,
        user_id: str,
        make_incoming: MakeIncoming,
        send: Send,
        dedupe_key: str | None = None,
        *,
        dm: Send | None = None,
    ) -> None:
        """Identify the user, let the Responder answer, send the rendered reply.

        With `dedupe_key`, a second delivery of the same key (Slack's retries) does nothing at all.
        With `dm` (the conversation is not the person's DM), private messages go there instead, and
        the conversation is told so. Failures before anything was sent (database, users.info) get a short apology.
        """
        try:
            reply = await self._reply(client, user_id, make_incoming, dedupe_key)
        except Exception as exc:
            log.exception("Slack: could not answer user %s", user_id)
            unavailable = isinstance(exc, OSError | DBAPIError)  # the database (or Slack) is out of reach
            await self._apologize(send, self.language_of(user_id), "error_unavailable" if unavailable else None)
            return
        if reply is None:
            return
        messages, lang = reply
        self._remember_language(user_id, lang)
        if dm is not None and any(message.private for message in messages):
            await dm(to_slack_messages([m for m in messages if m.private], lang))
            messages = [*(m for m in messages if not m.private), Message(text=t(lang, "sent_you_a_dm"))]
        await send(to_slack_messages(messages, lang))

    async def _reply(
        self, client: AsyncWebClient, user_id: str, make_incoming: MakeIncoming, dedupe_key: str | None
    ) -> tuple[list[Message], Lang] | None:
        async with self.sessions() as session:
            if dedupe_key is not None and not await first_delivery(session, dedupe_key, datetime.now(UTC)):
                log.info("Slack: %s was already handled; ignoring this delivery", dedupe_key)
                return None
            identity = await identify(session, client, user_id, self.network)
            if identity is None:
                lang = await stranger_language(session, self.network)
                log.info("Slack: user %s is not registered in any network", user_id)
                return [Message(text=t(lang, "not_registered"))], lang
            incoming = make_incoming(identity)
            if user_ids := mentioned(incoming.text):  # "Kven er <@U1>?": ask about the person, by name
                names = await mention_names(session, client, user_ids, identity.network_id)
                incoming = replace(incoming, text=with_names(incoming.text, names))
        reply = await self.responder.reply(incoming)
        return reply.messages, reply.lang

    def _remember_language(self, user_id: str, lang: Lang) -> None:
        self._languages[user_id] = lang
        self._languages.move_to_end(user_id)
        while len(self._languages) > LANGUAGES_KEPT:
            self._languages.popitem(last=False)

    def language_of(self, user_id: str) -> Lang:
        """The language to apologise in when the database cannot be asked: the user's last answer's, else
        the network's (from the snapshot in memory), else bokmål."""
        if user_id in self._languages:
            return self._languages[user_id]
        network = self.responder.snapshots.cached(self.network)
        return as_lang(network.language) if network is not None else "nb"

    @staticmethod
    async def _apologize(send: Send, lang: Lang, key: str | None = None) -> None:
        try:
            await send(to_slack_messages([Message(text=t(lang, key or "error_generic"))], lang))
        except Exception:
            log.exception("Slack: could not even send the apology")

    async def publish_home(self, client: AsyncWebClient, user_id: str, dedupe_key: str | None) -> None:
        """Publish the user's App Home: their upcoming deadlines and meetings, or 'not registered'."""
        async with self.sessions() as session:
            if dedupe_key is not None and not await first_delivery(session, dedupe_key, datetime.now(UTC)):
                return
            identity = await identify(session, client, user_id, self.network)
            if identity is None:
                lang = await stranger_language(session, self.network)
                messages = [Message(text=t(lang, "not_registered"))]
            else:
                messages, lang = await self._home_messages(session, identity)
        await client.views_publish(user_id=user_id, view=to_home_view(messages, lang))

    async def _home_messages(self, session: AsyncSession, identity: Identity) -> tuple[list[Message], Lang]:
        network = await self.responder.snapshots.get(session, identity.network_id)
        person = network.people.get(identity.person_id) if network is not None else None
        if network is None or person is None:
            lang = await stranger_language(session, identity.network_id)
            return [Message(text=t(lang, "not_registered"))], lang
        lang = choose_language(None, person, "", network.language)
        ctx = Context(session=session, network=network, person=person, lang=lang, now=aware_now(None))
        try:
            # The secretariat also sees the outbox queue below their own deadlines (empty for others).
            return [*await home.home_messages(ctx), *await home_queue.queue_messages(ctx)], lang
        except Exception:
            log.exception("Slack: App Home content failed for %s", identity)
            await session.rollback()
            return [Message(text=t(lang, "error_generic"))], lang
