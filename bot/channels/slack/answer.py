"""The work done after the ack: the pipeline answers, and the answer goes back to Slack.

Every delivery is answered in its own task, tracked so that shutdown can finish (or cancel) what is
under way and so tests can wait until the bot is idle. Nothing here knows what a question means: the
pipeline (bot/pipeline) decides what to say, messages/render_slack how it looks. Answers in a
conversation go through the platform's sender (the outbox's client and rate limiter, with retries).
"""

from __future__ import annotations

import logging
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.channels.base import Delivery
from bot.channels.slack.identity import mention_names, slack_email
from bot.channels.slack.platform import SlackPlatform
from bot.channels.slack.text import mentioned, with_names
from bot.channels.tasks import ChannelTasks
from bot.delivery.replies import ReplyLost, send_reply
from bot.pipeline import Pipeline, Reply, Speaker
from bot.pipeline.chain import Listener
from handlers import home, home_queue
from handlers.context import Context
from handlers.incoming import Incoming
from messages.codec import message_to_dict
from messages.i18n import Lang, as_lang, t
from messages.model import Message
from messages.render_slack import to_home_view

log = logging.getLogger(__name__)

Send = Callable[[Reply], Awaitable[None]]
APOLOGY_PATIENCE = 30.0
LANGUAGES_KEPT = 10_000  # users whose language is remembered for apologies during a database outage


def event_key(event_id: str) -> str:
    return f"slack:event:{event_id}"


def message_key(channel: str, ts: object) -> str | None:
    """A Slack message's own identity (its channel and ts), the same under whichever event_id it comes."""
    return f"slack:message:{channel}:{ts}" if isinstance(ts, str) and ts else None


class SlackAnswers(ChannelTasks):
    """Answers Slack deliveries in background tasks, through the pipeline and the platform's sender."""

    def __init__(self, pipeline: Pipeline, platform: SlackPlatform, network: str | None) -> None:
        super().__init__("Slack")
        self.pipeline = pipeline
        self.platform = platform
        self.network = network
        self._languages: OrderedDict[str, Lang] = OrderedDict()  # Slack user → language of the last answer

    # ------------------------------------------------------------------ the pipeline

    def incoming(self, **fields: Any) -> Incoming:
        """An `Incoming` from Slack, before the pipeline has found the person."""
        return Incoming(network_id=self.network or "", person_id=None, channel="slack", **fields)

    def speaker(self, user_id: str) -> Speaker:
        client = self.platform.client

        async def email_lookup() -> str | None:
            return await slack_email(client, user_id)

        async def names_for_mentions(session: AsyncSession, incoming: Incoming) -> Incoming:
            """ "Kven er <@U1>?": ask about the person, by name."""
            if not (user_ids := mentioned(incoming.text)):
                return incoming
            names = await mention_names(session, client, user_ids, incoming.network_id)
            return replace(incoming, text=with_names(incoming.text, names))

        return Speaker("slack", user_id, email_lookup, self.network, names_for_mentions)

    async def handle(self, user_id: str, incoming: Incoming | None = None, *, dedupe_key: str | None = None,
                     listener: Listener | None = None, message_key: str | None = None) -> Reply | None:
        return await self.pipeline.handle(incoming or self.incoming(), speaker=self.speaker(user_id),
                                          dedupe_key=dedupe_key, listener=listener, message_key=message_key)

    async def answer(self, user_id: str, incoming: Incoming, send: Send, dedupe_key: str | None = None, *,
                     dm: Send | None = None, message_key: str | None = None) -> None:
        """Let the pipeline answer, send the reply.

        With `dedupe_key`, a second delivery of the same key (Slack's retries) does nothing at all.
        With `dm` (the conversation is not the person's DM), private messages go there instead, and the
        conversation is told so. Failures before anything was sent (database, users.info) get a short apology.
        """
        try:
            reply = await self.handle(user_id, incoming, dedupe_key=dedupe_key, message_key=message_key)
        except Exception as exc:
            log.exception("Slack: could not answer user %s", user_id)
            unavailable = isinstance(exc, OSError | DBAPIError)  # the database (or Slack) is out of reach
            await self._apologize(send, self.language_of(user_id), "error_unavailable" if unavailable else None)
            return
        if reply is None:
            return
        self._remember_language(user_id, reply.lang)
        if dm is not None and any(message.private for message in reply.messages):
            await dm(replace(reply, messages=[m for m in reply.messages if m.private]))
            told = Message(text=t(reply.lang, "sent_you_a_dm"))
            reply = replace(reply, messages=[*(m for m in reply.messages if not m.private), told])
        await send(reply)

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
        network = self.pipeline.snapshots.cached(self.network)
        return as_lang(network.language) if network is not None else "nb"

    @staticmethod
    async def _apologize(send: Send, lang: Lang, key: str | None = None) -> None:
        try:
            await send(Reply([Message(text=t(lang, key or "error_generic"))], lang))
        except Exception:
            log.exception("Slack: could not even send the apology")

    # ------------------------------------------------------------------ replies

    def chat_reply(self, user_id: str, channel: str, thread_ts: str | None = None, key: str | None = None) -> Send:
        """Send a reply into `channel` (a DM, or a thread in a channel) through the platform's sender:
        rate-limited with the outbox, retried after a 429, and never dropped without a log line."""

        async def send(reply: Reply) -> None:
            if not reply.messages:
                return
            first, *more = (message_to_dict(m) for m in reply.messages)
            delivery = Delivery(
                id=0, key=f"reply:{key or uuid.uuid4().hex}", kind="reply", channel="slack",
                network_id=self.network or "", person_id=None, recipient=user_id, lang=reply.lang,
                message=first, more=tuple(more), address={"channel": channel, "thread_ts": thread_ts},
            )
            try:
                await send_reply(self.platform.sender, delivery)
            except ReplyLost:
                apology = Reply([Message(text=t(reply.lang, "error_generic"))], reply.lang)
                if reply.messages != apology.messages:
                    sorry = replace(delivery, key=delivery.key + ":sorry",
                                    message=message_to_dict(apology.messages[0]), more=())
                    try:
                        await send_reply(self.platform.sender, sorry, patience=APOLOGY_PATIENCE)
                    except ReplyLost:
                        pass  # logged by send_reply

        return send

    # ------------------------------------------------------------------ App Home

    async def publish_home(self, user_id: str, dedupe_key: str | None) -> None:
        """Publish the user's App Home: their upcoming deadlines and meetings, or 'not registered'."""
        reply = await self.handle(user_id, dedupe_key=dedupe_key, listener=_home_messages)
        if reply is not None:
            await self.platform.client.views_publish(user_id=user_id, view=to_home_view(reply.messages, reply.lang))


async def _home_messages(ctx: Context, _incoming: Incoming) -> list[Message]:
    # The secretariat also sees the outbox queue below their own deadlines (empty for others).
    return [*await home.home_messages(ctx), *await home_queue.queue_messages(ctx)]
