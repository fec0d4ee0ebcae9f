"""The bodies a room's webhook is sent, each within the ~28 KB webhooks accept.

    slack_webhook   {"text": ..., "blocks": [...]}: Slack's incoming webhooks take Block Kit; Mattermost and
                    Rocket.Chat show `text`, so the first post's text is the whole message as plain text
    teams_workflow  {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
                    "content": <Adaptive Card 1.5>}]}: the envelope Teams Workflows webhooks expect

A message too long for one body is split over at most three (the renderers' limit) and shortened with a
note beyond that, never sent too large. Buttons that would need the bot to hear a press (Action.Submit,
Block Kit buttons without a URL) are left out: a webhook is one-way; link buttons stay.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from messages.model import Message
from messages.render_slack import FALLBACK_TEXT, POST_BUDGET, to_slack_messages
from messages.render_slack_text import escape
from messages.render_teams import CONTENT_TYPE, to_adaptive_cards
from messages.render_text import shorten, slen, to_text

MAX_PAYLOAD_BYTES = 28_000  # what Slack-compatible and Teams Workflows webhooks accept, about 28 KB
ENVELOPE_ROOM = 400  # bytes of the Teams envelope around a card, and a margin
MIN_BUDGET = 500  # characters: below this a post is shortened rather than the budget halved again
TEXT_LIMIT = 12_000  # characters of the plain text of a Slack-compatible post (Mattermost shows up to 16,383)


def size(body: Any) -> int:
    """Bytes of `body` as it travels (compact UTF-8 JSON)."""
    return len(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def one_way(message: Message) -> Message:
    """The message without buttons that need a press to reach the bot (link buttons stay)."""
    return replace(message, buttons=[button for button in message.buttons if button.url])


def slack_bodies(messages: list[Message], lang: str, limit: int = MAX_PAYLOAD_BYTES) -> list[dict[str, Any]]:
    shown = [one_way(m) for m in messages]
    budget, text_limit = POST_BUDGET, TEXT_LIMIT
    while True:
        payloads = to_slack_messages(shown, lang, budget=budget, fallback=min(FALLBACK_TEXT, text_limit))
        full = escape(shorten(to_text(shown, lang), text_limit, lambda s: slen(escape(s))))
        bodies = [{"text": full if i == 0 else p.text, "blocks": p.blocks} for i, p in enumerate(payloads)]
        if all(size(body) <= limit for body in bodies) or budget <= MIN_BUDGET:
            return bodies
        budget, text_limit = max(MIN_BUDGET, budget // 2), max(MIN_BUDGET, text_limit // 2)


def teams_envelope(card: dict[str, Any]) -> dict[str, Any]:
    return {"type": "message", "attachments": [{"contentType": CONTENT_TYPE, "contentUrl": None, "content": card}]}


def teams_bodies(messages: list[Message], lang: str, limit: int = MAX_PAYLOAD_BYTES) -> list[dict[str, Any]]:
    shown = [one_way(m) for m in messages]
    return [teams_envelope(p.card) for p in to_adaptive_cards(shown, lang, budget=limit - ENVELOPE_ROOM)]


BODIES = {"slack_webhook": slack_bodies, "teams_workflow": teams_bodies}
