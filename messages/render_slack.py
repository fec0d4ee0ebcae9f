"""Slack Block Kit from the channel-neutral Message.

title → header; text → mrkdwn sections (split at paragraphs, lines, words); fields → sections of ≤ 10
"*Label*\\nvalue"; items → "• item" lines packed into sections; buttons → actions blocks; context →
context block. Every payload keeps Slack's limits, counted in UTF-16 units on the text as sent (see the
constants), including the undocumented total for one post (`msg_blocks_too_long` near 12,000
characters). action_ids are unique within a post: repeats get "#2", "#3" (`base_action_id` strips it).
User text is escaped (&, <, >) and sent `verbatim`, so it cannot mention <!channel>, users or channels;
http(s) URLs become explicit links. Long answers go out as up to 3 posts, continuations marked
"(fortsatt)"; the rest is left out with a "truncated_note" saying how much.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from messages.formatting import format_number
from messages.i18n import t
from messages.model import Button, Field, Message
from messages.render_slack_text import URL, cost, escape, measure, mrkdwn
from messages.render_text import clean, clip, one_line, shorten, slen, split_text, text_and_hint, to_fallback_text

Block = dict[str, Any]
Sized = tuple[Block, int]  # a block and what it costs of a post's text budget
Weighted = tuple[Block, int, int]  # a body block, the entries it shows (for the shortening note), its text's size

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_PAYLOADS = 3
POST_BUDGET = 10_000  # all text of one post's blocks; Slack rejects somewhere above 11,000
HOME_BUDGET = 24_000  # no documented total for views; kept bounded anyway
BLOCK_OVERHEAD = 30  # counted per block on top of its text
SECTION_TEXT = 3000  # also the most text one fields section carries
FIELD_TEXT, FIELD_LABEL, FIELDS_PER_SECTION = 2000, 300, 10
HEADER_TEXT = 150
BUTTON_TEXT, BUTTON_VALUE, BUTTON_URL, ACTION_ID, BUTTONS_PER_BLOCK = 75, 2000, 3000, 255, 25
MAX_BUTTONS = 50  # per message; the buttons' text (labels, ids, values, URLs) at most SECTION_TEXT
CONTEXT_TEXT = 2000  # one element
FALLBACK_TEXT = 3000
MIN_SPILL = 4  # split a message onto the end of a post only if this many of its blocks fit there

_SUFFIX = re.compile(r"#\d+$")
DIVIDER: Block = {"type": "divider"}


@dataclass
class SlackPayload:
    """One post: `text` is the plain fallback shown in notifications, `blocks` the message itself."""

    text: str
    blocks: list[dict[str, Any]]


def _sized(block: Block) -> Sized:
    return block, cost(block) + BLOCK_OVERHEAD


def _md(text: str) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _md(text)}


def base_action_id(action_id: str) -> str:
    """The handler's action_id of a rendered button ("approve#2" → "approve")."""
    return _SUFFIX.sub("", action_id)


