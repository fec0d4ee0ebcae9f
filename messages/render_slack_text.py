"""Slack mrkdwn for plain text: escaping (&, <, >), http(s) URLs as explicit links, and what a text
costs of a post's budget once escaped (counted in UTF-16 units, as Slack counts)."""

from __future__ import annotations

import re
from typing import Any

from messages.render_text import slen

LINK_URL = 2000  # longer URLs stay plain text

URL = re.compile(r"(https?://[^\s<>|\"]+)")
_URL_TRAILING = ".,;:!?'*_~"


def escape(text: str) -> str:
    """Slack's escaping for text sent as mrkdwn (also right for the top-level `text`)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _link_target(url: str) -> str | None:
    """The URL a matched http(s) word links to (trailing punctuation left out), or None."""
    while url and (url[-1] in _URL_TRAILING or (url[-1] == ")" and url.count("(") < url.count(")"))):
        url = url[:-1]
    return url if len(url) > len("https://") and len(url) <= LINK_URL else None


def _link(word: str) -> str:
    url = _link_target(word)
    return f"<{escape(url)}>{escape(word[len(url):])}" if url else escape(word)


def mrkdwn(raw: str) -> str:
    """Plain text as Slack mrkdwn: escaped, with http(s) URLs as explicit links."""
    if "http" not in raw:
        return escape(raw)
    return "".join(_link(part) if i % 2 else escape(part) for i, part in enumerate(URL.split(raw)))


def measure(raw: str) -> int:
    """slen(mrkdwn(raw)), without building the string."""
    size = slen(raw) + 4 * raw.count("&") + 3 * (raw.count("<") + raw.count(">"))
    if "http" in raw:
        size += 2 * sum(1 for match in URL.finditer(raw) if _link_target(match.group(0)))
    return size


def cost(node: Any) -> int:
    """The text in a block: its strings, except type and style names."""
    if isinstance(node, dict):
        node = [value for key, value in node.items() if key not in ("type", "style")]
    if isinstance(node, list):
        return sum(map(cost, node))
    return slen(node) if isinstance(node, str) else 0
