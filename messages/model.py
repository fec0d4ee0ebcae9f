"""The channel-neutral message: what handlers return and renderers turn into Block Kit or text.

Texts are plain (no markup); renderers escape and style them for their channel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Field:
    label: str
    value: str


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str = ""
    style: Literal["primary", "danger"] | None = None
    url: str | None = None


@dataclass
class Message:
    title: str | None = None
    text: str | None = None
    fields: list[Field] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    context: str | None = None
    # How to use the buttons, in words ("Trykk «Start» eller skriv «svar ikt-2026»"): shown after the text
    # where the buttons are buttons (chat, console); a channel that cannot show them as buttons (e-mail) leaves
    # it out and says itself what each button becomes, so that no text asks for a press that cannot be made.
    button_hint: str | None = None
    private: bool = False  # a secret (a personal link): a channel shows it only to its person, never to a room