def _header(title: str, suffix: str = "") -> Block:
    room = HEADER_TEXT - (slen(suffix) + 1 if suffix else 0)
    text = shorten(title, room) + (f" {suffix}" if suffix else "")
    return {"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}


def _context(raw: str | None) -> Block | None:
    text = clean(raw).strip()
    return {"type": "context", "elements": [_md(mrkdwn(shorten(text, CONTEXT_TEXT, measure)))]} if text else None


def _text_blocks(text: str | None) -> list[Weighted]:
    """Sections for a text, each with its weight (the lines it shows) for the shortening note."""
    blocks: list[Weighted] = []
    for piece in split_text(clean(text), SECTION_TEXT, measure):
        piece = piece.strip("\n")
        if piece.strip():
            rendered = mrkdwn(piece)
            blocks.append((_section(rendered), max(1, sum(1 for x in piece.split("\n") if x.strip())),
                           slen(rendered)))
    return blocks


def _field_text(item: Field) -> str | None:
    label = shorten(one_line(item.label).replace("*", "∗"), FIELD_LABEL)
    value = clean(item.value)
    if not label and not value.strip():
        return None
    head = f"*{escape(label)}*" if label else ""
    if not value.strip():
        return head
    prefix = head + "\n" if head else ""
    return prefix + mrkdwn(shorten(value, FIELD_TEXT - slen(prefix), measure))


def _field_blocks(fields: list[Field]) -> list[Weighted]:
    """Sections of at most 10 fields and SECTION_TEXT characters."""
    groups: list[list[str]] = []
    sizes: list[int] = []
    for text in filter(None, map(_field_text, fields)):
        length = slen(text)
        if not groups or len(groups[-1]) == FIELDS_PER_SECTION or sizes[-1] + length > SECTION_TEXT:
            groups.append([])
            sizes.append(0)
        groups[-1].append(text)
        sizes[-1] += length
    return [({"type": "section", "fields": [_md(x) for x in group]}, len(group), size)
            for group, size in zip(groups, sizes, strict=True)]


def _item_blocks(items: list[str]) -> list[Weighted]:
    """Bullet lines packed into as few sections as fit; an item too long for one section is split."""
    blocks: list[Weighted] = []
    lines: list[str] = []
    size = count = 0
    for item in items:
        body = clean(item)
        if not body.strip():
            continue
        raw = "• " + body.replace("\n", "\n   ")
        whole = mrkdwn(raw)
        length = slen(whole)
        pieces = [(whole, length)] if length <= SECTION_TEXT else [
            (piece, slen(piece)) for piece in (mrkdwn(p.strip("\n"))
                                               for p in split_text(raw, SECTION_TEXT, measure) if p.strip())]
        for index, (rendered, length) in enumerate(pieces):
            if lines and size + 1 + length > SECTION_TEXT:
                blocks.append((_section("\n".join(lines)), count, size))
                lines, size, count = [], 0, 0
            lines.append(rendered)
            size += (1 if len(lines) > 1 else 0) + length
            count += 1 if index == 0 else 0
    if lines:
        blocks.append((_section("\n".join(lines)), count, size))
    return blocks


def _button(button: Button) -> dict[str, Any] | None:
    label = shorten(one_line(button.label), BUTTON_TEXT)
    if not label:
        return None
    element: dict[str, Any] = {"type": "button", "text": {"type": "plain_text", "text": label, "emoji": True},
                               "action_id": clip(button.action_id.strip(), ACTION_ID) or "button"}
    if value := clip(button.value, BUTTON_VALUE):
        element["value"] = value
    if button.style in ("primary", "danger"):
        element["style"] = button.style
    if url := _button_url(button.url):
        element["url"] = url
    return element


def _button_url(url: str | None) -> str | None:
    """`url` if Slack will take it for a link button (http(s), a host, ≤ 3,000), else None."""
    url = clip((url or "").strip(), BUTTON_URL + 1)
    try:
        return url if URL.fullmatch(url) and urlsplit(url).hostname and slen(url) <= BUTTON_URL else None
    except ValueError:  # e.g. a broken [IPv6] host
        return None


def _action_blocks(buttons: list[Button]) -> tuple[list[Sized], int, int]:
    """Actions blocks of ≤ 25 buttons (≤ MAX_BUTTONS, ≤ SECTION_TEXT of text), buttons shown, buttons left out."""
    elements = [b for b in map(_button, buttons) if b]
    shown: list[dict[str, Any]] = []
    size = 0
    for element in elements[:MAX_BUTTONS]:
        if size + cost(element) > SECTION_TEXT:
            break
        shown.append(element)
        size += cost(element)
    blocks = [_sized({"type": "actions", "elements": shown[i : i + BUTTONS_PER_BLOCK]})
              for i in range(0, len(shown), BUTTONS_PER_BLOCK)]
    return blocks, len(shown), len(elements) - len(shown)


@dataclass
class _Parts:
    """One message's blocks: kept whole (head, actions, context) or shortened from the end (body)."""

    head: list[Sized]
    body: list[Sized]
    suffix: list[int]  # suffix[i] = weight of body[i:]
    actions: list[Sized]
    context: list[Sized]
    buttons: int
    hidden_buttons: int
    title: str
    fallback: str

    @property
    def entries(self) -> int:
        return max(1, self.suffix[0] + self.buttons + self.hidden_buttons)


def _parts(message: Message) -> _Parts | None:
    title = one_line(message.title)
    weighted = _text_blocks(text_and_hint(message)) + _field_blocks(message.fields) + _item_blocks(message.items)
    suffix = [0] * (len(weighted) + 1)
    for i in range(len(weighted) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + weighted[i][1]
    actions, shown, hidden = _action_blocks(message.buttons)
    context = _context(message.context)
    if not title and not weighted and not actions and context is None:
        return None
    body = [(block, size + BLOCK_OVERHEAD) for block, _, size in weighted]  # what _sized would count, known already
    return _Parts([_sized(_header(title))] if title else [], body, suffix, actions,
                  [_sized(context)] if context else [], shown, hidden, title, to_fallback_text(message))


@dataclass
class _Page:
    blocks: list[Block] = field(default_factory=list)
    cost: int = 0
    texts: list[str] = field(default_factory=list)

    def room(self, blocks: list[Sized], per: int, budget: int) -> int:
        """How many of `blocks`, from the start, still fit on this post."""
        count, cost = len(self.blocks), self.cost
        for n, (_, size) in enumerate(blocks):
            if count + n + 1 > per or cost + size > budget:
                return n
            cost += size
        return len(blocks)

    def add(self, blocks: list[Sized]) -> None:
        self.blocks += [b for b, _ in blocks]
        self.cost += sum(size for _, size in blocks)


def _note(hidden: int, lang: str) -> Sized:
    note = t(lang, "truncated_note", hidden=format_number(hidden, lang))
    return _sized({"type": "context", "elements": [_md(escape(shorten(note, CONTEXT_TEXT)))]})


def _stream(parts: _Parts, keep: int, extra_hidden: int, lang: str) -> list[Sized]:
    hidden = parts.hidden_buttons + extra_hidden
    if keep < len(parts.body):
        hidden += max(1, parts.suffix[keep])
    note = [_note(hidden, lang)] if hidden else []
    return parts.head + parts.body[:keep] + note + parts.actions + parts.context


def _layout(streams: list[tuple[_Parts, list[Sized]]], per: int, budget: int, lang: str, whole: bool) -> list[_Page]:
    """Messages into posts within `per` blocks and `budget`, dividers between messages.

    `whole`: a message that does not fit on the current post but would fit on a post of its own starts one.
    """
    pages: list[_Page] = []
    page = _Page()
    continued = t(lang, "continued")
    for parts, blocks in streams:
        seq = ([_sized(DIVIDER)] if page.blocks else []) + blocks
        if page.room(seq, per, budget) == len(seq):
            page.add(seq)
            page.texts.append(parts.fallback)
            continue
        alone = _Page().room(blocks, per, budget) == len(blocks)
        if page.blocks and ((whole and alone) or page.room(seq, per, budget) < min(MIN_SPILL, len(seq))):
            pages.append(page)
            page, seq = _Page(), blocks
        text = parts.fallback
        while seq:
            n = page.room(seq, per, budget) or (1 if len(page.blocks) <= 1 else 0)  # a lone block always goes
            page.add(seq[:n])
            page.texts += [text] if n else []
            seq = seq[n:]
            if seq:
                pages.append(page)
                marker = _header(parts.title, continued) if parts.title else _context(continued)
                page = _Page()
                page.add([_sized(marker)] if marker else [])
                text = f"{parts.fallback} {continued}"
    if page.blocks:
        pages.append(page)
    return pages


def _unique_action_ids(blocks: list[Block]) -> list[Block]:
    seen: set[str] = set()

    def unique(action_id: str) -> str:
        candidate, n = action_id, 1
        while candidate in seen:
            n += 1
            candidate = clip(action_id, ACTION_ID - len(f"#{n}")) + f"#{n}"
        seen.add(candidate)
        return candidate

    return [{**b, "elements": [{**e, "action_id": unique(e["action_id"])} for e in b["elements"]]}
            if b["type"] == "actions" else b for b in blocks]


def _largest(lo: int, hi: int, ok: Callable[[int], bool]) -> int:
    """The largest n in [lo, hi] with ok(n), assuming ok is monotone and ok(lo)."""
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if ok(mid) else (lo, mid - 1)
    return lo


def _fit(all_parts: list[_Parts], per: int, budget: int, max_pages: int, lang: str) -> list[_Page]:
    """Lay the messages out in at most `max_pages` posts, shortening from the end of the longest bodies."""

    def attempt(count: int, keep: list[int]) -> list[_Page] | None:
        extra = sum(p.entries for p in all_parts[count:])
        streams = [(p, _stream(p, keep[i], extra if i == count - 1 else 0, lang))
                   for i, p in enumerate(all_parts[:count])]
        for whole in (True, False):
            pages = _layout(streams, per, budget, lang, whole)
            if len(pages) <= max_pages:
                return pages
        return None

    sizes = [len(p.body) for p in all_parts]
    pages = attempt(len(all_parts), sizes)
    if pages is None:
        # how many messages can show at least the start of their body, then how much of every body
        count = _largest(1, len(all_parts), lambda c: attempt(c, [min(s, 1) for s in sizes[:c]]) is not None)
        sizes = sizes[:count]
        cap = _largest(0, max(sizes), lambda c: attempt(count, [min(s, c) for s in sizes]) is not None)
        keep = [min(s, cap) for s in sizes]
        for i in range(count):  # hand out what is left, first come first served
            while keep[i] < sizes[i]:
                keep[i] += 1
                if attempt(count, keep) is None:
                    keep[i] -= 1
                    break
        pages = attempt(count, keep) or attempt(1, [0]) or []
    for page in pages[:max_pages]:
        page.blocks = _unique_action_ids(page.blocks)
    return pages[:max_pages]


def to_blocks(message: Message, lang: str) -> list[dict[str, Any]]:
    """One message as blocks for a single post (≤ 50 blocks; shortened with a note if need be)."""
    parts = _parts(message)
    if parts is None:
        return []
    return [block for page in _fit([parts], MAX_BLOCKS, POST_BUDGET, 1, lang) for block in page.blocks]


def to_slack_messages(messages: list[Message], lang: str, *, budget: int = POST_BUDGET,
                      fallback: int = FALLBACK_TEXT) -> list[SlackPayload]:
    """What to post, in order: the messages packed into at most 3 posts, each one Slack accepts (`budget`:
    characters of the blocks' text per post; `fallback`: of the plain text)."""
    all_parts = [p for p in map(_parts, messages) if p]
    if not all_parts:
        return []
    pages = _fit(all_parts, MAX_BLOCKS, budget, MAX_PAYLOADS, lang)
    texts = ["\n".join(x for x in page.texts if x) for page in pages]
    return [SlackPayload(escape(shorten(text, fallback, lambda s: slen(escape(s)))), page.blocks)
            for text, page in zip(texts, pages, strict=True)]


def to_home_view(messages: list[Message], lang: str) -> dict[str, Any]:
    """An App Home view of the messages (≤ 100 blocks), dividers between them."""
    all_parts = [p for p in map(_parts, messages) if p]
    pages = _fit(all_parts, MAX_HOME_BLOCKS, HOME_BUDGET, 1, lang) if all_parts else []
    blocks = [block for page in pages for block in page.blocks]
    return {"type": "home", "blocks": blocks or [_section(escape(t(lang, "render_empty")))]}
