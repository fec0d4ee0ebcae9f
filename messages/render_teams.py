"""Adaptive Cards 1.5 (Microsoft Teams) from the channel-neutral Message.

title → a heading TextBlock; text → wrapped TextBlocks (split at paragraphs, lines, words); fields → a
FactSet; items → a bulleted TextBlock; context → a small subtle TextBlock; buttons → ActionSets of
`Action.Submit` (data {"action_id", "value"}, read back by `submitted`) or `Action.OpenUrl` for link
buttons. Several messages share a card, a separator line between them.

Teams refuses a message larger than about 100 KB (the activity as UTF-8 JSON). A card is kept under
`CARD_BUDGET` bytes; what does not fit goes on to the next card, marked "(fortsatt)", at most `MAX_CARDS`
cards; the rest is left out with the "truncated_note" saying how much. Nothing is ever rejected.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from messages.formatting import format_number
from messages.i18n import t
from messages.model import Button, Message
from messages.render_text import clean, clip, one_line, shorten, split_text, text_and_hint, to_fallback_text

Element = dict[str, Any]

CARD_VERSION = "1.5"
CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MAX_ACTIVITY_BYTES = 100_000  # Teams' limit for one message, the whole activity
CARD_BUDGET = 90_000  # bytes of one card: room left for the activity around it
MAX_CARDS = 3
TEXT_PIECE = 4_000  # characters of one TextBlock
FACT_TITLE, FACT_VALUE = 300, 2_000
BUTTON_TITLE, BUTTON_VALUE, BUTTON_URL, ACTION_ID = 75, 2_000, 2_048, 255
ACTIONS_PER_SET = 6  # Teams shows at most six actions in a row
MAX_BUTTONS = 30
SUMMARY = 280  # the activity's text: what a notification shows
STYLES = {"primary": "positive", "danger": "destructive"}


@dataclass
class TeamsPayload:
    """One message activity: `text` for notifications and search, `card` the Adaptive Card it carries."""

    text: str
    card: dict[str, Any]

    def attachment(self) -> dict[str, Any]:
        return {"contentType": CONTENT_TYPE, "content": self.card}


def size(value: Any) -> int:
    """Bytes of `value` as it travels (compact UTF-8 JSON)."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def submit_data(action_id: str, value: str) -> dict[str, str]:
    return {"action_id": action_id, "value": value}


def submitted(value: Any) -> tuple[str, str | None] | None:
    """(action_id, value) of an Action.Submit's data as Teams sends it back (`activity.value`), else None."""
    if not isinstance(value, dict):
        return None
    action_id = value.get("action_id")
    if not isinstance(action_id, str) or not action_id.strip():
        return None
    raw = value.get("value")
    return action_id, None if raw is None else str(raw)


def _text_block(text: str, **style: Any) -> Element:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def _title(title: str, suffix: str = "") -> Element:
    return _text_block(f"{title} {suffix}".strip(), weight="Bolder", size="Medium", style="heading")


def _texts(text: str | None) -> list[Element]:
    return [_text_block(piece.strip("\n")) for piece in split_text(clean(text), TEXT_PIECE) if piece.strip()]


def _facts(message: Message) -> list[Element]:
    facts = [{"title": shorten(one_line(f.label), FACT_TITLE), "value": shorten(clean(f.value), FACT_VALUE)}
             for f in message.fields if one_line(f.label) or clean(f.value).strip()]
    return [{"type": "FactSet", "facts": facts[i : i + 20]} for i in range(0, len(facts), 20)]


def _items(items: list[str]) -> list[Element]:
    """Bullet lines packed into TextBlocks of at most TEXT_PIECE characters."""
    blocks: list[Element] = []
    lines: list[str] = []
    for item in items:
        body = clean(item)
        if not body.strip():
            continue
        for piece in split_text("- " + body.replace("\n", " "), TEXT_PIECE):
            if lines and sum(len(x) + 1 for x in lines) + len(piece) > TEXT_PIECE:
                blocks.append(_text_block("\n".join(lines)))
                lines = []
            lines.append(piece)
    if lines:
        blocks.append(_text_block("\n".join(lines)))
    return blocks


def _action(button: Button) -> Element | None:
    title = shorten(one_line(button.label), BUTTON_TITLE)
    if not title:
        return None
    url = clip((button.url or "").strip(), BUTTON_URL + 1)
    if url.startswith(("https://", "http://")) and len(url) <= BUTTON_URL:
        return {"type": "Action.OpenUrl", "title": title, "url": url}
    action: Element = {"type": "Action.Submit", "title": title,
                       "data": submit_data(clip(button.action_id.strip(), ACTION_ID) or "button",
                                           clip(button.value, BUTTON_VALUE))}
    if button.style in STYLES:
        action["style"] = STYLES[button.style]
    return action


def _action_sets(buttons: list[Button]) -> list[Element]:
    actions = [a for a in map(_action, buttons[:MAX_BUTTONS]) if a]
    return [{"type": "ActionSet", "actions": actions[i : i + ACTIONS_PER_SET]}
            for i in range(0, len(actions), ACTIONS_PER_SET)]


