"""Slack's message markup back into the plain words a person typed.

Slack sends `<@U0BOT> hvem er koordinator i &lt;Askøy&gt;?` for "@digibot hvem er koordinator i <Askøy>?":
mentions, channel and link references are wrapped in angle brackets and &, <, > are escaped.
"""

from __future__ import annotations

import re

_REFERENCE = re.compile(r"<([^<>]*)>")
_SPACES = re.compile(r"[ \t]+")
_LEADING = re.compile(r"^[\s,:;]+")  # what is left of "@digibot: hjelp" once the mention is gone
MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")  # a colleague's mention without a label, as plain_text leaves it


def _reference(body: str, bot_user_id: str | None) -> str:
    target, _, label = body.partition("|")
    if target.startswith("@"):  # <@U123> or <@U123|kari>
        user_id = target[1:]
        if bot_user_id and user_id == bot_user_id:
            return ""
        return f"@{label}" if label else f"<@{user_id}>"
    if target.startswith("#"):  # <#C123|general>
        return f"#{label}" if label else target
    if target.startswith("!"):  # <!here>, <!channel>, <!subteam^S1|@team>, <!date^...|fallback>
        if label:
            return label
        return "@" + target[1:].split("^", 1)[0]
    if label:  # <https://example.org|the agenda>
        return label
    return target.removeprefix("mailto:")  # <https://example.org>, <mailto:kari@example.no>


def plain_text(text: str | None, bot_user_id: str | None = None) -> str:
    """The text without the bot's own mention, references as readable words, entities unescaped."""
    if not text:
        return ""
    unwrapped = _REFERENCE.sub(lambda m: _reference(m.group(1), bot_user_id), text)
    unescaped = unwrapped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    lines = [_SPACES.sub(" ", line).strip() for line in unescaped.splitlines()]
    return _LEADING.sub("", "\n".join(line for line in lines if line)).strip()


def mentioned(text: str) -> list[str]:
    """The Slack user ids of unlabelled mentions left in a plain_text result, each once."""
    return list(dict.fromkeys(MENTION.findall(text)))


def with_names(text: str, names: dict[str, str]) -> str:
    """Unlabelled mentions replaced by the person's name (when known); "Kven er <@U1>?" → "Kven er Kari Nordmann?"."""
    return MENTION.sub(lambda m: names.get(m.group(1), m.group(0)), text)
