"""Message <-> JSON-safe dict, for messages stored in the outbox."""

from __future__ import annotations

from typing import Any

from messages.model import Button, Field, Message


def message_to_dict(message: Message) -> dict[str, Any]:
    return {
        "title": message.title,
        "text": message.text,
        "fields": [[f.label, f.value] for f in message.fields],
        "items": list(message.items),
        "buttons": [
            {"label": b.label, "action_id": b.action_id, "value": b.value, "style": b.style, "url": b.url}
            for b in message.buttons
        ],
        "context": message.context,
        "button_hint": message.button_hint,
    }


def message_from_dict(data: dict[str, Any]) -> Message:
    return Message(
        title=data.get("title"),
        text=data.get("text"),
        fields=[Field(label, value) for label, value in data.get("fields", [])],
        items=list(data.get("items", [])),
        buttons=[Button(**b) for b in data.get("buttons", [])],
        context=data.get("context"),
        button_hint=data.get("button_hint"),
    )
