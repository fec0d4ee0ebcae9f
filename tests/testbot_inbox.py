"""What a person of the test bot reads: each message as plain text with its buttons, whichever channel.

A Slack message is read from the Slack emulator (its blocks, as Slack shows them); a console message is
the text the console channel prints (messages.render_text, bot/channels/console/sender.py); a mail is its
plain-text part, its buttons the "label: https://..." links in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from bot.channels.base import Delivery
from bot.channels.console.sender import ConsoleSender, render_delivery
from messages.codec import message_from_dict
from messages.model import Message
from tests.emulators.slack_models import Message as SlackMessage

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str


@dataclass
class Received:
    """One message a person got: an answer or a notification, in Slack or on the console."""

    text: str
    buttons: list[Button] = field(default_factory=list)
    via: str = "console"
    slack: SlackMessage | None = None  # the message in the emulator (Slack only)
    mail: EmailMessage | None = None  # the mail as the SMTP server received it (e-mail only)
    links: dict[str, str] = field(default_factory=dict)  # e-mail: a button's label -> its link

    def __str__(self) -> str:
        return self.text

    def button(self, label: str) -> Button:
        for button in self.buttons:
            if button.label == label:
                return button
        raise AssertionError(f"no button {label!r} on {self.text!r}; buttons: {[b.label for b in self.buttons]}")


def _texts(node: Any) -> list[str]:
    """Every visible text of a block tree, in order (button labels aside: they are buttons)."""
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    if not isinstance(node, dict) or node.get("type") in ("button", "actions"):
        return []
    found = [node["text"]] if isinstance(node.get("text"), str) else []
    for key, value in node.items():
        if key != "text" or not isinstance(value, str):
            found += _texts(value)
    return found


def _slack_buttons(blocks: list[JsonDict]) -> list[Button]:
    return [Button(element["text"]["text"], element["action_id"], str(element.get("value", "")))
            for block in blocks if block.get("type") == "actions"
            for element in block.get("elements", []) if element.get("type") == "button"]


def from_slack(message: SlackMessage) -> Received:
    blocks = message.blocks or []
    text = "\n".join(_texts(blocks)) if blocks else (message.text or "")
    return Received(text, _slack_buttons(blocks), "slack", message)


def from_mail(mail: EmailMessage) -> Received:
    """A mail as its reader sees it: the plain-text part; a button is a "label: https://..." line."""
    part = mail.get_body(("plain",))
    text = part.get_content().replace("\r\n", "\n") if isinstance(part, EmailMessage) else ""
    links = {m.group(1): m.group(2) for m in re.finditer(r"^(.+?): (https?://\S+)$", text, re.MULTILINE)}
    return Received(text, [], "email", mail=mail, links=links)


def from_messages(text: str, messages: list[Message]) -> Received:
    buttons = [Button(b.label, b.action_id, b.value) for message in messages for b in message.buttons if not b.url]
    return Received(text, buttons, "console")


class ConsoleInbox(ConsoleSender):
    """The console channel's sender, keeping what each person read: the worker's rows and their answers."""

    def __init__(self) -> None:
        super().__init__(lambda _text: None)
        self.by_person: dict[int, list[Received]] = {}

    async def send(self, delivery: Delivery) -> str | None:
        messages = [message_from_dict(m) for m in (delivery.message, *delivery.more)]
        received = from_messages(render_delivery(delivery), messages)
        self.of(delivery.person_id or 0).append(received)
        return await super().send(delivery)

    def of(self, person_id: int) -> list[Received]:
        return self.by_person.setdefault(person_id, [])
