"""Buttons in the terminal: shown as numbered choices, pressed by typing the number or the label.

The console session keeps the pressable buttons of the last thing it printed (an answer, or a notification
such as a survey's invitation with its Start button); a typed line that is one of them becomes a press
(an `Incoming` with the button's action_id and value), anything else is sent as text. A label typed in full
wins over a number, so on a 0–10 scale "1" is the button "1", not the first button.
"""

from __future__ import annotations

from dataclasses import replace

from messages.model import Button, Message
from messages.render_text import one_line, text_and_hint, to_text

PICKED = "✓ "


def pressable(messages: list[Message]) -> list[Button]:
    return [b for m in messages for b in m.buttons if not b.url and one_line(b.label)]


def _choices_apart(message: Message) -> Message:
    """The message without the buttons shown as numbered choices; its button hint stays in its text, since
    those buttons can still be pressed (by number or label)."""
    return replace(message, text=text_and_hint(message), button_hint=None,
                   buttons=[b for b in message.buttons if b.url])


def numbered(messages: list[Message], lang: str) -> tuple[str, list[Button]]:
    """The messages as terminal text with their buttons as numbered choices ("[1] Ja   [2] Nei"), and the
    buttons in that order."""
    buttons = pressable(messages)
    text = to_text([_choices_apart(m) for m in messages], lang)
    if buttons:
        choices = "   ".join(f"[{n}] {one_line(b.label)}" for n, b in enumerate(buttons, start=1))
        text = f"{text}\n{choices}" if text else choices
    return text, buttons


def _label(text: str) -> str:
    return " ".join(text.strip().lower().removeprefix(PICKED.strip()).split())


class ShownButtons:
    """The buttons the person can press now: those of the last output that had any say so (an output
    without buttons forgets them)."""

    def __init__(self) -> None:
        self.buttons: list[Button] = []

    def show(self, buttons: list[Button]) -> None:
        self.buttons = list(buttons)

    def pressed(self, typed: str) -> Button | None:
        """The button `typed` presses: its label, else its number; None for anything else."""
        said = _label(typed)
        if not said or not self.buttons:
            return None
        for button in self.buttons:
            if _label(button.label) == said:
                return button
        if said.isdigit() and 1 <= int(said) <= len(self.buttons):
            return self.buttons[int(said) - 1]
        return None
