"""Bolt listeners: each one turns a Slack delivery into an `Incoming`, acks, and leaves the answer to a task.

The listeners only look at Slack's shapes (who, where, which text or button); what the bot says is
the Responder's business (handlers/), how it looks is messages/render_slack's.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.slack_answer import Send, SlackAnswers, event_key
from bot.channels.slack_text import plain_text
from handlers.incoming import Incoming
from messages.render_slack import SlackPayload, base_action_id
from storage.identities import Identity

log = logging.getLogger(__name__)

# What the app listens to, as the manifest declares it (bot event → manifest subscription).
EVENT_SUBSCRIPTIONS = {"message": "message.im", "app_mention": "app_mention", "app_home_opened": "app_home_opened"}
SLASH_COMMAND = "/digi"
ANSWERED_SUBTYPES = {None, "file_share"}  # a person's own message (with or without a file); not edits, joins...

JsonDict = dict[str, Any]


def _is_person_speaking(event: JsonDict, bot_user_id: str | None) -> bool:
    """A message a human typed: not from a bot (ours or another), not an edit, join or deletion."""
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("bot_id") or event.get("bot_profile"):
        return False
    user = event.get("user")
    return bool(user) and user != bot_user_id


def _retry_note(request: AsyncBoltRequest) -> str:
    retry = request.headers.get("x-slack-retry-num", [None])[0]
    reason = request.headers.get("x-slack-retry-reason", [None])[0]
    return f" (Slack's retry {retry}: {reason})" if retry else ""


def _action_value(action: JsonDict) -> str | None:
    if "value" in action:
        return str(action["value"])
    selected = action.get("selected_option")
    if isinstance(selected, dict) and "value" in selected:
        return str(selected["value"])
    return None


def register_listeners(app: AsyncApp, answers: SlackAnswers) -> None:
    """Register the message, mention, App Home, /digi and button listeners on `app`."""

    def chat_sender(client: AsyncWebClient, channel: str, thread_ts: str | None) -> Send:
        async def send(payloads: list[SlackPayload]) -> None:
            for payload in payloads:
                await client.chat_postMessage(
                    channel=channel, text=payload.text, blocks=payload.blocks, thread_ts=thread_ts
                )

        return send

    def respond_sender(respond: AsyncRespond) -> Send:
        async def send(payloads: list[SlackPayload]) -> None:
            for payload in payloads:
                result = await respond(
                    text=payload.text, blocks=payload.blocks, response_type="ephemeral", replace_original=False
                )
                if result.status_code != 200:
                    log.warning("Slack: response_url answered %s: %s", result.status_code, result.body)
                    return

        return send

    def answer_chat(
        event: JsonDict, event_id: str | None, client: AsyncWebClient, bot_user_id: str | None, thread_ts: str | None
    ) -> None:
        user, text = str(event["user"]), plain_text(event.get("text"), bot_user_id)

        def incoming(who: Identity) -> Incoming:
            return Incoming(network_id=who.network_id, person_id=who.person_id, text=text, channel="slack")

        channel = str(event["channel"])
        send = chat_sender(client, channel, thread_ts)
        dm = None if channel.startswith("D") else chat_sender(client, user, None)  # secrets leave a room
        key = event_key(event_id) if event_id else None
        answers.spawn(answers.answer(client, user, incoming, send, key, dm=dm), f"{event.get('type')} {event_id}")

    @app.event("message")
    async def on_message(
        event: JsonDict, body: JsonDict, client: AsyncWebClient, context: AsyncBoltContext, request: AsyncBoltRequest
    ) -> None:
        if event.get("channel_type") != "im" or not _is_person_speaking(event, context.bot_user_id):
            return
        log.info("Slack: DM from %s, event %s%s", event.get("user"), body.get("event_id"), _retry_note(request))
        answer_chat(event, body.get("event_id"), client, context.bot_user_id, event.get("thread_ts"))

    @app.event("app_mention")
    async def on_mention(
        event: JsonDict, body: JsonDict, client: AsyncWebClient, context: AsyncBoltContext, request: AsyncBoltRequest
    ) -> None:
        if not _is_person_speaking(event, context.bot_user_id):
            return
        log.info("Slack: mention by %s, event %s%s", event.get("user"), body.get("event_id"), _retry_note(request))
        thread_ts = event.get("thread_ts") or event.get("ts")
        answer_chat(event, body.get("event_id"), client, context.bot_user_id, thread_ts)

    @app.event("app_home_opened")
    async def on_home_opened(event: JsonDict, body: JsonDict, client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        event_id = body.get("event_id")
        key = event_key(event_id) if event_id else None
        answers.spawn(answers.publish_home(client, str(event["user"]), key), f"app home {event_id}")

    @app.command(SLASH_COMMAND)
    async def on_command(ack: AsyncAck, command: JsonDict, client: AsyncWebClient, respond: AsyncRespond) -> None:
        await ack()
        text = plain_text(command.get("text"))

        def incoming(who: Identity) -> Incoming:
            return Incoming(network_id=who.network_id, person_id=who.person_id, text=text, channel="slack")

        user = str(command["user_id"])
        dm = None if str(command.get("channel_id") or "").startswith("D") else chat_sender(client, user, None)
        work = answers.answer(client, user, incoming, respond_sender(respond), dm=dm)
        answers.spawn(work, f"{SLASH_COMMAND} by {user}")

    @app.action(re.compile(".+"))
    async def on_action(
        ack: AsyncAck, body: JsonDict, action: JsonDict, client: AsyncWebClient, respond: AsyncRespond
    ) -> None:
        await ack()
        if action.get("url") or not action.get("action_id"):  # a link button: Slack opened the link already
            return
        action_id, value = base_action_id(str(action["action_id"])), _action_value(action)
        user = str((body.get("user") or {}).get("id") or "")
        if not user:
            return

        def incoming(who: Identity) -> Incoming:
            return Incoming(
                network_id=who.network_id, person_id=who.person_id, action_id=action_id, value=value, channel="slack"
            )

        container = body.get("container") or {}
        channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
        dm: Send | None = None  # where private messages go when `send` is not the person's DM
        if container.get("type") == "view" or not body.get("response_url"):
            send = chat_sender(client, user, None)  # App Home or a modal: answer in the user's DM
        elif channel.startswith("D"):
            send = chat_sender(client, channel, None)  # a button in our DM: answer there
        else:
            send = respond_sender(respond)  # a button in a channel: answer only the one who pressed it
            dm = chat_sender(client, user, None)
        answers.spawn(answers.answer(client, user, incoming, send, dm=dm), f"action {action_id} by {user}")
