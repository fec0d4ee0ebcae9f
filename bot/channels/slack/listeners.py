"""Bolt listeners: each one turns a Slack delivery into an `Incoming`, acks, and leaves the answer to a task.

The listeners only look at Slack's shapes (who, where, which text or button); what the bot says is
the pipeline's business (bot/pipeline, handlers/), how it looks is messages/render_slack's.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext, AsyncRespond
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.channels.slack.answer import Send, SlackAnswers, event_key, message_key
from bot.channels.slack.text import plain_text
from bot.pipeline import Reply
from messages.render_slack import base_action_id, to_slack_messages

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


def retry_note(retry: str | None, reason: str | None) -> str:
    """How the log names Slack's retry of a delivery (headers X-Slack-Retry-Num and -Reason); "" for a first."""
    return f" (Slack's retry {retry}: {reason})" if retry else ""


def _retry_note(request: AsyncBoltRequest) -> str:
    return retry_note(request.headers.get("x-slack-retry-num", [None])[0],
                      request.headers.get("x-slack-retry-reason", [None])[0])


def _log_delivery(what: str, event: JsonDict, body: JsonDict, note: str) -> None:
    """Slack's retries at INFO (worth an operator's eye); every other message at DEBUG: the access log already
    has a line per request, and a second one per DM was a measurable part of its cost."""
    log.log(logging.INFO if note else logging.DEBUG, "Slack: %s %s, event %s%s", what, event.get("user"),
            body.get("event_id"), note)


def _action_value(action: JsonDict) -> str | None:
    if "value" in action:
        return str(action["value"])
    selected = action.get("selected_option")
    if isinstance(selected, dict) and "value" in selected:
        return str(selected["value"])
    return None


def _answer_chat(answers: SlackAnswers, event: JsonDict, event_id: str | None, bot_user_id: str | None,
                 thread_ts: str | None) -> None:
    user, text = str(event["user"]), plain_text(event.get("text"), bot_user_id)
    channel = str(event["channel"])
    send = answers.chat_reply(user, channel, thread_ts, key=event_id)
    dm = None if channel.startswith("D") else answers.chat_reply(user, user)  # secrets leave a room
    key = event_key(event_id) if event_id else None
    work = answers.answer(user, answers.incoming(text=text), send, key, dm=dm,
                          message_key=message_key(channel, event.get("ts")))
    answers.spawn(work, f"{event.get('type')} {event_id}")


def answer_dm(answers: SlackAnswers, body: JsonDict, bot_user_id: str | None, note: str) -> None:
    """A `message` event: answered in a task when it is a person writing in their DM with the bot; anything
    else (a bot's message, an edit, a join, another kind of conversation) is let be. Both ways in use it: bolt's
    listener below, and the events endpoint's own path for a plain DM (bot/channels/slack/app.py)."""
    event: JsonDict = body["event"]
    if event.get("channel_type") != "im" or not _is_person_speaking(event, bot_user_id):
        return
    _log_delivery("DM from", event, body, note)
    _answer_chat(answers, event, body.get("event_id"), bot_user_id, event.get("thread_ts"))


def register_event_listeners(app: AsyncApp, answers: SlackAnswers) -> None:
    """Register the message, mention and App Home listeners on `app`; call first, as bolt tries its listeners
    in order and a DM (most of what the bot gets) then matches the first one tried."""

    @app.event("message")
    async def on_message(body: JsonDict, context: AsyncBoltContext, request: AsyncBoltRequest) -> None:
        answer_dm(answers, body, context.bot_user_id, _retry_note(request))

    @app.event("app_mention")
    async def on_mention(event: JsonDict, body: JsonDict, context: AsyncBoltContext, request: AsyncBoltRequest) -> None:
        if not _is_person_speaking(event, context.bot_user_id):
            return
        _log_delivery("mention by", event, body, _retry_note(request))
        thread_ts = event.get("thread_ts") or event.get("ts")
        _answer_chat(answers, event, body.get("event_id"), context.bot_user_id, thread_ts)

    @app.event("app_home_opened")
    async def on_home_opened(event: JsonDict, body: JsonDict) -> None:
        if event.get("tab", "home") != "home" or not event.get("user"):
            return
        event_id = body.get("event_id")
        key = event_key(event_id) if event_id else None
        answers.spawn(answers.publish_home(str(event["user"]), key), f"app home {event_id}")


def register_listeners(app: AsyncApp, answers: SlackAnswers) -> None:
    """Register the /digi and button listeners on `app` (after the announcement's own /digi listener)."""

    def respond_sender(respond: AsyncRespond) -> Send:
        async def send(reply: Reply) -> None:
            for payload in to_slack_messages(reply.messages, reply.lang):
                result = await respond(
                    text=payload.text, blocks=payload.blocks, response_type="ephemeral", replace_original=False
                )
                if result.status_code != 200:
                    log.warning("Slack: response_url answered %s: %s", result.status_code, result.body)
                    return

        return send

    @app.command(SLASH_COMMAND)
    async def on_command(ack: AsyncAck, command: JsonDict, respond: AsyncRespond) -> None:
        await ack()
        incoming = answers.incoming(text=plain_text(command.get("text")))
        user = str(command["user_id"])
        dm = None if str(command.get("channel_id") or "").startswith("D") else answers.chat_reply(user, user)
        work = answers.answer(user, incoming, respond_sender(respond), dm=dm)
        answers.spawn(work, f"{SLASH_COMMAND} by {user}")

    @app.action(re.compile(".+"))
    async def on_action(ack: AsyncAck, body: JsonDict, action: JsonDict, respond: AsyncRespond) -> None:
        await ack()
        if action.get("url") or not action.get("action_id"):  # a link button: Slack opened the link already
            return
        action_id, value = base_action_id(str(action["action_id"])), _action_value(action)
        user = str((body.get("user") or {}).get("id") or "")
        if not user:
            return
        incoming = answers.incoming(action_id=action_id, value=value)
        container = body.get("container") or {}
        channel = str(container.get("channel_id") or (body.get("channel") or {}).get("id") or "")
        dm: Send | None = None  # where private messages go when `send` is not the person's DM
        if container.get("type") == "view" or not body.get("response_url"):
            send = answers.chat_reply(user, user)  # App Home or a modal: answer in the user's DM
        elif channel.startswith("D"):
            send = answers.chat_reply(user, channel)  # a button in our DM: answer there
        else:
            send = respond_sender(respond)  # a button in a channel: answer only the one who pressed it
            dm = answers.chat_reply(user, user)
        answers.spawn(answers.answer(user, incoming, send, dm=dm), f"action {action_id} by {user}")
