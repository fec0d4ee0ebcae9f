"""Plain text from the channel-neutral Message: terminal (`digibot ask`), e-mail bodies, notification text.

A message reads the way a user would see it:

    Styringsgruppemøte
    Neste møte er torsdag.
    Sted: Bergen
    • Budsjett 2027
    [Meld på] [Avslå]
    Agenda: https://example.org/agenda
    (Sendt av sekretariatet)

Messages are separated by one blank line; no line has trailing whitespace.

The small text helpers here (`clean`, `clip`, `one_line`, `slen`, `shorten`, `split_text`) are shared with the
other renderers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence

from messages.model import Message

ELLIPSIS = "…"
BULLET = "• "
FALLBACK_LINE = 150  # characters per line of to_fallback_text

# C0/C1 control characters except tab and newline (terminal escapes, NULs, bells) and lone surrogates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Anything clean() would change: a character it replaces or drops, white space ending a line (or the text;
# a blank line too), a newline starting the text.
_UNCLEAN = re.compile(r"[\r\u2028\u2029\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]|\s\n|\s\Z|\A\n")

Measure = Callable[[str], int]


def slen(text: str) -> int:
    """Length in UTF-16 code units (what the strictest counter of a length limit would see; >= len())."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def clip(text: str, limit: int) -> str:
    """A prefix of `text` of at most `limit` UTF-16 units, without ellipsis or lone surrogates (ids, values)."""
    text = _SURROGATE.sub("", text)
    while slen(text) > limit:
        text = text[: min(len(text) - 1, limit)]
    return text


def clean(text: str | None) -> str:
    """`text` with unified newlines, without control characters, trailing spaces or runs of blank lines."""
    if not text:
        return ""
    if _UNCLEAN.search(text) is None:  # most texts (every short answer's lines) have nothing to clean
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def one_line(text: str | None) -> str:
    """`text` cleaned and folded onto one line with single spaces."""
    return " ".join(clean(text).split())


def shorten(text: str, limit: int, measure: Measure = slen) -> str:
    """`text` if `measure(text) <= limit`, else a prefix ending in "…" that fits (cut at a word if cheap)."""
    if measure(text) <= limit:
        return text
    if limit < 1:
        return ""

    def fits(i: int) -> bool:
        return measure(text[:i].rstrip() + ELLIPSIS) <= limit

    lo, hi = 0, min(len(text), limit)  # measure(s) >= len(s), so no longer prefix can fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    cut = text[:lo]
    space = cut.rfind(" ")
    if space > 0.8 * len(cut):
        cut = cut[:space]
    while cut and measure(cut.rstrip() + ELLIPSIS) > limit:  # measures need not be monotone
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def split_text(text: str, limit: int, measure: Measure = slen) -> list[str]:
    """`text` cut into pieces with `measure(piece) <= limit`, at paragraphs, else lines, else words.

    `measure` must be additive over whitespace-separated parts (true for escaping and slen).
    Joining the pieces with the right separators gives `text` back; pieces may be blank.
    """
    return _split(text, limit, measure, ("\n\n", "\n", " "))


def _split(text: str, limit: int, measure: Measure, seps: Sequence[str]) -> list[str]:
    if measure(text) <= limit:
        return [text]
    if seps == (" ",):
        return _split_words(text, limit, measure)
    sep, finer = seps[0], seps[1:]
    sep_size = measure(sep)
    pieces: list[str] = []
    current: str | None = None
    size = 0
    for part in text.split(sep):
        part_size = measure(part)
        if part_size > limit:
            if current is not None:
                pieces.append(current)
                current = None
            pieces.extend(_split(part, limit, measure, finer))
        elif current is None:
            current, size = part, part_size
        elif size + sep_size + part_size <= limit:
            current, size = current + sep + part, size + sep_size + part_size
        else:
            pieces.append(current)
            current, size = part, part_size
    if current is not None:
        pieces.append(current)
    return pieces


def _split_words(text: str, limit: int, measure: Measure) -> list[str]:
    """Longest pieces that fit, cut at a space, or inside a word (say, a huge URL) that fits nowhere."""
    pieces: list[str] = []
    while len(text) > limit or measure(text) > limit:  # measure(s) >= len(s): skip it for long texts
        end = _longest_prefix(text, limit, measure)
        space = text.rfind(" ", 0, end + 1)
        cut, skip = (space, 1) if space > 0 else (end, 0)
        while cut > 1 and measure(text[:cut]) > limit:  # measures need not be monotone (links)
            cut, skip = cut - 1, 0
        pieces.append(text[:cut])
        text = text[cut + skip :]
    return [*pieces, text] if text else pieces


def _longest_prefix(text: str, limit: int, measure: Measure) -> int:
    """The largest n >= 1 with measure(text[:n]) <= limit (1 if none)."""
    lo, hi = 1, min(len(text), max(limit, 1))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _hanging(first: str, body: str, indent: str = "  ") -> list[str]:
    """`first` + the first line of `body`, later lines indented."""
    head, *rest = body.split("\n")
    return [(first + head).rstrip()] + [(indent + line).rstrip() for line in rest]


def text_and_hint(message: Message) -> str | None:
    """The message's text, followed by its button hint when it has buttons to show (Message.button_hint)."""
    hint = clean(message.button_hint).strip() if message.buttons else ""
    if not hint:
        return message.text
    text = clean(message.text).strip()
    return f"{text}\n\n{hint}" if text else hint


def message_lines(message: Message) -> list[str]:
    """The lines of one message as plain text."""
    lines: list[str] = []
    title = one_line(message.title)
    if title:
        lines.append(title)
    text = clean(text_and_hint(message))
    if text.strip():
        lines.extend(text.split("\n"))
    for field in message.fields:
        label, value = one_line(field.label), clean(field.value)
        if label:
            lines.extend(_hanging(f"{label}: ", value))
        elif value.strip():
            lines.extend(_hanging("", value))
    for item in message.items:
        body = clean(item)
        if body.strip():
            lines.extend(_hanging(BULLET, body))
    labels = [f"[{label}]" for b in message.buttons if not b.url and (label := one_line(b.label))]
    if labels:
        lines.append(" ".join(labels))
    for button in message.buttons:
        url = one_line(button.url)
        if url:
            label = one_line(button.label)
            lines.append(f"{label}: {url}" if label else url)
    context = clean(message.context)
    if context.strip():
        lines.extend(f"({context})".split("\n"))
    return [line.rstrip() for line in lines]


def to_text(messages: list[Message], lang: str) -> str:
    """The messages as plain text, one blank line between messages, no trailing whitespace.

    `lang` is accepted for symmetry with the other renderers; all words come from the messages.
    """
    del lang
    blocks = ["\n".join(lines) for message in messages if (lines := message_lines(message))]
    return "\n\n".join(block.strip() for block in blocks if block.strip())


def _summary_lines(message: Message) -> Iterator[str]:
    yield one_line(message.title)
    yield next((one_line(line) for line in clean(message.text).split("\n") if line.strip()), "")
    for field in message.fields:
        yield one_line(f"{field.label}: {field.value}" if one_line(field.label) else field.value)
    for item in message.items:
        yield BULLET + one_line(item) if one_line(item) else ""
    yield one_line(message.context)
    for button in message.buttons:
        yield one_line(button.label)


def to_fallback_text(message: Message) -> str:
    """A one- or two-line summary (title and first line of text, or whatever comes first), for notifications."""
    lines = (shorten(line, FALLBACK_LINE) for line in _summary_lines(message) if line.strip())
    return "\n".join(itertools.islice(lines, 2))
