"""The `rooms:` section: broadcast-only channels reached through a webhook (spec/network-file.md).

A room names its kind, where its webhook URL is (`url_env`: the environment variable that holds it, or
`url:` itself), the groups whose messages it receives and which kinds of message. A URL is a secret: no
problem message ever repeats it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from storage.importer.records import RoomRec
from storage.importer.values import Entry, describe
from storage.vocabulary import LANGUAGES, ROOM_KINDS, ROOM_MESSAGE_KINDS

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,199}")
MAX_URL = 2000


def _url_env(e: Entry) -> str | None:
    value = e.text("url_env")
    if value is None:
        return None
    name = value.strip()
    if "://" in name:  # the URL itself, by mistake: a secret, not repeated
        e.problem("url_env", "this is a URL, not the name of an environment variable: put the URL in an "
                             "environment variable and name it here (the value is not repeated, it is a secret)")
        return None
    if not _ENV_NAME.fullmatch(name):
        e.problem("url_env", f"not the name of an environment variable: {describe(value)} "
                             "(letters, digits and _, for example RESSURSGRUPPA_WEBHOOK_URL)")
        return None
    return name


def _url(e: Entry) -> str | None:
    value = e.raw("url")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        e.problem("url", "expected the webhook's URL (text)")
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("https", "http") or not parts.hostname or len(url) > MAX_URL \
            or any(c.isspace() for c in url):
        e.problem("url", "not a webhook URL (expected https://...; the value is not repeated here, it is a secret)")
        return None
    return url


def parse_room(e: Entry) -> RoomRec | None:
    key = e.key("id")
    kind = e.choice("kind", ROOM_KINDS)
    if e.raw("kind") is None:
        e.problem("kind", f"missing (expected {', '.join(ROOM_KINDS)})")
    url_env, url = _url_env(e), _url(e)
    if e.raw("url_env") is None and e.raw("url") is None:
        e.problem("url_env", "missing: name the environment variable that holds the webhook URL (or give url:)")
    elif e.raw("url_env") is not None and e.raw("url") is not None:
        e.problem("url", "give url_env or url, not both")
    kinds = e.choices("kinds", ROOM_MESSAGE_KINDS) if e.raw("kinds") is not None else list(ROOM_MESSAGE_KINDS)
    if e.raw("kinds") is not None and not kinds and e.ok:
        e.problem("kinds", f"empty: the room would receive nothing (expected some of {', '.join(ROOM_MESSAGE_KINDS)})")
    rec = RoomRec(pos=e.index, key=key or "", kind=kind or "", url_env=url_env, url=url, groups=e.refs("groups"),
                  kinds=kinds, language=e.choice("language", LANGUAGES))
    return rec if e.ok and key is not None else None