def _context(raw: str | None) -> list[Element]:
    text = clean(raw).strip()
    return [_text_block(shorten(text, TEXT_PIECE), size="Small", isSubtle=True)] if text else []


@dataclass
class _Part:
    """One message's elements: the title, then the body (may be cut off), then its buttons and context."""

    title: str
    body: list[Element]
    tail: list[Element]
    fallback: str

    def elements(self) -> list[Element]:
        return ([_title(self.title)] if self.title else []) + self.body + self.tail


def _part(message: Message) -> _Part | None:
    title = shorten(one_line(message.title), TEXT_PIECE)
    body = _texts(text_and_hint(message)) + _facts(message) + _items(message.items)
    tail = _action_sets(message.buttons) + _context(message.context)
    if not title and not body and not tail:
        return None
    return _Part(title, body, tail, to_fallback_text(message))


def _card(body: list[Element], lang: str) -> dict[str, Any]:
    return {"type": "AdaptiveCard", "$schema": CARD_SCHEMA, "version": CARD_VERSION, "lang": lang, "body": body}


@dataclass
class _Cards:
    lang: str
    budget: int
    cards: list[list[Element]] = field(default_factory=lambda: [[]])
    hidden: int = 0
    texts: list[list[str]] = field(default_factory=lambda: [[]])

    def _fits(self, elements: list[Element]) -> bool:
        return size(_card(self.cards[-1] + elements, self.lang)) <= self.budget

    def _next_card(self, part: _Part) -> bool:
        if len(self.cards) == MAX_CARDS:
            return False
        marker = _title(part.title, t(self.lang, "continued")) if part.title else \
            _context(t(self.lang, "continued"))[0]
        self.cards.append([marker])
        self.texts.append([f"{part.fallback} {t(self.lang, 'continued')}"])
        return True

    def add(self, part: _Part) -> None:
        if self.hidden:
            self.hidden += 1 + len(part.body)
            return
        first = bool(self.cards[-1])
        elements = part.elements()
        if first:
            elements = [{**elements[0], "separator": True}, *elements[1:]]
        if self._fits(elements):
            self.cards[-1] += elements
            self.texts[-1].append(part.fallback)
            return
        if first and size(_card(part.elements(), self.lang)) <= self.budget and len(self.cards) < MAX_CARDS:
            self.cards.append(part.elements())
            self.texts.append([part.fallback])
            return
        self._element_by_element(part, elements)

    def _element_by_element(self, part: _Part, elements: list[Element]) -> None:
        self.texts[-1].append(part.fallback)
        tail = part.tail
        for index, element in enumerate(elements[: len(elements) - len(tail)]):
            if self._fits([element, *tail]):
                self.cards[-1].append(element)
                continue
            if (self._next_card(part) and self._fits([element, *tail])):
                self.cards[-1].append(element)
                continue
            self.hidden = max(1, len(elements) - len(tail) - index)
            break
        if self.hidden:
            self.cards[-1].append(self.note_placeholder())
        self.cards[-1] += tail

    def note_placeholder(self) -> Element:
        return {"type": "TextBlock", "text": "", "wrap": True, "size": "Small", "isSubtle": True, "id": "note"}

    def finish(self) -> list[TeamsPayload]:
        payloads = []
        note = t(self.lang, "truncated_note", hidden=format_number(self.hidden, self.lang)) if self.hidden else ""
        for body, texts in zip(self.cards, self.texts, strict=True):
            if not body:
                continue
            body = [{**e, "text": note} if e.get("id") == "note" else e for e in body]
            summary = shorten(one_line(" · ".join(x for x in texts if x)), SUMMARY)
            payloads.append(TeamsPayload(summary, _card(body, self.lang)))
        return payloads


NOTE_ROOM = 600  # bytes kept free in every card for the shortening note


def pressed_title(card: dict[str, Any], action_id: str, value: str | None) -> str | None:
    """The title of the card's Action.Submit that carries (action_id, value), if there is one."""
    for element in card.get("body", []):
        for action in element.get("actions", []) if element.get("type") == "ActionSet" else []:
            if action.get("type") == "Action.Submit" and submitted(action.get("data")) == (action_id, value or ""):
                return str(action.get("title") or "")
    return None


def answered(card: dict[str, Any], note: str) -> dict[str, Any]:
    """The card after its button was pressed: no more Action.Submit buttons (links stay), and `note` at the end."""
    body: list[Element] = []
    for element in card.get("body", []):
        if element.get("type") == "ActionSet":
            links = [a for a in element.get("actions", []) if a.get("type") != "Action.Submit"]
            if links:
                body.append({**element, "actions": links})
            continue
        body.append(element)
    return {**card, "body": [*body, _text_block(shorten(one_line(note), TEXT_PIECE), size="Small", isSubtle=True)]}


def to_adaptive_cards(messages: list[Message], lang: str, *, budget: int = CARD_BUDGET) -> list[TeamsPayload]:
    """What to send, in order: the messages in at most MAX_CARDS cards, each under `budget` bytes."""
    cards = _Cards(lang, budget - NOTE_ROOM)
    for part in filter(None, map(_part, messages)):
        cards.add(part)
    return cards.finish()

